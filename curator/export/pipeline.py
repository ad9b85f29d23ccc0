"""Photos prepared on every core ahead of the page that draws them, in visit order.

reportlab draws pages one after another on one thread; what takes the time is preparing
each photo (:func:`curator.export.images.read_photo`: decode with draft, turn upright,
resample to the placed size, encode). An :class:`ImagePipeline` is given every photo the
document will draw, in page order, and prepares them on a pool of threads (Pillow's
decoders, resampling and encoder release the GIL) while the pages are drawn. The pages
stay in their order: the drawing thread takes each photo when its page comes, waiting
only if that one is not ready yet.

At most ``ahead`` photos are prepared beyond the one being drawn, so whatever the length
of the catalogue, no more than ``workers`` decodes are in memory at once. On a first
export preflight's decode check prepares the photos it decodes (:class:`PreparingDecoder`,
on its own ``workers`` threads): those wait for their pages as files in the work folder,
not in memory. The same photo at the same size and crop is prepared once. A photo that
fails raises its error on the page that draws it, as it did when pages prepared their
own; Cancel (or any error) drops what has not started.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from curator.core.errors import CuratorError
from curator.core.language.library_messages import reason as library_reason
from curator.core.layout import Rect
from curator.core.model import Photo
from curator.decode.bounded import ImagingError
from curator.export.colour import OutputProfile
from curator.export.images import WHOLE, ImageRoute, PreparedImage, read_photo
from curator.export.originals import OriginalsDecoder


@dataclass(frozen=True, slots=True)
class ImageJob:
    """One photo as a page places it: the printed box (its size matters) and crop."""

    photo: Photo
    rect: Rect
    source: Rect = WHOLE

    @property
    def key(self) -> Hashable:
        """Jobs with the same key make the same prepared image."""
        size = (round(self.rect.width_mm, 4), round(self.rect.height_mm, 4))
        return (self.photo.id, str(self.photo.path), size, self.source)


Prepare = Callable[[ImageJob, Path], PreparedImage]


def photo_preparer(target_ppi: float, profile: OutputProfile | None) -> Prepare:
    """The usual preparation: :func:`read_photo` at ``target_ppi`` into ``profile``."""

    def prepare(job: ImageJob, workdir: Path) -> PreparedImage:
        return read_photo(job.photo, job.rect, target_ppi, workdir, job.source, profile)

    return prepare


class ImagePipeline:
    """Prepares ``jobs`` (in the order the pages draw them) ahead of :meth:`take`.

    Use it as ``with pipeline.running(workdir): ... pipeline.take(job) ...``. The pool
    starts on the first ``ahead`` photos as soon as it runs (while preflight checks). Each
    image is prepared once, whoever asks first (the pool running ahead, preflight's check
    or the page), always on the pool's threads, never more than ``workers`` at once. With
    ``workers`` 1 nothing runs ahead: each photo is prepared when taken (or checked).
    """

    def __init__(
        self, jobs: Iterable[ImageJob], prepare: Prepare, workers: int, ahead: int | None = None
    ) -> None:
        self._prepare = prepare
        self.workers = max(1, workers)
        #: Photos prepared beyond the one being drawn (at least one per worker).
        self.ahead = max(1, ahead if ahead is not None else 2 * self.workers)
        order: dict[Hashable, ImageJob] = {}
        for job in jobs:
            order.setdefault(job.key, job)
        self._jobs = list(order.values())
        self._index = {key: position for position, key in enumerate(order)}
        self._of_photo: dict[str, list[int]] = {}
        for position, job in enumerate(self._jobs):
            self._of_photo.setdefault(job.photo.id, []).append(position)
        #: Every image claimed by a thread: its result, or the error, once prepared.
        self._claims: dict[int, Future[PreparedImage]] = {}
        #: The pool's submissions not yet taken by a page.
        self._futures: dict[int, Future[None]] = {}
        self._submitted = 0
        self._pool: ThreadPoolExecutor | None = None
        self._workdir: Path | None = None
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(self.workers)
        self._running = 0
        #: The most photos ever being prepared at once, and submitted but not yet taken.
        self.peak_running = 0
        self.peak_waiting = 0

    @contextmanager
    def running(self, workdir: Path) -> Iterator[ImagePipeline]:
        """Run the pool while the pages are drawn into ``workdir``; stop it afterwards."""
        self._workdir = workdir
        if self.workers > 1 and len(self._jobs) > 1:
            self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="curator-image")
            with self._lock:
                self._fill(-1)  # the first photos, while preflight runs
        try:
            yield self
        finally:
            if self._pool is not None:
                self._pool.shutdown(wait=True, cancel_futures=True)
                self._pool = None
            for claim in self._claims.values():
                claim.cancel()  # one never started: nobody waits for it for ever
            self._futures.clear()

    def first_position(self, photo_id: str) -> int:
        """Where the pages first draw ``photo_id`` (past the end when they never do)."""
        positions = self._of_photo.get(photo_id)
        return positions[0] if positions else len(self._jobs)

    def take(self, job: ImageJob) -> PreparedImage:
        """The prepared image of ``job`` (waiting for it); keeps the pool ``ahead`` of it.

        Raises:
            CuratorError: The original cannot be read or decoded (as :func:`read_photo`).
            OSError: The prepared image cannot be written.
        """
        if self._workdir is None:
            raise RuntimeError("ImagePipeline.take outside running()")
        position = self._index.get(job.key)
        if position is None:  # not announced: prepared here and now
            return self._prepare(job, self._workdir)
        with self._lock:
            self._fill(position)
            self._futures.pop(position, None)
        return self._obtain(position)

    def prepare_photo(self, photo_id: str) -> bool | None:
        """Every image of the photo prepared (here, unless another thread has it already).

        Returns whether one of them decoded the original (False: all passed through as
        they are), or None when no page places the photo.

        Raises:
            CuratorError: The original cannot be read or decoded (as :func:`read_photo`).
            OSError: A prepared image cannot be written.
        """
        positions = self._of_photo.get(photo_id)
        if not positions:
            return None
        decoded = False
        for position in positions:
            prepared = self._obtain(position)
            decoded = decoded or prepared.route is not ImageRoute.PASSED_THROUGH
        return decoded

    def _fill(self, position: int) -> None:
        """Submit every job up to ``ahead`` beyond ``position`` (under the lock)."""
        if self._pool is None:
            return
        end = min(len(self._jobs), position + 1 + self.ahead)
        while self._submitted < end:
            index = self._submitted
            if index not in self._claims:
                self._futures[index] = self._pool.submit(self._prefetch, index)
            self._submitted += 1
        self.peak_waiting = max(self.peak_waiting, len(self._futures))

    def _claim(self, position: int) -> tuple[Future[PreparedImage], bool]:
        """The image's claim, and whether the caller made it (and must settle it)."""
        with self._lock:
            claim = self._claims.get(position)
            if claim is not None:
                return claim, False
            claim = self._claims[position] = Future()
            return claim, True

    def _settle(self, position: int, claim: Future[PreparedImage]) -> None:
        try:
            claim.set_result(self._run(position))
        except BaseException as error:  # whoever waits for it raises it
            claim.set_exception(error)

    def _prefetch(self, position: int) -> None:
        """A pool task: prepare the image unless claimed already (never waits for one)."""
        claim, mine = self._claim(position)
        if mine:
            self._settle(position, claim)

    def _obtain(self, position: int) -> PreparedImage:
        """The image at ``position``, waiting for it; a new claim is prepared by the pool.

        Only the pool's threads decode (with ``workers`` 1, the caller's): a thread keeps
        the memory it once decoded in, so fewer threads decoding keep the peak lower.
        """
        claim, mine = self._claim(position)
        if mine:
            if self._pool is not None:
                self._pool.submit(self._settle, position, claim)
            else:
                self._settle(position, claim)
        return claim.result()

    def _run(self, position: int) -> PreparedImage:
        assert self._workdir is not None
        with self._slots:
            with self._lock:
                self._running += 1
                self.peak_running = max(self.peak_running, self._running)
            try:
                return self._prepare(self._jobs[position], self._workdir)
            finally:
                with self._lock:
                    self._running -= 1


class PreparingDecoder(OriginalsDecoder):
    """Preflight's decode check that prepares the photos for print as it checks them.

    An original not yet known to decode (a first export) is prepared for every place the
    pipeline's pages print it - decoding every byte of it, as the check must - so the
    export does not decode it again; a photo whose every image passes through undecoded is
    decoded by the check itself. Failures read as the plain check's (the file's problem).
    """

    def __init__(self, base: OriginalsDecoder, pipeline: ImagePipeline) -> None:
        super().__init__(base.cache, base.workers)
        self.pipeline = pipeline
        self.share_hashes(base)

    def __call__(
        self, photos: Sequence[Photo], cancel: threading.Event | None = None
    ) -> dict[str, str]:
        """The check in the order the pages print the photos (the pages follow it)."""
        return super().__call__(
            sorted(photos, key=lambda p: self.pipeline.first_position(p.id)), cancel
        )

    def decode(self, photo: Photo) -> str | None:
        """Prepare ``photo``; why it cannot be, or None."""
        try:
            decoded = self.pipeline.prepare_photo(photo.id)
        except CuratorError as error:
            cause = error.__cause__
            if isinstance(cause, ImagingError):
                return cause.problem.message
            if isinstance(cause, OSError):
                return library_reason(cause)
            return error.message
        except OSError:
            decoded = None  # the work folder is full: the export reports it when it writes
        return None if decoded else super().decode(photo)
