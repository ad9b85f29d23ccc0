"""The dialog that creates a project: title, languages in page order, source language, file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from curator.core.errors import CuratorError
from curator.core.languages import display_name, parse_language_list
from curator.i18n import _, current_language
from curator.ui.dialogs import PROJECT_SUFFIX, Dialogs


@dataclass(frozen=True, slots=True)
class NewProjectRequest:
    """What the person asked for."""

    path: Path
    title: str
    languages: list[str]
    source_language: str


class NewProjectDialog(QDialog):
    """Asks for a new project's title, languages and file; validates before accepting."""

    def __init__(self, dialogs: Dialogs, default_folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self._dialogs = dialogs
        self._default_folder = default_folder
        self.request: NewProjectRequest | None = None

        self.title_edit = QLineEdit()
        self.languages_edit = QLineEdit("vi, ru, en")
        self.source_combo = QComboBox()
        self.languages_hint = QLabel()
        self.languages_hint.setWordWrap(True)
        self.file_edit = QLineEdit()
        self.browse_button = QPushButton()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )

        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        self.form = QFormLayout()
        self.form.addRow("", self.title_edit)
        self.form.addRow("", self.languages_edit)
        self.form.addRow("", self.languages_hint)
        self.form.addRow("", self.source_combo)
        self.form.addRow("", file_row)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.languages_edit.textChanged.connect(self._on_languages_edit_text_changed)
        self.title_edit.textChanged.connect(self._on_title_edit_text_changed)
        self.browse_button.clicked.connect(self._on_browse_button_clicked)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.retranslate_ui()
        self._on_languages_edit_text_changed(self.languages_edit.text())
        self.resize(520, self.sizeHint().height())

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.setWindowTitle(_("New project"))
        labels = [_("Title:"), _("Languages:"), "", _("Source language:"), _("File:")]
        for row, text in enumerate(labels):
            label = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if label is not None and label.widget() is not None:
                label.widget().setText(text)  # type: ignore[attr-defined]
        self.title_edit.setPlaceholderText(_("e.g. Vietnam – Russia: a partnership in pictures"))
        self.languages_hint.setText(
            _("Comma-separated language codes in page order, e.g. vi, ru, en or pt-BR.")
        )
        self.browse_button.setText(_("Browse…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Create"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    def _on_title_edit_text_changed(self, text: str) -> None:
        if self.file_edit.isModified():
            return
        stem = "".join(c if c.isalnum() or c in "-_ " else " " for c in text).strip()
        stem = "-".join(stem.split()) or _("exhibition")
        self.file_edit.setText(str(self._default_folder / f"{stem}{PROJECT_SUFFIX}"))

    def _on_languages_edit_text_changed(self, text: str) -> None:
        previous = self.source_combo.currentData()
        self.source_combo.clear()
        try:
            tags = parse_language_list(text)
        except CuratorError as error:
            self.error_label.setText(error.message)
            return
        self.error_label.clear()
        for tag in tags:
            self.source_combo.addItem(f"{tag} — {display_name(tag, current_language())}", tag)
        index = self.source_combo.findData(previous)
        self.source_combo.setCurrentIndex(max(index, 0))

    def _on_browse_button_clicked(self) -> None:
        path = self._dialogs.choose_project(self, save=True)
        if path is not None:
            self.file_edit.setText(str(path))
            self.file_edit.setModified(True)

    def _on_buttons_accepted(self) -> None:
        try:
            languages = parse_language_list(self.languages_edit.text())
        except CuratorError as error:
            self.error_label.setText(error.message)
            return
        raw_path = self.file_edit.text().strip()
        if not raw_path:
            self.error_label.setText(_("Choose where to save the project."))
            return
        path = Path(raw_path).expanduser()
        if path.suffix != PROJECT_SUFFIX:
            path = path.with_name(path.name + PROJECT_SUFFIX)
        if path.exists():
            self.error_label.setText(
                _("%(path)s already exists; choose another name.") % {"path": path}
            )
            return
        self.request = NewProjectRequest(
            path=path,
            title=self.title_edit.text().strip() or path.stem,
            languages=languages,
            source_language=str(self.source_combo.currentData() or languages[0]),
        )
        self.accept()
