"""Caption files for translators in the window: export, import with its plan, conflicts.

Building and writing a file, and reading and planning one, run off the GUI thread on a
connection of their own. Applying a plan is one operation and one step on the shared undo
stack, its change set's undo (Edit > Undo puts every field back and removes the translations
kept beside; it refuses when someone changed a field since); the window shows what the change
set names.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QFileDialog, QMenu

from curator.core.errors import CaptionConflictError, CuratorError
from curator.core.operations import ChangeSet, Undo
from curator.core.operations.queries import KeptText
from curator.core.progress import ProgressCallback, stop_if_cancelled
from curator.core.services import ProjectService
from curator.core.storage.atomic_write import write_atomically
from curator.core.storage.backups import SnapshotReason
from curator.core.storage.protected_files import protected_files
from curator.core.translators.caption_exchange import (
    ExchangeDocument,
    ExportScope,
    build_export,
    layout_budgets,
    record_export,
)
from curator.core.translators.exchange_apply import AppliedImport, apply_plan
from curator.core.translators.exchange_plan import ImportPlan, PlanAction, plan_import
from curator.exchange.captions import SUFFIXES, caption_file_bytes, read_caption_file
from curator.i18n import _, current_language
from curator.ui.busy import BusyRunner
from curator.ui.controllers.backup_controller import BackupController
from curator.ui.controllers.caption_controller import CaptionController
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.main_window import MainWindow
from curator.ui.tasks import TaskRunner
from curator.ui.undo import ChangeCommand
from curator.ui.views.dialogs import Dialogs, file_dialog
from curator.ui.views.exchange_dialogs import (
    ConflictsDialog,
    ExportChoice,
    ExportForTranslatorDialog,
    ImportPlanDialog,
)


def _document(
    service: ProjectService, choice: ExportChoice, cancel: threading.Event
) -> ExchangeDocument:
    from curator.export.text_measure import ReportlabMeasure

    budgets = layout_budgets(service, ReportlabMeasure(), choice.target_language)
    scope = ExportScope(
        target_language=choice.target_language,
        source_language=choice.source_language,
        section_id=choice.section_id,
        only_unfinished=choice.only_unfinished,
    )
    return build_export(service, scope, budgets, cancel=cancel)


def _export_job(
    choice: ExportChoice, path: Path, package: bool
) -> Callable[[ProjectService, ProgressCallback, threading.Event], int]:
    def job(service: ProjectService, _progress: ProgressCallback, cancel: threading.Event) -> int:
        guard = protected_files(service)
        guard.check(path)
        document = _document(service, choice, cancel)
        if package:
            from curator.exchange.translator_package import translator_package

            data = translator_package(service, document, choice.fmt, choice.csv_separator)
        else:
            data = caption_file_bytes(document, choice.fmt, csv_separator=choice.csv_separator)
        stop_if_cancelled(cancel)  # the last moment: after it, the file is written whole
        recorded = record_export(service, document, choice.fmt)
        try:
            write_atomically(path, data, guard=guard)
        except BaseException:
            if recorded:
                service.operations.records.forget_export(document.header.export_id)
            raise
        return len(document.units)

    return job


def _plan_job(
    service: ProjectService, path: Path, cancel: threading.Event
) -> tuple[ImportPlan, dict[str, str]]:
    plan = plan_import(service, read_caption_file(path), path, cancel=cancel)
    names = {photo.id: photo.path.name for photo in service.queries.all_photos()}
    return plan, names


class ExchangeController:
    """Connects the Translators menu to the project."""

    def __init__(
        self,
        window: MainWindow,
        projects: ProjectController,
        dialogs: Dialogs,
        tasks: TaskRunner,
        undo_stack: QUndoStack,
        backups: BackupController | None = None,
        captions: CaptionController | None = None,
    ) -> None:
        self._window = window
        self._projects = projects
        self._dialogs = dialogs
        self._tasks = tasks
        self._busy = BusyRunner(window, tasks, dialogs)
        self._undo_stack = undo_stack
        self._backups = backups
        self._captions = captions
        self.last_plan: ImportPlan | None = None
        self.plan_dialog: ImportPlanDialog | None = None
        self.conflicts_dialog: ConflictsDialog | None = None
        self.menu = QMenu(window)
        window.menuBar().insertMenu(window.view_menu.menuAction(), self.menu)
        self.export_action = QAction(window)
        self.package_action = QAction(window)
        self.import_action = QAction(window)
        self.conflicts_action = QAction(window)
        for action in (
            self.export_action,
            self.package_action,
            self.import_action,
            self.conflicts_action,
        ):
            self.menu.addAction(action)
        self.export_action.triggered.connect(self.export_interactively)
        self.package_action.triggered.connect(lambda: self.export_interactively(package=True))
        self.import_action.triggered.connect(self.import_interactively)
        self.conflicts_action.triggered.connect(self.show_conflicts)
        projects.project_opened.connect(self._on_projects_project_opened)
        projects.project_closed.connect(self._on_projects_project_closed)
        projects.rights_changed.connect(self._set_enabled)
        self._set_enabled(None)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set the menu's texts in the interface language."""
        self.menu.setTitle(_("&Translators"))
        self.export_action.setText(_("&Export for Translator…"))
        self.package_action.setText(_("Translator &Package…"))
        self.import_action.setText(_("&Import from Translator…"))
        self.conflicts_action.setText(_("Translation &Conflicts…"))

    # -- export --------------------------------------------------------------------------

    def export_interactively(self, *, package: bool = False) -> None:
        """Ask what to export and where, then write it (or a package) in the background."""
        service = self._projects.service
        if service is None:
            return
        project = service.queries.project()
        dialog = ExportForTranslatorDialog(
            self._window,
            project.languages,
            project.source_language,
            service.queries.sections(),
            current_language(),
        )
        if not self._dialogs.run(dialog):
            return
        choice = dialog.choice()
        suffix = SUFFIXES[choice.fmt]
        save = file_dialog(self._window, _("Export for Translator"), _("Export"))
        save.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        save.setDefaultSuffix(suffix.lstrip("."))
        save.setNameFilters(
            [f"{dialog.format_combo.currentText()} (*{suffix})", _("All files (*)")]
        )
        save.selectFile(f"{project.title[:40]}-{choice.target_language}{suffix}")
        if not self._dialogs.run(save) or not save.selectedFiles():
            return
        self.export_file(choice, Path(save.selectedFiles()[0]))

    def export_file(self, choice: ExportChoice, path: Path, *, package: bool = False) -> bool:
        """Write a caption file (or a package) in the background; False if it cannot start."""
        service = self._projects.service
        if service is None:
            return False
        try:
            protected_files(service).check(path)
        except CuratorError as error:
            self._dialogs.error(self._window, _("Cannot export the captions"), error.message)
            return False
        handle = self._busy.run(
            service,
            _("Writing %(file)s…") % {"file": path.name},
            _export_job(choice, path, package),
            lambda count: self._window.statusBar().showMessage(
                _("%(count)d captions written to %(file)s") % {"count": count, "file": path},
                15000,
            ),
            _("Cannot export the captions"),
        )
        return handle is not None

    # -- import --------------------------------------------------------------------------

    def import_interactively(self) -> None:
        """Ask for a translator's file, then show its plan."""
        dialog = file_dialog(self._window, _("Import from Translator"), _("Open"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(
            [
                _("Caption files (*.po *.xlf *.xliff *.xlsx *.ods *.csv *.txt)"),
                _("All files (*)"),
            ]
        )
        if not self._dialogs.run(dialog) or not dialog.selectedFiles():
            return
        self.plan_file(Path(dialog.selectedFiles()[0]))

    def plan_file(self, path: Path) -> bool:
        """Read and plan a file in the background; the plan dialog opens when it is ready."""
        service = self._projects.service
        if service is None or service.read_only:
            return False
        handle = self._busy.run(
            service,
            _("Reading %(file)s…") % {"file": path.name},
            lambda reader, _progress, cancel: _plan_job(reader, path, cancel),
            self._show_plan,
            _("Cannot import the captions"),
        )
        return handle is not None

    def _show_plan(self, result: tuple[ImportPlan, dict[str, str]]) -> None:
        plan, names = result
        self.last_plan = plan
        self._window.statusBar().clearMessage()
        dialog = ImportPlanDialog(self._window, plan, names)
        self.plan_dialog = dialog
        accepted = self._dialogs.run(dialog)
        self.plan_dialog = None
        if not accepted:
            return
        if self._backups is None:
            self.apply(plan)
        else:
            self._backups.guard(
                SnapshotReason.EXCHANGE_APPLY, plan.path.name, lambda: self.apply(plan)
            )

    def apply(self, plan: ImportPlan, *, backup: bool = False) -> AppliedImport | None:
        """Write a plan as one undoable step (the window's backup guard took the snapshot)."""
        service = self._projects.service
        if service is None:
            return None
        try:
            applied = apply_plan(service, plan, backup=backup)
        except CuratorError as error:
            self._dialogs.error(self._window, _("The translations were not saved"), error.message)
            return None
        self._push(_("Import %(file)s") % {"file": plan.path.name}, applied.changes)
        message = _("%(written)d captions written; %(kept)d translations kept beside yours") % {
            "written": applied.written,
            "kept": applied.kept_beside,
        }
        self._window.statusBar().showMessage(message, 15000)
        if plan.count(PlanAction.CONFLICT):
            self.show_conflicts()
        return applied

    # -- conflicts -----------------------------------------------------------------------

    def show_conflicts(self) -> None:
        """The conflicts dialog, for as long as the curator wants it."""
        service = self._projects.service
        if service is None:
            return
        dialog = ConflictsDialog(self._window)
        self.conflicts_dialog = dialog
        self.conflicts_action.setEnabled(True)

        def fill() -> None:
            current = self._projects.service
            if current is None:
                return
            rows = []
            for alternative in current.queries.alternatives():
                caption = current.queries.caption(
                    alternative.photo_id, alternative.language, alternative.field
                )
                rows.append((alternative, caption.text if caption else ""))
            names = {photo.id: photo.path.name for photo in current.queries.all_photos()}
            texts = current.queries.catalogue_texts()
            kept = [
                (text, texts.get(text.key, {}).get(text.language, ""))
                for text in current.queries.kept_catalogue_texts()
            ]
            dialog.show_alternatives(rows, names, kept)

        def resolve(take: bool) -> None:
            chosen = dialog.selected()
            if isinstance(chosen, KeptText):
                self.resolve_catalogue(chosen.id, take=take)
                fill()
            elif chosen is not None:
                self.resolve(chosen.id, take=take)
                fill()

        dialog.take_button.clicked.connect(lambda: resolve(True))
        dialog.keep_button.clicked.connect(lambda: resolve(False))
        fill()
        self._dialogs.run(dialog)
        self.conflicts_dialog = None

    def resolve(self, alternative_id: int, *, take: bool) -> None:
        """Take a kept translation or keep the curator's text, as one undoable step."""
        self._resolve(lambda s: s.operations.exchange.resolve(alternative_id, take=take), take)

    def resolve_catalogue(self, kept_id: int, *, take: bool) -> None:
        """Take a catalogue text's kept translation or keep the curator's, one undoable step."""
        self._resolve(lambda s: s.operations.exchange.resolve_kept(kept_id, take=take), take)

    def _resolve(self, write: Callable[[ProjectService], ChangeSet], take: bool) -> None:
        service = self._projects.service
        if service is None:
            return
        try:
            changes = write(service)
        except CuratorError as error:
            self._dialogs.error(self._window, _("The change was not saved"), error.message)
            return
        self._push(_("Use the translation") if take else _("Keep my text"), changes)

    # -- plumbing ------------------------------------------------------------------------

    def _push(self, label: str, changes: ChangeSet) -> None:
        """Show a change set just written and put its undo on the window's undo stack."""
        self._follow(changes)
        if changes.undo is not None:
            self._undo_stack.push(ChangeCommand(label, self._step, changes.undo, self._refused))

    def _step(self, undo: Undo) -> ChangeSet | None:
        service = self._projects.service
        if service is None:
            return None
        changes = service.operations.undo(undo)
        self._follow(changes)
        return changes

    def _refused(self, conflict: CaptionConflictError) -> None:
        """An undo or redo refused (someone changed a field since): nothing was written."""
        if self._captions is not None:
            self._captions.refused(conflict)  # shown once the undo stack is done with the step
        else:
            self._dialogs.error(self._window, _("The change was not saved"), conflict.message)

    def _follow(self, changes: ChangeSet) -> None:
        """Show what a change set names: caption fields, readiness, headlines, conflicts.

        The canvas, the hall's routes and the catalogue texts follow the undo stack.
        """
        if self._captions is not None:
            self._captions.follow(changes)
        else:
            self._projects.follow_captions(changes)
        self._set_enabled(self._projects.service)

    def _set_enabled(self, service: ProjectService | None) -> None:
        self.export_action.setEnabled(service is not None)
        writable = service is not None and not service.read_only
        self.import_action.setEnabled(writable)
        waiting = service is not None and (
            service.queries.alternative_count() > 0 or bool(service.queries.kept_catalogue_texts())
        )
        self.conflicts_action.setEnabled(writable and waiting)

    def _on_projects_project_opened(self, service: ProjectService) -> None:
        self._set_enabled(service)

    def _on_projects_project_closed(self) -> None:
        self._set_enabled(None)
