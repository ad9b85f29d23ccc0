"""Choosing a project's languages and their order: search any language, add, move, remove.

The chosen list is the order of languages on every page. Search matches a language's name
in the interface language, its English name or its code, ignoring case and diacritics
(:func:`curator.core.language.language_choices.search_languages`); Vietnamese, Russian and English
are offered first.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from curator.core.language.language_choices import language_choices, search_languages
from curator.core.language.languages import heading_name
from curator.i18n import _, current_language

_TAG = Qt.ItemDataRole.UserRole


class LanguageListEditor(QWidget):
    """A search box and its matches on the left, the chosen languages in order on the right."""

    languages_changed = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_label = QLabel()
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_label.setBuddy(self.search_edit)
        self.matches = QListWidget()
        for view in (self.matches,):
            view.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keep the tag in sight
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chosen_label = QLabel()
        self.chosen = QListWidget()
        self.chosen_label.setBuddy(self.chosen)
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        self.up_button = QPushButton()
        self.down_button = QPushButton()

        buttons = QVBoxLayout()
        buttons.addStretch(1)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.search_label, 0, 0)
        grid.addWidget(self.search_edit, 1, 0)
        grid.addWidget(self.matches, 2, 0)
        grid.addLayout(buttons, 2, 1)
        grid.addWidget(self.chosen_label, 0, 2)
        grid.addWidget(self.chosen, 1, 2, 2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)

        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.search_edit.installEventFilter(self)
        self.matches.itemDoubleClicked.connect(lambda _item: self.add_current_match())
        self.matches.itemActivated.connect(lambda _item: self.add_current_match())
        self.add_button.clicked.connect(self.add_current_match)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.chosen.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.matches.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.chosen.installEventFilter(self)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.search_label.setText(_("&Find a language:"))
        self.search_edit.setPlaceholderText(_("Name or code, e.g. Vietnamese or pt-BR"))
        self.chosen_label.setText(_("&Languages, in page order:"))
        self.add_button.setText(_("&Add →"))
        self.remove_button.setText(_("← &Remove"))
        self.up_button.setText(_("Move &Up"))
        self.down_button.setText(_("Move &Down"))
        self.up_button.setToolTip(_("Earlier on every page (Alt+Up)"))
        self.down_button.setToolTip(_("Later on every page (Alt+Down)"))
        self._fill_matches()
        for row in range(self.chosen.count()):
            item = self.chosen.item(row)
            item.setText(self._label(str(item.data(_TAG))))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keys of the two lists: Enter, Alt+Up, Alt+Down, Delete.

        Enter in the search adds the match and goes no further (it must not close the
        dialog); Alt+Up/Alt+Down move the chosen language, Delete removes it.
        """
        if (
            watched is self.search_edit
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            if event.type() == QEvent.Type.KeyPress:
                self.add_current_match()
                self.search_edit.clear()
            return True
        if watched is self.chosen and isinstance(event, QKeyEvent):
            alt = event.modifiers() == Qt.KeyboardModifier.AltModifier
            moving = alt and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
            if event.type() == QEvent.Type.ShortcutOverride and moving:
                event.accept()  # the list's own key, before any window shortcut (Alt+Up)
                return True
            if event.type() != QEvent.Type.KeyPress:
                return False
            if alt and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_current(-1 if event.key() == Qt.Key.Key_Up else 1)
                return True
            if event.key() == Qt.Key.Key_Delete:
                self.remove_current()
                return True
        return super().eventFilter(watched, event)

    # -- the chosen list ---------------------------------------------------------------

    def languages(self) -> list[str]:
        """The chosen languages in page order."""
        return [str(self.chosen.item(row).data(_TAG)) for row in range(self.chosen.count())]

    def set_languages(self, tags: list[str]) -> None:
        """Show ``tags`` as the chosen languages, in this order."""
        self.chosen.clear()
        for tag in tags:
            self._append(tag)
        self.chosen.setCurrentRow(0 if tags else -1)
        self._changed()

    def add_language(self, tag: str) -> None:
        """Add ``tag`` at the end (or select it, when it is already chosen)."""
        if tag in self.languages():
            self.chosen.setCurrentRow(self.languages().index(tag))
            return
        self._append(tag)
        self.chosen.setCurrentRow(self.chosen.count() - 1)
        self._changed()

    def add_current_match(self) -> None:
        """Add the highlighted search match."""
        item = self.matches.currentItem()
        if item is not None:
            self.add_language(str(item.data(_TAG)))

    def remove_current(self) -> None:
        """Remove the highlighted chosen language."""
        row = self.chosen.currentRow()
        if row >= 0:
            self.chosen.takeItem(row)
            self._changed()

    def move_current(self, step: int) -> None:
        """Move the highlighted chosen language ``step`` places (−1 earlier, 1 later)."""
        row = self.chosen.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.chosen.count():
            return
        item = self.chosen.takeItem(row)
        self.chosen.insertItem(target, item)
        self.chosen.setCurrentRow(target)
        self._changed()

    def _append(self, tag: str) -> None:
        item = QListWidgetItem(self._label(tag))
        item.setData(_TAG, tag)
        self.chosen.addItem(item)

    @staticmethod
    def _label(tag: str) -> str:
        name = heading_name(tag, current_language())
        if name == tag:  # the pseudo-locale has no names of its own
            name = heading_name(tag, "en")
        return f"{name} — {tag}"

    def _changed(self) -> None:
        self._update_buttons()
        self.languages_changed.emit(self.languages())

    def _update_buttons(self) -> None:
        row, count = self.chosen.currentRow(), self.chosen.count()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
        self.add_button.setEnabled(self.matches.currentItem() is not None)

    # -- searching ------------------------------------------------------------------------

    def _fill_matches(self) -> None:
        query = self.search_edit.text()
        self.matches.clear()
        found = (
            search_languages(query, current_language())
            if query.strip()
            else list(language_choices(current_language()))
        )
        for choice in found:
            item = QListWidgetItem(choice.label)
            item.setData(_TAG, choice.tag)
            self.matches.addItem(item)
        self.matches.setCurrentRow(0 if found else -1)
        self._update_buttons()

    def _on_search_edit_text_changed(self, _text: str) -> None:
        self._fill_matches()
