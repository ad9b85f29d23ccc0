"""Library thumbnails read and decoded off the window's thread, what is on screen first.

The window's thread runs Python only while it holds the interpreter's lock, and so does a
worker. A grid that calls into Python for every cell it lays out or paints waits for the
lock at each call while a worker runs Python or decodes through Qt (which keeps the lock
for the whole decode): with two workers decoding full-size thumbnails, a dense grid's
scroll step held the window's thread for hundreds of milliseconds. So:

- one worker at a time (the other core stays the window's) reads the stored bytes of a
  batch with one query through its own connection (SQLite lets the lock go while it reads)
  and decodes each picture already reduced to the size shown, with Pillow, which lets the
  lock go while it decodes;
- it decodes while the window's thread waits for events (the event dispatcher's
  ``aboutToBlock``/``awake``), waiting at most ``_IDLE_WAIT`` a thumbnail;
- the queue is what the grid shows now and lacks, replaced at every paint: photos scrolled
  past before their turn are never decoded, and a jump shows its own screen first.
"""

from __future__ import annotations

import io
import logging
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PIL import Image as PILImage
from PySide6.QtCore import QAbstractEventDispatcher, QObject, Qt, Signal
from PySide6.QtGui import QImage, QImageReader

from curator.core.errors import CuratorError
from curator.ui.image_files import image_reader
from curator.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

#: Thumbnails read and decoded between two deliveries to the window.
BATCH = 16
#: How long the worker waits for the window's thread to be idle before each thumbnail (s).
_IDLE_WAIT = 0.05


class ThumbnailReader(Protocol):
    """The open project's stored thumbnails, read on the worker through its own connection."""

    def read(self, photo_ids: list[str]) -> dict[str, bytes]:
        """Stored JPEG bytes by photo id (photos without a stored thumbnail left out)."""
        ...

    def close(self) -> None:
        """Close the connection."""
        ...


#: Opens a reader on the worker (raises CuratorError or sqlite3.Error when it cannot).
ThumbnailSource = Callable[[], ThumbnailReader]
#: A decoded batch: each photo id with its picture (None: it could not be decoded).
Decoded = list[tuple[str, QImage | None]]


def _reduced(reader: QImageReader, size: int) -> QImage:
    original = reader.size()
    if original.isValid() and max(original.width(), original.height()) > size:
        reader.setScaledSize(original.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        raise OSError(reader.errorString())
    return image


def decode_jpeg(data: bytes, size: int | None = None) -> QImage:
    """Decode stored thumbnail bytes, reduced to fit a ``size`` square (on a worker thread).

    Pillow decodes the JPEG already reduced (libjpeg's scaled decoding) and lets the
    interpreter's lock go while it does, so the window's thread runs meanwhile; the picture
    comes back in the screen's pixel format, ready to draw as it is.
    """
    try:
        with PILImage.open(io.BytesIO(data), formats=["JPEG"]) as opened:
            if size is not None:
                opened.draft("RGB", (size, size))
            opened.load()
            picture = opened if opened.mode == "RGB" else opened.convert("RGB")
            if size is not None and max(picture.size) > size:
                picture.thumbnail((size, size), PILImage.Resampling.LANCZOS)
            width, height = picture.size
            raw = picture.tobytes()
    except (OSError, SyntaxError, ValueError, PILImage.DecompressionBombError) as error:
        raise OSError("damaged thumbnail") from error
    image = QImage(raw, width, height, 3 * width, QImage.Format.Format_RGB888)
    return image.convertToFormat(QImage.Format.Format_RGB32)


def load_thumbnail(path: Path, size: int) -> QImage:
    """Decode a reduced, upright image (runs on a worker thread; QImage is thread-safe)."""
    with image_reader(path) as reader:
        reader.setAutoTransform(True)
        return _reduced(reader, size)


def decode_thumbnails(
    jobs: list[tuple[str, bytes | None, Path]],
    size: int,
    pause: Callable[[], bool] | None = None,
) -> Decoded:
    """Decode a batch: stored bytes when there are, else the original (a worker thread).

    A photo that cannot be decoded comes back as None (its placeholder stays). ``pause`` is
    called before each photo (it waits while the window's thread is busy); when it returns
    False the rest of the batch is left (the project is closing).
    """
    images: Decoded = []
    for photo_id, stored, path in jobs:
        if pause is not None and not pause():
            break
        try:
            image = decode_jpeg(stored, size) if stored else load_thumbnail(path, size)
        except OSError:
            images.append((photo_id, None))
        else:
            images.append((photo_id, image))
    return images


class ThumbnailLoader(QObject):
    """One worker at a time reading and decoding what the grid asks for, newest first.

    :meth:`want` replaces what waits; ``loaded`` brings each decoded batch back to the
    window's thread with the size it was decoded for.
    """

    loaded = Signal(object, int)  # Decoded, size

    def __init__(self, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        #: Opens the project's stored thumbnails on the worker (None: decode the originals).
        self.source: ThumbnailSource | None = None
        self._lock = threading.Condition()
        self._queue: list[tuple[str, Path]] = []
        self._size = 0
        #: Photo ids taken by the worker and not yet delivered, with their size.
        self._taken: dict[str, int] = {}
        #: Workers running, and connections not yet closed (a worker closes its own).
        self._workers = 0
        self._open = 0
        #: Set while the window's thread waits for events: the worker decodes then.
        self._idle = threading.Event()
        self._idle.set()
        #: Set by :meth:`stop`: the worker leaves its batch at the next photo.
        self._stopping = threading.Event()
        dispatcher = QAbstractEventDispatcher.instance(self.thread())
        if dispatcher is not None:
            dispatcher.aboutToBlock.connect(self._on_dispatcher_about_to_block)
            dispatcher.awake.connect(self._on_dispatcher_awake)

    def _on_dispatcher_about_to_block(self) -> None:
        self._idle.set()

    def _on_dispatcher_awake(self) -> None:
        self._idle.clear()

    def _pause(self) -> bool:
        """Wait (a bounded while) for the window's thread to be idle.

        Every call the window's thread makes into Python while the worker runs Python waits
        for the interpreter's lock; laying out or painting a large grid makes hundreds of
        them. So the worker decodes between the window's events, not during them; it waits
        at most a few frames, so a window busy without a pause still gets its thumbnails.
        """
        if not self._stopping.is_set():
            self._idle.wait(_IDLE_WAIT)
        return not self._stopping.is_set()

    def want(self, jobs: list[tuple[str, Path]], size: int) -> None:
        """Decode these photos for a ``size`` square, in this order, and no others.

        Photos that waited and are not asked for again are dropped (scrolled past); those a
        worker already took are not asked twice.
        """
        with self._lock:
            self._size = size
            self._queue = [job for job in jobs if self._taken.get(job[0]) != size]
            start = bool(self._queue) and self._workers == 0
            if start:
                self._workers += 1
                self._open += 1
        if start:
            self._tasks.submit(self._drain, self.source, on_result=_ignore, on_error=_log)

    def waiting(self) -> int:
        """How many photos wait for the worker."""
        with self._lock:
            return len(self._queue)

    def stop(self, timeout: float = 10.0) -> bool:
        """Drop what waits and wait for the worker to close its connection.

        Called before the project closes (a connection left open would keep the file's
        write-ahead log beside it). False if the worker is still busy after ``timeout``.
        """
        self._stopping.set()
        with self._lock:
            self._queue = []
            self.source = None
            stopped = self._lock.wait_for(lambda: self._open == 0, timeout)
        self._stopping.clear()
        return stopped

    def _drain(self, source: ThumbnailSource | None) -> None:
        """The worker: batches until nothing waits (runs on the pool)."""
        reader: ThumbnailReader | None = None
        working = True
        try:
            if source is not None:
                try:
                    reader = source()
                except (CuratorError, sqlite3.Error) as error:
                    log.warning("cannot open stored thumbnails: %s", error)
            while True:
                with self._lock:
                    batch, self._queue = self._queue[:BATCH], self._queue[BATCH:]
                    size = self._size
                    if not batch:
                        # Decided under the lock: a photo asked for from now on starts
                        # another worker.
                        self._workers -= 1
                        working = False
                        return
                    self._taken.update((photo_id, size) for photo_id, _path in batch)
                self._decode(batch, size, reader)
        finally:
            if reader is not None:
                reader.close()
            with self._lock:
                if working:
                    self._workers -= 1
                self._open -= 1
                self._lock.notify_all()

    def _decode(
        self, batch: list[tuple[str, Path]], size: int, reader: ThumbnailReader | None
    ) -> None:
        ids = [photo_id for photo_id, _path in batch]
        stored: dict[str, bytes] = {}
        if reader is not None:
            try:
                stored = reader.read(ids)
            except (CuratorError, sqlite3.Error) as error:
                log.warning("cannot read stored thumbnails: %s", error)
        try:
            images = decode_thumbnails(
                [(photo_id, stored.get(photo_id), path) for photo_id, path in batch],
                size,
                self._pause,
            )
        finally:
            with self._lock:
                for photo_id in ids:
                    if self._taken.get(photo_id) == size:
                        del self._taken[photo_id]
        self.loaded.emit(images, size)


def _ignore(_result: object) -> None:
    return None


def _log(error: Exception) -> None:
    log.error("thumbnail worker failed: %s", error)
