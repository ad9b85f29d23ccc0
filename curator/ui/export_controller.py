"""File > Export…: preview and export off the GUI thread, with Cancel, for every product.

The catalogue, its cover sheet, panel proofs, wall labels and the approval proof each open
the Export dialog with their options. Both the preview and the export run the function the matching
``curator export`` command runs, on a worker with its own connection to the project. The
preview skips the preflight stop (its findings are listed beside it instead) and writes
into a temporary folder; the export refuses on errors and writes the chosen file and its
report. An output profile chosen in the dialog (the print shop's ICC) makes the PDF PDF/X-4.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog

from curator.core.catalogue_service import project_catalogue
from curator.core.catalogue_texts import overview, read_texts
from curator.core.cover_service import remember_cover_photo, stored_cover_photo
from curator.core.errors import CancelledError, CuratorError
from curator.core.labels_service import project_labels
from curator.core.layout.style import Product
from curator.core.library_messages import explained
from curator.core.preflight import Finding, check
from curator.core.print_scope import scope_summary
from curator.core.progress import Progress, ProgressCallback
from curator.core.protected_files import protected_files
from curator.export.catalogue import (
    PreflightFailedError,
    export_catalogue,
)
from curator.export.colour import OutputProfile, load_output_profile
from curator.export.cover import export_cover
from curator.export.labels import export_labels
from curator.export.originals import OriginalsDecoder
from curator.export.panels import export_panels
from curator.export.proof import export_proof
from curator.export.text_measure import ReportlabMeasure
from curator.i18n import _
from curator.ui.dialogs import Dialogs, file_dialog
from curator.ui.export_dialog import ExportDialog, ExportProduct
from curator.ui.main_window import MainWindow
from curator.ui.project_controller import ProjectController
from curator.ui.tasks import JobHandle, TaskRunner


def _cover_photos(service: Any) -> list[tuple[str, str]]:
    """The photos in sections, in visit order, each named by its section and file."""
    photos = []
    for number, section in enumerate(service.exhibition.sections(), start=1):
        for photo_id in service.exhibition.photo_ids(section.id):
            photo = service.photos.get(photo_id)
            photos.append((photo_id, f"{number}. {photo.path.name}"))
    return photos


@dataclass(frozen=True)
class Written:
    """What a preview or export wrote: the file, preflight's findings, the proof's notes."""

    path: Path
    findings: list[Finding]
    notes: int = 0
    result: Any = None


class ExportController:
    """Opens the Export dialog for a product and runs its previews and exports."""

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
        self._profiles: dict[Path, OutputProfile] = {}
        self.dialog: ExportDialog | None = None
        self.job: JobHandle | None = None
        self._preview_dir = Path(tempfile.mkdtemp(prefix="curator-preview-"))
        self._preview_count = 0
        self.last_result: Any = None
        #: Opens the Catalogue Texts dialog (wired in ui/app.py); None: no such button.
        self.open_texts: Callable[[], None] | None = None
        actions = {
            window.export_catalogue_action: ExportProduct.CATALOGUE,
            window.export_panels_action: ExportProduct.PANELS,
            window.export_labels_action: ExportProduct.LABELS,
            window.export_proof_action: ExportProduct.PROOF,
            window.export_cover_action: ExportProduct.COVER,
        }
        for action, product in actions.items():
            action.triggered.connect(lambda _checked=False, p=product: self.open_dialog(p))
        projects.project_closed.connect(self._close_dialog)

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        if self.dialog is not None:
            self.dialog.retranslate_ui()
            self.show_scope()

    def open_dialog(self, product: ExportProduct = ExportProduct.CATALOGUE) -> ExportDialog | None:
        """Show the dialog for the open project and start its first preview."""
        service = self._projects.service
        if service is None:
            return None
        if self.dialog is not None and self.dialog.product is not product:
            self._close_dialog()
        if self.dialog is None:
            self.dialog = ExportDialog(service.project.languages(), self._window, product)
            self.dialog.preview_requested.connect(self.preview)
            self.dialog.export_requested.connect(self.choose_and_export)
            self.dialog.cancel_requested.connect(self.cancel)
            self.dialog.profile_requested.connect(self.choose_profile)
            self.dialog.scope_changed.connect(self.show_scope)
            self.dialog.texts_requested.connect(self._on_dialog_texts_requested)
            self.dialog.texts_button.setEnabled(self.open_texts is not None)
            if product is ExportProduct.COVER:
                self.dialog.set_cover_photos(_cover_photos(service), stored_cover_photo(service))
                self.dialog.cover_photo_chosen.connect(self._remember_cover_photo)
        self.show_scope()
        self._show_texts_overview()
        self.dialog.show()
        self.dialog.raise_()
        self.preview()
        return self.dialog

    def _remember_cover_photo(self, photo_id: str | None) -> None:
        """Keep the cover photo chosen in the dialog in the project (the next export's too)."""
        service = self._projects.service
        if service is None or service.read_only:
            return  # the choice still makes this export's cover
        try:
            remember_cover_photo(service, photo_id)
        except CuratorError as error:
            self._dialogs.error(self._window, _("Cannot keep the cover photo"), error.message)
            return
        self.preview()

    def show_scope(self) -> None:
        """Count what will be printed, before anything runs (a query: quick on the GUI thread)."""
        service, dialog = self._projects.service, self.dialog
        if service is None or dialog is None:
            return
        dialog.show_scope(scope_summary(service, dialog.picks_only.isChecked()).sentence())

    def _show_texts_overview(self) -> None:
        service = self._projects.service
        if service is None or self.dialog is None:
            return
        languages = self.dialog.chosen_languages() or tuple(service.project.languages())
        self.dialog.show_texts_overview(overview(read_texts(service), languages))

    def _on_dialog_texts_requested(self) -> None:
        if self.open_texts is None:
            return
        self.open_texts()
        self._show_texts_overview()
        self.preview()

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

    def choose_profile(self) -> None:
        """Ask for the print shop's ICC profile, then use it."""
        if self.dialog is None:
            return
        dialog = file_dialog(self.dialog, _("Output Profile"), _("Choose"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([_("ICC profiles (*.icc *.icm)"), _("All files (*)")])
        if self._dialogs.run(dialog) and dialog.selectedFiles():
            self.set_profile(Path(dialog.selectedFiles()[0]))

    def set_profile(self, path: Path | None) -> bool:
        """Use the output profile at ``path`` (None: none); a bad file is refused, said why."""
        if self.dialog is None:
            return False
        if path is None:
            self.dialog.set_profile(None, "")
            return True
        try:
            profile = self._profiles.get(path) or load_output_profile(path)
        except CuratorError as error:
            self._dialogs.error(self.dialog, _("Cannot use this colour profile"), error.message)
            return False
        self._profiles[path] = profile
        self.dialog.set_profile(path, profile.description)
        return True

    def _write(
        self, service: Any, product: ExportProduct, target: Path, options: Any,
        profile: OutputProfile | None, report: ProgressCallback, cancel: threading.Event,
        preview: bool,
    ) -> Written:  # fmt: skip
        """Run the product's export (a preview: no preflight stop, no report)."""
        measure, final = self.measure, not preview
        decode = OriginalsDecoder.for_project(service.path)
        result: Any
        findings: list[Finding] = []
        if product is ExportProduct.PANELS:
            result = export_panels(service, target, measure, options, report, cancel,
                                   preflight=final, report=final, profile=profile)  # fmt: skip
            findings = (
                check(service, Product.PANELS, measure, picks_only=options.picks_only,
                      decode=decode)
                if preview
                else result.findings
            )  # fmt: skip
            return Written(result.path, findings, result=result)
        if product is ExportProduct.LABELS:
            if preview:
                labels = project_labels(service, measure, options)
                findings = check(service, Product.LABELS, measure, labels=labels,
                                 picks_only=options.picks_only)  # fmt: skip
            result = export_labels(service, target, measure, options, report, cancel,
                                   preflight=final, report=final, profile=profile)  # fmt: skip
            return Written(result.path, findings or result.findings, result=result)
        if product is ExportProduct.COVER:
            result = export_cover(service, target, measure, options.catalogue, options.photo_id,
                                  report, cancel, profile=profile, preflight=final,
                                  decode=decode)  # fmt: skip
            return Written(result.path, result.findings, result=result)
        if product is ExportProduct.PROOF:
            result = export_proof(service, target, measure, options.languages, options.paper_mm,
                                  report, cancel, report=final, profile=profile,
                                  picks_only=options.picks_only)  # fmt: skip
            return Written(result.path, [], result.notes, result)
        if preview:
            geometry, _resolved = project_catalogue(service, measure, options)
            findings = check(service, Product.CATALOGUE, measure, catalogue=geometry,
                             picks_only=options.picks_only, decode=decode)  # fmt: skip
        result = export_catalogue(service, target, measure, options, report, cancel,
                                  preflight=final, report=final, profile=profile)  # fmt: skip
        return Written(result.path, findings or result.findings, result=result)

    def preview(self) -> bool:
        """Export to a temporary file and show it, with preflight's findings beside it."""
        self._show_texts_overview()
        self._preview_count += 1
        self.show_scope()  # flags or sections may have changed since the dialog opened
        target = self._preview_dir / f"preview-{self._preview_count}.pdf"
        return self._start(target, True, self._on_preview, _("Drawing the preview…"))

    def choose_and_export(self) -> None:
        """Ask where to write the PDF, then export it."""
        if self.dialog is None:
            return
        dialog = file_dialog(self.dialog, self.dialog.windowTitle(), _("Export"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([_("PDF files (*.pdf)")])
        dialog.setDefaultSuffix("pdf")
        if self._dialogs.run(dialog) and dialog.selectedFiles():
            self.export_to(Path(dialog.selectedFiles()[0]))

    def export_to(self, path: Path) -> bool:
        """Export the dialog's product to ``path`` in the background (errors stop it).

        A file the project protects (the project, a backup, an original) is refused at once.
        """
        service, dialog = self._projects.service, self.dialog
        if service is not None and dialog is not None:
            try:
                protected_files(service).check(path)
            except CuratorError as error:
                self._dialogs.error(dialog, _("Cannot export"), error.message)
                return False
        return self._start(path, False, self._on_exported, _("Exporting…"))

    def _start(self, target: Path, preview: bool, on_result: Any, message: str) -> bool:
        service, dialog = self._projects.service, self.dialog
        if service is None or dialog is None or (self.job is not None and self.job.running):
            return False
        try:
            reader = service.for_thread()
        except CuratorError as error:
            self._dialogs.error(dialog, _("Cannot export"), error.message)
            return False
        options, product = dialog.options(), dialog.product
        path = dialog.profile_path
        profile = self._profiles.get(path) if path is not None else None

        def job(report: ProgressCallback, cancel: threading.Event) -> Written:
            try:
                return self._write(reader, product, target, options, profile, report, cancel,
                                   preview)  # fmt: skip
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

    def _on_preview(self, written: Written) -> None:
        if self.dialog is None:
            return
        self.dialog.set_running(False, _("Preview of the PDF as it will be exported."))
        self.dialog.show_findings(written.findings, written.notes)
        self.dialog.show_pdf(written.path)

    def _on_exported(self, written: Written) -> None:
        self.last_result = written.result
        if self.dialog is None:
            return
        self.dialog.set_running(False, _("Wrote %(file)s.") % {"file": written.path})
        self.dialog.show_findings(written.findings, written.notes)
        self.dialog.show_pdf(written.path)
        self._window.statusBar().showMessage(_("Wrote %(file)s.") % {"file": written.path}, 10000)

    def _on_error(self, error: Exception) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        if isinstance(error, CancelledError):  # the export's, or its preflight's
            dialog.set_running(False, _("Cancelled; nothing was written."))
            return
        dialog.set_running(False, "")
        if isinstance(error, PreflightFailedError):
            dialog.show_findings(error.findings)
        message = explained(error)
        self._dialogs.error(dialog, _("Cannot export"), message)

    def shutdown(self) -> None:
        """Remove the previews' temporary folder."""
        shutil.rmtree(self._preview_dir, ignore_errors=True)
