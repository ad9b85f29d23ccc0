"""The Hall tab: the plan drawn to scale, walls drawn by clicks, panels dragged, findings red.

Real window offscreen, real mouse and key events through QTest on the plan's viewport.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QGraphicsRectItem

from curator.core.hall.model import Door, Support
from curator.core.services import ProjectService
from curator.ui.views.hall_scene import scene_point
from curator.ui.views.hall_view import Tool

pytestmark = pytest.mark.gui


def _project(path: Path, widths: list[float], walls: list[tuple[tuple, tuple]]) -> list[str]:
    """Panels of ``widths`` (1500 mm high) in one section and the walls given, 3 m high."""
    with ProjectService.open(path) as service:
        section = service.add_section({"vi": "Một", "ru": "Один", "en": "One"})
        with service.store.transaction():
            ids = [service.exhibition.add_panel(section.id, w, 1500.0).id for w in widths]
        for start, end in walls:
            service.operations.hall.add_wall(start, end, 3000.0)
    return ids


def _open_hall(curator_window, path: Path, qtbot):
    curator_window.controller.open_project(path)
    window = curator_window.window
    window.resize(1400, 900)
    window.captions_dock.hide()  # the plan's room, as a curator drawing would make
    window.workspace.setCurrentWidget(window.hall_tab)
    view = window.hall_tab.view
    qtbot.waitUntil(lambda: view.viewport().isVisible())
    view.resetTransform()
    view.scale(0.1, 0.1)  # 1 px = 10 mm
    qtbot.waitUntil(lambda: view.viewport().width() >= 600 and view.viewport().height() >= 500)
    return window.hall_tab


def _at(view, point: tuple[float, float], dx: int = 0, dy: int = 0) -> QPoint:
    return view.mapFromScene(scene_point(point)) + QPoint(dx, dy)


def test_two_clicks_draw_a_wall_on_the_grid_and_a_typed_length_ends_the_next(
    curator_window, project_path: Path, qtbot
) -> None:
    _project(project_path, [], [])
    tab = _open_hall(curator_window, project_path, qtbot)
    view, port = tab.view, tab.view.viewport()
    view.centerOn(scene_point((3000, 3000)))
    QTest.mouseClick(tab.tool_buttons[Tool.WALL], Qt.MouseButton.LeftButton)
    assert view.tool is Tool.WALL
    # a few pixels (30-40 mm) off the grid points: the wall lands on them
    QTest.mouseClick(port, Qt.MouseButton.LeftButton, pos=_at(view, (1000, 2000), 4, -3))
    QTest.mouseMove(port, _at(view, (4000, 2100)))
    QTest.mouseClick(port, Qt.MouseButton.LeftButton, pos=_at(view, (5000, 2000), -3, 4))
    service = curator_window.controller.service
    walls = service.operations.hall.get().walls
    assert [(w.start, w.end) for w in walls] == [((1000.0, 2000.0), (5000.0, 2000.0))]
    assert "1" in {i.text() for i in tab.scene.items() if hasattr(i, "text")}
    # the next wall starts at the first one's end (snapped to it), its length typed
    QTest.mouseClick(port, Qt.MouseButton.LeftButton, pos=_at(view, (5000, 2000), 2, 2))
    QTest.mouseMove(port, _at(view, (5060, 3300)))  # about straight up
    assert tab.length_field.placeholderText() == "1304"  # 5000,2000 to 5100,3300 on the grid
    QTest.keyClicks(view, "3")
    assert tab.length_field.hasFocus() and tab.length_field.text() == "3"
    QTest.keyClicks(tab.length_field, "500")
    QTest.keyClick(tab.length_field, Qt.Key.Key_Return)
    walls = service.operations.hall.get().walls
    assert [(w.start, w.end) for w in walls][1] == ((5000.0, 2000.0), (5000.0, 5500.0))
    assert len(tab.scene.items_of("wall")) == 2
    curator_window.captions.undo_stack.undo()
    assert len(service.operations.hall.get().walls) == 1
    assert len(tab.scene.items_of("wall")) == 1  # the plan follows undo


def test_a_panel_dragged_to_another_wall_moves_there_and_undo_brings_it_back(
    curator_window, project_path: Path, qtbot
) -> None:
    first, second = _project(
        project_path, [1000.0, 1000.0], [((0, 0), (6000, 0)), ((6000, 0), (6000, 6000))]
    )
    with ProjectService.open(project_path) as service:
        service.operations.hall.place_auto()
    tab = _open_hall(curator_window, project_path, qtbot)
    service = curator_window.controller.service
    placed = {
        p.panel_id: (p.support.number, p.offset_mm)
        for p in service.operations.hall.get().placements
    }
    assert placed == {first: (1, 300.0), second: (1, 1600.0)}
    view, port = tab.view, tab.view.viewport()
    view.centerOn(scene_point((4000, 2500)))
    item = tab.scene.items_of("panel")[first]
    grab = view.mapFromScene(item.mapToScene(item.boundingRect().center()))
    # the middle of the panel dropped beside wall 2, 3 m along it (left of its direction)
    QTest.mousePress(port, Qt.MouseButton.LeftButton, pos=grab)
    QTest.mouseMove(port, _at(view, (5000, 1500)))
    QTest.mouseMove(port, _at(view, (5880, 3000)))
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, pos=_at(view, (5880, 3000)))
    moved = {p.panel_id: p for p in service.operations.hall.get().placements}
    assert moved[first].support == Support("wall", 2)
    assert abs(moved[first].offset_mm - 2500.0) <= 20.0
    assert moved[second].support == Support("wall", 1)
    # the second one dropped near the gap after the first: it keeps exactly the gap (300 mm)
    after = moved[first].offset_mm + 1000.0 + 300.0
    item = tab.scene.items_of("panel")[second]
    grab = view.mapFromScene(item.mapToScene(item.boundingRect().center()))
    target = _at(view, (5880, after + 500.0 + 40.0))
    QTest.mousePress(port, Qt.MouseButton.LeftButton, pos=grab)
    QTest.mouseMove(port, target)
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, pos=target)
    moved = {p.panel_id: p for p in service.operations.hall.get().placements}
    assert moved[second].support == Support("wall", 2)
    assert moved[second].offset_mm == after
    stack = curator_window.captions.undo_stack
    assert stack.undoText() == "Move panel 1.2"
    stack.undo()
    stack.undo()
    restored = {
        p.panel_id: (p.support, p.offset_mm) for p in service.operations.hall.get().placements
    }
    assert restored == {first: (Support("wall", 1), 300.0), second: (Support("wall", 1), 1600.0)}
    item = tab.scene.items_of("panel")[first]
    assert isinstance(item, QGraphicsRectItem) and item.rect().left() == 300.0


def test_a_planted_overlap_is_drawn_red_with_its_message(
    curator_window, project_path: Path, qtbot
) -> None:
    first, second, third, _fourth = _project(
        project_path, [1200.0, 1200.0, 800.0, 800.0], [((0, 0), (8000, 0))]
    )
    with ProjectService.open(project_path) as service:
        service.operations.hall.place(first, Support("wall", 1), 500.0)
        service.operations.hall.place(second, Support("wall", 1), 1000.0)  # over the first
        service.operations.hall.place(third, Support("wall", 1), 4000.0)
    tab = _open_hall(curator_window, project_path, qtbot)
    panels = tab.scene.items_of("panel")
    red = QColor(200, 30, 30)
    for panel_id in (first, second):
        item = panels[panel_id]
        assert isinstance(item, QGraphicsRectItem)
        assert item.brush().color() == red
        assert item.toolTip().splitlines()[1:] == ["Panels 1.1 and 1.2 overlap on wall 1."]
    assert panels[first].toolTip().splitlines()[0] == (
        "Panel 1.1: 1200 × 1500 mm, 500 mm along wall 1"
    )
    assert panels[third].toolTip() == "Panel 1.3: 800 × 1500 mm, 4000 mm along wall 1"
    assert panels[third].brush().color() != red
    assert tab.message.text() == (
        "1 problem on the plan (drawn red; point at it to read it). 1 panel is not on the plan."
    )


def test_a_door_from_its_dialog_and_a_stand_deleted_are_one_undo_step_each(
    curator_window, project_path: Path, qtbot, dialogs
) -> None:
    _project(project_path, [], [((0, 0), (6000, 0))])
    with ProjectService.open(project_path) as service:
        service.operations.hall.add_stand((3000, 3000), 0, 2000, 2000)
    tab = _open_hall(curator_window, project_path, qtbot)
    view, port = tab.view, tab.view.viewport()
    view.centerOn(scene_point((3000, 1500)))

    def fill(dialog) -> None:
        assert dialog.offset_box.value() == 2000.0  # where the wall was clicked
        dialog.width_box.setValue(1000)
        dialog.accept()

    dialogs.dialog_hook = fill
    QTest.mouseClick(tab.tool_buttons[Tool.DOOR], Qt.MouseButton.LeftButton)
    QTest.mouseClick(port, Qt.MouseButton.LeftButton, pos=_at(view, (2000, 0)))
    service = curator_window.controller.service
    assert service.operations.hall.get().walls[0].doors == (Door(2000.0, 1000.0, 2100.0),)
    assert list(tab.scene.items_of("door")) and not dialogs.errors
    QTest.mouseClick(tab.tool_buttons[Tool.SELECT], Qt.MouseButton.LeftButton)
    QTest.mouseClick(port, Qt.MouseButton.LeftButton, pos=_at(view, (3500, 3000)))
    assert tab.scene.selectedItems() == [tab.scene.items_of("stand")[1]]
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert service.operations.hall.get().stands == ()
    stack = curator_window.captions.undo_stack
    stack.undo()
    assert len(service.operations.hall.get().stands) == 1
    stack.undo()
    assert service.operations.hall.get().walls[0].doors == ()


def test_aisle_findings_mark_both_walls_and_a_route_stays_over_the_plan(
    curator_window, project_path: Path, qtbot
) -> None:
    _project(project_path, [], [((0, 0), (6000, 0)), ((6000, 1000), (0, 1000))])
    tab = _open_hall(curator_window, project_path, qtbot)
    walls = tab.scene.items_of("wall")
    message = (
        "The aisle between wall 1 and wall 2 is 1000 mm wide; the hall asks for at least 1500 mm."
    )
    assert walls[1].toolTip() == f"Wall 1: 6000 mm long, 3000 mm high\n{message}"
    assert walls[2].toolTip().endswith(message)
    assert walls[1].pen().color() == QColor(200, 30, 30)
    tab.scene.set_route([(500.0, 500.0), (5500.0, 500.0)])
    assert len(tab.scene.items_of("route")) == 1
    scene = (
        tab.scene
    )  # the plan drawn again keeps the route (the project's: tests/ui/test_route_window.py)
    scene.show_hall(scene.hall, list(scene.sizes.values()), scene.findings)
    route, walls = tab.scene.items_of("route"), tab.scene.items_of("wall")
    assert len(route) == 1 and route[0].zValue() > walls[1].zValue()
    tab.scene.set_route([])
    assert tab.scene.items_of("route") == {}


def test_the_tab_speaks_the_interface_language(curator_window, project_path: Path, qtbot) -> None:
    _project(project_path, [], [])
    tab = _open_hall(curator_window, project_path, qtbot)
    window = curator_window.window
    assert window.workspace.tabText(2) == "Hall"
    curator_window.set_interface_language("x-pseudo")
    assert window.workspace.tabText(2).startswith("[")
    assert tab.tool_buttons[Tool.WALL].text().startswith("[")
    assert tab.place_button.text().startswith("[") and tab.message.text().startswith("[")


def test_a_stand_drawn_by_two_clicks_and_a_panel_dragged_onto_its_face_b(
    curator_window, project_path: Path, qtbot
) -> None:
    (panel,) = _project(project_path, [1000.0], [((0, 0), (6000, 0))])
    with ProjectService.open(project_path) as service:
        service.operations.hall.place(panel, Support("wall", 1), 300.0)
    tab = _open_hall(curator_window, project_path, qtbot)
    view, port = tab.view, tab.view.viewport()
    view.centerOn(scene_point((3000, 2000)))
    QTest.mouseClick(tab.tool_buttons[Tool.STAND], Qt.MouseButton.LeftButton)
    QTest.mouseClick(port, Qt.MouseButton.LeftButton, pos=_at(view, (2000, 3000), 3, 3))
    QTest.mouseMove(port, _at(view, (3000, 3000)))
    QTest.keyClick(view, Qt.Key.Key_Escape)  # dropped: the next click starts again
    assert view.start is None
    QTest.mouseClick(port, Qt.MouseButton.LeftButton, pos=_at(view, (2000, 3000), 3, 3))
    QTest.mouseClick(port, Qt.MouseButton.LeftButton, pos=_at(view, (5000, 3000), -3, 2))
    service = curator_window.controller.service
    (stand,) = service.operations.hall.get().stands
    assert (stand.centre, stand.angle_deg, stand.length_mm) == ((3500.0, 3000.0), 0.0, 3000.0)
    assert stand.height_mm == tab.height_field.value() == 3000.0
    QTest.mouseClick(tab.tool_buttons[Tool.SELECT], Qt.MouseButton.LeftButton)
    item = tab.scene.items_of("panel")[panel]
    grab = view.mapFromScene(item.mapToScene(item.boundingRect().center()))
    below = _at(view, (3000, 2800))  # under the stand: its face B
    QTest.mousePress(port, Qt.MouseButton.LeftButton, pos=grab)
    QTest.mouseMove(port, below)
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, pos=below)
    (placement,) = service.operations.hall.get().placements
    assert placement.support == Support("stand", 1, 1)
    assert abs(placement.offset_mm - 500.0) <= 20.0  # its middle 1000 mm from the end


def test_a_read_only_project_refuses_a_drag_and_the_panel_goes_back(
    curator_window, project_path: Path, qtbot, dialogs
) -> None:
    (panel,) = _project(project_path, [1000.0], [((0, 0), (6000, 0)), ((6000, 0), (6000, 6000))])
    with ProjectService.open(project_path) as other:  # another Curator has it open
        other.operations.hall.place(panel, Support("wall", 1), 300.0)
        dialogs.confirm_answer = True  # "open it read-only?"
        tab = _open_hall(curator_window, project_path, qtbot)
        assert curator_window.controller.service.read_only
        view, port = tab.view, tab.view.viewport()
        view.centerOn(scene_point((4000, 2500)))
        item = tab.scene.items_of("panel")[panel]
        grab = view.mapFromScene(item.mapToScene(item.boundingRect().center()))
        QTest.mousePress(port, Qt.MouseButton.LeftButton, pos=grab)
        QTest.mouseMove(port, _at(view, (5880, 3000)))
        QTest.mouseRelease(port, Qt.MouseButton.LeftButton, pos=_at(view, (5880, 3000)))
        assert dialogs.errors == [("The change was not saved", "The project is open read-only.")]
        placement = curator_window.controller.service.operations.hall.get().placements[0]
        assert (placement.support, placement.offset_mm) == (Support("wall", 1), 300.0)
        item = tab.scene.items_of("panel")[panel]
        assert item.pos() == scene_point((0, 0)) and item.rotation() == 0
        assert curator_window.captions.undo_stack.count() == 0
        curator_window.controller.close_project()
