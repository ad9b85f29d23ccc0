"""A menu's dialog whose every change is an edit on the window's undo stack.

File ▸ Catalogue Texts, File ▸ Project Settings, File ▸ Agency Rights and People and Places
Shown work alike, and share this loop: the action is enabled while a project is open (or as
the controller says); the dialog is built for the open project, shows its values and runs
until the person closes it; each change is written at once and pushed on the window's one
undo stack, so that Edit ▸ Undo covers it in order with everything else. A controller whose
edits are the controller's own :class:`~curator.ui.undo.WrittenCommand` subclass names its
dialog's Undo button (:meth:`_undo_button`): that button is then enabled only when the newest
edit on the stack is one of the dialog's. A server login's rights that change while the dialog
is open (:attr:`ProjectController.rights_changed`) are shown in it at once (:meth:`_follow_rights`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QDialog, QMenu, QPushButton

from curator.core.operations import ChangeSet, Undo
from curator.core.services import ProjectService
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.main_window import MainWindow
from curator.ui.undo import ChangeCommand, WrittenCommand
from curator.ui.views.dialogs import Dialogs

D = TypeVar("D", bound=QDialog)


class DialogEditController(Generic[D]):
    """Opens a dialog from a menu and pushes what is changed there as undoable edits.

    The action goes into the File menu above Backups, or at the end of ``menu`` when given.
    """

    #: The undo command of the dialog's edits (the dialog's Undo acts only on these).
    command: type[WrittenCommand] = WrittenCommand

    def __init__(
        self,
        window: MainWindow,
        projects: ProjectController,
        dialogs: Dialogs,
        undo_stack: QUndoStack,
        menu: QMenu | None = None,
    ) -> None:
        self._window = window
        self._projects = projects
        self._dialogs = dialogs
        self.undo_stack = undo_stack
        #: The dialog while it is open.
        self.dialog: D | None = None
        self.action = QAction(window)
        if menu is None:
            window.file_menu.insertAction(window.backups_action, self.action)
        else:
            menu.addSeparator()
            menu.addAction(self.action)
        self.action.setEnabled(False)
        self.action.triggered.connect(self.open_dialog)
        projects.project_opened.connect(self._on_project_opened)
        projects.project_closed.connect(lambda: self.action.setEnabled(False))
        projects.rights_changed.connect(self._on_rights_changed)
        undo_stack.indexChanged.connect(lambda _index: self._update_undo_button())

    def open_dialog(self) -> None:
        """Show the dialog for the open project until the person closes it."""
        service = self._projects.service
        if service is None:
            return
        dialog = self._make_dialog(service)
        if dialog is None:
            return
        undo_button = self._undo_button(dialog)
        if undo_button is not None:
            undo_button.clicked.connect(self.undo_stack.undo)
        self.dialog = dialog
        self._show_values()
        self._update_undo_button()
        self._opened(dialog)
        try:
            self._dialogs.run(dialog)
        finally:
            self._closed()
            self.dialog = None
            dialog.deleteLater()

    def push(self, text: str, undo: Callable[[], object], redo: Callable[[], object]) -> None:
        """Push an edit already written, as the dialog's own kind of undo step."""
        self.undo_stack.push(self.command(text, undo, redo))

    def push_changes(self, text: str, changes: ChangeSet) -> None:
        """Push a change set already written, its undo data the way back; show the values."""
        if changes.undo is not None:
            self.undo_stack.push(ChangeCommand(text, self._change_step, changes.undo))
        self._show_values()

    def _change_step(self, undo: Undo) -> ChangeSet | None:
        service = self._projects.service
        if service is None:
            return None
        changes = service.operations.undo(undo)
        self._show_values()  # only this dialog's steps: other edits pay nothing here
        return changes

    def _update_undo_button(self) -> None:
        button = self._undo_button(self.dialog) if self.dialog is not None else None
        if button is None:
            return
        index = self.undo_stack.index()
        top = self.undo_stack.command(index - 1) if index > 0 else None
        button.setEnabled(isinstance(top, self.command) and self._may_undo())

    def _on_rights_changed(self, service: ProjectService) -> None:
        if self.dialog is not None:
            self._follow_rights(self.dialog, service)

    # -- what a dialog's controller says ----------------------------------------------------

    def _follow_rights(self, dialog: D, service: ProjectService) -> None:
        """The login's rights changed while the dialog is open: show what it may do now."""
        self._show_values()

    def _on_project_opened(self, _service: ProjectService) -> None:
        """A project was opened: the action is enabled."""
        self.action.setEnabled(True)

    def _make_dialog(self, service: ProjectService) -> D | None:
        """The dialog for the open project, its signals connected (None: not now)."""
        raise NotImplementedError

    def _undo_button(self, dialog: D) -> QPushButton | None:
        """The dialog's own Undo button."""
        return None

    def _show_values(self) -> None:
        """Show the project's values in the open dialog."""

    def _may_undo(self) -> bool:
        """Whether the dialog's Undo may act now (not while a write is under way)."""
        return True

    def _opened(self, dialog: D) -> None:
        """The dialog is about to show."""

    def _closed(self) -> None:
        """The dialog was closed."""
