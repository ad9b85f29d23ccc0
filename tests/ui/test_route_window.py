"""The visit's route in the Hall tab: stops clicked on the plan, times, talking points, undo.

Real window offscreen, real mouse and key events through QTest on the plan and the side list.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGraphicsPathItem, QLineEdit

from curator import cli
from curator.core.hall.model import Support
from curator.core.services import ProjectService
from curator.ui.views.hall_scene import scene_point
from curator.ui.views.hall_view import Tool
from curator.ui.views.route_panel import MINUTES_COLUMN, RouteNameDialog, StopMinutesDialog

pytestmark = pytest.mark.gui


def _project(path: Path | str) -> list[str]:
    """Three 1 m panels on a 12 m wall, at 1, 4 and 10 m (centres 1.5, 4.5 and 10.5 m)."""
    with ProjectService.open(path) as service:
        return _panels(service)


def _panels(service: ProjectService) -> list[str]:
    """The panels and the wall, written through ``service``."""
    titles = {"vi": "Một", "ru": "Один", "en": "One"}  # in the project's languages only
    languages = service.queries.languages()
    section = service.add_section({tag: titles[tag] for tag in languages})
    with service.store.transaction():
        ids = [service.exhibition.add_panel(section.id, 1000.0, 1500.0).id for _ in range(3)]
    hall = service.operations.hall
    hall.add_wall((0, 0), (12000, 0), 3000.0)
    for panel, offset in zip(ids, (1000.0, 4000.0, 10000.0), strict=True):
        hall.place(panel, Support("wall", 1), offset)
    return ids


def _type(widget, text: str) -> None:
    """Type one character at a time as key events (QTest.keyClicks aborts past Latin-1)."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def _open(curator_window, path: Path, qtbot):
    curator_window.controller.open_project(path)
    window = curator_window.window
    window.resize(1600, 900)
    window.captions_dock.hide()
    window.workspace.setCurrentWidget(window.hall_tab)
    tab = window.hall_tab
    QTest.mouseClick(tab.tool_buttons[Tool.STOPS], Qt.MouseButton.LeftButton)
    view = tab.view
    qtbot.waitUntil(lambda: view.viewport().isVisible() and tab.route_panel.isVisible())
    view.resetTransform()
    view.scale(0.04, 0.04)  # 1 px = 25 mm: the 12 m wall is 480 px
    view.centerOn(scene_point((6000, 0)))
    return tab


def _click_panel(tab, panel_id: str, button=Qt.MouseButton.LeftButton) -> None:
    item = tab.scene.items_of("panel")[panel_id]
    view = tab.view
    at = view.mapFromScene(item.mapToScene(item.boundingRect().center()))
    QTest.mouseClick(view.viewport(), button, pos=at)


def _new_route(curator_window, dialogs, tab, name: str) -> None:
    def answer(dialog) -> None:
        assert isinstance(dialog, RouteNameDialog)
        dialog.name_field.selectAll()
        QTest.keyClicks(dialog.name_field, name)
        dialog.accept()

    dialogs.dialog_hook = answer
    QTest.mouseClick(tab.route_panel.new_button, Qt.MouseButton.LeftButton)


def _path_points(tab) -> list[tuple[float, float]]:
    (item,) = tab.scene.items_of("route").values()
    assert isinstance(item, QGraphicsPathItem)
    path = item.path()
    points = [path.elementAt(i) for i in range(path.elementCount())]
    return [(round(p.x), round(-p.y)) for p in points[:3]]  # the line; the start dot follows


def _edit_minutes(tab, qtbot, row: int, text: str) -> None:
    table = tab.route_panel.stops_table
    rect = table.visualItemRect(table.item(row, MINUTES_COLUMN))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), editor  # the cell's editor, opened by the double-click
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState)  # committed queued


def test_three_panels_clicked_become_three_stops_drawn_timed_and_undone(
    curator_window, dialogs, project_path: Path, qtbot, monkeypatch
) -> None:
    first, second, third = _project(project_path)
    tab = _open(curator_window, project_path, qtbot)
    panel = tab.route_panel
    service = curator_window.controller.service
    _new_route(curator_window, dialogs, tab, "State visit")
    assert [r.name for r in service.operations.visit.routes()] == ["State visit"]
    assert panel.route_box.currentText() == "State visit"
    reads: list[int] = []  # the whole project read again (library, tree): not for a stop
    monkeypatch.setattr(curator_window.controller, "refresh", lambda: reads.append(1))
    for panel_id in (third, first, second):  # the order clicked, not the order on the wall
        _click_panel(tab, panel_id)
    assert reads == []
    route = service.operations.visit.route("State visit")
    assert [s.panel_id for s in route.stops] == [third, first, second]
    # drawn through the panels' centres in that order, each numbered
    assert _path_points(tab) == [(10500, 0), (1500, 0), (4500, 0)]
    assert sorted(str(k) for k in tab.scene.items_of("stop")) == ["1", "2", "3"]
    table = panel.stops_table
    assert [table.item(r, 1).text() for r in range(3)] == ["1.3", "1.1", "1.2"]
    # walks 9 m and 3 m at 0.8 m/s: 0.25 min in all, plus 3 stops of 2 minutes
    assert table.item(2, 4).text() == "6.25"
    # each walk under a minute in seconds (issue 26): 9 m in 11 s, 3 m in 4 s
    assert [table.item(r, 3).text() for r in (1, 2)] == ["11 s", "4 s"]
    assert table.horizontalHeaderItem(3).text() == "Walk"
    assert "Total 6.25 of 15 minutes" in panel.total_label.text()
    assert panel.warning_label.isHidden()

    # the minutes typed in the list: the total follows
    _edit_minutes(tab, qtbot, 0, "10")
    assert service.operations.visit.route("State visit").stops[0].minutes == 10.0
    assert "Total 14.25 of 15 minutes" in panel.total_label.text()
    # over the time allotted: the check's warning, in the interface language
    panel.allotted_box.setFocus()
    panel.allotted_box.selectAll()
    QTest.keyClicks(panel.allotted_box, "12")
    QTest.keyClick(panel.allotted_box, Qt.Key.Key_Return)
    assert service.operations.visit.route("State visit").allotted_min == 12.0
    assert panel.warning_label.isVisible()
    assert panel.warning_label.text() == (
        "⚠ “State visit” takes 14.2 minutes, over the 12 minutes allotted."
    )

    # undo: the time allotted, the minutes, then the last stop
    stack = curator_window.captions.undo_stack
    stack.undo()
    stack.undo()
    assert panel.warning_label.isHidden()
    stack.undo()
    route = service.operations.visit.route("State visit")
    assert [s.panel_id for s in route.stops] == [third, first]
    assert _path_points(tab)[:2] == [(10500, 0), (1500, 0)]
    assert sorted(str(k) for k in tab.scene.items_of("stop")) == ["1", "2"]
    assert table.rowCount() == 2
    stack.redo()
    assert table.rowCount() == 3


def test_a_stop_clicked_again_leaves_and_its_menu_moves_it(
    curator_window, dialogs, project_path: Path, qtbot
) -> None:
    first, second, third = _project(project_path)
    tab = _open(curator_window, project_path, qtbot)
    service = curator_window.controller.service
    _new_route(curator_window, dialogs, tab, "Press walk")
    for panel_id in (first, second, third):
        _click_panel(tab, panel_id)
    _click_panel(tab, second)  # clicked again: no longer a stop
    stops = service.operations.visit.route("Press walk").stops
    assert [s.panel_id for s in stops] == [first, third]
    menu = curator_window.routes.stop_menu(third)
    assert menu is not None
    actions = {action.text(): action for action in menu.actions()}
    assert not actions["Move Later"].isEnabled()
    actions["Move Earlier"].trigger()
    stops = service.operations.visit.route("Press walk").stops
    assert [s.panel_id for s in stops] == [third, first]
    assert curator_window.routes.stop_menu(second) is None  # not a stop: no menu
    _click_panel(tab, second)  # back as stop 3, then off by Delete in the list
    table = tab.route_panel.stops_table
    table.setFocus()
    table.selectRow(2)
    QTest.keyClick(table, Qt.Key.Key_Delete)
    assert table.rowCount() == 2
    menu = curator_window.routes.stop_menu(first)  # now stop 2
    assert menu is not None
    actions = {action.text(): action for action in menu.actions()}

    def answer(dialog) -> None:
        assert isinstance(dialog, StopMinutesDialog) and dialog.minutes_box.value() == 2.0
        dialog.minutes_box.setValue(4.5)
        dialog.accept()

    dialogs.dialog_hook = answer
    actions["Minutes…"].trigger()
    stops = service.operations.visit.route("Press walk").stops
    assert [s.minutes for s in stops] == [2.0, 4.5]
    assert tab.route_panel.stops_table.item(1, MINUTES_COLUMN).text() == "4.5"


def test_talking_points_per_language_are_saved_and_undone(
    curator_window, dialogs, project_path: Path, qtbot
) -> None:
    first, _second, _third = _project(project_path)
    tab = _open(curator_window, project_path, qtbot)
    panel = tab.route_panel
    service = curator_window.controller.service
    _new_route(curator_window, dialogs, tab, "State visit")
    _click_panel(tab, first)
    assert panel.points_group.isEnabled()  # the new stop is chosen
    languages = service.project.languages()
    assert list(panel.points_fields) == languages
    panel.points_fields["vi"].setFocus()
    _type(panel.points_fields["vi"], "Hội đàm cấp cao")
    QTest.keyClicks(panel.points_fields["en"], "Talks at the highest level")
    QTest.mouseClick(panel.save_points_button, Qt.MouseButton.LeftButton)
    stop = service.operations.visit.route("State visit").stops[0]
    assert stop.point("vi") == "Hội đàm cấp cao" and stop.point("en").startswith("Talks")
    curator_window.captions.undo_stack.undo()  # both languages: one step
    stop = service.operations.visit.route("State visit").stops[0]
    assert stop.points == ()
    assert panel.points_fields["vi"].toPlainText() == ""


def test_a_route_written_elsewhere_appears_when_the_window_reads_again(
    curator_window, dialogs, project_path: Path, qtbot
) -> None:
    _project(project_path)
    tab = _open(curator_window, project_path, qtbot)
    panel = tab.route_panel
    assert panel.route_box.count() == 0 and not panel.rename_button.isEnabled()
    # `curator visit` writes while the project is closed (a file has one writer at a time)
    curator_window.controller.close_project()
    assert cli.main(["visit", "route", "add", str(project_path), "Press walk"]) == 0
    for panel_ref in ("1.2", "1.1"):
        assert cli.main(["visit", "stop", "add", str(project_path), "Press walk", panel_ref]) == 0
    curator_window.controller.open_project(project_path)
    window = curator_window.window
    window.workspace.setCurrentIndex(0)
    window.workspace.setCurrentWidget(tab)  # brought forward: read again
    assert panel.route_box.currentText() == "Press walk"
    assert panel.stops_table.rowCount() == 2
    assert _path_points(tab)[:2] == [(4500, 0), (1500, 0)]
    # renamed in the window: one step, undone
    dialogs.dialog_hook = lambda d: (d.name_field.setText("Press tour"), d.accept())
    QTest.mouseClick(panel.rename_button, Qt.MouseButton.LeftButton)
    service = curator_window.controller.service
    assert [r.name for r in service.operations.visit.routes()] == ["Press tour"]
    assert panel.route_box.currentText() == "Press tour"
    QTest.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert service.operations.visit.routes() == () and tab.scene.items_of("route") == {}
    curator_window.captions.undo_stack.undo()
    assert panel.route_box.currentText() == "Press tour"
    assert panel.stops_table.rowCount() == 2


def test_the_route_panel_speaks_the_interface_language(
    curator_window, project_path: Path, qtbot
) -> None:
    _project(project_path)
    tab = _open(curator_window, project_path, qtbot)
    curator_window.set_interface_language("x-pseudo")
    assert tab.tool_buttons[Tool.STOPS].text().startswith("[")
    assert tab.route_panel.new_button.text().startswith("[")
    assert tab.route_panel.total_label.text().startswith("[")


def test_a_route_written_on_the_server_by_another_writer_appears_in_the_open_tab(
    curator_window, server_project: str, qtbot
) -> None:
    with ProjectService.create(server_project, title="Hà Nội", languages=["vi", "ru"]) as made:
        first, second, _third = _panels(made)
    curator_window.controller.show_opened(ProjectService.open(server_project))
    window = curator_window.window
    window.workspace.setCurrentWidget(window.hall_tab)
    panel = window.hall_tab.route_panel
    qtbot.waitUntil(lambda: curator_window.remote.listening is not None)
    with ProjectService.open(server_project) as other:  # `curator visit` on another machine
        other.operations.visit.add_route("Press walk")
        other.operations.visit.add_stop("Press walk", panel_id=second)
        other.operations.visit.add_stop("Press walk", panel_id=first)
    qtbot.waitUntil(lambda: panel.stops_table.rowCount() == 2, timeout=15000)
    assert panel.route_box.currentText() == "Press walk"
    assert _path_points(window.hall_tab)[:2] == [(4500, 0), (1500, 0)]
