"""The Export Catalogue dialog: options, preflight findings, and the real PDF previewed.

The preview is the exported PDF itself (QtPdf renders the file the export wrote), so what
the curator sees is what the print shop gets. The dialog only shows and asks; the
:class:`~curator.ui.export_controller.ExportController` runs the work off the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from curator.core.catalogue_service import CatalogueOptions
from curator.core.languages import display_name
from curator.core.preflight import Finding, Severity
from curator.i18n import _, current_language

TRIM_SIZES = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "B5": (176.0, 250.0),
              "240 × 300": (240.0, 300.0)}  # fmt: skip


class ExportDialog(QDialog):
    """Options on the left, the previewed PDF on the right, progress and Cancel below."""

    preview_requested = Signal()
    export_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, languages: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ExportCatalogueDialog")
        self.languages = QListWidget()
        self.languages.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        interface = current_language()
        for tag in languages:
            item = QListWidgetItem(f"{display_name(tag, interface)} ({tag})")
            item.setData(Qt.ItemDataRole.UserRole, tag)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.languages.addItem(item)
        self.languages.setMaximumHeight(110)
        self.trim = QComboBox()
        for name in TRIM_SIZES:
            self.trim.addItem(name, TRIM_SIZES[name])
        self.bleed = QDoubleSpinBox()
        self.bleed.setRange(0.0, 20.0)
        self.bleed.setValue(3.0)
        self.bleed.setSuffix(" mm")
        self.marks = QCheckBox()
        self.form = QFormLayout()
        self.languages_label, self.trim_label = QLabel(), QLabel()
        self.bleed_label, self.marks_label = QLabel(), QLabel()
        self.form.addRow(self.languages_label, self.languages)
        self.form.addRow(self.trim_label, self.trim)
        self.form.addRow(self.bleed_label, self.bleed)
        self.form.addRow(self.marks_label, self.marks)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.findings_label = QLabel()
        self.findings = QListWidget()
        self.findings.setWordWrap(True)
        self.preview_button = QPushButton()
        self.export_button = QPushButton()
        self.export_button.setDefault(True)
        left = QVBoxLayout()
        left.addLayout(self.form)
        left.addWidget(self.hint)
        left.addWidget(self.preview_button)
        left.addWidget(self.findings_label)
        left.addWidget(self.findings, 1)
        left.addWidget(self.export_button)
        side = QWidget()
        side.setLayout(left)

        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.view.setPageSpacing(12)
        self.splitter = QSplitter()
        self.splitter.addWidget(side)
        self.splitter.addWidget(self.view)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([330, 700])

        self.progress = QProgressBar()
        self.status = QLabel()
        self.cancel_button = QPushButton()
        self.close_button = QPushButton()
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)

        self.preview_button.clicked.connect(self.preview_requested)
        self.export_button.clicked.connect(self.export_requested)
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.close_button.clicked.connect(self.close)
        self.set_running(False)
        self.resize(1100, 780)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.setWindowTitle(_("Export Catalogue"))
        self.languages_label.setText(_("Languages:"))
        self.languages.setToolTip(_("Drag to change the order; the first language leads."))
        self.trim_label.setText(_("Page size:"))
        self.bleed_label.setText(_("Bleed:"))
        self.marks_label.setText(_("Crop marks:"))
        self.marks.setText(_("Draw crop marks outside the bleed"))
        self.hint.setText(
            _(
                "The order of the languages is their order on every page; drag one to the top to "
                "make it lead."
            )
        )
        self.preview_button.setText(_("Update Preview"))
        self.export_button.setText(_("Export PDF…"))
        self.cancel_button.setText(_("Cancel"))
        self.close_button.setText(_("Close"))
        if not self.findings.count():
            self.findings_label.setText(_("Preflight: not run yet"))

    def options(self) -> CatalogueOptions:
        """The options as chosen: checked languages in their listed order."""
        tags = []
        for row in range(self.languages.count()):
            item = self.languages.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                tags.append(str(item.data(Qt.ItemDataRole.UserRole)))
        trim = self.trim.currentData()
        return CatalogueOptions(
            languages=tuple(tags) or None,
            trim_mm=tuple(trim) if trim else None,
            bleed_mm=self.bleed.value(),
            marks=self.marks.isChecked(),
        )

    def set_running(self, running: bool, message: str = "") -> None:
        """Show whether a preview or export is running (Cancel only then)."""
        self.cancel_button.setEnabled(running)
        self.preview_button.setEnabled(not running)
        self.export_button.setEnabled(not running)
        self.progress.setVisible(running)
        if not running:
            self.progress.reset()
        self.status.setText(message)

    def set_progress(self, done: int, total: int) -> None:
        """Pages drawn so far."""
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def show_pdf(self, path: Path) -> None:
        """Preview the PDF at ``path`` (the real export)."""
        self.document.close()
        self.document.load(str(path))

    def show_findings(self, findings: list[Finding]) -> None:
        """List preflight's findings, errors first."""
        self.findings.clear()
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        for finding in findings:
            word = _("Error") if finding.severity is Severity.ERROR else _("Warning")
            page = _("page %(page)d: ") % {"page": finding.page} if finding.page else ""
            self.findings.addItem(f"{word}: {page}{finding.message}")
        self.findings_label.setText(
            _("Preflight: %(errors)d errors, %(warnings)d warnings")
            % {"errors": errors, "warnings": len(findings) - errors}
        )
