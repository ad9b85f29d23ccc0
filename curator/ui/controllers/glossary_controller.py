"""The glossary in the window: import and export (CSV, TBX), case forms, the check.

An import is parsed in full before anything is written, then applied in one transaction
that also regenerates the place and credit captions still following the glossary. An
entry's case forms are written in a dialog through the operations layer, one undo step on
the window's undo stack. The check runs off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog

from curator.core.errors import CuratorError
from curator.core.language.glossary_import import GlossaryImportPlan, plan_import
from curator.core.operations import ChangeSet, Undo
from curator.core.services import ProjectService
from curator.core.storage.backups import SnapshotReason
from curator.core.storage.protected_files import protected_files
from curator.exchange import read_glossary, write_glossary
from curator.i18n import _
from curator.ui.busy import BusyRunner
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.main_window import MainWindow
from curator.ui.tasks import TaskRunner
from curator.ui.undo import ChangeCommand
from curator.ui.views.dialogs import Dialogs, file_dialog
from curator.ui.views.glossary_cases_dialog import CaseFormsDialog

if TYPE_CHECKING:
    from curator.ui.controllers.backup_controller import BackupController


class GlossaryController:
    """Connects the glossary dock to the project."""

    def __init__(
        self,
        window: MainWindow,
        projects: ProjectController,
        dialogs: Dialogs,
        tasks: TaskRunner,
        backups: BackupController | None = None,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        self._window = window
        #: Where a change of case forms goes as one undo step (the window's Edit menu).
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(window)
        self._backups = backups
        self._projects = projects
        self._dialogs = dialogs
        self._tasks = tasks
        self._busy = BusyRunner(window, tasks, dialogs)
        #: Called after every reload, so what depends on the glossary (spelling) follows it.
        self.on_reloaded: Callable[[], None] | None = None
        panel = window.glossary
        panel.import_requested.connect(self._on_panel_import_requested)
        panel.export_requested.connect(self._on_panel_export_requested)
        panel.check_requested.connect(self.check)
        panel.finding_activated.connect(self._on_panel_finding_activated)
        panel.cases_requested.connect(self.edit_cases)
        projects.project_opened.connect(self._on_projects_project_opened)
        projects.project_closed.connect(self._on_projects_project_closed)
        projects.rights_changed.connect(self._on_projects_rights_changed)
        panel.set_enabled_actions(False, False)

    def reload(self) -> None:
        """Show the open project's glossary."""
        service = self._projects.service
        if service is None:
            self._window.glossary.show_entries([], [])
            return
        languages = list(service.queries.languages())
        self._window.glossary.show_entries(service.queries.glossary(), languages)
        if self.on_reloaded is not None:
            self.on_reloaded()

    def import_file(self, path: Path) -> bool:
        """Merge a CSV or TBX glossary into the project; False (and a message) when refused."""
        service = self._projects.service
        if service is None or service.read_only:
            return False
        try:
            plan = plan_import(service.queries.glossary(), read_glossary(path), source=str(path))
        except CuratorError as error:
            self._dialogs.error(self._window, _("Cannot import the glossary"), error.message)
            return False
        if self._backups is None or not (plan.added or plan.replaced):
            return self._apply(plan, path, backup=True)

        def proceed() -> None:
            self._apply(plan, path, backup=False)

        # The snapshot is written on a worker; the glossary changes once it is safe.
        self._backups.guard(SnapshotReason.GLOSSARY_IMPORT, path.name, proceed)
        return True

    def _apply(self, plan: GlossaryImportPlan, path: Path, *, backup: bool) -> bool:
        service = self._projects.service
        if service is None or service.read_only:
            return False
        try:
            changes = service.operations.records.import_glossary(
                plan, source=path.name, backup=backup
            )
        except CuratorError as error:
            self._dialogs.error(self._window, _("Cannot import the glossary"), error.message)
            return False
        self.reload()
        if changes.captions:  # place and credit captions that follow the glossary
            self._projects.refresh()
        self._window.statusBar().showMessage(
            _("Glossary: %(added)d added, %(replaced)d replaced")
            % {"added": len(plan.added), "replaced": len(plan.replaced)},
            15000,
        )
        return True

    def export_file(self, path: Path) -> bool:
        """Write the glossary as CSV or TBX (by the suffix)."""
        service = self._projects.service
        if service is None:
            return False
        project = service.queries.project()
        try:
            write_glossary(
                path,
                service.queries.glossary(),
                list(project.languages),
                title=project.title,
                guard=protected_files(service),
            )
        except CuratorError as error:
            self._dialogs.error(self._window, _("Cannot export the glossary"), error.message)
            return False
        self._window.statusBar().showMessage(
            _("Glossary written to %(path)s") % {"path": path}, 15000
        )
        return True

    def edit_cases(self, entry_id: int) -> bool:
        """Ask for an entry's case forms in a dialog and write them (one undo step)."""
        service = self._projects.service
        if service is None or service.read_only:
            return False
        entry = next((e for e in service.queries.glossary() if e.id == entry_id), None)
        if entry is None:
            return False
        dialog = CaseFormsDialog(entry, list(service.queries.languages()), self._window)
        if not self._dialogs.run(dialog):
            return False
        return self.set_cases(entry_id, dialog.cases())

    def set_cases(self, entry_id: int, cases: dict[str, dict[str, str]]) -> bool:
        """Give an entry these case forms; False (and a message) when refused."""
        service = self._projects.service
        if service is None:
            return False
        entry = next((e for e in service.queries.glossary() if e.id == entry_id), None)
        try:
            changes = service.operations.records.set_glossary_cases(entry_id, cases)
        except CuratorError as error:
            self._dialogs.error(self._window, _("Cannot change the case forms"), error.message)
            return False
        self._follow(changes)
        if changes.undo is not None:
            name = (entry.code or next(iter(entry.terms.values()), "")) if entry else ""
            label = _("Edit case forms of “%(entry)s”") % {"entry": name}
            self.undo_stack.push(ChangeCommand(label, self._step, changes.undo))
        return True

    def _step(self, undo: Undo) -> ChangeSet | None:
        service = self._projects.service
        if service is None:
            return None
        changes = service.operations.undo(undo)
        self._follow(changes)
        return changes

    def _follow(self, changes: ChangeSet) -> None:
        if not changes.glossary:
            return
        self.reload()
        self._window.glossary.select_entry(next(iter(changes.glossary)))

    def check(self) -> None:
        """Check every caption against the glossary, in the background."""
        service = self._projects.service
        if service is None:
            return
        panel = self._window.glossary
        panel.findings_label.setText(_("Checking…"))

        def failed(_error: Exception) -> bool:
            panel.show_findings(None)
            return False

        self._busy.run(
            service,
            _("Checking the captions against the glossary…"),
            lambda reader, _progress, cancel: reader.glossary_findings(cancel),
            panel.show_findings,
            _("Cannot check the captions"),
            on_failure=failed,
        )

    def _file_dialog(self, save: bool) -> Path | None:
        if save:
            dialog = file_dialog(self._window, _("Export the glossary"), _("Export"))
        else:
            dialog = file_dialog(self._window, _("Import a glossary"), _("Import"))
        dialog.setNameFilters([_("Glossaries (*.csv *.tbx)"), _("All files (*)")])
        if save:
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setDefaultSuffix("csv")
        else:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        if not self._dialogs.run(dialog) or not dialog.selectedFiles():
            return None
        return Path(dialog.selectedFiles()[0])

    def _on_panel_import_requested(self) -> None:
        path = self._file_dialog(save=False)
        if path is not None:
            self.import_file(path)

    def _on_panel_export_requested(self) -> None:
        path = self._file_dialog(save=True)
        if path is not None:
            self.export_file(path)

    def _on_panel_finding_activated(self, photo_id: str) -> None:
        self._window.library.select_photo(photo_id)

    def _on_projects_project_opened(self, service: ProjectService) -> None:
        self.reload()
        self._window.glossary.show_findings(None)
        self._window.glossary.set_enabled_actions(not service.read_only, True)

    def _on_projects_rights_changed(self, service: ProjectService) -> None:
        self._window.glossary.set_enabled_actions(not service.read_only, True)

    def _on_projects_project_closed(self) -> None:
        self.reload()
        self._window.glossary.show_findings(None)
        self._window.glossary.set_enabled_actions(False, False)
