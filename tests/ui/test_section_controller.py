"""The section controller without a shown window: sections added, renamed, filled, deleted, undone.

Built as the window builds it (a main window never shown, the project controller, the window's
undo stack, recording dialogs) on a real project with real photo files. What is asserted is
what the person sees: the exhibition tree, the status line, the message of a refusal, and
the project as stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtGui import QUndoStack

from curator.core.model import Photo
from curator.core.services import ProjectService
from curator.core.storage.backups import list_snapshots
from curator.ui.controllers.backup_controller import BackupController
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.controllers.section_controller import SectionController
from curator.ui.main_window import MainWindow
from curator.ui.tasks import TaskRunner
from curator.ui.views.exhibition_panel import SectionDialog

pytestmark = pytest.mark.gui


@dataclass
class Bench:
    window: MainWindow
    projects: ProjectController
    tasks: TaskRunner
    undo: QUndoStack
    sections: SectionController


def _bench(w, *, backups: bool) -> Bench:
    guard = BackupController(w.window, w.projects, w.dialogs, w.tasks) if backups else None
    sections = SectionController(w.window, w.projects, w.dialogs, w.undo, guard)
    return Bench(w.window, w.projects, w.tasks, w.undo, sections)


@pytest.fixture
def bench(hidden_window) -> Bench:
    return _bench(hidden_window, backups=False)


@pytest.fixture
def guarded(hidden_window) -> Bench:
    return _bench(hidden_window, backups=True)


@pytest.fixture
def photo_ids(project_path: Path, tmp_path: Path) -> list[str]:
    """Three photos in the project, in no section."""
    ids = []
    with ProjectService.open(project_path) as service, service.store.transaction():
        for index in range(3):
            image = tmp_path / f"{index}.jpg"
            Image.new("RGB", (40, 30), (index * 60, 0, 0)).save(image)
            photo = Photo(id="", path=image, sha256=f"s{index}", width=40, height=30)
            ids.append(service.photos.add(photo).id)
    return ids


def _tree(bench: Bench) -> list[tuple[str, int]]:
    """The exhibition tree's sections: their label and how many photos they show."""
    tree = bench.window.exhibition.tree
    rows = []
    for index in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(index)
        rows.append((item.text(0), item.childCount()))
    return rows


def _stored(bench: Bench) -> list[tuple[str, list[str]]]:
    service = bench.projects.service
    assert service is not None
    return [
        (section.title.get("en", ""), service.exhibition.photo_ids(section.id))
        for section in service.exhibition.sections()
    ]


def _new(bench: Bench, title: str) -> str:
    section_id = bench.sections.add_section({"en": title}, {})
    assert section_id is not None
    return section_id


def test_a_section_typed_in_the_dialog_is_added_and_an_undo_takes_it_away(
    bench, dialogs, project_path
):
    assert bench.projects.open_project(project_path)

    def type_title(dialog: SectionDialog) -> None:
        assert dialog.windowTitle() == "New Section"
        dialog.title_edits["en"].setText("The signing")
        dialog.intro_edits["en"].setPlainText("Hà Nội, 1994.")
        dialog.accept()

    dialogs.dialog_hook = type_title
    bench.window.exhibition.new_section_action.trigger()
    assert _stored(bench) == [("The signing", [])]
    assert bench.undo.undoText() == "New section “The signing”"
    assert len(_tree(bench)) == 1 and "The signing" in _tree(bench)[0][0]
    bench.undo.undo()
    assert _stored(bench) == [] and _tree(bench) == []
    bench.undo.redo()
    assert _stored(bench) == [("The signing", [])]
    assert bench.projects.service.exhibition.sections()[0].intro["en"] == "Hà Nội, 1994."


def test_a_section_without_a_title_is_refused_with_the_reason(bench, dialogs, project_path):
    assert bench.projects.open_project(project_path)
    dialogs.dialog_hook = lambda dialog: dialog.accept()  # OK with every field empty
    assert bench.sections.ask_new_section() is None
    [(title, text)] = dialogs.errors
    assert title == "The change was not saved"
    assert text == "A section needs a title in at least one language."
    assert _stored(bench) == [] and bench.undo.count() == 0


def test_renaming_in_the_dialog_can_be_undone(bench, dialogs, project_path):
    assert bench.projects.open_project(project_path)
    section_id = _new(bench, "Draft")
    bench.window.exhibition.select(section_id=section_id)

    def rename(dialog: SectionDialog) -> None:
        assert dialog.title_edits["en"].text() == "Draft"
        dialog.title_edits["en"].setText("Final")
        dialog.accept()

    dialogs.dialog_hook = rename
    bench.window.exhibition.rename_section_action.trigger()
    assert _stored(bench) == [("Final", [])]
    assert bench.undo.undoText() == "Rename section “Draft”"
    bench.undo.undo()
    assert _stored(bench) == [("Draft", [])]


def test_photos_placed_moved_and_taken_out_each_undo(bench, project_path, photo_ids):
    assert bench.projects.open_project(project_path)
    first, second = _new(bench, "One"), _new(bench, "Two")
    assert bench.sections.place_photos(photo_ids[:2], first, "")
    assert bench.sections.place_photos(photo_ids[2:], first, photo_ids[0])
    assert _stored(bench) == [("One", [photo_ids[2], *photo_ids[:2]]), ("Two", [])]
    assert [count for _label, count in _tree(bench)] == [3, 0]
    assert bench.sections.move_section(second, 0)
    assert [title for title, _ids in _stored(bench)] == ["Two", "One"]
    assert bench.sections.remove_photos([photo_ids[0]])
    assert _stored(bench)[1] == ("One", [photo_ids[2], photo_ids[1]])
    bench.undo.undo()  # the photo back in its place
    assert _stored(bench)[1] == ("One", [photo_ids[2], *photo_ids[:2]])
    bench.undo.undo()  # the sections back in their order
    assert [title for title, _ids in _stored(bench)] == ["One", "Two"]
    bench.undo.undo()
    assert _stored(bench)[0] == ("One", photo_ids[:2])


def test_a_photo_or_section_that_is_not_there_is_refused_and_said(
    bench, dialogs, project_path, photo_ids
):
    assert bench.projects.open_project(project_path)
    section_id = _new(bench, "One")
    assert not bench.sections.place_photos(["nope"], section_id, "")
    assert not bench.sections.move_section("gone", 0)
    assert not bench.sections.rename_section("gone", {"en": "X"}, {})
    assert not bench.sections.place_photos(photo_ids[:1], section_id, "nope")
    assert len(dialogs.errors) == 4
    assert all(title == "The change was not saved" for title, _text in dialogs.errors)
    assert "“gone”" in dialogs.errors[1][1] and "“gone”" in dialogs.errors[2][1]
    assert _stored(bench) == [("One", [])] and bench.undo.count() == 1


def test_adding_to_a_section_says_how_many_and_b_follows_the_last_one(
    bench, project_path, photo_ids
):
    assert bench.projects.open_project(project_path)
    section_id = _new(bench, "One")
    bench.window.exhibition.tree.clearSelection()
    bench.window.exhibition.tree.setCurrentItem(None)
    assert not bench.sections.add_selection_to_target()
    assert bench.window.statusBar().currentMessage().startswith("Choose a section first")
    assert bench.sections.add_to_section(section_id, photo_ids[:2])
    assert bench.window.statusBar().currentMessage() == ("2 photos added to “One” (B adds more).")
    assert not bench.sections.add_to_section(section_id, photo_ids[:1])
    assert bench.window.statusBar().currentMessage() == "Already in “One”."
    bench.window.library.select_photo(photo_ids[2])
    assert bench.sections.add_selection_to_target()
    assert _stored(bench) == [("One", photo_ids)]
    bench.projects.close_project()
    assert bench.sections.target() is None and bench.sections.target_section_id is None


@pytest.mark.parametrize("answer", [True, False])
def test_deleting_a_section_asks_and_an_undo_brings_it_back_with_its_photos(
    bench, dialogs, project_path, photo_ids, answer
):
    assert bench.projects.open_project(project_path)
    section_id = _new(bench, "One")
    assert bench.sections.place_photos(photo_ids[:2], section_id, "")
    dialogs.confirm_answer = answer
    bench.window.exhibition.select(section_id=section_id)
    bench.window.exhibition.delete_section_action.trigger()
    assert dialogs.questions == [
        "Delete the section “One”? Its 2 photos stay in the project, in no section."
    ]
    if not answer:
        assert _stored(bench) == [("One", photo_ids[:2])]
        return
    assert _stored(bench) == []
    assert bench.projects.service.photos.count() == 3
    bench.undo.undo()
    assert _stored(bench) == [("One", photo_ids[:2])]
    bench.undo.redo()
    assert _stored(bench) == []


def test_a_deletion_waits_for_the_backup_of_the_project(guarded, dialogs, project_path, qtbot):
    assert guarded.projects.open_project(project_path)
    section_id = _new(guarded, "One")
    dialogs.confirm_answer = True
    assert guarded.sections.delete_section(section_id)
    qtbot.waitUntil(lambda: _stored(guarded) == [], timeout=10000)
    [snapshot] = list_snapshots(project_path)
    assert snapshot.detail == "One"
    with ProjectService.open(snapshot.path, read_only=True) as before:
        assert len(before.exhibition.sections()) == 1


def test_a_read_only_project_changes_no_section(bench, dialogs, project_path, photo_ids):
    with ProjectService.open(project_path) as other:
        from curator.core.editing import sections

        section, _before = sections.add_section(other, {"en": "One"}, {})
        dialogs.confirm_answer = True
        assert bench.projects.open_project(project_path)
        assert bench.projects.service.read_only
        assert not bench.window.exhibition.new_section_action.isEnabled()
        assert bench.sections.add_section({"en": "Two"}, {}) is None
        assert bench.sections.ask_new_section() is None  # no dialog opens
        assert not bench.sections.place_photos(photo_ids, section.id, "")
        assert not bench.sections.move_section(section.id, 0)
        assert not bench.sections.rename_section(section.id, {"en": "X"}, {})
        assert not bench.sections.remove_photos(photo_ids)
        assert not bench.sections.delete_section(section.id)
        assert len(dialogs.questions) == 1  # only "open read-only?", never "delete?"
        assert dialogs.errors == [] and bench.undo.count() == 0
        assert _stored(bench) == [("One", [])]
