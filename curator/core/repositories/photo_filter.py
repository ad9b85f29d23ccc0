"""The SQL behind the library's filter: one query over photos and captions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from curator.core.repositories._util import load_language_map
from curator.core.storage.database import Database

if TYPE_CHECKING:
    from curator.core.library.photo_filter import PhotoFilter

#: ``FlagFilter`` values (compared as strings: the filter's module imports this one).
_FLAG_CONDITIONS = {
    "pick": "p.flag = 'pick'",
    "reject": "p.flag = 'reject'",
    "none": "p.flag IS NULL",
    "not-rejected": "(p.flag IS NULL OR p.flag != 'reject')",
}
_ANY = "any"
_UNCAPTIONED = "uncaptioned"
_FINAL = "final"
_NO_SECTION = "-"

_WRITTEN = "SELECT 1 FROM caption c WHERE c.photo_id = p.id AND c.text != ''"


def _missing_condition(languages: list[str]) -> str:
    """The SQL for "lacks language X".

    A photo lacks X when it has no text in X at all, or when a field written in another of the
    project's languages is still empty in X (a translation to do).
    """
    marks = ", ".join("?" * len(languages))
    return (
        f"(NOT EXISTS ({_WRITTEN} AND c.language = ?)"
        " OR EXISTS (SELECT 1 FROM caption o WHERE o.photo_id = p.id AND o.text != ''"
        f" AND o.language IN ({marks}) AND o.language != ?"
        " AND NOT EXISTS (SELECT 1 FROM caption x WHERE x.photo_id = o.photo_id"
        " AND x.language = ? AND x.field = o.field AND x.text != '')))"
    )


def _status_condition(status: str, marks: str) -> str:
    in_languages = f"{_WRITTEN} AND c.language IN ({marks})"
    if status == _UNCAPTIONED:
        return f"NOT EXISTS ({_WRITTEN} AND c.field IN ('headline', 'caption'))"
    if status == _FINAL:
        return f"EXISTS ({in_languages}) AND NOT EXISTS ({in_languages} AND c.status != 'final')"
    return f"EXISTS ({in_languages} AND c.status = '{status}')"


def _conditions(photo_filter: PhotoFilter, languages: list[str]) -> tuple[list[str], list[object]]:
    conditions: list[str] = []
    params: list[object] = []
    if photo_filter.min_rating > 0:
        conditions.append("coalesce(p.rating, 0) >= ?")
        params.append(photo_filter.min_rating)
    if photo_filter.flag != _ANY:
        conditions.append(_FLAG_CONDITIONS[photo_filter.flag])
    if photo_filter.status != _ANY:
        conditions.append(_status_condition(photo_filter.status, ", ".join("?" * len(languages))))
        if photo_filter.status != _UNCAPTIONED:
            params.extend(languages * (2 if photo_filter.status == _FINAL else 1))
    if photo_filter.section_id == _NO_SECTION:
        conditions.append("p.id NOT IN (SELECT photo_id FROM section_photo)")
    elif photo_filter.section_id is not None:
        conditions.append("p.id IN (SELECT photo_id FROM section_photo WHERE section_id = ?)")
        params.append(photo_filter.section_id)
    if photo_filter.date_from is not None:
        conditions.append("substr(p.captured_at, 1, 10) >= ?")
        params.append(photo_filter.date_from.isoformat())
    if photo_filter.date_to is not None:
        conditions.append("substr(p.captured_at, 1, 10) <= ?")
        params.append(photo_filter.date_to.isoformat())
    if photo_filter.missing_language is not None:
        tag = photo_filter.missing_language
        conditions.append(_missing_condition(languages))
        params.extend([tag, *languages, tag, tag])
    return conditions, params


def _byline_names(byline: str | None) -> list[str]:
    return [name.strip() for name in (byline or "").split(";") if name.strip()]


class PhotoFilterRepository:
    """Reads for :mod:`curator.core.library.photo_filter`."""

    def __init__(self, conn: Database) -> None:
        self._conn = conn

    def matching(self, photo_filter: PhotoFilter, languages: list[str]) -> set[str]:
        """The photos the filter's SQL criteria let through (one query)."""
        conditions, params = _conditions(photo_filter, languages)
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        rows = self._conn.execute(f"SELECT p.id FROM photo p{where}", params)
        return {photo_id for (photo_id,) in rows.fetchall()}

    def credited_names(self) -> set[str]:
        """Every name in a byline or a structured credit (any language)."""
        names: set[str] = set()
        for (byline,) in self._conn.execute("SELECT byline FROM photo WHERE byline IS NOT NULL"):
            names.update(_byline_names(byline))
        for (raw,) in self._conn.execute("SELECT photographer FROM credit"):
            names.update(name for name in load_language_map(raw).values() if name)
        return names

    def credits_by_photo(self) -> Iterator[tuple[str, list[str]]]:
        """``(photo_id, names)`` for each byline and each structured credit."""
        for photo_id, byline in self._conn.execute(
            "SELECT id, byline FROM photo WHERE byline IS NOT NULL"
        ):
            yield str(photo_id), _byline_names(byline)
        for photo_id, raw in self._conn.execute("SELECT photo_id, photographer FROM credit"):
            yield str(photo_id), [value for value in load_language_map(raw).values()]
