"""A large project is shown a panel an event-loop turn, the collector held until then (issue 21).

Handing a 10,000-photo project's data to every panel in one call held the window's thread
for 110–165 ms under load, and Python's full collections (walking every row read) added
50–450 ms on whichever thread allocated. Now the panels take their part one turn at a time,
the status bar saying so, and the project's objects are out of the collector's sight once
shown.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from curator.core.model import Photo
from curator.core.services import ProjectService
from curator.ui.collector import CollectorHold
from curator.ui.controllers.project_showing import SteppedShow

pytestmark = pytest.mark.gui

#: Enough photos for the project to be read on a worker (``_READ_IN_BACKGROUND_FROM``).
_LARGE = 1600


def _large_project(tmp_path: Path) -> Path:
    path = tmp_path / "large.curator"
    with (
        ProjectService.create(path, title="Large", languages=["vi", "en"]) as service,
        service.store.transaction(),
    ):
        ids = [
            service.photos.add(
                Photo(id="", path=tmp_path / f"{i}.jpg", sha256=f"{i:064x}", width=3, height=2)
            ).id
            for i in range(_LARGE)
        ]
        section = service.exhibition.add_section({"en": "Part one"})
        service.exhibition.assign(section.id, ids[:1000])
    return path


def test_what_a_step_asks_for_runs_before_the_next_step(qtbot) -> None:
    log: list[str] = []
    showing = SteppedShow()

    def first() -> None:
        log.append("first")
        QTimer.singleShot(0, lambda: log.append("asked by first"))

    showing.run([first, lambda: log.append("second"), lambda: log.append("third")])
    assert showing.busy and log == []  # nothing runs inside run()
    qtbot.waitUntil(lambda: len(log) == 4, timeout=5000)
    assert log == ["first", "asked by first", "second", "third"]
    assert not showing.busy


def test_a_cancelled_show_runs_no_more_steps(qtbot) -> None:
    log: list[str] = []
    showing = SteppedShow()
    showing.run([lambda: log.append("first"), showing.cancel, lambda: log.append("never")])
    qtbot.waitUntil(lambda: not showing.busy, timeout=5000)
    qtbot.wait(50)
    assert log == ["first"]


def test_a_large_project_is_shown_in_steps_saying_so_then_frozen(
    curator_window, tmp_path: Path, qtbot
) -> None:
    path = _large_project(tmp_path)
    bundle = curator_window
    window = bundle.window
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    assert gc.isenabled()
    assert bundle.controller.open_project(path)
    assert not gc.isenabled()  # held while the worker reads the rows
    qtbot.waitUntil(
        lambda: window.library.model.rowCount() == _LARGE and not bundle.controller.showing.busy,
        timeout=30000,
    )
    qtbot.waitUntil(lambda: gc.isenabled(), timeout=5000)
    assert gc.get_freeze_count() > 0  # the project's rows are out of the collector's sight
    assert "Reading the project…" in messages
    assert "Showing the project…" in messages
    assert window.statusBar().currentMessage() == ""
    assert window.project_label.text().startswith(f"{_LARGE} photos")
    tree = window.exhibition.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 2, timeout=30000)  # + unplaced
    bundle.controller.close_project()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # handed back: cycles of the closed project go


def test_closing_while_the_project_is_read_lets_the_collector_run_again(
    curator_window, tmp_path: Path, qtbot
) -> None:
    path = _large_project(tmp_path)
    bundle = curator_window
    assert bundle.controller.open_project(path)
    assert not gc.isenabled()
    bundle.controller.close_project()  # the worker's result will be dropped
    assert gc.isenabled()
    bundle.tasks.wait(10000)
    qtbot.wait(50)
    assert gc.isenabled()
    assert bundle.window.library.model.rowCount() == 0


def test_a_hold_released_freezes_and_a_hold_dropped_does_not() -> None:
    hold = CollectorHold()
    gc.unfreeze()
    hold.hold()
    hold.hold()  # one hold at a time
    assert hold.held and not gc.isenabled()
    hold.drop()
    assert gc.isenabled() and gc.get_freeze_count() == 0
    hold.hold()
    hold.release()
    assert gc.isenabled() and gc.get_freeze_count() > 0
    hold.release()  # nothing held: nothing more happens
    gc.unfreeze()
    gc.disable()
    try:
        hold.hold()
        hold.release()
        assert not gc.isenabled()  # collection was off before: it stays off
    finally:
        gc.enable()
        gc.unfreeze()
