"""Narrowing thousands of photos to the few a curator is looking for.

The criteria: rating, flag, caption status, section, photographer, capture date, a language
still missing, and words in any caption.

:func:`matching_photo_ids` answers with one SQL query (plus the search index and a pass over
the credits when those criteria are set), fast enough at 10,000 photos to run as a person
types. The window's filter bar and ``curator photos`` use the same :class:`PhotoFilter`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from curator.core.language.folding import fold
from curator.core.repositories._util import load_language_map
from curator.core.services import ProjectService


class FlagFilter(StrEnum):
    """Which flags to show."""

    ANY = "any"
    PICKED = "pick"
    REJECTED = "reject"
    UNFLAGGED = "none"
    NOT_REJECTED = "not-rejected"


class StatusFilter(StrEnum):
    """Which caption states to show (over the project's languages)."""

    ANY = "any"
    #: No headline and no caption in any language.
    UNCAPTIONED = "uncaptioned"
    #: At least one field is a draft.
    DRAFT = "draft"
    #: At least one field needs review.
    NEEDS_REVIEW = "needs-review"
    #: Something is written, and every written field is final.
    FINAL = "final"


#: ``PhotoFilter.section_id`` for the photos in no section.
NO_SECTION = "-"

_FLAG_CONDITIONS = {
    FlagFilter.PICKED: "p.flag = 'pick'",
    FlagFilter.REJECTED: "p.flag = 'reject'",
    FlagFilter.UNFLAGGED: "p.flag IS NULL",
    FlagFilter.NOT_REJECTED: "p.flag IS NOT 'reject'",
}

_WRITTEN = "SELECT 1 FROM caption c WHERE c.photo_id = p.id AND c.text != ''"


@dataclass(frozen=True, slots=True)
class PhotoFilter:
    """What to show; the defaults show everything."""

    min_rating: int = 0
    flag: FlagFilter = FlagFilter.ANY
    status: StatusFilter = StatusFilter.ANY
    #: A section's id, :data:`NO_SECTION`, or None for any.
    section_id: str | None = None
    photographer: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    #: Photos still lacking text in this language (see :func:`_missing_condition`).
    missing_language: str | None = None
    #: Words to find in any caption field, in any language (case and accents ignored).
    text: str = ""

    def is_empty(self) -> bool:
        """Whether this filter shows every photo."""
        return replace(self, text="") == PhotoFilter() and not self.text.strip()


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


def _status_condition(status: StatusFilter, marks: str) -> str:
    in_languages = f"{_WRITTEN} AND c.language IN ({marks})"
    if status == StatusFilter.UNCAPTIONED:
        return f"NOT EXISTS ({_WRITTEN} AND c.field IN ('headline', 'caption'))"
    if status == StatusFilter.FINAL:
        return f"EXISTS ({in_languages}) AND NOT EXISTS ({in_languages} AND c.status != 'final')"
    return f"EXISTS ({in_languages} AND c.status = '{status.value}')"


def _conditions(photo_filter: PhotoFilter, languages: list[str]) -> tuple[list[str], list[object]]:
    conditions: list[str] = []
    params: list[object] = []
    if photo_filter.min_rating > 0:
        conditions.append("coalesce(p.rating, 0) >= ?")
        params.append(photo_filter.min_rating)
    if photo_filter.flag != FlagFilter.ANY:
        conditions.append(_FLAG_CONDITIONS[photo_filter.flag])
    if photo_filter.status != StatusFilter.ANY:
        conditions.append(_status_condition(photo_filter.status, ", ".join("?" * len(languages))))
        if photo_filter.status != StatusFilter.UNCAPTIONED:
            params.extend(languages * (2 if photo_filter.status == StatusFilter.FINAL else 1))
    if photo_filter.section_id == NO_SECTION:
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


def matching_photo_ids(service: ProjectService, photo_filter: PhotoFilter) -> set[str]:
    """The ids of the photos ``photo_filter`` lets through."""
    languages = list(service.project.get().languages)
    conditions, params = _conditions(photo_filter, languages)
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    rows = service.store.conn.execute(f"SELECT p.id FROM photo p{where}", params)
    result = {photo_id for (photo_id,) in rows.fetchall()}
    if photo_filter.photographer and result:
        result &= photos_by(service, photo_filter.photographer)
    if photo_filter.text.strip() and result:
        result &= service.search.photo_ids(photo_filter.text)
    return result


def _byline_names(byline: str | None) -> list[str]:
    return [name.strip() for name in (byline or "").split(";") if name.strip()]


def photographers(service: ProjectService) -> list[str]:
    """Everyone credited for a photo, sorted ignoring case and accents.

    Bylines as read, and structured credits in every language.
    """
    names: set[str] = set()
    conn = service.store.conn
    for (byline,) in conn.execute("SELECT byline FROM photo WHERE byline IS NOT NULL"):
        names.update(_byline_names(byline))
    for (raw,) in conn.execute("SELECT photographer FROM credit"):
        names.update(name for name in load_language_map(raw).values() if name)
    return sorted(names, key=lambda name: (fold(name), name))


def photos_by(service: ProjectService, name: str) -> set[str]:
    """Photos whose byline or structured credit names ``name`` (case and accents ignored)."""
    wanted = fold(name.strip())
    conn = service.store.conn
    found = {
        photo_id
        for photo_id, byline in conn.execute(
            "SELECT id, byline FROM photo WHERE byline IS NOT NULL"
        )
        if any(fold(part) == wanted for part in _byline_names(byline))
    }
    for photo_id, raw in conn.execute("SELECT photo_id, photographer FROM credit"):
        if any(fold(value) == wanted for value in load_language_map(raw).values()):
            found.add(photo_id)
    return found
