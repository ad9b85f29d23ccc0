"""The window at a curator's pace (issue 21): real clicks, keys and drops on the real window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

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


def _drag_events(widget, mime, point):
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, buttons, modifiers)
    move = QDragMoveEvent(point, Qt.DropAction.CopyAction, mime, buttons, modifiers)
    drop = QDropEvent(QPointF(point), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    return enter, move, drop


def test_library_and_exhibition_are_both_in_view(demo) -> None:
    bundle, _service, _sections = demo
    window = bundle.window
    assert window.library.isVisible() and window.exhibition.isVisible()
    assert window.library_dock not in window.tabifiedDockWidgets(window.exhibition_dock)
    assert window.exhibition.tree.visibleRegion().boundingRect().height() > 60
    assert window.library.view.visibleRegion().boundingRect().height() > 60


def test_a_drag_held_over_the_layout_tab_brings_the_canvas_forward(demo, qtbot) -> None:
    bundle, _service, _sections = demo
    window = bundle.window
    window.workspace.setCurrentWidget(window.photo_view)
    library = window.library
    mime = library.model.mimeData([library.model.index(0)])
    bar = window.workspace.tabBar()
    point = bar.tabRect(1).center()
    enter, move, _drop = _drag_events(bar, mime, point)
    QApplication.sendEvent(bar, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(bar, move)
    qtbot.waitUntil(lambda: window.workspace.currentWidget() is window.layout_canvas, timeout=5000)


def test_photos_dropped_on_an_empty_canvas_join_the_section_shown(demo, qtbot) -> None:
    bundle, service, sections = demo
    window = bundle.window
    window.workspace.setCurrentWidget(window.layout_canvas)
    panel = window.exhibition
    _click_row(panel.tree, panel.item_for(sections[1]))
    qtbot.waitUntil(lambda: bundle.layout.drawn_section_id == sections[1], timeout=20000)
    assert window.layout_canvas.panels == []  # nothing laid out yet
    stranger = service.exhibition.photo_ids(sections[0])[0]
    library = window.library
    mime = library.model.mimeData([library.model.index(library.model.row_of(stranger))])
    viewport = window.layout_canvas.view.viewport()
    enter, move, drop = _drag_events(viewport, mime, viewport.rect().center())
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(viewport, move)
    assert move.isAccepted()
    QApplication.sendEvent(viewport, drop)
    assert drop.isAccepted()
    assert service.exhibition.section_of(stranger) == sections[1]
    assert service.exhibition.panels(sections[1])  # laid out, so the photo is seen
    qtbot.waitUntil(lambda: bundle.layout.drawn_section_id == sections[1], timeout=20000)
    qtbot.waitUntil(lambda: bool(window.layout_canvas.panels), timeout=20000)
    shown = {slot.photo_id for p in window.layout_canvas.panels for slot in p.slots}
    assert stranger in shown
    bundle.captions.undo_action.trigger()
    assert service.exhibition.section_of(stranger) == sections[0]
    assert service.exhibition.panels(sections[1]) == []


def test_the_library_menu_and_b_send_photos_to_a_section(demo, qtbot) -> None:
    bundle, service, sections = demo
    window = bundle.window
    library = window.library
    loose = service.exhibition.photo_ids(sections[0])[:2]
    # Right-click on a photo: it is selected and the menu lists every section.
    row = library.model.row_of(loose[0])
    rect = library.view.visualRect(library.model.index(row))
    QTest.mouseClick(library.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    library.view.customContextMenuRequested.emit(rect.center())
    menu = bundle.sections.add_to_section_menu
    titles = [a.text() for a in menu.actions() if a.text()]
    assert len([t for t in titles if t[0].isdigit()]) == len(sections)
    menu.actions()[2].trigger()  # "3. …"
    assert service.exhibition.section_of(loose[0]) == sections[2]
    assert bundle.sections.target_section_id == sections[2]
    assert "added to" in window.statusBar().currentMessage()
    # B sends the next photo there too, from the keyboard.
    row = library.model.row_of(loose[1])
    rect = library.view.visualRect(library.model.index(row))
    library.view.scrollTo(library.model.index(row))
    rect = library.view.visualRect(library.model.index(row))
    QTest.mouseClick(library.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert library.selected_photo_ids() == [loose[1]]
    library.view.setFocus()
    QTest.keyClick(library.view, Qt.Key.Key_B)
    assert service.exhibition.section_of(loose[1]) == sections[2]
    assert service.exhibition.photo_ids(sections[2])[-2:] == loose
    assert window.exhibition.item_for(sections[2], loose[1]) is not None
    bundle.captions.undo_action.trigger()
    assert service.exhibition.section_of(loose[1]) == sections[0]


def test_b_without_a_section_chosen_says_what_to_do(demo) -> None:
    bundle, service, _sections = demo
    window = bundle.window
    window.exhibition.tree.setCurrentItem(None)
    window.library.view.setFocus()
    before = [service.exhibition.photo_ids(s.id) for s in service.exhibition.sections()]
    QTest.keyClick(window.library.view, Qt.Key.Key_B)
    assert "Choose a section first" in window.statusBar().currentMessage()
    assert [service.exhibition.photo_ids(s.id) for s in service.exhibition.sections()] == before
