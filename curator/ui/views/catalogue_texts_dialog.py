"""The Catalogue Texts dialog: the catalogue's own texts, one tab per language, and its images.

A view only. Each language's tab holds the title, subtitle, foreword and its signatory,
the organisers and the imprint lines of that language; the ISBN (one for the book) and the
images (organisers' logos, the signature) sit under the tabs. What the person types leaves
through :attr:`CatalogueTextsDialog.text_entered` when a field is left;
:class:`~curator.ui.controllers.catalogue_texts_controller.CatalogueTextsController` writes it as
one
undoable edit and shows the outcome.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from curator.core.language.languages import display_name
from curator.core.publishing.catalogue_texts import (
    KEY_LABELS,
    MULTILINE_KEYS,
    NEUTRAL_KEYS,
    AssetRole,
    CatalogueTexts,
    TextKey,
)
from curator.i18n import PSEUDO_LANGUAGE, _, current_language
from curator.ui.views.caption_editors import CaptionBox, LineEditor
from curator.ui.views.setting_editors import ERROR_STYLE


@dataclass(eq=False)
class TextField:
    """One text in one language: its editor (what the spell checker needs: editor, language)."""

    key: TextKey
    language: str
    editor: CaptionBox | LineEditor
    label: QLabel

    def text(self) -> str:
        """What the field holds."""
        return self.editor.toPlainText()


class CatalogueTextsDialog(QDialog):
    """Texts per language on tabs; the ISBN and the images below."""

    text_entered = Signal(str, str, str)  # key, language ("" for the ISBN), text

    def __init__(self, languages: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.languages = list(languages)
        self.resize(760, 720)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.tabs = QTabWidget()
        self.fields: list[TextField] = []
        for language in self.languages:
            page = QWidget()
            form = QFormLayout(page)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for key in TextKey:
                if key not in NEUTRAL_KEYS:
                    form.addRow(*self._field(key, language))
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(page)
            self.tabs.addTab(scroll, language)
        common = QFormLayout()
        for key in NEUTRAL_KEYS:
            common.addRow(*self._field(key, ""))
        self.images_box = QGroupBox()
        self.images = QListWidget()
        self.images.setMaximumHeight(110)
        self.add_logo_button = QPushButton()
        self.signature_button = QPushButton()
        self.remove_image_button = QPushButton()
        self.remove_image_button.setEnabled(False)
        self.images.currentRowChanged.connect(
            lambda row: self.remove_image_button.setEnabled(row >= 0 and self.isEnabled())
        )
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.add_logo_button)
        buttons_row.addWidget(self.signature_button)
        buttons_row.addWidget(self.remove_image_button)
        buttons_row.addStretch(1)
        images_layout = QVBoxLayout(self.images_box)
        images_layout.addWidget(self.images)
        images_layout.addLayout(buttons_row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        # The window's Edit menu is out of reach while the dialog is open: its own Undo
        # takes back the last change made here.
        self.undo_button = QPushButton()
        self.undo_button.setEnabled(False)
        self.buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ResetRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(common)
        layout.addWidget(self.images_box)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def _field(self, key: TextKey, language: str) -> tuple[QLabel, QWidget]:
        editor: CaptionBox | LineEditor
        if key in MULTILINE_KEYS:
            editor = CaptionBox(12 if key is TextKey.FOREWORD else 3)
        else:
            editor = LineEditor()
        label = QLabel()
        label.setBuddy(editor)
        field = TextField(key, language, editor, label)
        self.fields.append(field)
        if isinstance(editor, LineEditor):
            editor.editingFinished.connect(lambda f=field: self._on_field_left(f))
        else:
            editor.installEventFilter(self)
        return label, editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            field = next((f for f in self.fields if f.editor is watched), None)
            if field is not None:
                self._on_field_left(field)
        return False

    def _on_field_left(self, field: TextField) -> None:
        if field.editor.document().isModified():
            field.editor.document().setModified(False)
            self.text_entered.emit(field.key.value, field.language, field.text())

    def field(self, key: TextKey, language: str) -> TextField:
        """The field of one text (the ISBN's language is "")."""
        wanted = "" if key in NEUTRAL_KEYS else language
        return next(f for f in self.fields if f.key is key and f.language == wanted)

    # -- what the controller tells ------------------------------------------------------------

    def show_texts(self, texts: CatalogueTexts) -> None:
        """Show the stored texts and images (fields being typed in keep their text)."""
        for field in self.fields:
            value = texts.get(field.key, field.language or "und")
            editor = field.editor
            if editor.document().isModified() or editor.toPlainText() == value:
                continue
            if isinstance(editor, LineEditor):
                editor.setText(value)
            else:
                editor.setPlainText(value)
            editor.document().setModified(False)
        self.images.clear()
        for asset in texts.assets():
            role = _("Logo") if asset.role == AssetRole.LOGO.value else _("Signature")
            item = QListWidgetItem(f"{role}: {asset.name}")
            item.setData(Qt.ItemDataRole.UserRole, asset.id)
            self.images.addItem(item)
        self.remove_image_button.setEnabled(False)

    def selected_image(self) -> int | None:
        """The id of the image chosen in the list."""
        item = self.images.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def show_status(self, text: str, *, error: bool = False) -> None:
        """A line under the fields: what was refused, or nothing."""
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "")

    def set_editable(self, editable: bool, texts_in: Collection[str] = (), why: str = "") -> None:
        """Whether the texts and images can be changed (not in a read-only project).

        An editor's login (``editable`` False) still writes the texts of ``texts_in``, its
        languages; the other fields' labels say ``why`` in their tooltip.
        """
        for field in self.fields:
            writable = editable or (bool(field.language) and field.language in texts_in)
            field.editor.setReadOnly(not writable)
            field.label.setToolTip("" if writable else why)  # the editor's is the speller's
        for button in (self.add_logo_button, self.signature_button):
            button.setEnabled(editable)
        self.remove_image_button.setEnabled(editable and self.images.currentRow() >= 0)

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.setWindowTitle(_("Catalogue Texts"))
        self.intro.setText(
            _(
                "The catalogue's own texts in each language: its cover, forewords and "
                "colophon print them. A language without a title gets none (never another "
                "language's); preflight says so. Organisers go one per line."
            )
        )
        ui_language = current_language()
        shown_in = "en" if ui_language == PSEUDO_LANGUAGE else ui_language
        for index, language in enumerate(self.languages):
            name = display_name(language, shown_in)
            self.tabs.setTabText(index, f"{name[:1].upper()}{name[1:]}")
        for field in self.fields:
            field.label.setText(_(KEY_LABELS[field.key]))
        self.images_box.setTitle(_("Logos and signature (SVG, PDF or PNG, kept in the project)"))
        self.add_logo_button.setText(_("Add Logo…"))
        self.signature_button.setText(_("Choose Signature…"))
        self.remove_image_button.setText(_("Remove"))
        self.undo_button.setText(_("Undo"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(_("Close"))
