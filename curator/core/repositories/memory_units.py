"""The translation units a project produced, and the check findings its curator accepted.

A caption field that is final in two languages is a unit, kept in both directions (the
memory looks a source text up in either language). Units stay when the captions later
change: they record what was once agreed, as a translation memory does.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from dataclasses import dataclass

from curator.core.model import CaptionField
from curator.core.repositories._util import now_iso
from curator.core.storage.database import Database


def current_author() -> str:
    """The person at the keyboard, as the operating system names them ('' when unknown)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


@dataclass(frozen=True, slots=True)
class ProjectUnit:
    """One unit of this project: a field's text in two languages, both final."""

    photo_id: str
    field: str
    source_language: str
    target_language: str
    source_text: str
    target_text: str
    created_at: str
    author: str


@dataclass(frozen=True, slots=True)
class AcceptedFinding:
    """A check finding the curator accepted, so it is not raised again."""

    photo_id: str
    field: str
    language: str
    code: str
    detail: str


class MemoryUnitRepository:
    """The project's own units and accepted findings."""

    def __init__(self, conn: Database) -> None:
        self._conn = conn

    def record_final(self, photo_id: str, field: CaptionField) -> int:
        """Add the units of one field whose texts are final in two languages; how many new."""
        added = self._conn.execute(
            "INSERT INTO memory_unit (photo_id, field, source_language,"
            " target_language, source_text, target_text, created_at, author)"
            " SELECT s.photo_id, s.field, s.language, t.language, s.text, t.text, ?, ?"
            " FROM caption s JOIN caption t ON t.photo_id = s.photo_id AND t.field = s.field"
            " AND t.language != s.language WHERE s.photo_id = ? AND s.field = ?"
            " AND s.status = 'final' AND t.status = 'final' AND s.text != '' AND t.text != ''"
            " ON CONFLICT DO NOTHING RETURNING 1",
            (now_iso(), current_author(), photo_id, field.value),
        ).fetchall()
        return len(added)

    def units(self, batch: int = 1000) -> Iterator[ProjectUnit]:
        """Every unit, read in batches (bounded memory for a big project)."""
        cursor = self._conn.execute(
            "SELECT photo_id, field, source_language, target_language, source_text,"
            " target_text, created_at, author FROM memory_unit"
            " ORDER BY photo_id, field, source_language, target_language"
        )
        while rows := cursor.fetchmany(batch):
            for row in rows:
                yield ProjectUnit(*row)

    def count(self) -> int:
        """How many units (each direction counted)."""
        return int(self._conn.execute("SELECT count(*) FROM memory_unit").fetchone()[0])

    def accept(self, finding: AcceptedFinding) -> None:
        """Keep ``finding`` as accepted."""
        self._conn.execute(
            "INSERT INTO check_acceptance (photo_id, field, language, code, detail,"
            " accepted_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (
                finding.photo_id,
                finding.field,
                finding.language,
                finding.code,
                finding.detail,
                now_iso(),
            ),
        )

    def accepted(self) -> set[AcceptedFinding]:
        """Every accepted finding."""
        rows = self._conn.execute(
            "SELECT photo_id, field, language, code, detail FROM check_acceptance"
        )
        return {AcceptedFinding(*row) for row in rows.fetchall()}
