"""*File → Re-read Metadata From Files*: what ``curator reread`` does, in the window.

A project made before Curator kept lens, exposure, IPTC state and job id shows none of them
until the originals are read again. The re-read runs on a worker with its own connection
(:func:`curator.ingest.reread.reread_metadata`); the panels are refreshed when it ends and
the status bar says what it did.
"""

from __future__ import annotations

from PySide6.QtGui import QAction

from curator.core.language.library_messages import explained
from curator.i18n import _
from curator.ingest.reread import RereadReport, reread_metadata
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.controllers.worker_controller import WorkerController
from curator.ui.main_window import MainWindow
from curator.ui.tasks import TaskRunner
from curator.ui.views.dialogs import Dialogs


class RereadController(WorkerController):
    """The re-read action and its background job."""

    def __init__(
        self,
        window: MainWindow,
        projects: ProjectController,
        dialogs: Dialogs,
        tasks: TaskRunner,
    ) -> None:
        super().__init__(window, projects, dialogs, tasks)
        self.last_report: RereadReport | None = None
        self.reread_action = QAction(window)
        self.reread_action.triggered.connect(self._on_reread_action_triggered)
        window.file_menu.insertAction(window.close_action, self.reread_action)
        self.follow_project()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.reread_action.setText(_("Re-read Metadata From Files"))
        self.reread_action.setStatusTip(
            _(
                "Read the originals' metadata again (lens, exposure, location, job id); "
                "ratings, labels and captions stay as they are"
            )
        )

    def start(self) -> bool:
        """Re-read every photo's original in the background."""
        service = self._projects.service
        if service is None or not service.may_arrange or self.running:
            return False
        started = self.start_job(
            service,
            _("Cannot read the originals"),
            lambda worker, on_progress, cancel: reread_metadata(worker, None, on_progress, cancel),
            on_result=self._on_job_finished,
            on_error=self._on_job_failed,
        )
        if started:
            self._window.statusBar().showMessage(_("Reading the originals' metadata…"))
        return started

    def _on_job_finished(self, report: RereadReport) -> None:
        self._job = None
        self.last_report = report
        self._update_actions()
        self._projects.refresh()
        self._window.statusBar().showMessage(report.summary(), 15000)

    def _on_job_failed(self, error: Exception) -> None:
        self._job = None
        self._update_actions()
        self._window.statusBar().clearMessage()
        self._dialogs.error(self._window, _("Cannot read the originals"), explained(error))

    def _update_actions(self) -> None:
        service = self._projects.service
        self.reread_action.setEnabled(
            service is not None and service.may_arrange and not self.running
        )

    def _on_reread_action_triggered(self) -> None:
        self.start()
