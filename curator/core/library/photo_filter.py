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
from curator.core.repositories.photo_filter import PhotoFilterRepository
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


def matching_photo_ids(service: ProjectService, photo_filter: PhotoFilter) -> set[str]:
    """The ids of the photos ``photo_filter`` lets through."""
    languages = service.project.languages()
    result = PhotoFilterRepository(service.store.conn).matching(photo_filter, languages)
    if photo_filter.photographer and result:
        result &= photos_by(service, photo_filter.photographer)
    if photo_filter.text.strip() and result:
        result &= service.search.photo_ids(photo_filter.text)
    return result


def photographers(service: ProjectService) -> list[str]:
    """Everyone credited for a photo, sorted ignoring case and accents.

    Bylines as read, and structured credits in every language.
    """
    names = PhotoFilterRepository(service.store.conn).credited_names()
    return sorted(names, key=lambda name: (fold(name), name))


def photos_by(service: ProjectService, name: str) -> set[str]:
    """Photos whose byline or structured credit names ``name`` (case and accents ignored)."""
    wanted = fold(name.strip())
    return {
        photo_id
        for photo_id, names in PhotoFilterRepository(service.store.conn).credits_by_photo()
        if any(fold(value) == wanted for value in names)
    }
