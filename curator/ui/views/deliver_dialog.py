"""The Deliver dialog: where the captioned copies go and what they carry.

It shows the project's stored delivery options (the command line uses the same ones), checks
the choice with the domain's rules before accepting (an unknown naming field, a main
language that is not delivered) and shows the file name the first photo would get.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from curator.core.delivery_planning.iim import IIM_POLICY_LABELS, IimPolicy
from curator.core.delivery_planning.naming import NameFields, expand_pattern, safe_stem
from curator.core.delivery_planning.settings import DeliveryOptions, resolve_options
from curator.core.errors import CuratorError
from curator.core.language.languages import heading_name
from curator.core.services import ProjectService
from curator.core.settings.provenance_specs import provenance_settings
from curator.core.storage.protected_files import protected_files
from curator.i18n import _, current_language, ngettext
from curator.ui.views.dialogs import Dialogs, file_dialog

_MAX_LONG_EDGE = 100_000


@dataclass(frozen=True, slots=True)
class DeliverRequest:
    """What the person asked for."""

    folder: Path
    options: DeliveryOptions
    replace: bool = False
    sidecar: bool = False


class DeliverDialog(QDialog):
    """Asks for the target folder and the delivery's options; validates before accepting."""

    def __init__(
        self,
        service: ProjectService,
        dialogs: Dialogs,
        folder: Path,
        options: DeliveryOptions,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._dialogs = dialogs
        self.request: DeliverRequest | None = None
        self.folder_edit = QLineEdit(str(folder))
        self.browse_button = QPushButton()
        self.languages_list = QListWidget()
        self.main_combo = QComboBox()
        self.naming_edit = QLineEdit(options.naming)
        self.naming_preview = QLabel()
        self.ascii_check = QCheckBox()
        self.replace_check = QCheckBox()
        self.sidecar_check = QCheckBox()
        self.credentials_label = QLabel()
        self.credentials_label.setWordWrap(True)
        self._signed = service.queries.signed_photo_count()
        self._can_sign = provenance_settings(service).can_sign
        self.ascii_check.setChecked(options.ascii_names)
        self.iim_combo = QComboBox()
        self.long_edge_spin = QSpinBox()
        self.long_edge_spin.setRange(0, _MAX_LONG_EDGE)
        self.long_edge_spin.setValue(options.long_edge or 0)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self._fill_languages(options)
        for policy in IimPolicy:
            self.iim_combo.addItem("", policy.value)
        self.iim_combo.setCurrentIndex(self.iim_combo.findData(options.iim.value))
        self._main_language = options.main_language
        self._layout()
        self.browse_button.clicked.connect(self._on_browse_button_clicked)
        self.languages_list.itemChanged.connect(self._on_languages_list_item_changed)
        self.main_combo.currentIndexChanged.connect(self._on_main_combo_current_index_changed)
        self.naming_edit.textChanged.connect(self._update_preview)
        self.ascii_check.toggled.connect(self._update_preview)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.retranslate_ui()
        self._fill_main_languages()
        self.resize(560, self.sizeHint().height())

    def _layout(self) -> None:
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse_button)
        rows = max(self.languages_list.count(), 1)
        frame = 2 * self.languages_list.frameWidth()
        self.languages_list.setMaximumHeight(
            min(110, rows * self.languages_list.sizeHintForRow(0) + frame + 4)
        )
        self.form = QFormLayout()
        self.row_labels: list[QLabel] = []
        for field in (
            folder_row,
            self.replace_check,
            self.languages_list,
            self.main_combo,
            self.naming_edit,
            self.naming_preview,
            self.ascii_check,
            self.iim_combo,
            self.long_edge_spin,
            self.sidecar_check,
        ):
            label = QLabel()
            self.row_labels.append(label)
            self.form.addRow(label, field)
        # Only a project with signed photos has a choice to make about them.
        self.sidecar_check.setVisible(self._signed > 0 and not self._can_sign)
        self.credentials_label.setVisible(self._signed > 0)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.credentials_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def _fill_languages(self, options: DeliveryOptions) -> None:
        for tag in self._service.queries.languages():
            item = QListWidgetItem(f"{tag} — {heading_name(tag, current_language())}")
            item.setData(Qt.ItemDataRole.UserRole, tag)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = tag in options.languages
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.languages_list.addItem(item)

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.setWindowTitle(_("Deliver captioned photos"))
        labels = [
            _("Folder:"),
            "",
            _("Languages:"),
            _("Main language:"),
            _("File names:"),
            "",
            "",
            _("IPTC IIM:"),
            _("Long edge:"),
            "",
        ]
        for label, text in zip(self.row_labels, labels, strict=True):
            label.setText(text)
        self.browse_button.setText(_("Browse…"))
        self.replace_check.setText(_("Replace copies delivered there before"))
        self.replace_check.setToolTip(
            _(
                "Off: a name already in the folder is kept and the new copy is named "
                "NAME-2, NAME-3… On: earlier copies are replaced. An original or a file "
                "of the project is never replaced."
            )
        )
        self.ascii_check.setText(_("Plain ASCII file names (Tuấn Anh → Tuan-Anh)"))
        self.sidecar_check.setText(
            _("Deliver photos with Content Credentials untouched, with an XMP sidecar")
        )
        if self._can_sign:
            credentials = ngettext(
                "%(count)d photo carries Content Credentials (C2PA): its copy is signed again "
                "with your certificate, recording Curator's edit.",
                "%(count)d photos carry Content Credentials (C2PA): their copies are signed "
                "again with your certificate, recording Curator's edit.",
                self._signed,
            )
        else:
            credentials = ngettext(
                "%(count)d photo carries Content Credentials (C2PA). Without a signing "
                "certificate (Project Settings, Delivery) its copy's credential will no longer "
                "validate, unless it is delivered untouched with a sidecar.",
                "%(count)d photos carry Content Credentials (C2PA). Without a signing "
                "certificate (Project Settings, Delivery) their copies' credentials will no "
                "longer validate, unless they are delivered untouched with a sidecar.",
                self._signed,
            )
        self.credentials_label.setText(credentials % {"count": self._signed})
        self.naming_edit.setToolTip(
            _("Fields: %(fields)s; e.g. {section:02}-{order:03}-{photographer}")
            % {"fields": ", ".join("{" + name + "}" for name in NameFields.names())}
        )
        self.main_combo.setToolTip(
            _("The language of x-default and of IIM: what a program that shows one language shows")
        )
        for index in range(self.iim_combo.count()):
            policy = IimPolicy(self.iim_combo.itemData(index))
            self.iim_combo.setItemText(index, _(IIM_POLICY_LABELS[policy]))
        self.long_edge_spin.setSpecialValueText(_("Keep the original size"))
        self.long_edge_spin.setSuffix(_(" px"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Deliver"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self._update_preview()

    def checked_languages(self) -> list[str]:
        """The ticked languages, in project order."""
        items = (self.languages_list.item(row) for row in range(self.languages_list.count()))
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _fill_main_languages(self) -> None:
        self.main_combo.blockSignals(True)
        self.main_combo.clear()
        for tag in self.checked_languages():
            self.main_combo.addItem(f"{tag} — {heading_name(tag, current_language())}", tag)
        index = self.main_combo.findData(self._main_language)
        self.main_combo.setCurrentIndex(max(index, 0))
        self.main_combo.blockSignals(False)

    def _on_languages_list_item_changed(self, _item: QListWidgetItem) -> None:
        self._fill_main_languages()

    def _on_main_combo_current_index_changed(self, _index: int) -> None:
        data = self.main_combo.currentData()
        if data:
            self._main_language = str(data)

    def _update_preview(self) -> None:
        sample = NameFields(1, 3, 3, "Tuấn Anh", "p1", "IMG_0001", None)
        try:
            stem = expand_pattern(
                self.naming_edit.text(), sample, fold=self.ascii_check.isChecked()
            )
        except CuratorError as error:
            self.naming_preview.setText(error.message)
            return
        self.naming_preview.setText(_("For example: %(name)s") % {"name": safe_stem(stem) + ".jpg"})

    def _on_browse_button_clicked(self) -> None:
        dialog = file_dialog(self, _("Deliver into which folder?"), _("Choose"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        if self._dialogs.run(dialog) and dialog.selectedFiles():
            self.folder_edit.setText(dialog.selectedFiles()[0])

    def _on_buttons_accepted(self) -> None:
        raw = self.folder_edit.text().strip()
        if not raw:
            self.error_label.setText(_("Choose the folder to deliver into."))
            return
        languages = self.checked_languages()
        if not languages:
            self.error_label.setText(_("Tick at least one language."))
            return
        folder = Path(raw).expanduser().absolute()
        try:
            protected_files(self._service).check(folder)
            options = resolve_options(
                self._service,
                languages=languages,
                main_language=str(self.main_combo.currentData() or languages[0]),
                iim=str(self.iim_combo.currentData()),
                naming=self.naming_edit.text(),
                long_edge=self.long_edge_spin.value(),
                ascii_names=self.ascii_check.isChecked(),
            )
        except CuratorError as error:
            self.error_label.setText(error.message)
            return
        self.request = DeliverRequest(
            folder,
            options,
            self.replace_check.isChecked(),
            not self.sidecar_check.isHidden() and self.sidecar_check.isChecked(),
        )
        self.accept()
