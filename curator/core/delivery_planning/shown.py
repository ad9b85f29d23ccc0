"""What a delivered copy says about who and what it shows (IPTC Extension properties).

From the photo's shown data (:mod:`curator.core.shown`) and the glossary, in the delivery's
languages:

- ``Iptc4xmpExt:PersonInImage`` and ``OrganisationInImageName`` are plain bags of text, so
  they carry the names in the delivery's main language (another language where the glossary
  lacks it); ``PersonInImageWDetails`` carries each person's name as a lang-alt in every
  delivered language, and ``PersonId`` when the glossary entry's note is a URI.
- ``LocationShown``: the standard types City, ProvinceState, CountryName and Sublocation as
  plain text, so they are in the main language; ``LocationName`` is a lang-alt and carries
  the location in every delivered language (its ``name`` part, else its parts joined).
- ``Event`` is a lang-alt; ``ImageRegion`` one rectangle per person with a region
  (``rbUnit=relative``, type ``human``), its ``Name`` a lang-alt.

The plan carries the entries' glossary ids, whether the curator edited what the photo shows
(schema 19) and the glossary's names, so that delivery can merge with what the original
carries (:mod:`curator.deliver.shown_merge`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from curator.core.model import GlossaryEntry
from curator.core.operations.shown import GlossaryNames
from curator.core.shown import Region, Shown

#: A lang-alt as delivered: (language, text) pairs, the main language first.
Names = tuple[tuple[str, str], ...]

#: The LocationShown field of each part of a location (``name`` is LocationName).
LOCATION_FIELDS = {
    "sublocation": "Sublocation",
    "city": "City",
    "province": "ProvinceState",
    "country": "CountryName",
}


@dataclass(frozen=True, slots=True)
class ShownPersonPlan:
    """A person as delivered: names per language, an identifier URI, the region drawn."""

    names: Names
    person_id: str | None = None
    region: Region | None = None
    entry_id: int = 0


@dataclass(frozen=True, slots=True)
class ShownLocationPlan:
    """A location as delivered: main-language text per field, and its name in every language."""

    fields: tuple[tuple[str, str], ...]
    names: Names
    #: The glossary places by part, as the project records the location.
    parts: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class ShownPlan:
    """The IPTC Extension "shown" properties of one copy (empty tuples: none written)."""

    persons: tuple[ShownPersonPlan, ...] = ()
    organisations: tuple[str, ...] = ()
    locations: tuple[ShownLocationPlan, ...] = ()
    event: Names = ()
    #: The glossary entries of ``organisations``, in the same order.
    organisation_ids: tuple[int, ...] = ()
    #: Whether the curator edited what the photo shows: the original's entries the glossary
    #: knows but the project no longer records are then left out of the copy.
    edited: bool = False
    #: The glossary's names, to tell which of the original's entries the project records.
    glossary: GlossaryNames | None = field(default=None, compare=False, repr=False)

    @property
    def empty(self) -> bool:
        """Whether the copy gets none of these properties."""
        return not (self.persons or self.organisations or self.locations or self.event)

    @property
    def changes_nothing(self) -> bool:
        """Whether the copy keeps the original's shown properties exactly as they are."""
        return self.empty and not self.edited


def _names(entry: GlossaryEntry | None, languages: Sequence[str]) -> Names:
    if entry is None:
        return ()
    found = [(tag, entry.terms[tag]) for tag in languages if entry.terms.get(tag)]
    if not found and entry.terms:
        # A name in no delivered language still names the person in the main language's place.
        found = [(languages[0], next(iter(entry.terms.values())))]
    return tuple(found)


def _uri(note: str) -> str | None:
    text = note.strip()
    return text if text.startswith(("http://", "https://", "urn:")) and " " not in text else None


def plan_shown(
    shown: Shown,
    glossary: Mapping[int, GlossaryEntry],
    languages: Sequence[str],
    *,
    edited: bool = False,
    known: GlossaryNames | None = None,
) -> ShownPlan:
    """The shown properties of a copy; ``languages`` start with the delivery's main one.

    ``edited`` and ``known`` (the whole glossary's names) tell delivery which of the original's
    entries to keep (:attr:`ShownPlan.edited`).
    """
    persons: list[ShownPersonPlan] = []
    for person in shown.persons:
        entry = glossary.get(person.entry_id)
        names = _names(entry, languages)
        if names:
            uri = _uri(entry.note) if entry else None
            persons.append(ShownPersonPlan(names, uri, person.region, person.entry_id))
    organisations = [
        (entry_id, found[0][1])
        for entry_id in shown.organisations
        if (found := _names(glossary.get(entry_id), languages))
    ]
    locations: list[ShownLocationPlan] = []
    for location in shown.locations:
        parts = {
            part: _names(glossary.get(entry_id), languages) for part, entry_id in location.parts
        }
        fields = tuple(
            (field, parts[part][0][1]) for part, field in LOCATION_FIELDS.items() if parts.get(part)
        )
        if parts.get("name"):
            names = parts["name"]
        else:
            names = tuple(
                (
                    tag,
                    ", ".join(
                        dict(value).get(tag, value[0][1]) for value in parts.values() if value
                    ),
                )
                for tag in languages
            )
        locations.append(ShownLocationPlan(fields, names, location.parts))
    events = dict(shown.events)
    event = tuple((tag, events[tag]) for tag in languages if events.get(tag))
    return ShownPlan(
        tuple(persons),
        tuple(text for _id, text in organisations),
        tuple(locations),
        event,
        organisation_ids=tuple(entry_id for entry_id, _text in organisations),
        edited=edited,
        glossary=known,
    )
