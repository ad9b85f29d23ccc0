"""The backup controller without a shown window: interval snapshots and restoring one.

Built as the window builds it (a main window never shown, the project controller, recording
dialogs) on a real project; snapshots are written by the task runner's workers as in the
window. A full disk is a real tmpfs filled up, skipped where mounting is not permitted.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from curator.core.editing import sections
from curator.core.services import ProjectService
from curator.core.storage.backups import backup_folder, list_snapshots, snapshot_file
from curator.ui.controllers.backup_controller import BackupController
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.main_window import MainWindow
from curator.ui.tasks import TaskRunner
from curator.ui.views.backups_dialog import when_text

pytestmark = pytest.mark.gui

#: Far enough ahead that the interval (ten minutes by default) has passed.
LATER = 10 * 24 * 3600.0


@dataclass
class Bench:
    window: MainWindow
    projects: ProjectController
    tasks: TaskRunner
    backups: BackupController


@pytest.fixture
def bench(hidden_window) -> Bench:
    w = hidden_window
    return Bench(
        w.window, w.projects, w.tasks, BackupController(w.window, w.projects, w.dialogs, w.tasks)
    )


def _add_section(bench: Bench, title: str) -> None:
    service = bench.projects.service
    assert service is not None
    sections.add_section(service, {"en": title}, {})


def _titles(bench: Bench) -> list[str]:
    service = bench.projects.service
    assert service is not None
    return [section.title["en"] for section in service.exhibition.sections()]


def test_an_interval_snapshot_is_taken_only_after_a_change(bench, project_path, qtbot):
    assert not bench.window.backups_action.isEnabled()
    assert bench.projects.open_project(project_path)
    assert bench.window.backups_action.isEnabled() and bench.backups.timer.isActive()
    now = time.monotonic()
    assert not bench.backups.check_interval(now + LATER)  # nothing changed yet
    _add_section(bench, "One")
    assert not bench.backups.check_interval(now)  # changed, but the interval has not passed
    assert bench.backups.check_interval(now + LATER)
    qtbot.waitUntil(lambda: not bench.backups.busy, timeout=10000)
    [snapshot] = list_snapshots(project_path)
    assert snapshot.reason == "interval"
    assert not bench.backups.check_interval(now + 2 * LATER)  # nothing changed since
    bench.projects.close_project()
    assert not bench.window.backups_action.isEnabled() and not bench.backups.timer.isActive()


def test_a_failed_interval_snapshot_is_said_and_not_retried_at_once(
    bench, dialogs, project_path, qtbot
):
    backup_folder(project_path).write_text("a file where the backups folder should be")
    assert bench.projects.open_project(project_path)
    _add_section(bench, "One")
    now = time.monotonic()
    assert bench.backups.check_interval(now + LATER)
    qtbot.waitUntil(lambda: not bench.backups.busy, timeout=10000)
    message = bench.window.statusBar().currentMessage()
    assert message.startswith("No backup could be saved: ")
    assert backup_folder(project_path).name in message
    assert not bench.backups.check_interval(now + LATER + 60)  # not every minute
    assert bench.backups.check_interval(now + 2 * LATER + 60)  # but after another interval
    qtbot.waitUntil(lambda: not bench.backups.busy, timeout=10000)
    assert dialogs.errors == []  # said in the status line, not in the person's way


@pytest.mark.parametrize("answer", [True, False])
def test_restoring_asks_then_puts_the_snapshot_back_and_keeps_the_present(
    bench, dialogs, project_path, qtbot, answer
):
    assert bench.projects.open_project(project_path)
    _add_section(bench, "Kept")
    snapshot = snapshot_file(project_path, "manual")
    _add_section(bench, "Added later")
    dialogs.confirm_answer = answer
    assert bench.backups.restore(snapshot.name) is answer
    assert len(dialogs.questions) == 1 and when_text(snapshot) in dialogs.questions[0]
    if not answer:
        assert _titles(bench) == ["Kept", "Added later"]
        assert len(list_snapshots(project_path)) == 1
        return
    qtbot.waitUntil(lambda: bench.projects.service is not None and not bench.backups.busy)
    assert _titles(bench) == ["Kept"]
    assert bench.window.statusBar().currentMessage() == (
        f"Restored the snapshot of {when_text(snapshot)}."
    )
    # The project as it was before the restore is a snapshot of its own: it can be undone.
    newest = list_snapshots(project_path)[-1]
    with ProjectService.open(newest.path, read_only=True) as before:
        assert [s.title["en"] for s in before.exhibition.sections()] == ["Kept", "Added later"]
    assert dialogs.errors == []


def test_restoring_an_unknown_snapshot_is_refused_and_the_project_reopened(
    bench, dialogs, project_path, qtbot
):
    assert bench.projects.open_project(project_path)
    _add_section(bench, "Kept")
    dialogs.confirm_answer = True
    assert bench.backups.restore("20260101T000000.000000Z-manual.curator")
    qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=10000)
    [(title, _text)] = dialogs.errors
    assert title == "Cannot restore the backup"
    assert bench.projects.service is not None and _titles(bench) == ["Kept"]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("mounting a tmpfs is not permitted here")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(folder: Path, leave: int) -> None:
    """Fill the disk under ``folder`` until about ``leave`` bytes are free."""
    with (folder / "filler").open("wb") as filler:
        while shutil.disk_usage(folder).free > leave + 65536:
            filler.write(b"\0" * 65536)
            filler.flush()
            os.fsync(filler.fileno())


@pytest.mark.parametrize("go_on", [True, False])
def test_restoring_on_a_full_disk_asks_to_go_on_without_a_backup(
    bench, dialogs, new_project, small_disk, qtbot, go_on
):
    project = new_project(small_disk / "ex.curator")
    assert bench.projects.open_project(project)
    _add_section(bench, "Kept")
    snapshot = snapshot_file(project, "manual")
    _add_section(bench, "Added later")
    bench.projects.close_project()
    # Room for the restored copy, not for a snapshot of the present beside it.
    _fill(small_disk, project.stat().st_size * 2 + 256 * 1024)
    assert bench.projects.open_project(project)
    answers = [True, go_on]  # "Restore?", then "Go on without a backup?"

    def confirm(_parent, _title: str, text: str, _accept: str) -> bool:
        dialogs.questions.append(text)
        return answers.pop(0)

    dialogs.confirm = confirm
    assert bench.backups.restore(snapshot.name)
    qtbot.waitUntil(lambda: len(dialogs.questions) == 2, timeout=10000)
    assert "Go on without a backup?" in dialogs.questions[1]
    if go_on:
        qtbot.waitUntil(lambda: "Restored" in bench.window.statusBar().currentMessage())
    qtbot.waitUntil(lambda: bench.projects.service is not None and not bench.backups.busy)
    assert _titles(bench) == (["Kept"] if go_on else ["Kept", "Added later"])
    assert [s.name for s in list_snapshots(project)] == [snapshot.name]
    assert dialogs.errors == []


def test_a_read_only_project_takes_and_restores_no_snapshot(bench, dialogs, project_path):
    with ProjectService.open(project_path) as other:
        sections.add_section(other, {"en": "One"}, {})
        snapshot = snapshot_file(project_path, "manual")
        dialogs.confirm_answer = True
        assert bench.projects.open_project(project_path)
        assert bench.projects.service.read_only
        assert bench.window.backups_action.isEnabled()  # the list can still be looked at
        assert not bench.backups.timer.isActive()
        assert not bench.backups.check_interval(time.monotonic() + LATER)
        assert not bench.backups.restore(snapshot.name)
        assert len(dialogs.questions) == 1  # only "open read-only?"
        assert len(list_snapshots(project_path)) == 1
