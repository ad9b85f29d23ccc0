"""People, organisations, places and the event a photo shows: picked from the glossary, undoable."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.core.errors import NotFoundError, UsageError
from curator.core.model import GlossaryKind, Photo
from curator.core.services import ProjectService
from curator.core.shown import Region, Shown, ShownLocation, ShownPerson


def _photo(service: ProjectService) -> str:
    with service.store.transaction():
        return service.photos.add(
            Photo(id="", path=Path("/p/1.jpg"), sha256="h1", width=30, height=20)
        ).id


def _entry(service: ProjectService, kind: GlossaryKind, **terms: str) -> int:
    with service.store.transaction():
        return service.glossary.add(kind, terms).id


def test_a_person_picked_once_is_stored_with_a_region_and_undone(service: ProjectService) -> None:
    photo = _photo(service)
    ho = _entry(service, GlossaryKind.PERSON, vi="Hồ Chí Minh", ru="Хо Ши Мин", en="Ho Chi Minh")
    hanoi = _entry(service, GlossaryKind.PLACE, vi="Hà Nội", ru="Ханой", en="Hanoi")
    vietnam = _entry(service, GlossaryKind.PLACE, vi="Việt Nam", ru="Вьетнам", en="Vietnam")
    ops = service.operations.shown
    # Found by any rendering, without diacritics too.
    assert ops.find("хо ши мин", GlossaryKind.PERSON).id == ho
    assert ops.find("Ho Chi Minh", GlossaryKind.PERSON).id == ho
    assert ops.find("ha noi", GlossaryKind.PLACE).id == hanoi
    shown = (
        Shown()
        .with_person(ho, Region(0.25, 0.1, 0.5, 0.6))
        .with_location(ShownLocation((("city", hanoi), ("country", vietnam))))
        .with_event("vi", "Quốc khánh")
    )
    change = ops.set(photo, shown)
    assert change.photos == {photo}
    assert ops.get(photo) == shown
    assert ops.get(photo).persons == (ShownPerson(ho, Region(0.25, 0.1, 0.5, 0.6)),)
    # Undo restores the empty state, and its own undo redoes.
    undone = service.operations.undo(change.undo)  # type: ignore[arg-type]
    assert ops.get(photo) == Shown()
    service.operations.undo(undone.undo)  # type: ignore[arg-type]
    assert ops.get(photo) == shown
    # The same state again writes nothing.
    assert ops.set(photo, shown).empty


def test_wrong_kinds_regions_and_languages_are_refused(service: ProjectService) -> None:
    photo = _photo(service)
    hanoi = _entry(service, GlossaryKind.PLACE, vi="Hà Nội")
    ho = _entry(service, GlossaryKind.PERSON, vi="Hồ Chí Minh")
    ops = service.operations.shown
    with pytest.raises(UsageError, match="is not a person"):
        ops.set(photo, Shown().with_person(hanoi))
    with pytest.raises(UsageError, match="region"):
        ops.set(photo, Shown().with_person(ho, Region(0.8, 0.1, 0.5, 0.5)))
    with pytest.raises(UsageError, match="not one of the project's languages"):
        ops.set(photo, Shown().with_event("de", "Fest"))
    with pytest.raises(UsageError, match="has no person named"):
        ops.find("Nobody", GlossaryKind.PERSON)
    with pytest.raises(NotFoundError):
        ops.set("nope", Shown())
    assert ops.get(photo) == Shown()


def test_deleting_a_glossary_entry_removes_it_from_the_photo(service: ProjectService) -> None:
    photo = _photo(service)
    ho = _entry(service, GlossaryKind.PERSON, vi="Hồ Chí Minh")
    union = _entry(service, GlossaryKind.ORGANISATION, vi="Công đoàn")
    service.operations.shown.set(photo, Shown().with_person(ho).with_organisation(union))
    with service.store.transaction():
        service.glossary.delete(ho)
    assert service.operations.shown.get(photo) == Shown(organisations=(union,))


def test_a_location_changed_keeps_its_place_and_is_never_shown_twice() -> None:
    first, second, third = (ShownLocation((("name", n),)) for n in (1, 2, 3))
    shown = Shown(locations=(first, second))
    assert shown.with_location_at(0, third).locations == (third, second)
    assert shown.with_location_at(1, second).locations == (first, second)
    # Changed into one already shown: the changed one goes.
    assert shown.with_location_at(0, second).locations == (second,)
    # A position no longer there adds it at the end.
    assert shown.with_location_at(5, third).locations == (first, second, third)
