"""Photos' keywords as the curator edits them (a JSON array in ``photo.keywords``)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from curator.core.storage.database import Database, dialect_of


def _decode(raw: str | None) -> tuple[str, ...]:
    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return ()
    return tuple(str(item) for item in value) if isinstance(value, list) else ()


class KeywordRepository:
    """Read and write the keywords of photos; a write marks them as the curator's."""

    def __init__(self, conn: Database) -> None:
        self._conn = conn

    def all(self) -> dict[str, tuple[str, ...]]:
        """Every photo that has keywords: its id and its keywords, in import order."""
        order = dialect_of(self._conn).photo_order
        rows = self._conn.execute(
            f"SELECT id, keywords FROM photo WHERE keywords != '[]' ORDER BY {order}"
        ).fetchall()
        return {str(pid): words for pid, raw in rows if (words := _decode(raw))}

    def of(self, photo_ids: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """The keywords of these photos (unknown ids are left out), 500 ids a query."""
        ids = list(dict.fromkeys(photo_ids))
        found: dict[str, tuple[str, ...]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = self._conn.execute(
                f"SELECT id, keywords FROM photo WHERE id IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
            found.update((str(pid), _decode(raw)) for pid, raw in rows.fetchall())
        return found

    def set_many(self, keywords: Iterable[tuple[str, tuple[str, ...]]]) -> None:
        """Give each photo these keywords; a re-read of its file keeps them from now on."""
        self._conn.executemany(
            "UPDATE photo SET keywords = ?, keywords_edited = 1 WHERE id = ?",
            [(json.dumps(list(words), ensure_ascii=False), pid) for pid, words in keywords],
        )
