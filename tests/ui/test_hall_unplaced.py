"""Panels not on the plan are listed under it and placed by dragging one onto a wall.

Real window offscreen, real mouse events through QTest: pressed on the list's entry,
moved and let go over the plan's wall.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from curator.core.services import ProjectService
from curator.ui.views.hall_scene import scene_point

pytestmark = pytest.mark.gui


def _texts(panels) -> list[str]:
    return [panels.item(i).text() for i in range(panels.count())]


def test_a_panel_dragged_from_the_list_onto_a_wall_hangs_there_in_one_undo_step(
    curator_window, project_path: Path, qtbot
) -> None:
    with ProjectService.open(project_path) as service:
        section = service.add_section({"vi": "Một", "ru": "Один", "en": "One"})
        with service.store.transaction():
            ids = [service.exhibition.add_panel(section.id, w, 1500.0).id for w in (1000, 800)]
        service.operations.hall.add_wall((0, 0), (6000, 0), 3000.0)
    curator_window.controller.open_project(project_path)
    window = curator_window.window
    window.resize(1400, 900)
    window.workspace.setCurrentWidget(window.hall_tab)
    view = window.hall_tab.view
    qtbot.waitUntil(lambda: view.viewport().isVisible() and view.viewport().width() >= 400)
    view.resetTransform()
    view.scale(0.1, 0.1)  # 1 px = 10 mm
    view.centerOn(scene_point((3000, 0)))
    strip = curator_window.hall_unplaced.strip
    panels = strip.panels
    qtbot.waitUntil(strip.isVisible)
    assert _texts(panels) == ["1.1", "1.2"]

    def drag(index: int, to: QPoint) -> None:
        port = panels.viewport()
        start = panels.visualItemRect(panels.item(index)).center()
        end = port.mapFromGlobal(to)
        QTest.mousePress(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
        QTest.mouseMove(port, (start + end) / 2)
        QTest.mouseMove(port, end)
        QTest.mouseRelease(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)

    # let go on the list itself: nothing is placed
    drag(1, panels.viewport().mapToGlobal(panels.visualItemRect(panels.item(0)).center()))
    with ProjectService.open(project_path, read_only=True) as service:
        assert service.operations.hall.get().placements == ()
    # onto the wall, its middle at 3 m from the wall's start
    over_wall = view.viewport().mapToGlobal(view.mapFromScene(scene_point((3000, 150))))
    drag(1, over_wall)
    qtbot.waitUntil(lambda: _texts(panels) == ["1.1"])
    with ProjectService.open(project_path, read_only=True) as service:
        (placement,) = service.operations.hall.get().placements
    assert placement.panel_id == ids[1] and placement.support.kind == "wall"
    assert placement.support.number == 1
    assert abs(placement.offset_mm + 400 - 3000) <= 100  # centred where it was let go
    stack = curator_window.captions.undo_stack
    stack.undo()  # one step takes it off again
    qtbot.waitUntil(lambda: _texts(panels) == ["1.1", "1.2"])
    with ProjectService.open(project_path, read_only=True) as service:
        assert service.operations.hall.get().placements == ()
