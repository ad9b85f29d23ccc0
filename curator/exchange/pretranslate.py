"""Pre-translation: empty targets of a caption file filled from the translation memory.

The catalogue's own texts in the file (``catalogue:title``, the foreword...) are filled
like the captions.

A filled entry is marked as needing review (a fuzzy PO entry, XLIFF ``needs-review-
translation`` / ``curator:needs-review``, status ``needs-review`` in a spreadsheet), never
final, and its notes say where the match came from and its percentage. The export record
keeps what the *project* held (an empty field), so a translation the translator leaves as
it was still comes back as a new text needing review.

The relevant part of the memory - the matches found for the file's source texts, above
half - goes with the translator's package as TMX, for the translator's own tool.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from curator.core.model import CaptionStatus
from curator.core.services import ProjectService
from curator.core.translators.caption_exchange import (
    CatalogueUnit,
    ExchangeDocument,
    ExchangeUnit,
    Note,
)
from curator.i18n import N_, translations_for
from curator.memory import UnitDraft
from curator.memory.projects import Suggester

MEMORY_LABEL = N_("Translation memory")
MEMORY_NOTE = N_("%(score)d%% match from “%(origin)s”; check it against the source.")
MEMORY_NOTE_YEAR = N_(
    "%(score)d%% match from “%(origin)s” (%(year)d); check it against the source."
)
MEMORY_ADAPTED = N_("Its numbers and glossary names were changed to fit this text.")
#: Matches this good or better go into the package's TMX even when not used to fill.
TMX_MIN_SCORE = 50


@dataclass(frozen=True, slots=True)
class Pretranslated:
    """The file's document with empty targets filled, and the memory part for its package."""

    document: ExchangeDocument
    filled: int
    memory: tuple[UnitDraft, ...]


def pretranslate(
    service: ProjectService, document: ExchangeDocument, memory: Path, min_match: int
) -> Pretranslated:
    """Fill the empty targets of ``document`` with matches scoring ``min_match`` or more.

    The catalogue's own texts (``catalogue:title``...) are filled as the captions are.
    """
    header = document.header
    filler = _Filler(header.source_language, header.target_language, min_match)
    with Suggester(service, memory) as suggester:
        units = tuple(
            filler.fill(suggester, unit, (unit.photo_id, unit.field.value))
            for unit in document.units
        )
        catalogue = tuple(filler.fill(suggester, unit, None) for unit in document.catalogue)
    filled_document = dataclasses.replace(document, units=units, catalogue=catalogue)
    return Pretranslated(filled_document, filler.filled, tuple(filler.relevant.values()))


_Unit = TypeVar("_Unit", ExchangeUnit, CatalogueUnit)


class _Filler:
    """Fills one unit after another, counting them and gathering the memory's part."""

    def __init__(self, source: str, target: str, min_match: int) -> None:
        self.source, self.target, self.min_match = source, target, min_match
        self.gettext = translations_for(target)[1].gettext
        self.relevant: dict[tuple[str, str], UnitDraft] = {}
        self.filled = 0

    def fill(self, suggester: Suggester, unit: _Unit, photo: tuple[str, str] | None) -> _Unit:
        """``unit`` with its empty target filled from the best match, if good enough."""
        source, target = self.source, self.target
        found = suggester.suggest(
            unit.source,
            source,
            target,
            limit=3,
            min_score=min(TMX_MIN_SCORE, self.min_match),
            photo=photo,
        )
        for match in found:
            self.relevant.setdefault(
                (match.source, match.text),
                UnitDraft(
                    source,
                    target,
                    match.source,
                    match.stored_text or match.text,
                    origin=match.origin,
                    year=match.year,
                    photo_id=match.photo_id,
                    field=match.field,
                    created_at=match.created_at,
                    author=match.author,
                ),
            )
        best = found[0] if found else None
        if unit.target or not unit.source.strip() or best is None or best.score < self.min_match:
            return unit
        values = {"score": best.score, "origin": best.origin, "year": best.year or 0}
        note = self.gettext(MEMORY_NOTE_YEAR if best.year else MEMORY_NOTE) % values
        if best.adapted:
            note += " " + self.gettext(MEMORY_ADAPTED)
        self.filled += 1
        return dataclasses.replace(
            unit,
            target=best.text,
            status=CaptionStatus.NEEDS_REVIEW,
            notes=(*unit.notes, Note(self.gettext(MEMORY_LABEL), note)),
        )
