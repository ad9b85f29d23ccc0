"""File > Export Web Edition: the dialog the declaration makes, and the site it writes.

The real window offscreen; the export runs off the GUI thread with progress.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from curator.demo import write_demo
from curator.export import products

pytestmark = pytest.mark.gui


@pytest.fixture
def opened(curator_window, tmp_path: Path):
    path, _created = write_demo(tmp_path / "demo")
    assert curator_window.controller.open_project(path)
    return curator_window


def test_the_web_edition_is_exported_from_its_declared_dialog(
    opened, qtbot, tmp_path: Path
) -> None:
    opened.window.export_web_action.trigger()
    exporter = opened.exporter
    dialog = exporter.dialog
    assert dialog is not None and dialog.spec is products.WEB
    assert dialog.windowTitle() == "Export Web Edition"
    assert list(dialog.fields) == ["languages", "base_url", "picks_only"]
    # a folder of pages: no output profile, no PDF preview
    assert not dialog.profile_button.isVisible() and not dialog.preview_button.isVisible()
    assert exporter.job is None  # nothing previewed on opening
    address = dialog.widget("base_url")
    assert isinstance(address, QLineEdit)
    QTest.keyClicks(address, "https://example.org/expo/")
    languages = dialog.languages
    ru = languages.findItems("Russian (ru)", Qt.MatchFlag.MatchContains)
    assert ru
    ru[0].setCheckState(Qt.CheckState.Unchecked)
    target = tmp_path / "site"
    assert exporter.export_to(target)
    qtbot.waitUntil(lambda: exporter.job is not None and not exporter.job.running, timeout=60000)
    result = exporter.last_result
    assert result is not None and result.path == target and result.languages == ("vi", "en")
    assert (target / "vi" / "index.html").is_file() and not (target / "ru").exists()
    start = (target / "en" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/expo/en/"' in start
    assert exporter.written_bar.isVisible() or exporter.notice is not None
    # the address is kept: the labels' and panels' QR codes open the pages it names
    from curator.core.settings.web_address import project_base_url

    assert project_base_url(opened.controller.service) == "https://example.org/expo/"
