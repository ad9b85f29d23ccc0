"""Ratings, flags and the library filter, as a curator shortlisting thousands would use them."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from curator.core.editing.shortlist import PhotoMarks, restore_marks, set_marks
from curator.core.errors import NotFoundError, ReadOnlyProjectError, UsageError
from curator.core.library.photo_filter import (
    NO_SECTION,
    FlagFilter,
    PhotoFilter,
    StatusFilter,
    matching_photo_ids,
    photographers,
)
from curator.core.model import CaptionField, CaptionStatus, Photo, PhotoFlag
from curator.core.services import ProjectService


def _photo(service: ProjectService, name: str, **values: object) -> str:
    with service.store.transaction():
        return service.photos.add(
            Photo(
                id="",
                path=Path(f"/photos/{name}.jpg"),
                sha256=name * 8,
                width=30,
                height=20,
                **values,  # type: ignore[arg-type]
            )
        ).id


def test_marks_on_several_photos_are_one_edit_that_can_be_restored(
    service: ProjectService,
) -> None:
    a, b, c = (_photo(service, name) for name in "abc")
    set_marks(service, [a], rating=2)
    before, _after = set_marks(service, [a, b, c], rating=4, flag=PhotoFlag.PICK)
    assert [m.photo_id for m in before] == [a, b, c]
    assert before[0] == PhotoMarks(a, 2, None)
    assert {(p.rating, p.flag) for p in service.photos.all()} == {(4, PhotoFlag.PICK)}
    restore_marks(service, before)
    assert service.photos.get(a).rating == 2
    assert (service.photos.get(b).rating, service.photos.get(b).flag) == (None, None)


def test_only_changed_photos_are_reported_and_flags_keep_ratings(service: ProjectService) -> None:
    a, b = _photo(service, "a"), _photo(service, "b")
    set_marks(service, [a], rating=3)
    _before, after = set_marks(service, [a, b], rating=3)
    assert [m.photo_id for m in after] == [b]
    set_marks(service, [a], flag=PhotoFlag.REJECT)
    assert (service.photos.get(a).rating, service.photos.get(a).flag) == (3, PhotoFlag.REJECT)
    set_marks(service, [a], flag=None)
    assert service.photos.get(a).flag is None


def test_bad_marks_change_nothing(service: ProjectService) -> None:
    a = _photo(service, "a")
    with pytest.raises(UsageError, match="0 to 5"):
        set_marks(service, [a], rating=6)
    with pytest.raises(NotFoundError, match="nope"):
        set_marks(service, [a, "nope"], rating=5)
    assert service.photos.get(a).rating is None


def test_read_only_project_refuses_marks(project_path: Path) -> None:
    with ProjectService.open(project_path) as service:
        a = _photo(service, "a")
    with (
        ProjectService.open(project_path, read_only=True) as service,
        pytest.raises(ReadOnlyProjectError),
    ):
        set_marks(service, [a], rating=1)


def test_an_xmp_rating_of_minus_one_is_a_reject(service: ProjectService) -> None:
    photo = service.photos.get(_photo(service, "a", rating=-1, label="Red"))
    assert (photo.rating, photo.flag, photo.label) == (None, PhotoFlag.REJECT, "Red")
    assert service.photos.get(_photo(service, "b", rating=5)).rating == 5


@pytest.fixture
def shortlist(service: ProjectService) -> dict[str, str]:
    ids = {
        "talks": _photo(
            service,
            "talks",
            rating=5,
            byline="Tuấn Anh; Ivan Petrov",
            captured_at=datetime.fromisoformat("2026-02-24T10:00:00+07:00"),
        ),
        "river": _photo(
            service, "river", rating=2, captured_at=datetime.fromisoformat("2025-06-01T08:00:00")
        ),
        "snow": _photo(service, "snow", rating=-1),
        "bare": _photo(service, "bare"),
    }
    set_marks(service, [ids["talks"]], flag=PhotoFlag.PICK)
    service.set_caption(ids["talks"], "vi", CaptionField.HEADLINE, "Hội đàm ở Đà Nẵng")
    service.set_caption(
        ids["talks"], "ru", CaptionField.HEADLINE, "Переговоры", CaptionStatus.FINAL
    )
    service.set_caption(ids["talks"], "vi", CaptionField.CAPTION, "…", CaptionStatus.NEEDS_REVIEW)
    for tag in ("vi", "ru", "en"):
        service.set_caption(
            ids["river"], tag, CaptionField.HEADLINE, "Sông Hồng", CaptionStatus.FINAL
        )
    service.set_caption(ids["snow"], "ru", CaptionField.HEADLINE, "Ёлка")
    service.add_section({"vi": "Hà Nội"}, [ids["river"], ids["snow"]])
    with service.store.transaction():
        service.photos.add_credit(ids["bare"], {"vi": "Đức Hùng", "ru": "Дык Хунг"}, {})
    return ids


def _found(service: ProjectService, ids: dict[str, str], **criteria: object) -> set[str]:
    names = {pid: name for name, pid in ids.items()}
    found = matching_photo_ids(service, PhotoFilter(**criteria))  # type: ignore[arg-type]
    return {names[pid] for pid in found}


def test_filters_narrow_the_library(service: ProjectService, shortlist: dict[str, str]) -> None:
    everything = {"talks", "river", "snow", "bare"}
    assert _found(service, shortlist) == everything
    assert PhotoFilter().is_empty() and PhotoFilter(text="  ").is_empty()
    assert not PhotoFilter(min_rating=1).is_empty()
    assert _found(service, shortlist, min_rating=2) == {"talks", "river"}
    assert _found(service, shortlist, min_rating=5) == {"talks"}
    assert _found(service, shortlist, flag=FlagFilter.PICKED) == {"talks"}
    assert _found(service, shortlist, flag=FlagFilter.REJECTED) == {"snow"}
    assert _found(service, shortlist, flag=FlagFilter.UNFLAGGED) == {"river", "bare"}
    assert _found(service, shortlist, flag=FlagFilter.NOT_REJECTED) == everything - {"snow"}
    assert _found(service, shortlist, status=StatusFilter.UNCAPTIONED) == {"bare"}
    assert _found(service, shortlist, status=StatusFilter.DRAFT) == {"talks", "snow"}
    assert _found(service, shortlist, status=StatusFilter.NEEDS_REVIEW) == {"talks"}
    assert _found(service, shortlist, status=StatusFilter.FINAL) == {"river"}
    section = service.exhibition.sections()[0].id
    assert _found(service, shortlist, section_id=section) == {"river", "snow"}
    assert _found(service, shortlist, section_id=NO_SECTION) == {"talks", "bare"}
    assert _found(service, shortlist, photographer="ivan petrov") == {"talks"}
    assert _found(service, shortlist, photographer="Дык Хунг") == {"bare"}
    assert _found(service, shortlist, date_from=date(2026, 1, 1)) == {"talks"}
    assert _found(service, shortlist, date_to=date(2025, 12, 31)) == {"river"}
    assert _found(service, shortlist, date_from=date(2025, 6, 1), date_to=date(2025, 6, 1)) == {
        "river"
    }
    # talks has vi and ru headlines but no English; snow only Russian; bare nothing at all.
    assert _found(service, shortlist, missing_language="en") == {"talks", "snow", "bare"}
    assert _found(service, shortlist, missing_language="ru") == {"talks", "bare"}
    assert _found(service, shortlist, text="da nang") == {"talks"}
    assert _found(service, shortlist, text="елка", flag=FlagFilter.REJECTED) == {"snow"}
    assert _found(service, shortlist, text="елка", min_rating=1) == set()


def test_photographers_lists_bylines_and_credits(
    service: ProjectService, shortlist: dict[str, str]
) -> None:
    assert photographers(service) == ["Đức Hùng", "Ivan Petrov", "Tuấn Anh", "Дык Хунг"]
