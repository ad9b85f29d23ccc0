"""Translation memories as TMX 1.4b, the file every CAT tool reads and writes.

Written, one ``tu`` per unit (streamed through the stdlib's ``XMLGenerator``)::

    <tmx version="1.4">
      <header creationtool="Curator" ... srclang="vi" datatype="plaintext" segtype="paragraph"/>
      <body>
        <tu creationdate="20250301T120000Z" creationid="lan">
          <prop type="x-curator-origin">Triển lãm 2025</prop>   where it came from
          <prop type="x-curator-photo">p7k2m9x</prop>           the photo and field, when known
          <prop type="x-curator-field">caption</prop>
          <tuv xml:lang="vi"><seg>...</seg></tuv>
          <tuv xml:lang="ru"><seg>...</seg></tuv>

Read: every ``tu`` with two or more ``tuv`` (``xml:lang``, or ``lang`` of TMX 1.1) gives a
unit for each pair of its languages. Inline codes (``bpt``, ``ept``, ``ph``, ``it``, ``ut``)
are formatting of the tool that wrote them and are left out; ``hi`` and ``sub`` keep their
text. Parsing goes through defusedxml (no entities, no external references), the file is
read up to :data:`~curator.exchange.MAX_FILE_BYTES`, and a segment longer than
:data:`~curator.exchange.MAX_CELL_CHARS` is skipped and counted.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import IO
from xml.sax.saxutils import XMLGenerator

from curator import __version__
from curator.core.language.text import clean_text
from curator.core.storage.atomic_write import atomic_output
from curator.core.storage.protected_files import ProtectedFiles
from curator.exchange import MAX_CELL_CHARS, language_tag, located, read_limited
from curator.exchange.xml_util import local_name, parse_xml
from curator.i18n import _
from curator.memory import UnitDraft

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CODES = {"bpt", "ept", "ph", "it", "ut"}
_TMX_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})")
#: The most languages of one ``tu`` that are paired (n languages give n(n-1)/2 units).
MAX_TUV = 12


@dataclass(frozen=True, slots=True)
class TmxRead:
    """What a TMX file gave: its units and how many segments were left out."""

    units: list[UnitDraft]
    skipped: int


def _tmx_date(iso: str) -> str:
    found = _ISO_DATE.match(iso)
    return "".join(found.groups()[:3]) + "T" + "".join(found.groups()[3:]) + "Z" if found else ""


def _iso_date(tmx: str) -> str:
    found = _TMX_DATE.match(tmx.strip())
    if not found:
        return ""
    y, mo, d, h, mi, s = found.groups()
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}+00:00"


def _element(out: XMLGenerator, name: str, text: str, attrs: dict[str, str]) -> None:
    out.startElement(name, attrs)  # type: ignore[arg-type]
    out.characters(text)
    out.endElement(name)


def write_tmx_stream(
    handle: IO[bytes], units: Iterable[UnitDraft], *, source_language: str = "*all*"
) -> int:
    """Write TMX 1.4b to ``handle``; how many units."""
    out = XMLGenerator(handle, encoding="utf-8", short_empty_elements=True)
    out.startDocument()
    out.startElement("tmx", {"version": "1.4"})  # type: ignore[arg-type]
    header = {
        "creationtool": "Curator",
        "creationtoolversion": __version__,
        "segtype": "paragraph",
        "o-tmf": "Curator",
        "adminlang": "en",
        "srclang": source_language,
        "datatype": "plaintext",
    }
    out.startElement("header", header)  # type: ignore[arg-type]
    out.endElement("header")
    out.startElement("body", {})  # type: ignore[arg-type]
    count = 0
    for unit in units:
        attrs = {}
        if unit.created_at and _tmx_date(unit.created_at):
            attrs["creationdate"] = _tmx_date(unit.created_at)
        if unit.author:
            attrs["creationid"] = unit.author
        out.startElement("tu", attrs)  # type: ignore[arg-type]
        for kind, value in (
            ("x-curator-origin", unit.origin),
            ("x-curator-year", str(unit.year) if unit.year else ""),
            ("x-curator-photo", unit.photo_id),
            ("x-curator-field", unit.field),
            ("x-curator-project", unit.project),
        ):
            if value:
                _element(out, "prop", value, {"type": kind})
        for language, text in (
            (unit.source_language, unit.source_text),
            (unit.target_language, unit.target_text),
        ):
            out.startElement("tuv", {"xml:lang": language})  # type: ignore[arg-type]
            _element(out, "seg", text, {})
            out.endElement("tuv")
        out.endElement("tu")
        count += 1
    out.endElement("body")
    out.endElement("tmx")
    out.endDocument()
    return count


def tmx_bytes(units: Iterable[UnitDraft], *, source_language: str = "*all*") -> bytes:
    """TMX 1.4b of ``units`` in memory (for a package: a few hundred units at most)."""
    stream = io.BytesIO()
    write_tmx_stream(stream, units, source_language=source_language)
    return stream.getvalue()


def write_tmx(
    path: Path,
    units: Iterable[UnitDraft],
    *,
    guard: ProtectedFiles,
    source_language: str = "*all*",
) -> int:
    """Write the units to ``path`` whole or not at all; how many."""
    with atomic_output(path, guard=guard) as temporary, temporary.open("wb") as handle:
        count = write_tmx_stream(handle, units, source_language=source_language)
    return count


def _seg_text(seg: ET.Element) -> str:
    parts = [seg.text or ""]
    for child in seg:
        if local_name(child.tag) not in _CODES:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _props(tu: ET.Element) -> dict[str, str]:
    return {
        element.get("type", ""): (element.text or "").strip()
        for element in tu
        if local_name(element.tag) == "prop"
    }


def _year(value: str) -> int | None:
    return int(value) if value.isdigit() and 1800 < int(value) < 3000 else None


def read_tmx(path: Path) -> TmxRead:
    """The units of a TMX file (any version 1.1-1.4b); clear errors naming file and line."""
    root, lines = parse_xml(read_limited(path), path)
    if local_name(root.tag) != "tmx":
        problem = _("this is not a TMX file (its root element is <%(name)s>, not <tmx>).")
        raise_usage(path, lines.line(root), problem % {"name": local_name(root.tag)})
    units: list[UnitDraft] = []
    skipped = 0
    for tu in _elements(root, "tu"):
        segments: dict[str, str] = {}
        for tuv in tu:
            if local_name(tuv.tag) != "tuv":
                continue
            raw = tuv.get(_XML_LANG) or tuv.get("lang") or ""
            seg = next((e for e in tuv if local_name(e.tag) == "seg"), None)
            if not raw or seg is None:
                skipped += 1
                continue
            text = clean_text(_seg_text(seg))
            if len(text) > MAX_CELL_CHARS:
                skipped += 1
                continue
            if text:
                segments.setdefault(language_tag(raw, path, lines.line(tuv)), text)
        props = _props(tu)
        created = _iso_date(tu.get("changedate") or tu.get("creationdate") or "")
        origin = props.get("x-curator-origin") or path.name
        year = _year(props.get("x-curator-year", "")) or _year(created[:4])
        for (a, a_text), (b, b_text) in combinations(list(segments.items())[:MAX_TUV], 2):
            units.append(
                UnitDraft(
                    a,
                    b,
                    a_text,
                    b_text,
                    origin=origin,
                    year=year,
                    photo_id=props.get("x-curator-photo", ""),
                    field=props.get("x-curator-field", ""),
                    created_at=created,
                    author=tu.get("changeid") or tu.get("creationid") or "",
                    project=props.get("x-curator-project", ""),
                )
            )
    return TmxRead(units, skipped)


def _elements(root: ET.Element, name: str) -> Iterator[ET.Element]:
    for element in root.iter():
        if local_name(element.tag) == name:
            yield element


def raise_usage(path: Path, line: int, problem: str) -> None:
    """Raise the usage error for ``problem`` at ``line`` of ``path``."""
    from curator.core.errors import UsageError

    raise UsageError(located(path, line, problem), path=path)
