"""Writing who and what a copy shows (:class:`ShownPlan`) into its XMP, through exiv2.

Each property the plan has replaces the original's (all its entries and fields); a
property the plan leaves empty stays as the original carries it, so the persons or regions
another program (Photini, say) wrote are kept when the project records none. Structures
are written as exiv2 paths (``Xmp.iptcExt.ImageRegion[1]/Iptc4xmpExt:RegionBoundary/…``),
for which the XMP toolkit must know the ``Iptc4xmpExt`` prefix: :func:`register_namespace`.
"""

from __future__ import annotations

import contextlib
from typing import Any

import pyexiv2

from curator.core.delivery_planning.shown import Names, ShownPlan
from curator.deliver.exiv2 import EXIV2_LOCK
from curator.i18n import _
from curator.ingest.metadata.shown_xmp import read_shown

IPTC_EXT = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
_EXT = "Xmp.iptcExt."
_NS = "Iptc4xmpExt:"
#: The IPTC image region type of a person, and the role of a region showing a subject.
HUMAN = "http://cv.iptc.org/newscodes/imageregiontype/human"
SUBJECT_AREA = "http://cv.iptc.org/newscodes/imageregionrole/subjectArea"
_BAG = 'type="Bag"'
_registered = False


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


def _additions(plan: ShownPlan) -> dict[str, Any]:
    add: dict[str, Any] = {}
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
            add[item + "rId"] = f"person-{n}"
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
    """Replace the shown properties ``plan`` has in the open pyexiv2 ``image``."""
    if plan.empty:
        return
    register_namespace()
    add = _additions(plan)
    replaced = {key.split("[", 1)[0] for key in add if key.startswith(_EXT)}
    replaced = {key.split("/", 1)[0] for key in replaced}
    old = [key for key in image.read_xmp() if key.split("[", 1)[0].split("/", 1)[0] in replaced]
    if old:
        # Children before their parents, so no entry is left without its structure.
        image.modify_xmp(dict.fromkeys(sorted(old, key=len, reverse=True)))
    image.modify_xmp(add)


def check_shown(packet: bytes | None, plan: ShownPlan) -> list[str]:
    """What the copy's XMP ``packet`` says differently from ``plan`` (empty: as meant)."""
    if plan.empty:
        return []
    found = read_shown(packet or b"")
    meant = _expected(plan)
    got = {
        "Iptc4xmpExt:PersonInImage": list(found.persons),
        "Iptc4xmpExt:PersonInImageWDetails": [d.names for d in found.details],
        "Iptc4xmpExt:OrganisationInImageName": list(found.organisations),
        "Iptc4xmpExt:LocationShown": [(loc.fields, loc.names) for loc in found.locations],
        "Iptc4xmpExt:Event": found.event,
        "Iptc4xmpExt:ImageRegion": [(r.box, r.names, r.unit) for r in found.regions],
    }
    return [
        _("%(field)s: meant “%(meant)s”, the copy says “%(got)s”.")
        % {"field": name, "meant": value, "got": got[name]}
        for name, value in meant.items()
        if value != got[name]
    ]


def _expected(plan: ShownPlan) -> dict[str, object]:
    def names(pairs: Names) -> dict[str, str]:
        return {"x-default": pairs[0][1], **dict(pairs)}

    meant: dict[str, object] = {}
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
    if plan.event:
        meant["Iptc4xmpExt:Event"] = names(plan.event)
    return meant
