"""Reading who and what a photo shows from its XMP (IPTC Extension), as other tools write it.

Person Shown (plain and with details), Organisation in Image, Location Shown, Event and
image regions, in whichever RDF form the writer chose (``rdf:parseType="Resource"``, a nested
``rdf:Description``, attributes). Lang-alt values keep every language, ``x-default`` under
that key. Used to check a delivered copy and to show what an original carries.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import defusedxml.ElementTree as SafeET

from curator.decode.files import open_regular
from curator.ingest.metadata.containers import read_blocks
from curator.ingest.metadata.xmp import MAX_SIDECAR, RDF, XML_LANG, XMP, sidecar_paths

IPTC_EXT = "{http://iptc.org/std/Iptc4xmpExt/2008-02-29/}"
_DEFAULT = "x-default"

#: A field's value: text, or the element holding an array or a structure.
Value = str | ET.Element


@dataclass(frozen=True, slots=True)
class PersonInFile:
    """One ``PersonInImageWDetails`` entry: name per language, identifiers."""

    names: dict[str, str]
    ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RegionInFile:
    """One ``ImageRegion``: boundary, name per language, content types and persons."""

    shape: str
    unit: str
    box: dict[str, float]
    names: dict[str, str]
    types: tuple[str, ...]
    persons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LocationInFile:
    """One ``LocationShown``: its text fields, and its name per language."""

    fields: dict[str, str]
    names: dict[str, str]


@dataclass(frozen=True, slots=True)
class ShownInFile:
    """The IPTC Extension "shown" properties of one XMP packet."""

    persons: tuple[str, ...] = ()
    details: tuple[PersonInFile, ...] = ()
    organisations: tuple[str, ...] = ()
    locations: tuple[LocationInFile, ...] = ()
    event: dict[str, str] = field(default_factory=dict)
    regions: tuple[RegionInFile, ...] = ()


def _fields(element: ET.Element) -> dict[str, Value]:
    """The fields of a structure or of a top-level ``rdf:Description``."""
    found: dict[str, Value] = {
        key: value for key, value in element.attrib.items() if not key.startswith(RDF)
    }
    holders = [element]
    if element.get(f"{RDF}parseType") != "Resource":
        holders = [child for child in element if child.tag == f"{RDF}Description"] or holders
    for holder in holders:
        if holder is not element:
            found.update(
                {key: value for key, value in holder.attrib.items() if not key.startswith(RDF)}
            )
        for child in holder:
            if child.tag != f"{RDF}Description":
                found[child.tag] = child
    return found


def _items(value: Value | None) -> list[ET.Element]:
    if not isinstance(value, ET.Element):
        return []
    return [
        item
        for array in value
        if array.tag in (f"{RDF}Bag", f"{RDF}Seq", f"{RDF}Alt")
        for item in array
        if item.tag == f"{RDF}li"
    ]


def _text(value: Value | None) -> str:
    if isinstance(value, ET.Element):
        value = value.get(f"{RDF}resource") or value.text or ""
    return (value or "").strip()


def _texts(value: Value | None) -> tuple[str, ...]:
    items = _items(value)
    if not items:
        return (_text(value),) if _text(value) else ()
    return tuple(text for item in items if (text := _text(item)))


def _lang_alt(value: Value | None) -> dict[str, str]:
    items = _items(value)
    if not items:
        return {_DEFAULT: _text(value)} if _text(value) else {}
    return {item.get(XML_LANG, _DEFAULT): _text(item) for item in items if _text(item)}


def _number(value: Value | None) -> float | None:
    try:
        return float(_text(value))
    except ValueError:
        return None


def _region(fields: dict[str, Value]) -> RegionInFile:
    boundary = fields.get(f"{IPTC_EXT}RegionBoundary")
    parts = _fields(boundary) if isinstance(boundary, ET.Element) else {}
    box = {
        name: number
        for name in ("rbX", "rbY", "rbW", "rbH", "rbRx")
        if (number := _number(parts.get(f"{IPTC_EXT}{name}"))) is not None
    }
    types = tuple(
        uri
        for item in _items(fields.get(f"{IPTC_EXT}rCtype"))
        for uri in _texts(_fields(item).get(f"{XMP}Identifier"))
    )
    return RegionInFile(
        _text(parts.get(f"{IPTC_EXT}rbShape")),
        _text(parts.get(f"{IPTC_EXT}rbUnit")),
        box,
        _lang_alt(fields.get(f"{IPTC_EXT}Name")),
        types,
        _texts(fields.get(f"{IPTC_EXT}PersonInImage")),
    )


def read_shown(packet: bytes) -> ShownInFile:
    """The shown properties of an XMP packet (empty when it has none or is not XML)."""
    try:
        root = SafeET.fromstring(packet, forbid_dtd=True)
    except (ET.ParseError, ValueError):
        return ShownInFile()
    top: dict[str, Value] = {}
    for description in root.iter(f"{RDF}Description"):
        if description in _nested(root):
            continue
        top.update(
            {key: value for key, value in _fields(description).items() if key.startswith(IPTC_EXT)}
        )
    details = tuple(
        PersonInFile(
            _lang_alt(fields.get(f"{IPTC_EXT}PersonName")),
            _texts(fields.get(f"{IPTC_EXT}PersonId")),
        )
        for item in _items(top.get(f"{IPTC_EXT}PersonInImageWDetails"))
        for fields in (_fields(item),)
    )
    locations = tuple(
        LocationInFile(
            {
                key.removeprefix(IPTC_EXT): _text(value)
                for key, value in fields.items()
                if key.startswith(IPTC_EXT) and _text(value) and not _items(value)
            },
            _lang_alt(fields.get(f"{IPTC_EXT}LocationName")),
        )
        for item in _items(top.get(f"{IPTC_EXT}LocationShown"))
        for fields in (_fields(item),)
    )
    return ShownInFile(
        persons=_texts(top.get(f"{IPTC_EXT}PersonInImage")),
        details=details,
        organisations=_texts(top.get(f"{IPTC_EXT}OrganisationInImageName")),
        locations=locations,
        event=_lang_alt(top.get(f"{IPTC_EXT}Event")),
        regions=tuple(_region(_fields(item)) for item in _items(top.get(f"{IPTC_EXT}ImageRegion"))),
    )


def read_shown_file(path: Path) -> ShownInFile:
    """The shown properties of a file: its XMP sidecar's when that has any, else its own XMP.

    Empty when neither has any or the file cannot be read.
    """
    for sidecar in sidecar_paths(path)[:1]:
        try:
            with open_regular(sidecar) as handle:
                packet = handle.read(MAX_SIDECAR + 1)
        except OSError:
            packet = b""
        if packet and len(packet) <= MAX_SIDECAR and (found := read_shown(packet)) != ShownInFile():
            return found
    try:
        blocks = read_blocks(path)
    except OSError:
        return ShownInFile()
    return read_shown(blocks.xmp[0]) if blocks.xmp else ShownInFile()


def _nested(root: ET.Element) -> set[ET.Element]:
    """The ``rdf:Description`` elements inside a property (structures), not top-level ones."""
    rdf = root if root.tag == f"{RDF}RDF" else root.find(f".//{RDF}RDF")
    if rdf is None:
        return set()
    top = {child for child in rdf if child.tag == f"{RDF}Description"}
    return {element for element in rdf.iter(f"{RDF}Description") if element not in top}
