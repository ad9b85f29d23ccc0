"""Screen previews (~1600 px), kept in a cache folder beside the project.

Thumbnails live inside the project file; previews are twenty times larger, so they live in
``NAME.curator-cache/previews/`` and are rebuilt from the originals whenever they are
missing - deleting the folder loses nothing. Files are named by the original's content hash,
so a relinked photo keeps its preview. Each file is written to a temporary name and renamed,
so a crash never leaves a half-written preview.
"""

from __future__ import annotations

import concurrent.futures as futures
import multiprocessing
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from curator.core.errors import CuratorError
from curator.core.progress import Progress, ProgressCallback, no_progress
from curator.core.services import ProjectService
from curator.core.storage.atomic_write import write_atomically
from curator.core.storage.protected_files import ProtectedFiles
from curator.i18n import _
from curator.ingest.analysis import exit_with_parent, worker_count
from curator.ingest.imaging import PREVIEW_SIZE, ImagingError, make_preview


def cache_dir(project: Path) -> Path:
    """The project's cache folder (it may not exist yet)."""
    return project.with_name(project.name + "-cache")


def preview_path(project: Path, sha256: str) -> Path:
    """Where the preview of the original with this hash is kept."""
    return cache_dir(project) / "previews" / sha256[:2] / f"{sha256}.jpg"


def write_preview(original: Path, target: Path, max_size: int = PREVIEW_SIZE) -> bool:
    """Make one preview file; False when the original cannot be read."""
    try:
        preview = make_preview(original, max_size)
    except (ImagingError, OSError):
        return False
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # Curator's own cache: nothing there a person named, so nothing to protect.
        write_atomically(target, preview.jpeg, guard=ProtectedFiles.nothing(), sweep=False)
    except (OSError, CuratorError):
        return False
    return True


@dataclass
class PreviewReport:
    """What a preview pass did."""

    made: int = 0
    failed: int = 0
    cancelled: bool = False


def build_previews(
    service: ProjectService,
    on_progress: ProgressCallback = no_progress,
    cancel: threading.Event | None = None,
    workers: int | None = None,
) -> PreviewReport:
    """Make the previews that are missing, on every core; stops early on ``cancel``."""
    cancel = cancel or threading.Event()
    todo = [
        (photo.path, preview_path(service.path, photo.sha256))
        for photo in service.photos.all()
        if photo.path.is_file() and not preview_path(service.path, photo.sha256).is_file()
    ]
    report = PreviewReport()
    if not todo:
        return report
    total = len(todo)
    context = multiprocessing.get_context("spawn")
    with futures.ProcessPoolExecutor(
        workers or worker_count(),
        mp_context=context,
        initializer=exit_with_parent,
        initargs=(os.getpid(),),
    ) as pool:
        pending = {pool.submit(write_preview, source, target) for source, target in todo}
        try:
            while pending and not cancel.is_set():
                done, pending = futures.wait(pending, timeout=0.2, return_when="FIRST_COMPLETED")
                for future in done:
                    ok = not future.exception() and future.result()
                    report.made += 1 if ok else 0
                    report.failed += 0 if ok else 1
                finished = report.made + report.failed
                on_progress(Progress(finished, total, _("Making previews…")))
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    report.cancelled = cancel.is_set() and report.made + report.failed < total
    return report
