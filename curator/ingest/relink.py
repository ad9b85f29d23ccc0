"""Finding moved originals again by their content hash.

Only files whose size equals a missing photo's size are hashed, so relinking a large folder
reads just the few candidates.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from curator.core.progress import Progress, ProgressCallback, no_progress
from curator.core.services import ProjectService
from curator.core.storage.backups import SnapshotReason, snapshot_before
from curator.i18n import _
from curator.ingest.analysis import file_sha256
from curator.ingest.scan import find_images


@dataclass
class RelinkReport:
    """Which photos were found again and which are still missing."""

    relinked: list[tuple[str, Path]] = field(default_factory=list)
    still_missing: list[str] = field(default_factory=list)
    cancelled: bool = False


def relink(
    service: ProjectService,
    folders: Iterable[Path],
    on_progress: ProgressCallback = no_progress,
    cancel: threading.Event | None = None,
    *,
    backup: bool = True,
) -> RelinkReport:
    """Look in ``folders`` for the originals of missing photos and record where they are.

    When some are found, a project snapshot is taken before their paths are rewritten
    (unless ``backup`` is False); if it fails, nothing is changed.
    """
    cancel = cancel or threading.Event()
    folders = list(folders)
    report = RelinkReport()
    missing = [photo for photo in service.photos.all() if not photo.path.is_file()]
    by_size: dict[int, list[str]] = {}
    for photo in missing:
        by_size.setdefault(photo.file_size, []).append(photo.sha256)
    by_hash = {photo.sha256: photo.id for photo in missing}
    files = find_images(folders, recursive=True).files
    candidates = []
    for path in files:
        try:
            if path.stat().st_size in by_size:
                candidates.append(path)
        except OSError:
            continue
    found: dict[str, Path] = {}
    for index, path in enumerate(candidates, start=1):
        if cancel.is_set():
            report.cancelled = True
            break
        try:
            digest = file_sha256(path)
        except OSError:
            continue
        if digest in by_hash and by_hash[digest] not in found:
            found[by_hash[digest]] = path
        on_progress(Progress(index, len(candidates), _("Checking %(file)s") % {"file": path.name}))
    if found:
        folder_names = ", ".join(str(folder) for folder in folders)
        snapshot_before(service.store, SnapshotReason.RELINK, folder_names, backup=backup)
        with service.store.transaction():
            for photo_id, path in found.items():
                service.photos.set_path(photo_id, path)
    report.relinked = sorted(found.items())
    report.still_missing = [photo.id for photo in missing if photo.id not in found]
    return report
