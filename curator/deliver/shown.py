"""Writing who and what a copy shows (:class:`ShownPlan`) into its XMP, through exiv2.

The copy's shown properties merge the project's entries with the original's: the project's
first, then the original's entries the project does not record, with all their fields (the
rule: :mod:`curator.deliver.shown_merge`), so that the persons or regions another program
(Photini, an agency) wrote and the glossary does not know are kept. Structures are written as
exiv2 paths (``Xmp.iptcExt.ImageRegion[1]/Iptc4xmpExt:RegionBoundary/…``), for which the XMP
toolkit must know the ``Iptc4xmpExt`` prefix: :func:`register_namespace`.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

import pyexiv2

from curator.core.delivery_planning.shown import LOCATION_FIELDS, Names, ShownPlan
from curator.deliver.exiv2 import EXIV2_LOCK
from curator.deliver.shown_merge import KeptEntries, ShownJudge
from curator.i18n import _
from curator.ingest.metadata.shown_xmp import ShownInFile, read_shown

IPTC_EXT = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
_EXT = "Xmp.iptcExt."
_NS = "Iptc4xmpExt:"
#: The IPTC image region type of a person, and the role of a region showing a subject.
HUMAN = "http://cv.iptc.org/newscodes/imageregiontype/human"
SUBJECT_AREA = "http://cv.iptc.org/newscodes/imageregionrole/subjectArea"
_BAG = 'type="Bag"'
_STRUCT = 'type="Struct"'
#: The shown properties; exiv2 names the namespace by its own prefix or the registered one.
SHOWN_PROPERTIES = (
    "PersonInImage",
    "PersonInImageWDetails",
    "OrganisationInImageName",
    "LocationShown",
    "Event",
    "ImageRegion",
)
_KEY = re.compile(
    r"Xmp\.(?:iptcExt|Iptc4xmpExt)\.(" + "|".join(SHOWN_PROPERTIES) + r")(?:\[(\d+)\](.*))?$",
    re.DOTALL,
)
_registered = False
#: The LocationShown text fields the project writes (others an original had are carried over).
_LOCATION_TEXT = frozenset(LOCATION_FIELDS.values())


def register_namespace() -> None:
    """Tell the XMP toolkit the IPTC Extension prefix (once per process)."""
    global _registered
    with EXIV2_LOCK:
        if not _registered:
            with contextlib.suppress(RuntimeError):  # already known to the toolkit
                pyexiv2.registerNs(IPTC_EXT, "Iptc4xmpExt")
            _registered = True


def lang_alt(names: Names) -> dict[str, str]:
    """A lang-alt for pyexiv2: ``x-default`` is the first (main) language's text."""
    value = {'lang="x-default"': names[0][1]}
    value.update({f'lang="{tag}"': text for tag, text in names})
    return value


def _number(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".") or "0"


def _additions(plan: ShownPlan, taken: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The project's shown properties as pyexiv2 keys; region ids avoid those in ``taken``."""
    add: dict[str, Any] = {}
    ids = (name for k in range(1, 10_000) if (name := f"person-{k}") not in taken)
    if plan.persons:
        add[_EXT + "PersonInImage"] = [person.names[0][1] for person in plan.persons]
        add[_EXT + "PersonInImageWDetails"] = _BAG
        for n, person in enumerate(plan.persons, start=1):
            item = f"{_EXT}PersonInImageWDetails[{n}]/{_NS}"
            add[item + "PersonName"] = lang_alt(person.names)
            if person.person_id:
                add[item + "PersonId"] = [person.person_id]
    regions = [person for person in plan.persons if person.region is not None]
    if regions:
        add[_EXT + "ImageRegion"] = _BAG
        for n, person in enumerate(regions, start=1):
            assert person.region is not None
            item = f"{_EXT}ImageRegion[{n}]/{_NS}"
            box = item + f"RegionBoundary/{_NS}"
            add[box + "rbShape"] = "rectangle"
            add[box + "rbUnit"] = "relative"
            for name, value in zip(("rbX", "rbY", "rbW", "rbH"), _box(person), strict=True):
                add[box + name] = _number(value)
            add[item + "rId"] = next(ids)
            add[item + "Name"] = lang_alt(person.names)
            for kind, uri in (("rCtype", HUMAN), ("rRole", SUBJECT_AREA)):
                add[item + kind] = _BAG
                add[f"{item}{kind}[1]/xmp:Identifier"] = [uri]
            add[item + "PersonInImage"] = [person.names[0][1]]
    if plan.organisations:
        add[_EXT + "OrganisationInImageName"] = list(plan.organisations)
    if plan.locations:
        add[_EXT + "LocationShown"] = _BAG
        for n, location in enumerate(plan.locations, start=1):
            item = f"{_EXT}LocationShown[{n}]/{_NS}"
            add[item + "LocationName"] = lang_alt(location.names)
            for field, text in location.fields:
                add[item + field] = text
    if plan.event:
        add[_EXT + "Event"] = lang_alt(plan.event)
    return add


def _box(person: Any) -> tuple[float, float, float, float]:
    region = person.region
    return (region.x, region.y, region.w, region.h)


def write_shown(image: Any, plan: ShownPlan) -> None:
    """Write the shown properties of ``plan`` into the open pyexiv2 ``image``, merged.

    The original's entries the project does not record stay after the project's
    (:mod:`curator.deliver.shown_merge`).
    """
    if plan.changes_nothing:
        return
    register_namespace()
    current = image.read_xmp()
    raw = image.read_raw_xmp()
    found = read_shown(raw.encode("utf-8") if isinstance(raw, str) else bytes(raw or b""))
    kept = ShownJudge(plan).kept(found)
    taken = frozenset(
        str(value)
        for key, value in current.items()
        if (match := _KEY.match(key))
        and match.group(1) == "ImageRegion"
        and match.group(3) == "/Iptc4xmpExt:rId"
        and int(match.group(2)) - 1 in kept.regions
    )
    add = _additions(plan, taken)
    _add_kept(add, current, kept)
    old = [
        key
        for key in current
        if (match := _KEY.match(key)) and not (match.group(1) == "Event" and kept.event)
    ]
    if old:
        # Children before their parents, so no entry is left without its structure.
        image.modify_xmp(dict.fromkeys(sorted(old, key=len, reverse=True)))
    image.modify_xmp(add)


def _add_kept(add: dict[str, Any], current: dict[str, Any], kept: KeptEntries) -> None:
    """Add to ``add`` the original's entries ``kept`` names, after the project's."""
    items: dict[str, dict[int, list[tuple[str, Any]]]] = {}
    plain: dict[str, list[str]] = {}
    for key, value in current.items():
        match = _KEY.match(key)
        if match is None:
            continue
        name, index, rest = match.groups()
        if index is None:
            if isinstance(value, list):
                plain[name] = [str(text) for text in value]
            continue
        if value != _STRUCT:  # a structure is made by writing its fields
            items.setdefault(name, {}).setdefault(int(index), []).append((rest, value))
    for name, positions in (
        ("PersonInImage", kept.persons),
        ("OrganisationInImageName", kept.organisations),
    ):
        texts = [plain[name][n] for n in positions if n < len(plain.get(name, ()))]
        if texts:
            add[_EXT + name] = [*add.get(_EXT + name, ()), *texts]
    for name, pairs in (
        ("PersonInImageWDetails", kept.details_from),
        ("LocationShown", kept.locations_from),
    ):
        for position, index in pairs:
            item = f"{_EXT}{name}[{position + 1}]"
            written = {key[len(item) :].split("/")[1] for key in add if key.startswith(item + "/")}
            for rest, value in items.get(name, {}).get(index + 1, []):
                if rest.split("/")[1].split("[")[0] not in written:
                    add[item + rest] = value
    for name, positions in (
        ("PersonInImageWDetails", kept.details),
        ("LocationShown", kept.locations),
        ("ImageRegion", kept.regions),
    ):
        count = len({key.split("/", 1)[0] for key in add if key.startswith(_EXT + name + "[")})
        for position in positions:
            fields = items.get(name, {}).get(position + 1, [])
            if not fields:
                continue
            count += 1
            add[_EXT + name] = _BAG
            for rest, value in fields:
                add[f"{_EXT}{name}[{count}]{rest}"] = value


def check_shown(packet: bytes | None, plan: ShownPlan) -> list[str]:
    """What the copy's XMP ``packet`` says differently from ``plan`` (empty: as meant).

    Each property must start with the project's entries; whatever follows must be an
    entry of the original's the copy keeps (:class:`ShownJudge`), not one it replaces or
    the curator removed.
    """
    if plan.changes_nothing:
        return []
    found = read_shown(packet or b"")
    meant = _expected(plan)
    got: dict[str, list[Any]] = {
        "Iptc4xmpExt:PersonInImage": list(found.persons),
        "Iptc4xmpExt:PersonInImageWDetails": [d.names for d in found.details],
        "Iptc4xmpExt:OrganisationInImageName": list(found.organisations),
        "Iptc4xmpExt:LocationShown": [
            ({k: v for k, v in loc.fields.items() if k in _LOCATION_TEXT}, loc.names)
            for loc in found.locations
        ],
        "Iptc4xmpExt:ImageRegion": [(r.box, r.names, r.unit) for r in found.regions],
    }
    problems = [
        _("%(field)s: meant “%(meant)s”, the copy says “%(got)s”.")
        % {"field": name, "meant": value, "got": got[name][: len(value)]}
        for name, value in meant.items()
        if got[name][: len(value)] != value
    ]
    problems += _check_rest(found, plan, {name: len(value) for name, value in meant.items()})
    event = names_of(plan.event) if plan.event else {}
    if found.event != event and (event or not ShownJudge(plan).event(found.event)):
        problems.append(
            _("%(field)s: meant “%(meant)s”, the copy says “%(got)s”.")
            % {"field": "Iptc4xmpExt:Event", "meant": event, "got": found.event}
        )
    return problems


def _check_rest(found: ShownInFile, plan: ShownPlan, counts: dict[str, int]) -> list[str]:
    """The entries after the project's that the copy should not carry."""
    judge = ShownJudge(plan)
    rest: list[tuple[str, str, bool]] = []

    def after(name: str) -> int:
        return counts.get(f"Iptc4xmpExt:{name}", 0)

    rest += [
        ("PersonInImage", text, judge.person((text,)))
        for text in found.persons[after("PersonInImage") :]
    ]
    rest += [
        ("PersonInImageWDetails", _first(d.names), judge.person(d.names.values(), d.ids))
        for d in found.details[after("PersonInImageWDetails") :]
    ]
    rest += [
        ("OrganisationInImageName", text, judge.organisation(text))
        for text in found.organisations[after("OrganisationInImageName") :]
    ]
    rest += [
        ("LocationShown", _first(loc.names) or ", ".join(loc.fields.values()), judge.location(loc))
        for loc in found.locations[after("LocationShown") :]
    ]
    rest += [
        ("ImageRegion", _first(r.names) or ", ".join(r.persons), judge.region(r))
        for r in found.regions[after("ImageRegion") :]
    ]
    return [
        _(
            "Iptc4xmpExt:%(field)s: the copy still carries “%(entry)s”, which the project "
            "replaces or the curator removed."
        )
        % {"field": name, "entry": entry}
        for name, entry, keeps in rest
        if not keeps
    ]


def _first(names: dict[str, str]) -> str:
    return next(iter(names.values()), "")


def names_of(pairs: Names) -> dict[str, str]:
    """A plan's lang-alt as Curator's reader gives it back (``x-default`` first)."""
    return {"x-default": pairs[0][1], **dict(pairs)}


def _expected(plan: ShownPlan) -> dict[str, list[Any]]:
    names = names_of
    meant: dict[str, list[Any]] = {}
    if plan.persons:
        meant["Iptc4xmpExt:PersonInImage"] = [p.names[0][1] for p in plan.persons]
        meant["Iptc4xmpExt:PersonInImageWDetails"] = [names(p.names) for p in plan.persons]
        regions = [p for p in plan.persons if p.region is not None]
        if regions:
            meant["Iptc4xmpExt:ImageRegion"] = [
                (
                    {
                        k: float(_number(v))
                        for k, v in zip(("rbX", "rbY", "rbW", "rbH"), _box(p), strict=True)
                    },
                    names(p.names),
                    "relative",
                )
                for p in regions
            ]
    if plan.organisations:
        meant["Iptc4xmpExt:OrganisationInImageName"] = list(plan.organisations)
    if plan.locations:
        meant["Iptc4xmpExt:LocationShown"] = [
            (dict(loc.fields), names(loc.names)) for loc in plan.locations
        ]
    return meant
