"""The tables a copy moves, in an order their foreign keys accept, read from the schema itself.

The reference is the project schema this Curator writes (``curator/core/storage/migrations.py``)
built in a database in memory: its tables, columns and foreign keys. The PostgreSQL twin has the
same tables and columns (``tests/pg/test_schema.py`` holds the two catalogues equal), so one list
serves both engines. The search index is left out: it is rebuilt at the destination from the
captions (a file's FTS5 table and the server's folded table are not the same shape).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from functools import cache

from curator.core.storage.migrations import SCHEMA_VERSION, migrate

#: Tables not copied row by row: the search index (rebuilt) and the server's version row.
SEARCH_TABLE = "caption_search"
_NOT_COPIED = (SEARCH_TABLE, "schema_version")


@dataclass(frozen=True, slots=True)
class CopiedTable:
    """One table of the project: its columns, and the identity column a server must advance."""

    name: str
    columns: tuple[str, ...]
    identity: str | None  # ``id INTEGER PRIMARY KEY`` (a PostgreSQL identity column)


@cache
def copied_tables() -> tuple[CopiedTable, ...]:
    """Every table to copy, each after the tables its foreign keys point to."""
    with closing(sqlite3.connect(":memory:", isolation_level=None)) as conn:
        migrate(conn, target=SCHEMA_VERSION)
        names = [
            str(name)
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
            if not str(name).startswith("sqlite_")
            and not any(str(name) == t or str(name).startswith(t + "_") for t in _NOT_COPIED)
        ]
        tables: dict[str, CopiedTable] = {}
        parents: dict[str, set[str]] = {}
        for name in names:
            info = conn.execute(f"PRAGMA table_info({name})").fetchall()
            keys = [row for row in info if row[5]]
            identity = (
                str(keys[0][1]) if len(keys) == 1 and str(keys[0][2]).upper() == "INTEGER" else None
            )
            if identity is not None and _without_rowid(conn, name):
                identity = None
            tables[name] = CopiedTable(name, tuple(str(row[1]) for row in info), identity)
            parents[name] = {
                str(row[2]) for row in conn.execute(f"PRAGMA foreign_key_list({name})")
            } - {name}
    return tuple(tables[name] for name in _ordered(parents))


def _without_rowid(conn: sqlite3.Connection, table: str) -> bool:
    row = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    return row is not None and "WITHOUT ROWID" in str(row[0]).upper()


def _ordered(parents: dict[str, set[str]]) -> list[str]:
    """The names, parents first (alphabetical among equals, so the order is stable)."""
    done: list[str] = []
    left = dict(parents)
    while left:
        ready = sorted(name for name, needs in left.items() if needs <= set(done))
        if not ready:
            raise RuntimeError(f"foreign keys form a cycle among {sorted(left)}")
        done.extend(ready)
        for name in ready:
            del left[name]
    return done
