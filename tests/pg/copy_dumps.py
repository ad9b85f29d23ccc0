"""Helpers of the copy tests: every table of a project file or a server project, comparable."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import psycopg

from curator.core.storage.address import ServerAddress, parse_address
from curator.server.copy_tables import copied_tables
from curator.server.search import folded_words

Dump = dict[str, list[tuple[object, ...]]]


def server_address(uri: str, project: str) -> ServerAddress:
    address = parse_address(f"{uri}&project={project}")
    assert isinstance(address, ServerAddress)
    return address


def _sorted(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    return sorted(rows, key=repr)


def file_dump(path: Path) -> Dump:
    """Every copied table's rows, and the search index as (caption key, folded words)."""
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        dump = {
            t.name: _sorted(conn.execute(f"SELECT {', '.join(t.columns)} FROM {t.name}").fetchall())
            for t in copied_tables()
        }
        dump["caption_search"] = _sorted(
            conn.execute(
                "SELECT c.photo_id, c.language, c.field, s.folded FROM caption_search s"
                " JOIN caption c ON c.rowid = s.rowid"
            ).fetchall()
        )
        dump["user_version"] = [tuple(conn.execute("PRAGMA user_version").fetchone())]
    return dump


def server_dump(address: ServerAddress) -> Dump:
    with psycopg.connect(address.conninfo) as conn:
        conn.execute(f"SET search_path TO {address.schema}")
        dump = {
            t.name: _sorted(conn.execute(f"SELECT {', '.join(t.columns)} FROM {t.name}").fetchall())
            for t in copied_tables()
        }
        search = conn.execute("SELECT photo_id, language, field, folded FROM caption_search")
        dump["caption_search"] = _sorted(search.fetchall())
    return dump


def schemas(uri: str) -> list[str]:
    with psycopg.connect(uri) as conn:
        rows = conn.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'curator%%' ORDER BY 1"
        ).fetchall()
    return [str(name) for (name,) in rows]


def as_on_a_server(dump: Dump) -> Dump:
    """A file's dump as the server holds it: no user_version, search rows in the server's words.

    The two engines index different strings (FTS5 tokenises ``fold(text)`` itself; the server
    holds the words already split), so the server's row is the caption's own words.
    """
    captions = {(r[0], r[1], r[2]): r[3] for r in dump["caption"]}
    found = dict(dump)
    del found["user_version"]
    found["caption_search"] = _sorted(
        [
            (*key, folded_words(str(captions[tuple(key)])))
            for *key, _folded in dump["caption_search"]
        ]
    )
    return found
