"""The Export dialog: options, preflight findings, and the real PDF previewed.

One dialog for every print product (the catalogue, panel proofs, wall labels, the approval
proof), showing the options that product has, and for each the print shop's output profile
(ICC): with one the PDF is PDF/X-4. The preview is the exported PDF itself (QtPdf renders
the file the export wrote), so what the curator sees is what the print shop gets. The
dialog only shows and asks; the :class:`~curator.ui.export_controller.ExportController`
runs the work off the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

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
from curator.core.catalogue_texts import TextsOverview
from curator.core.labels_service import LabelOptions
from curator.core.languages import display_name, heading_name
from curator.core.preflight import Finding, Severity
from curator.export.panels import PanelOptions
from curator.i18n import _, current_language, ngettext

TRIM_SIZES = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "B5": (176.0, 250.0),
              "240 × 300": (240.0, 300.0)}  # fmt: skip
PAPERS = {"A4": (210.0, 297.0), "A3": (297.0, 420.0), "A2": (420.0, 594.0)}
LABEL_SIZES = {"130 × 150": (130.0, 150.0), "100 × 150": (100.0, 150.0),
               "A6 (105 × 148)": (105.0, 148.0),
               "A5 (148 × 210)": (148.0, 210.0), "90 × 120": (90.0, 120.0)}  # fmt: skip


class ExportProduct(StrEnum):
    """What the dialog exports."""

    CATALOGUE = "catalogue"
    PANELS = "panels"
    LABELS = "labels"
    PROOF = "proof"
    COVER = "cover"


@dataclass(frozen=True, slots=True)
class CoverChoice:
    """The cover's options: the catalogue's (its pages make the spine) and the front's photo."""

    catalogue: CatalogueOptions
    photo_id: str | None


@dataclass(frozen=True, slots=True)
class ProofChoice:
    """The approval proof's options: languages in order, and the paper."""

    languages: tuple[str, ...] | None
    paper_mm: tuple[float, float] | None
    picks_only: bool = False


class ExportDialog(QDialog):
    """Options on the left, the previewed PDF on the right, progress and Cancel below."""

    preview_requested = Signal()
    export_requested = Signal()
    cancel_requested = Signal()
    profile_requested = Signal()
    scope_changed = Signal()
    texts_requested = Signal()
    #: The person chose the cover's photo: its id, or None for the default.
    cover_photo_chosen = Signal(object)

    def __init__(
        self,
        languages: list[str],
        parent: QWidget | None = None,
        product: ExportProduct = ExportProduct.CATALOGUE,
    ) -> None:
        super().__init__(parent)
        self.product = product
        self.setObjectName("ExportCatalogueDialog" if product is ExportProduct.CATALOGUE
                           else f"Export{product.value.title()}Dialog")  # fmt: skip
        self.languages = QListWidget()
        self.languages.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        interface = current_language()
        for tag in languages:
            item = QListWidgetItem(f"{heading_name(tag, interface)} ({tag})")
            item.setData(Qt.ItemDataRole.UserRole, tag)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.languages.addItem(item)
        self.languages.setMaximumHeight(110)
        self.trim = QComboBox()
        for name in TRIM_SIZES:
            self.trim.addItem(name, TRIM_SIZES[name])
        self.paper = QComboBox()
        self.label_size = QComboBox()
        for name, size in LABEL_SIZES.items():
            self.label_size.addItem(name, size)
        self.bleed = QDoubleSpinBox()
        self.bleed.setRange(0.0, 20.0)
        self.bleed.setValue(0.0 if product is ExportProduct.PANELS else 3.0)
        self.marks = QCheckBox()
        self.cover_photo = QComboBox()
        self.cover_photo.addItem("", None)  # the default; named in retranslate_ui
        self.cover_photo.activated.connect(
            lambda index: self.cover_photo_chosen.emit(self.cover_photo.itemData(index))
        )
        self.cover_photo_label = QLabel()
        self.picks_only = QCheckBox()
        # What will be printed, counted before anything runs (set by the controller).
        self.scope = QLabel()
        self.scope.setObjectName("ExportScope")
        self.scope.setWordWrap(True)
        self.profile_path: Path | None = None
        self.profile_name = QLabel()
        self.profile_name.setWordWrap(True)
        self.profile_button = QPushButton()
        self.profile_clear = QPushButton()
        buttons = QHBoxLayout()
        buttons.addWidget(self.profile_button)
        buttons.addWidget(self.profile_clear)
        buttons.addStretch(1)
        profile_row = QVBoxLayout()
        profile_row.addWidget(self.profile_name)
        profile_row.addLayout(buttons)
        self.form = QFormLayout()
        self.languages_label, self.trim_label = QLabel(), QLabel()
        self.bleed_label, self.marks_label = QLabel(), QLabel()
        self.paper_label, self.label_size_label = QLabel(), QLabel()
        self.profile_label = QLabel()
        # The catalogue's own texts, in short, and the way to them.
        self.texts_label = QLabel()
        self.texts_summary = QLabel()
        self.texts_summary.setWordWrap(True)
        self.texts_button = QPushButton()
        self.texts_button.clicked.connect(self.texts_requested)
        self._build_form(profile_row)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.findings_label = QLabel()
        self.findings = QListWidget()
        self.findings.setWordWrap(True)
        self.preview_button = QPushButton()
        self.export_button = QPushButton()
        self.export_button.setDefault(True)
        left = QVBoxLayout()
        left.addWidget(self.scope)
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
        self.profile_button.clicked.connect(self.profile_requested)
        self.profile_clear.clicked.connect(lambda: self.set_profile(None, ""))
        self.picks_only.toggled.connect(self.scope_changed)
        self.set_running(False)
        self.resize(1100, 780)
        self.retranslate_ui()

    def _build_form(self, profile_row: QVBoxLayout) -> None:
        product = self.product
        if product is not ExportProduct.PANELS:
            self.form.addRow(self.languages_label, self.languages)
        if product is ExportProduct.COVER:
            self.form.addRow(self.trim_label, self.trim)
            self.form.addRow(self.cover_photo_label, self.cover_photo)
            self.form.addRow(self.bleed_label, self.bleed)
        if product is ExportProduct.CATALOGUE:
            texts = QVBoxLayout()
            texts.addWidget(self.texts_summary)
            texts.addWidget(self.texts_button, 0, Qt.AlignmentFlag.AlignLeft)
            self.form.addRow(self.texts_label, texts)
            self.form.addRow(self.trim_label, self.trim)
        if product is ExportProduct.LABELS:
            self.form.addRow(self.label_size_label, self.label_size)
        if product not in (ExportProduct.CATALOGUE, ExportProduct.COVER):
            if product is ExportProduct.PANELS:
                self.paper.addItem("", None)  # real size; named in retranslate_ui
            for name, size in PAPERS.items():
                self.paper.addItem(name, size)
            self.form.addRow(self.paper_label, self.paper)
        if product in (ExportProduct.CATALOGUE, ExportProduct.PANELS):
            self.form.addRow(self.bleed_label, self.bleed)
            self.form.addRow(self.marks_label, self.marks)
        self.picks_only_label = QLabel()
        self.form.addRow(self.picks_only_label, self.picks_only)
        self.form.addRow(self.profile_label, profile_row)

    def show_scope(self, sentence: str) -> None:
        """Say what will be printed ("112 photos: 96 in sections, … — 95 will be printed.")."""
        self.scope.setText(sentence)

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        titles = {
            ExportProduct.CATALOGUE: _("Export Catalogue"),
            ExportProduct.PANELS: _("Export Panel Proofs"),
            ExportProduct.LABELS: _("Export Wall Labels"),
            ExportProduct.PROOF: _("Export Approval Proof"),
            ExportProduct.COVER: _("Export Catalogue Cover"),
        }
        self.setWindowTitle(titles[self.product])
        self.languages_label.setText(_("Languages:"))
        self.languages.setToolTip(_("Drag to change the order; the first language leads."))
        self.trim_label.setText(_("Page size:"))
        # TRANSLATORS: the unit after the bleed's number, with its space (Russian " мм").
        self.bleed.setSuffix(_(" mm"))
        self.paper_label.setText(_("Paper:"))
        self.label_size_label.setText(_("Label size (mm):"))
        if self.product is ExportProduct.PANELS:
            self.paper.setItemText(0, _("Real size (one page per panel)"))
            self.marks.setText(_("Draw crop marks (at real size)"))
        else:
            self.marks.setText(_("Draw crop marks outside the bleed"))
        self.bleed_label.setText(_("Bleed:"))
        self.cover_photo_label.setText(_("Cover photo:"))
        self.cover_photo.setItemText(0, _("The first photo of the first section"))
        self.marks_label.setText(_("Crop marks:"))
        self.profile_label.setText(_("Output profile:"))
        self.picks_only_label.setText(_("Photos:"))
        self.picks_only.setText(_("Only those flagged as picks"))
        self.texts_label.setText(_("Texts:"))
        self.texts_button.setText(_("Catalogue Texts…"))
        self.profile_button.setText(_("Choose ICC…"))
        self.profile_clear.setText(_("None"))
        self.profile_button.setToolTip(
            _("The print shop's CMYK profile (e.g. FOGRA39): photos are converted into it and "
              "the PDF becomes PDF/X-4.")
        )  # fmt: skip
        if self.profile_path is None:
            self.profile_name.setText(_("None: colours as in the photos (not PDF/X)"))
        hints = {
            ExportProduct.CATALOGUE: _(
                "The order of the languages is their order on every page; drag one to the top "
                "to make it lead."
            ),
            ExportProduct.PANELS: _(
                "Each panel exactly as on the canvas: at its real size, or scaled onto the "
                "chosen paper with the scale printed under it."
            ),
            ExportProduct.LABELS: _(
                "One label per photo with its captions in the chosen languages (the first "
                "leads), imposed on sheets with cut marks."
            ),
            ExportProduct.PROOF: _(
                "Every photo with all its captions side by side, their status and warnings, "
                "and boxes for the approvers' initials on every page."
            ),
            ExportProduct.COVER: _(
                "Back, spine and front on one sheet with bleed and marks. The spine is as wide "
                "as the catalogue's pages make it on the paper set in Project Settings."
            ),
        }
        self.hint.setText(hints[self.product])
        self.preview_button.setText(_("Update Preview"))
        self.export_button.setText(_("Export PDF…"))
        self.cancel_button.setText(_("Cancel"))
        self.close_button.setText(_("Close"))
        if not self.findings.count():
            self.findings_label.setText(
                _("Preflight: not run yet") if self.product is not ExportProduct.PROOF else ""
            )

    def show_texts_overview(self, seen: TextsOverview) -> None:
        """Say what the catalogue prints of its own: titles, forewords, logos."""
        interface = current_language()

        def names(tags: tuple[str, ...]) -> str:
            return ", ".join(display_name(tag, interface) for tag in tags)

        parts = []
        if seen.titled:
            parts.append(_("Title in %(languages)s.") % {"languages": names(seen.titled)})
        if seen.untitled:
            parts.append(
                _("No title in %(languages)s: none is printed there.")
                % {"languages": names(seen.untitled)}
            )
        if seen.forewords:
            parts.append(_("Foreword in %(languages)s.") % {"languages": names(seen.forewords)})
        else:
            parts.append(_("No foreword."))
        logos = ngettext("%(count)d logo", "%(count)d logos", seen.logos) % {"count": seen.logos}
        parts.append(
            _("%(logos)s, a signature.") % {"logos": logos}
            if seen.signature
            else _("%(logos)s, no signature.") % {"logos": logos}
        )
        self.texts_summary.setText(" ".join(parts))

    def set_profile(self, path: Path | None, description: str) -> None:
        """Show the chosen output profile (None: no profile, not PDF/X)."""
        self.profile_path = path
        if path is None:
            self.profile_name.setText(_("None: colours as in the photos (not PDF/X)"))
        else:
            self.profile_name.setText(
                _("%(profile)s (%(file)s): PDF/X-4") % {"profile": description, "file": path.name}
            )

    def chosen_languages(self) -> tuple[str, ...] | None:
        """The checked languages in their listed order (None: none checked, the project's)."""
        tags = []
        for row in range(self.languages.count()):
            item = self.languages.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                tags.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return tuple(tags) or None

    def options(self) -> Any:
        """The product's options as chosen (CatalogueOptions for the catalogue)."""
        picks = self.picks_only.isChecked()
        if self.product is ExportProduct.PANELS:
            paper = self.paper.currentData()
            return PanelOptions(tuple(paper) if paper else None, self.marks.isChecked(),
                                self.bleed.value(), picks)  # fmt: skip
        if self.product is ExportProduct.LABELS:
            return LabelOptions(self.chosen_languages(), tuple(self.label_size.currentData()),
                                tuple(self.paper.currentData()), picks)  # fmt: skip
        if self.product is ExportProduct.PROOF:
            return ProofChoice(self.chosen_languages(), tuple(self.paper.currentData()), picks)
        trim = self.trim.currentData()
        if self.product is ExportProduct.COVER:
            catalogue = CatalogueOptions(
                languages=self.chosen_languages(),
                trim_mm=tuple(trim) if trim else None,
                bleed_mm=self.bleed.value(),
                picks_only=picks,
            )
            return CoverChoice(catalogue, self.cover_photo.currentData())
        return CatalogueOptions(
            languages=self.chosen_languages(),
            trim_mm=tuple(trim) if trim else None,
            bleed_mm=self.bleed.value(),
            marks=self.marks.isChecked(),
            picks_only=picks,
        )

    def set_cover_photos(self, photos: list[tuple[str, str]], chosen: str | None = None) -> None:
        """The photos the cover may show: ``(id, what to call it)``, in visit order.

        ``chosen`` is shown as chosen (the project's cover photo); the default when it is
        None or not among ``photos``.
        """
        while self.cover_photo.count() > 1:
            self.cover_photo.removeItem(1)
        for photo_id, name in photos:
            self.cover_photo.addItem(name, photo_id)
        self.cover_photo.setCurrentIndex(max(0, self.cover_photo.findData(chosen)))

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

    def show_findings(self, findings: list[Finding], notes: int = 0) -> None:
        """List preflight's findings, errors first (the proof: how many notes it prints)."""
        self.findings.clear()
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        for finding in findings:
            word = _("Error") if finding.severity is Severity.ERROR else _("Warning")
            page = _("page %(page)d: ") % {"page": finding.page} if finding.page else ""
            self.findings.addItem(f"{word}: {page}{finding.message}")
        warnings = len(findings) - errors
        summary = (
            ngettext("%(count)d error", "%(count)d errors", errors) % {"count": errors}
            + ", "
            + ngettext("%(count)d warning", "%(count)d warnings", warnings) % {"count": warnings}
        )  # plural forms: "1 warnings" was shown, and Russian has three forms
        self.findings_label.setText(_("Preflight: %(summary)s") % {"summary": summary})
        if self.product is ExportProduct.PROOF:
            self.findings_label.setText(
                ngettext(
                    "%(count)d note from the glossary and preflight is printed beside its photo",
                    "%(count)d notes from the glossary and preflight are printed beside their "
                    "photos",
                    notes,
                )
                % {"count": notes}
            )
