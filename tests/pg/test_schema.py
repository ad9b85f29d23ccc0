"""The project schema on a real PostgreSQL server: the same catalogue as a project file."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import psycopg
import pytest

from curator.core.errors import ProjectOpenError
from curator.core.storage import migrations as sqlite_migrations
from curator.core.storage.address import ServerAddress, parse_address
from curator.core.storage.migrations import MIGRATIONS, SCHEMA_VERSION
from curator.server import migrations, schema, schema_shared
from curator.server.connection import connect
from curator.server.search import folded_words, tsquery
from tests.pg.catalogue import pg_catalogue, sqlite_catalogue

#: Tables only a server project has: the migrations' version row, and the server-only tables
#: (checked on their own below), compared without.
_PG_ONLY = {"caption_search", "schema_version", *schema_shared.SERVER_ONLY_TABLES}


def _address(uri: str, project: str | None = None) -> ServerAddress:
    address = parse_address(uri + (f"&project={project}" if project else ""))
    assert isinstance(address, ServerAddress)
    return address


def _sqlite_project() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    sqlite_migrations.migrate(conn)
    return conn


def test_every_sqlite_migration_has_its_postgresql_twin():
    assert [s.version for s in migrations.steps()] == [m.version for m in MIGRATIONS]


def test_a_fresh_server_project_has_the_catalogue_of_a_project_file(pg_database: str):
    address = _address(pg_database)
    with closing(_sqlite_project()) as lite, connect(address) as conn:
        assert migrations.migrate(conn, address) == SCHEMA_VERSION
        expected = sqlite_catalogue(lite, skip={"caption_search"})
        found = pg_catalogue(conn, address.schema, skip=_PG_ONLY)
    assert sorted(found) == sorted(expected)
    for table in expected:
        assert found[table] == expected[table], table
    # Not vacuous: the comparison sees keys, checks, partial unique indexes and cascades.
    assert expected["glossary_entry"].indexes == {(("code",), True, True, "glossary_code")}
    assert (("photo_id",), "photo", ("id",), "SET NULL") in expected["slot"].foreign_keys
    assert expected["photo"].checks == ("exposure_time", "f_number", "flag", "focal_length", "iso")


def test_every_step_on_its_own_gives_the_catalogue_of_the_same_sqlite_step(pg_database: str):
    """A step's PostgreSQL form matches its SQLite twin at its own version, not only at the end."""
    with connect(_address(pg_database)) as conn:
        for migration in MIGRATIONS:
            address = _address(pg_database, f"v{migration.version}")
            lite = sqlite3.connect(":memory:", isolation_level=None)
            with closing(lite):
                sqlite_migrations.migrate(lite, target=migration.version)
                expected = sqlite_catalogue(lite, skip={"caption_search"})
            assert migrations.migrate(conn, address, target=migration.version) == (
                migration.version
            )
            found = pg_catalogue(conn, address.schema, skip=_PG_ONLY)
            assert found == expected, migration.version


def test_the_only_tables_a_file_lacks_are_the_servers_previews_and_version(pg_database: str):
    """The documented exemption: nothing else may differ, and the previews table is real."""
    address = _address(pg_database)
    with closing(_sqlite_project()) as lite, connect(address) as conn:
        migrations.migrate(conn, address)
        in_file = set(sqlite_catalogue(lite, skip={"caption_search"}))
        on_server = set(pg_catalogue(conn, address.schema, skip={"caption_search"}))
        key = conn.execute(
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
            " AND a.attnum = ANY(i.indkey) WHERE i.indisprimary"
            " AND i.indrelid = %s::regclass ORDER BY a.attname",
            (f"{address.schema}.shared_preview",),
        ).fetchall()
    assert on_server - in_file == {"schema_version", "shared_preview"}
    assert in_file - on_server == set()
    assert [name for (name,) in key] == ["sha256", "size"]


def test_the_search_table_takes_fts5s_place(pg_database: str):
    address = _address(pg_database)
    with connect(address) as conn:
        migrations.migrate(conn, address)
        columns = conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = %s"
            " AND table_name = 'caption_search' ORDER BY ordinal_position",
            (address.schema,),
        ).fetchall()
        assert [c for (c,) in columns] == ["photo_id", "language", "field", "folded"]
        index = conn.execute(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = %s"
            " AND indexname = 'caption_search_words'",
            (address.schema,),
        ).fetchone()
        assert index is not None and "gin" in str(index[0])


def _insert_caption(
    conn: psycopg.Connection[tuple[object, ...]], photo: str, language: str, text: str
) -> None:
    conn.execute(
        "INSERT INTO photo (id, sha256, path, width, height, imported_at)"
        " VALUES (%s, %s, '/x.jpg', 10, 10, 'now') ON CONFLICT DO NOTHING",
        (photo, photo),
    )
    conn.execute(
        "INSERT INTO caption (photo_id, language, field, text, updated_at)"
        " VALUES (%s, %s, 'caption', %s, 'now')",
        (photo, language, text),
    )
    conn.execute(
        "INSERT INTO caption_search (photo_id, language, field, folded)"
        " VALUES (%s, %s, 'caption', %s)",
        (photo, language, folded_words(text)),
    )


def _found(conn: psycopg.Connection[tuple[object, ...]], query: str) -> set[str]:
    expression = tsquery(query)
    assert expression is not None
    rows = conn.execute(
        "SELECT photo_id FROM caption_search"
        " WHERE to_tsvector('simple', folded) @@ to_tsquery('simple', %s)",
        (expression,),
    ).fetchall()
    return {str(r[0]) for r in rows}


def test_search_on_the_server_is_accent_blind_as_in_a_project_file(pg_database: str):
    address = _address(pg_database)
    with connect(address) as conn:
        migrations.migrate(conn, address)
        _insert_caption(conn, "p1", "vi", "Cầu Rồng ở Đà Nẵng, hợp tác quốc tế")
        _insert_caption(conn, "p2", "ru", "Ёлка на Красной площади")
        _insert_caption(conn, "p3", "en", "O'Brien's harbour at dawn")
        assert _found(conn, "da nang") == {"p1"}
        assert _found(conn, "đà nẵ") == {"p1"}  # the last word as a prefix, as one types
        assert _found(conn, "nang da") == set()  # a phrase: the words in order
        assert _found(conn, "елка") == {"p2"}
        assert _found(conn, "hop tac, cau") == {"p1"}
        assert _found(conn, "hop tac, ёлка") == set()
        assert _found(conn, "o'brien") == {"p3"}
        # Deleting a caption drops its search row, as SQLite's trigger does.
        conn.execute("DELETE FROM photo WHERE id = 'p1'")
        assert _found(conn, "da nang") == set()


def test_migration_indexes_captions_already_written(pg_database: str):
    address = _address(pg_database, "older")
    with connect(address) as conn:
        migrations.migrate(conn, address, target=4)
        conn.execute(f"SET search_path TO {address.schema}")
        conn.execute(
            "INSERT INTO photo (id, sha256, path, width, height, imported_at, rating)"
            " VALUES ('p', 'h', '/p.jpg', 1, 1, 'now', -1)"
        )
        for language, text in (("vi", "Hà Nội"), ("en", "Hanoi")):
            conn.execute(
                "INSERT INTO caption (photo_id, language, field, text, status, updated_at)"
                " VALUES ('p', %s, 'caption', %s, 'final', %s)",
                (language, text, f"2026-01-0{len(text)}"),
            )
        conn.execute(
            "INSERT INTO setting (key, value) VALUES ('catalogue_texts', %s)",
            ('{"title": {"vi": " Triển lãm ", "ru": ""}, "foreword": "x"}',),
        )
        assert migrations.migrate(conn, address) == SCHEMA_VERSION
        assert _found(conn, "ha noi") == {"p"}
        assert conn.execute("SELECT flag, rating FROM photo").fetchall() == [("reject", None)]
        assert conn.execute("SELECT key, language, text FROM catalogue_text").fetchall() == [
            ("title", "vi", "Triển lãm")
        ]
        assert conn.execute(
            "SELECT count(*) FROM setting WHERE key = 'catalogue_texts'"
        ).fetchone() == (0,)
        units = conn.execute(
            "SELECT source_language, target_language, created_at FROM memory_unit"
            " ORDER BY source_language"
        ).fetchall()
        assert units == [("en", "vi", "2026-01-06"), ("vi", "en", "2026-01-06")]


def test_projects_in_one_database_are_separate_schemas(pg_database: str):
    default, other = _address(pg_database), _address(pg_database, "tass_ttxvn")
    with connect(default) as conn:
        migrations.migrate(conn, default)
        migrations.migrate(conn, other)
        schemas = conn.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'curator%%' ORDER BY 1"
        ).fetchall()
        assert schemas == [("curator_default",), ("curator_tass_ttxvn",)]
        conn.execute("INSERT INTO setting (key, value) VALUES ('a', '1')")
        assert conn.execute(
            "SELECT count(*) FROM curator_tass_ttxvn.setting WHERE key = %s", ("a",)
        ).fetchone() == (0,)


def test_migrating_again_changes_nothing_and_a_newer_project_is_refused(pg_database: str):
    address = _address(pg_database)
    with connect(address) as conn:
        migrations.migrate(conn, address)
        assert migrations.migrate(conn, address) == SCHEMA_VERSION
        conn.execute("UPDATE schema_version SET version = %s", (SCHEMA_VERSION + 1,))
        with pytest.raises(ProjectOpenError, match="newer Curator"):
            migrations.migrate(conn, address)


def test_a_failing_step_leaves_the_previous_version_whole(
    pg_database: str, monkeypatch: pytest.MonkeyPatch
):
    address = _address(pg_database)

    def broken(conn: psycopg.Connection[tuple[object, ...]]) -> None:
        conn.execute("CREATE TABLE half_done (x bigint)")
        conn.execute("SELECT * FROM no_such_table")

    steps = tuple(
        schema.PgStep(s.version, broken) if s.version == 3 else s for s in schema.PG_STEPS
    )
    monkeypatch.setattr(migrations, "PG_STEPS", steps)
    with connect(address) as conn:
        with pytest.raises(psycopg.errors.UndefinedTable):
            migrations.migrate(conn, address)
        assert migrations.schema_version(conn, address.schema) == 2
        assert conn.execute("SELECT to_regclass('half_done')").fetchone() == (None,)


def test_connecting_to_a_missing_server_names_the_address():
    address = _address("postgresql:///nowhere?host=/nonexistent/socket/dir&user=u")
    with pytest.raises(ProjectOpenError, match="/nonexistent/socket/dir"):
        connect(address)
