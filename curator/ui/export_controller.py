"""Export Catalogue in the window: preview and export off the GUI thread, with Cancel.

Both the preview and the export run :func:`curator.export.catalogue.export_catalogue`, the
function ``curator export catalogue`` runs, on a worker with its own connection to the
project. The preview skips the preflight stop (its findings are listed beside it instead)
and writes into a temporary folder; the export refuses on errors and writes the chosen file
and its report.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog

from curator.core.catalogue_service import CatalogueOptions, project_catalogue
from curator.core.errors import CuratorError
from curator.core.layout.style import Product
from curator.core.preflight import check
from curator.core.progress import Progress, ProgressCallback
from curator.export.catalogue import (
    ExportCancelledError,
    ExportResult,
    PreflightFailedError,
    export_catalogue,
)
from curator.export.text_measure import ReportlabMeasure
from curator.i18n import _
from curator.ui.dialogs import Dialogs, file_dialog
from curator.ui.export_dialog import ExportDialog
from curator.ui.main_window import MainWindow
from curator.ui.project_controller import ProjectController
from curator.ui.tasks import JobHandle, TaskRunner


class ExportController:
    """Opens the Export Catalogue dialog and runs its previews and exports."""

    def __init__(
        self,
        window: MainWindow,
        projects: ProjectController,
        dialogs: Dialogs,
        tasks: TaskRunner,
    ) -> None:
        self._window = window
        self._projects = projects
        self._dialogs = dialogs
        self._tasks = tasks
        self._measure: ReportlabMeasure | None = None
        self.dialog: ExportDialog | None = None
        self.job: JobHandle | None = None
        self._preview_dir = Path(tempfile.mkdtemp(prefix="curator-preview-"))
        self._preview_count = 0
        self.last_result: ExportResult | None = None
        window.export_catalogue_action.triggered.connect(self.open_dialog)
        projects.project_closed.connect(self._close_dialog)

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        if self.dialog is not None:
            self.dialog.retranslate_ui()

    def open_dialog(self) -> ExportDialog | None:
        """Show the dialog for the open project and start its first preview."""
        service = self._projects.service
        if service is None:
            return None
        if self.dialog is None:
            self.dialog = ExportDialog(service.project.languages(), self._window)
            self.dialog.preview_requested.connect(self.preview)
            self.dialog.export_requested.connect(self.choose_and_export)
            self.dialog.cancel_requested.connect(self.cancel)
        self.dialog.show()
        self.dialog.raise_()
        self.preview()
        return self.dialog

    def _close_dialog(self) -> None:
        self.cancel()
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def cancel(self) -> None:
        """Stop the running preview or export (nothing is written)."""
        if self.job is not None and self.job.running:
            self.job.cancel()

    @property
    def measure(self) -> ReportlabMeasure:
        """The PDF's text measure (fonts registered on first use)."""
        if self._measure is None:
            self._measure = ReportlabMeasure()
        return self._measure

    def preview(self) -> bool:
        """Export to a temporary file and show it, with preflight's findings beside it."""
        self._preview_count += 1
        target = self._preview_dir / f"preview-{self._preview_count}.pdf"

        def work(service: Any, options: CatalogueOptions, report: ProgressCallback,
                 cancel: threading.Event) -> tuple[Path, list[Any]]:  # fmt: skip
            geometry, _resolved = project_catalogue(service, self.measure, options)
            findings = check(service, Product.CATALOGUE, self.measure, catalogue=geometry)
            export_catalogue(
                service,
                target,
                self.measure,
                options,
                report,
                cancel,
                preflight=False,
                report=False,
            )
            return target, findings

        return self._start(work, self._on_preview, _("Drawing the preview…"))

    def choose_and_export(self) -> None:
        """Ask where to write the PDF, then export it."""
        if self.dialog is None:
            return
        dialog = file_dialog(self.dialog, _("Export Catalogue"), _("Export"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([_("PDF files (*.pdf)")])
        dialog.setDefaultSuffix("pdf")
        if dialog.exec() and dialog.selectedFiles():
            self.export_to(Path(dialog.selectedFiles()[0]))

    def export_to(self, path: Path) -> bool:
        """Export the catalogue to ``path`` in the background (preflight errors stop it)."""

        def work(service: Any, options: CatalogueOptions, report: ProgressCallback,
                 cancel: threading.Event) -> ExportResult:  # fmt: skip
            return export_catalogue(service, path, self.measure, options, report, cancel)

        return self._start(work, self._on_exported, _("Exporting…"))

    def _start(self, work: Any, on_result: Any, message: str) -> bool:
        service, dialog = self._projects.service, self.dialog
        if service is None or dialog is None or (self.job is not None and self.job.running):
            return False
        try:
            reader = service.for_thread()
        except CuratorError as error:
            self._dialogs.error(dialog, _("Cannot export the catalogue"), error.message)
            return False
        options = dialog.options()

        def job(report: ProgressCallback, cancel: threading.Event) -> Any:
            try:
                return work(reader, options, report, cancel)
            finally:
                reader.close()

        dialog.set_running(True, message)
        self.job = self._tasks.start_job(
            job, on_progress=self._on_progress, on_result=on_result, on_error=self._on_error
        )
        return True

    def _on_progress(self, progress: Progress) -> None:
        if self.dialog is not None:
            self.dialog.set_progress(progress.done, progress.total)

    def _on_preview(self, result: tuple[Path, list[Any]]) -> None:
        path, findings = result
        if self.dialog is None:
            return
        self.dialog.set_running(False, _("Preview of the PDF as it will be exported."))
        self.dialog.show_findings(findings)
        self.dialog.show_pdf(path)

    def _on_exported(self, result: ExportResult) -> None:
        self.last_result = result
        if self.dialog is None:
            return
        self.dialog.set_running(False, _("Wrote %(file)s.") % {"file": result.path})
        self.dialog.show_findings(result.findings)
        self.dialog.show_pdf(result.path)
        self._window.statusBar().showMessage(_("Wrote %(file)s.") % {"file": result.path}, 10000)

    def _on_error(self, error: Exception) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        if isinstance(error, ExportCancelledError):
            dialog.set_running(False, _("Cancelled; nothing was written."))
            return
        dialog.set_running(False, "")
        if isinstance(error, PreflightFailedError):
            dialog.show_findings(error.findings)
        message = error.message if isinstance(error, CuratorError) else str(error)
        self._dialogs.error(dialog, _("Cannot export the catalogue"), message)

    def shutdown(self) -> None:
        """Remove the previews' temporary folder."""
        shutil.rmtree(self._preview_dir, ignore_errors=True)
