"""Who and what a photo shows: persons, organisations, locations and the event.

Persons, organisations and the parts of a location are glossary entries, so a name picked
once renders in every project language from the glossary. A person may carry a
:class:`Region`, a rectangle on the photo relative to the image as displayed (after its
EXIF orientation), as the IPTC region structure's ``rbUnit=relative`` defines it. The event
is text per language. Values are frozen; the helpers return a changed copy.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from curator.core.storage.schema_shown import LOCATION_PARTS

__all__ = [
    "LOCATION_PARTS",
    "Region",
    "Shown",
    "ShownLocation",
    "ShownPerson",
]


@dataclass(frozen=True, slots=True)
class Region:
    """A rectangle on the photo: left, top, width and height as fractions of the image."""

    x: float
    y: float
    w: float
    h: float

    @property
    def valid(self) -> bool:
        """Whether the rectangle has an area and lies within the image."""
        return (
            0 <= self.x < 1
            and 0 <= self.y < 1
            and self.w > 0
            and self.h > 0
            and self.x + self.w <= 1 + 1e-9
            and self.y + self.h <= 1 + 1e-9
        )


@dataclass(frozen=True, slots=True)
class ShownPerson:
    """A glossary person shown on the photo, with the region where, when drawn."""

    entry_id: int
    region: Region | None = None


@dataclass(frozen=True, slots=True)
class ShownLocation:
    """A location shown: glossary places by part (name, sublocation, city, province, country)."""

    parts: tuple[tuple[str, int], ...]

    def entry(self, part: str) -> int | None:
        """The glossary entry of ``part``, when the location has one."""
        return dict(self.parts).get(part)


@dataclass(frozen=True, slots=True)
class Shown:
    """Everything a photo shows, in the order picked; ``events`` is (language, text) pairs."""

    persons: tuple[ShownPerson, ...] = ()
    organisations: tuple[int, ...] = ()
    locations: tuple[ShownLocation, ...] = ()
    events: tuple[tuple[str, str], ...] = ()

    @property
    def empty(self) -> bool:
        """Whether the photo shows nothing recorded."""
        return not (self.persons or self.organisations or self.locations or self.events)

    def with_person(self, entry_id: int, region: Region | None = None) -> Shown:
        """This, with the person added (or given ``region`` when already shown and one is given)."""
        persons = list(self.persons)
        for index, person in enumerate(persons):
            if person.entry_id == entry_id:
                if region is not None:
                    persons[index] = ShownPerson(entry_id, region)
                return replace(self, persons=tuple(persons))
        return replace(self, persons=(*persons, ShownPerson(entry_id, region)))

    def without_person(self, entry_id: int) -> Shown:
        """This, without the person (and their region)."""
        return replace(self, persons=tuple(p for p in self.persons if p.entry_id != entry_id))

    def without_region(self, entry_id: int) -> Shown:
        """This, with the person kept but their region removed."""
        return replace(
            self,
            persons=tuple(
                ShownPerson(p.entry_id) if p.entry_id == entry_id else p for p in self.persons
            ),
        )

    def with_organisation(self, entry_id: int) -> Shown:
        """This, with the organisation added."""
        if entry_id in self.organisations:
            return self
        return replace(self, organisations=(*self.organisations, entry_id))

    def without_organisation(self, entry_id: int) -> Shown:
        """This, without the organisation."""
        return replace(self, organisations=tuple(o for o in self.organisations if o != entry_id))

    def with_location(self, location: ShownLocation) -> Shown:
        """This, with the location added (unless the same one is there)."""
        if location in self.locations:
            return self
        return replace(self, locations=(*self.locations, location))

    def with_location_at(self, position: int, location: ShownLocation) -> Shown:
        """This, with the location at ``position`` changed to ``location``, in its place.

        When ``location`` is already shown elsewhere, the changed one goes, so that no
        location is shown twice.
        """
        locations = list(self.locations)
        if not 0 <= position < len(locations):
            return self.with_location(location)
        if location in locations and locations[position] != location:
            del locations[position]
        else:
            locations[position] = location
        return replace(self, locations=tuple(locations))

    def without_location(self, entry_id: int) -> Shown:
        """This, without every location that has ``entry_id`` as one of its parts."""
        return replace(
            self,
            locations=tuple(
                loc for loc in self.locations if entry_id not in dict(loc.parts).values()
            ),
        )

    def with_event(self, language: str, text: str) -> Shown:
        """This, with the event's text in ``language`` (empty text removes it)."""
        events = {tag: value for tag, value in self.events if tag != language}
        if text:
            events[language] = text
        return replace(self, events=tuple(sorted(events.items())))

    def without_events(self) -> Shown:
        """This, without the event in any language."""
        return replace(self, events=())

    @property
    def entry_ids(self) -> set[int]:
        """Every glossary entry this refers to."""
        ids = {p.entry_id for p in self.persons} | set(self.organisations)
        for location in self.locations:
            ids.update(entry for _part, entry in location.parts)
        return ids
