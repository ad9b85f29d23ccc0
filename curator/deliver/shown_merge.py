"""Which of an original's shown entries a delivered copy keeps beside the project's.

Delivery merges, property by property: the copy carries the project's entries first (in the
curator's order), then the original's entries the project does not record, in the
original's order and with all their fields. An original's entry is matched to the glossary as
import matches it (:class:`~curator.core.operations.shown.GlossaryNames`: any rendering or
variant, accent-blind when unambiguous; a person's ``PersonId`` also against the identifier
the project delivers), and then:

- the glossary does not know it (or names more than one entry so): **kept**, since the project
  cannot record it (the import's note named it);
- the project records that entry: **replaced**, the project's version is written instead,
  with the original's fields the project does not write (a person's description or
  identifier, a location's identifiers, country code or GPS) carried over;
- the glossary knows it but the project does not record it: **left out** when the curator
  edited what the photo shows (schema 19: a deliberate removal), **kept** otherwise (the
  glossary learned the name after the import; a re-read takes it in).

``PersonInImage`` and ``PersonInImageWDetails`` go by person, ``OrganisationInImageName`` by
organisation, ``LocationShown`` by location when every part of it names a glossary place (a
location with a part the glossary lacks is kept). ``Event`` is one value: the project's
replaces it; without one, a known event goes only from an edited photo. ``ImageRegion``: a
region naming no known person (an object, a crop, someone unknown) is kept; a known person's
region is replaced when the project draws that person a rectangle, and otherwise left out of
an edited photo's copy, except a circle or polygon around a person the project still shows
(the project cannot record those shapes).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from curator.core.delivery_planning.shown import ShownPlan
from curator.core.model import GlossaryKind
from curator.ingest.metadata.shown_xmp import LocationInFile, RegionInFile, ShownInFile
from curator.ingest.shown_import import match_location


@dataclass(frozen=True, slots=True)
class KeptEntries:
    """The positions (from 0) of the original's entries a copy keeps, per property."""

    persons: tuple[int, ...] = ()
    details: tuple[int, ...] = ()
    organisations: tuple[int, ...] = ()
    locations: tuple[int, ...] = ()
    regions: tuple[int, ...] = ()
    event: bool = False
    #: (project's position, original's position) of the persons and locations the project
    #: replaces: the original's fields the project does not write (a person's description,
    #: a location's identifiers and GPS) are carried over to the project's entry.
    details_from: tuple[tuple[int, int], ...] = ()
    locations_from: tuple[tuple[int, int], ...] = ()


class ShownJudge:
    """Decides, entry by entry, whether an original's shown entry stays in the copy."""

    def __init__(self, plan: ShownPlan) -> None:
        self._plan = plan
        self._persons = {person.entry_id for person in plan.persons}
        self._drawn = {person.entry_id for person in plan.persons if person.region is not None}
        self._uris = {person.person_id for person in plan.persons if person.person_id}
        self._organisations = set(plan.organisation_ids)
        self._locations = {location.parts for location in plan.locations}

    def _entry(self, names: Iterable[str], kind: GlossaryKind) -> int | None:
        glossary = self._plan.glossary
        entry = glossary.find(names, kind) if glossary is not None else None
        return None if entry is None else entry.id

    def _keeps(self, entry_id: int | None, recorded: set[int]) -> bool:
        if entry_id is None:
            return True
        return entry_id not in recorded and not self._plan.edited

    def person(self, names: Iterable[str], ids: Iterable[str] = ()) -> bool:
        """Whether a person (plain name, or names per language and identifiers) stays."""
        if self._uris.intersection(ids):
            return False
        return self._keeps(self._entry(names, GlossaryKind.PERSON), self._persons)

    def organisation(self, name: str) -> bool:
        """Whether an organisation stays."""
        return self._keeps(self._entry((name,), GlossaryKind.ORGANISATION), self._organisations)

    def location(self, location: LocationInFile) -> bool:
        """Whether a location stays (one with a part the glossary lacks always does)."""
        glossary = self._plan.glossary
        if glossary is None:
            return True
        taken, missing = match_location(location, glossary)
        if taken is None or missing:
            return True
        return taken.parts not in self._locations and not self._plan.edited

    def region(self, region: RegionInFile) -> bool:
        """Whether an image region stays."""
        entry_id = self._entry((*region.persons, *region.names.values()), GlossaryKind.PERSON)
        if entry_id is None:
            return True
        if entry_id in self._drawn:
            return False
        if not self._plan.edited:
            return True
        rectangle = region.shape.lower() in ("", "rectangle")
        return entry_id in self._persons and not rectangle

    def event(self, event: dict[str, str]) -> bool:
        """Whether the original's event stays."""
        if not event or self._plan.event:
            return False
        return self._entry(event.values(), GlossaryKind.EVENT) is None or not self._plan.edited

    def _details_from(self, found: ShownInFile) -> tuple[tuple[int, int], ...]:
        pairs: dict[int, int] = {}
        for index, person in enumerate(found.details):
            entry_id = self._entry(person.names.values(), GlossaryKind.PERSON)
            for position, planned in enumerate(self._plan.persons):
                same_uri = bool(planned.person_id) and planned.person_id in person.ids
                if position not in pairs and (same_uri or entry_id == planned.entry_id):
                    pairs[position] = index
                    break
        return tuple(pairs.items())

    def _locations_from(self, found: ShownInFile) -> tuple[tuple[int, int], ...]:
        glossary = self._plan.glossary
        if glossary is None:
            return ()
        pairs: dict[int, int] = {}
        for index, location in enumerate(found.locations):
            taken, missing = match_location(location, glossary)
            if taken is None or missing:
                continue
            for position, planned in enumerate(self._plan.locations):
                if position not in pairs and planned.parts == taken.parts:
                    pairs[position] = index
                    break
        return tuple(pairs.items())

    def kept(self, found: ShownInFile) -> KeptEntries:
        """What of ``found`` (the original's) the copy keeps."""
        return KeptEntries(
            details_from=self._details_from(found),
            locations_from=self._locations_from(found),
            persons=tuple(n for n, name in enumerate(found.persons) if self.person((name,))),
            details=tuple(
                n
                for n, person in enumerate(found.details)
                if self.person(person.names.values(), person.ids)
            ),
            organisations=tuple(
                n for n, name in enumerate(found.organisations) if self.organisation(name)
            ),
            locations=tuple(n for n, loc in enumerate(found.locations) if self.location(loc)),
            regions=tuple(n for n, region in enumerate(found.regions) if self.region(region)),
            event=self.event(found.event),
        )
