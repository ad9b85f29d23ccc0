"""The caption editor: the selected photos' fields in every project language, side by side.

One column per language (not a drop-down), in the project's page order, so the other
languages stay in view while one is typed. Each field has an editor and a status button
(empty / draft / needs review / final; its menu also files the text under another
language). With several photos selected a field that differs shows "mixed" and is written
only if touched. The panel holds no rules: it reports edits through signals and shows the
values it is given.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from curator.core.language.languages import display_name
from curator.core.model import (
    ACCESSIBILITY_FIELDS,
    FIELD_LABELS,
    PRINTED_FIELDS,
    STATUS_LABELS,
    CaptionField,
    CaptionStatus,
)
from curator.i18n import PSEUDO_LANGUAGE, _, current_language
from curator.ui.views.caption_cell import BOX_LINES, FieldCell, FieldState
from curator.ui.views.caption_editors import ColumnHeader, LineEditor

_STATUS_COLOURS = {
    CaptionStatus.EMPTY: "#9e9e9e",
    CaptionStatus.DRAFT: "#b07d00",
    CaptionStatus.NEEDS_REVIEW: "#c62828",
    CaptionStatus.FINAL: "#2e7d32",
}
#: The status marks: language-neutral signs, coloured, the name in the tooltip.
_STATUS_MARKS = {
    CaptionStatus.EMPTY: "○",
    CaptionStatus.DRAFT: "◐",
    CaptionStatus.NEEDS_REVIEW: "!",
    CaptionStatus.FINAL: "✓",
}
#: How long typing in the caption box may pause before the text is saved.
_SAVE_PAUSE_MS = 600


def _ui_language() -> str:
    language = current_language()
    return "en" if language == PSEUDO_LANGUAGE else language


class CaptionsPanel(QWidget):
    """Fields down, languages across; edits leave through signals."""

    text_edited = Signal(str, str, str)  # field, language, text
    status_chosen = Signal(str, str, str)  # field, language, status
    move_requested = Signal(str, str, str)  # field, from language, to language
    fields_rebuilt = Signal()  # new editors for new languages: attach what decorates them
    field_focused = Signal(str, str)  # language, field: a field's editor took the focus

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._languages: list[str] = []
        self._source_language = ""
        self._cells: dict[tuple[str, CaptionField], FieldCell] = {}
        #: The order Tab follows: every field of the first language, then of the next.
        self._order: list[FieldCell] = []
        self._current: FieldCell | None = None
        self._states: dict[tuple[str, CaptionField], FieldState] = {}
        self._row_labels: dict[CaptionField, QLabel] = {}
        self._headers: dict[str, QLabel] = {}
        self._count = 0
        self._editable = True
        #: The languages whose fields accept typing (None: all), and why the others do not.
        self._writable: frozenset[str] | None = None
        self._locked_reason = ""
        self._showing = False
        #: Whether the alt text and extended description rows are open (closed at first, so
        #: the five printed fields keep the room they had).
        self._accessibility_open = False
        self.accessibility_toggle: QToolButton | None = None
        self._pending: FieldCell | None = None
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(_SAVE_PAUSE_MS)
        self._save_timer.timeout.connect(self._on_save_timer_timeout)
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setVerticalSpacing(2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.grid_host)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.message)
        layout.addWidget(scroll, 1)
        self.retranslate_ui()

    # -- what the controller calls -------------------------------------------------------

    @property
    def editable(self) -> bool:
        """Whether the fields accept typing (False for a read-only project)."""
        return self._editable

    @editable.setter
    def editable(self, value: bool) -> None:
        self._editable = value
        for cell in self._cells.values():
            writable = self._cell_writable(cell)
            cell.editor.setReadOnly(not writable)
            cell.status_button.setEnabled(writable)
            # On the cell: its editor's own tooltip (the spelling's) stays; an empty one lets
            # this show over the field.
            cell.setToolTip("" if writable else self._locked_reason)

    def set_writable_languages(self, languages: list[str] | None, reason: str = "") -> None:
        """Only these languages' fields accept typing (None: all).

        ``reason`` is the tooltip of the others (an editor writes only the languages granted).
        """
        self._writable = None if languages is None else frozenset(languages)
        self._locked_reason = reason
        self.editable = self._editable

    def _cell_writable(self, cell: FieldCell) -> bool:
        return self._editable and (self._writable is None or cell.language in self._writable)

    def set_languages(self, languages: list[str], source_language: str) -> None:
        """The project's languages in page order (rebuilds the grid)."""
        self._languages = languages
        self._source_language = source_language
        self._build()

    def show_fields(
        self, states: dict[tuple[str, CaptionField], FieldState] | None, count: int
    ) -> None:
        """Show the fields of ``count`` selected photos, or nothing when ``states`` is None."""
        self.flush()
        self._states = states or {}
        self._count = count if states is not None else 0
        self.message.setVisible(states is None)
        self.grid_host.setVisible(states is not None)
        self._showing = True
        try:
            for key, cell in self._cells.items():
                self._show_cell(cell, self._states.get(key, FieldState("", CaptionStatus.EMPTY)))
        finally:
            self._showing = False

    def show_field(self, language: str, field: CaptionField, state: FieldState) -> None:
        """Show one field's new state (after a change), leaving the others as they are."""
        cell = self._cells.get((language, field))
        if cell is None or not self._count:
            return
        self._states[language, field] = state
        self._showing = True
        try:
            self._show_cell(cell, state)
        finally:
            self._showing = False

    def field_state(self, language: str, field: CaptionField) -> FieldState:
        """What a field shows now."""
        return self._states.get((language, field), FieldState("", CaptionStatus.EMPTY))

    def insert_text(self, language: str, field: CaptionField, text: str) -> None:
        """Put ``text`` into a field as if typed and save it (a memory suggestion, say)."""
        cell = self._cells.get((language, field))
        if cell is None or not self._cell_writable(cell):
            return
        cell.editor.setPlainText(text)
        cell.editor.document().setModified(True)
        self._commit(cell)

    def cell(self, language: str, field: CaptionField) -> FieldCell:
        """The editor cell of one field (for tests and keyboard navigation)."""
        return self._cells[(language, field)]

    def header_labels(self) -> list[QLabel]:
        """The language columns' headers, in page order."""
        return [self._headers[tag] for tag in self._languages]

    def cells(self) -> list[FieldCell]:
        """Every field's cell, in the order Tab goes through them."""
        return list(self._order)

    @property
    def languages(self) -> list[str]:
        """The languages shown, in page order."""
        return list(self._languages)

    def current_cell(self) -> FieldCell | None:
        """The field being typed in, or the last one that was."""
        return self._current

    def focus_cell(self, language: str, field: CaptionField) -> bool:
        """Put the keyboard in one field (False when it is not shown)."""
        cell = self._cells.get((language, field))
        if cell is None or not self.grid_host.isVisible():
            return False
        if field in ACCESSIBILITY_FIELDS and not self._accessibility_open:
            self.show_accessibility(True)
        self._current = cell
        cell.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._scroll_to(cell)
        return True

    def focus_next(self, forward: bool = True) -> bool:
        """Move the keyboard to the next (or previous) field, wrapping around."""
        order = [
            cell
            for cell in self._order
            if self._accessibility_open or cell.field not in ACCESSIBILITY_FIELDS
        ]
        if not order or not self.grid_host.isVisible():
            return False
        focused = self._cell_of(QApplication.focusWidget())
        current = focused or self._current
        if current is None or current not in order:
            target = order[0 if forward else -1]
        elif focused is None:
            target = current  # coming back into the panel: the field one was in
        else:
            index = order.index(current) + (1 if forward else -1)
            target = order[index % len(order)]
        return self.focus_cell(target.language, target.field)

    def choose_status(self, status: CaptionStatus) -> bool:
        """Give the current field ``status`` (as its status menu would); False when none."""
        cell = self._current
        if cell is None or not self._cell_writable(cell) or self._count == 0:
            return False
        self._choose_status(cell, status)
        return True

    def flush(self) -> None:
        """Save what was typed and not saved yet.

        That is a caption box within its typing pause, or a one-line field not yet left.
        """
        if self._pending is not None:
            self._save_timer.stop()
            self._commit(self._pending)
        for cell in self._order:
            if cell.editor.document().isModified():
                self._commit(cell)

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.message.setText(_("Select a photo to see its captions."))
        for field, label in self._row_labels.items():
            label.setText(_(FIELD_LABELS[field]))
        if self.accessibility_toggle is not None:
            self.accessibility_toggle.setText(_("Alt text and extended description"))
            self.accessibility_toggle.setToolTip(
                _(
                    "For readers who cannot see the photo: never printed, delivered in the "
                    "photo's file (IPTC Alt Text and Extended Description)."
                )
            )
        for tag, header in self._headers.items():
            header.setText(f"<b>{self._header_text(tag)}</b>")
        for key, cell in self._cells.items():
            self._show_cell(cell, self._states.get(key, FieldState("", CaptionStatus.EMPTY)))

    # -- building and showing --------------------------------------------------------------

    def _header_text(self, tag: str) -> str:
        name = display_name(tag, _ui_language())
        text = f"{name[:1].upper()}{name[1:]} ({tag})"
        return text + " · " + _("source") if tag == self._source_language else text

    def _build(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._cells.clear()
        self._order.clear()
        self._current = None
        self._pending = None
        self._row_labels.clear()
        self._headers.clear()
        for column, tag in enumerate(self._languages, start=1):
            self._headers[tag] = ColumnHeader()
            self.grid.addWidget(self._headers[tag], 0, column)
            self.grid.setColumnStretch(column, 1)
        toggle = QToolButton()
        toggle.setCheckable(True)
        toggle.setAutoRaise(True)
        toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toggle.toggled.connect(self.show_accessibility)
        self.accessibility_toggle = toggle
        self.grid.addWidget(toggle, len(PRINTED_FIELDS) + 1, 0, 1, len(self._languages) + 1)
        for index, field in enumerate(CaptionField):
            row = index + (1 if field in PRINTED_FIELDS else 2)  # the group's rows follow it
            label = QLabel()
            vertical = (
                Qt.AlignmentFlag.AlignTop if field in BOX_LINES else Qt.AlignmentFlag.AlignVCenter
            )
            label.setAlignment(Qt.AlignmentFlag.AlignRight | vertical)
            self._row_labels[field] = label
            self.grid.addWidget(label, row, 0)
            for column, tag in enumerate(self._languages, start=1):
                cell = FieldCell(tag, field)
                self._wire(cell)
                self._cells[(tag, field)] = cell
                self.grid.addWidget(cell, row, column)
        # Room left over goes below the fields, not between them.
        self.grid.setRowStretch(len(CaptionField) + 2, 1)
        self._order = [
            self._cells[(tag, field)] for tag in self._languages for field in CaptionField
        ]
        self.editable = self._editable
        toggle.setChecked(self._accessibility_open)
        self.show_accessibility(self._accessibility_open)
        self.retranslate_ui()
        self.fields_rebuilt.emit()

    def show_accessibility(self, shown: bool) -> None:
        """Open or close the alt text and extended description rows (Tab skips them closed)."""
        self._accessibility_open = shown
        toggle = self.accessibility_toggle
        if toggle is not None and toggle.isChecked() != shown:
            toggle.setChecked(shown)  # comes back here through toggled
            return
        if toggle is not None:
            toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        for field in ACCESSIBILITY_FIELDS:
            if field in self._row_labels:
                self._row_labels[field].setVisible(shown)
            for tag in self._languages:
                if (tag, field) in self._cells:
                    self._cells[tag, field].setVisible(shown)

    @property
    def accessibility_shown(self) -> bool:
        """Whether the alt text and extended description rows are open."""
        return self._accessibility_open

    def _wire(self, cell: FieldCell) -> None:
        editor = cell.editor
        if isinstance(editor, LineEditor):
            editor.editingFinished.connect(lambda c=cell: self._commit(c))
        else:
            editor.textChanged.connect(lambda c=cell: self._on_caption_text_changed(c))
        editor.installEventFilter(self)
        cell.status_button.setMenu(QMenu(cell.status_button))
        cell.status_button.menu().aboutToShow.connect(lambda c=cell: self.status_menu(c))

    def _show_cell(self, cell: FieldCell, state: FieldState) -> None:
        editor = cell.editor
        text = state.text or ""
        placeholder = _("(mixed)") if state.text is None else ""
        if editor.toPlainText() != text:
            editor.setPlainText(text)
            editor.moveCursor(QTextCursor.MoveOperation.End)  # typing goes on at the end
        editor.document().setModified(False)
        editor.setPlaceholderText(placeholder)
        status = state.status
        label = _("(mixed)") if status is None else _(STATUS_LABELS[status])
        colour = "#555555" if status is None else _STATUS_COLOURS[status]
        cell.status_button.setText("≠" if status is None else _STATUS_MARKS[status])
        cell.status_button.setToolTip(label)
        cell.status_button.setAccessibleName(label)
        cell.status_button.setStyleSheet(
            f"QToolButton {{ color: {colour}; font-weight: bold; }}"
            " QToolButton::menu-indicator { image: none; width: 0; }"
        )

    # -- edits -------------------------------------------------------------------------------

    def _on_caption_text_changed(self, cell: FieldCell) -> None:
        # Not typed: text being shown, or only marks changed (a highlighter re-marking
        # misspelt words also reports a text change).
        if self._showing or not cell.editor.document().isModified():
            return
        if self._pending is not None and self._pending is not cell:
            self._commit(self._pending)
        self._pending = cell
        self._save_timer.start()

    def _on_save_timer_timeout(self) -> None:
        if self._pending is not None:
            self._commit(self._pending)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        pending = self._pending
        if event.type() == QEvent.Type.FocusIn:
            focused = self._cell_of(watched)
            self._current = focused or self._current
            if focused is not None:
                self.field_focused.emit(focused.language, focused.field.value)
        elif (
            isinstance(event, QFocusEvent)
            and event.type() == QEvent.Type.FocusOut
            and pending is not None
            and watched is pending.editor
            # A context menu takes focus for a moment: typing goes on after it.
            and event.reason() != Qt.FocusReason.PopupFocusReason
        ):
            self.flush()
        return super().eventFilter(watched, event)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab and Shift+Tab from a field go round the fields in self._order.
        if self._cell_of(QApplication.focusWidget()) is not None:
            return self.focus_next(next)
        return super().focusNextPrevChild(next)

    def _cell_of(self, widget: QObject | None) -> FieldCell | None:
        for cell in self._order:
            if cell.editor is widget:
                return cell
        return None

    def _scroll_to(self, cell: FieldCell) -> None:
        scroll = self.grid_host.parentWidget()
        area = scroll.parentWidget() if scroll is not None else None
        if isinstance(area, QScrollArea):
            area.ensureWidgetVisible(cell)

    def _commit(self, cell: FieldCell) -> None:
        if cell is self._pending:
            self._pending = None
        editor = cell.editor
        modified, text = editor.document().isModified(), editor.toPlainText()
        editor.document().setModified(False)
        if not modified or not self._cell_writable(cell) or self._count == 0:
            return
        self.text_edited.emit(cell.field.value, cell.language, text)

    def status_menu(self, cell: FieldCell) -> QMenu:
        """Fill and return a field's menu: its statuses, and "This text is in…"."""
        menu = cell.status_button.menu()
        menu.clear()
        for status in CaptionStatus:
            action = menu.addAction(_(STATUS_LABELS[status]))
            action.triggered.connect(
                lambda _checked=False, c=cell, s=status: self._choose_status(c, s)
            )
        others = [
            tag
            for tag in self._languages
            if tag != cell.language and (self._writable is None or tag in self._writable)
        ]
        if others and self._count == 1:
            menu.addSeparator()
            sub = menu.addMenu(_("This text is in…"))
            for other in others:
                name = display_name(other, _ui_language())
                action = sub.addAction(f"{name[:1].upper()}{name[1:]} ({other})")
                action.triggered.connect(
                    lambda _checked=False, c=cell, o=other: self.move_requested.emit(
                        c.field.value, c.language, o
                    )
                )
        return menu

    def _choose_status(self, cell: FieldCell, status: CaptionStatus) -> None:
        self.flush()
        self.status_chosen.emit(cell.field.value, cell.language, status.value)
