"""The window at a curator's pace (issue 21): real clicks, keys and drops on the real window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from curator.demo import write_demo

pytestmark = [pytest.mark.gui, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


@pytest.fixture
def demo(curator_window, tmp_path: Path):
    """The demo exhibition open (three sections), nothing laid out yet."""
    path, _created = write_demo(tmp_path / "demo")
    curator_window.controller.open_project(path)
    service = curator_window.controller.service
    return curator_window, service, [s.id for s in service.exhibition.sections()]


def _click_row(tree, item, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    tree.scrollToItem(item)
    QTest.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, modifier, tree.visualItemRect(item).center()
    )


def test_a_clicked_section_is_the_one_drawn_and_laid_out(demo, qtbot) -> None:
    bundle, service, sections = demo
    window = bundle.window
    window.workspace.setCurrentWidget(window.layout_canvas)
    panel = window.exhibition
    # Before any section is shown the button says what it will do: lay out every section.
    assert bundle.layout.lay_out_button.text() == "Lay Out Every Section"
    for index in (1, 2, 1, 0, 2):
        _click_row(panel.tree, panel.item_for(sections[index]))
        qtbot.waitUntil(
            lambda i=index: bundle.layout.drawn_section_id == sections[i], timeout=20000
        )
        assert window.layout_canvas.section_id == sections[index]
    # A photo's row shows its section too.
    photo = service.exhibition.photo_ids(sections[1])[0]
    _click_row(panel.tree, panel.item_for(sections[1], photo))
    qtbot.waitUntil(lambda: bundle.layout.drawn_section_id == sections[1], timeout=20000)
    _click_row(panel.tree, panel.item_for(sections[2]))
    qtbot.waitUntil(lambda: bundle.layout.drawn_section_id == sections[2], timeout=20000)
    assert bundle.layout.lay_out_button.text() == "Lay Out This Section"
    QTest.mouseClick(bundle.layout.lay_out_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not bundle.layout.busy, timeout=20000)
    # Only the highlighted section was laid out.
    assert service.exhibition.panels(sections[2])
    assert service.exhibition.panels(sections[0]) == []
    assert service.exhibition.panels(sections[1]) == []
    assert bundle.layout.drawn_section_id in (None, sections[2])
    qtbot.waitUntil(lambda: bundle.layout.drawn_section_id == sections[2], timeout=20000)
