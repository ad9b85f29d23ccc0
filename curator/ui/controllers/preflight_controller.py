"""Preflight in the window: run the checks off the GUI thread, and go to a finding's place.

A photo whose original is missing or cannot be decoded is relinked from its finding, or from
the library's context menu: a file dialog, the chosen file decoded off the GUI thread, the
curator asked before a file with other content replaces the original, and the check run
again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from curator.core.checks.preflight import DAMAGED_PROBLEMS, Finding, check
from curator.core.errors import BackupError, CuratorError
from curator.core.layout.style import Product
from curator.core.progress import ProgressCallback
from curator.core.services import ProjectService
from curator.export.originals import OriginalsDecoder, decode_error
from curator.i18n import _
from curator.ingest.relink import (
    DifferentContentError,
    Replacement,
    examine_replacement,
    store_replacement,
)
from curator.ui.busy import BusyRunner
from curator.ui.controllers.layout_controller import LayoutController
from curator.ui.controllers.photo_follow import follow_photos
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.main_window import MainWindow
from curator.ui.tasks import TaskRunner
from curator.ui.views.dialogs import Dialogs, file_dialog
from curator.ui.views.preflight_panel import RELINKABLE_CODES


class PreflightController:
    """Connects the preflight dock to the project, the library and the canvas."""

    def __init__(
        self,
        window: MainWindow,
        projects: ProjectController,
        layout: LayoutController,
        dialogs: Dialogs,
        tasks: TaskRunner,
    ) -> None:
        self._window = window
        self._projects = projects
        self._layout = layout
        self._dialogs = dialogs
        self._tasks = tasks
        self._busy = BusyRunner(window, tasks, dialogs)
        panel = window.preflight
        panel.check_requested.connect(self.run_check)
        panel.finding_activated.connect(self.go_to)
        panel.remove_from_section_requested.connect(self._on_remove_from_section_requested)
        panel.relink_requested.connect(self.relink_photo)
        library = window.library
        library.menu.aboutToShow.connect(self._on_library_menu_about_to_show)
        library.relink_action.triggered.connect(self._on_library_relink_action_triggered)
        #: The last relink stored (for tests and the status bar), or None.
        self.last_relinked: str | None = None
        #: Asks whether to go on when the snapshot before a relink fails (the backup
        #: controller's); None: the relink is refused then.
        self.go_on_without_backup: Callable[[BackupError], bool] | None = None
        self._last_product: str | None = None
        #: Takes photos out of their sections as one undoable edit (the section controller's).
        self.remove_photos: Callable[[list[str]], bool] | None = None
        projects.project_closed.connect(lambda: panel.show_findings(None))
        projects.project_opened.connect(lambda _service: panel.show_findings(None))

    def run_check(self, product: str) -> None:
        """Check the open project for ``product``, in the background."""
        service = self._projects.service
        if service is None:
            return
        measure = self._layout.measure
        panel = self._window.preflight
        panel.summary.setText(_("Checking…"))
        self._last_product = product

        def job(
            reader: ProjectService, _progress: ProgressCallback, cancel: threading.Event
        ) -> list[Finding]:
            decode = OriginalsDecoder.for_project(reader.path)
            return check(reader, Product(product), measure, cancel=cancel, decode=decode)

        def failed(_error: Exception) -> bool:
            panel.show_findings(None)
            return False

        self._busy.run(
            service,
            _("Checking the project…"),
            job,
            panel.show_findings,
            _("Cannot check the project"),
            on_failure=failed,
        )

    def _on_remove_from_section_requested(self, photo_id: str) -> None:
        removed = self.remove_photos is not None and self.remove_photos([photo_id])
        if removed and self._last_product is not None:
            self.run_check(self._last_product)

    def go_to(self, finding: Finding) -> None:
        """Show the finding's photo, and its panel (its slot outlined) on the canvas."""
        if finding.photo_id:
            self._window.library.select_photo(finding.photo_id)
        if finding.section_id and finding.panel_id:
            self._layout.show_section(finding.section_id, finding.panel_id, finding.slot_id)
            self._window.workspace.setCurrentWidget(self._window.layout_canvas)

    # -- relinking one photo ----------------------------------------------------------------

    def needs_relink(self, photo_id: str) -> bool:
        """Whether the photo's original is missing or known not to decode."""
        service = self._projects.service
        if service is None:
            return False
        try:
            photo = service.queries.photo(photo_id)
        except KeyError:
            return False
        if not photo.path.is_file():
            return True
        if any(p.code in DAMAGED_PROBLEMS for p in service.queries.photo_problems(photo_id)):
            return True
        return any(
            f.photo_id == photo_id and f.code in RELINKABLE_CODES
            for f in self._window.preflight.findings()
        )

    def _on_library_menu_about_to_show(self) -> None:
        library = self._window.library
        selected = library.selected_photo_ids()
        service = self._projects.service
        writable = service is not None and not service.read_only
        enabled = writable and len(selected) == 1 and self.needs_relink(selected[0])
        library.relink_action.setEnabled(enabled)
        if enabled and library.relink_action not in library.menu.actions():
            library.menu.addAction(library.relink_action)

    def _on_library_relink_action_triggered(self) -> None:
        selected = self._window.library.selected_photo_ids()
        if len(selected) == 1:
            self.relink_photo(selected[0])

    def relink_photo(self, photo_id: str) -> None:
        """Ask for a file to use as the photo's original, check it, and store it."""
        service = self._projects.service
        if service is None:
            return
        try:
            photo = service.queries.photo(photo_id)
        except KeyError:
            return
        dialog = file_dialog(
            self._window,
            _("Relink the original of %(file)s") % {"file": photo.path.name},
            _("Relink"),
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([_("Photos (*.jpg *.jpeg *.tif *.tiff *.png)"), _("All files (*)")])
        if photo.path.parent.is_dir():
            dialog.setDirectory(str(photo.path.parent))
        if not self._dialogs.run(dialog):
            return
        files = dialog.selectedFiles()
        if not files:
            return
        chosen = Path(files[0])

        def job(
            _reader: ProjectService, _progress: ProgressCallback, _cancel: threading.Event
        ) -> Replacement:
            return examine_replacement(chosen, decode_error)

        self._busy.run(
            service,
            _("Checking %(file)s…") % {"file": chosen.name},
            job,
            lambda replacement: self._store(photo_id, replacement),
            _("Cannot relink the photo"),
        )

    def _store(self, photo_id: str, replacement: Replacement) -> None:
        service = self._projects.service
        if service is None:
            return
        title = _("Cannot relink the photo")
        accept_different = False
        backup = True
        while True:
            try:
                done = store_replacement(
                    service,
                    photo_id,
                    replacement,
                    accept_different=accept_different,
                    backup=backup,
                )
                break
            except DifferentContentError as error:
                if accept_different or not self._dialogs.confirm(
                    self._window,
                    _("Use another file?"),
                    error.message,
                    _("Use This File Instead"),
                ):
                    return
                accept_different = True
            except BackupError as error:
                ask = self.go_on_without_backup
                if not backup or ask is None or not ask(error):
                    if ask is None:
                        self._dialogs.error(self._window, title, error.message)
                    return
                backup = False
            except CuratorError as error:
                self._dialogs.error(self._window, title, error.message)
                return
        self.last_relinked = done.photo_id
        # Another file may bring another picture: the library decodes its thumbnail anew.
        follow_photos(self._window, service, [done.photo_id], new_pictures=[done.photo_id])
        self._window.statusBar().showMessage(
            _("%(id)s now uses %(file)s.") % {"id": done.photo_id, "file": done.path.name}, 15000
        )
        if self._last_product is not None:
            self.run_check(self._last_product)
