"""Export Catalogue in the window: the real PDF previewed, exported, cancelled."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument

from curator.demo import write_demo

pytestmark = pytest.mark.gui


@pytest.fixture
def opened(curator_window, tmp_path: Path):
    path, _created = write_demo(tmp_path / "demo")
    assert curator_window.controller.open_project(path)
    return curator_window


def test_menu_action_opens_a_dialog_previewing_the_real_pdf(opened, qtbot) -> None:
    window = opened.window
    assert window.export_catalogue_action.isEnabled()
    window.export_catalogue_action.trigger()
    dialog = opened.exporter.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready, timeout=60000)
    assert dialog.document.pageCount() >= 12
    assert "warnings" in dialog.findings_label.text()
    assert dialog.findings.count() == 2  # the demo's two empty captions
    image = dialog.document.render(0, dialog.document.pagePointSize(0).toSize())
    assert not image.isNull()


def test_export_writes_the_chosen_file_in_the_chosen_order(
    opened, qtbot, tmp_path: Path, dialogs
) -> None:
    opened.window.export_catalogue_action.trigger()
    exporter, dialog = opened.exporter, opened.exporter.dialog
    qtbot.waitUntil(lambda: not exporter.job.running, timeout=60000)
    russian = dialog.languages.item(1)
    dialog.languages.takeItem(1)
    dialog.languages.insertItem(0, russian)  # Russian leads
    dialog.languages.item(1).setCheckState(Qt.CheckState.Unchecked)  # no Vietnamese
    assert dialog.options().languages == ("ru", "en")
    target = tmp_path / "out" / "catalogue.pdf"
    target.parent.mkdir()
    assert exporter.export_to(target)
    qtbot.waitUntil(lambda: not exporter.job.running, timeout=60000)
    assert target.is_file() and (target.parent / "catalogue.report.txt").is_file()
    assert exporter.last_result is not None and exporter.last_result.path == target
    assert not dialogs.errors


def test_cancel_stops_the_export_and_writes_nothing(opened, qtbot, tmp_path: Path) -> None:
    opened.window.export_catalogue_action.trigger()
    exporter, dialog = opened.exporter, opened.exporter.dialog
    qtbot.waitUntil(lambda: not exporter.job.running, timeout=60000)
    target = tmp_path / "cancelled.pdf"
    assert exporter.export_to(target)
    assert dialog.cancel_button.isEnabled()
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not exporter.job.running, timeout=60000)
    assert not target.exists()
    assert "Cancelled" in dialog.status.text()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".cancelled")]
