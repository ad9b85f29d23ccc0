"""The import controller without a shown window: the menu's file dialogs, refusals, relinking.

Built as the window builds it (a main window never shown, the project controller, the backup
controller, recording dialogs) on a real project with real JPEG files; the import and the
search for moved originals run on the task runner's workers as in the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from curator.core.services import ProjectService
from curator.core.storage.backups import backup_folder, list_snapshots
from curator.ui.controllers.backup_controller import BackupController
from curator.ui.controllers.import_controller import ImportController
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.main_window import MainWindow
from curator.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui


@dataclass
class Bench:
    window: MainWindow
    projects: ProjectController
    tasks: TaskRunner
    importer: ImportController


@pytest.fixture
def bench(hidden_window) -> Bench:
    w = hidden_window
    backups = BackupController(w.window, w.projects, w.dialogs, w.tasks)
    importer = ImportController(w.window, w.projects, w.dialogs, w.tasks, backups)
    return Bench(w.window, w.projects, w.tasks, importer)


def _photos(folder: Path, count: int, size: tuple[int, int] = (64, 48)) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        Image.new("RGB", size, (index * 9 % 255, 90, 160)).save(folder / f"ảnh {index:02}.jpg")
    return folder


def _wait(qtbot, bench: Bench) -> None:
    qtbot.waitUntil(lambda: not bench.importer.running, timeout=60000)


def _answer(dialogs, *paths: Path) -> list[QFileDialog]:
    """Choose ``paths`` in the next file dialog (none: Cancel); returns the dialogs shown."""
    shown: list[QFileDialog] = []

    def hook(dialog: QFileDialog) -> None:
        shown.append(dialog)
        if not paths:
            dialog.reject()
            return
        dialog.setDirectory(str(paths[0].parent))
        dialog.selectFile(" ".join(f'"{path.name}"' for path in paths))
        dialog.accept()

    dialogs.dialog_hook = hook
    return shown


def test_the_import_action_imports_the_chosen_files_and_cancel_nothing(
    bench, dialogs, project_path, tmp_path, qtbot
):
    folder = _photos(tmp_path / "in", 3)
    assert not bench.importer.import_files_action.isEnabled()  # no project yet
    assert bench.projects.open_project(project_path)
    assert bench.importer.import_files_action.isEnabled()
    shown = _answer(dialogs)
    bench.importer.import_files_action.trigger()
    assert len(shown) == 1 and not bench.importer.running
    assert bench.window.library.model.rowCount() == 0
    chosen = sorted(folder.iterdir())[:2]
    shown = _answer(dialogs, *chosen)
    bench.importer.import_files_action.trigger()
    assert shown[0].fileMode() == QFileDialog.FileMode.ExistingFiles
    _wait(qtbot, bench)
    assert bench.window.library.model.rowCount() == 2
    assert {photo.path.name for photo in bench.projects.service.photos.all()} == {
        path.name for path in chosen
    }
    assert "2 photos added" in bench.window.statusBar().currentMessage()
    assert dialogs.errors == [] and dialogs.warnings == []
    bench.projects.close_project()  # the start page offers nothing to import into
    actions = (bench.importer.import_files_action, bench.importer.import_folder_action)
    assert not any(action.isEnabled() for action in actions)
    assert not bench.importer.locate_missing_action.isEnabled()


def test_the_folder_action_imports_a_whole_folder(bench, dialogs, project_path, tmp_path, qtbot):
    folder = _photos(tmp_path / "in", 4)
    assert bench.projects.open_project(project_path)
    shown = _answer(dialogs, folder)
    bench.importer.import_folder_action.trigger()
    assert shown[0].fileMode() == QFileDialog.FileMode.Directory
    _wait(qtbot, bench)
    assert bench.projects.service.photos.count() == 4
    assert bench.importer.last_report is not None and len(bench.importer.last_report.added) == 4


def test_while_an_import_runs_another_is_refused(bench, project_path, tmp_path, qtbot):
    folder = _photos(tmp_path / "in", 6)
    assert not bench.importer.start_import([folder])  # no project
    assert bench.projects.open_project(project_path)
    assert not bench.importer.start_import([])
    assert bench.importer.start_import([folder])
    assert not bench.importer.import_files_action.isEnabled()
    assert not bench.importer.start_import([folder])
    assert not bench.importer.locate_missing([tmp_path])
    _wait(qtbot, bench)
    assert bench.importer.import_files_action.isEnabled()
    assert bench.projects.service.photos.count() == 6


def test_many_refused_files_are_listed_twelve_then_how_many_more(
    bench, dialogs, project_path, tmp_path, qtbot
):
    folder = _photos(tmp_path / "mixed", 1)
    for index in range(15):
        (folder / f"broken {index:02}.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really")
    assert bench.projects.open_project(project_path)
    assert bench.importer.start_import([folder])
    _wait(qtbot, bench)
    [(title, text)] = dialogs.warnings
    assert title == "Some files were not imported"
    assert "15 files refused" in text
    listed = [line for line in text.splitlines() if line.startswith("broken ")]
    assert len(listed) == 12
    assert text.splitlines()[-1] == "… and 3 more"
    assert bench.window.library.model.rowCount() == 1


def test_the_locate_action_finds_moved_originals_after_a_backup(
    bench, dialogs, project_path, tmp_path, qtbot
):
    folder = _photos(tmp_path / "before", 3)
    assert bench.projects.open_project(project_path)
    assert bench.importer.start_import([folder])
    _wait(qtbot, bench)
    moved = folder.rename(tmp_path / "after")
    shown = _answer(dialogs, moved)
    bench.importer.locate_missing_action.trigger()
    assert shown[0].fileMode() == QFileDialog.FileMode.Directory
    qtbot.waitUntil(lambda: bench.importer.last_relink is not None, timeout=30000)
    assert bench.window.statusBar().currentMessage() == "3 found again, 0 still missing"
    assert all(photo.path.parent == moved for photo in bench.projects.service.photos.all())
    assert len(list_snapshots(project_path)) == 1


@pytest.mark.parametrize("go_on", [True, False])
def test_when_the_backup_cannot_be_written_the_person_decides(
    bench, dialogs, project_path, tmp_path, qtbot, go_on
):
    folder = _photos(tmp_path / "before", 2)
    assert bench.projects.open_project(project_path)
    assert bench.importer.start_import([folder])
    _wait(qtbot, bench)
    moved = folder.rename(tmp_path / "after")
    backup_folder(project_path).write_text("not a folder")  # no snapshot can be written here
    dialogs.confirm_answer = go_on
    assert bench.importer.locate_missing([moved])
    qtbot.waitUntil(lambda: bool(dialogs.questions), timeout=30000)
    assert "Go on without a backup?" in dialogs.questions[0]
    if go_on:
        qtbot.waitUntil(lambda: bench.importer.last_relink is not None, timeout=30000)
        assert bench.window.statusBar().currentMessage() == "2 found again, 0 still missing"
    _wait(qtbot, bench)
    found = [photo.path.parent == moved for photo in bench.projects.service.photos.all()]
    assert found == [go_on, go_on]
    assert dialogs.errors == []


def test_a_read_only_project_looks_for_no_originals(bench, dialogs, project_path, tmp_path):
    with ProjectService.open(project_path):
        dialogs.confirm_answer = True
        assert bench.projects.open_project(project_path)
        assert not bench.importer.locate_missing_action.isEnabled()
        assert not bench.importer.locate_missing([tmp_path])
        assert bench.window.statusBar().currentMessage() != "Looking for missing originals…"


def test_closing_the_project_stops_a_running_import(bench, dialogs, project_path, tmp_path, qtbot):
    folder = _photos(tmp_path / "in", 30, size=(2400, 1600))
    assert bench.projects.open_project(project_path)
    assert bench.importer.start_import([folder])
    bench.projects.close_project()  # waits for the import to stop before the file closes
    assert bench.tasks.wait(0)  # no worker is still writing into the closed project
    qtbot.waitUntil(lambda: not bench.importer.running, timeout=10000)
    assert dialogs.errors == []
    with ProjectService.open(project_path) as reopened:  # not held by a worker any more
        assert not reopened.read_only


def test_cancel_in_the_progress_dialog_stops_and_keeps_what_was_imported(
    bench, dialogs, project_path, tmp_path, qtbot
):
    folder = _photos(tmp_path / "many", 30, size=(2400, 1600))
    assert bench.projects.open_project(project_path)
    assert bench.importer.start_import([folder])
    [progress] = bench.window.findChildren(QProgressDialog)
    model = bench.window.library.model
    qtbot.waitUntil(lambda: model.rowCount() >= 1, timeout=30000)
    progress.canceled.emit()  # the dialog's Cancel button
    assert progress.labelText() == "Stopping…"
    _wait(qtbot, bench)
    report = bench.importer.last_report
    assert report is not None and report.cancelled
    assert 1 <= len(report.added) < 30
    assert bench.projects.service.photos.count() == model.rowCount() == len(report.added)
    assert "cancelled" in bench.window.statusBar().currentMessage()
    assert dialogs.errors == []
