"""Finding moved originals again by their content hash; relinking one photo to a chosen file.

Only files whose size equals a missing photo's size are hashed, so relinking a large folder
reads just the few candidates. One photo can also be pointed at a file the curator chose
(:func:`examine_replacement`, then :func:`store_replacement`): the file must decode whole,
and a file with other content than the original replaces it only when the curator confirms.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from curator.core.checks.preflight import DAMAGED_PROBLEMS
from curator.core.errors import UsageError
from curator.core.operations.changes import ChangeSet
from curator.core.operations.originals import DifferentContentError, NewOriginal, RelinkedPhoto
from curator.core.progress import Progress, ProgressCallback, no_progress
from curator.core.repositories.media import StoredThumbnail
from curator.core.services import ProjectService
from curator.i18n import _
from curator.ingest.analysis import FileAnalysis, analyse_file, file_sha256
from curator.ingest.scan import find_images

__all__ = [
    "DecodeCheck",
    "DifferentContentError",
    "RelinkReport",
    "RelinkedPhoto",
    "Replacement",
    "examine_replacement",
    "relink",
    "store_replacement",
]


@dataclass
class RelinkReport:
    """Which photos were found again and which are still missing."""

    relinked: list[tuple[str, Path]] = field(default_factory=list)
    still_missing: list[str] = field(default_factory=list)
    cancelled: bool = False
    #: What was written (the photos relinked).
    changes: ChangeSet = field(default_factory=ChangeSet)


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
        report.changes = service.operations.originals.relink(
            found, detail=folder_names, backup=backup
        )
    report.relinked = sorted(found.items())
    report.still_missing = [photo.id for photo in missing if photo.id not in found]
    return report


#: Why a file cannot be decoded (None when it decodes): the export's own check, given by the
#: caller (:func:`curator.export.originals.decode_error`), so relinking and preflight agree.
DecodeCheck = Callable[[Path], str | None]


@dataclass(frozen=True, slots=True)
class Replacement:
    """A file examined as a photo's new original: it decodes, and what it is."""

    path: Path
    analysis: FileAnalysis


def examine_replacement(path: Path, decode: DecodeCheck) -> Replacement:
    """Check a file chosen as an original: a regular image file that decodes whole.

    Reads only the file (no project): the window runs it off the GUI thread.

    Raises:
        UsageError: The file is missing, not a regular file, unreadable, not an image Curator
            reads, truncated or damaged, naming the file and why.
    """
    path = path.expanduser().absolute()
    analysis = analyse_file(path, skip_known=False)
    problem = analysis.problem
    if problem is None and analysis.metadata is not None:
        problem = next((p for p in analysis.metadata.problems if p.code in DAMAGED_PROBLEMS), None)
    reason = problem.message if problem is not None else decode(path)
    if reason is not None:
        raise UsageError(
            _("%(file)s cannot be used as an original: %(reason)s")
            % {"file": path, "reason": reason.rstrip(".") + "."},
            path=path,
        )
    return Replacement(path, analysis)


def store_replacement(
    service: ProjectService,
    photo_id: str,
    replacement: Replacement,
    *,
    accept_different: bool = False,
    backup: bool = True,
) -> RelinkedPhoto:
    """Make a checked file the photo's original.

    The same content (by hash) is a move: only the path changes. A different file replaces
    the original only when ``accept_different`` (the curator confirmed "use this file
    instead"): its hash, size, pixel size, orientation, thumbnail and problems are recorded;
    captions and layout stay. A snapshot is taken first (unless ``backup`` is False). The
    operation ``operations.originals.replace_file`` writes it.

    Raises:
        UsageError: No photo ``photo_id``; the file is another photo's original already.
        DifferentContentError: Different content and not ``accept_different``.
    """
    analysis = replacement.analysis
    problems = analysis.metadata.problems if analysis.metadata is not None else ()
    original = NewOriginal(
        replacement.path,
        analysis.sha256,
        analysis.file_size,
        analysis.width,
        analysis.height,
        analysis.orientation,
        StoredThumbnail(
            analysis.thumbnail_width, analysis.thumbnail_height, analysis.thumbnail_jpeg
        ),
        problems,
    )
    done, _changes = service.operations.originals.replace_file(
        photo_id, original, accept_different=accept_different, backup=backup
    )
    return done
