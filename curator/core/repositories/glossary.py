"""The glossary: names and terms with their form in each language."""

from __future__ import annotations

import sqlite3

from curator.core.model import GlossaryEntry, GlossaryKind
from curator.core.text import clean_line


class GlossaryRepository:
    """Glossary entries and their per-language terms."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def add(self, kind: GlossaryKind, terms: dict[str, str], note: str = "") -> GlossaryEntry:
        """Add an entry with its terms."""
        cursor = self._conn.execute(
            "INSERT INTO glossary_entry (kind, note) VALUES (?, ?)", (kind.value, clean_line(note))
        )
        entry_id = int(cursor.lastrowid or 0)
        cleaned = {tag: clean_line(text) for tag, text in terms.items() if text.strip()}
        self._conn.executemany(
            "INSERT INTO glossary_term (entry_id, language, text) VALUES (?, ?, ?)",
            [(entry_id, tag, text) for tag, text in cleaned.items()],
        )
        return GlossaryEntry(entry_id, kind, cleaned, clean_line(note))

    def all(self) -> list[GlossaryEntry]:
        """Every entry, in the order they were added."""
        entries = self._conn.execute(
            "SELECT id, kind, note FROM glossary_entry ORDER BY id"
        ).fetchall()
        terms: dict[int, dict[str, str]] = {}
        for entry_id, language, text in self._conn.execute(
            "SELECT entry_id, language, text FROM glossary_term"
        ):
            terms.setdefault(entry_id, {})[language] = text
        return [
            GlossaryEntry(eid, GlossaryKind(kind), terms.get(eid, {}), note)
            for eid, kind, note in entries
        ]

    def count(self) -> int:
        """How many entries the glossary holds."""
        return int(self._conn.execute("SELECT count(*) FROM glossary_entry").fetchone()[0])
