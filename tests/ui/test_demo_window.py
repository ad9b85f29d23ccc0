from pathlib import Path

import pytest

from curator.demo import write_demo

pytestmark = pytest.mark.gui


def test_window_opens_the_demo_exhibition(curator_window, tmp_path: Path, qtbot) -> None:
    path, created = write_demo(tmp_path / "demo")
    assert created
    assert curator_window.controller.open_project(path)
    window = curator_window.window
    rows = window.library.model.rowCount()
    assert rows >= 6
    assert window.exhibition.tree.topLevelItemCount() >= 3
    qtbot.waitUntil(lambda: window.library.model.loaded_thumbnails() >= 1, timeout=10000)
    qtbot.waitUntil(lambda: window.photo_view.image_shown, timeout=10000)
    headers = [w.text() for w in window.captions.grid_host.findChildren(type(window.project_label))]
    assert any("Russian (ru)" in text for text in headers)
