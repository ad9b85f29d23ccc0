"""The exhibition tree follows changes where they are (issue 20, point 2).

An edited headline changes its photo's row alone; photos placed in a section remake that
section's rows and their old section's, and every other row stays the very same item (and
the current row stays current, so the layout does not jump to another section).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel

from curator.core.model import CaptionField, Photo, Section
from curator.core.services import ProjectService

pytestmark = pytest.mark.gui


def _build(path: Path) -> tuple[list[str], list[str]]:
    with (
        ProjectService.create(path, title="T", languages=["vi", "en"]) as service,
        service.store.transaction(),
    ):
        ids = [
            service.photos.add(
                Photo(id="", path=path.parent / f"{i}.jpg", sha256=f"{i:064x}", width=6, height=4)
            ).id
            for i in range(12)
        ]
        for number, photo_id in enumerate(ids):
            service.captions.set(photo_id, "en", CaptionField.HEADLINE, f"Photo {number}")
        sections = []
        for number in range(3):
            section = service.exhibition.add_section({"en": f"Part {number}"})
            service.exhibition.assign(section.id, ids[number * 4 : (number + 1) * 4])
            sections.append(section.id)
    return ids, sections


@pytest.fixture
def opened(curator_window, qtbot, tmp_path: Path):
    path = tmp_path / "t.curator"
    ids, sections = _build(path)
    curator_window.controller.open_project(path)
    qtbot.waitUntil(lambda: curator_window.window.library.model.rowCount() == 12, timeout=20000)
    return curator_window, ids, sections


def _select_photo(bundle, photo_id: str) -> None:
    library = bundle.window.library
    row = library.model.row_of(photo_id)
    flag = QItemSelectionModel.SelectionFlag.ClearAndSelect
    library.view.selectionModel().setCurrentIndex(library.model.index(row), flag)


def test_an_edited_headline_changes_its_row_alone(opened, qtbot) -> None:
    bundle, ids, (_a, b, c) = opened
    panel = bundle.window.exhibition
    edited, other = panel.item_for(b, ids[5]), panel.item_for(c, ids[8])
    assert (edited.text(0), other.text(0)) == ("Photo 5", "Photo 8")
    _select_photo(bundle, ids[5])
    qtbot.wait(20)
    bundle.window.captions.text_edited.emit("headline", "en", "Talks in Hanoi")
    assert panel.item_for(b, ids[5]) is edited and edited.text(0) == "Talks in Hanoi"
    assert panel.item_for(c, ids[8]) is other and other.text(0) == "Photo 8"
    # No headline left: the row shows the file name, as a photo without one does.
    bundle.window.captions.text_edited.emit("headline", "en", "")
    assert edited.text(0) == "5.jpg"
    bundle.captions.undo_action.trigger()
    assert edited.text(0) == "Talks in Hanoi"
    bundle.captions.undo_action.trigger()
    assert panel.item_for(b, ids[5]) is edited and edited.text(0) == "Photo 5"
    # A later change of structure finds the row as shown and leaves it be.
    assert bundle.sections.move_section(c, 0)
    assert panel.item_for(b, ids[5]) is edited and edited.text(0) == "Photo 5"


def test_placing_photos_remakes_only_the_sections_they_leave_and_join(opened) -> None:
    bundle, ids, (a, b, c) = opened
    panel = bundle.window.exhibition
    tree = panel.tree
    kept_section, kept_photo = panel.item_for(c), panel.item_for(c, ids[9])
    tree.setCurrentItem(kept_photo)
    assert panel.current_section_id() == c
    assert bundle.sections.place_photos([ids[0], ids[1]], b, ids[5])
    assert [panel.item_for(b).child(row).text(0) for row in range(6)] == [
        "Photo 4",
        "Photo 0",
        "Photo 1",
        "Photo 5",
        "Photo 6",
        "Photo 7",
    ]
    assert panel.item_for(a).childCount() == 2
    assert panel.item_for(c) is kept_section and panel.item_for(c, ids[9]) is kept_photo
    assert panel.selected_photo_ids() == [ids[0], ids[1]]
    assert tree.currentItem() is kept_photo  # the layout stays on the section it shows
    bundle.captions.undo_action.trigger()
    assert [panel.item_for(a).child(row).text(0) for row in range(4)] == [
        f"Photo {n}" for n in range(4)
    ]
    assert panel.item_for(b).childCount() == 4
    assert panel.item_for(c, ids[9]) is kept_photo


def test_deleting_and_adding_sections_keeps_the_other_rows(opened, dialogs, qtbot) -> None:
    bundle, ids, (a, _b, c) = opened
    panel = bundle.window.exhibition
    kept = panel.item_for(c, ids[8])
    dialogs.confirm_answer = True
    assert bundle.sections.delete_section(a)  # once the backup is written
    tree = panel.tree
    qtbot.waitUntil(lambda: panel.item_for(a) is None, timeout=10000)
    shown = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert shown == ["1. Part 1", "2. Part 2", "4 photos in no section"]
    assert panel.item_for(c, ids[8]) is kept
    new = bundle.sections.add_section({"en": "Part 3"}, {})
    assert new is not None
    shown = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert shown == ["1. Part 1", "2. Part 2", "3. Part 3", "4 photos in no section"]
    assert panel.item_for(c, ids[8]) is kept
    bundle.captions.undo_action.trigger()  # the new section
    bundle.captions.undo_action.trigger()  # the deletion
    shown = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert shown == ["1. Part 0", "2. Part 1", "3. Part 2"]
    assert [panel.item_for(a).child(row).text(0) for row in range(4)] == [
        f"Photo {n}" for n in range(4)
    ]


def test_a_headline_edited_before_its_row_is_made_shows_when_it_is(curator_window, qtbot):
    panel = curator_window.window.exhibition
    structure = [
        (
            Section(id=f"s{s}", position=s, title={"en": f"Section {s}"}, intro={}),
            [(f"p{s}-{i}", {"en": f"Photo {s}-{i}"}) for i in range(1000)],
        )
        for s in range(4)
    ]
    panel.set_structure(structure, ["en"], 0)
    assert panel.filler.busy
    panel.show_headlines({"p3-999": {"en": "Edited"}, "p0-0": {"en": "First"}})
    qtbot.waitUntil(lambda: not panel.filler.busy, timeout=30000)
    assert panel.item_for("s3", "p3-999").text(0) == "Edited"
    assert panel.item_for("s0", "p0-0").text(0) == "First"
    assert panel.item_for("s3", "p3-998").text(0) == "Photo 3-998"
