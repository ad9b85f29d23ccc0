"""The preflight dock: the findings of a check, errors first; activating one goes there.

A finding about a photo's original (missing, truncated, damaged) offers "Relink…" (choose a
whole copy of the file) and, for a photo in a section, "Remove from section": in the
finding's context menu and as buttons under the list, for the selected finding.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from curator.core.checks.preflight import Finding, Severity
from curator.core.layout.style import Product
from curator.export import products
from curator.i18n import _, ngettext

#: Findings about a photo's original file, which another file can fix.
RELINKABLE_CODES = frozenset({"photo-unreadable", "photo-missing"})

#: The product chosen first: the panels, checked while they are being laid out.
_FIRST_CHOICE = Product.PANELS


class PreflightPanel(QWidget):
    """A product choice, a Check button, and the findings."""

    check_requested = Signal(str)  # product
    finding_activated = Signal(object)  # Finding
    remove_from_section_requested = Signal(str)  # photo id
    relink_requested = Signal(str)  # photo id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] | None = None
        self.product = QComboBox()
        self.check_button = QPushButton()
        self.summary = QLabel()
        self.list = QListWidget()
        self.list.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.product, 1)
        bar.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        # The selected finding's actions, as buttons (the same actions as its context menu).
        self.relink_action = QAction(self.list)
        self.relink_action.setEnabled(False)
        self.relink_button = QToolButton()
        self.relink_button.setDefaultAction(self.relink_action)
        self.remove_button = QToolButton()
        actions = QHBoxLayout()
        actions.addWidget(self.relink_button)
        actions.addWidget(self.remove_button)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.check_button.clicked.connect(
            lambda: self.check_requested.emit(str(self.product.currentData()))
        )
        self.list.itemActivated.connect(self._on_list_item_activated)
        # A finding about a photo in a section offers to take it out (an unreadable
        # original, say): the action is in the finding's own context menu.
        self.remove_from_section_action = QAction(self.list)
        self.remove_from_section_action.setEnabled(False)
        self.remove_button.setDefaultAction(self.remove_from_section_action)
        self.list.addAction(self.relink_action)
        self.list.addAction(self.remove_from_section_action)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.list.currentItemChanged.connect(self._on_list_current_item_changed)
        self.remove_from_section_action.triggered.connect(
            self._on_remove_from_section_action_triggered
        )
        self.relink_action.triggered.connect(self._on_relink_action_triggered)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        chosen = self.product.currentData()
        self.product.clear()
        for spec in products.preflight_products():  # as declared, with the label declared
            if spec.preflight is not None:
                self.product.addItem(_(spec.label), spec.preflight.value)
        at = self.product.findData(chosen if chosen is not None else _FIRST_CHOICE.value)
        self.product.setCurrentIndex(max(at, 0))
        self.check_button.setText(_("Check"))
        self.remove_from_section_action.setText(_("Remove the Photo from Its &Section"))
        self.relink_action.setText(_("&Relink the Original…"))
        self.relink_action.setToolTip(
            _("Choose a whole copy of this photo's original file to use instead")
        )
        self.show_findings(self._findings)

    def show_findings(self, findings: list[Finding] | None) -> None:
        """Show a check's findings (None: none run yet)."""
        self._findings = findings
        self.list.clear()
        if findings is None:
            self.summary.setText(_("Check the exhibition before printing."))
            return
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        warnings = len(findings) - errors
        self.summary.setText(
            ngettext("%(count)d error", "%(count)d errors", errors) % {"count": errors}
            + ", "
            + ngettext("%(count)d warning", "%(count)d warnings", warnings) % {"count": warnings}
        )
        for finding in findings:
            item = QListWidgetItem(finding.message)
            colour = "#c62828" if finding.severity is Severity.ERROR else "#b07d00"
            item.setForeground(QColor(colour))
            item.setData(Qt.ItemDataRole.UserRole, finding)
            self.list.addItem(item)

    def findings(self) -> list[Finding]:
        """The last check's findings (none before a check)."""
        return list(self._findings or [])

    def current_finding(self) -> Finding | None:
        """The finding selected in the list."""
        item = self.list.currentItem()
        found = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return found if isinstance(found, Finding) else None

    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        self.finding_activated.emit(item.data(Qt.ItemDataRole.UserRole))

    def _on_list_current_item_changed(self, *_args: object) -> None:
        finding = self.current_finding()
        placed = finding is not None and bool(finding.photo_id and finding.section_id)
        self.remove_from_section_action.setEnabled(placed)
        self.relink_action.setEnabled(_relinkable(finding))

    def _on_remove_from_section_action_triggered(self) -> None:
        finding = self.current_finding()
        if finding is not None and finding.photo_id and finding.section_id:
            self.remove_from_section_requested.emit(finding.photo_id)

    def _on_relink_action_triggered(self) -> None:
        finding = self.current_finding()
        if _relinkable(finding):
            assert finding is not None and finding.photo_id
            self.relink_requested.emit(finding.photo_id)


def _relinkable(finding: Finding | None) -> bool:
    """Whether another file can fix the finding (its photo's original is missing or broken)."""
    return finding is not None and bool(finding.photo_id) and finding.code in RELINKABLE_CODES
