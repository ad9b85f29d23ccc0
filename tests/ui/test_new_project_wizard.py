"""The new-project wizard, driven as a person would: type, search, order, create."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QWizard

from curator.ui.settings import Preferences
from curator.ui.views.new_project_dialog import NewProjectDialog

pytestmark = pytest.mark.gui


def type_text(widget, text: str) -> None:
    """One key event per character (qtbot.keyClicks aborts on non-ASCII)."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def press(widget, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, modifiers))


def _button(wizard: QWizard, which: QWizard.WizardButton):
    return wizard.button(which)


def test_a_project_is_created_through_the_wizard(curator_window, dialogs, tmp_path, qtbot):
    curator_window.preferences.project_folder = tmp_path
    seen: dict[str, object] = {}

    def fill(wizard: NewProjectDialog) -> None:
        wizard.show()
        details = wizard.details
        next_button = _button(wizard, QWizard.WizardButton.NextButton)
        # nothing typed yet: Next is off and the page says why
        assert not next_button.isEnabled()
        assert details.error_label.text() == "Give the exhibition a title."
        type_text(details.title_edit, "Triển lãm ảnh Việt – Nga")
        assert details.file_edit.text() == str(tmp_path / "Triển-lãm-ảnh-Việt-Nga.curator")
        assert next_button.isEnabled() and details.error_label.text() == ""
        next_button.click()
        page = wizard.languages_page
        editor = page.editor
        assert editor.languages() == ["vi", "ru", "en"]
        # search by name in the interface language, add with Enter
        type_text(editor.search_edit, "portuguese braz")
        assert editor.matches.currentItem().text() == "Portuguese (Brazil) — pt-BR"
        press(editor.search_edit, Qt.Key.Key_Return)
        assert editor.languages() == ["vi", "ru", "en", "pt-BR"]
        assert wizard.isVisible() and wizard.request is None  # Enter added, did not create
        # English first on every page: select it and move it up twice
        editor.chosen.setCurrentRow(2)
        editor.up_button.click()
        press(editor.chosen, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
        assert editor.languages() == ["en", "vi", "ru", "pt-BR"]
        # Russian goes: the source language follows what is left
        page.source_combo.setCurrentIndex(page.source_combo.findData("ru"))
        editor.chosen.setCurrentRow(2)
        editor.remove_button.click()
        assert [page.source_combo.itemData(i) for i in range(page.source_combo.count())] == [
            "en",
            "vi",
            "pt-BR",
        ]
        page.source_combo.setCurrentIndex(page.source_combo.findData("vi"))
        seen["labels"] = [page.source_label.text(), details.title_label.text()]
        _button(wizard, QWizard.WizardButton.FinishButton).click()

    dialogs.dialog_hook = fill
    curator_window.controller.new_project()
    service = curator_window.controller.service
    target = tmp_path / "Triển-lãm-ảnh-Việt-Nga.curator"
    assert service is not None and service.path == target
    project = service.project.get()
    assert project.title == "Triển lãm ảnh Việt – Nga"
    assert project.languages == ("en", "vi", "pt-BR")
    assert project.source_language == "vi"
    assert curator_window.window.windowTitle().startswith("Triển lãm ảnh Việt – Nga")
    assert target in curator_window.preferences.recent_projects()
    # the next new project starts from these languages, in this folder
    assert curator_window.preferences.new_project_languages == ["en", "vi", "pt-BR"]
    assert curator_window.preferences.project_folder == tmp_path
    assert seen["labels"] == ["&Source language:", "&Title:"]


def test_the_wizard_says_inline_what_is_wrong(qtbot, dialogs, tmp_path: Path):
    (tmp_path / "taken.curator").write_bytes(b"")
    wizard = NewProjectDialog(dialogs, tmp_path, languages=["vi"])
    qtbot.addWidget(wizard)
    wizard.show()
    details = wizard.details
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    type_text(details.title_edit, "Taken")
    details.file_edit.setText(str(tmp_path / "taken"))
    assert (
        details.error_label.text()
        == f"{tmp_path / 'taken.curator'} already exists; choose another name."
    )
    assert not next_button.isEnabled()
    details.file_edit.setText(str(tmp_path / "no such folder" / "x.curator"))
    assert "does not exist" in details.error_label.text()
    details.file_edit.setText("")
    assert details.error_label.text() == "Choose where to save the project."
    details.file_edit.setText(str(tmp_path / "fine"))
    assert next_button.isEnabled()
    next_button.click()
    page = wizard.languages_page
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isEnabled()
    page.editor.chosen.setCurrentRow(0)
    page.editor.remove_button.click()
    assert page.error_label.text() == "Add at least one language."
    assert not finish.isEnabled()
    assert wizard.request is None


def test_every_field_has_a_label(qtbot, dialogs, tmp_path: Path):
    wizard = NewProjectDialog(dialogs, tmp_path)
    qtbot.addWidget(wizard)
    for page in (wizard.details, wizard.languages_page):
        for form in page.findChildren(QFormLayout):
            for row in range(form.rowCount()):
                label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                assert label is not None and isinstance(label.widget(), QLabel)
                assert label.widget().text().strip()
                assert label.widget().buddy() is not None


def test_the_wizard_speaks_the_interface_language(curator_window, dialogs, tmp_path):
    curator_window.set_interface_language("vi")
    wizard = NewProjectDialog(dialogs, tmp_path)
    wizard.show()
    try:
        assert wizard.button(QWizard.WizardButton.CancelButton).text() != "Cancel"
        names = [wizard.languages_page.editor.chosen.item(i).text() for i in range(3)]
        assert names[0] == "Tiếng Việt — vi"
        type_text(wizard.languages_page.editor.search_edit, "tieng nga")
        assert wizard.languages_page.editor.matches.item(0).text() == "Tiếng Nga — ru"
    finally:
        wizard.close()


def test_preferences_keep_their_types_and_fall_back_to_defaults(tmp_path: Path):
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)
    preferences = Preferences(settings)
    assert preferences.new_project_languages == ["vi", "ru", "en"]
    assert preferences.project_folder is None and preferences.interface_language is None
    preferences.new_project_languages = ["en"]
    preferences.project_folder = tmp_path
    preferences.add_recent_project(tmp_path / "a.curator")
    preferences.sync()
    again = Preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat))
    assert again.new_project_languages == ["en"]  # a one-item list survives the INI file
    assert again.project_folder == tmp_path
    assert again.recent_projects() == [tmp_path / "a.curator"]
    settings.setValue("window/geometry", "not bytes")
    assert preferences.window_geometry is None
    preferences.export_folders = {"catalogue": str(tmp_path)}
    preferences.sync()
    assert Preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)
                       ).export_folders == {"catalogue": str(tmp_path)}  # fmt: skip
    settings.setValue("export/folders", "not a mapping")
    assert preferences.export_folders == {}
    assert set(Preferences.options()) == {
        "export_folders",
        "language",
        "recent",
        "recent_servers",
        "project_folder",
        "new_project_languages",
        "window_geometry",
        "window_state",
    }
