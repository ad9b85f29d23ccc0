"""Every original a product will print, decoded once before the first page is drawn.

Preflight asks :func:`decode_originals` (as its ``decode`` check) which originals cannot be
decoded - truncated, damaged, unreadable - so an export never stops half-way on one: it
stops before it starts, naming each file and photo. Decoding is the export's own bounded
decoder (:mod:`curator.decode.bounded`, as import and print use it) at an eighth of the
size: every byte is read (a truncated file fails as it would in the export) in memory
proportional to what is produced. The files are decoded by a pool of threads (the decoders
work outside the GIL), one per usable core as memory allows
(:func:`curator.export.workers.worker_count`).

What decoded cleanly is remembered by the file's content hash (SHA-256 of its bytes now,
not as imported) in a folder of empty marker files beside the project
(``PROJECT-cache/decoded``), so a second preflight or export only hashes the files; and by
the file itself as it was then (path, device, inode, size, modification and change times,
``PROJECT-cache/decoded/files``), so one unchanged since is not even read again. Any write
to the file changes its change time (which no program can set back), so a file changed in
place is hashed, and decoded when its bytes are new.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from curator.core.language.library_messages import reason as library_reason
from curator.core.model import Photo
from curator.core.progress import stop_if_cancelled
from curator.decode.bounded import ImagingError, admit, load_reduced, open_header, sniff
from curator.export.workers import worker_count

_HASH_BLOCK = 1 << 20
#: The folder, inside the cache, of markers of files as they were when they decoded.
_FILES = "files"


def file_sha256(path: Path) -> str:
    """The SHA-256 of the file's bytes, read in blocks (bounded memory)."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(_HASH_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def decode_error(path: Path) -> str | None:
    """Why the image at ``path`` cannot be decoded, or None when it decodes.

    The export's own bounded decoder (:mod:`curator.decode.bounded`) reads every byte at an
    eighth of the size: a JPEG through libjpeg's shrink-on-load, a PNG or TIFF through Pillow
    when its whole decode fits the budget and streamed through libvips when not.
    """
    try:
        image_format = sniff(path)
        with open_header(path, image_format) as image:
            admit(path, image, image_format)
            width, height = image.size
            load_reduced(path, image, image_format, (max(1, width // 8), max(1, height // 8)))
    except ImagingError as error:
        return error.problem.message
    except OSError as error:
        return library_reason(error)
    return None


def _marker(cache: Path, digest: str) -> Path:
    return cache / digest[:2] / digest


def _remember(cache: Path, digest: str) -> None:
    marker = _marker(cache, digest)
    # A cache that cannot be written only makes the next check slower.
    with contextlib.suppress(OSError):
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()


def _file_key(path: Path) -> str | None:
    """The name of the marker of ``path`` as it is now (None when it cannot be read)."""
    try:
        info = path.stat()
    except OSError:
        return None
    key = (
        f"{path.absolute()}|{info.st_dev}|{info.st_ino}|{info.st_size}|"
        f"{info.st_mtime_ns}|{info.st_ctime_ns}"
    )
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()


_Hashed = dict[Path, "Future[tuple[str, str] | None]"]


def _hash_ahead(path: Path, files: Path) -> tuple[str, str] | None:
    """(the file's marker name now, its SHA-256), or None when it is known or unreadable."""
    known = _file_key(path)
    if known is None or _marker(files, known).exists():
        return None
    try:
        return known, file_sha256(path)
    except OSError:
        return None


def _check_one(
    photo: Photo, cache: Path | None, decode: Callable[[Photo], str | None], hashed: _Hashed
) -> str | None:
    files = cache / _FILES if cache is not None else None
    known = _file_key(photo.path) if files is not None else None
    if files is not None and known is not None and _marker(files, known).exists():
        return None  # unchanged since it decoded
    early = hashed.get(photo.path)
    found = early.result() if early is not None else None
    try:
        # hashed while the layout ran, if the file is still as it was then
        digest = found[1] if found and found[0] == known else file_sha256(photo.path)
    except OSError as error:
        return library_reason(error)
    if cache is not None and _marker(cache, digest).exists():
        reason = None
    else:
        reason = decode(photo)
        if reason is None and cache is not None:
            _remember(cache, digest)
    if reason is None and files is not None and known is not None:
        _remember(files, known)
    return reason


class OriginalsDecoder:
    """Preflight's decode check for one project: ``{photo_id: reason}`` for the failures.

    ``cache`` is the folder of markers of originals that decoded (None: no memory).
    """

    def __init__(self, cache: Path | None, workers: int | None = None) -> None:
        self.cache = cache
        self.workers = worker_count(workers)
        self._hashed: _Hashed = {}

    def hash_ahead(self, paths: Iterable[Path]) -> None:
        """Start hashing the files not known unchanged, on a thread of their own.

        An export calls it before its layout, which keeps one core busy: the check then
        finds the hashes made (of a file still as it was then) instead of reading the file.
        """
        if self.cache is None:
            return
        files = self.cache / _FILES
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="curator-hash")
        for path in dict.fromkeys(paths):
            self._hashed[path] = pool.submit(_hash_ahead, path, files)
        pool.shutdown(wait=False)

    def share_hashes(self, other: OriginalsDecoder) -> None:
        """Use the hashes ``other`` started (:meth:`hash_ahead`)."""
        self._hashed = other._hashed

    @classmethod
    def for_project(cls, project: Path, workers: int | None = None) -> OriginalsDecoder:
        """The decoder that remembers its results in ``PROJECT-cache/decoded``."""
        return cls(project.with_name(project.name + "-cache") / "decoded", workers)

    def decode(self, photo: Photo) -> str | None:
        """Why ``photo``'s original does not decode, or None (a cache miss's work)."""
        return decode_error(photo.path)

    def __call__(
        self, photos: Sequence[Photo], cancel: threading.Event | None = None
    ) -> dict[str, str]:
        """Decode the originals that exist on disk (a missing one is preflight's own finding)."""
        present = [photo for photo in photos if photo.path.is_file()]
        failures: dict[str, str] = {}
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            futures = {
                pool.submit(_check_one, photo, self.cache, self.decode, self._hashed): photo
                for photo in present
            }
            try:
                for future, photo in futures.items():
                    if cancel is not None and cancel.is_set():
                        stop_if_cancelled(cancel)
                    reason = future.result()
                    if reason is not None:
                        failures[photo.id] = reason
            except BaseException:  # cancelled, or Ctrl-C: only what has started finishes
                for pending in futures:
                    pending.cancel()
                raise
        return failures
