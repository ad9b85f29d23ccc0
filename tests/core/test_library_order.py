"""The library's sort orders and the headline it shows (issue 21, point 3)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from curator.core.library.library_order import LibrarySort, library_headline, sorted_positions
from curator.core.model import Photo
from curator.core.services import ProjectService


def _photo(name: str, captured: datetime | None, rating: int | None) -> Photo:
    return Photo("", Path(f"/p/{name}"), name, 10, 10, captured_at=captured, rating=rating)


PHOTOS = [
    _photo("b.jpg", datetime(2025, 3, 1), 2),
    _photo("Á.jpg", None, 5),
    _photo("c.jpg", datetime(2024, 1, 1), None),
    _photo("a.jpg", datetime(2025, 3, 1), 5),
]
HEADLINES = ["Москва", "", "Hà Nội", "ánh sáng"]
RANKS = [3, 0, 2, 1]


def _names(order: LibrarySort) -> list[str]:
    return [PHOTOS[i].path.name for i in sorted_positions(PHOTOS, HEADLINES, RANKS, order)]


def test_each_order() -> None:
    assert _names(LibrarySort.IMPORT) == ["Á.jpg", "a.jpg", "c.jpg", "b.jpg"]
    # Oldest first, undated last; the same moment keeps the import order.
    assert _names(LibrarySort.CAPTURE) == ["c.jpg", "a.jpg", "b.jpg", "Á.jpg"]
    assert _names(LibrarySort.NAME)[-2:] == ["b.jpg", "c.jpg"]
    assert set(_names(LibrarySort.NAME)[:2]) == {"a.jpg", "Á.jpg"}
    # Most stars first, ties in import order, unrated last.
    assert _names(LibrarySort.RATING) == ["Á.jpg", "a.jpg", "b.jpg", "c.jpg"]
    # Headlines without one go last.
    assert _names(LibrarySort.HEADLINE)[-1] == "Á.jpg"
    assert _names(LibrarySort.HEADLINE).index("c.jpg") < _names(LibrarySort.HEADLINE).index("b.jpg")


def test_headline_follows_the_interface_language_then_the_source() -> None:
    texts = {"vi": "Hà Nội", "ru": "Ханой", "en": ""}
    languages = ["vi", "ru", "en"]
    assert library_headline(texts, "ru", "vi", languages) == "Ханой"
    assert library_headline(texts, "ru_RU", "vi", languages) == "Ханой"
    assert library_headline(texts, "en", "vi", languages) == "Hà Nội"  # no English: source
    assert library_headline({"ru": "Ханой"}, "en", "vi", languages) == "Ханой"
    assert library_headline({}, "en", "vi", languages) == ""
    assert library_headline({"vi-VN": "Hà Nội"}, "vi", "en", ["en", "vi-VN"]) == "Hà Nội"


def test_import_order_is_the_order_photos_were_added(tmp_path: Path) -> None:
    with ProjectService.create(tmp_path / "p.curator", title="T", languages=["en"]) as service:
        with service.store.transaction():
            late = service.photos.add(_photo("z.jpg", datetime(2020, 1, 1), None))
            early = service.photos.add(_photo("y.jpg", datetime(2030, 1, 1), None))
        # photos.all() is capture-time order; the import order is the order of adding.
        assert [p.id for p in service.photos.all()] == [late.id, early.id]
        assert service.photos.import_order() == [late.id, early.id]
        with service.store.transaction():
            third = service.photos.add(_photo("x.jpg", datetime(2010, 1, 1), None))
        assert service.photos.import_order() == [late.id, early.id, third.id]
