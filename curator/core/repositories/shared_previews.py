"""Previews kept in a server project's database, for every workstation to read.

Only a server project has the ``shared_preview`` table (PostgreSQL-only, see
:mod:`curator.server.schema_shared`); a project file keeps its previews in the cache folder
beside it. Rows are keyed by the original's content hash and the preview's long edge, written
once by the first workstation that has the original, never changed after (the same content
gives the same preview).
"""

from __future__ import annotations

from curator.core.storage.database import Database
from curator.core.storage.preview_cache import SHARED_PREVIEW_TABLE

#: Hashes per ``IN (...)`` query.
_QUERY_BATCH = 500


class SharedPreviewRepository:
    """The server's previews, by content hash and long edge."""

    def __init__(self, conn: Database) -> None:
        self._conn = conn

    def available(self) -> bool:
        """Whether the project has the table (its owner opened it with this Curator since)."""
        row = self._conn.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?",
            (SHARED_PREVIEW_TABLE,),
        ).fetchone()
        return bool(row and int(row[0]))

    def hashes(self, size: int) -> set[str]:
        """The content hashes whose preview of this long edge the server holds."""
        rows = self._conn.execute(
            f"SELECT sha256 FROM {SHARED_PREVIEW_TABLE} WHERE size = ?", (size,)
        ).fetchall()
        return {str(sha256) for (sha256,) in rows}

    def jpegs(self, hashes: list[str], size: int) -> dict[str, bytes]:
        """The JPEG bytes of these hashes' previews (those held), by hash."""
        found: dict[str, bytes] = {}
        for start in range(0, len(hashes), _QUERY_BATCH):
            batch = hashes[start : start + _QUERY_BATCH]
            marks = ", ".join("?" * len(batch))
            rows = self._conn.execute(
                f"SELECT sha256, jpeg FROM {SHARED_PREVIEW_TABLE}"
                f" WHERE size = ? AND sha256 IN ({marks})",
                [size, *batch],
            )
            found.update((str(sha256), bytes(jpeg)) for sha256, jpeg in rows)
        return found

    def put(self, sha256: str, size: int, jpeg: bytes) -> None:
        """Keep a preview; one already there (another workstation's) is left as it is."""
        self._conn.execute(
            f"INSERT INTO {SHARED_PREVIEW_TABLE} (sha256, size, jpeg) VALUES (?, ?, ?)"
            " ON CONFLICT (sha256, size) DO NOTHING",
            (sha256, size, jpeg),
        )
