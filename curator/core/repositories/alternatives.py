"""Translators' texts kept beside the curator's, when both changed a caption field."""

from __future__ import annotations

from dataclasses import dataclass

from curator.core.language.text import clean_text
from curator.core.model import CaptionField, CaptionStatus
from curator.core.repositories._util import now_iso
from curator.core.storage.database import Database


@dataclass(frozen=True, slots=True)
class CaptionAlternative:
    """A text for one caption field that waits for the curator to choose it or not.

    ``origin`` names where it came from (a translator's file); ``base_revision`` is the
    revision of the field the translator worked from.
    """

    id: int
    photo_id: str
    language: str
    field: CaptionField
    text: str
    status: CaptionStatus
    origin: str
    base_revision: int | None
    created_at: str


class AlternativeRepository:
    """Rows of ``caption_alternative``."""

    def __init__(self, conn: Database) -> None:
        self._conn = conn

    def add(
        self,
        photo_id: str,
        language: str,
        field: CaptionField,
        text: str,
        status: CaptionStatus,
        origin: str,
        base_revision: int | None,
    ) -> CaptionAlternative:
        """Keep a text beside the field; an identical pending text is not kept twice."""
        text = clean_text(text)
        for existing in self.for_field(photo_id, language, field):
            if existing.text == text:
                return existing
        created = now_iso()
        cursor = self._conn.execute(
            "INSERT INTO caption_alternative (photo_id, language, field, text, status, origin,"
            " base_revision, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (photo_id, language, field.value, text, status.value, origin, base_revision, created),
        )
        return CaptionAlternative(
            int(cursor.fetchone()[0]),
            photo_id,
            language,
            field,
            text,
            status,
            origin,
            base_revision,
            created,
        )

    def restore(self, alternative: CaptionAlternative) -> None:
        """Put a removed alternative back with its id (undo)."""
        self._conn.execute(
            "INSERT INTO caption_alternative (id, photo_id, language, field, text,"
            " status, origin, base_revision, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET photo_id = excluded.photo_id,"
            " language = excluded.language, field = excluded.field, text = excluded.text,"
            " status = excluded.status, origin = excluded.origin,"
            " base_revision = excluded.base_revision, created_at = excluded.created_at",
            (
                alternative.id,
                alternative.photo_id,
                alternative.language,
                alternative.field.value,
                alternative.text,
                alternative.status.value,
                alternative.origin,
                alternative.base_revision,
                alternative.created_at,
            ),
        )

    def get(self, alternative_id: int) -> CaptionAlternative | None:
        """One alternative, or ``None``."""
        rows = self._select("WHERE id = ?", (alternative_id,))
        return rows[0] if rows else None

    def for_field(
        self, photo_id: str, language: str, field: CaptionField
    ) -> list[CaptionAlternative]:
        """The texts waiting beside one field, oldest first."""
        return self._select(
            "WHERE photo_id = ? AND language = ? AND field = ?",
            (photo_id, language, field.value),
        )

    def all(self) -> list[CaptionAlternative]:
        """Every waiting text, by photo, language and field."""
        return self._select("", ())

    def count(self) -> int:
        """How many texts wait for a choice."""
        return int(self._conn.execute("SELECT count(*) FROM caption_alternative").fetchone()[0])

    def delete(self, alternative_id: int) -> None:
        """Remove one alternative."""
        self._conn.execute("DELETE FROM caption_alternative WHERE id = ?", (alternative_id,))

    def _select(self, where: str, params: tuple[object, ...]) -> list[CaptionAlternative]:
        rows = self._conn.execute(
            "SELECT id, photo_id, language, field, text, status, origin, base_revision,"
            f" created_at FROM caption_alternative {where}"
            " ORDER BY photo_id, language, field, id",
            params,
        ).fetchall()
        return [
            CaptionAlternative(
                int(row[0]),
                row[1],
                row[2],
                CaptionField(row[3]),
                row[4],
                CaptionStatus(row[5]),
                row[6],
                None if row[7] is None else int(row[7]),
                row[8],
            )
            for row in rows
        ]
