"""The glossary dock: entries and the findings of the last check.

Entries show their rendering in each project language; the findings are forbidden forms
and names written two ways. A finding, activated, shows its photo; the panel holds no
rules and only reports what the person asked for through signals.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator.core.language.glossary_cases import CASE_LABELS, case_forms
from curator.core.language.glossary_rules import GlossaryFinding
from curator.core.model import GLOSSARY_KIND_LABELS, GlossaryEntry
from curator.i18n import _, ngettext


class GlossaryPanel(QWidget):
    """Entries above, check findings below."""

    import_requested = Signal()
    export_requested = Signal()
    check_requested = Signal()
    finding_activated = Signal(str)  # photo id
    cases_requested = Signal(int)  # glossary entry id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[GlossaryEntry] = []
        self._languages: list[str] = []
        self._findings: list[GlossaryFinding] | None = None
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._editable = False
        # Every column as wide as its longest text ("Vũ Việt Hà" was cut to "Vũ Việ…" in
        # stretched columns); a narrow dock scrolls sideways instead of cutting names.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.import_button = QPushButton()
        self.export_button = QPushButton()
        #: The selected entry's case forms (=hn:gen= in a caption), in a dialog.
        self.cases_button = QPushButton()
        self.check_button = QPushButton()
        self.findings_label = QLabel()
        self.findings = QListWidget()
        self.findings.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.import_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        # The check sits with its findings: three buttons in one row made the whole right
        # column of docks at least 280 px wide.
        self.findings_label.setWordWrap(True)
        check_row = QHBoxLayout()
        check_row.addWidget(self.check_button)
        check_row.addStretch(1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(check_row)
        lower_layout.addWidget(self.findings_label)
        lower_layout.addWidget(self.findings)
        splitter = QSplitter(Qt.Orientation.Vertical)
        # The case forms under the entries they belong to (a third button in the top row
        # made the dock 100 px wider).
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.table, 1)
        cases_row = QHBoxLayout()
        cases_row.addWidget(self.cases_button)
        cases_row.addStretch(1)
        upper_layout.addLayout(cases_row)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        self.import_button.clicked.connect(self.import_requested)
        self.export_button.clicked.connect(self.export_requested)
        self.check_button.clicked.connect(self.check_requested)
        self.cases_button.clicked.connect(self._on_cases_button_clicked)
        self.table.itemSelectionChanged.connect(self._update_cases_button)
        self.table.itemDoubleClicked.connect(self._on_table_item_double_clicked)
        self.findings.itemActivated.connect(self._on_findings_item_activated)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.import_button.setText(_("Import…"))
        self.export_button.setText(_("Export…"))
        self.cases_button.setText(_("Case Forms…"))
        self.cases_button.setToolTip(
            _("The forms of the selected entry in each grammatical case (=code:gen=)")
        )
        self.check_button.setText(_("Check captions"))
        self.show_entries(self._entries, self._languages)
        self.show_findings(self._findings)

    def set_enabled_actions(self, editable: bool, has_project: bool) -> None:
        """Enable what the open project allows."""
        self.import_button.setEnabled(editable)
        self._editable = editable
        self._update_cases_button()
        self.export_button.setEnabled(has_project)
        self.check_button.setEnabled(has_project)

    def show_entries(self, entries: list[GlossaryEntry], languages: list[str]) -> None:
        """Show the glossary's entries, one column per project language."""
        kept = self.selected_entry_id()
        self._entries = entries
        self._languages = languages
        self.table.clear()
        self.table.setColumnCount(2 + len(languages))
        self.table.setHorizontalHeaderLabels([_("Code"), _("Kind"), *languages])
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            kind = _(GLOSSARY_KIND_LABELS[entry.kind])
            cells = [entry.code, kind, *(entry.terms.get(t, "") for t in languages)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(
                    _term_tooltip(entry, languages[column - 2]) if column >= 2 else text
                )
                self.table.setItem(row, column, item)
        rows = [row for row, entry in enumerate(entries) if entry.id == kept]
        if rows:
            self.table.selectRow(rows[0])
        self._update_cases_button()

    def selected_entry_id(self) -> int | None:
        """The id of the entry whose row is selected, if one is."""
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if len(rows) != 1:
            return None
        row = rows.pop()
        return self._entries[row].id if 0 <= row < len(self._entries) else None

    def select_entry(self, entry_id: int) -> None:
        """Select an entry's row."""
        for row, entry in enumerate(self._entries):
            if entry.id == entry_id:
                self.table.selectRow(row)
                return

    def _update_cases_button(self) -> None:
        self.cases_button.setEnabled(self._editable and self.selected_entry_id() is not None)

    def _on_cases_button_clicked(self) -> None:
        entry_id = self.selected_entry_id()
        if entry_id is not None:
            self.cases_requested.emit(entry_id)

    def _on_table_item_double_clicked(self, _item: QTableWidgetItem) -> None:
        if self.cases_button.isEnabled():
            self._on_cases_button_clicked()

    def show_findings(self, findings: list[GlossaryFinding] | None) -> None:
        """Show the findings of a check (None: no check run yet)."""
        self._findings = findings
        self.findings.clear()
        if findings is None:
            self.findings_label.setText(_("Check the captions against the glossary."))
            return
        count = len(findings)
        self.findings_label.setText(
            ngettext("%(count)d problem found", "%(count)d problems found", count)
            % {"count": count}
            if count
            else _("No problems found.")
        )
        for finding in findings:
            item = QListWidgetItem(f"{finding.language} · {finding.field} — {finding.message}")
            item.setData(Qt.ItemDataRole.UserRole, finding.photo_id)
            self.findings.addItem(item)

    def _on_findings_item_activated(self, item: QListWidgetItem) -> None:
        self.finding_activated.emit(str(item.data(Qt.ItemDataRole.UserRole)))


def _term_tooltip(entry: GlossaryEntry, language: str) -> str:
    """A term's cell tooltip: its case forms, each named by its case, and forbidden forms."""
    forms = case_forms(entry, language)
    lines = (
        [
            _("%(case)s: %(form)s") % {"case": _(CASE_LABELS[case]), "form": form}
            for case, form in forms
        ]
        if len(forms) > 1
        else [entry.terms.get(language, "")]
    )
    if entry.forbidden.get(language):
        forbidden = ", ".join(entry.forbidden[language])
        lines.append(_("Not: %(forms)s") % {"forms": forbidden})
    return "\n".join(line for line in lines if line)
