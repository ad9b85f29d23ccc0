"""A caption field someone else changed while it was being edited: keep mine or take theirs.

Shown when a write is refused because the field's revision moved on (another window,
another workstation on the same server project). Like the translators' conflicts, the two
texts stand side by side and the person chooses; nothing is written until then.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from curator.i18n import _

#: What the person chose.
KEEP_MINE = "mine"
TAKE_THEIRS = "theirs"


class CaptionConflictDialog(QDialog):
    """Two texts of one caption field: the person's unsaved one and the one now stored."""

    def __init__(
        self,
        parent: QWidget | None,
        what: str,
        mine: str,
        theirs: str,
        statuses: tuple[str, str] | None = None,
    ) -> None:
        """``statuses``: a status change, not a text - (the status chosen, theirs now)."""
        super().__init__(parent)
        self.setObjectName("CaptionConflictDialog")
        self.setWindowTitle(_("Caption Changed Meanwhile"))
        self.resize(760, 360)
        self.choice: str | None = None
        if statuses is None:
            hint = _(
                "Someone else changed %(what)s while you were editing it. Keep your text"
                " (theirs is replaced) or take theirs (yours is dropped)."
            ) % {"what": what}
            keep, take = _("Keep My Text"), _("Take Their Text")
            mine_label, theirs_label = _("Your text"), _("Their text (saved)")
        else:
            hint = _(
                "Someone else changed %(what)s while you were marking it “%(status)s”. Mark"
                " their text “%(status)s” anyway, or take theirs as it is."
            ) % {"what": what, "status": statuses[0]}
            keep, take = _("Keep My Status"), _("Take Theirs")
            mine_label = _("The text you marked “%(status)s”") % {"status": statuses[0]}
            theirs_label = _("Their text (saved, “%(status)s”)") % {"status": statuses[1]}
        self.hint_label = QLabel(hint, self)
        self.hint_label.setWordWrap(True)
        self.mine_view = _read_only(mine, self)
        self.theirs_view = _read_only(theirs, self)
        self.keep_button = QPushButton(keep, self)
        self.take_button = QPushButton(take, self)
        self.buttons = QDialogButtonBox(self)
        self.buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.take_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_button.clicked.connect(lambda: self._choose(KEEP_MINE))
        self.take_button.clicked.connect(lambda: self._choose(TAKE_THEIRS))
        layout = QGridLayout(self)
        layout.addWidget(self.hint_label, 0, 0, 1, 2)
        layout.addWidget(QLabel(mine_label, self), 1, 0)
        layout.addWidget(QLabel(theirs_label, self), 1, 1)
        layout.addWidget(self.mine_view, 2, 0)
        layout.addWidget(self.theirs_view, 2, 1)
        layout.addWidget(self.buttons, 3, 0, 1, 2)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def _read_only(text: str, parent: QWidget) -> QPlainTextEdit:
    view = QPlainTextEdit(text, parent)
    view.setReadOnly(True)
    return view
