"""One caption field in one language, as the caption editor shows it: editor and status."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton

from curator.core.model import CaptionField, CaptionStatus
from curator.ui.views.caption_editors import CaptionBox, LineEditor

#: Lines the caption box shows before it scrolls (five fields fit at 1280 × 800).
_CAPTION_LINES = 3
#: Lines of the alt text and extended description boxes, in their collapsible group.
BOX_LINES = {
    CaptionField.CAPTION: _CAPTION_LINES,
    CaptionField.ALT: 2,
    CaptionField.DESCRIPTION: 3,
}


@dataclass(frozen=True, slots=True)
class FieldState:
    """What a field shows: its text and status, or None for each where the photos differ."""

    text: str | None
    status: CaptionStatus | None


Editor = LineEditor | CaptionBox


class FieldCell(QFrame):
    """One field in one language: the editor and its status button."""

    def __init__(self, language: str, field: CaptionField) -> None:
        super().__init__()
        self.language = language
        self.field = field
        self.setFrameShape(QFrame.Shape.NoFrame)
        lines = BOX_LINES.get(field)
        self.editor: Editor = CaptionBox(lines) if lines else LineEditor()
        # The status is a compact mark beside the field (its name in the tooltip and for
        # screen readers), so all five fields of three languages fit at 1280 × 800.
        self.status_button = QToolButton()
        # The keyboard reaches statuses through the Captions menu's shortcuts; Tab goes
        # from field to field only.
        self.status_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.status_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.status_button.setAutoRaise(True)
        self.status_button.setFixedWidth(self.status_button.fontMetrics().height() + 10)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 1, 0, 1)
        layout.setSpacing(1)
        layout.addWidget(self.editor, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.status_button, 0, Qt.AlignmentFlag.AlignTop)

    @property
    def status_text(self) -> str:
        """The status shown, in words (the mark's tooltip)."""
        return self.status_button.toolTip()
