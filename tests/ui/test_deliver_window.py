"""Delivering from the window: the dialog, the job off the GUI thread, Cancel, the report."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from curator.core.delivery_planning.settings import stored_options
from curator.core.services import ProjectService
from curator.demo import write_demo
from curator.ui.controllers.deliver_controller import DeliveryReportDialog
from curator.ui.views.deliver_dialog import DeliverDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path, _created = write_demo(tmp_path / "demo")
    return path


def _accept(dialog: DeliverDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_deliver_from_the_menu_with_a_report(curator_window, dialogs, demo, tmp_path, qtbot):
    assert curator_window.controller.open_project(demo)
    controller = curator_window.delivery
    assert controller is not None and controller.deliver_action.isEnabled()
    assert controller.deliver_action.text() == "De&liver Captioned Photos…"
    out = tmp_path / "out"
    shown: list[object] = []

    def hook(dialog) -> None:
        shown.append(dialog)
        if isinstance(dialog, DeliverDialog):
            dialog.folder_edit.setText(str(out))
            ru = dialog.languages_list.item(1)
            assert ru.data(Qt.ItemDataRole.UserRole) == "ru"
            ru.setCheckState(Qt.CheckState.Unchecked)
            dialog.main_combo.setCurrentIndex(dialog.main_combo.findData("en"))
            dialog.iim_combo.setCurrentIndex(dialog.iim_combo.findData("never"))
            dialog.naming_edit.setText("{n:02}-{photographer}")
            assert dialog.naming_preview.text() == "For example: 03-Tuan-Anh.jpg"
            _accept(dialog)

    dialogs.dialog_hook = hook
    controller.deliver_action.trigger()
    qtbot.waitUntil(lambda: controller.last_report is not None, timeout=60000)
    report = controller.last_report
    assert report.count("written") == 9 and not report.cancelled
    assert (out / "01-Tuan-Anh.jpg").is_file()
    assert isinstance(shown[-1], DeliveryReportDialog)
    assert "9 of 9 photos delivered" in shown[-1].summary_label.text()
    assert "01-talks.jpg → 01-Tuan-Anh.jpg" in shown[-1].details.toPlainText()
    assert "9 of 9 photos delivered" in curator_window.window.statusBar().currentMessage()
    assert report.options.languages == ("vi", "en") and report.options.main_language == "en"
    curator_window.controller.close_project()
    with ProjectService.open(demo, read_only=True) as service:
        saved = stored_options(service)  # the command line will do the same next time
    assert saved.main_language == "en" and saved.iim.value == "never"
    assert saved.naming == "{n:02}-{photographer}"


def test_the_dialog_refuses_bad_choices(curator_window, dialogs, demo, tmp_path):
    assert curator_window.controller.open_project(demo)
    dialog = curator_window.delivery.make_dialog()
    dialog.naming_edit.setText("{section}-{who}")
    assert "unknown field “who”" in dialog.naming_preview.text()
    _accept(dialog)
    assert "unknown field “who”" in dialog.error_label.text()
    assert dialog.request is None
    dialog.naming_edit.setText("{id}")
    for row in range(dialog.languages_list.count()):
        dialog.languages_list.item(row).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.main_combo.count() == 0
    _accept(dialog)
    assert dialog.error_label.text() == "Tick at least one language."
    dialog.languages_list.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.long_edge_spin.setValue(5)
    _accept(dialog)
    assert "at least 16" in dialog.error_label.text()
    dialog.long_edge_spin.setValue(0)
    assert dialog.long_edge_spin.text() == "Keep the original size"
    dialog.folder_edit.setText(str(tmp_path / "x"))
    _accept(dialog)
    assert dialog.request is not None and dialog.request.options.long_edge is None


def test_cancel_keeps_whole_copies_only(curator_window, dialogs, demo, tmp_path, qtbot):
    assert curator_window.controller.open_project(demo)
    controller = curator_window.delivery
    dialog = controller.make_dialog()
    dialog.folder_edit.setText(str(tmp_path / "out"))
    dialog.long_edge_spin.setValue(1200)
    _accept(dialog)
    dialogs.dialog_hook = lambda _dialog: None
    assert controller.start(dialog.request)
    assert not controller.deliver_action.isEnabled()  # one delivery at a time
    controller.cancel()
    qtbot.waitUntil(lambda: controller.last_report is not None, timeout=60000)
    report = controller.last_report
    assert report.cancelled and len(report.files) < 9
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted(f.path.name for f in report.files if f.status == "written")
    assert controller.deliver_action.isEnabled()
