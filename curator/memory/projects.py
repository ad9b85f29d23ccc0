"""A project and the memory: its units as drafts, and suggestions for one of its fields.

Suggestions come from the person's memory and from the project's own units (so a phrase
finished earlier in the same exhibition is offered too), never from the very field asked
about. A memory file that does not exist yet is an empty memory.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from pathlib import Path

from curator.core.language.languages import not_a_project_language
from curator.core.model import CaptionField
from curator.core.services import ProjectService
from curator.memory.adapt import adapt
from curator.memory.store import MemoryStore, Suggestion, UnitDraft


def project_origin(service: ProjectService) -> tuple[str, int]:
    """The exhibition's title and year, as a unit's origin."""
    project = service.project.get()
    return project.title, project.created_at.year


def project_drafts(service: ProjectService) -> Iterator[UnitDraft]:
    """The project's units (one direction each) as drafts for a memory."""
    title, year = project_origin(service)
    uid = service.project.get().uid
    source = service.project.get().source_language
    for unit in service.memory_units.units():
        # Each unit is kept in both directions; the memory adds the reverse itself.
        if (unit.target_language == source) or (
            unit.source_language != source and unit.source_language > unit.target_language
        ):
            continue
        yield UnitDraft(
            unit.source_language,
            unit.target_language,
            unit.source_text,
            unit.target_text,
            origin=title,
            year=year,
            photo_id=unit.photo_id,
            field=unit.field,
            created_at=unit.created_at,
            author=unit.author,
            project=uid,
        )


def source_text(service: ProjectService, photo_id: str, field: CaptionField) -> tuple[str, str]:
    """The project's source language and the photo's text of ``field`` in it."""
    service.photos.get(photo_id)  # NotFoundError naming the id
    source = service.project.get().source_language
    caption = service.captions.get(photo_id, source, field)
    return source, caption.text if caption else ""


class OwnUnits:
    """The project's own units indexed in memory, and how many units it was built from.

    The window keeps one and builds it again only when the project's count of units
    changes, so a lookup in a big project does not index all its units each time.
    """

    def __init__(self, store: MemoryStore, uid: str, count: int) -> None:
        self.store = store
        self.uid = uid
        self.count = count
        #: Held by the one worker reading it (lookups from several workers take turns).
        self.lock = threading.Lock()

    @classmethod
    def build(cls, service: ProjectService) -> OwnUnits:
        """Index the project's units now."""
        count = service.memory_units.count()
        store = MemoryStore(Path(":memory:"))
        store.add(project_drafts(service))
        return cls(store, service.project.get().uid, count)

    def is_current(self, service: ProjectService) -> bool:
        """Whether this is the project's index and the project still has those units."""
        return service.project.get().uid == self.uid and service.memory_units.count() == self.count


class Suggester:
    """Lookups in the person's memory and the project's own units, for one open project.

    Opens the memory read-only (a missing file is an empty memory) and indexes the project's
    units in memory once; close it (or use ``with``) when done.
    """

    def __init__(self, service: ProjectService, memory: Path, own: OwnUnits | None = None) -> None:
        self._uid = service.project.get().uid
        self._glossary = service.glossary.all()
        self._person = MemoryStore(memory, read_only=True)
        self._own_given = own is not None
        self._own = (own or OwnUnits.build(service)).store

    def suggest(
        self,
        text: str,
        source: str,
        target: str,
        *,
        limit: int = 5,
        min_score: int = 50,
        photo: tuple[str, str] | None = None,
    ) -> list[Suggestion]:
        """Best first; ``photo`` (id, field): that field's own units are left out."""
        exclude = (self._uid, *photo) if photo else None
        found = [
            *self._person.suggest(
                text, source, target, limit=limit, min_score=min_score, exclude=exclude
            ),
            *self._own.suggest(
                text, source, target, limit=limit, min_score=min_score, exclude=exclude
            ),
        ]
        return [self._adapted(s, text) for s in best_first(found, limit)]

    def _adapted(self, suggestion: Suggestion, text: str) -> Suggestion:
        if suggestion.score == 100:
            return suggestion
        fitted = adapt(
            suggestion.source,
            suggestion.text,
            text,
            suggestion.source_language,
            suggestion.target_language,
            self._glossary,
        )
        return (
            suggestion
            if fitted is None
            else dataclasses.replace(
                suggestion, text=fitted, adapted=True, stored_text=suggestion.text
            )
        )

    def close(self) -> None:
        """Close the person's memory (and the project's index unless it was given)."""
        self._person.close()
        if not self._own_given:
            self._own.close()

    def __enter__(self) -> Suggester:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def suggestions_for(
    service: ProjectService,
    memory: Path,
    photo_id: str,
    language: str,
    field: CaptionField,
    *,
    limit: int = 5,
    min_score: int = 50,
    own: OwnUnits | None = None,
) -> list[Suggestion]:
    """The best matches for the photo's source text of ``field`` into ``language``.

    ``own``: the project's units already indexed (see :class:`OwnUnits`).
    """
    project = service.project.get()
    if language not in project.languages:
        raise not_a_project_language(language, project.languages)
    source, text = source_text(service, photo_id, field)
    if language == source or not text:
        return []
    with Suggester(service, memory, own) as suggester:
        return suggester.suggest(
            text,
            source,
            language,
            limit=limit,
            min_score=min_score,
            photo=(photo_id, field.value),
        )


def best_first(found: list[Suggestion], limit: int) -> list[Suggestion]:
    """Highest score first, newest first among equals, one per translation text."""
    found = sorted(found, key=lambda s: (s.score, s.created_at), reverse=True)
    seen: set[tuple[str, str]] = set()
    result: list[Suggestion] = []
    for suggestion in found:
        key = (suggestion.source, suggestion.text)
        if key not in seen:
            seen.add(key)
            result.append(suggestion)
    return result[:limit]
