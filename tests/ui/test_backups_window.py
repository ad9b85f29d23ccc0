"""Backups in the window: snapshots before deleting, every few minutes, and Restore."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from curator.core.editing import sections
from curator.core.model import CaptionField, Photo
from curator.core.services import ProjectService
from curator.core.storage.backups import backup_folder, list_snapshots

pytestmark = [pytest.mark.gui, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, list[str], str]:
    path = tmp_path / "ex.curator"
    with ProjectService.create(path, title="T", languages=["vi", "en"]) as service:
        with service.store.transaction():
            ids = [
                service.photos.add(
                    Photo(id="", path=Path(f"/p/{i}.jpg"), sha256=f"h{i}", width=300, height=200)
                ).id
                for i in range(2)
            ]
        section = sections.add_section(service, {"vi": "Hà Nội"}, photo_ids=ids)[0]
        service.set_caption(ids[0], "en", CaptionField.CAPTION, "Hanoi in spring")
    return path, ids, section.id


def _answers(dialogs, *answers: bool) -> None:
    queue = list(answers)

    def confirm(parent, title: str, text: str, accept_text: str) -> bool:
        dialogs.questions.append(text)
        return queue.pop(0)

    dialogs.confirm = confirm


def test_delete_a_section_then_restore_it_from_the_backups_dialog(
    curator_window, dialogs, project, qtbot
) -> None:
    path, ids, section_id = project
    curator_window.controller.open_project(path)
    _answers(dialogs, True, True)  # delete the section; later, restore
    assert curator_window.sections.delete_section(section_id)
    service = curator_window.controller.service
    qtbot.waitUntil(lambda: service.exhibition.sections() == [], timeout=10000)
    service.set_caption(ids[0], "en", CaptionField.CAPTION, "")  # and a caption is cleared

    dialog = curator_window.backups.show_backups()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10000)
    assert dialog.table.item(0, 1).text() == "Before deleting a section — Hà Nội"
    assert not dialog.restore_button.isEnabled()  # nothing selected yet
    dialog.table.selectRow(0)
    dialog.restore_button.click()
    assert "saved as a snapshot first" in dialogs.questions[-1]
    qtbot.waitUntil(lambda: not curator_window.backups.busy, timeout=10000)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=10000)
    service = curator_window.controller.service
    assert service is not None and not service.read_only
    assert [s.id for s in service.exhibition.sections()] == [section_id]
    assert service.captions.get(ids[0], "en", CaptionField.CAPTION).text == "Hanoi in spring"
    assert "Hà Nội" in curator_window.window.exhibition.tree.topLevelItem(0).text(0)
    assert [s.reason for s in list_snapshots(path)] == ["delete-section", "restore"]
    assert dialog.table.item(0, 1).text().startswith("Before restoring a backup")


def test_a_failed_backup_asks_before_going_on(curator_window, dialogs, project, qtbot) -> None:
    path, _ids, section_id = project
    curator_window.controller.open_project(path)
    backup_folder(path).write_text("a file in the way")
    _answers(dialogs, True, False)  # delete; then no, not without a backup
    curator_window.sections.delete_section(section_id)
    qtbot.waitUntil(lambda: len(dialogs.questions) == 2, timeout=10000)
    assert "Could not save a backup" in dialogs.questions[1]
    assert "Go on without a backup?" in dialogs.questions[1]
    service = curator_window.controller.service
    assert [s.id for s in service.exhibition.sections()] == [section_id]
    _answers(dialogs, True, True)  # this time go on
    curator_window.sections.delete_section(section_id)
    qtbot.waitUntil(lambda: service.exhibition.sections() == [], timeout=10000)


def test_layout_over_panels_asks_when_no_backup_can_be_written(
    curator_window, dialogs, project, qtbot
) -> None:
    path, _ids, section_id = project
    curator_window.controller.open_project(path)
    layout = curator_window.layout
    layout.section_id = section_id
    assert layout.lay_out_section()  # nothing to replace yet: no snapshot needed
    qtbot.waitUntil(lambda: not layout.busy, timeout=20000)
    assert list_snapshots(path) == []
    assert layout.lay_out_section()
    qtbot.waitUntil(lambda: not layout.busy, timeout=20000)
    assert [s.reason for s in list_snapshots(path)] == ["layout"]
    shutil.rmtree(backup_folder(path))
    backup_folder(path).write_text("in the way")
    _answers(dialogs, True)
    assert layout.lay_out_section()
    qtbot.waitUntil(lambda: len(dialogs.questions) == 1, timeout=20000)
    qtbot.waitUntil(lambda: not layout.busy, timeout=20000)
    assert "Go on without a backup?" in dialogs.questions[0]
    assert curator_window.controller.service.exhibition.panels(section_id)


def test_interval_snapshots_only_when_something_changed(curator_window, project, qtbot) -> None:
    path, ids, _section_id = project
    curator_window.controller.open_project(path)
    backups = curator_window.backups
    assert backups.timer.isActive()
    schedule = backups.schedule
    assert schedule is not None and schedule.interval_s == 600
    later = schedule.last_time + 601
    assert not backups.check_interval(now=later)  # nothing changed since it opened
    curator_window.controller.service.set_caption(ids[1], "vi", CaptionField.CAPTION, "Mùa xuân")
    assert not backups.check_interval(now=schedule.last_time + 60)  # too soon
    assert backups.check_interval(now=later)
    qtbot.waitUntil(lambda: not backups.busy, timeout=10000)
    (snapshot,) = list_snapshots(path)
    assert snapshot.reason == "interval"
    assert not backups.check_interval(now=later + 601)  # nothing new since
    curator_window.controller.close_project()
    assert not backups.timer.isActive()
    assert not curator_window.window.backups_action.isEnabled()
