"""The readiness matrix in the window: fields down, languages across, for a chosen scope.

Each cell shows how many photos have that field final, out of all, coloured from red
(nothing final) to green (all final); its tooltip gives every status. The scope is the whole
exhibition, one section, or the photos in no section.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator.core.checks.readiness import Readiness, ReadinessReport, SectionReadiness
from curator.core.model import FIELD_LABELS, STATUS_LABELS, CaptionField, CaptionStatus
from curator.i18n import _
from curator.ui.views.exhibition_panel import pick_text


def _colour(share: float) -> QColor:
    """Red through amber to green as more fields are final."""
    hue = int(120 * share)  # 0 = red, 120 = green
    return QColor.fromHsv(hue, 90, 245)


def _scope_text(number: int, section: SectionReadiness, languages: list[str]) -> str:
    """A section's entry in the scope list: its number in the visit and its title."""
    title = pick_text(section.title, languages) or section.section_id
    return f"{number}. {title}"


class ReadinessPanel(QWidget):
    """Shows a :class:`ReadinessReport`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._report: ReadinessReport | None = None
        self.scope = QComboBox()
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.scope)
        layout.addWidget(self.table, 1)
        self.scope.currentIndexChanged.connect(self._on_scope_current_index_changed)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.show_report(self._report)

    def show_report(self, report: ReadinessReport | None) -> None:
        """Show a report (None: no project)."""
        self._report = report
        chosen = self.scope.currentIndex()
        self.scope.blockSignals(True)
        self.scope.clear()
        if report is not None:
            self.scope.addItem(_("Whole exhibition"))
            for number, section in enumerate(report.sections, start=1):
                self.scope.addItem(_scope_text(number, section, report.languages))
            if report.unplaced is not None:
                self.scope.addItem(_("Photos in no section"))
        self.scope.setCurrentIndex(min(max(chosen, 0), self.scope.count() - 1))
        self.scope.blockSignals(False)
        self._show_scope()

    def show_order(self, report: ReadinessReport) -> None:
        """Show the same sections in a new order (after a move): the counts stay.

        No table is rebuilt, and a section chosen as the scope stays chosen where it now stands.
        """
        old = self._report
        if (
            old is None
            or old.languages != report.languages
            or {s.section_id for s in old.sections} != {s.section_id for s in report.sections}
            or self.scope.count() != 1 + len(report.sections) + (report.unplaced is not None)
        ):
            self.show_report(report)
            return
        index = self.scope.currentIndex()
        chosen = old.sections[index - 1].section_id if 1 <= index <= len(old.sections) else None
        self._report = report
        blocked = self.scope.blockSignals(True)
        try:
            for number, section in enumerate(report.sections, start=1):
                text = _scope_text(number, section, report.languages)
                if self.scope.itemText(number) != text:
                    self.scope.setItemText(number, text)
            if chosen is not None:
                order = [section.section_id for section in report.sections]
                self.scope.setCurrentIndex(1 + order.index(chosen))
        finally:
            self.scope.blockSignals(blocked)

    def update_counts(self, report: ReadinessReport) -> None:
        """Show new counts of the same sections (after a caption change): no list rebuilt.

        The table's cells are given their new values in place.
        """
        same = self._report is not None and self._report.languages == report.languages
        self._report = report
        item = self._scoped()
        if not same or item is None or self.table.rowCount() != len(CaptionField):
            self._show_scope()
            return
        for row, field in enumerate(CaptionField):
            for column, tag in enumerate(report.languages):
                cell = self.table.item(row, column)
                if cell is not None:
                    self._fill_cell(cell, item, tag, field)

    def _scoped(self) -> Readiness | None:
        report = self._report
        index = self.scope.currentIndex()
        if report is None or index < 0:
            return None
        if index == 0:
            return report.total
        if index <= len(report.sections):
            return report.sections[index - 1].readiness
        return report.unplaced

    def _show_scope(self) -> None:
        item = self._scoped()
        report = self._report
        self.table.clear()
        if item is None or report is None:
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            return
        fields = list(CaptionField)
        self.table.setRowCount(len(fields))
        self.table.setColumnCount(len(report.languages))
        self.table.setHorizontalHeaderLabels(report.languages)
        self.table.setVerticalHeaderLabels([_(FIELD_LABELS[f]) for f in fields])
        for row, field in enumerate(fields):
            for column, tag in enumerate(report.languages):
                cell = QTableWidgetItem()
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self._fill_cell(cell, item, tag, field)
                self.table.setItem(row, column, cell)

    @staticmethod
    def _fill_cell(cell: QTableWidgetItem, item: Readiness, tag: str, field: CaptionField) -> None:
        counts = item.matrix[tag][field.value]
        final = counts[CaptionStatus.FINAL.value]
        text = f"{final}/{item.photos}"
        tip = "\n".join(
            f"{_(STATUS_LABELS[status])}: {counts[status.value]}" for status in CaptionStatus
        )
        if cell.text() == text and cell.toolTip() == tip:
            return  # unchanged, as most cells are after one edit
        cell.setText(text)
        cell.setBackground(_colour(final / item.photos if item.photos else 0.0))
        cell.setToolTip(tip)

    def _on_scope_current_index_changed(self, _index: int) -> None:
        self._show_scope()
