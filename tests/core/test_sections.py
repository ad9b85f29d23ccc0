"""Sections: add, rename, move, fill, empty and delete, each undoable from what it returns."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.core.editing import sections
from curator.core.errors import NotFoundError, UsageError
from curator.core.model import Photo
from curator.core.services import ProjectService


def _photos(service: ProjectService, count: int) -> list[str]:
    with service.store.transaction():
        return [
            service.photos.add(
                Photo(id="", path=Path(f"/p/{i}.jpg"), sha256=f"h{i}", width=30, height=20)
            ).id
            for i in range(count)
        ]


def _order(service: ProjectService) -> list[tuple[str, list[str]]]:
    return [(s.id, service.exhibition.photo_ids(s.id)) for s in service.exhibition.sections()]


def test_add_with_photos_and_undo(service: ProjectService) -> None:
    ids = _photos(service, 3)
    first, _before = sections.add_section(service, {"vi": "Hà Nội"}, photo_ids=ids[:2])
    second, before = sections.add_section(
        service, {"en": " Moscow ", "ru": "Москва"}, {"en": "Intro"}, [ids[1], ids[2]]
    )
    assert second.title == {"en": "Moscow", "ru": "Москва"} and second.intro == {"en": "Intro"}
    assert _order(service) == [(first.id, [ids[0]]), (second.id, [ids[1], ids[2]])]
    snapshot = sections.undo_add_section(service, second.id, before)
    assert _order(service) == [(first.id, [ids[0], ids[1]])]
    assert service.exhibition.section_of(ids[2]) is None
    sections.restore_section(service, snapshot)  # redo
    assert _order(service) == [(first.id, [ids[0]]), (second.id, [ids[1], ids[2]])]


def test_titles_are_checked(service: ProjectService) -> None:
    with pytest.raises(UsageError, match="title"):
        sections.add_section(service, {"vi": "  "})
    with pytest.raises(UsageError, match="“de” is not one of the project's languages"):
        sections.add_section(service, {"de": "Titel"})
    with pytest.raises(NotFoundError, match="p-missing"):
        sections.add_section(service, {"vi": "A"}, photo_ids=["p-missing"])
    assert service.exhibition.sections() == []


def test_title_is_nfc(service: ProjectService) -> None:
    section, _ = sections.add_section(service, {"vi": "Ha\u0300 Nô\u0323i"})
    assert section.title == {"vi": "Hà Nội"}


def test_set_texts_returns_the_old_ones(service: ProjectService) -> None:
    section, _ = sections.add_section(service, {"vi": "A", "en": "A"}, {"en": "old"})
    old = sections.set_texts(service, section.id, {"vi": "B", "en": ""}, {"ru": "вступление"})
    now = service.exhibition.section(section.id)
    assert now.title == {"vi": "B"} and now.intro == {"ru": "вступление"}
    sections.set_texts(service, section.id, old.title, old.intro)
    assert service.exhibition.section(section.id) == section
    with pytest.raises(NotFoundError, match="s-nope"):
        sections.set_texts(service, "s-nope", {"vi": "X"})


def test_move_section(service: ProjectService) -> None:
    a, b, c = (sections.add_section(service, {"vi": t})[0].id for t in "ABC")
    assert sections.move_section(service, c, 0) == 2
    assert [s.id for s in service.exhibition.sections()] == [c, a, b]
    sections.move_section(service, c, 99)
    assert [s.id for s in service.exhibition.sections()] == [a, b, c]


def test_assign_before_a_photo_and_between_sections(service: ProjectService) -> None:
    ids = _photos(service, 4)
    a = sections.add_section(service, {"vi": "A"}, photo_ids=ids[:3])[0].id
    b = sections.add_section(service, {"vi": "B"})[0].id
    before = sections.assign(service, a, [ids[2]], before_photo_id=ids[0])
    assert service.exhibition.photo_ids(a) == [ids[2], ids[0], ids[1]]
    sections.restore_arrangement(service, before)
    assert service.exhibition.photo_ids(a) == ids[:3]
    before = sections.assign(service, b, [ids[3], ids[1]])
    assert _order(service) == [(a, [ids[0], ids[2]]), (b, [ids[3], ids[1]])]
    sections.restore_arrangement(service, before)
    assert _order(service) == [(a, ids[:3]), (b, [])]
    assert service.exhibition.section_of(ids[3]) is None
    with pytest.raises(NotFoundError, match=ids[3]):
        sections.assign(service, a, [ids[0]], before_photo_id=ids[3])


def test_reorder_and_unassign(service: ProjectService) -> None:
    ids = _photos(service, 3)
    a = sections.add_section(service, {"vi": "A"}, photo_ids=ids)[0].id
    before = sections.reorder(service, a, ids[::-1])
    assert service.exhibition.photo_ids(a) == ids[::-1]
    sections.restore_arrangement(service, before)
    with pytest.raises(UsageError, match=a):
        sections.reorder(service, a, ids[:2])
    before = sections.unassign(service, [ids[1]])
    assert service.exhibition.photo_ids(a) == [ids[0], ids[2]]
    assert service.photos.count() == 3
    sections.restore_arrangement(service, before)
    assert service.exhibition.photo_ids(a) == ids


def test_delete_keeps_photos_and_undo_brings_panels_back(service: ProjectService) -> None:
    ids = _photos(service, 2)
    a = sections.add_section(service, {"vi": "A"})[0].id
    b = sections.add_section(service, {"vi": "B"}, {"en": "intro"}, ids)[0].id
    c = sections.add_section(service, {"vi": "C"})[0].id
    with service.store.transaction():
        panel = service.exhibition.add_panel(b, 1000, 1500)
        service.exhibition.add_slot(panel.id, ids[0], 10, 10, 200, 300)
    snapshot = sections.delete_section(service, b)
    assert [s.id for s in service.exhibition.sections()] == [a, c]
    assert service.photos.count() == 2 and service.exhibition.section_of(ids[0]) is None
    assert service.exhibition.counts() == (2, 0, 0)
    sections.restore_section(service, snapshot)
    assert [s.id for s in service.exhibition.sections()] == [a, b, c]
    assert service.exhibition.section(b).intro == {"en": "intro"}
    assert service.exhibition.photo_ids(b) == ids
    assert [s.photo_id for s in service.exhibition.slots(panel.id)] == [ids[0]]
