"""What the controllers whose actions run on workers share: one job with progress and Cancel.

The deliver, import, re-read, backup and shortlist controllers are built on
:class:`WorkerController`: it keeps the window, the project controller, the dialogs and the
task runner, and runs an action's one long job the same way for all. :meth:`start_job` runs
``work(worker_service, on_progress, cancel)`` on a worker with its own connection to the
project (closed after), and refuses with a message when that connection cannot be opened;
:meth:`show_progress` puts up the progress dialog whose Cancel stops the job, :meth:`show_step`
advances it (not once Cancel was pressed), :meth:`close_progress` takes it down;
:meth:`cancel_and_wait` stops the job when the project closes. Each controller says when its
actions are enabled in ``_update_actions``, called whenever a job starts or ends.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QProgressDialog

from curator.core.errors import CuratorError
from curator.core.progress import Progress, ProgressCallback
from curator.core.services import ProjectService
from curator.i18n import _
from curator.ui.busy import progress_dialog
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.main_window import MainWindow
from curator.ui.tasks import JobHandle, TaskRunner
from curator.ui.views.dialogs import Dialogs

#: ``work(worker_service, on_progress, cancel)``: what a job does on its worker.
Work = Callable[[ProjectService, ProgressCallback, threading.Event], Any]


def _no_progress(_progress: Progress) -> None:
    """A job whose progress nobody shows (the status bar says it runs)."""


class WorkerController(QObject):
    """A controller of the window whose action runs one job at a time on a worker."""

    def __init__(
        self,
        window: MainWindow,
        projects: ProjectController,
        dialogs: Dialogs,
        tasks: TaskRunner,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._projects = projects
        self._dialogs = dialogs
        self._tasks = tasks
        self._job: JobHandle | None = None
        self._progress: QProgressDialog | None = None

    def follow_project(self) -> None:
        """Enable the actions as projects open and close; stop the job when one closes."""
        self._projects.project_opened.connect(self._on_project_opened)
        self._projects.project_closing.connect(self.cancel_and_wait)
        self._projects.project_closed.connect(self._update_actions)
        self._projects.rights_changed.connect(lambda _service: self._update_actions())
        self._update_actions()

    def _on_project_opened(self, _service: ProjectService) -> None:
        self._update_actions()

    @property
    def running(self) -> bool:
        """Whether the action's job is under way."""
        return self._job is not None and self._job.running

    def start_job(
        self,
        service: ProjectService,
        error_title: str,
        work: Work,
        *,
        on_result: Callable[[Any], None],
        on_error: Callable[[Exception], None],
        on_progress: Callable[[Progress], None] = _no_progress,
    ) -> bool:
        """Run the action's job; False, and a message under ``error_title``, if it cannot."""
        try:
            self._job = self.run_on_worker(service, work, on_result, on_error, on_progress)
        except CuratorError as error:
            self._dialogs.error(self._window, error_title, error.message)
            return False
        self._update_actions()
        return True

    def run_on_worker(
        self,
        service: ProjectService,
        work: Work,
        on_result: Callable[[Any], None],
        on_error: Callable[[Exception], None],
        on_progress: Callable[[Progress], None] = _no_progress,
    ) -> JobHandle:
        """Run ``work`` on a worker with its own connection to the project, closed after.

        Raises the :class:`CuratorError` of a connection that cannot be opened.
        """
        worker_service = service.for_thread()

        def job(report: ProgressCallback, cancel: threading.Event) -> Any:
            try:
                return work(worker_service, report, cancel)
            finally:
                worker_service.close()

        return self._tasks.start_job(
            job, on_progress=on_progress, on_result=on_result, on_error=on_error
        )

    def show_progress(self, title: str, label: str, **options: Any) -> None:
        """Put up the job's progress dialog (``options`` as :func:`progress_dialog` takes)."""
        dialog = progress_dialog(self._window, title, label, **options)
        dialog.canceled.connect(self.cancel)
        self._progress = dialog

    def show_step(self, progress: Progress, text: str) -> None:
        """Show how far the job is, in words (nothing once Cancel was pressed)."""
        dialog = self._progress
        if dialog is None or (self._job is not None and self._job.cancel_event.is_set()):
            return
        dialog.setRange(0, max(progress.total, 1))
        dialog.setValue(progress.done)
        dialog.setLabelText(text)

    def cancel(self) -> None:
        """Ask the running job to stop after the item in hand; it keeps what it finished."""
        if self._job is not None:
            self._job.cancel()
        if self._progress is not None:
            self._progress.setLabelText(_("Stopping…"))

    def cancel_and_wait(self) -> None:
        """Stop a running job and wait for it (the project is about to close)."""
        if self._job is not None and self._job.running:
            self._job.cancel()
            self._tasks.wait(30000)
        self._job = None  # ended: its outcome may still be on its way to the GUI thread
        self._update_actions()

    def close_progress(self) -> None:
        """Take the progress dialog down (the job ended) and enable the actions again."""
        if self._progress is not None:
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None
        self._update_actions()

    def _update_actions(self) -> None:
        """Enable the controller's actions as the project and the job allow (the subclass's)."""
