"""The New Section / Rename Section dialog: a title and an introduction per language."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from curator.core.language.languages import display_name
from curator.core.model import Section
from curator.i18n import _, current_language


class IntroEdit(QPlainTextEdit):
    """A section's introduction in a dialog: Tab moves on and Return presses OK.

    As in the title's line; Ctrl+Return (or Shift+Return) starts a new line.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if modifiers & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
            ):
                self.insertPlainText("\n")
                event.accept()
                return
            event.ignore()  # the dialog's default button (OK)
            return
        super().keyPressEvent(event)


class SectionDialog(QDialog):
    """A section's title and introduction, one line edit and one text box per language."""

    def __init__(
        self, languages: list[str], section: Section | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Rename Section") if section else _("New Section"))
        form = QFormLayout(self)
        self.title_edits: dict[str, QLineEdit] = {}
        self.intro_edits: dict[str, QPlainTextEdit] = {}
        for tag in languages:
            name = display_name(tag, current_language())
            title = QLineEdit(section.title.get(tag, "") if section else "")
            intro = IntroEdit(section.intro.get(tag, "") if section else "")
            intro.setFixedHeight(60)
            form.addRow(_("Title (%(language)s)") % {"language": name}, title)
            form.addRow(_("Introduction (%(language)s)") % {"language": name}, intro)
            self.title_edits[tag] = title
            self.intro_edits[tag] = intro
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def titles(self) -> dict[str, str]:
        """The titles typed, by language."""
        return {tag: edit.text() for tag, edit in self.title_edits.items()}

    def intros(self) -> dict[str, str]:
        """The introductions typed, by language."""
        return {tag: edit.toPlainText() for tag, edit in self.intro_edits.items()}
