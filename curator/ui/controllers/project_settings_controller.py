"""File ▸ Project Settings: checking and writing each change, undo and redo.

Each change the person makes in the dialog is checked with the core's rules (a refusal is
shown under the field, nothing written), then written as one transaction and pushed on the
window's undo stack. A change of credit template rewrites every unedited credit line, which
takes seconds in a large project, so those writes run on a worker with their own
connection; writes run one after another, in the order they were asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QPushButton

from curator.core.errors import CuratorError, UsageError
from curator.core.language.library_messages import explained
from curator.core.services import ProjectService
from curator.core.settings.project_settings import (
    Changes,
    apply_settings,
    check_changes,
    read_settings,
    setting_specs,
)
from curator.core.settings.setting_specs import CREDIT_TEMPLATES_ROW
from curator.core.settings.setting_values import SettingSpec, check_value, parse_text
from curator.i18n import _
from curator.ui.controllers.dialog_edits import DialogEditController
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.controllers.rights_gate import arrange_refusal
from curator.ui.main_window import MainWindow
from curator.ui.tasks import TaskRunner
from curator.ui.undo import WrittenCommand
from curator.ui.views.dialogs import Dialogs
from curator.ui.views.project_settings_dialog import ProjectSettingsDialog


def _slow(service: ProjectService, changes: Changes) -> bool:
    """Whether writing ``changes`` rewrites captions (a credit template changes)."""
    specs = {spec.key: spec for spec in setting_specs(service)}
    return any(key in specs and specs[key].row == CREDIT_TEMPLATES_ROW for key in changes)


class _SettingsCommand(WrittenCommand):
    """A settings change already written (the dialog's own Undo acts only on these)."""


class ProjectSettingsController(DialogEditController[ProjectSettingsDialog]):
    """Opens the Project Settings dialog and turns what is entered there into edits."""

    command = _SettingsCommand

    def __init__(
        self,
        window: MainWindow,
        projects: ProjectController,
        dialogs: Dialogs,
        tasks: TaskRunner,
        undo_stack: QUndoStack,
        on_captions_changed: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(window, projects, dialogs, undo_stack)
        self._tasks = tasks
        self._on_captions_changed = on_captions_changed
        #: Writes waiting their turn: the changes, and the undo text of a new edit (None for
        #: an undo or a redo, already on the stack).
        self._queue: list[tuple[Changes, str | None]] = []
        self._writing = False
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.action.setText(_("Project &Settings…"))
        if self.dialog is not None:
            self.dialog.retranslate_ui()

    # -- the dialog -------------------------------------------------------------------------

    def _make_dialog(self, service: ProjectService) -> ProjectSettingsDialog:
        dialog = ProjectSettingsDialog(setting_specs(service), self._window)
        dialog.entered.connect(self._on_dialog_entered)
        dialog.reset_requested.connect(self._on_dialog_reset_requested)
        return dialog

    def _undo_button(self, dialog: ProjectSettingsDialog) -> QPushButton:
        return dialog.undo_button

    def _may_undo(self) -> bool:
        return not self._writing

    def _show_values(self) -> None:
        service, dialog = self._projects.service, self.dialog
        if service is None or dialog is None:
            return
        dialog.show_states(read_settings(service))
        editable = service.may_arrange and not self._writing
        dialog.set_editable(editable)
        if service.read_only:
            dialog.show_status(
                _("The project is open read-only; its settings cannot be changed."), error=True
            )
        elif not service.may_arrange:
            dialog.show_status(arrange_refusal(service), error=True)
        elif self._writing:
            dialog.show_status(_("Rewriting the credit lines…"))
        else:
            dialog.show_status("")
        self._update_undo_button()

    def _spec(self, key: str) -> SettingSpec:
        assert self.dialog is not None
        return self.dialog.editors[key].spec

    def _on_dialog_entered(self, key: str, entered: object) -> None:
        spec = self._spec(key)
        try:
            value = (
                parse_text(spec, entered)
                if isinstance(entered, str)
                else check_value(spec, entered)
            )
        except UsageError as error:
            self._refuse(key, error.message)
            return
        self.change({key: value}, _(spec.label))

    def _on_dialog_reset_requested(self, key: str) -> None:
        self.change({key: None}, _(self._spec(key).label))

    def _refuse(self, key: str, message: str) -> None:
        if self.dialog is not None and key in self.dialog.editors:
            self.dialog.show_refusal(key, message)
        else:
            self._dialogs.error(self._window, _("Cannot change the settings"), message)

    # -- writing --------------------------------------------------------------------------

    def change(self, changes: Changes, text: str) -> bool:
        """Check ``changes`` and write them as one undoable edit; False when refused."""
        service = self._projects.service
        if service is None:
            return False
        try:
            checked = check_changes(service, changes)
        except UsageError as error:
            self._refuse(next(iter(changes)), error.message)
            return False
        self._queue.append((checked, text))
        self._next()
        return True

    def write(self, changes: Changes) -> None:
        """Write changes that undo or redo an edit (queued behind any write in flight)."""
        self._queue.append((changes, None))
        self._next()

    def _next(self) -> None:
        service = self._projects.service
        if self._writing or not self._queue:
            return
        if service is None:
            self._queue.clear()
            return
        changes, text = self._queue.pop(0)
        if not _slow(service, changes):
            try:
                undo = apply_settings(service, changes)
            except CuratorError as error:
                self._failed(changes, error)
            else:
                self._written(service, changes, undo, text, captions=False)
            return
        try:
            worker = service.for_thread()
        except CuratorError as error:
            self._failed(changes, error)
            return

        def run() -> Changes:
            try:
                return apply_settings(worker, changes)
            finally:
                worker.close()

        self._writing = True
        self._show_values()
        self._tasks.submit(
            run,
            on_result=lambda undo: self._written(service, changes, undo, text, captions=True),
            on_error=lambda error: self._failed(changes, error),
        )

    def _written(
        self,
        service: ProjectService,
        changes: Changes,
        undo: Changes,
        text: str | None,
        *,
        captions: bool,
    ) -> None:
        self._writing = False
        if text is not None and service is self._projects.service:
            self.push(text, partial(self.write, dict(undo)), partial(self.write, dict(changes)))
        self._show_values()
        if captions and self._on_captions_changed is not None:
            self._on_captions_changed()
        self._next()

    def _failed(self, changes: Changes, error: Exception) -> None:
        self._writing = False
        message = explained(error)
        self._show_values()
        self._refuse(next(iter(changes)), message)
        self._next()
