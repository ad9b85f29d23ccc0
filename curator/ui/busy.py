"""One way to run a job that may take a while: off the GUI thread, with progress and Cancel.

A progress dialog (not modal, so the window stays usable) appears only when the job lasts
longer than a moment; Cancel sets the job's cancel token. A job stopped that way raises
:class:`~curator.core.errors.CancelledError`, which is reported in the status bar, not as an
error. Each job gets its own connection to the project (``ProjectService.for_thread``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog

from curator.core.errors import CancelledError, CuratorError
from curator.core.language.library_messages import explained
from curator.core.progress import Progress, ProgressCallback
from curator.core.services import ProjectService
from curator.i18n import _
from curator.ui.main_window import MainWindow
from curator.ui.tasks import JobHandle, TaskRunner
from curator.ui.views.dialogs import Dialogs

T = TypeVar("T")
#: A dialog shows only for jobs longer than this.
SHOW_AFTER_MS = 400

ServiceJob = Callable[[ProjectService, ProgressCallback, threading.Event], Any]


def progress_dialog(
    parent: MainWindow,
    title: str,
    label: str,
    *,
    modality: Qt.WindowModality = Qt.WindowModality.NonModal,
    show_after_ms: int = SHOW_AFTER_MS,
) -> QProgressDialog:
    """A progress dialog with Cancel that stays until closed (busy until the first step)."""
    dialog = QProgressDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setCancelButtonText(_("Cancel"))
    dialog.setWindowModality(modality)
    dialog.setMinimumDuration(show_after_ms)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setRange(0, 0)
    return dialog


class BusyRunner:
    """Runs project jobs with a progress dialog and Cancel."""

    def __init__(self, window: MainWindow, tasks: TaskRunner, dialogs: Dialogs) -> None:
        self._window = window
        self._tasks = tasks
        self._dialogs = dialogs
        #: The dialog of the job running now (for tests), or None.
        self.dialog: QProgressDialog | None = None

    def run(
        self,
        service: ProjectService,
        title: str,
        job: ServiceJob,
        on_result: Callable[[Any], None],
        error_title: str,
        on_failure: Callable[[Exception], bool] | None = None,
    ) -> JobHandle | None:
        """Run ``job(reader, on_progress, cancel)`` on a worker with its own connection.

        ``on_failure`` sees every failure first, a cancel included (return True when it took
        care of it); otherwise a cancel is said in the status bar and an error is shown under
        ``error_title``. None when the job could not start.
        """
        try:
            reader = service.for_thread()
        except CuratorError as error:
            self._dialogs.error(self._window, error_title, error.message)
            return None
        dialog = progress_dialog(self._window, title, title)
        self.dialog = dialog

        def work(on_progress: ProgressCallback, cancel: threading.Event) -> Any:
            try:
                return job(reader, on_progress, cancel)
            finally:
                reader.close()

        def progressed(progress: Progress) -> None:
            if progress.total:
                dialog.setRange(0, progress.total)
                dialog.setValue(progress.done)
            if progress.message:
                dialog.setLabelText(progress.message)

        closing = False

        def close() -> None:
            nonlocal closing
            closing = True  # closing the dialog emits canceled(): not the person's Cancel
            dialog.reset()
            dialog.close()
            dialog.deleteLater()
            if self.dialog is dialog:
                self.dialog = None

        def finished(result: Any) -> None:
            close()
            on_result(result)

        def failed(error: Exception) -> None:
            close()
            if on_failure is not None and on_failure(error):
                return
            if isinstance(error, CancelledError):
                self._window.statusBar().showMessage(error.message, 10000)
                return
            message = explained(error)
            self._dialogs.error(self._window, error_title, message)

        handle = self._tasks.start_job(
            work, on_progress=progressed, on_result=finished, on_error=failed
        )

        def cancelled() -> None:
            if closing:
                return
            handle.cancel()
            dialog.setLabelText(_("Stopping…"))

        dialog.canceled.connect(cancelled)
        return handle
