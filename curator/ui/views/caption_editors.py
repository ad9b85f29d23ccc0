"""The text editors of the caption panel: a one-line field and the caption box.

Both are ``QPlainTextEdit`` so that every field has a ``QTextDocument`` a spelling
highlighter can mark (``QLineEdit`` has none). :class:`LineEditor` behaves like a line edit
for the panel and for a person: one line, no wrapping, Return finishes editing, pasted line
breaks become spaces, Tab moves on; Return with Ctrl or Alt is left to the window's
shortcuts. It offers the ``QLineEdit`` calls the panel and the tests use: ``text()``,
``setText()``, ``isModified()``, ``setModified()`` and ``editingFinished``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QGuiApplication, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSizePolicy, QWidget

_LINE_BREAKS = str.maketrans({"\r": " ", "\n": " ", "\u2028": " ", "\u2029": " "})
_RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
#: Keys a completer's open list takes (QCompleter hands them to the editor first).
_LIST_KEYS = (*_RETURN_KEYS, Qt.Key.Key_Escape, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


def _left_to_list(editor: QPlainTextEdit, event: QKeyEvent) -> bool:
    """Whether ``event`` belongs to the editor's open completion list (it is then ignored)."""
    is_open = getattr(editor, "completion_open", None)
    if event.key() in _LIST_KEYS and is_open is not None and is_open():
        event.ignore()
        return True
    return False


def one_line(text: str) -> str:
    """``text`` with its line breaks as spaces (what a one-line field can hold)."""
    return text.replace("\r\n", " ").translate(_LINE_BREAKS)


class CaptionBox(QPlainTextEdit):
    """The several-line caption: wraps, Tab moves on, Ctrl+Return is left to shortcuts."""

    def __init__(self, lines: int = 5, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: Set by a completer: whether its list is open (Return and Tab are then its own).
        self.completion_open: Callable[[], bool] | None = None
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 12)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _left_to_list(self, event):
            return
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in _RETURN_KEYS and modifiers & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            event.ignore()  # a shortcut (mark final), never a line break
            return
        super().keyPressEvent(event)


class LineEditor(QPlainTextEdit):
    """A one-line text field with a document (see the module docstring)."""

    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: Set by a completer: whether its list is open (Return and Tab are then its own).
        self.completion_open: Callable[[], bool] | None = None
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._fit_height()

    def _fit_height(self) -> None:
        margin = self.document().documentMargin()
        frame = self.frameWidth()
        self.setFixedHeight(int(self.fontMetrics().lineSpacing() + 2 * margin + 2 * frame))

    # -- QLineEdit's calls -------------------------------------------------------------------

    def text(self) -> str:
        """The field's text."""
        return self.toPlainText()

    def setText(self, text: str) -> None:
        """Replace the text (line breaks become spaces), the cursor at its end."""
        self.setPlainText(one_line(text))
        self.moveCursor(QTextCursor.MoveOperation.End)

    def isModified(self) -> bool:
        """Whether the text was typed since it was last set or saved."""
        return self.document().isModified()

    def setModified(self, modified: bool) -> None:
        """Mark the text as typed (True) or as saved (False)."""
        self.document().setModified(modified)

    # -- one line ------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _left_to_list(self, event):
            return
        if event.key() in _RETURN_KEYS:
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
                event.ignore()  # left to the window's shortcuts
                return
            event.accept()
            self.editingFinished.emit()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasText():
            self.insertPlainText(one_line(source.text()))

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        # A context menu or a completer popup takes focus for a moment: not the end.
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.editingFinished.emit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_height()


class ColumnHeader(QLabel):
    """A language column's header: wraps rather than widening its column.

    It asks only for the width of its longest word, so every language column asks for the
    same width (its editors') and they share the panel equally: a long Russian name
    ("Вьетнамский (vi) · источник") goes onto a second line instead of squeezing the other
    columns until the panel scrolls sideways.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        # A font added later (the layout canvas adds the catalogue's) can give the header's
        # characters another fallback font, taller lines: lay the column out again then.
        self._hint: tuple[tuple[str, str], QSize] | None = None
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.fontDatabaseChanged.connect(self._forget_hint)

    def sizeHint(self) -> QSize:
        # Laying out rich text to measure it is slow and the layout asks often: kept per
        # text and font (a font added to the database forgets it, see above).
        key = (self.text(), self.font().key())
        if self._hint is None or self._hint[0] != key:
            wanted = super().sizeHint()
            least = self.minimumSizeHint()
            height = max(wanted.height(), self.heightForWidth(least.width()))
            self._hint = (key, QSize(least.width(), height))
        return QSize(self._hint[1])

    def _forget_hint(self) -> None:
        self._hint = None
        self.updateGeometry()
