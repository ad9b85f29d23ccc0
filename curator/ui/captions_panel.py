"""The caption panel: the selected photo's fields in every project language, side by side.

One column per language (not a drop-down), in the project's page order, each field with its
status. Editing arrives with the caption editor; this panel shows what the project holds.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from curator.core.languages import display_name
from curator.core.model import FIELD_LABELS, STATUS_LABELS, Caption, CaptionField, CaptionStatus
from curator.i18n import PSEUDO_LANGUAGE, _, current_language

_STATUS_COLOURS = {
    CaptionStatus.EMPTY: "#9e9e9e",
    CaptionStatus.DRAFT: "#e0a100",
    CaptionStatus.NEEDS_REVIEW: "#d9534f",
    CaptionStatus.FINAL: "#2e7d32",
}


def _ui_language() -> str:
    language = current_language()
    return "en" if language == PSEUDO_LANGUAGE else language


class CaptionsPanel(QWidget):
    """Shows one photo's captions in a grid: fields down, languages across.

    A field's context menu files its text under another language (an imported caption's
    language is a guess); the panel only asks, through :attr:`move_requested`.
    """

    move_requested = Signal(str, str, str)  # field, from language, to language

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._languages: list[str] = []
        self._source_language = ""
        self._captions: dict[tuple[str, CaptionField], Caption] = {}
        self._has_photo = False
        self.editable = True
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.grid_host)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.message)
        layout.addWidget(scroll, 1)
        self.retranslate_ui()

    def set_languages(self, languages: list[str], source_language: str) -> None:
        """The project's languages in page order."""
        self._languages = languages
        self._source_language = source_language
        self._rebuild()

    def show_captions(self, captions: list[Caption] | None) -> None:
        """Show these captions, or nothing (``None``: no single photo selected)."""
        self._has_photo = captions is not None
        self._captions = {(c.language, c.field): c for c in captions or []}
        self._rebuild()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.message.setText(_("Select a photo to see its captions."))
        self._rebuild()

    def _rebuild(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        self.message.setVisible(not self._has_photo)
        self.grid_host.setVisible(self._has_photo)
        if not self._has_photo:
            return
        for column, tag in enumerate(self._languages, start=1):
            name = display_name(tag, _ui_language())
            header_text = f"{name[:1].upper()}{name[1:]} ({tag})"
            if tag == self._source_language:
                header_text += " · " + _("source")
            header = QLabel(f"<b>{header_text}</b>")
            self.grid.addWidget(header, 0, column)
            self.grid.setColumnStretch(column, 1)
        for row, field in enumerate(CaptionField, start=1):
            label = QLabel(_(FIELD_LABELS[field]))
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(label, row, 0)
            for column, tag in enumerate(self._languages, start=1):
                self.grid.addWidget(self._field_cell(tag, field), row, column)

    def _field_cell(self, tag: str, field: CaptionField) -> QWidget:
        caption = self._captions.get((tag, field))
        status = caption.status if caption else CaptionStatus.EMPTY
        cell = QFrame()
        cell.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(cell)
        layout.setContentsMargins(6, 4, 6, 4)
        text = QLabel(caption.text if caption and caption.text else "—")
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        chip = QLabel(_(STATUS_LABELS[status]))
        chip.setStyleSheet(f"color: {_STATUS_COLOURS[status]}; font-size: small;")
        layout.addWidget(text)
        layout.addWidget(chip)
        if caption is not None and caption.text and self.editable:
            cell.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            cell.customContextMenuRequested.connect(
                lambda position, c=cell, t=tag, f=field: self._show_cell_menu(c, position, t, f)
            )
        return cell

    def language_menu(self, tag: str, field: CaptionField) -> QMenu:
        """The context menu of a field: move its text to another project language."""
        menu = QMenu(self)
        sub = menu.addMenu(_("This text is in…"))
        for other in self._languages:
            if other == tag:
                continue
            name = display_name(other, _ui_language())
            action = sub.addAction(f"{name[:1].upper()}{name[1:]} ({other})")
            action.triggered.connect(
                lambda _checked=False, o=other: self.move_requested.emit(field.value, tag, o)
            )
        return menu

    def _show_cell_menu(
        self, cell: QWidget, position: QPoint, tag: str, field: CaptionField
    ) -> None:
        self.language_menu(tag, field).exec(cell.mapToGlobal(position))
