"""The Export dialog: options, preflight findings, and the real PDF previewed.

One dialog for every print product (the catalogue, its cover, panel proofs, wall labels, the
approval proof), built from the product's declaration (:mod:`curator.export.products`): a
row per declared option, with the widget its kind calls for (:mod:`curator.ui.views.export_fields`),
its title and hint, and for each product the print shop's output profile (ICC): with one the
PDF is PDF/X-4. The preview is the exported PDF itself (QtPdf renders
the file the export wrote), so what the curator sees is what the print shop gets. The
dialog only shows and asks; the :class:`~curator.ui.controllers.export_controller.ExportController`
runs the work off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from curator.core.checks.preflight import Finding, Severity
from curator.core.language.languages import display_name
from curator.core.publishing.catalogue_texts import TextsOverview
from curator.export import products
from curator.export.product_spec import PICKS_ONLY, OptionKind, ProductSpec
from curator.i18n import _, current_language, ngettext
from curator.ui.views.export_fields import LanguagesField, OptionField, PhotoField, make_field

#: The declared products by name, as an enumeration (``ExportProduct.CATALOGUE``…); the dialog
#: itself takes any declared product's name.
ExportProduct = StrEnum(  # type: ignore[misc]
    "ExportProduct", [(spec.name.upper(), spec.name) for spec in products.PRODUCTS]
)


W = TypeVar("W", bound=QWidget)


class OptionWidget(Generic[W]):
    """A dialog attribute that is the widget of one declared option (``dialog.paper``)."""

    def __init__(self, key: str) -> None:
        self.key = key

    def __get__(self, dialog: ExportDialog, owner: type | None = None) -> W:
        return cast(W, dialog.widget(self.key))


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
        product: str = "catalogue",
        starting: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        #: The product's declaration: its options make the form.
        self.spec: ProductSpec = products.product(product)
        #: The product's name ("catalogue", "panels" and so on).
        self.product: str = self.spec.name
        self.setObjectName(f"Export{self.spec.name.title()}Dialog")
        #: Each option's widget by its key, in the declared order (the picks last).
        self.fields: dict[str, OptionField] = {
            option.key: make_field(option, languages)
            for option in self.spec.all_options
            if option.in_dialog
        }
        self.row_labels = {key: QLabel() for key in self.fields}
        for key, value in (starting or {}).items():  # the project's settings
            if key in self.fields and value is not None:
                self.fields[key].start(value)
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
        if self.spec.folder:  # nothing to preview: the site opens in a browser when written
            self.preview_button.hide()
            self.view.hide()
        self.set_running(False)
        self.resize(1100, 780)
        self.retranslate_ui()

    def _build_form(self, profile_row: QVBoxLayout) -> None:
        """A row per declared option; the catalogue's texts after its languages."""
        for key, field in self.fields.items():
            self.form.addRow(self.row_labels[key], field.widget)
            if self.spec.texts and field.option.kind is OptionKind.LANGUAGES:
                texts = QVBoxLayout()
                texts.addWidget(self.texts_summary)
                texts.addWidget(self.texts_button, 0, Qt.AlignmentFlag.AlignLeft)
                self.form.addRow(self.texts_label, texts)
        if not self.spec.folder:  # a folder of web pages has no output profile
            self.form.addRow(self.profile_label, profile_row)
        else:
            for widget in (self.profile_label, self.profile_name, self.profile_button,
                           self.profile_clear):  # fmt: skip
                widget.hide()

    def widget(self, key: str) -> QWidget:
        """The widget of the option called ``key``.

        Raises:
            AttributeError: The product has no such option.
        """
        field = self.fields.get(key)
        if field is None:
            raise AttributeError(f"the {self.spec.name} has no option {key!r}")
        return field.widget

    # The widgets of the options most products have, by name (the controller, tests).
    languages = OptionWidget[QListWidget]("languages")
    trim = OptionWidget[QComboBox]("trim")
    paper = OptionWidget[QComboBox]("paper")
    label_size = OptionWidget[QComboBox]("label")
    bleed = OptionWidget[QDoubleSpinBox]("bleed")
    marks = OptionWidget[QCheckBox]("marks")
    cover_photo = OptionWidget[QComboBox]("photo")
    picks_only = OptionWidget[QCheckBox](PICKS_ONLY.key)

    def show_scope(self, sentence: str) -> None:
        """Say what will be printed ("112 photos: 96 in sections, … — 95 will be printed.")."""
        self.scope.setText(sentence)

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.setWindowTitle(_(self.spec.title))
        for key, field in self.fields.items():
            self.row_labels[key].setText(_(field.option.label))
            field.retranslate_ui()
        self.profile_label.setText(_("Output profile:"))
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
        self.hint.setText(_(self.spec.hint))
        self.preview_button.setText(_("Update Preview"))
        self.export_button.setText(_("Export…") if self.spec.folder else _("Export PDF…"))
        self.cancel_button.setText(_("Cancel"))
        self.close_button.setText(_("Close"))
        if not self.findings.count():
            quiet = self.spec.notes or self.spec.folder
            self.findings_label.setText("" if quiet else _("Preflight: not run yet"))

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
        """The checked languages in their listed order (None: none checked, or no such option)."""
        field = self.fields.get("languages")
        return field.value() if isinstance(field, LanguagesField) else None

    def values(self) -> dict[str, Any]:
        """Every option's chosen value by its key (None: the project's setting)."""
        return {key: field.value() for key, field in self.fields.items()}

    def options(self) -> Any:
        """The product's options as chosen (CatalogueOptions for the catalogue)."""
        return self.spec.build(self.values())

    def set_cover_photos(self, photos: list[tuple[str, str]], chosen: str | None = None) -> None:
        """The photos the cover may show: ``(id, what to call it)``, in visit order.

        ``chosen`` is shown as chosen (the project's cover photo); the default when it is
        None or not among ``photos``.
        """
        for field in self.fields.values():
            if isinstance(field, PhotoField):
                field.set_photos(photos)
                field.start(chosen)
                field.widget.activated.connect(
                    lambda _index, f=field: self.cover_photo_chosen.emit(f.value())
                )

    def wants_photos(self) -> bool:
        """Whether an option chooses among the photos (the cover's front)."""
        return any(isinstance(field, PhotoField) for field in self.fields.values())

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
        if self.spec.notes:
            self.findings_label.setText(
                ngettext(
                    "%(count)d note from the glossary and preflight is printed beside its photo",
                    "%(count)d notes from the glossary and preflight are printed beside their "
                    "photos",
                    notes,
                )
                % {"count": notes}
            )
