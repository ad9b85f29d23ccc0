from pathlib import Path

import pytest
from PySide6.QtWidgets import QGraphicsPixmapItem, QGraphicsSimpleTextItem

from curator.core.editing.layout_service import section_geometry
from curator.demo import write_demo

pytestmark = pytest.mark.gui


def test_lay_out_a_section_and_draw_what_will_print(curator_window, tmp_path: Path, qtbot) -> None:
    path, _created = write_demo(tmp_path / "demo")
    curator_window.controller.open_project(path)
    window = curator_window.window
    tree = window.exhibition.tree
    tree.setCurrentItem(tree.topLevelItem(0))
    layout = curator_window.layout
    section_id = layout.section_id
    assert section_id is not None
    assert layout.lay_out_section()
    qtbot.waitUntil(
        lambda: not layout.busy and layout.drawn_section_id == section_id, timeout=20000
    )
    service = curator_window.controller.service
    panels = section_geometry(service, section_id, layout.measure)
    slots = [slot for panel in panels for slot in panel.slots]
    assert slots and all(slot.photo_id for slot in slots)
    scene = window.layout_canvas.scene
    pictures = [i for i in scene.items() if isinstance(i, QGraphicsPixmapItem)]
    assert len(pictures) == len(slots)
    texts = {i.text() for i in scene.items() if isinstance(i, QGraphicsSimpleTextItem)}
    first_lines = {block.lines[0].text for slot in slots for block in slot.captions if block.lines}
    assert first_lines <= texts  # the canvas draws the lines core broke, not its own
    assert window.workspace.currentWidget() is window.layout_canvas
    assert window.layout_canvas.message.text() == "Every caption fits."


def test_canvas_is_empty_without_a_project(curator_window) -> None:
    assert curator_window.window.layout_canvas.scene.items() == []
    assert not curator_window.layout.lay_out_section()


def test_preflight_lists_findings_and_goes_to_them(curator_window, tmp_path: Path, qtbot) -> None:
    from curator.core.model import CaptionField

    path, _created = write_demo(tmp_path / "demo")
    curator_window.controller.open_project(path)
    assert curator_window.layout.lay_out_section()  # lays out every section
    qtbot.waitUntil(
        lambda: (
            not curator_window.layout.busy and curator_window.layout.drawn_section_id is not None
        ),
        timeout=20000,
    )
    service = curator_window.controller.service
    section = service.exhibition.sections()[1]
    photo_id = service.exhibition.photo_ids(section.id)[0]
    service.set_caption(photo_id, "ru", CaptionField.CAPTION, "Очень длинная подпись. " * 150)
    panel = curator_window.window.preflight
    panel.check_button.click()
    qtbot.waitUntil(lambda: panel.list.count() > 0, timeout=20000)
    assert panel.summary.text().startswith("1 error")
    first = panel.list.item(0)
    assert "does not fit" in first.text()
    panel.list.itemActivated.emit(first)
    assert curator_window.window.library.selected_photo_ids() == [photo_id]
    qtbot.waitUntil(lambda: curator_window.layout.drawn_section_id == section.id, timeout=20000)
    assert curator_window.window.workspace.currentWidget() is curator_window.window.layout_canvas


def test_laying_out_a_section_can_be_undone_and_redone(curator_window, tmp_path: Path, qtbot):
    path, _created = write_demo(tmp_path / "demo")
    curator_window.controller.open_project(path)
    tree = curator_window.window.exhibition.tree
    tree.setCurrentItem(tree.topLevelItem(0))
    layout = curator_window.layout
    section_id = layout.section_id
    service = curator_window.controller.service
    assert service.exhibition.panels(section_id) == []
    layout.lay_out_section()
    qtbot.waitUntil(
        lambda: not layout.busy and layout.drawn_section_id == section_id, timeout=20000
    )
    laid_out = service.exhibition.layout_snapshot(section_id)
    assert laid_out
    undo = curator_window.captions.undo_action
    assert "Lay out" in undo.text()
    undo.trigger()
    assert service.exhibition.panels(section_id) == []
    curator_window.captions.redo_action.trigger()
    assert service.exhibition.layout_snapshot(section_id) == laid_out  # the same ids again
