"""Delivering from the window: File > Deliver Captioned Photos…, progress with Cancel, a report.

The delivery runs as a job on the task runner with its own connection to the project (the
same ``deliver`` the command line runs); the options chosen are saved in the project, so
``curator deliver`` without flags does the same next time.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from curator.core.delivery_planning.settings import save_options, stored_options
from curator.core.errors import CuratorError
from curator.core.language.library_messages import explained
from curator.core.progress import Progress, ProgressCallback
from curator.core.services import ProjectService
from curator.deliver.service import FAILED, MISMATCH, WRITTEN, DeliveryReport, deliver
from curator.i18n import _, ngettext
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.controllers.worker_controller import WorkerController
from curator.ui.main_window import MainWindow
from curator.ui.tasks import TaskRunner
from curator.ui.views.deliver_dialog import DeliverDialog, DeliverRequest
from curator.ui.views.dialogs import Dialogs


def report_summary(report: DeliveryReport) -> str:
    """One paragraph on how the delivery went."""
    parts = [
        _("%(written)d of %(total)d photos delivered to %(folder)s.")
        % {"written": report.count(WRITTEN), "total": report.total, "folder": report.folder}
    ]
    failed = report.count(FAILED) + report.count(MISMATCH)
    if failed:
        parts.append(
            ngettext("%(count)d photo has errors.", "%(count)d photos have errors.", failed)
            % {"count": failed}
        )
    if report.cancelled:
        parts.append(_("Cancelled: the photos delivered so far are complete."))
    if report.stopped:
        parts.append(report.stopped)
    return " ".join(parts)


def report_lines(report: DeliveryReport) -> list[str]:
    """One line per delivered photo, then its notes and problems."""
    lines: list[str] = []
    for delivered in report.files:
        item = delivered.item
        if delivered.status != FAILED:
            line = f"{item.photo.path.name} → {delivered.path.name}"
            if delivered.iim and item.metadata.iim_cut:
                line += "  " + _("(IIM cut to fit: %(fields)s)") % {
                    "fields": ", ".join(item.metadata.iim_cut)
                }
            lines.append(line)
        lines.extend(f"  {note}" for note in item.metadata.notes)
        label = (
            _("  warning: %(name)s: %(message)s")
            if delivered.status == WRITTEN
            else _("  error: %(name)s: %(message)s")
        )
        lines.extend(label % {"name": item.name, "message": p.message} for p in delivered.problems)
    return lines


class DeliveryReportDialog(QDialog):
    """What became of each photo, at the end of a delivery."""

    def __init__(self, report: DeliveryReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.summary_label = QLabel(report_summary(report))
        self.summary_label.setWordWrap(True)
        self.details = QPlainTextEdit("\n".join(report_lines(report)))
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.setWindowTitle(_("Delivery report"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self.resize(720, 420)


class DeliverController(WorkerController):
    """The Deliver action, its dialog and the running delivery."""

    def __init__(
        self,
        window: MainWindow,
        projects: ProjectController,
        dialogs: Dialogs,
        tasks: TaskRunner,
    ) -> None:
        super().__init__(window, projects, dialogs, tasks)
        self.last_report: DeliveryReport | None = None
        self.deliver_action = QAction(window)
        self.deliver_action.triggered.connect(self._on_deliver_action_triggered)
        window.file_menu.insertAction(window.close_action, self.deliver_action)
        window.file_menu.insertSeparator(window.close_action)
        self.follow_project()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.deliver_action.setText(_("De&liver Captioned Photos…"))

    def make_dialog(self) -> DeliverDialog | None:
        """The Deliver dialog for the open project, its stored options filled in."""
        service = self._projects.service
        if service is None:
            return None
        return DeliverDialog(
            service, self._dialogs, default_folder(service), stored_options(service), self._window
        )

    def _on_deliver_action_triggered(self) -> None:
        dialog = self.make_dialog()
        if dialog is not None and self._dialogs.run(dialog) and dialog.request is not None:
            self.start(dialog.request)

    def start(self, request: DeliverRequest) -> bool:
        """Save the options in the project and deliver in the background."""
        service = self._projects.service
        if service is None or self.running:
            return False
        try:
            if not service.read_only:
                save_options(service, request.options)
        except CuratorError as error:
            self._dialogs.error(self._window, _("Cannot deliver"), error.message)
            return False

        def work(
            worker: ProjectService, on_progress: ProgressCallback, cancel: threading.Event
        ) -> DeliveryReport:
            return deliver(
                worker,
                request.folder,
                request.options,
                None,
                on_progress,
                cancel,
                replace=request.replace,
                sidecar=request.sidecar,
            )

        if not self.start_job(
            service,
            _("Cannot deliver"),
            work,
            on_progress=self._on_job_progress,
            on_result=self._on_job_finished,
            on_error=self._on_job_failed,
        ):
            return False
        self.show_progress(
            _("Delivering photos"),
            _("Preparing…"),
            modality=Qt.WindowModality.WindowModal,
            show_after_ms=300,
        )
        return True

    def _on_job_progress(self, progress: Progress) -> None:
        self.show_step(
            progress,
            _("Delivered %(done)d of %(total)d photos…")
            % {"done": progress.done, "total": progress.total},
        )

    def _on_job_finished(self, report: DeliveryReport) -> None:
        self.close_progress()
        self.last_report = report
        self._window.statusBar().showMessage(report_summary(report), 15000)
        self._dialogs.run(DeliveryReportDialog(report, self._window))

    def _on_job_failed(self, error: Exception) -> None:
        self.close_progress()
        message = explained(error)
        self._dialogs.error(self._window, _("Delivery failed"), message)

    def _update_actions(self) -> None:
        service = self._projects.service
        self.deliver_action.setEnabled(service is not None and not self.running)


def default_folder(service: ProjectService) -> Path:
    """Where a delivery goes unless the person says otherwise: next to the project."""
    return service.path.parent / f"{service.path.stem}-delivery"
