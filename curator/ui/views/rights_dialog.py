"""The Agency Rights dialog: one rights template per agency, and the selected photos' origin.

A view only. The list on the left holds the agencies that have a template; the form shows the
chosen one's copyright notice, usage terms (one line per project language), credit line,
source, licensor and data mining value. *Save* sends the form through :attr:`save_requested`;
:class:`~curator.ui.controllers.rights_controller.RightsController` checks and writes it as
one undoable edit. The lower box sets the digital source type and the template of the photos
selected in the library.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from curator.core.language.languages import display_name
from curator.core.rights import DATA_MINING, SOURCE_TYPES, RightsTemplate
from curator.i18n import _, current_language
from curator.ui.views.setting_editors import ERROR_STYLE

#: The text fields of the form, by template attribute.
_FIELDS = ("copyright", "credit_line", "source", "licensor_name", "licensor_url")


class RightsDialog(QDialog):
    """Agencies' rights templates, and the selected photos' source type and template."""

    #: Save the form (read it with :meth:`form_values`).
    save_requested = Signal()
    remove_requested = Signal(str)
    #: Set the selected photos' digital source type (a code, '' : not stated).
    source_type_requested = Signal(str)
    #: Give the selected photos an agency's template ('' : by their credits).
    assign_requested = Signal(str)

    def __init__(self, languages: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._languages = list(languages)
        self.agencies = QListWidget()
        self.agencies.currentItemChanged.connect(self._on_current_changed)
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self._on_new)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self._on_remove)
        self.agency = QLineEdit()
        self.fields = {name: QLineEdit() for name in _FIELDS}
        self.usage_terms = {tag: QLineEdit() for tag in self._languages}
        self.data_mining = QComboBox()
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save_requested.emit)
        self.undo_button = QPushButton()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.photos_box = QGroupBox()
        self.source_type = QComboBox()
        self.set_source_type_button = QPushButton()
        self.set_source_type_button.clicked.connect(
            lambda: self.source_type_requested.emit(str(self.source_type.currentData() or ""))
        )
        self.template_choice = QComboBox()
        self.assign_button = QPushButton()
        self.assign_button.clicked.connect(
            lambda: self.assign_requested.emit(str(self.template_choice.currentData() or ""))
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self._labels: dict[str, QLabel] = {}
        self._templates: dict[str, RightsTemplate] = {}
        self._build()
        self.retranslate_ui()

    def _build(self) -> None:
        left = QVBoxLayout()
        left.addWidget(self.agencies)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.remove_button)
        left.addLayout(row)
        form = QFormLayout()
        for name, editor in (("agency", self.agency), *self.fields.items()):
            label = QLabel()
            label.setBuddy(editor)
            self._labels[name] = label
            form.addRow(label, editor)
        for tag, editor in self.usage_terms.items():
            label = QLabel()
            label.setBuddy(editor)
            self._labels[f"usage:{tag}"] = label
            form.addRow(label, editor)
        label = QLabel()
        label.setBuddy(self.data_mining)
        self._labels["data_mining"] = label
        form.addRow(label, self.data_mining)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.undo_button)
        save_row.addWidget(self.save_button)
        form.addRow(save_row)
        top = QHBoxLayout()
        top.addLayout(left, 1)
        top.addLayout(form, 2)
        photos = QFormLayout(self.photos_box)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.source_type, 1)
        kind_row.addWidget(self.set_source_type_button)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template_choice, 1)
        template_row.addWidget(self.assign_button)
        self._labels["photo_kind"] = QLabel()
        self._labels["photo_template"] = QLabel()
        photos.addRow(self._labels["photo_kind"], kind_row)
        photos.addRow(self._labels["photo_template"], template_row)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.photos_box)
        layout.addWidget(self.buttons)

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.setWindowTitle(_("Agency Rights"))
        self.agencies.setAccessibleName(_("Agencies"))
        self.new_button.setText(_("&New Agency"))
        self.remove_button.setText(_("&Remove"))
        self.save_button.setText(_("&Save Template"))
        self.undo_button.setText(_("&Undo"))
        self.set_source_type_button.setText(_("Set"))
        self.assign_button.setText(_("Set"))
        texts = {
            "agency": _("Agency (as credits name it):"),
            "copyright": _("Copyright notice:"),
            "credit_line": _("Credit line:"),
            "source": _("Source:"),
            "licensor_name": _("Licensor:"),
            "licensor_url": _("Licensor's web address:"),
            "data_mining": _("Data mining (AI training):"),
            "photo_kind": _("Digital source type:"),
            "photo_template": _("Rights template:"),
        }
        for tag in self._languages:
            texts[f"usage:{tag}"] = _("Usage terms (%(language)s):") % {
                "language": display_name(tag, current_language())
            }
        for name, label in self._labels.items():
            label.setText(texts[name])
        current = self.data_mining.currentData()
        self.data_mining.clear()
        self.data_mining.addItem(_("(not stated)"), "")
        for code, label_text in DATA_MINING.items():
            self.data_mining.addItem(_(label_text), code)
        self.data_mining.setCurrentIndex(max(0, self.data_mining.findData(current or "")))
        kind = self.source_type.currentData()
        self.source_type.clear()
        self.source_type.addItem(_("(not stated)"), "")
        for code, label_text in SOURCE_TYPES.items():
            self.source_type.addItem(_(label_text), code)
        self.source_type.setCurrentIndex(max(0, self.source_type.findData(kind or "")))

    def show_templates(
        self, templates: Mapping[str, RightsTemplate], current: str | None = None
    ) -> None:
        """List the agencies (``current`` chosen, else the first) and fill the form."""
        chosen = current if current is not None else self.current_agency()
        self.agencies.blockSignals(True)
        self.agencies.clear()
        for template in templates.values():
            item = QListWidgetItem(template.agency)
            self.agencies.addItem(item)
            if chosen and template.agency.casefold() == chosen.casefold():
                self.agencies.setCurrentItem(item)
        self.agencies.blockSignals(False)
        if self.agencies.currentItem() is None and self.agencies.count() and chosen is None:
            self.agencies.setCurrentRow(0)
        self._templates = dict(templates)
        self._show_form(self._find(self.current_agency()))
        agency = self.template_choice.currentData()
        self.template_choice.clear()
        self.template_choice.addItem(_("By the photo's credit"), "")
        for template in templates.values():
            self.template_choice.addItem(template.agency, template.agency)
        self.template_choice.setCurrentIndex(max(0, self.template_choice.findData(agency or "")))

    def show_selection(self, count: int) -> None:
        """Say how many library photos the lower box acts on (none: it is off)."""
        self.photos_box.setTitle(
            _("The %(count)d photos selected in the library") % {"count": count}
            if count != 1
            else _("The photo selected in the library")
        )
        self.photos_box.setEnabled(count > 0)

    def form_values(self) -> dict[str, object]:
        """The form as ``checked_template``'s arguments (agency included)."""
        values: dict[str, object] = {name: editor.text() for name, editor in self.fields.items()}
        values["agency"] = self.agency.text()
        values["usage_terms"] = {tag: editor.text() for tag, editor in self.usage_terms.items()}
        values["data_mining"] = str(self.data_mining.currentData() or "")
        return values

    def current_agency(self) -> str:
        """The agency chosen in the list ('' : none, or a new one being typed)."""
        item = self.agencies.currentItem()
        return item.text() if item is not None else ""

    def show_status(self, text: str, *, error: bool = False) -> None:
        """A line under the form: what was saved, or why not."""
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "")

    def set_editable(self, editable: bool) -> None:
        """Grey out every edit (a read-only project)."""
        for widget in (
            self.new_button, self.remove_button, self.save_button, self.photos_box,
            self.agency, self.data_mining, *self.fields.values(), *self.usage_terms.values(),
        ):  # fmt: skip
            widget.setEnabled(editable)

    def _find(self, agency: str) -> RightsTemplate | None:
        return next((t for t in self._templates.values() if t.agency == agency), None)

    def _show_form(self, template: RightsTemplate | None) -> None:
        self.agency.setText(template.agency if template else "")
        for name, editor in self.fields.items():
            editor.setText(str(getattr(template, name)) if template else "")
        for tag, editor in self.usage_terms.items():
            editor.setText(template.usage_terms.get(tag, "") if template else "")
        mining = template.data_mining if template else ""
        self.data_mining.setCurrentIndex(max(0, self.data_mining.findData(mining)))
        self.remove_button.setEnabled(template is not None)

    def _on_current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        name = current.text() if current is not None else ""
        self._show_form(self._find(name))

    def _on_new(self) -> None:
        self.agencies.setCurrentRow(-1)
        self._show_form(None)
        self.agency.setFocus()

    def _on_remove(self) -> None:
        agency = self.current_agency()
        if agency:
            self.remove_requested.emit(agency)
