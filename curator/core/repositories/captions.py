"""Captions: (photo, language, field) -> text, status and revision."""

from __future__ import annotations

from collections.abc import Iterator

from curator.core.language.text import clean_text
from curator.core.model import PRINTED_FIELDS, Caption, CaptionField, CaptionStatus
from curator.core.repositories._util import now_iso
from curator.core.repositories.memory_units import MemoryUnitRepository
from curator.core.repositories.search import index_caption
from curator.core.storage.database import Database, dialect_of


class CaptionRepository:
    """Caption fields; every change bumps the field's revision."""

    def __init__(self, conn: Database) -> None:
        self._conn = conn
        self._server = dialect_of(conn).is_server

    def set(
        self,
        photo_id: str,
        language: str,
        field: CaptionField,
        text: str,
        status: CaptionStatus | None = None,
        *,
        edited: bool = True,
    ) -> Caption:
        """Write one field. Without ``status``, empty text is ``empty`` and other text ``draft``.

        The revision grows only when text or status actually change.
        """
        return self.write(
            photo_id, language, field, text, status, edited, self.get(photo_id, language, field)
        )

    def write(
        self,
        photo_id: str,
        language: str,
        field: CaptionField,
        text: str,
        status: CaptionStatus | None,
        edited: bool,
        current: Caption | None,
    ) -> Caption:
        """:meth:`set` for a caller that has just read the field (``current``) itself."""
        text = clean_text(text)
        if status is None:
            status = CaptionStatus.DRAFT if text else CaptionStatus.EMPTY
        if (
            current is not None
            and current.text == text
            and current.status == status
            and current.edited == edited
        ):
            return current
        revision = (current.revision if current else 0) + 1
        row = self._conn.execute(
            "INSERT INTO caption (photo_id, language, field, text, status, revision, edited,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (photo_id, language, field) DO UPDATE SET text = excluded.text,"
            " status = excluded.status, revision = excluded.revision,"
            " edited = excluded.edited, updated_at = excluded.updated_at"
            # A server's index is keyed by the caption's key: it needs no rowid.
            + (" RETURNING revision" if self._server else " RETURNING rowid"),
            (photo_id, language, field.value, text, status.value, revision, int(edited), now_iso()),
        ).fetchone()
        if (current.text if current else "") != text:
            rowid = None if self._server else int(row[0])
            index_caption(self._conn, photo_id, language, field, text, rowid=rowid)
        if status == CaptionStatus.FINAL and text:
            MemoryUnitRepository(self._conn).record_final(photo_id, field)
        return Caption(photo_id, language, field, text, status, revision, edited)

    def of_photos(
        self, photo_ids: list[str], language: str, field: CaptionField
    ) -> dict[str, Caption | None]:
        """``{photo_id: field or None}`` for the photos of these ids that exist, in one query.

        An id that names no photo is left out, so the caller learns both at once.
        """
        result: dict[str, Caption | None] = {}
        for start in range(0, len(photo_ids), 500):
            chunk = photo_ids[start : start + 500]
            rows = self._conn.execute(
                "SELECT photo.id, caption.text, caption.status, caption.revision, caption.edited"
                " FROM photo LEFT JOIN caption ON caption.photo_id = photo.id"
                " AND caption.language = ? AND caption.field = ?"
                f" WHERE photo.id IN ({', '.join('?' * len(chunk))})",
                [language, field.value, *chunk],
            )
            for photo_id, text, status, revision, edited in rows.fetchall():
                result[photo_id] = (
                    None
                    if status is None
                    else Caption(
                        photo_id,
                        language,
                        field,
                        text,
                        CaptionStatus(status),
                        revision,
                        bool(edited),
                    )
                )
        return result

    def get(self, photo_id: str, language: str, field: CaptionField) -> Caption | None:
        """One field, or ``None`` when it was never written."""
        row = self._conn.execute(
            "SELECT text, status, revision, edited FROM caption"
            " WHERE photo_id = ? AND language = ? AND field = ?",
            (photo_id, language, field.value),
        ).fetchone()
        if row is None:
            return None
        text, status, revision, edited = row
        return Caption(
            photo_id, language, field, text, CaptionStatus(status), revision, bool(edited)
        )

    def for_photo(self, photo_id: str) -> list[Caption]:
        """Every stored field of a photo."""
        rows = self._conn.execute(
            "SELECT language, field, text, status, revision, edited FROM caption"
            " WHERE photo_id = ? ORDER BY language, field",
            (photo_id,),
        )
        return [
            Caption(
                photo_id,
                language,
                CaptionField(field),
                text,
                CaptionStatus(status),
                revision,
                bool(edited),
            )
            for language, field, text, status, revision, edited in rows.fetchall()
        ]

    def texts(
        self, field: CaptionField, photo_ids: list[str] | None = None
    ) -> dict[str, dict[str, str]]:
        """``{photo_id: {language: text}}`` for one field, in one query (empty text left out)."""
        sql = "SELECT photo_id, language, text FROM caption WHERE field = ? AND text != ''"
        params: list[str] = [field.value]
        if photo_ids is not None:
            if not photo_ids:
                return {}
            sql += f" AND photo_id IN ({', '.join('?' * len(photo_ids))})"
            params.extend(photo_ids)
        result: dict[str, dict[str, str]] = {}
        for photo_id, language, text in self._conn.execute(sql, params).fetchall():
            result.setdefault(photo_id, {})[language] = text
        return result

    def written(
        self, language: str, fields: list[CaptionField]
    ) -> Iterator[tuple[str, CaptionField, str]]:
        """``(photo_id, field, text)`` of a language's non-empty fields, photo by photo.

        Rows are read as they are used (a cursor), so memory stays flat at any size.
        """
        cursor = self._conn.execute(
            "SELECT photo_id, field, text FROM caption WHERE language = ? AND text != ''"
            f" AND field IN ({', '.join('?' * len(fields))}) ORDER BY photo_id, field",
            (language, *(field.value for field in fields)),
        )
        for photo_id, field, text in cursor:
            yield photo_id, CaptionField(field), text

    def generated_texts(self) -> dict[str, list[str]]:
        """``{language: texts}``: the place, date and credit fields still following their data.

        Those texts were written from structured data (glossary places, capture dates,
        credit records), not typed, so their words are names the project knows.
        """
        rows = self._conn.execute(
            "SELECT DISTINCT language, text FROM caption WHERE edited = 0 AND text != ''"
            " AND field IN (?, ?, ?)",
            (CaptionField.PLACE.value, CaptionField.DATE.value, CaptionField.CREDIT.value),
        )
        result: dict[str, list[str]] = {}
        for language, text in rows.fetchall():
            result.setdefault(language, []).append(text)
        return result

    def status_counts(self, languages: list[str]) -> dict[str, int]:
        """How many fields of the project's languages are in each status.

        Fields never written count as ``empty``: five fields per photo and language (the
        printed ones; alt text and extended description are not counted).
        """
        counts = {status.value: 0 for status in CaptionStatus}
        if not languages:
            return counts
        marks = ", ".join("?" * len(languages))
        printed = [f.value for f in PRINTED_FIELDS]
        rows = self._conn.execute(
            f"SELECT status, count(*) FROM caption WHERE language IN ({marks})"
            f" AND field IN ({', '.join('?' * len(printed))}) GROUP BY status",
            [*languages, *printed],
        )
        stored = 0
        for status, count in rows.fetchall():
            counts[status] = int(count)
            stored += int(count)
        photos = int(self._conn.execute("SELECT count(*) FROM photo").fetchone()[0])
        expected = photos * len(languages) * len(PRINTED_FIELDS)
        counts[CaptionStatus.EMPTY.value] += max(0, expected - stored)
        return counts
