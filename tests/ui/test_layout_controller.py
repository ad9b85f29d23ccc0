"""The layout controller without a shown window: laying out, arranging on the canvas, undo.

Built as the window builds it (a main window never shown, the project controller, the backup
controller, the window's undo stack, recording dialogs) on the demo exhibition (real photos).
The canvas's signals are emitted as its drops and clicks emit them; what is asserted is the
arrangement stored, the canvas drawn, the undo stack's text and the messages shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from curator.core.editing.layout_service import auto_layout
from curator.core.services import ProjectService
from curator.core.storage.backups import backup_folder
from curator.demo import write_demo
from curator.ui.controllers.backup_controller import BackupController
from curator.ui.controllers.layout_controller import LayoutController
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.main_window import MainWindow
from curator.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui


@dataclass
class Bench:
    window: MainWindow
    projects: ProjectController
    tasks: TaskRunner
    undo: QUndoStack
    layout: LayoutController


@pytest.fixture
def bench(hidden_window) -> Bench:
    w = hidden_window
    backups = BackupController(w.window, w.projects, w.dialogs, w.tasks)
    layout = LayoutController(w.window, w.projects, w.dialogs, w.tasks, w.undo, backups)
    w.window.workspace.setCurrentWidget(w.window.layout_canvas)  # a hidden canvas is not drawn
    return Bench(w.window, w.projects, w.tasks, w.undo, layout)


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path, created = write_demo(tmp_path / "demo")
    assert created
    return path


@pytest.fixture
def laid_out(demo: Path) -> Path:
    """The demo, two photos side by side on each panel."""
    with ProjectService.open(demo) as service:
        for section in service.exhibition.sections():
            auto_layout(service, section.id, template="two-side-by-side")
    return demo


def _panels(bench: Bench, section_id: str) -> list[list[str]]:
    service = bench.projects.service
    assert service is not None
    return [
        [slot.photo_id or "" for slot in service.exhibition.slots(panel.id)]
        for panel in service.exhibition.panels(section_id)
    ]


def _section_ids(bench: Bench) -> list[str]:
    service = bench.projects.service
    assert service is not None
    return [section.id for section in service.exhibition.sections()]


def _show(bench: Bench, qtbot, section_id: str) -> None:
    bench.layout.show_section(section_id)
    qtbot.waitUntil(lambda: bench.layout.drawn_section_id == section_id, timeout=20000)


def _wait_laid_out(bench: Bench, qtbot) -> None:
    qtbot.waitUntil(lambda: not bench.layout.busy, timeout=60000)


def test_laying_out_every_section_draws_the_first_and_undoes_in_one_step(
    bench, dialogs, demo, qtbot
):
    assert bench.projects.open_project(demo)
    sections = _section_ids(bench)
    assert all(_panels(bench, section_id) == [] for section_id in sections)
    assert bench.layout.lay_out_button.text() == "Lay Out Every Section"
    bench.layout.lay_out_button.click()
    assert bench.layout.busy
    assert not bench.layout.lay_out_section()  # one at a time
    _wait_laid_out(bench, qtbot)
    assert all(_panels(bench, section_id) for section_id in sections)
    qtbot.waitUntil(lambda: bench.layout.drawn_section_id == sections[0], timeout=20000)
    assert bench.layout.lay_out_button.text() == "Lay Out This Section"
    assert len(bench.window.layout_canvas.panels) == len(_panels(bench, sections[0]))
    assert bench.undo.count() == 1 and bench.undo.undoText() == "Lay out every section"
    bench.undo.undo()
    assert all(_panels(bench, section_id) == [] for section_id in sections)
    bench.undo.redo()
    assert all(_panels(bench, section_id) for section_id in sections)
    assert dialogs.errors == []


@pytest.mark.parametrize("go_on", [True, False])
def test_a_new_layout_without_a_backup_is_asked_first(
    bench, dialogs, laid_out, qtbot, tmp_path, go_on
):
    assert bench.projects.open_project(laid_out)
    section_id = _section_ids(bench)[2]
    _show(bench, qtbot, section_id)
    before = _panels(bench, section_id)
    backup_folder(laid_out).write_text("a file where the backups folder should be")
    dialogs.confirm_answer = go_on
    assert bench.layout.lay_out_section()
    qtbot.waitUntil(lambda: bool(dialogs.questions), timeout=30000)
    assert "Go on without a backup?" in dialogs.questions[0]
    _wait_laid_out(bench, qtbot)
    qtbot.waitUntil(lambda: bench.layout.drawn_section_id == section_id, timeout=20000)
    assert bench.undo.count() == (1 if go_on else 0)
    if go_on:
        assert bench.undo.undoText() == "Lay out the section"
        bench.undo.undo()
    assert _panels(bench, section_id) == before  # as it was, whichever the answer
    assert dialogs.errors == []


def test_drops_and_clicks_on_the_canvas_arrange_the_photos_with_undo(
    bench, dialogs, laid_out, qtbot
):
    assert bench.projects.open_project(laid_out)
    section_id = _section_ids(bench)[2]
    _show(bench, qtbot, section_id)
    view = bench.window.layout_canvas.view
    panels = bench.window.layout_canvas.panels
    assert len(panels) == 2
    first, second = panels[0], panels[1]
    a, b = first.slots[0], first.slots[1]
    start = _panels(bench, section_id)
    view.slot_clicked.emit(b.slot_id)  # a click on a photo selects it in the library
    assert bench.window.library.selected_photo_ids() == [b.photo_id]
    view.slot_dropped.emit(a.slot_id, first.panel_id, a.slot_id)  # dropped on itself
    view.slot_dropped.emit(a.slot_id, first.panel_id, "")  # beside, on its own panel
    view.panel_dropped.emit(first.panel_id, first.panel_id, True)
    assert bench.undo.count() == 0 and _panels(bench, section_id) == start
    view.slot_dropped.emit(a.slot_id, first.panel_id, b.slot_id)
    assert _panels(bench, section_id)[0] == [b.photo_id, a.photo_id]
    assert bench.undo.undoText() == "Swap two photos"
    view.panel_dropped.emit(first.panel_id, second.panel_id, True)  # on its right half
    assert bench.undo.undoText() == "Move a panel"
    assert _panels(bench, section_id)[1] == [b.photo_id, a.photo_id]
    qtbot.waitUntil(lambda: bench.layout.drawn_section_id == section_id, timeout=20000)
    moved = bench.window.layout_canvas.panels[1].slots[0]
    view.slot_dropped.emit(moved.slot_id, bench.window.layout_canvas.panels[0].panel_id, "")
    assert bench.undo.undoText() == "Place 1 photo on a panel"
    assert moved.photo_id in _panels(bench, section_id)[0]
    for _step in range(3):
        bench.undo.undo()
    assert _panels(bench, section_id) == start
    assert dialogs.errors == []


def test_a_refused_arrangement_is_said_and_nothing_changes(bench, dialogs, laid_out, qtbot):
    assert bench.projects.open_project(laid_out)
    section_id = _section_ids(bench)[2]
    _show(bench, qtbot, section_id)
    start = _panels(bench, section_id)
    panel = bench.window.layout_canvas.panels[0]
    assert not bench.layout.place_photos(["no-such-photo"], panel.panel_id)
    [(title, text)] = dialogs.errors
    assert title == "The change was not saved"
    assert "no-such-photo" in text
    assert not bench.layout.swap_slots(panel.slots[0].slot_id, panel.slots[0].slot_id)
    assert bench.undo.count() == 0 and _panels(bench, section_id) == start


def test_nothing_is_placed_beside_the_panels_when_no_section_is_shown(bench, laid_out):
    assert bench.projects.open_project(laid_out)
    photo_id = next(iter(bench.projects.service.photos.all())).id
    assert bench.layout.section_id is None
    assert not bench.layout.place_in_section([photo_id])
    assert bench.undo.count() == 0


def test_a_read_only_project_is_drawn_but_not_arranged(bench, dialogs, laid_out, qtbot):
    with ProjectService.open(laid_out):
        dialogs.confirm_answer = True
        assert bench.projects.open_project(laid_out)
        section_id = _section_ids(bench)[2]
        _show(bench, qtbot, section_id)
        start = _panels(bench, section_id)
        canvas = bench.window.layout_canvas
        assert len(canvas.panels) == 2 and not canvas.view.editable
        slot = canvas.panels[0].slots[0]
        assert not bench.layout.lay_out_section()
        assert not bench.layout.edit_crop(slot.slot_id)  # no dialog opens
        assert not bench.layout.place_in_section([slot.photo_id])
        assert not bench.layout.swap_slots(slot.slot_id, canvas.panels[0].slots[1].slot_id)
        assert _panels(bench, section_id) == start
        assert bench.undo.count() == 0 and dialogs.errors == []


def test_a_hidden_canvas_is_drawn_once_the_layout_tab_is_shown(bench, laid_out, qtbot):
    assert bench.projects.open_project(laid_out)
    window = bench.window
    window.workspace.setCurrentWidget(window.photo_view)
    section_id = _section_ids(bench)[1]
    bench.layout.show_section(section_id)  # as a click in the tree does
    bench.tasks.wait(5000)
    QApplication.processEvents()
    assert bench.layout.section_id == section_id
    assert bench.layout.drawn_section_id is None and window.layout_canvas.panels == []
    window.workspace.setCurrentWidget(window.layout_canvas)
    qtbot.waitUntil(lambda: bench.layout.drawn_section_id == section_id, timeout=20000)
    assert len(window.layout_canvas.panels) == len(_panels(bench, section_id))


def test_requests_in_one_turn_of_the_loop_are_read_once(bench, laid_out, qtbot, monkeypatch):
    assert bench.projects.open_project(laid_out)
    first, second = _section_ids(bench)[:2]
    _show(bench, qtbot, first)
    reads = []
    read = bench.projects.read_in_background
    monkeypatch.setattr(
        bench.projects, "read_in_background", lambda *args: reads.append(args) or read(*args)
    )
    # A section move: the tree selects the moved section, then the undo step is pushed.
    bench.layout.show_section(second)
    bench.layout.show_section(second)
    qtbot.waitUntil(lambda: bench.layout.drawn_section_id == second, timeout=20000)
    assert len(reads) == 1
    assert len(bench.window.layout_canvas.panels) == len(_panels(bench, second))
