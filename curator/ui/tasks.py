"""The one doorway for work off the GUI thread.

``TaskRunner.submit(fn, *args, on_result=..., on_error=...)`` runs ``fn`` on a thread pool
and delivers its result or exception back on the GUI thread through a queued signal. The
worker never touches a widget; callbacks run on the GUI thread only. Results for a receiver
that has gone away (a closed project, say) are dropped through a generation counter.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from curator.core.progress import Progress, ProgressCallback

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; its signals cross threads queued."""

    finished = Signal(object, object, object)  # token, result, error
    progressed = Signal(object, object)  # token, Progress


class JobHandle:
    """A running job: cancel it, ask whether it is still running."""

    def __init__(self) -> None:
        self.cancel_event = threading.Event()
        self.running = True

    def cancel(self) -> None:
        """Ask the job to stop; it keeps what it finished."""
        self.cancel_event.set()


class _Job(QRunnable):
    def __init__(self, relay: _Relay, token: object, fn: Callable[..., Any], args: tuple[Any, ...]):
        super().__init__()
        self._relay = relay
        self._token = token
        self._fn = fn
        self._args = args

    def run(self) -> None:
        try:
            result = self._fn(*self._args)
        except Exception as error:  # delivered to on_error on the GUI thread
            self._relay.finished.emit(self._token, None, error)
        else:
            self._relay.finished.emit(self._token, result, None)


class TaskRunner(QObject):
    """Runs plain functions on a pool and calls back on the GUI thread."""

    def __init__(self, parent: QObject | None = None, max_threads: int | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        if max_threads:
            self._pool.setMaxThreadCount(max_threads)
        self._relay = _Relay()
        self._relay.finished.connect(self._on_relay_finished)
        self._relay.progressed.connect(self._on_relay_progressed)
        self._progress_callbacks: dict[int, Callable[[Progress], None]] = {}
        self._callbacks: dict[
            int, tuple[int | None, Callable[[Any], None], Callable[[Exception], None]]
        ] = {}
        self._next_token = 0
        self._generation = 0

    def start_job(
        self,
        job: Callable[[ProgressCallback, threading.Event], Any],
        *,
        on_progress: Callable[[Progress], None],
        on_result: Callable[[Any], None],
        on_error: Callable[[Exception], None],
    ) -> JobHandle:
        """Run a long job ``job(on_progress, cancel)`` on the pool.

        Progress and the outcome arrive on the GUI thread; :meth:`JobHandle.cancel` sets the
        job's cancel token.
        """
        handle = JobHandle()
        self._next_token += 1
        token = self._next_token

        def finished(result: Any) -> None:
            handle.running = False
            self._progress_callbacks.pop(token, None)
            on_result(result)

        def failed(error: Exception) -> None:
            handle.running = False
            self._progress_callbacks.pop(token, None)
            on_error(error)

        self._callbacks[token] = (None, finished, failed)  # jobs are never forgotten
        self._progress_callbacks[token] = on_progress

        def report(progress: Progress) -> None:  # runs on the worker thread
            self._relay.progressed.emit(token, progress)

        self._pool.start(_Job(self._relay, token, job, (report, handle.cancel_event)))
        return handle

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_result: Callable[[Any], None],
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run ``fn(*args)`` on the pool; ``on_result``/``on_error`` run on the GUI thread."""
        self._next_token += 1
        token = self._next_token
        self._callbacks[token] = (self._generation, on_result, on_error or self._log_error)
        self._pool.start(_Job(self._relay, token, fn, args))

    def forget_pending(self) -> None:
        """Ignore the results of every task submitted so far (long jobs excepted)."""
        self._generation += 1

    def wait(self, msecs: int = 5000) -> bool:
        """Wait for running jobs (for shutdown and tests)."""
        return bool(self._pool.waitForDone(msecs))

    @Slot(object, object, object)
    def _on_relay_finished(self, token: int, result: Any, error: Exception | None) -> None:
        entry = self._callbacks.pop(token, None)
        if entry is None:
            return
        generation, on_result, on_error = entry
        if generation is not None and generation != self._generation:
            return
        if error is not None:
            on_error(error)
        else:
            on_result(result)

    @Slot(object, object)
    def _on_relay_progressed(self, token: int, progress: Progress) -> None:
        callback = self._progress_callbacks.get(token)
        if callback is not None:
            callback(progress)

    @staticmethod
    def _log_error(error: Exception) -> None:
        log.warning("background task failed: %s", error)
