"""What a file says it shows, taken into the project where the glossary knows the names.

Persons (plain and with details), organisations, locations (name and parts) and the event
that another program wrote (Photini, an agency's system) are matched against the glossary by
any rendering or variant, accent-blind when that is unambiguous
(:func:`~curator.core.operations.shown.find_entry`). A person's rectangle is kept, made
relative to the upright image whatever the file's unit and the photo's EXIF orientation. A
name that matches nothing (or more than one entry) is not recorded: it stays in the file, and
delivery keeps the original's data, and the caller lists it as a note.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from curator.core.model import GlossaryKind
from curator.core.operations.shown import GlossaryNames
from curator.core.shown import LOCATION_PARTS, Region, Shown, ShownLocation
from curator.ingest.metadata.shown_xmp import LocationInFile, RegionInFile, ShownInFile

#: ``LocationShown`` text fields and the location parts they fill.
_LOCATION_FIELDS = {
    "Sublocation": "sublocation",
    "City": "city",
    "ProvinceState": "province",
    "CountryName": "country",
}


@dataclass(frozen=True, slots=True)
class ShownTaken:
    """What was recorded from the file, and the names the glossary does not know."""

    shown: Shown
    unmatched: tuple[str, ...] = ()


def upright_region(
    box: dict[str, float], unit: str, width: int, height: int, orientation: int
) -> Region | None:
    """A file's rectangle (``rbX`` … in its stored frame) as fractions of the upright image.

    ``width`` and ``height`` are the photo's size as displayed; ``unit`` is ``relative`` or
    ``pixel``. None when the box is incomplete or falls outside the image.
    """
    try:
        x, y, w, h = box["rbX"], box["rbY"], box["rbW"], box["rbH"]
    except KeyError:
        return None
    unit = unit.lower()
    if unit == "pixel":
        stored_w, stored_h = (height, width) if orientation >= 5 else (width, height)
        if stored_w <= 0 or stored_h <= 0:
            return None
        x, y, w, h = x / stored_w, y / stored_h, w / stored_w, h / stored_h
    elif unit != "relative":
        return None
    turned = {
        2: (1 - x - w, y, w, h),
        3: (1 - x - w, 1 - y - h, w, h),
        4: (x, 1 - y - h, w, h),
        5: (y, x, h, w),
        6: (1 - y - h, x, h, w),
        7: (1 - y - h, 1 - x - w, h, w),
        8: (y, 1 - x - w, h, w),
    }.get(orientation, (x, y, w, h))
    region = Region(*(round(value, 6) for value in turned))
    return region if region.valid else None


def _match(glossary: GlossaryNames, names: Iterable[str], kind: GlossaryKind) -> int | None:
    entry = glossary.find(names, kind)
    return None if entry is None else entry.id


def take_shown(
    found: ShownInFile,
    glossary: GlossaryNames,
    languages: Sequence[str],
    *,
    width: int,
    height: int,
    orientation: int = 1,
) -> ShownTaken:
    """What of ``found`` the glossary knows, as a :class:`Shown`, and what it does not."""
    shown = Shown()
    unmatched: list[str] = []
    person_names: list[tuple[str, ...]] = [(name,) for name in found.persons]
    person_names += [tuple(person.names.values()) for person in found.details]
    by_name: dict[str, int] = {}
    for names in person_names:
        entry_id = _match(glossary, names, GlossaryKind.PERSON)
        if entry_id is None:
            unmatched.append(names[0] if names else "")
            continue
        shown = shown.with_person(entry_id)
        by_name.update({name.casefold(): entry_id for name in names})
    for region in found.regions:
        shown, missing = _with_region(shown, region, glossary, by_name, width, height, orientation)
        unmatched += missing
    for name in found.organisations:
        entry_id = _match(glossary, (name,), GlossaryKind.ORGANISATION)
        if entry_id is None:
            unmatched.append(name)
        else:
            shown = shown.with_organisation(entry_id)
    for location in found.locations:
        taken, missing = match_location(location, glossary)
        unmatched += missing
        if taken is not None and not missing:
            shown = shown.with_location(taken)
    shown, missing = _with_event(shown, found.event, glossary, languages)
    unmatched += missing
    return ShownTaken(shown, tuple(dict.fromkeys(name for name in unmatched if name)))


def _with_region(
    shown: Shown,
    region: RegionInFile,
    glossary: GlossaryNames,
    by_name: dict[str, int],
    width: int,
    height: int,
    orientation: int,
) -> tuple[Shown, list[str]]:
    """``shown`` with the region's person (and rectangle, when one); the names unknown."""
    names = (*region.persons, *region.names.values())
    entry_id = next((by_name[n.casefold()] for n in names if n.casefold() in by_name), None)
    if entry_id is None:
        entry_id = _match(glossary, names, GlossaryKind.PERSON)
    if entry_id is None:
        # A region naming no person (an object, a crop) is no one to note.
        return shown, list(region.persons)
    box = None
    if region.shape.lower() in ("", "rectangle"):  # circles and polygons stay in the file
        box = upright_region(region.box, region.unit, width, height, orientation)
    if any(person.entry_id == entry_id and person.region for person in shown.persons):
        box = None  # the first rectangle of a person wins
    return shown.with_person(entry_id, box), []


def match_location(
    location: LocationInFile, glossary: GlossaryNames
) -> tuple[ShownLocation | None, list[str]]:
    """The glossary places a file's location names, part by part; the names it lacks."""
    given: dict[str, tuple[str, ...]] = {}
    if location.names:
        given["name"] = tuple(location.names.values())
    for key, part in _LOCATION_FIELDS.items():
        if location.fields.get(key):
            given[part] = (location.fields[key],)
    parts: dict[str, int] = {}
    missing: list[str] = []
    for part, names in given.items():
        entry_id = _match(glossary, names, GlossaryKind.PLACE)
        if entry_id is None:
            missing.append(names[0])
        else:
            parts[part] = entry_id
    if not parts:
        return None, missing
    return ShownLocation(tuple((p, parts[p]) for p in LOCATION_PARTS if p in parts)), missing


def _with_event(
    shown: Shown, event: dict[str, str], glossary: GlossaryNames, languages: Sequence[str]
) -> tuple[Shown, list[str]]:
    """``shown`` with the glossary event the file's event names, in every project language."""
    if not event:
        return shown, []
    entry = glossary.find(event.values(), GlossaryKind.EVENT)
    if entry is None:
        return shown, [event.get("x-default") or next(iter(event.values()))]
    for language in languages:
        if entry.terms.get(language):
            shown = shown.with_event(language, entry.terms[language])
    return shown, []
