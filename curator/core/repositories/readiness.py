"""The counts behind the readiness matrix: photos and caption statuses per section."""

from __future__ import annotations

from curator.core.storage.database import Database

#: ``(section_id or None for no section, language, field, status) -> count``
StatusCounts = dict[tuple[str | None, str, str, str], int]


class ReadinessRepository:
    """Grouped counts over the whole project, in two queries at any size."""

    def __init__(self, conn: Database) -> None:
        self._conn = conn

    def photos_per_section(self) -> dict[str | None, int]:
        """``{section_id: photos}``; the key None counts the photos in no section."""
        rows = self._conn.execute(
            "SELECT section_photo.section_id, count(*) FROM photo"
            " LEFT JOIN section_photo ON section_photo.photo_id = photo.id"
            " GROUP BY section_photo.section_id"
        )
        return {section_id: int(count) for section_id, count in rows.fetchall()}

    def statuses_per_section(self, languages: list[str]) -> StatusCounts:
        """How many stored fields of these languages are in each status, per section."""
        if not languages:
            return {}
        rows = self._conn.execute(
            "SELECT section_photo.section_id, caption.language, caption.field, caption.status,"
            " count(*) FROM caption"
            " LEFT JOIN section_photo ON section_photo.photo_id = caption.photo_id"
            f" WHERE caption.language IN ({', '.join('?' * len(languages))})"
            " GROUP BY 1, 2, 3, 4",
            languages,
        )
        return {
            (section_id, language, field, status): int(count)
            for section_id, language, field, status, count in rows.fetchall()
        }
