"""Searching captions: every language, case and accents ignored, Đ and Ё included."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from curator.core.language.folding import fold, search_tokens
from curator.core.model import CaptionField, Photo
from curator.core.services import ProjectService
from curator.core.storage.migrations import migrate


def _photo(service: ProjectService, name: str) -> str:
    with service.store.transaction():
        return service.photos.add(
            Photo(id="", path=Path(f"/photos/{name}.jpg"), sha256=name * 8, width=30, height=20)
        ).id


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("Đà Nẵng", "da nang"),
        ("Ёлка на Красной площади", "елка"),
        ("Hà Nội", "ha noi"),
        ("HỘI ĐÀM", "hoi dam"),
        ("Łódź", "lodz"),
        ("Øresund", "oresund"),
        ("Straße", "strasse"),
        ("Αθήνα", "αθηνα"),
    ],
)
def test_folding_meets_what_people_type(written: str, typed: str) -> None:
    assert fold(typed) in fold(written)


def test_folding_keeps_russian_short_i_and_ignores_decomposed_input() -> None:
    assert fold("Мой") == "мой"
    assert fold("Мои") != fold("Мой")
    assert fold("Ha\u0300 No\u0323\u0302i") == "ha noi"  # typed on a decomposing keyboard
    assert fold("И\u0306") == "й"


def test_search_tokens_drop_punctuation_and_operators() -> None:
    assert search_tokens('"Đà" NOT (Nẵng)*') == ["da", "not", "nang"]


def test_search_finds_captions_in_every_language_and_field(service: ProjectService) -> None:
    danang = _photo(service, "a")
    moscow = _photo(service, "b")
    hanoi = _photo(service, "c")
    service.set_caption(danang, "vi", CaptionField.HEADLINE, "Cầu Rồng ở Đà Nẵng")
    service.set_caption(moscow, "ru", CaptionField.CAPTION, "Ёлка на Красной площади")
    service.set_caption(hanoi, "en", CaptionField.PLACE, "Hà Nội, Vietnam")
    search = service.search
    assert search.photo_ids("da nang") == {danang}
    assert search.photo_ids("ĐÀ NẴNG") == {danang}
    assert search.photo_ids("елка") == {moscow}
    assert search.photo_ids("ёлк") == {moscow}  # a word being typed
    assert search.photo_ids("ha noi") == {hanoi}
    assert search.photo_ids("ha noi", ["vi"]) == set()
    assert search.photo_ids("nang moscow") == set()  # every word, in one field
    assert search.photo_ids("nang cau") == set()  # words typed together are found together
    assert search.photo_ids("nang, cau") == {danang}  # a comma lets them stand apart
    assert search.photo_ids("cau rong o da") == {danang}
    assert search.photo_ids("  ()* ") == set()
    [match] = search.matches("da nang", [danang, moscow])
    assert (match.language, match.field, match.text) == (
        "vi",
        CaptionField.HEADLINE,
        "Cầu Rồng ở Đà Nẵng",
    )


def test_the_index_follows_edits(service: ProjectService) -> None:
    photo = _photo(service, "a")
    service.set_caption(photo, "vi", CaptionField.CAPTION, "Hội đàm ở Hà Nội")
    assert service.search.photo_ids("ha noi") == {photo}
    service.set_caption(photo, "vi", CaptionField.CAPTION, "Đà Nẵng")
    assert service.search.photo_ids("ha noi") == set()
    assert service.search.photo_ids("da nang") == {photo}
    service.set_caption(photo, "vi", CaptionField.CAPTION, "")
    assert service.search.photo_ids("da nang") == set()


def test_an_edit_rolled_back_leaves_the_index_as_it_was(service: ProjectService) -> None:
    photo = _photo(service, "a")
    service.set_caption(photo, "vi", CaptionField.CAPTION, "Hà Nội")
    with pytest.raises(RuntimeError), service.store.transaction():
        service.captions.set(photo, "vi", CaptionField.CAPTION, "Đà Nẵng")
        raise RuntimeError("power cut")
    assert service.search.photo_ids("ha noi") == {photo}
    assert service.search.photo_ids("da nang") == set()


def test_migration_5_indexes_an_older_projects_captions(tmp_path: Path) -> None:
    path = tmp_path / "old.curator"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=4)
    conn.execute("INSERT INTO project VALUES (1, 'u', 'Old', 'vi', '2026-01-01T00:00:00+00:00')")
    for position, tag in enumerate(("vi", "ru")):
        conn.execute("INSERT INTO project_language VALUES (?, ?)", (tag, position))
    for pid, rating in (("p1", -1), ("p2", 4)):
        conn.execute(
            "INSERT INTO photo (id, sha256, path, width, height, rating, imported_at)"
            " VALUES (?, ?, '/x.jpg', 10, 10, ?, '2026-01-01T00:00:00')",
            (pid, pid * 10, rating),
        )
    conn.execute(
        "INSERT INTO caption (photo_id, language, field, text, status, updated_at)"
        " VALUES ('p1', 'ru', 'caption', 'Ёлка в Ханое', 'draft', 'now')"
    )
    conn.close()
    with ProjectService.open(path) as service:
        assert service.search.photo_ids("елка") == {"p1"}
        rejected, rated = service.photos.get("p1"), service.photos.get("p2")
        assert (rejected.rating, rejected.flag) == (None, "reject")
        assert (rated.rating, rated.flag) == (4, None)


def test_an_index_folded_differently_is_rebuilt_on_open(project_path: Path) -> None:
    with ProjectService.open(project_path) as service:
        photo = _photo(service, "a")
        service.set_caption(photo, "vi", CaptionField.CAPTION, "Đà Nẵng")
        with service.store.transaction() as conn:
            conn.execute("UPDATE caption_search SET folded = 'stale'")
            conn.execute("UPDATE setting SET value = '0' WHERE key = 'search.fold_version'")
    with ProjectService.open(project_path) as service:
        assert service.search.photo_ids("da nang") == {photo}
