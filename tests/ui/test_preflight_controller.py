"""The preflight controller without a shown window: going to a finding, relinking an original.

Built as the window builds it (a main window never shown, the project controller, the layout
controller it draws with, recording dialogs) on the demo exhibition (real photos); the check
and the examination of a chosen file run on the task runner's workers as in the window.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from curator.core.checks.findings import Finding, Severity
from curator.core.editing.layout_service import auto_layout
from curator.core.errors import BackupError
from curator.core.services import ProjectService
from curator.core.storage.backups import backup_folder
from curator.demo import write_demo
from curator.ui.controllers.layout_controller import LayoutController
from curator.ui.controllers.preflight_controller import PreflightController
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.main_window import MainWindow
from curator.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui


@dataclass
class Bench:
    window: MainWindow
    projects: ProjectController
    tasks: TaskRunner
    layout: LayoutController
    preflight: PreflightController


@pytest.fixture
def bench(hidden_window) -> Bench:
    w = hidden_window
    layout = LayoutController(w.window, w.projects, w.dialogs, w.tasks, w.undo)
    preflight = PreflightController(w.window, w.projects, layout, w.dialogs, w.tasks)
    return Bench(w.window, w.projects, w.tasks, layout, preflight)


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path, created = write_demo(tmp_path / "demo")
    assert created
    with ProjectService.open(path) as service:
        for section in service.exhibition.sections():
            auto_layout(service, section.id, template="two-side-by-side")
    return path


@pytest.fixture
def lost(bench: Bench, demo: Path, tmp_path: Path) -> tuple[str, Path]:
    """The demo open with one original moved away: its photo id and the moved copy."""
    with ProjectService.open(demo, read_only=True) as service:
        photo = next(iter(service.photos.all()))
    copy = tmp_path / "elsewhere" / photo.path.name
    copy.parent.mkdir()
    shutil.move(photo.path, copy)
    assert bench.projects.open_project(demo)
    return photo.id, copy


def _choose(dialogs, path: Path | None) -> None:
    def hook(dialog: QFileDialog) -> None:
        if path is None:
            dialog.reject()
            return
        dialog.setDirectory(str(path.parent))
        dialog.selectFile(path.name)
        dialog.accept()

    dialogs.dialog_hook = hook


def test_a_finding_leads_to_its_photo_and_its_panel_on_the_canvas(bench, demo, qtbot):
    assert bench.projects.open_project(demo)
    service = bench.projects.service
    section = service.exhibition.sections()[1]
    panel = service.exhibition.panels(section.id)[0]
    slot = service.exhibition.slots(panel.id)[1]
    finding = Finding(
        Severity.WARNING,
        "test",
        "A finding",
        section_id=section.id,
        panel_id=panel.id,
        slot_id=slot.id,
        photo_id=slot.photo_id,
    )
    bench.window.preflight.finding_activated.emit(finding)
    assert bench.window.library.selected_photo_ids() == [slot.photo_id]
    assert bench.window.workspace.currentWidget() is bench.window.layout_canvas
    qtbot.waitUntil(lambda: bench.layout.drawn_section_id == section.id, timeout=20000)
    assert bench.window.layout_canvas.section_id == section.id


def test_only_a_photo_whose_original_is_lost_needs_a_relink(bench, lost):
    photo_id, _copy = lost
    others = [p.id for p in bench.projects.service.photos.all() if p.id != photo_id]
    assert bench.preflight.needs_relink(photo_id)
    assert not bench.preflight.needs_relink(others[0])
    assert not bench.preflight.needs_relink("no-such-photo")


def test_relinking_a_lost_original_stores_the_chosen_file(bench, dialogs, lost, qtbot):
    photo_id, copy = lost
    _choose(dialogs, None)  # Cancel: nothing happens
    bench.preflight.relink_photo(photo_id)
    assert bench.preflight.last_relinked is None
    _choose(dialogs, copy)
    bench.window.preflight.relink_requested.emit(photo_id)
    qtbot.waitUntil(lambda: bench.preflight.last_relinked == photo_id, timeout=30000)
    assert bench.projects.service.photos.get(photo_id).path == copy
    assert bench.window.statusBar().currentMessage() == f"{photo_id} now uses {copy.name}."
    assert not bench.preflight.needs_relink(photo_id)
    assert dialogs.errors == []


def test_a_file_with_other_content_is_used_only_when_the_person_agrees(
    bench, dialogs, lost, tmp_path, qtbot
):
    photo_id, _copy = lost
    from PIL import Image

    service = bench.projects.service
    other = tmp_path / "another photo.jpg"
    Image.new("RGB", (64, 48), (10, 200, 30)).save(other)
    dialogs.confirm_answer = False
    _choose(dialogs, other)
    bench.preflight.relink_photo(photo_id)
    qtbot.waitUntil(lambda: bool(dialogs.questions), timeout=30000)
    assert bench.preflight.last_relinked is None
    assert not service.photos.get(photo_id).path.exists()
    assert dialogs.errors == []
    dialogs.confirm_answer = True
    bench.preflight.relink_photo(photo_id)
    qtbot.waitUntil(lambda: bench.preflight.last_relinked == photo_id, timeout=30000)
    assert len(dialogs.questions) == 2 and service.photos.get(photo_id).path == other


@pytest.mark.parametrize("ask", ["nobody", "no", "yes"])
def test_a_relink_whose_backup_fails_is_refused_unless_the_person_goes_on(
    bench, dialogs, lost, qtbot, ask
):
    photo_id, copy = lost
    backup_folder(bench.projects.service.path).write_text("a file where the backups should be")
    asked: list[BackupError] = []
    if ask != "nobody":
        bench.preflight.go_on_without_backup = lambda error: bool(
            asked.append(error) or ask == "yes"
        )
    _choose(dialogs, copy)
    bench.preflight.relink_photo(photo_id)
    if ask == "yes":
        qtbot.waitUntil(lambda: bench.preflight.last_relinked == photo_id, timeout=30000)
        assert bench.projects.service.photos.get(photo_id).path == copy
    else:
        qtbot.waitUntil(lambda: bool(asked or dialogs.errors), timeout=30000)
        assert bench.preflight.last_relinked is None
        assert not bench.projects.service.photos.get(photo_id).path.exists()
    if ask == "nobody":
        [(title, text)] = dialogs.errors
        assert title == "Cannot relink the photo" and "Nothing was changed." in text
    else:
        assert len(asked) == 1 and dialogs.errors == []


def test_taking_a_photo_out_of_its_section_runs_the_check_again(bench, demo, qtbot):
    assert bench.projects.open_project(demo)
    removed: list[list[str]] = []
    bench.preflight.remove_photos = lambda ids: bool(removed.append(ids) or True)
    bench.preflight.run_check("catalogue")
    qtbot.waitUntil(lambda: bench.window.preflight.summary.text() != "Checking…", timeout=60000)
    bench.window.preflight.summary.setText("")
    bench.window.preflight.remove_from_section_requested.emit("p1")
    assert removed == [["p1"]]
    assert bench.window.preflight.summary.text() == "Checking…"
    qtbot.waitUntil(lambda: bench.window.preflight.summary.text() != "Checking…", timeout=60000)
