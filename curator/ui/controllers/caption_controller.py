"""Caption editing in the window: selection, edits, statuses, undo and redo.

Every change is written first (one transaction) and only then pushed on the undo stack, so
a change the project refuses (read-only, disk full) never appears undoable. Undo and redo
write the remembered values back, also in one transaction each.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMenu

from curator.core.errors import CuratorError
from curator.core.language.glossary_rules import expand_shortcuts
from curator.core.model import (
    FIELD_LABELS,
    STATUS_LABELS,
    Caption,
    CaptionField,
    CaptionStatus,
)
from curator.core.services import CaptionEdit, ProjectService
from curator.i18n import _
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.main_window import MainWindow
from curator.ui.undo import WrittenCommand
from curator.ui.views.caption_keys import CaptionKeyboard
from curator.ui.views.captions_panel import FieldState
from curator.ui.views.dialogs import Dialogs

Apply = Callable[[list[CaptionEdit]], None]


def _as_edit(
    caption: Caption | None, photo_id: str, language: str, field: CaptionField
) -> CaptionEdit:
    if caption is None:
        return CaptionEdit(photo_id, language, field, "", CaptionStatus.EMPTY)
    return CaptionEdit(photo_id, language, field, caption.text, caption.status, caption.edited)


class CaptionController:
    """Connects the caption panel to the project and the undo stack."""

    def __init__(self, window: MainWindow, projects: ProjectController, dialogs: Dialogs) -> None:
        self._window = window
        self._projects = projects
        self._dialogs = dialogs
        self._photo_ids: list[str] = []
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
        self.undo_stack.indexChanged.connect(lambda _index: self.retranslate_ui())
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
        if service is None or not self._photo_ids:
            self._window.captions.show_fields(None, 0)
            return
        languages = list(service.project.get().languages)
        values: dict[tuple[str, CaptionField], set[tuple[str, CaptionStatus]]] = {}
        for photo_id in self._photo_ids:
            stored = {(c.language, c.field): c for c in service.captions.for_photo(photo_id)}
            for language in languages:
                for field in CaptionField:
                    caption = stored.get((language, field))
                    value = (caption.text, caption.status) if caption else ("", CaptionStatus.EMPTY)
                    values.setdefault((language, field), set()).add(value)
        states = {}
        for key, seen in values.items():
            texts = {text for text, _status in seen}
            statuses = {status for _text, status in seen}
            states[key] = FieldState(
                next(iter(texts)) if len(texts) == 1 else None,
                next(iter(statuses)) if len(statuses) == 1 else None,
            )
        self._window.captions.show_fields(states, len(self._photo_ids))

    # -- edits ---------------------------------------------------------------------------

    def _current(self, language: str, field: CaptionField) -> list[CaptionEdit]:
        service = self._service
        assert service is not None
        return [
            _as_edit(service.captions.get(pid, language, field), pid, language, field)
            for pid in self._photo_ids
        ]

    def _change(self, before: list[CaptionEdit], after: list[CaptionEdit], text: str) -> None:
        try:
            self._apply(after)
        except CuratorError as error:
            self._dialogs.error(self._window, _("The change was not saved"), error.message)
            self.show_selection()
            return
        self.undo_stack.push(
            WrittenCommand(text, partial(self._apply, before), partial(self._apply, after))
        )

    def _apply(self, edits: list[CaptionEdit]) -> None:
        service = self._service
        if service is None:
            return
        service.set_captions(edits)
        self.show_selection()
        self._projects.refresh_readiness()
        if any(edit.field == CaptionField.HEADLINE for edit in edits):
            self._projects.update_headlines(sorted({edit.photo_id for edit in edits}))

    def _on_panel_text_edited(self, field_name: str, language: str, text: str) -> None:
        if self._service is None or not self._photo_ids:
            return
        field = CaptionField(field_name)
        text = expand_shortcuts(text, language, self._service.glossary.all())
        before = self._current(language, field)
        after = [
            CaptionEdit(e.photo_id, language, field, text, None) for e in before if e.text != text
        ]
        if after:
            label = _("Edit %(field)s (%(language)s)") % {
                "field": _(FIELD_LABELS[field]),
                "language": language,
            }
            self._change([e for e in before if e.text != text], after, label)

    def _on_panel_status_chosen(self, field_name: str, language: str, status_name: str) -> None:
        if self._service is None or not self._photo_ids:
            return
        field = CaptionField(field_name)
        status = CaptionStatus(status_name)
        before = [e for e in self._current(language, field) if e.status != status]
        after = [CaptionEdit(e.photo_id, language, field, e.text, status, e.edited) for e in before]
        if after:
            label = _("Mark %(field)s (%(language)s) as %(status)s") % {
                "field": _(FIELD_LABELS[field]),
                "language": language,
                "status": _(STATUS_LABELS[status]),
            }
            self._change(before, after, label)

    def _on_panel_move_requested(self, field_name: str, from_tag: str, to_tag: str) -> None:
        service = self._service
        if service is None or len(self._photo_ids) != 1:
            return
        field = CaptionField(field_name)
        before = self._current(from_tag, field) + self._current(to_tag, field)
        try:
            service.move_caption_language(self._photo_ids[0], field, from_tag, to_tag)
        except CuratorError as error:
            self._dialogs.error(self._window, _("Cannot move the caption"), error.message)
            return
        after = self._current(from_tag, field) + self._current(to_tag, field)
        self.show_selection()
        self._projects.refresh_readiness()
        if field == CaptionField.HEADLINE:
            self._projects.update_headlines(self._photo_ids)
        label = _("Move %(field)s to %(language)s") % {
            "field": _(FIELD_LABELS[field]),
            "language": to_tag,
        }
        self.undo_stack.push(
            WrittenCommand(label, partial(self._apply, before), partial(self._apply, after))
        )

    def _on_undo_action_triggered(self) -> None:
        self._window.captions.flush()
        self._guarded(self.undo_stack.undo)

    def _on_redo_action_triggered(self) -> None:
        self._guarded(self.undo_stack.redo)

    def _guarded(self, step: Callable[[], None]) -> None:
        try:
            step()
        except CuratorError as error:
            self._dialogs.error(self._window, _("The change was not saved"), error.message)

    def _on_library_selection_changed(self, photo_ids: list[str]) -> None:
        self._window.captions.flush()
        self._photo_ids = list(photo_ids)
        self.show_selection()

    def _on_projects_project_closing(self) -> None:
        self._window.captions.flush()
        self._photo_ids = []
        self.undo_stack.clear()
