"""Dialogs for translators' caption files: what to export, the import plan, the conflicts.

Views only: they show what the controller gives them and report the choices; the
controller (:mod:`curator.ui.controllers.exchange_controller`) reads, plans and writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator.core.language.languages import heading_name
from curator.core.model import FIELD_LABELS, STATUS_LABELS, Section
from curator.core.operations.queries import CaptionAlternative, KeptText
from curator.core.publishing.catalogue_texts import KEY_LABELS, parse_key
from curator.core.translators.exchange_plan import (
    ACTION_LABELS,
    REFUSED,
    WRITING,
    ImportPlan,
    PlanAction,
)
from curator.i18n import _

FORMAT_LABELS = {
    "po": "gettext PO (Poedit, OmegaT, Weblate)",
    "xliff12": "XLIFF 1.2 (Trados, memoQ, OmegaT)",
    "xliff20": "XLIFF 2.0",
    "xlsx": "Excel / LibreOffice (XLSX)",
    "csv": "CSV",
}


@dataclass(frozen=True, slots=True)
class ExportChoice:
    """What the curator chose to export."""

    target_language: str
    source_language: str
    fmt: str
    section_id: str | None
    only_unfinished: bool
    csv_separator: str


class ExportForTranslatorDialog(QDialog):
    """Target and source language, format, scope."""

    def __init__(
        self,
        parent: QWidget | None,
        languages: Sequence[str],
        source_language: str,
        sections: Sequence[Section],
        interface_language: str,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Export for Translator"))
        self.target_combo = QComboBox(self)
        self.source_combo = QComboBox(self)
        for tag in languages:
            label = f"{heading_name(tag, interface_language)} ({tag})"
            self.source_combo.addItem(label, tag)
            self.target_combo.addItem(label, tag)
        self.source_combo.setCurrentIndex(max(0, list(languages).index(source_language)))
        others = [tag for tag in languages if tag != source_language]
        if others:
            self.target_combo.setCurrentIndex(list(languages).index(others[0]))
        self.format_combo = QComboBox(self)
        for key, label in FORMAT_LABELS.items():
            self.format_combo.addItem(label, key)
        self.separator_combo = QComboBox(self)
        self.separator_combo.addItem(_("Comma (,)"), ",")
        self.separator_combo.addItem(_("Semicolon (;): Excel in a Russian locale"), ";")
        self.section_combo = QComboBox(self)
        self.section_combo.addItem(_("All photos"), None)
        for section in sections:
            title = section.title.get(interface_language) or next(iter(section.title.values()), "")
            self.section_combo.addItem(title or section.id, section.id)
        self.unfinished_check = QCheckBox(_("Only captions not yet final"), self)
        self.warning_label = QLabel(self)
        self.warning_label.setStyleSheet("color: #b00020")
        form = QFormLayout()
        form.addRow(_("Translate into:"), self.target_combo)
        form.addRow(_("Translate from:"), self.source_combo)
        form.addRow(_("File format:"), self.format_combo)
        form.addRow(_("CSV separator:"), self.separator_combo)
        form.addRow(_("Photos:"), self.section_combo)
        form.addRow("", self.unfinished_check)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(
            _("Export…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.buttons)
        self.format_combo.currentIndexChanged.connect(self._update)
        self.target_combo.currentIndexChanged.connect(self._update)
        self.source_combo.currentIndexChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.separator_combo.setEnabled(self.format_combo.currentData() == "csv")
        same = self.target_combo.currentData() == self.source_combo.currentData()
        self.warning_label.setText(
            _("The target language must differ from the source language.") if same else ""
        )
        self.export_button.setEnabled(not same)

    def choice(self) -> ExportChoice:
        """The curator's choices."""
        return ExportChoice(
            target_language=str(self.target_combo.currentData()),
            source_language=str(self.source_combo.currentData()),
            fmt=str(self.format_combo.currentData()),
            section_id=self.section_combo.currentData(),
            only_unfinished=self.unfinished_check.isChecked(),
            csv_separator=str(self.separator_combo.currentData()),
        )


_ACTION_COLOURS = {
    PlanAction.NEW: "#1b7f3b",
    PlanAction.CHANGED: "#1f5fa8",
    PlanAction.SOURCE_CHANGED: "#a86a00",
    PlanAction.CONFLICT: "#b00020",
    PlanAction.UNKNOWN_ID: "#b00020",
    PlanAction.MALFORMED: "#b00020",
    PlanAction.MISSING: "#b00020",
}


class ImportPlanDialog(QDialog):
    """The plan of an import as a table; Apply writes it."""

    COLUMNS = 6

    def __init__(self, parent: QWidget | None, plan: ImportPlan, photo_names: dict[str, str]):
        super().__init__(parent)
        self.setWindowTitle(_("Import from Translator"))
        self.resize(1100, 600)
        self._plan = plan
        self._names = photo_names
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.show_all_check = QCheckBox(_("Show unchanged and untranslated entries"), self)
        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setHorizontalHeaderLabels(
            [_("Line"), _("Photo"), _("Field"), _("What happens"), _("Now"), _("Translation")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column, width in enumerate((56, 150, 90, 200)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.buttons = QDialogButtonBox(self)
        self.apply_button = self.buttons.addButton(
            _("Apply"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.show_all_check)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.show_all_check.toggled.connect(self._fill)
        self._summarise()
        self._fill()

    def _summarise(self) -> None:
        plan = self._plan
        parts = [
            f"{_(ACTION_LABELS[action])}: {plan.count(action)}"
            for action in PlanAction
            if plan.count(action)
        ]
        writes = sum(plan.count(action) for action in WRITING)
        conflicts = plan.count(PlanAction.CONFLICT)
        text = _("%(file)s, in %(language)s. %(summary)s.") % {
            "file": plan.path.name,
            "language": plan.target_language,
            "summary": "; ".join(parts) or "—",
        }
        if conflicts:
            text += " " + _(
                "Where you changed a caption since the export, your text stays and the "
                "translation is kept beside it for you to choose."
            )
        self.summary_label.setText(text)
        self.apply_button.setEnabled(bool(writes or conflicts))

    def visible_entries(self) -> list[int]:
        """Indexes of the plan entries the table shows."""
        show_all = self.show_all_check.isChecked()
        quiet = {PlanAction.UNCHANGED, PlanAction.UNTRANSLATED}
        return [
            index
            for index, entry in enumerate(self._plan.entries)
            if show_all
            or entry.action not in quiet
            or entry.reason
            or entry.whitespace_trimmed
            or entry.over_budget
        ]

    def _fill(self) -> None:
        rows = self.visible_entries()
        self.table.setRowCount(len(rows))
        for row, index in enumerate(rows):
            entry = self._plan.entries[index]
            name = entry.file_name or self._names.get(entry.photo_id or "", "")
            photo = f"{name} ({entry.photo_id})" if name else (entry.photo_id or entry.key)
            field = _(FIELD_LABELS[entry.field]) if entry.field else ""
            if entry.text_key:
                photo, field = _("Catalogue"), _(KEY_LABELS[parse_key(entry.text_key)])
            what = _(ACTION_LABELS[entry.action])
            if entry.message:
                what = f"{what}: {entry.message}"
            elif (
                entry.new_status is not None
                and entry.action not in REFUSED
                and not entry.text_key  # a catalogue text has no status of its own
            ):
                old = entry.current_status or entry.new_status
                what = _("%(action)s (%(old)s → %(new)s)") % {
                    "action": what,
                    "old": _(STATUS_LABELS[old]),
                    "new": _(STATUS_LABELS[entry.new_status]),
                }
            notes = [entry.reason] if entry.reason else []
            if entry.over_budget and entry.budget_chars is not None:
                notes.append(
                    _("%(length)d characters; the layout has room for %(budget)d")
                    % {"length": len(entry.incoming_text), "budget": entry.budget_chars}
                )
            if entry.whitespace_trimmed:
                notes.append(_("whitespace trimmed"))
            if notes:
                what = f"{what} — {'; '.join(notes)}"
            incoming = entry.diff or entry.incoming_text
            values = [str(entry.line or ""), photo, field, what, entry.current_text, incoming]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if column == 3 and entry.action in _ACTION_COLOURS:
                    item.setForeground(QBrush(QColor(_ACTION_COLOURS[entry.action])))
                horizontal = (
                    Qt.AlignmentFlag.AlignRight if column == 0 else Qt.AlignmentFlag.AlignLeft
                )
                item.setTextAlignment(horizontal | Qt.AlignmentFlag.AlignTop)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()

    def showEvent(self, event: QShowEvent) -> None:
        """Fit the rows to the wrapped texts once the columns have their widths."""
        super().showEvent(event)
        self.table.resizeRowsToContents()


class ConflictsDialog(QDialog):
    """Translations kept beside the curator's text: take one, or keep the curator's."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Translation Conflicts"))
        self.resize(1000, 500)
        self.hint_label = QLabel(
            _(
                "You changed these captions after exporting them for translation. Choose, "
                "for each, the translator's text or yours."
            ),
            self,
        )
        self.hint_label.setWordWrap(True)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(
            [_("Photo"), _("Language"), _("Field"), _("Your text"), _("Translator's text")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.take_button = QPushButton(_("Use the Translation"), self)
        self.keep_button = QPushButton(_("Keep My Text"), self)
        self.buttons = QDialogButtonBox(self)
        self.buttons.addButton(self.take_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.alternatives: list[CaptionAlternative | KeptText] = []
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def show_alternatives(
        self,
        rows: Sequence[tuple[CaptionAlternative, str]],
        photo_names: dict[str, str],
        kept: Sequence[tuple[KeptText, str]] = (),
    ) -> None:
        """Fill the table: each kept translation with the curator's current text.

        ``kept``: the catalogue's own texts kept beside the curator's, after the captions.
        """
        self.alternatives = [alternative for alternative, _current in rows]
        self.alternatives += [text for text, _current in kept]
        self.table.setRowCount(len(rows) + len(kept))
        table: list[list[str]] = [
            [
                photo_names.get(alternative.photo_id, alternative.photo_id),
                alternative.language,
                _(FIELD_LABELS[alternative.field]),
                current,
                alternative.text,
            ]
            for alternative, current in rows
        ]
        table += [
            [
                _("Catalogue"),
                text.language,
                _(KEY_LABELS[parse_key(text.key)]),
                current,
                text.text,
            ]
            for text, current in kept
        ]
        for row, values in enumerate(table):
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        if table:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> CaptionAlternative | KeptText | None:
        """The kept translation of the selected row."""
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.alternatives):
            return None
        return self.alternatives[rows[0].row()]

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.take_button.setEnabled(chosen)
        self.keep_button.setEnabled(chosen)
