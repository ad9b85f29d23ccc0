"""Tables only a server project has, outside the numbered steps both engines share.

``shared_preview`` holds every photo's screen preview, so a workstation without the originals
still shows them (a project file keeps its previews in the cache folder beside it, see
:mod:`curator.core.storage.preview_cache`). Not a numbered migration: the SQLite schema has no
twin, so the step list stays the same on both engines. :func:`create` runs (idempotently) at
the end of every migration run of the project's owner, before the access rules are applied,
so the table gets its grants; ``tests/pg/test_schema.py`` compares the two catalogues without
:data:`SERVER_ONLY_TABLES` and checks these tables on their own.
"""

from __future__ import annotations

from psycopg import sql

from curator.core.storage.preview_cache import SHARED_PREVIEW_TABLE
from curator.server.schema import Connection

#: The tables a server project has and a project file has not.
SERVER_ONLY_TABLES = (SHARED_PREVIEW_TABLE,)


def create(conn: Connection, schema: str) -> None:
    """Make the server-only tables in the project's schema, if missing."""
    conn.execute(
        sql.SQL(
            "CREATE TABLE IF NOT EXISTS {} ("
            " sha256 text NOT NULL CHECK (length(sha256) = 64),"
            " size bigint NOT NULL CHECK (size > 0),"
            " jpeg bytea NOT NULL,"
            " PRIMARY KEY (sha256, size))"
        ).format(sql.Identifier(schema, SHARED_PREVIEW_TABLE))
    )
