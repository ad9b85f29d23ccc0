"""GUI-thread time of the Hall tab on a hall of 20 walls and 60 panels, in the real window.

Usage: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/hall_bench.py``

Builds a project with 60 panels in 6 sections and a hall of 20 walls (a zigzag of rooms, a
door in every other wall) and 2 stands, places the panels automatically, opens it in the
real wired window with the Hall tab in front and measures, 50 times each, the time the GUI
thread spends on: reading and drawing the whole plan (hall, panel sizes, every check), a
panel dropped on another wall (the write, the undo step, the plan drawn again), one undo,
and one paint of the view (grid, walls, panels). The baseline is the same reading and
drawing of an empty hall, measured in the same run; times are wall and thread CPU time.
Not a test: times depend on the machine.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from curator.core.hall.model import Door
from curator.core.services import ProjectService
from curator.ui.app import build_window
from curator.ui.settings import Preferences

REPEATS = 50


def _build(path: Path, walls: int) -> list[str]:
    ProjectService.create(path, title="Hall bench", languages=["vi", "ru", "en"]).close()
    with ProjectService.open(path) as service:
        ids: list[str] = []
        for number in range(6):
            title = {"vi": f"Phần {number}", "ru": f"Часть {number}", "en": f"Part {number}"}
            section = service.add_section(title)
            with service.store.transaction():
                ids += [
                    service.exhibition.add_panel(section.id, 900.0, 1500.0).id for _ in range(10)
                ]
        hall = service.operations.hall
        for index in range(walls):
            x = 6000.0 * (index // 2)
            start, end = (
                ((x, 0.0), (x + 6000.0, 0.0))
                if index % 2 == 0
                else ((x + 6000.0, 0.0), (x + 6000.0, 5000.0))
            )
            doors = (Door(1000.0, 900.0, 2100.0),) if index % 2 else ()
            hall.add_wall(start, end, 3000.0, doors)
        hall.add_stand((3000.0, 2500.0), 0.0, 3000.0, 2000.0)
        hall.add_stand((9000.0, 2500.0), 0.0, 3000.0, 2000.0)
        hall.place_auto()
        return ids


def _times(action: Callable[[], object]) -> tuple[float, float]:
    """Median wall and thread CPU milliseconds of ``action`` over REPEATS runs."""
    walls, cpus = [], []
    app = QApplication.instance()
    assert app is not None
    for _ in range(REPEATS):
        app.processEvents()
        wall, cpu = time.perf_counter(), time.thread_time()
        action()
        cpus.append((time.thread_time() - cpu) * 1000)
        walls.append((time.perf_counter() - wall) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def main() -> int:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        empty = folder / "empty.curator"
        full = folder / "hall.curator"
        _build(empty, 0)
        panel_ids = _build(full, 20)
        bundle = build_window(
            app, Preferences(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
        )
        window, hall = bundle.window, bundle.hall
        assert hall is not None
        window.resize(1400, 900)
        window.show()
        window.workspace.setCurrentWidget(window.hall_tab)
        rows: list[tuple[str, tuple[float, float]]] = []
        bundle.controller.open_project(empty)
        baseline = _times(hall.refresh)
        bundle.controller.close_project()
        bundle.controller.open_project(full)
        service = bundle.controller.service
        assert service is not None
        plan = service.operations.hall.get()
        counts = (len(plan.walls), len(plan.stands), len(plan.placements))
        print("{} walls, {} stands, {} panels placed".format(*counts))
        rows.append(("read and draw the plan", _times(hall.refresh)))
        moves = iter(range(10**6))
        stack = bundle.captions.undo_stack

        def drop() -> None:
            number = 1 + 2 * (next(moves) % 10)
            centre = (6000.0 * (number // 2) + 3000.0, 200.0)
            hall._on_panel_dropped(panel_ids[0], centre, 50.0)  # what the view's drop calls

        rows.append(("drop a panel on another wall", _times(drop)))
        rows.append(("undo", _times(stack.undo)))
        port = window.hall_tab.view.viewport()
        window.hall_tab.view.fit()
        rows.append(("paint the plan", _times(lambda: port.repaint())))
        bundle.controller.close_project()
        bundle.tasks.wait(5000)
    print(
        f"baseline, an empty hall read and drawn: {baseline[0]:.2f} ms ({baseline[1]:.2f} ms CPU)"
    )
    for name, (wall, cpu) in rows:
        print(f"{name}: {wall:.2f} ms ({cpu:.2f} ms CPU), {wall / baseline[0]:.1f}× the baseline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
