"""File ▸ Project Settings: edit, refuse inline, undo, and credit lines that follow templates."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit

from curator.core.language.generated import refresh_generated
from curator.core.model import CaptionField, Photo
from curator.core.services import ProjectService
from curator.core.settings.project_settings import find_spec, read_setting
from curator.ui.views.project_settings_dialog import ProjectSettingsDialog

pytestmark = pytest.mark.gui


def enter(field: QLineEdit, text: str) -> None:
    """Replace the field's text by typing, then press Enter, as a person would."""
    field.setFocus()
    field.selectAll()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(field, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(
            field, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
        )


def _value(service: ProjectService, key: str):
    return read_setting(service, find_spec(service, key)).value


def test_settings_are_edited_refused_inline_and_undone(curator_window, dialogs, project_path):
    bundle = curator_window
    settings = bundle.settings
    assert not settings.action.isEnabled()
    bundle.controller.open_project(project_path)
    assert settings.action.isEnabled()
    assert settings.action in bundle.window.file_menu.actions()
    service = bundle.controller.service
    seen: dict[str, object] = {}

    def use(dialog: ProjectSettingsDialog) -> None:
        dialog.show()
        bleed = dialog.editors["catalogue.bleed_mm"]
        assert bleed.field.text() == "3 mm" and not bleed.reset_button.isEnabled()
        enter(bleed.field, "0.25in")
        assert _value(service, "catalogue.bleed_mm") == 6.35
        assert bleed.field.text() == "6.35 mm" and bleed.reset_button.isEnabled()
        enter(bleed.field, "50")
        assert dialog.isVisible()  # Enter confirms the field; it does not close the dialog
        assert bleed.message.isVisible()
        assert bleed.message.text() == (
            "Bleed (catalogue.bleed_mm): 50 mm is more than the largest allowed, 20 mm."
        )
        assert bleed.field.text() == "50"  # kept, to correct
        assert _value(service, "catalogue.bleed_mm") == 6.35
        # values that contradict each other: the error threshold above the warning one
        error = dialog.editors["preflight.panels.ppi_error"]
        enter(error.field, "150")
        assert "above the warning threshold" in error.message.text()
        assert dialog.tabs.currentWidget().property("group") == "preflight"
        enter(error.field, "80")
        assert not error.message.isVisible() and _value(service, "preflight.panels.ppi_error") == 80
        marks = dialog.editors["catalogue.crop_marks"].field
        assert isinstance(marks, QCheckBox)
        marks.click()
        assert _value(service, "catalogue.crop_marks") is True
        iim = dialog.editors["delivery.iim"].field
        assert isinstance(iim, QComboBox)
        assert iim.itemText(1) == "Only where the original had IIM"
        iim.activated.emit(2)
        assert _value(service, "delivery.iim") == "never"
        # the dialog's Undo takes back the last change, and the field shows it
        dialog.undo_button.click()
        assert _value(service, "delivery.iim") == "always"
        assert iim.currentData() == "always"
        dialog.editors["catalogue.bleed_mm"].reset_button.click()
        assert _value(service, "catalogue.bleed_mm") == 3.0
        seen["undo"] = settings.undo_stack.undoText()

    dialogs.dialog_hook = use
    settings.open_dialog()
    assert seen["undo"] == "Bleed"
    # after closing, Edit ▸ Undo goes on taking changes back, one edit each
    stack = settings.undo_stack
    stack.undo()
    assert _value(service, "catalogue.bleed_mm") == 6.35
    stack.undo()
    assert _value(service, "catalogue.crop_marks") is False
    stack.undo()
    assert _value(service, "preflight.panels.ppi_error") == 60
    stack.undo()
    assert read_setting(service, find_spec(service, "catalogue.bleed_mm")).is_default
    stack.redo()
    assert _value(service, "catalogue.bleed_mm") == 6.35


def test_a_credit_template_rewrites_credit_lines_off_the_gui_thread(
    curator_window, dialogs, project_path: Path, qtbot
):
    with ProjectService.open(project_path) as service:
        with service.store.transaction():
            photo = service.photos.add(
                Photo(id="", path=project_path.parent / "a.jpg", sha256="1", width=4, height=3)
            )
            service.photos.add_credit(photo.id, {"vi": "Tuấn Anh"}, {"vi": "TTXVN"})
        refresh_generated(service)
    bundle = curator_window
    bundle.controller.open_project(project_path)
    service = bundle.controller.service

    def credit() -> str:
        return service.captions.get(photo.id, "vi", CaptionField.CREDIT).text

    assert credit() == "Ảnh: Tuấn Anh/TTXVN"

    def use(dialog: ProjectSettingsDialog) -> None:
        dialog.show()
        field = dialog.editors["credits.vi.photo"].field
        enter(field, "Ảnh: {fotograf}")
        assert "fotograf" in dialog.editors["credits.vi.photo"].message.text()
        enter(field, "Ảnh của {photographer} ({agency})")
        assert not field.isEnabled()  # being written
        assert dialog.status.text() == "Rewriting the credit lines…"
        qtbot.waitUntil(lambda: field.isEnabled(), timeout=5000)
        assert dialog.status.text() == ""

    dialogs.dialog_hook = use
    bundle.settings.open_dialog()
    assert credit() == "Ảnh của Tuấn Anh (TTXVN)"
    bundle.settings.undo_stack.undo()
    qtbot.waitUntil(lambda: credit() == "Ảnh: Tuấn Anh/TTXVN", timeout=5000)


def test_a_read_only_project_shows_its_settings_but_refuses_changes(
    curator_window, dialogs, project_path
):
    with ProjectService.open(project_path) as holder:  # another Curator has it
        dialogs.confirm_answer = True  # open read-only
        assert curator_window.controller.open_project(project_path)
        assert curator_window.controller.service.read_only

        def look(dialog: ProjectSettingsDialog) -> None:
            assert not dialog.editors["catalogue.bleed_mm"].field.isEnabled()
            assert "read-only" in dialog.status.text()

        dialogs.dialog_hook = look
        curator_window.settings.open_dialog()
        assert holder.project.setting("catalogue") is None


def test_the_dialog_speaks_the_interface_language(curator_window, dialogs, project_path):
    curator_window.controller.open_project(project_path)
    curator_window.set_interface_language("ru")

    def look(dialog: ProjectSettingsDialog) -> None:
        tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
        # credits, preflight, catalogue, wall type, delivery, backups, web edition, hall
        assert len(tabs) == 8
        boxes = [box.title() for box in dialog._boxes]
        assert "Вьетнамский — vi" in boxes  # a label starts with a capital
        assert dialog.tabs.tabText(1) != "Preflight"

    dialogs.dialog_hook = look
    curator_window.settings.open_dialog()


def test_a_project_with_a_runaway_setting_opens_with_a_warning(
    curator_window, dialogs, project_path
):
    import sqlite3

    with sqlite3.connect(project_path) as conn:
        conn.execute(
            "INSERT INTO setting (key, value) VALUES ('delivery', ?)",
            ('{"naming": "{section:0999999999}"}',),
        )
    conn.close()
    assert curator_window.controller.open_project(project_path)
    assert len(dialogs.warnings) == 1
    title, text = dialogs.warnings[0]
    assert title == "Some settings were not used"
    assert "delivery.naming" in text and "{section:02}-{order:03}-{photographer}" in text


def test_the_wall_type_tab_sets_sizes_and_refuses_type_below_the_floor(
    curator_window, dialogs, project_path
):
    from curator.core.settings.wall_type import project_label_styles, project_panel_style

    bundle = curator_window
    bundle.controller.open_project(project_path)
    service = bundle.controller.service

    def use(dialog: ProjectSettingsDialog) -> None:
        dialog.show()
        distance = dialog.editors["wall.panels.viewing_distance_cm"]
        assert distance.field.text() == "120 cm"
        enter(distance.field, "200")
        assert _value(service, "wall.panels.viewing_distance_cm") == 200
        assert project_panel_style(service).body_pt == 37.0  # the rule at 2 m
        size = dialog.editors["wall.labels.text_pt"]
        enter(size.field, "10")
        assert size.message.isVisible()
        assert "10 pt is smaller than wall labels allow (12 pt" in size.message.text()
        assert dialog.tabs.currentWidget().property("group") == "wall"
        assert project_label_styles(service)[1].body_pt == 12.0  # unchanged
        enter(size.field, "14 pt")
        assert not size.message.isVisible()
        assert project_label_styles(service)[1].body_pt == 14.0

    dialogs.dialog_hook = use
    bundle.settings.open_dialog()
    # kept in the project file: what `curator settings` reads
    assert service.project.setting("wall", {}) == {
        "panels": {"viewing_distance_cm": 200},
        "labels": {"text_pt": 14},
    }


def test_the_web_edition_tab_keeps_the_sites_address_and_refuses_other_schemes(
    curator_window, dialogs, project_path
):
    bundle = curator_window
    bundle.controller.open_project(project_path)
    service = bundle.controller.service

    def use(dialog: ProjectSettingsDialog) -> None:
        dialog.show()
        address = dialog.editors["web.base_url"]
        assert address.field.text() == ""
        enter(address.field, "ftp://example.org/expo")
        assert address.message.isVisible() and "not a web address" in address.message.text()
        assert dialog.tabs.currentWidget().property("group") == "web"
        assert _value(service, "web.base_url") == ""
        enter(address.field, "https://example.org/expo")
        assert not address.message.isVisible()
        assert _value(service, "web.base_url") == "https://example.org/expo"
        address.field.setFocus()  # emptied again (select all, Backspace, Enter): no codes
        address.field.selectAll()
        for key in (Qt.Key.Key_Backspace, Qt.Key.Key_Return):
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    address.field, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier)
                )
        assert address.field.text() == ""
        assert not address.message.isVisible() and _value(service, "web.base_url") == ""

    dialogs.dialog_hook = use
    bundle.settings.open_dialog()
