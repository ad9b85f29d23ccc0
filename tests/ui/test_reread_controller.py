"""The re-read controller without a shown window: File > Re-read Metadata on a real project.

The originals' metadata is changed with exiftool after the import, as a photographer's tool
would; the re-read runs on the task runner's worker as in the window.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from curator.core.services import ProjectService
from curator.ingest.importer import ImportOptions, import_paths
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.controllers.reread_controller import RereadController
from curator.ui.main_window import MainWindow
from curator.ui.settings import Preferences
from curator.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui


@dataclass
class Bench:
    window: MainWindow
    projects: ProjectController
    tasks: TaskRunner
    reread: RereadController


@pytest.fixture
def bench(qtbot, tmp_path: Path, dialogs) -> Iterator[Bench]:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    tasks = TaskRunner(QApplication.instance())
    window = MainWindow(tasks)
    qtbot.addWidget(window)
    projects = ProjectController(window, Preferences(settings), dialogs, tasks)
    made = Bench(window, projects, tasks, RereadController(window, projects, dialogs, tasks))
    yield made
    projects.close_project()
    tasks.wait(5000)


def _originals(folder: Path, count: int, size=(64, 48)) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for index in range(count):
        path = folder / f"ảnh {index:02}.jpg"
        Image.new("RGB", size, (index * 9 % 255, 90, 160)).save(path)
        files.append(path)
    return files


def _imported(project: Path, folder: Path, count: int, size=(64, 48)) -> list[Path]:
    files = _originals(folder, count, size)
    _import(project, folder, count)
    return files


def _import(project: Path, folder: Path, count: int) -> None:
    with ProjectService.open(project) as service:
        report = import_paths(service, [folder], ImportOptions())
        assert len(report.added) == count


def _as_before_migration_11(project: Path) -> None:
    """Forget the lens and job id, as a project imported before Curator read them."""
    with closing(sqlite3.connect(project)) as conn, conn:
        conn.execute("UPDATE photo SET lens = NULL, job_id = NULL")


def _exiftool(*args: str) -> None:
    if shutil.which("exiftool") is None:
        pytest.skip("exiftool is not installed")
    subprocess.run(["exiftool", "-q", "-overwrite_original", *args], check=True)


def test_the_action_reads_the_metadata_again_and_says_how_many(
    bench, dialogs, project_path, tmp_path, qtbot
):
    files = _originals(tmp_path / "in", 3)
    _exiftool("-LensModel=XF 56mm F1.2", "-IPTC:OriginalTransmissionReference=JOB-7", str(files[1]))
    _import(project_path, tmp_path / "in", 3)
    _as_before_migration_11(project_path)
    assert not bench.reread.reread_action.isEnabled()
    assert bench.projects.open_project(project_path)
    assert bench.reread.reread_action.isEnabled()
    bench.reread.reread_action.trigger()
    assert bench.reread.running and not bench.reread.reread_action.isEnabled()
    qtbot.waitUntil(lambda: bench.reread.last_report is not None, timeout=30000)
    assert not bench.reread.running and bench.reread.reread_action.isEnabled()
    assert bench.window.statusBar().currentMessage() == (
        "1 photo updated from its file; 2 unchanged"
    )
    photos = {photo.path.name: photo for photo in bench.projects.service.photos.all()}
    assert photos[files[1].name].lens == "XF 56mm F1.2"
    assert photos[files[1].name].job_id == "JOB-7"
    assert photos[files[0].name].lens is None
    assert dialogs.errors == []
    bench.projects.close_project()
    assert not bench.reread.reread_action.isEnabled()  # nothing to re-read on the start page


def test_an_original_changed_since_the_import_is_not_read_into_the_project(
    bench, dialogs, project_path, tmp_path, qtbot
):
    files = _imported(project_path, tmp_path / "in", 2)
    _exiftool("-LensModel=XF 23mm", str(files[0]))
    assert bench.projects.open_project(project_path)
    assert bench.reread.start()
    qtbot.waitUntil(lambda: bench.reread.last_report is not None, timeout=30000)
    assert "1 original is no longer the imported file" in (
        bench.window.statusBar().currentMessage()
    )
    assert all(photo.lens is None for photo in bench.projects.service.photos.all())
    assert dialogs.errors == []


def test_a_missing_original_is_counted_not_an_error(bench, dialogs, project_path, tmp_path, qtbot):
    files = _imported(project_path, tmp_path / "in", 2)
    files[0].unlink()
    assert bench.projects.open_project(project_path)
    assert bench.reread.start()
    assert not bench.reread.start()  # one at a time
    qtbot.waitUntil(lambda: bench.reread.last_report is not None, timeout=30000)
    assert "1 original missing" in bench.window.statusBar().currentMessage()
    assert dialogs.errors == []


def test_a_read_only_project_is_not_reread(bench, dialogs, project_path, tmp_path):
    _imported(project_path, tmp_path / "in", 1)
    with ProjectService.open(project_path):
        dialogs.confirm_answer = True
        assert bench.projects.open_project(project_path)
        assert not bench.reread.reread_action.isEnabled()
        assert not bench.reread.start()
        assert bench.reread.last_report is None and not bench.reread.running


def test_a_full_disk_is_reported_with_its_reason_and_nothing_half_written(
    bench, dialogs, tmp_path, new_project, qtbot
):
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)])
    if done.returncode != 0:
        pytest.skip("mounting a tmpfs is not permitted here")
    try:
        project = new_project(mount / "ex.curator")
        files = _originals(mount / "in", 2)
        _exiftool("-LensModel=XF 23mm", str(files[0]))
        _import(project, mount / "in", 2)
        _as_before_migration_11(project)
        assert bench.projects.open_project(project)
        # unbuffered: a write the full disk refused is not tried again when the file closes
        with (mount / "filler").open("wb", buffering=0) as filler:  # the disk fills up meanwhile
            try:
                while True:
                    filler.write(b"\0" * 65536)
            except OSError:
                pass
        if bench.reread.start():
            qtbot.waitUntil(lambda: not bench.reread.running, timeout=30000)
        [(title, text)] = dialogs.errors
        assert title == "Cannot read the originals"
        assert "full" in text.lower() or "space" in text.lower()
        assert bench.reread.last_report is None
        assert bench.reread.reread_action.isEnabled()  # the person may try again
        (mount / "filler").unlink()
        assert all(photo.lens is None for photo in bench.projects.service.photos.all())
    finally:
        bench.projects.close_project()
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_closing_the_project_stops_a_running_reread(bench, project_path, tmp_path, qtbot):
    _imported(project_path, tmp_path / "in", 20, size=(2400, 1600))
    assert bench.projects.open_project(project_path)
    assert bench.reread.start()
    bench.projects.close_project()
    assert bench.tasks.wait(0)  # no worker is still writing into the closed project
    assert not bench.reread.running and not bench.reread.reread_action.isEnabled()
