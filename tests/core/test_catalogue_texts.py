"""The catalogue's own texts: keys per language, the ISBN's check digit, undo, migration 8,
and a missing title that is left out (never another language's) with a preflight warning."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from curator.core.errors import UsageError
from curator.core.publishing.catalogue_service import catalogue_content
from curator.core.publishing.catalogue_texts import (
    AssetRole,
    TextKey,
    add_asset,
    check_asset,
    isbn_problem,
    read_texts,
    redo_texts,
    remove_asset,
    restore_asset,
    set_texts,
    undo_texts,
)
from curator.core.services import ProjectService
from curator.core.storage.migrations import migrate

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5"/>'


@pytest.mark.parametrize(
    "isbn", ["978-3-16-148410-0", "9783161484100", "ISBN 978-5-17-090630-7", "0-8044-2957-X"]
)
def test_valid_isbns_are_taken(isbn: str) -> None:
    assert isbn_problem(isbn) is None


@pytest.mark.parametrize(
    ("isbn", "hint"),
    [("978-3-16-148410-1", "should be 0"), ("0-8044-2957-5", "should be X"), ("12345", "10 or 13")],
)
def test_a_wrong_isbn_is_refused_saying_why(service: ProjectService, isbn: str, hint: str) -> None:
    with pytest.raises(UsageError, match=hint):
        set_texts(service, [("isbn", "-", isbn)])
    assert read_texts(service).get(TextKey.ISBN, "vi") == ""


def test_texts_are_kept_per_language_and_the_isbn_once(service: ProjectService) -> None:
    set_texts(
        service,
        [
            ("title", "vi", "Việt Nam – Nga"),
            ("title", "ru", "Вьетнам – Россия"),
            ("organisers", "en", "Vietnam News Agency\n\n  TASS  \n"),
            ("subtitle", "en", "A photo\nexhibition  in\t Hanoi"),
            ("subtitle", "ru", "1958\u00a0г. – 2026\u00a0г."),
            ("isbn", "ru", "978-3-16-148410-0"),
        ],
    )
    texts = read_texts(service)
    assert texts.get(TextKey.TITLE, "ru") == "Вьетнам – Россия"
    assert texts.get(TextKey.TITLE, "en") == ""
    assert texts.organisers("en") == ("Vietnam News Agency", "TASS")
    assert texts.get(TextKey.SUBTITLE, "en") == "A photo exhibition in Hanoi"  # one line
    assert texts.get(TextKey.SUBTITLE, "ru") == "1958\u00a0г. – 2026\u00a0г."  # no-break kept
    assert {texts.get(TextKey.ISBN, tag) for tag in ("vi", "ru", "en")} == {"978-3-16-148410-0"}


def test_an_unknown_key_or_language_changes_nothing(service: ProjectService) -> None:
    with pytest.raises(UsageError, match="not a catalogue text"):
        set_texts(service, [("title", "vi", "A"), ("blurb", "vi", "B")])
    with pytest.raises(UsageError, match="“de” is not one of the project's languages"):
        set_texts(service, [("title", "vi", "A"), ("title", "de", "B")])
    assert read_texts(service).texts == {}


def test_an_edit_undoes_and_redoes_whole(service: ProjectService) -> None:
    set_texts(service, [("title", "vi", "Cũ")])
    edits = set_texts(service, [("title", "vi", "Mới"), ("foreword", "en", "Text")])
    undo_texts(service, edits)
    texts = read_texts(service)
    assert texts.get(TextKey.TITLE, "vi") == "Cũ"
    assert texts.get(TextKey.FOREWORD, "en") == ""
    redo_texts(service, edits)
    assert read_texts(service).get(TextKey.FOREWORD, "en") == "Text"


def test_images_are_kept_in_the_project_and_removed_with_undo(
    service: ProjectService, project_path: Path
) -> None:
    first = add_asset(service, AssetRole.LOGO, "a.svg", SVG)
    add_asset(service, AssetRole.LOGO, "b.png", PNG)
    add_asset(service, AssetRole.SIGNATURE, "old.svg", SVG)
    add_asset(service, AssetRole.SIGNATURE, "sig.svg", SVG)  # replaces the first
    texts = read_texts(service)
    assert [a.name for a in texts.logos] == ["a.svg", "b.png"]
    assert texts.signature is not None and texts.signature.name == "sig.svg"
    assert len(service.catalogue.assets(AssetRole.SIGNATURE.value)) == 1
    removed = remove_asset(service, first.id)
    assert [a.name for a in read_texts(service).logos] == ["b.png"]
    restore_asset(service, removed)
    assert [a.name for a in read_texts(service).logos] == ["a.svg", "b.png"]
    conn = sqlite3.connect(project_path)
    assert (
        conn.execute("SELECT data FROM catalogue_asset WHERE name = 'a.svg'").fetchone()[0] == SVG
    )


@pytest.mark.parametrize("data", [b"\xff\xd8\xff\xe0 a JPEG", b"GIF89a", b"<html></html>"])
def test_only_svg_pdf_and_png_are_taken(data: bytes) -> None:
    with pytest.raises(UsageError, match="not an SVG, PDF or PNG"):
        check_asset("logo.x", data)


def test_migration_7_moves_the_old_setting_into_the_table(tmp_path: Path) -> None:
    path = tmp_path / "v5.curator"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=5)
    conn.execute(
        "INSERT INTO project (singleton, uid, title, source_language, created_at)"
        " VALUES (1, 'u', 'Old', 'vi', '2026-01-01T00:00:00+00:00')"
    )
    conn.executemany(
        "INSERT INTO project_language (tag, position) VALUES (?, ?)", [("vi", 0), ("en", 1)]
    )
    old = {"title": {"vi": "Tựa", "en": "Title"}, "foreword": {"en": "Words", "vi": "  "}}
    conn.execute(
        "INSERT INTO setting (key, value) VALUES ('catalogue_texts', ?)",
        (json.dumps(old, ensure_ascii=False),),
    )
    assert migrate(conn, target=7) == 7
    rows = conn.execute("SELECT key, language, text FROM catalogue_text ORDER BY 1, 2").fetchall()
    assert rows == [("foreword", "en", "Words"), ("title", "en", "Title"), ("title", "vi", "Tựa")]
    assert conn.execute("SELECT * FROM setting WHERE key = 'catalogue_texts'").fetchone() is None
    conn.close()
    with ProjectService.open(path) as service:
        assert read_texts(service).get(TextKey.TITLE, "vi") == "Tựa"


def test_a_missing_title_is_left_out_never_repeated(service: ProjectService) -> None:
    set_texts(service, [("title", "vi", "Việt Nam – Nga"), ("title", "en", "Vietnam – Russia")])
    content = catalogue_content(service, ["vi", "ru", "en"])
    assert content.title == {"vi": "Việt Nam – Nga", "ru": "", "en": "Vietnam – Russia"}
    assert not {"Việt Nam – Nga", "Vietnam – Russia"} & set(content.colophon["ru"])


def test_no_title_at_all_prints_the_projects_once(service: ProjectService) -> None:
    content = catalogue_content(service, ["ru", "vi", "en"])
    assert content.title == {"ru": "Việt Nam – Nga", "vi": "", "en": ""}


def test_one_catalogue_change_is_one_change_set_undone_and_redone_whole(
    service: ProjectService,
) -> None:
    catalogue = service.operations.catalogue
    catalogue.set_texts([("title", "vi", "Cũ")])
    _old, _changes = catalogue.add_image(AssetRole.SIGNATURE, "old.svg", SVG)
    logo, _changes = catalogue.add_image(AssetRole.LOGO, "a.svg", SVG)
    start = read_texts(service)
    changes = catalogue.change(
        [("title", "vi", "Mới"), ("foreword", "en", "Text")],
        remove=[logo.id],
        add=[(AssetRole.SIGNATURE, "sig.svg", SVG)],
    )
    assert changes.catalogue and not changes.captions and changes.undo is not None
    after = read_texts(service)
    assert after.get(TextKey.TITLE, "vi") == "Mới" and after.signature is not None
    assert after.signature.name == "sig.svg" and not after.logos
    back = service.operations.undo(changes.undo)
    assert read_texts(service) == start
    assert back.undo is not None
    service.operations.undo(back.undo)  # redo
    assert read_texts(service) == after
    # Nothing to change: nothing written, nothing to undo.
    assert catalogue.set_texts([("title", "vi", "Mới")]).empty
