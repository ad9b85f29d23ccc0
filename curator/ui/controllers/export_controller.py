"""File > Export…: preview and export off the GUI thread, with Cancel, for every product.

Each declared product (:mod:`curator.export.products`) opens the Export dialog with its
options, from the window's ``export_NAME_action``. Both the preview and the export run the
product's declared run, the one the matching ``curator export`` command runs, on a worker
with its own connection to the project. The preview skips the preflight stop (its findings
are listed beside it instead) and writes into a temporary folder; the export refuses on
errors and writes the chosen file and its report. An output profile chosen in the dialog
(the print shop's ICC) makes the PDF PDF/X-4. The chooser opens where the product was last
exported (else beside the project) with a name from the title; once written, the status bar
and a notice offer Open and Show in Folder (:mod:`curator.ui.views.written_file`).
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QMessageBox

from curator.core.checks.print_scope import scope_summary
from curator.core.errors import CancelledError, CuratorError
from curator.core.language.library_messages import explained
from curator.core.progress import Progress, ProgressCallback
from curator.core.publishing.catalogue_texts import overview, read_texts
from curator.core.publishing.cover_service import stored_cover_photo
from curator.core.storage.protected_files import protected_files
from curator.export import products
from curator.export.catalogue import PreflightFailedError
from curator.export.colour import OutputProfile, load_output_profile
from curator.export.product_spec import (
    ExportJob,
    OptionKind,
    ProductOption,
    ProductSpec,
    Rendered,
    default_file_name,
    export_title,
)
from curator.export.text_measure import ReportlabMeasure
from curator.i18n import _
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.main_window import MainWindow
from curator.ui.settings import Preferences
from curator.ui.tasks import JobHandle, TaskRunner
from curator.ui.views.dialogs import Dialogs, file_dialog
from curator.ui.views.export_dialog import ExportDialog
from curator.ui.views.written_file import FileOpener, WrittenFileBar, written_notice


def _cover_photos(service: Any) -> list[tuple[str, str]]:
    """The photos in sections, in visit order, each named by its section and file."""
    photos = []
    for number, section in enumerate(service.queries.sections(), start=1):
        for photo_id in service.queries.section_photo_ids(section.id):
            photo = service.queries.photo(photo_id)
            photos.append((photo_id, f"{number}. {photo.path.name}"))
    return photos


class ExportController:
    """Opens the Export dialog for a product and runs its previews and exports."""

    def __init__(
        self,
        window: MainWindow,
        projects: ProjectController,
        dialogs: Dialogs,
        tasks: TaskRunner,
        preferences: Preferences | None = None,
    ) -> None:
        self._window = window
        self._projects = projects
        self._dialogs = dialogs
        self._tasks = tasks
        self._preferences = preferences
        #: Where each product was last exported, when there are no preferences to keep it.
        self._folders: dict[str, str] = {}
        self._measure: ReportlabMeasure | None = None
        self._profiles: dict[Path, OutputProfile] = {}
        self.dialog: ExportDialog | None = None
        self.job: JobHandle | None = None
        self._preview_dir = Path(tempfile.mkdtemp(prefix="curator-preview-"))
        self._preview_count = 0
        self.last_result: Any = None
        #: Opens the Catalogue Texts dialog (wired in ui/app.py); None: no such button.
        self.open_texts: Callable[[], None] | None = None
        #: Opens what an export wrote, or shows it in its folder.
        self.opener = FileOpener(parent=window)
        self.opener.on_failure = lambda sentence: window.statusBar().showMessage(sentence, 10000)
        #: The status bar's offer of the last exported file; the notification that says it.
        self.written_bar = WrittenFileBar(self.opener)
        window.statusBar().insertPermanentWidget(0, self.written_bar)
        self.notice: QMessageBox | None = None
        for spec in products.PRODUCTS:  # File > Export …: the window names each product's action
            action = getattr(window, f"export_{spec.name}_action", None)
            if action is not None:
                action.triggered.connect(lambda _checked=False, n=spec.name: self.open_dialog(n))
        projects.project_closed.connect(self._close_dialog)
        projects.project_closed.connect(self.withdraw_offer)

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.written_bar.retranslate_ui()
        if self.dialog is not None:
            self.dialog.retranslate_ui()
            self.show_scope()

    def open_dialog(self, product: str = "catalogue") -> ExportDialog | None:
        """Show the dialog for the open project and start its first preview."""
        service = self._projects.service
        if service is None:
            return None
        if self.dialog is not None and self.dialog.product != product:
            self._close_dialog()
        if self.dialog is None:
            spec = products.product(product)
            starting = {
                option.key: option.project_default(service)
                for option in spec.all_options
                if option.project_default is not None
            }
            self.dialog = ExportDialog(service.queries.languages(), self._window, product, starting)
            self.dialog.preview_requested.connect(self.preview)
            self.dialog.export_requested.connect(self.choose_and_export)
            self.dialog.cancel_requested.connect(self.cancel)
            self.dialog.profile_requested.connect(self.choose_profile)
            self.dialog.scope_changed.connect(self.show_scope)
            self.dialog.texts_requested.connect(self._on_dialog_texts_requested)
            self.dialog.texts_button.setEnabled(self.open_texts is not None)
            if self.dialog.wants_photos():
                self.dialog.set_cover_photos(_cover_photos(service), stored_cover_photo(service))
                self.dialog.cover_photo_chosen.connect(self._remember_cover_photo)
        self.show_scope()
        self._show_texts_overview()
        self.dialog.show()
        self.dialog.raise_()
        if not self.dialog.spec.folder:
            self.preview()
        return self.dialog

    def _remember_cover_photo(self, photo_id: str | None) -> None:
        """Keep the cover photo chosen in the dialog in the project (the next export's too)."""
        service, dialog = self._projects.service, self.dialog
        if service is None or dialog is None or service.read_only:
            return  # the choice still makes this export's cover
        for option in dialog.spec.all_options:
            if option.kind is OptionKind.PHOTO and not self._keep(dialog.spec, option, photo_id):
                return
        self.preview()

    def _remember(self, spec: ProductSpec, values: Mapping[str, Any]) -> None:
        """Keep the values ``spec`` declares kept (the site's address) in the project."""
        for option in spec.all_options:
            if values.get(option.key):
                self._keep(spec, option, values[option.key])

    def _keep(self, spec: ProductSpec, option: ProductOption, value: Any) -> bool:
        """Keep one option's value as it declares; False (said in a dialog) when it could not."""
        service = self._projects.service
        if option.remember is None or service is None:
            return True
        try:
            option.remember(service, value)
        except CuratorError as error:
            reason = _(option.not_kept) % {"reason": error.message}
            self._dialogs.error(self.dialog or self._window, _(spec.title), reason)
            return False
        return True

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
        languages = self.dialog.chosen_languages() or tuple(service.queries.languages())
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

    def preview(self) -> bool:
        """Export to a temporary file and show it, with preflight's findings beside it."""
        self._show_texts_overview()
        self._preview_count += 1
        self.show_scope()  # flags or sections may have changed since the dialog opened
        target = self._preview_dir / f"preview-{self._preview_count}.pdf"
        return self._start(target, True, self._on_preview, _("Drawing the preview…"))

    def choose_and_export(self) -> None:
        """Ask where to write the file, then export it.

        The chooser opens where this product was last exported (else in the project's
        folder) with a name made from the catalogue's title and the product.
        """
        service, dialog = self._projects.service, self.dialog
        if service is None or dialog is None:
            return
        chooser = file_dialog(dialog, dialog.windowTitle(), _("Export"))
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        if not dialog.spec.folder:  # the web edition: a new folder's name
            chooser.setNameFilters([_("PDF files (*.pdf)")])
            chooser.setDefaultSuffix(dialog.spec.suffix.lstrip("."))
        chooser.setDirectory(str(self.start_folder(dialog.spec, service.path)))
        chooser.selectFile(default_file_name(dialog.spec, export_title(service)))
        if self._dialogs.run(chooser) and chooser.selectedFiles():
            self.export_to(Path(chooser.selectedFiles()[0]))

    def start_folder(self, spec: ProductSpec, project: Path) -> Path:
        """Where the chooser opens: this product's last export folder, else the project's."""
        folders = self._preferences.export_folders if self._preferences else self._folders
        last = folders.get(spec.name)
        if last and Path(last).is_dir():
            return Path(last)
        return project.parent

    def _remember_folder(self, spec: ProductSpec, folder: Path) -> None:
        if self._preferences is None:
            self._folders[spec.name] = str(folder)
            return
        folders = self._preferences.export_folders
        folders[spec.name] = str(folder)
        self._preferences.export_folders = folders

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
        values = dialog.values()
        options, spec, measure = dialog.options(), dialog.spec, self.measure
        if not preview and not service.read_only:
            self._remember(spec, values)
        path = dialog.profile_path
        profile = self._profiles.get(path) if path is not None else None

        def job(report: ProgressCallback, cancel: threading.Event) -> Rendered:
            try:
                return spec.run(
                    ExportJob(reader, target, measure, options, report, cancel, profile, preview)
                )
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

    def _on_preview(self, written: Rendered) -> None:
        if self.dialog is None:
            return
        self.dialog.set_running(False, _("Preview of the PDF as it will be exported."))
        self.dialog.show_findings(written.findings, written.notes)
        self.dialog.show_pdf(written.path)

    def _on_exported(self, written: Rendered) -> None:
        self.last_result = written.result
        if self.dialog is None:
            return
        spec = self.dialog.spec
        # a folder product's path is its start page: the chooser reopens beside its folder
        folder = written.path.parent.parent if spec.folder else written.path.parent
        self._remember_folder(spec, folder)
        self.dialog.set_running(False, _("Wrote %(file)s.") % {"file": written.path})
        self.dialog.show_findings(written.findings, written.notes)
        if not spec.folder:
            self.dialog.show_pdf(written.path)
        self.offer(written.path)

    def offer(self, path: Path) -> None:
        """Offer Open and Show in Folder for ``path``: in the status bar, and in a notice.

        The notice belongs to the window, not to the Export dialog: it outlives the dialog
        when the curator closes it or turns to another product.
        """
        self.written_bar.offer(path)
        if self.notice is not None:
            self.notice.close()
        self.notice = written_notice(self._window, self.opener, path)
        self.notice.finished.connect(self._forget_notice)
        self.notice.show()

    def withdraw_offer(self) -> None:
        """Offer nothing more (the project was closed)."""
        self.written_bar.withdraw()
        if self.notice is not None:
            self.notice.close()

    def _forget_notice(self) -> None:
        if self.notice is not None:
            self.notice.deleteLater()
            self.notice = None

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
