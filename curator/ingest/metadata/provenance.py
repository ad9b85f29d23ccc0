"""The rights and origin fields of an XMP packet that the main reader does not map.

``Iptc4xmpExt:DigitalSourceType`` (kept at import as a code, ``digitalCapture``),
``xmpRights:UsageTerms`` (lang-alt), ``plus:Licensor`` (a sequence of name/URL structures),
``plus:DataMining`` and ``photoshop:Source``: what an import keeps and what a delivery's
reading back compares. Parsed with the same safe XML settings as :mod:`.xmp`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import defusedxml
import defusedxml.ElementTree as SafeET

from curator.core.rights import SOURCE_TYPE_URI, SOURCE_TYPES
from curator.decode.files import open_regular
from curator.ingest.metadata.containers import read_blocks
from curator.ingest.metadata.text import clean
from curator.ingest.metadata.xmp import (
    MAX_SIDECAR,
    PHOTOSHOP,
    RDF,
    _as_utf8,
    collect_properties,
    sidecar_paths,
)

IPTC_EXT = "{http://iptc.org/std/Iptc4xmpExt/2008-02-29/}"
PLUS = "{http://ns.useplus.org/ldf/xmp/1.0/}"
XMP_RIGHTS = "{http://ns.adobe.com/xap/1.0/rights/}"


@dataclass(frozen=True, slots=True)
class XmpRights:
    """What one packet says ('' or empty: nothing); ``usage_terms`` keys are xml:lang values."""

    source_type: str = ""
    usage_terms: dict[str, str] = field(default_factory=dict)
    licensors: tuple[tuple[str, str], ...] = ()
    data_mining: str = ""
    source: str = ""


def parse_rights(packet: bytes) -> XmpRights:
    """The rights fields of an XMP packet (nothing for a packet that is not safe XML)."""
    try:
        root = SafeET.fromstring(_as_utf8(packet), forbid_dtd=True)
    except (defusedxml.DefusedXmlException, ET.ParseError, ValueError):
        return XmpRights()
    props = collect_properties(root)

    def first(name: str) -> str:
        return next((text for _lang, value in props.get(name, []) if (text := clean(value))), "")

    terms = {
        lang or "x-default": text
        for lang, value in props.get(f"{XMP_RIGHTS}UsageTerms", [])
        if (text := clean(value))
    }
    return XmpRights(
        source_type=first(f"{IPTC_EXT}DigitalSourceType"),
        usage_terms=terms,
        licensors=tuple(_licensors(root)),
        data_mining=first(f"{PLUS}DataMining"),
        source=first(f"{PHOTOSHOP}Source"),
    )


def _licensors(root: ET.Element) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for licensor in root.iter(f"{PLUS}Licensor"):
        for item in licensor.iter(f"{RDF}li"):
            values = {child.tag: clean(child.text or "") or "" for child in item.iter()}
            values.update({name: clean(value) or "" for name, value in item.attrib.items()})
            found.append(
                (values.get(f"{PLUS}LicensorName", ""), values.get(f"{PLUS}LicensorURL", ""))
            )
    return found


def source_type_of(uri: str) -> str:
    """The code of a digital source type URI Curator knows ('' for anything else)."""
    code = uri.strip().rsplit("/", 1)[-1]
    known = uri.strip().startswith((SOURCE_TYPE_URI, SOURCE_TYPE_URI.replace("http:", "https:")))
    return code if known and code in SOURCE_TYPES else ""


def read_source_type(path: Path) -> str:
    """The digital source type a file states: its sidecar's, else its embedded XMP's."""
    for sidecar in sidecar_paths(path)[:1]:
        try:
            with open_regular(sidecar) as handle:
                packet = handle.read(MAX_SIDECAR + 1)
        except OSError:
            packet = b""
        if (
            packet
            and len(packet) <= MAX_SIDECAR
            and (code := source_type_of(parse_rights(packet).source_type))
        ):
            return code
    blocks = read_blocks(path)
    if blocks.xmp:
        return source_type_of(parse_rights(blocks.xmp[0]).source_type)
    return ""
