"""Caption editing in the window: selection, edits, statuses, undo and redo.

Every change is written first (one transaction) and only then pushed on the undo stack, so
a change the project refuses (read-only, disk full) never appears undoable. Undo and redo
write the remembered values back, also in one transaction each.

Many writers (a server project): the controller remembers each shown field's revision and
writes typed text over it; when someone else changed the field meanwhile the write is
refused and the person chooses between the two texts (:class:`CaptionConflictDialog`).
What other windows write arrives through :meth:`CaptionController.follow_remote`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMenu

from curator.core.errors import CaptionConflictError, CuratorError
from curator.core.language.glossary_rules import expand_shortcuts, has_shortcuts
from curator.core.model import FIELD_LABELS, STATUS_LABELS, CaptionField, CaptionStatus
from curator.core.operations import ChangeSet, Operations, Undo
from curator.core.services import ProjectService
from curator.i18n import _
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.main_window import MainWindow
from curator.ui.undo import ChangeCommand
from curator.ui.views.caption_cell import FieldState
from curator.ui.views.caption_conflict_dialog import KEEP_MINE, CaptionConflictDialog
from curator.ui.views.caption_keys import CaptionKeyboard
from curator.ui.views.dialogs import Dialogs


class CaptionController:
    """Connects the caption panel to the project and the undo stack."""

    def __init__(self, window: MainWindow, projects: ProjectController, dialogs: Dialogs) -> None:
        self._window = window
        self._projects = projects
        self._dialogs = dialogs
        self._photo_ids: list[str] = []
        #: The revision of each shown field, by photo: what typed text is written over.
        self._revisions: dict[tuple[str, CaptionField], dict[str, int]] = {}
        #: An undo or redo refused because someone changed the field since (shown after it).
        self._refusal: CaptionConflictError | None = None
        self.undo_stack = QUndoStack(window)
        self.edit_menu = QMenu(window)
        window.menuBar().insertMenu(window.view_menu.menuAction(), self.edit_menu)
        self.undo_action = QAction(window)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = QAction(window)
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        #: The Captions menu: photos, fields, languages and statuses from the keyboard.
        self.keyboard = CaptionKeyboard(window)
        self.undo_action.triggered.connect(self._on_undo_action_triggered)
        self.redo_action.triggered.connect(self._on_redo_action_triggered)
        self.undo_stack.indexChanged.connect(lambda _index: self._update_undo_actions())
        panel = window.captions
        panel.text_edited.connect(self._on_panel_text_edited)
        panel.status_chosen.connect(self._on_panel_status_chosen)
        panel.move_requested.connect(self._on_panel_move_requested)
        window.library.selection_changed.connect(self._on_library_selection_changed)
        projects.project_opened.connect(lambda _service: self.undo_stack.clear())
        projects.project_closing.connect(self._on_projects_project_closing)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.edit_menu.setTitle(_("&Edit"))
        self.keyboard.retranslate_ui()
        self._update_undo_actions()

    def _update_undo_actions(self) -> None:
        """Name the edit Undo and Redo would take back or make again."""
        undo, redo = self.undo_stack.undoText(), self.undo_stack.redoText()
        self.undo_action.setText(_("&Undo %(what)s") % {"what": undo} if undo else _("&Undo"))
        self.redo_action.setText(_("&Redo %(what)s") % {"what": redo} if redo else _("&Redo"))
        self.undo_action.setEnabled(self.undo_stack.canUndo())
        self.redo_action.setEnabled(self.undo_stack.canRedo())

    @property
    def _service(self) -> ProjectService | None:
        return self._projects.service

    def show_selection(self) -> None:
        """Show the selected photos' fields (after a change or a new selection)."""
        service = self._service
        self._revisions = {}
        if service is None or not self._photo_ids:
            self._window.captions.show_fields(None, 0)
            return
        self._window.captions.flush()  # typed text is written over what it was typed on
        languages = service.queries.languages()
        values: dict[tuple[str, CaptionField], set[tuple[str, CaptionStatus]]] = {}
        for photo_id in self._photo_ids:
            stored = {(c.language, c.field): c for c in service.queries.captions_of(photo_id)}
            for language in languages:
                for field in CaptionField:
                    caption = stored.get((language, field))
                    value = (caption.text, caption.status) if caption else ("", CaptionStatus.EMPTY)
                    values.setdefault((language, field), set()).add(value)
                    self._revisions.setdefault((language, field), {})[photo_id] = (
                        caption.revision if caption else 0
                    )
        states = {}
        for key, seen in values.items():
            texts = {text for text, _status in seen}
            statuses = {status for _text, status in seen}
            states[key] = FieldState(
                next(iter(texts)) if len(texts) == 1 else None,
                next(iter(statuses)) if len(statuses) == 1 else None,
            )
        self._window.captions.show_fields(states, len(self._photo_ids))

    def follow(self, changes: ChangeSet) -> None:
        """Show what a change set did to captions: the changed fields, readiness, headlines."""
        service = self._service
        if service is None or not changes.captions:
            return
        selected = set(self._photo_ids)
        fields = dict.fromkeys(
            (change.language, change.field)
            for change in changes.captions
            if change.photo_id in selected
        )
        for language, field in fields:
            after = {
                change.photo_id: (change.after.text, change.after.status)
                for change in changes.captions
                if (change.language, change.field) == (language, field)
            }
            revisions = self._revisions.setdefault((language, field), {})
            if selected.issubset(after):  # the change set says it all: nothing to read
                seen = {after[photo_id] for photo_id in selected}
                for change in changes.captions:
                    if (change.language, change.field) == (language, field):
                        revisions[change.photo_id] = change.after.revision
            else:
                stored = service.queries.field_of(self._photo_ids, language, field)
                seen = {
                    (caption.text, caption.status) if caption else ("", CaptionStatus.EMPTY)
                    for caption in stored.values()
                }
                for photo_id, caption in stored.items():
                    revisions[photo_id] = caption.revision if caption else 0
            texts = {text for text, _status in seen}
            statuses = {status for _text, status in seen}
            self._window.captions.show_field(
                language,
                field,
                FieldState(
                    next(iter(texts)) if len(texts) == 1 else None,
                    next(iter(statuses)) if len(statuses) == 1 else None,
                ),
            )
        self._projects.follow_captions(changes)

    def follow_remote(self, fields: Iterable[tuple[str, str, str]]) -> None:
        """Show caption fields (photo, language, field) another writer changed.

        Text typed and not yet saved is saved first, over the revision it was typed on, so
        a change to the same field is a conflict the person resolves, never lost.
        """
        selected = set(self._photo_ids)
        touched = {(language, name) for photo_id, language, name in fields if photo_id in selected}
        if self._service is None or not touched:
            return
        self._window.captions.flush()
        self.show_selection()

    # -- edits ---------------------------------------------------------------------------

    def _change(self, write: Callable[[Operations], ChangeSet], label: str) -> None:
        service = self._service
        if service is None:
            return
        try:
            changes = write(service.operations)
        except CuratorError as error:
            self._dialogs.error(self._window, _("The change was not saved"), error.message)
            self.show_selection()
            return
        self.follow(changes)
        self.push(label, changes)

    def push(self, label: str, changes: ChangeSet) -> None:
        """Put a written change on the undo stack; its undo refuses if someone changed a field."""
        if changes.undo is not None:
            self.undo_stack.push(ChangeCommand(label, self._step, changes.undo, self._on_refused))

    def _step(self, undo: Undo) -> ChangeSet | None:
        service = self._service
        if service is None:
            return None
        changes = service.operations.undo(undo)
        self.follow(changes)
        return changes

    def _on_panel_text_edited(self, field_name: str, language: str, text: str) -> None:
        service = self._service
        if service is None or not self._photo_ids:
            return
        field = CaptionField(field_name)
        if has_shortcuts(text):
            text = expand_shortcuts(text, language, service.queries.glossary())
        label = _("Edit %(field)s (%(language)s)") % {
            "field": _(FIELD_LABELS[field]),
            "language": language,
        }
        photo_ids = list(self._photo_ids)
        revisions = dict(self._revisions.get((language, field), {}))
        while True:  # each round after a conflict is the person's choice
            try:
                changes = service.operations.captions.set_text(
                    photo_ids, language, field, text, revisions
                )
            except CaptionConflictError as conflict:
                if not self._keep_mine(conflict):
                    self.show_selection()  # theirs stays, and is shown
                    return
                revisions[conflict.photo_id] = conflict.theirs_revision
                continue
            except CuratorError as error:
                self._dialogs.error(self._window, _("The change was not saved"), error.message)
                self.show_selection()
                return
            self.follow(changes)
            if changes.undo is not None:
                self.undo_stack.push(
                    ChangeCommand(label, self._step, changes.undo, self._on_refused)
                )
            return

    def _keep_mine(
        self, conflict: CaptionConflictError, status: CaptionStatus | None = None, seen: str = ""
    ) -> bool:
        """Ask whether to write one's text (or ``status``) over the other side's; True: mine.

        ``seen``: for a status, the text it was chosen over (as the panel showed it).
        """
        what = _("%(field)s (%(language)s)") % {
            "field": _(FIELD_LABELS[CaptionField(conflict.field)]),
            "language": conflict.language,
        }
        statuses = None
        if status is not None:
            theirs = CaptionStatus(conflict.theirs_status)
            statuses = (_(STATUS_LABELS[status]), _(STATUS_LABELS[theirs]))
        mine = (seen or conflict.mine) if status is not None else conflict.mine
        dialog = CaptionConflictDialog(self._window, what, mine, conflict.theirs, statuses)
        return self._dialogs.run(dialog) and dialog.choice == KEEP_MINE

    def _on_panel_status_chosen(self, field_name: str, language: str, status_name: str) -> None:
        service = self._service
        if service is None or not self._photo_ids:
            return
        field = CaptionField(field_name)
        status = CaptionStatus(status_name)
        label = _("Mark %(field)s (%(language)s) as %(status)s") % {
            "field": _(FIELD_LABELS[field]),
            "language": language,
            "status": _(STATUS_LABELS[status]),
        }
        photo_ids = list(self._photo_ids)
        revisions = dict(self._revisions.get((language, field), {}))
        seen = self._window.captions.cell(language, field).editor.toPlainText()
        while True:  # a status chosen over a text changed meanwhile: the person chooses
            try:
                changes = service.operations.captions.set_status(
                    photo_ids, language, field, status, revisions
                )
            except CaptionConflictError as conflict:
                if not self._keep_mine(conflict, status, seen):
                    self.show_selection()  # theirs stays, and is shown
                    return
                revisions[conflict.photo_id] = conflict.theirs_revision
                continue
            except CuratorError as error:
                self._dialogs.error(self._window, _("The change was not saved"), error.message)
                self.show_selection()
                return
            self.follow(changes)
            self.push(label, changes)
            return

    def _on_panel_move_requested(self, field_name: str, from_tag: str, to_tag: str) -> None:
        service = self._service
        if service is None or len(self._photo_ids) != 1:
            return
        field = CaptionField(field_name)
        photo_id = self._photo_ids[0]
        try:
            _left, _moved, changes = service.operations.captions.move_language(
                photo_id, field, from_tag, to_tag
            )
        except CuratorError as error:
            self._dialogs.error(self._window, _("Cannot move the caption"), error.message)
            return
        self.follow(changes)
        label = _("Move %(field)s to %(language)s") % {
            "field": _(FIELD_LABELS[field]),
            "language": to_tag,
        }
        if changes.undo is not None:
            self.undo_stack.push(ChangeCommand(label, self._step, changes.undo, self._on_refused))

    def _on_undo_action_triggered(self) -> None:
        self._window.captions.flush()
        self._guarded(self.undo_stack.undo)

    def _on_redo_action_triggered(self) -> None:
        self._guarded(self.undo_stack.redo)

    def _guarded(self, step: Callable[[], None]) -> None:
        self._refusal = None
        try:
            step()
        except CuratorError as error:
            self._dialogs.error(self._window, _("The change was not saved"), error.message)
        refusal, self._refusal = self._refusal, None
        if refusal is not None:
            self._dialogs.error(self._window, _("The change was not saved"), refusal.message)
            self.show_selection()

    def _on_refused(self, conflict: CaptionConflictError) -> None:
        self._refusal = conflict

    def refused(self, conflict: CaptionConflictError) -> None:
        """Another controller's step on the undo stack was refused: say so after the step."""
        self._refusal = conflict

    def _on_library_selection_changed(self, photo_ids: list[str]) -> None:
        self._window.captions.flush()
        self._photo_ids = list(photo_ids)
        self.show_selection()

    def _on_projects_project_closing(self) -> None:
        self._window.captions.flush()
        self._photo_ids = []
        self.undo_stack.clear()
