"""A large exhibition's tree: sections at once, their photos in slices (issue 21).

Opening a 10,000-photo project made every photo row in one go on the window's thread. Now
the sections show at once and the photo rows arrive a few milliseconds of work at a time;
whoever needs a photo's row (selecting it) gets the rest made first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.core.model import Photo, Section
from curator.core.services import ProjectService
from curator.ui.views.exhibition_panel import FILL_AT_ONCE, PHOTO_ID_ROLE, SECTION_ID_ROLE

pytestmark = pytest.mark.gui


def _children(panel) -> dict[str, list[str]]:
    tree = panel.tree
    shown: dict[str, list[str]] = {}
    for index in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(index)
        section_id = top.data(0, SECTION_ID_ROLE)
        if section_id:
            shown[section_id] = [
                top.child(row).data(0, PHOTO_ID_ROLE) for row in range(top.childCount())
            ]
    return shown


def _structure(sections: int, per_section: int):
    return [
        (
            Section(id=f"s{s}", position=s, title={"en": f"Section {s}"}, intro={}),
            [(f"p{s}-{i}", {"en": f"Photo {s}-{i}"}) for i in range(per_section)],
        )
        for s in range(sections)
    ]


def test_sections_show_at_once_and_their_photos_follow(curator_window, qtbot) -> None:
    panel = curator_window.window.exhibition
    structure = _structure(6, 1000)
    panel.set_structure(structure, ["en"], 0)
    # Before the event loop runs: every section is there, open, not every photo yet.
    shown = _children(panel)
    assert list(shown) == [f"s{s}" for s in range(6)]
    assert sum(len(rows) for rows in shown.values()) < 6000
    assert panel.filler.busy
    qtbot.waitUntil(lambda: not panel.filler.busy, timeout=30000)
    assert panel.filler.slices > 1  # it did yield to the event loop in between
    shown = _children(panel)
    assert shown == {
        section.id: [photo_id for photo_id, _texts in photos] for section, photos in structure
    }
    tree = panel.tree
    assert all(tree.topLevelItem(index).isExpanded() for index in range(6))
    assert tree.topLevelItem(2).child(999).text(0) == "Photo 2-999"


def test_a_photo_asked_for_while_filling_is_there_and_a_new_structure_replaces_the_fill(
    curator_window, qtbot
) -> None:
    panel = curator_window.window.exhibition
    panel.set_structure(_structure(4, 800), ["en"], 0)
    assert panel.filler.busy
    # Selecting a photo whose row was not made yet: it is made now and selected.
    panel.select(photo_ids=["p3-799"])
    assert panel.selected_photo_ids() == ["p3-799"]
    assert not panel.filler.busy
    # A new structure while the old one is being filled: only the new one's rows remain.
    panel.set_structure(_structure(4, 800), ["en"], 0)
    smaller = _structure(2, 700)
    panel.set_structure(smaller, ["en"], 0)
    qtbot.waitUntil(lambda: not panel.filler.busy, timeout=30000)
    assert _children(panel) == {
        section.id: [photo_id for photo_id, _texts in photos] for section, photos in smaller
    }
    # A small exhibition is filled at once, as before.
    small = _structure(2, FILL_AT_ONCE // 4)
    panel.set_structure(small, ["en"], 0)
    assert not panel.filler.busy
    assert sum(len(rows) for rows in _children(panel).values()) == 2 * (FILL_AT_ONCE // 4)


def test_opening_a_large_project_fills_every_section(curator_window, tmp_path: Path, qtbot) -> None:
    path = tmp_path / "large.curator"
    placed: dict[str, list[str]] = {}
    with (
        ProjectService.create(path, title="Large", languages=["vi", "en"]) as service,
        service.store.transaction(),
    ):
        ids = [
            service.photos.add(
                Photo(id="", path=tmp_path / f"{i}.jpg", sha256=f"{i:064x}", width=3, height=2)
            ).id
            for i in range(2400)
        ]
        for number in range(3):
            section = service.exhibition.add_section({"en": f"Part {number}"})
            placed[section.id] = ids[number * 700 : (number + 1) * 700]
            service.exhibition.assign(section.id, placed[section.id])
    bundle = curator_window
    assert bundle.controller.open_project(path)
    panel = bundle.window.exhibition
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 4, timeout=30000)  # + unplaced
    qtbot.waitUntil(lambda: not panel.filler.busy, timeout=30000)
    assert _children(panel) == placed
    assert panel.tree.topLevelItem(3).text(0) == "300 photos in no section"
    # Every photo's name stands for its missing headline (the names came with the rest).
    first = panel.tree.topLevelItem(0).child(0)
    assert first.text(0) == "0.jpg"
    assert bundle.window.library.model.rowCount() == 2400
