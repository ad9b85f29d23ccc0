"""The new-project wizard: title and file, then languages in page order and the source language.

Each page says inline what is missing or wrong (an empty title, a file that exists, a
folder that does not, no language) and keeps Next/Create disabled until it is right, so a
project is only created from values that work.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from curator.core.language.languages import heading_name
from curator.core.language.text import clean_line
from curator.i18n import _, current_language
from curator.ui.views.dialogs import PROJECT_SUFFIX, Dialogs
from curator.ui.views.language_list_editor import LanguageListEditor

ERROR_STYLE = "color: #b00020;"


@dataclass(frozen=True, slots=True)
class NewProjectRequest:
    """What the person asked for."""

    path: Path
    title: str
    languages: list[str]
    source_language: str


def project_path(text: str) -> Path | None:
    """The project file a typed path means (``.curator`` added), or None when empty."""
    raw = text.strip()
    if not raw:
        return None
    path = Path(raw).expanduser()
    if path.suffix != PROJECT_SUFFIX:
        path = path.with_name(path.name + PROJECT_SUFFIX)
    return path.absolute()


def path_problem(path: Path | None) -> str | None:
    """Why a project cannot be created at ``path``, or None."""
    if path is None:
        return _("Choose where to save the project.")
    if path.exists():
        return _("%(path)s already exists; choose another name.") % {"path": path}
    if not path.parent.is_dir():
        return _("The folder %(folder)s does not exist.") % {"folder": path.parent}
    if not os.access(path.parent, os.W_OK):
        return _("You cannot save in %(folder)s; choose another folder.") % {"folder": path.parent}
    return None


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    return label


class DetailsPage(QWizardPage):
    """The exhibition's title and where its project file goes."""

    def __init__(self, dialogs: Dialogs, default_folder: Path) -> None:
        super().__init__()
        self._dialogs = dialogs
        self._default_folder = default_folder
        self.title_label = QLabel()
        self.title_edit = QLineEdit()
        self.title_label.setBuddy(self.title_edit)
        self.file_label = QLabel()
        self.file_edit = QLineEdit()
        self.file_label.setBuddy(self.file_edit)
        self.browse_button = QPushButton()
        self.error_label = _error_label()
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.title_label, self.title_edit)
        form.addRow(self.file_label, file_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        self.title_edit.textChanged.connect(self._on_title_edit_text_changed)
        self.file_edit.textChanged.connect(lambda _text: self._validate())
        self.browse_button.clicked.connect(self._on_browse_button_clicked)
        self.retranslate_ui()
        self._on_title_edit_text_changed("")

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.setTitle(_("The exhibition"))
        self.setSubTitle(_("Its title, and where the project file is saved."))
        self.title_label.setText(_("&Title:"))
        self.title_edit.setPlaceholderText(_("e.g. Vietnam – Russia: a partnership in pictures"))
        self.file_label.setText(_("&File:"))
        self.browse_button.setText(_("&Browse…"))
        self._validate()

    def title(self) -> str:
        """The title as it will be stored."""
        return clean_line(self.title_edit.text())

    def path(self) -> Path | None:
        """The project file to create."""
        return project_path(self.file_edit.text())

    def problem(self) -> str | None:
        """What stops this page, or None."""
        if not self.title():
            return _("Give the exhibition a title.")
        return path_problem(self.path())

    def isComplete(self) -> bool:
        return self.problem() is None

    def _validate(self) -> None:
        self.error_label.setText(self.problem() or "")
        self.completeChanged.emit()

    def _on_title_edit_text_changed(self, text: str) -> None:
        if not self.file_edit.isModified():
            stem = "".join(c if c.isalnum() or c in "-_ " else " " for c in text).strip()
            stem = "-".join(stem.split()) or _("exhibition")
            self.file_edit.setText(str(self._default_folder / f"{stem}{PROJECT_SUFFIX}"))
        self._validate()

    def _on_browse_button_clicked(self) -> None:
        path = self._dialogs.choose_project(self, save=True)
        if path is not None:
            self.file_edit.setText(str(path))
            self.file_edit.setModified(True)
            self._validate()


class LanguagesPage(QWizardPage):
    """The content languages in page order, and the one translators translate from."""

    def __init__(self, languages: list[str]) -> None:
        super().__init__()
        self.editor = LanguageListEditor()
        self.source_label = QLabel()
        self.source_combo = QComboBox()
        self.source_label.setBuddy(self.source_combo)
        self.source_hint = QLabel()
        self.source_hint.setWordWrap(True)
        self.error_label = _error_label()
        form = QFormLayout()
        form.addRow(self.source_label, self.source_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor, 1)
        layout.addLayout(form)
        layout.addWidget(self.source_hint)
        layout.addWidget(self.error_label)
        self.editor.languages_changed.connect(self._on_editor_languages_changed)
        self.editor.set_languages(languages)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.setTitle(_("Languages"))
        self.setSubTitle(
            _("The languages of the captions, in the order they appear on every page.")
        )
        self.source_label.setText(_("&Source language:"))
        self.source_hint.setText(_("Translators translate from the source language."))
        self.editor.retranslate_ui()
        self._on_editor_languages_changed(self.editor.languages())

    def languages(self) -> list[str]:
        """The chosen languages in page order."""
        return self.editor.languages()

    def source_language(self) -> str | None:
        """The chosen source language."""
        data = self.source_combo.currentData()
        return str(data) if data else None

    def isComplete(self) -> bool:
        return bool(self.languages())

    def _on_editor_languages_changed(self, tags: list[str]) -> None:
        previous = self.source_combo.currentData()
        self.source_combo.clear()
        for tag in tags:
            self.source_combo.addItem(f"{heading_name(tag, current_language())} — {tag}", tag)
        index = self.source_combo.findData(previous)
        self.source_combo.setCurrentIndex(max(index, 0) if tags else -1)
        self.error_label.setText("" if tags else _("Add at least one language."))
        self.completeChanged.emit()


class NewProjectDialog(QWizard):
    """Asks for a new project's title, file, languages and source language."""

    def __init__(
        self,
        dialogs: Dialogs,
        default_folder: Path,
        parent: QWidget | None = None,
        languages: list[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.request: NewProjectRequest | None = None
        self.details = DetailsPage(dialogs, default_folder)
        self.languages_page = LanguagesPage(
            list(languages) if languages is not None else ["vi", "ru", "en"]
        )
        self.addPage(self.details)
        self.addPage(self.languages_page)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.retranslate_ui()
        self.resize(720, 520)

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language (Qt has no Vietnamese)."""
        self.setWindowTitle(_("New project"))
        buttons = {
            QWizard.WizardButton.BackButton: _("< &Back"),
            QWizard.WizardButton.NextButton: _("&Next >"),
            QWizard.WizardButton.FinishButton: _("&Create"),
            QWizard.WizardButton.CancelButton: _("Cancel"),
            QWizard.WizardButton.CommitButton: _("&Create"),
            QWizard.WizardButton.HelpButton: _("Help"),
        }
        for which, text in buttons.items():
            self.setButtonText(which, text)
        self.details.retranslate_ui()
        self.languages_page.retranslate_ui()

    def accept(self) -> None:
        path = self.details.path()
        problem = self.details.problem()
        languages = self.languages_page.languages()
        if problem is not None or path is None or not languages:
            self.details.error_label.setText(problem or "")
            if problem is not None:
                self.restart()  # back to the page that needs a change
            return
        self.request = NewProjectRequest(
            path=path,
            title=self.details.title(),
            languages=languages,
            source_language=self.languages_page.source_language() or languages[0],
        )
        super().accept()
