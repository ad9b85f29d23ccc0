"""Captioning from the keyboard: the Captions menu and its shortcuts.

A curator captions hundreds of photos in a sitting, so every step has a key, shown in the
menu: next and previous photo (Ctrl+Page Down / Ctrl+Page Up, also Alt+Down / Alt+Up), next
and previous field (Tab / Shift+Tab: every field of one language, then the next language,
round again), mark the field final (Ctrl+Return) or needing review (Ctrl+Shift+Return), and
jump to a language's column (Alt+1 for the first language on the page, Alt+2 ...). Moving to
another photo keeps the keyboard in the same field, and saves what was typed first.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from curator.core.language.languages import display_name
from curator.core.model import CaptionField, CaptionStatus
from curator.i18n import PSEUDO_LANGUAGE, _, current_language
from curator.ui.main_window import MainWindow

_CTRL = Qt.KeyboardModifier.ControlModifier
_ALT = Qt.KeyboardModifier.AltModifier
_SHIFT = Qt.KeyboardModifier.ShiftModifier
#: Alt+1 ... Alt+9 jump to the languages in page order.
_LANGUAGE_KEYS = (
    Qt.Key.Key_1,
    Qt.Key.Key_2,
    Qt.Key.Key_3,
    Qt.Key.Key_4,
    Qt.Key.Key_5,
    Qt.Key.Key_6,
    Qt.Key.Key_7,
    Qt.Key.Key_8,
    Qt.Key.Key_9,
)


def _keys(*combinations: Qt.Key | tuple[Qt.KeyboardModifier, Qt.Key]) -> list[QKeySequence]:
    sequences = []
    for combination in combinations:
        if isinstance(combination, tuple):
            modifiers, key = combination
            sequences.append(QKeySequence(modifiers | key))
        else:
            sequences.append(QKeySequence(combination))
    return sequences


class CaptionKeyboard:
    """The Captions menu; its actions move through photos, fields and languages."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self.menu = QMenu(window)
        window.menuBar().insertMenu(window.view_menu.menuAction(), self.menu)
        self.next_photo_action = self._action(
            self.next_photo, (_CTRL, Qt.Key.Key_PageDown), (_ALT, Qt.Key.Key_Down)
        )
        self.previous_photo_action = self._action(
            self.previous_photo, (_CTRL, Qt.Key.Key_PageUp), (_ALT, Qt.Key.Key_Up)
        )
        self.menu.addSeparator()
        # Tab is the editors' own key: these two show it in the menu without taking it from
        # every other widget of the window (the shortcut only applies inside the menu).
        self.next_field_action = self._action(lambda: self.next_field(True), Qt.Key.Key_Tab)
        self.previous_field_action = self._action(
            lambda: self.next_field(False), (_SHIFT, Qt.Key.Key_Tab)
        )
        for action in (self.next_field_action, self.previous_field_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.language_menu = self.menu.addMenu("")
        self.language_actions: list[QAction] = []
        self.menu.addSeparator()
        self.final_action = self._action(
            lambda: self.mark(CaptionStatus.FINAL),
            (_CTRL, Qt.Key.Key_Return),
            (_CTRL, Qt.Key.Key_Enter),
        )
        self.review_action = self._action(
            lambda: self.mark(CaptionStatus.NEEDS_REVIEW),
            (_CTRL | _SHIFT, Qt.Key.Key_Return),
            (_CTRL | _SHIFT, Qt.Key.Key_Enter),
        )
        self.draft_action = self._action(lambda: self.mark(CaptionStatus.DRAFT))
        window.captions.fields_rebuilt.connect(self._on_captions_fields_rebuilt)
        self.retranslate_ui()

    def _action(
        self, slot: Callable[[], object], *keys: Qt.Key | tuple[Qt.KeyboardModifier, Qt.Key]
    ) -> QAction:
        action = QAction(self._window)
        action.setShortcuts(_keys(*keys))
        action.triggered.connect(lambda _checked=False: slot())
        self.menu.addAction(action)
        return action

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.menu.setTitle(_("&Captions"))
        self.next_photo_action.setText(_("&Next Photo"))
        self.previous_photo_action.setText(_("&Previous Photo"))
        self.next_field_action.setText(_("Next &Field"))
        self.previous_field_action.setText(_("Previous F&ield"))
        self.language_menu.setTitle(_("Go to &Language"))
        self.final_action.setText(_("Mark Field Fin&al"))
        self.review_action.setText(_("Mark Field Needs &Review"))
        self.draft_action.setText(_("Mark Field &Draft"))
        ui_language = current_language()
        ui_language = "en" if ui_language == PSEUDO_LANGUAGE else ui_language
        for action in self.language_actions:
            tag = str(action.data())
            name = display_name(tag, ui_language)
            action.setText(f"{name[:1].upper()}{name[1:]} ({tag})")

    # -- what the actions do --------------------------------------------------------------

    def next_photo(self) -> bool:
        """Select the next photo of the library (the first when none is); False at the end."""
        return self._step_photo(1)

    def previous_photo(self) -> bool:
        """Select the previous photo of the library; False at the start."""
        return self._step_photo(-1)

    def _step_photo(self, step: int) -> bool:
        view = self._window.library.view
        model = view.model()
        count = model.rowCount() if model is not None else 0
        if count == 0:
            return False
        current = view.currentIndex()
        row = current.row() + step if current.isValid() else 0
        if not 0 <= row < count:
            return False
        self._window.captions.flush()  # what was typed belongs to the photo being left
        index = model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        view.selectionModel().setCurrentIndex(index, flags)
        view.scrollTo(index)
        return True

    def next_field(self, forward: bool = True) -> bool:
        """Move the keyboard to the next (or previous) caption field."""
        self._show_captions()
        return self._window.captions.focus_next(forward)

    def go_to_language(self, tag: str) -> bool:
        """Put the keyboard in ``tag``'s column, in the field one was in (else the headline)."""
        panel = self._window.captions
        self._show_captions()
        current = panel.current_cell()
        field = current.field if current is not None else CaptionField.HEADLINE
        return panel.focus_cell(tag, field)

    def mark(self, status: CaptionStatus) -> bool:
        """Give the current field ``status``; False when no field is current."""
        return self._window.captions.choose_status(status)

    def _show_captions(self) -> None:
        dock = self._window.captions_dock
        if not dock.isVisible() and dock.toggleViewAction().isEnabled():
            dock.show()
        dock.raise_()

    def _on_captions_fields_rebuilt(self) -> None:
        for action in self.language_actions:
            self.language_menu.removeAction(action)
            action.deleteLater()
        self.language_actions = []
        for tag, key in zip(self._window.captions.languages, _LANGUAGE_KEYS, strict=False):
            action = QAction(self._window)
            action.setData(tag)
            action.setShortcut(QKeySequence(_ALT | key))
            action.triggered.connect(lambda _checked=False, t=tag: self.go_to_language(t))
            self.language_menu.addAction(action)
            self.language_actions.append(action)
        self.retranslate_ui()
