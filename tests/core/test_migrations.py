import sqlite3
from pathlib import Path

import pytest

from curator.core.storage.migrations import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, migrate


def _tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {name for (name,) in rows}


def _add_photo(conn: sqlite3.Connection) -> None:
    """Add photo ``p1`` (the columns every version since 1 has)."""
    conn.execute(
        "INSERT INTO photo (id, sha256, path, width, height, imported_at)"
        " VALUES ('p1', 'abc', '/x.jpg', 10, 10, 'now')"
    )


def test_migrations_are_numbered_from_one_without_gaps() -> None:
    versions = [m.version for m in MIGRATIONS]
    assert versions[0] == 1 and versions == sorted(set(versions))
    assert versions == list(range(1, len(versions) + 1))
    assert MIGRATIONS[-1].version == SCHEMA_VERSION


def test_migration_1_creates_the_model(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "p.db", isolation_level=None)
    assert migrate(conn, target=1) == 1
    assert {
        "project",
        "project_language",
        "setting",
        "photo",
        "caption",
        "credit",
        "glossary_entry",
        "glossary_term",
        "section",
        "section_text",
        "section_photo",
        "panel",
        "slot",
    } <= _tables(conn)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.execute("PRAGMA foreign_keys = ON")
    _add_photo(conn)
    conn.execute(
        "INSERT INTO caption (photo_id, language, field, updated_at)"
        " VALUES ('p1', 'vi', 'caption', 'now')"
    )
    conn.execute("DELETE FROM photo WHERE id = 'p1'")
    assert conn.execute("SELECT count(*) FROM caption").fetchone()[0] == 0


def test_migrate_is_idempotent(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "p.db", isolation_level=None)
    migrate(conn)
    migrate(conn)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_failed_migration_leaves_the_old_schema(tmp_path: Path, monkeypatch) -> None:
    from curator.core.storage import migrations

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("power cut")

    monkeypatch.setattr(
        migrations, "MIGRATIONS", (*MIGRATIONS, migrations.Migration(99, "broken", broken))
    )
    conn = sqlite3.connect(tmp_path / "p.db", isolation_level=None)
    with pytest.raises(RuntimeError, match="power cut"):
        migrations.migrate(conn, target=99)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert "half_done" not in _tables(conn)


def test_migration_2_adds_thumbnails_and_problems_to_a_version_1_project(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "p.db", isolation_level=None)
    migrate(conn, target=1)
    _add_photo(conn)
    assert migrate(conn, target=2) == 2
    assert {"thumbnail", "photo_problem", "import_problem"} <= _tables(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("INSERT INTO thumbnail (photo_id, width, height, jpeg) VALUES ('p1', 1, 1, x'00')")
    conn.execute("INSERT INTO photo_problem (photo_id, code) VALUES ('p1', 'corrupt-exif')")
    conn.execute("DELETE FROM photo WHERE id = 'p1'")
    assert conn.execute("SELECT count(*) FROM thumbnail").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM photo_problem").fetchone()[0] == 0


def test_opening_a_version_1_project_migrates_it(tmp_path: Path) -> None:
    from curator.core.services import ProjectService

    path = tmp_path / "old.curator"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=1)
    conn.execute(
        "INSERT INTO project (singleton, uid, title, source_language, created_at)"
        " VALUES (1, 'u', 'Old', 'vi', '2026-01-01T00:00:00+00:00')"
    )
    conn.execute("INSERT INTO project_language (tag, position) VALUES ('vi', 0)")
    conn.close()
    with ProjectService.open(path) as service:
        assert service.store.schema_version == SCHEMA_VERSION
        assert service.project.get().title == "Old"
        assert service.media.file_problems() == []


def test_migration_3_adds_glossary_codes_and_forms(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "p.db", isolation_level=None)
    migrate(conn, target=2)
    conn.execute("INSERT INTO glossary_entry (id, kind) VALUES (1, 'person')")
    assert migrate(conn, target=3) == 3
    assert conn.execute("SELECT code FROM glossary_entry").fetchone()[0] == ""
    conn.execute("UPDATE glossary_entry SET code = 'tbt'")
    conn.execute("INSERT INTO glossary_entry (id, kind, code) VALUES (2, 'place', '')")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO glossary_entry (id, kind, code) VALUES (3, 'place', 'tbt')")
    conn.execute(
        "INSERT INTO glossary_form (entry_id, language, kind, form)"
        " VALUES (1, 'vi', 'forbidden', 'Vu Viet Trang')"
    )
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO glossary_form (entry_id, language, kind, form) VALUES (1, 'vi', 'x', 'y')"
        )


def test_reading_an_older_project_changes_nothing_on_disk(tmp_path: Path) -> None:
    from curator.core.services import ProjectService

    path = tmp_path / "v2.curator"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=2)
    conn.execute(
        "INSERT INTO project (singleton, uid, title, source_language, created_at)"
        " VALUES (1, 'u', 'Old', 'vi', '2026-01-01T00:00:00+00:00')"
    )
    conn.execute("INSERT INTO project_language (tag, position) VALUES ('vi', 0)")
    conn.close()
    before = path.read_bytes()
    with ProjectService.open(path, read_only=True) as service:
        assert service.read_only
        assert service.project.get().title == "Old"
        assert service.glossary.all() == []  # a table that migration 3 brings
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v2.curator"]


def test_migration_6_adds_the_export_record_to_a_version_5_project(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "p.db", isolation_level=None)
    migrate(conn, target=5)
    assert "exchange_export" not in _tables(conn)
    assert migrate(conn) == SCHEMA_VERSION >= 6
    assert {"exchange_export", "exchange_export_unit"} <= _tables(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(
        "INSERT INTO exchange_export VALUES ('e1', 'ru', 'vi', 'po', '2026-01-01T00:00:00', 1)"
    )
    conn.execute(
        "INSERT INTO exchange_export_unit (export_id, position, key, revision, source_hash,"
        " target, status) VALUES ('e1', 0, 'p1|caption', 3, 'abc', '', 'empty')"
    )
    # Forgetting an export forgets what it sent.
    conn.execute("DELETE FROM exchange_export WHERE id = 'e1'")
    assert conn.execute("SELECT COUNT(*) FROM exchange_export_unit").fetchone()[0] == 0


def test_migration_10_keeps_a_page_template_per_photo(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "p.db", isolation_level=None)
    migrate(conn, target=9)
    assert "catalogue_page_choice" not in _tables(conn)
    assert migrate(conn) == SCHEMA_VERSION >= 10
    conn.execute("PRAGMA foreign_keys = ON")
    _add_photo(conn)
    conn.execute("INSERT INTO catalogue_page_choice VALUES ('p1', 'spread')")
    with pytest.raises(sqlite3.IntegrityError):  # "auto" is the absence of a choice
        conn.execute("INSERT OR REPLACE INTO catalogue_page_choice VALUES ('p1', 'auto')")
    # a photo removed takes its choice with it
    conn.execute("DELETE FROM photo WHERE id = 'p1'")
    assert conn.execute("SELECT COUNT(*) FROM catalogue_page_choice").fetchone()[0] == 0


def test_migration_13_keeps_rights_templates_and_each_photos_provenance(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "p.db", isolation_level=None)
    migrate(conn, target=12)
    assert "rights_template" not in _tables(conn)
    assert migrate(conn) == SCHEMA_VERSION >= 13
    assert {"rights_template", "photo_provenance"} <= _tables(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    _add_photo(conn)
    conn.execute(
        "INSERT INTO photo_provenance (photo_id, source_type) VALUES ('p1', 'digitalCapture')"
    )
    with pytest.raises(sqlite3.IntegrityError):  # a C2PA state Curator does not know
        conn.execute("UPDATE photo_provenance SET c2pa_state = 'maybe'")
    with pytest.raises(sqlite3.IntegrityError):  # a template needs its agency
        conn.execute(
            "INSERT INTO rights_template (agency_key, agency, updated_at) VALUES ('', '', 'now')"
        )
    conn.execute("DELETE FROM photo WHERE id = 'p1'")
    assert conn.execute("SELECT COUNT(*) FROM photo_provenance").fetchone()[0] == 0


def test_migration_15_lets_captions_hold_alt_text_and_keeps_the_search(tmp_path: Path) -> None:
    from curator.core.language.folding import fold

    conn = sqlite3.connect(tmp_path / "p.db", isolation_level=None)
    migrate(conn, target=12)
    conn.execute("PRAGMA foreign_keys = ON")
    _add_photo(conn)
    conn.execute(
        "INSERT INTO caption (photo_id, language, field, text, status, updated_at)"
        " VALUES ('p1', 'vi', 'caption', 'Đà Nẵng', 'final', 'now')"
    )
    rowid = conn.execute("SELECT rowid FROM caption").fetchone()[0]
    conn.execute(
        "INSERT INTO caption_search (rowid, folded) VALUES (?, ?)", (rowid, fold("Đà Nẵng"))
    )
    with pytest.raises(sqlite3.IntegrityError):  # version 12 knows five fields
        conn.execute(
            "INSERT INTO caption (photo_id, language, field, updated_at)"
            " VALUES ('p1', 'vi', 'alt', 'now')"
        )
    assert migrate(conn) == SCHEMA_VERSION >= 13
    # the caption kept its row, status and its place in the search index
    assert conn.execute("SELECT rowid, text, status FROM caption").fetchall() == [
        (rowid, "Đà Nẵng", "final")
    ]
    found = conn.execute(
        "SELECT rowid FROM caption_search WHERE caption_search MATCH ?", (fold("da nang"),)
    ).fetchall()
    assert found == [(rowid,)]
    for name in ("alt", "description"):
        conn.execute(
            "INSERT INTO caption (photo_id, language, field, text, updated_at)"
            " VALUES ('p1', 'vi', ?, 'x', 'now')",
            (name,),
        )
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO caption (photo_id, language, field, updated_at)"
            " VALUES ('p1', 'vi', 'keywords', 'now')"
        )
    # the trigger still drops a caption's search row with the caption
    conn.execute("DELETE FROM photo WHERE id = 'p1'")
    assert conn.execute("SELECT COUNT(*) FROM caption_search").fetchone()[0] == 0


def test_migration_18_counts_a_photo_that_shows_something_as_edited(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "p.db", isolation_level=None)
    migrate(conn, target=16)
    conn.execute("PRAGMA foreign_keys = ON")
    for photo_id in ("p1", "p2", "p3"):
        conn.execute(
            "INSERT INTO photo (id, sha256, path, width, height, imported_at)"
            " VALUES (?, ?, ?, 10, 10, 'now')",
            (photo_id, photo_id, f"/{photo_id}.jpg"),
        )
    conn.execute("INSERT INTO glossary_entry (id, kind) VALUES (1, 'person')")
    conn.execute(
        "INSERT INTO photo_shown (photo_id, role, entry_id, position) VALUES ('p1', 'person', 1, 0)"
    )
    conn.execute("INSERT INTO photo_event (photo_id, language, text) VALUES ('p2', 'vi', 'Tết')")
    assert migrate(conn) == SCHEMA_VERSION >= 18
    # What a photo already showed stays the project's at a re-read; p3 follows its file.
    rows = conn.execute("SELECT id, shown_edited FROM photo ORDER BY id").fetchall()
    assert rows == [("p1", 1), ("p2", 1), ("p3", 0)]
