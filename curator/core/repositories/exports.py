"""What each caption file for translators carried: the export record.

A file comes back through tools that may rewrite, drop or replace the comments and columns
in which it records its origin (``msgmerge`` replaces a PO's extracted comments with a newer
export's). The project's own record of an export, found by the id written in the file's
header, is what an import is matched against.
"""

from __future__ import annotations

from dataclasses import dataclass

from curator.core.model import CaptionStatus
from curator.core.repositories._util import now_iso
from curator.core.storage.database import Database, dialect_of


@dataclass(frozen=True, slots=True)
class SentUnit:
    """One entry as an export sent it, and what importing its file last wrote.

    ``applied_revision`` and ``applied_text`` are the field's revision and text after an
    import of this export wrote it: a translator sending a corrected file again is then
    matched against their own earlier text, not taken for a conflict with the curator.
    """

    key: str
    position: int
    revision: int
    source_hash: str
    target: str
    status: CaptionStatus
    budget_chars: int | None
    applied_revision: int | None = None
    applied_text: str | None = None


@dataclass(frozen=True, slots=True)
class ExportRecord:
    """An export: its id, languages, format and every entry it sent, in file order."""

    export_id: str
    language: str
    source_language: str
    format: str
    created_at: str
    units: tuple[SentUnit, ...]


class ExportRecordRepository:
    """Rows of ``exchange_export`` and ``exchange_export_unit``."""

    def __init__(self, conn: Database) -> None:
        self._conn = conn

    def add(
        self,
        export_id: str,
        language: str,
        source_language: str,
        fmt: str,
        units: tuple[SentUnit, ...],
    ) -> None:
        """Record an export (inside a transaction); an id already recorded is replaced."""
        self.delete(export_id)
        self._conn.execute(
            "INSERT INTO exchange_export (id, language, source_language, format, created_at,"
            " unit_count) VALUES (?, ?, ?, ?, ?, ?)",
            (export_id, language, source_language, fmt, now_iso(), len(units)),
        )
        self._conn.executemany(
            "INSERT INTO exchange_export_unit (export_id, position, key, revision, source_hash,"
            " target, status, budget_chars) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    export_id,
                    unit.position,
                    unit.key,
                    unit.revision,
                    unit.source_hash,
                    unit.target,
                    unit.status.value,
                    unit.budget_chars,
                )
                for unit in units
            ),
        )

    def get(self, export_id: str) -> ExportRecord | None:
        """The record of one export, or ``None`` when this project made no such export."""
        row = self._conn.execute(
            "SELECT id, language, source_language, format, created_at FROM exchange_export"
            " WHERE id = ?",
            (export_id,),
        ).fetchone()
        if row is None:
            return None
        units = tuple(
            SentUnit(
                key=key,
                position=position,
                revision=revision,
                source_hash=hash_,
                target=target,
                status=CaptionStatus(status),
                budget_chars=budget,
                applied_revision=applied_revision,
                applied_text=applied_text,
            )
            for key, position, revision, hash_, target, status, budget, applied_revision, (
                applied_text
            ) in self._conn.execute(
                "SELECT key, position, revision, source_hash, target, status, budget_chars,"
                " applied_revision, applied_text FROM exchange_export_unit"
                " WHERE export_id = ? ORDER BY position",
                (export_id,),
            )
        )
        return ExportRecord(row[0], row[1], row[2], row[3], row[4], units)

    def latest_with(self, language: str, keys: list[str]) -> str | None:
        """The id of the newest export into ``language`` that sent any of ``keys``."""
        if not keys:
            return None
        placeholders = ", ".join("?" for _ in keys[:500])
        row = self._conn.execute(
            "SELECT e.id FROM exchange_export e JOIN exchange_export_unit u"
            " ON u.export_id = e.id WHERE e.language = ? AND u.key IN"
            f" ({placeholders}) ORDER BY {dialect_of(self._conn).export_order} LIMIT 1",
            (language, *keys[:500]),
        ).fetchone()
        return None if row is None else str(row[0])

    def mark_applied(self, export_id: str, key: str, revision: int, text: str) -> None:
        """Note what an import of this export wrote into the entry's field."""
        self._conn.execute(
            "UPDATE exchange_export_unit SET applied_revision = ?, applied_text = ?"
            " WHERE export_id = ? AND key = ?",
            (revision, text, export_id, key),
        )

    def delete(self, export_id: str) -> None:
        """Forget an export (its file could not be written)."""
        self._conn.execute("DELETE FROM exchange_export_unit WHERE export_id = ?", (export_id,))
        self._conn.execute("DELETE FROM exchange_export WHERE id = ?", (export_id,))

    def count(self) -> int:
        """How many exports are recorded."""
        return int(self._conn.execute("SELECT COUNT(*) FROM exchange_export").fetchone()[0])
