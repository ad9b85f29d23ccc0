"""Screen previews (~1600 px), kept in a cache folder beside the project.

Thumbnails live inside the project file; previews are twenty times larger, so they live in
``NAME.curator-cache/previews/`` and are rebuilt from the originals whenever they are
missing - deleting the folder loses nothing. Files are named by the original's content hash,
so a relinked photo keeps its preview. Each file is written to a temporary name and renamed,
so a crash never leaves a half-written preview.

A server project also keeps every preview in its database (``shared_preview``): the
workstation that has an original makes its preview and hands it to the server; a workstation
without the original takes it from there into its own cache folder (see
:mod:`curator.core.storage.preview_cache`). :func:`build_previews` does both.
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
from curator.core.storage.preview_cache import PREVIEW_SIZE, cache_dir, preview_path
from curator.core.storage.protected_files import ProtectedFiles
from curator.i18n import _
from curator.ingest.analysis import exit_with_parent, worker_count
from curator.ingest.imaging import ImagingError, make_preview

__all__ = [
    "PreviewReport",
    "build_previews",
    "cache_dir",
    "preview_path",
    "share_preview",
    "write_preview",
]

#: Previews handed to or taken from the server per transaction.
_SHARED_BATCH = 20


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
    #: Previews taken from the server into this workstation's cache (server projects).
    fetched: int = 0
    #: Previews handed to the server (server projects).
    shared: int = 0


def build_previews(
    service: ProjectService,
    on_progress: ProgressCallback = no_progress,
    cancel: threading.Event | None = None,
    workers: int | None = None,
) -> PreviewReport:
    """Make the previews that are missing, on every core; stops early on ``cancel``.

    On a server project, previews the server holds are taken from it first (no original
    needed), and those made here or already in this workstation's cache are handed to it.
    """
    cancel = cancel or threading.Event()
    report = PreviewReport()
    shared = _SharedPreviews.of(service)
    held = shared.held() if shared else set()
    local: dict[str, Path] = {}  # content hash -> an original here
    missing: list[str] = []
    seen: set[str] = set()
    for photo in service.photos.all():
        if photo.sha256 in seen:
            continue
        seen.add(photo.sha256)
        if preview_path(service.path, photo.sha256).is_file():
            local[photo.sha256] = photo.path
        elif photo.sha256 in held:
            missing.append(photo.sha256)
        elif photo.path.is_file():
            local[photo.sha256] = photo.path
    if shared and missing:
        report.fetched = shared.fetch(missing, report, on_progress, cancel)
    todo = [
        (path, preview_path(service.path, sha256))
        for sha256, path in local.items()
        if not preview_path(service.path, sha256).is_file()
    ]
    if todo and not cancel.is_set():
        _make(todo, report, on_progress, cancel, workers)
    if shared and shared.may_add and not cancel.is_set():
        unshared = [h for h in local if h not in held and preview_path(service.path, h).is_file()]
        report.shared = shared.hand_over(unshared, cancel)
    report.cancelled = cancel.is_set() and (
        report.made + report.failed < len(todo) or report.fetched < len(missing)
    )
    return report


def share_preview(service: ProjectService, sha256: str) -> bool:
    """Hand the server one preview just made in this workstation's cache; whether it went.

    The window makes a preview when it shows a photo that had none; on a server project that
    preview goes to the server at once (not at the next preview pass), so the other
    workstations can show the photo without its original. Runs on a worker thread, over a
    connection of its own. False for a project file, a login that may not add previews, a
    preview no longer in the cache, or a server that refused.
    """
    worker = service.for_thread()
    try:
        worker.login_rights = service.login_rights
        shared = _SharedPreviews.of(worker)
        if shared is None or not shared.may_add:
            return False
        return shared.hand_over([sha256], threading.Event()) == 1
    finally:
        worker.close()


def _make(
    todo: list[tuple[Path, Path]],
    report: PreviewReport,
    on_progress: ProgressCallback,
    cancel: threading.Event,
    workers: int | None,
) -> None:
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


class _SharedPreviews:
    """A server project's previews in its database, as this workstation uses them."""

    def __init__(self, service: ProjectService) -> None:
        self._service = service
        rights = service.login_rights
        #: Whether this login may add previews (a viewer, or a read-only opening, may not).
        self.may_add = not service.read_only and (rights is None or rights.role != "viewer")

    @classmethod
    def of(cls, service: ProjectService) -> _SharedPreviews | None:
        """The server's previews; None for a project file, or without the table.

        (A server project whose owner has not opened it with this Curator yet has none.)
        """
        if not service.store.is_server or not service.shared_previews.available():
            return None
        return cls(service)

    def held(self) -> set[str]:
        """The hashes whose preview the server holds."""
        return self._service.shared_previews.hashes(PREVIEW_SIZE)

    def fetch(
        self,
        hashes: list[str],
        report: PreviewReport,
        on_progress: ProgressCallback,
        cancel: threading.Event,
    ) -> int:
        """Write these previews from the server into this workstation's cache; how many."""
        fetched = 0
        for start in range(0, len(hashes), _SHARED_BATCH):
            if cancel.is_set():
                break
            batch = hashes[start : start + _SHARED_BATCH]
            for sha256, jpeg in self._service.shared_previews.jpegs(batch, PREVIEW_SIZE).items():
                target = preview_path(self._service.path, sha256)
                try:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    # This workstation's copy of the server's preview: nothing to protect.
                    write_atomically(target, jpeg, guard=ProtectedFiles.nothing(), sweep=False)
                except (OSError, CuratorError):
                    report.failed += 1
                    continue
                fetched += 1
            on_progress(
                Progress(start + len(batch), len(hashes), _("Taking previews from the server…"))
            )
        return fetched

    def hand_over(self, hashes: list[str], cancel: threading.Event) -> int:
        """Give the server these previews from this workstation's cache; how many went.

        Each batch is one transaction of ``operations.originals.share_previews`` (a cache,
        not an edit: no change set); a refusal ends the hand-over and the cache stays.
        """
        given = 0
        for start in range(0, len(hashes), _SHARED_BATCH):
            if cancel.is_set():
                break
            batch = []
            for sha256 in hashes[start : start + _SHARED_BATCH]:
                try:
                    batch.append((sha256, preview_path(self._service.path, sha256).read_bytes()))
                except OSError:
                    continue
            if not self._service.operations.originals.share_previews(batch, PREVIEW_SIZE):
                break  # the server refused (rights changed, server gone): the cache stays
            given += len(batch)
        return given
