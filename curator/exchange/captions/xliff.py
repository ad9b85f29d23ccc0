"""XLIFF 1.2 and 2.0 caption files, valid against the OASIS schemas.

XLIFF 1.2: one ``<trans-unit id="PHOTO_ID|field">`` per caption field, the budget as
``maxwidth`` with ``size-unit="char"``, the other languages and context as ``<note>``, and the
record of origin in a ``<context-group name="curator">`` (revision, source hash, photo file);
the project and the export id are named in the header's ``<prop-group name="curator">``.
Every ``<target>`` starts as a copy of the source in state ``new`` (OmegaT translates the
target in place), a draft travels beside it as an ``<alt-trans>`` proposal, and a final
text is the target itself with ``approved="yes"``.

XLIFF 2.0: one ``<unit>`` per field (``name`` is the key, since ``id`` may not hold ``|``),
the state on the ``<segment>``, the budget through the Size and Length Restriction module
(``slr:sizeRestriction`` with the ``xliff:codepoints`` profile), and the record of origin in
the Metadata module (``mda:metadata``).

The catalogue's own texts follow the captions in a ``<group id="catalogue">`` (both
versions), one unit each keyed ``catalogue:NAME``.

Reading takes what CAT tools do to files in its stride: attributes in another order,
pretty-printing, ``alt-trans`` and extra notes, inline markup in targets (its text is kept),
states changed, several ``<file>`` elements (all read), 2.0 units split into segments and
``<ignorable>`` parts (joined as the standard says), and translate-toolkit's units whose key
was lost (Curator's record of origin in their notes names them again). Entities and
external references are refused (defusedxml).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from curator import __version__
from curator.core.model import CaptionStatus
from curator.core.translators.caption_exchange import (
    ExchangeDocument,
    FileUnit,
    IncomingEntry,
    IncomingFile,
    is_unit_key,
)
from curator.exchange.captions.common import (
    END_NOTE,
    NEEDS_REVIEW_SUBSTATE,
    UNTOUCHED_STATE,
    XLIFF12_STATE,
    XLIFF20_STATE,
    check_entry_count,
    checked_text,
    header_fields,
    intro,
    not_ours,
    note_lines,
    parse_marker,
    require_ours,
    status_from_xliff12,
    status_from_xliff20,
)
from curator.exchange.xml_util import LineBuilder, local_name, parse_xml
from curator.i18n import _

XLIFF12 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF20 = "urn:oasis:names:tc:xliff:document:2.0"
SLR = "urn:oasis:names:tc:xliff:sizerestriction:2.0"
MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
#: The group that holds the catalogue's own texts, after the captions.
CATALOGUE_GROUP = "catalogue"
#: The group of the visit's talking points (``visit:STOP_ID`` units), after the catalogue's.
VISIT_GROUP = "visit"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _serialise(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def _preserve(element: ET.Element) -> None:
    element.set(f"{{{XML_NS}}}space", "preserve")


# -- XLIFF 1.2 -------------------------------------------------------------------------


def _unit12(body: ET.Element, unit: FileUnit, target_language: str) -> None:
    attrs = {"id": unit.key, "resname": unit.key}
    if unit.budget_chars is not None:
        attrs.update(maxwidth=str(unit.budget_chars), **{"size-unit": "char"})
    final = unit.status == CaptionStatus.FINAL and bool(unit.target)
    if final:
        attrs["approved"] = "yes"
    element = _sub(body, f"{{{XLIFF12}}}trans-unit", **attrs)
    _preserve(element)
    _sub(element, f"{{{XLIFF12}}}source", unit.source)
    if final:
        target = _sub(element, f"{{{XLIFF12}}}target", unit.target, state="final")
    else:
        # The target starts as a copy of the source in state "new": OmegaT translates what
        # the <target> holds, so this is how its translator sees the source of every entry.
        # A draft translation travels beside it as an <alt-trans> proposal.
        target = _sub(element, f"{{{XLIFF12}}}target", unit.source, state=UNTOUCHED_STATE)
    target.set(f"{{{XML_NS}}}lang", target_language)
    group = _sub(element, f"{{{XLIFF12}}}context-group", purpose="information")
    _sub(group, f"{{{XLIFF12}}}context", unit.file_name, **{"context-type": "sourcefile"})
    _sub(group, f"{{{XLIFF12}}}context", str(unit.revision), **{"context-type": "x-revision"})
    _sub(group, f"{{{XLIFF12}}}context", unit.source_hash, **{"context-type": "x-source-hash"})
    for line in note_lines(unit):
        _sub(element, f"{{{XLIFF12}}}note", line, **{"from": "curator"})
    if unit.target and not final:
        proposal = _sub(element, f"{{{XLIFF12}}}alt-trans", origin="curator")
        _sub(proposal, f"{{{XLIFF12}}}source", unit.source)
        draft = _sub(
            proposal, f"{{{XLIFF12}}}target", unit.target, state=XLIFF12_STATE[unit.status]
        )
        draft.set(f"{{{XML_NS}}}lang", target_language)


def xliff12_bytes(document: ExchangeDocument) -> bytes:
    """An XLIFF 1.2 file (UTF-8) valid against ``xliff-core-1.2-transitional.xsd``."""
    ET.register_namespace("", XLIFF12)
    header = document.header
    root = ET.Element(f"{{{XLIFF12}}}xliff", version="1.2")
    file_ = _sub(
        root,
        f"{{{XLIFF12}}}file",
        original=header.project_title or "captions",
        datatype="plaintext",
        date=header.created_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        **{
            "source-language": header.source_language,
            "target-language": header.target_language,
            "product-name": "Curator",
            "product-version": __version__,
        },
    )
    head = _sub(file_, f"{{{XLIFF12}}}header")
    props = _sub(head, f"{{{XLIFF12}}}prop-group", name="curator")
    _sub(props, f"{{{XLIFF12}}}prop", header.project_uid, **{"prop-type": "project"})
    _sub(props, f"{{{XLIFF12}}}prop", header.format_version, **{"prop-type": "format"})
    _sub(props, f"{{{XLIFF12}}}prop", header.export_id, **{"prop-type": "export"})
    _sub(head, f"{{{XLIFF12}}}note", intro(header))
    _sub(
        head,
        f"{{{XLIFF12}}}tool",
        **{"tool-id": "curator", "tool-name": "Curator", "tool-version": __version__},
    )
    body = _sub(file_, f"{{{XLIFF12}}}body")
    for unit in document.units:
        _unit12(body, unit, header.target_language)
    if document.catalogue:
        group = _sub(body, f"{{{XLIFF12}}}group", id=CATALOGUE_GROUP, resname=CATALOGUE_GROUP)
        for text in document.catalogue:
            _unit12(group, text, header.target_language)
    if document.visit:
        group = _sub(body, f"{{{XLIFF12}}}group", id=VISIT_GROUP, resname=VISIT_GROUP)
        for points in document.visit:
            _unit12(group, points, header.target_language)
    return _serialise(root)


# -- XLIFF 2.0 -------------------------------------------------------------------------


def _unit20(file_: ET.Element, index: int, unit: FileUnit) -> None:
    attrs = {"id": f"u{index}", "name": unit.key}
    if unit.budget_chars is not None:
        attrs[f"{{{SLR}}}sizeRestriction"] = str(unit.budget_chars)
    element = _sub(file_, f"{{{XLIFF20}}}unit", **attrs)
    metadata = _sub(element, f"{{{MDA}}}metadata")
    group = _sub(metadata, f"{{{MDA}}}metaGroup", category="curator")
    _sub(group, f"{{{MDA}}}meta", unit.file_name, type="file")
    _sub(group, f"{{{MDA}}}meta", str(unit.revision), type="revision")
    _sub(group, f"{{{MDA}}}meta", unit.source_hash, type="source-hash")
    lines = note_lines(unit)
    if lines:
        notes = _sub(element, f"{{{XLIFF20}}}notes")
        for line in lines:
            _sub(notes, f"{{{XLIFF20}}}note", line, category="curator")
    segment = _sub(element, f"{{{XLIFF20}}}segment", state=XLIFF20_STATE[unit.status])
    if unit.status == CaptionStatus.NEEDS_REVIEW:
        segment.set("subState", NEEDS_REVIEW_SUBSTATE)
    source = _sub(segment, f"{{{XLIFF20}}}source", unit.source)
    _preserve(source)
    if unit.target:
        target = _sub(segment, f"{{{XLIFF20}}}target", unit.target)
        _preserve(target)


def xliff20_bytes(document: ExchangeDocument) -> bytes:
    """An XLIFF 2.0 file (UTF-8) valid against ``xliff-core-2.0.xsd``."""
    ET.register_namespace("", XLIFF20)
    ET.register_namespace("slr", SLR)
    ET.register_namespace("mda", MDA)
    header = document.header
    root = ET.Element(
        f"{{{XLIFF20}}}xliff",
        version="2.0",
        srcLang=header.source_language,
        trgLang=header.target_language,
    )
    file_ = _sub(root, f"{{{XLIFF20}}}file", id="captions", original=header.project_title)
    _sub(file_, f"{{{SLR}}}profiles", generalProfile="xliff:codepoints")
    metadata = _sub(file_, f"{{{MDA}}}metadata")
    group = _sub(metadata, f"{{{MDA}}}metaGroup", category="curator")
    _sub(group, f"{{{MDA}}}meta", header.project_uid, type="project")
    _sub(group, f"{{{MDA}}}meta", header.format_version, type="format")
    _sub(group, f"{{{MDA}}}meta", header.export_id, type="export")
    notes = _sub(file_, f"{{{XLIFF20}}}notes")
    _sub(notes, f"{{{XLIFF20}}}note", intro(header), category="curator")
    for index, unit in enumerate(document.units, start=1):
        _unit20(file_, index, unit)
    if document.catalogue:
        group = _sub(file_, f"{{{XLIFF20}}}group", id=CATALOGUE_GROUP, name=CATALOGUE_GROUP)
        for index, text in enumerate(document.catalogue, start=len(document.units) + 1):
            _unit20(group, index, text)
    if document.visit:
        group = _sub(file_, f"{{{XLIFF20}}}group", id=VISIT_GROUP, name=VISIT_GROUP)
        first = len(document.units) + len(document.catalogue) + 1
        for index, points in enumerate(document.visit, start=first):
            _unit20(group, index, points)
    return _serialise(root)


# -- reading ---------------------------------------------------------------------------


def _text(element: ET.Element | None) -> str:
    return "" if element is None else "".join(element.itertext())


def _child(element: ET.Element, name: str) -> ET.Element | None:
    for child in element:
        if local_name(child.tag) == name:
            return child
    return None


def _number(text: str | None) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isdigit() and len(text) < 10 else None


def _is_end_mark(unit: ET.Element) -> bool:
    """The PO end mark, converted to XLIFF by translate-toolkit: nothing to import."""
    return any(
        local_name(item.tag) in _NOTES and (item.text or "").strip() == END_NOTE
        for item in unit.iter()
    )


def _entry12(unit: ET.Element, lines: LineBuilder, path: Path) -> IncomingEntry:
    line = lines.line(unit)
    context = {
        (item.get("context-type") or ""): (item.text or "").strip()
        for item in unit.iter()
        if local_name(item.tag) == "context"
    }
    target = _child(unit, "target")
    state = None if target is None else target.get("state")
    source = checked_text(_text(_child(unit, "source")), path, line)
    text = checked_text(_text(target), path, line)
    if state == UNTOUCHED_STATE and text.strip() == source.strip():
        text = ""  # still the copy of the source the export wrote: not translated
    revision = _number(context.get("x-revision"))
    hash_ = context.get("x-source-hash") or None
    key = unit.get("resname") or unit.get("id") or ""
    if not is_unit_key(key):
        # translate-toolkit's po2xliff drops a PO's msgctxt (the key) but keeps its
        # extracted comments, Curator's record of origin among them.
        for item in unit.iter():
            found = parse_marker(item.text or "") if local_name(item.tag) in _NOTES else None
            if found is not None:
                key, (revision, hash_) = "", found
                break
    return IncomingEntry(
        line=line,
        key=key,
        target=text,
        source=source,
        status=status_from_xliff12(state, unit.get("approved"), bool(text.strip())),
        revision=revision,
        source_hash=hash_,
    )


_NOTES = frozenset({"context", "note"})


def _read12(
    root: ET.Element,
    lines: LineBuilder,
    path: Path,
    entries: list[IncomingEntry],
    po_header: dict[str, str],
) -> IncomingFile:
    """The file's header: Curator's props, else the header of the PO it was made from.

    The languages Curator wrote win over a ``<file>``'s attributes: ``po2xliff`` calls
    every source ``en-US``.
    """
    files = [child for child in root if local_name(child.tag) == "file"]
    if not files:
        raise not_ours(path, lines.line(root), _("it has no <file> element"))
    props: dict[str, str] = {}
    for file_ in files:
        for prop in file_.iter():
            if local_name(prop.tag) == "prop":
                props.setdefault(prop.get("prop-type") or "", (prop.text or "").strip())
    for name in ("project", "format", "export", "source-language", "target-language"):
        if not props.get(name) and po_header.get(f"x-curator-{name}"):
            props[name] = po_header[f"x-curator-{name}"]
    project = props.get("project") or None
    require_ours(path, entries, project is not None)
    languages = [(file_.get("source-language"), file_.get("target-language")) for file_ in files]
    return IncomingFile(
        format="xliff12",
        entries=tuple(entries),
        project_uid=project,
        source_language=props.get("source-language")
        or next((pair[0] for pair in languages if pair[0]), None),
        target_language=props.get("target-language")
        or next((pair[1] for pair in languages if pair[1]), None),
        format_version=props.get("format") or None,
        export_id=props.get("export") or None,
    )


def _meta(element: ET.Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for child in element:
        if local_name(child.tag) == "metadata":
            for item in child.iter():
                if local_name(item.tag) == "meta":
                    found[item.get("type") or ""] = (item.text or "").strip()
    return found


def _order(element: ET.Element | None) -> int | None:
    return None if element is None else _number(element.get("order"))


def _joined20(unit: ET.Element) -> tuple[str, str, str | None, str | None]:
    """Source and target of a 2.0 unit, segments and ignorables joined as the standard says.

    Every <segment> and <ignorable> counts, in document order, for the source. The target
    is the same sequence with each part's <target> moved to the place its ``order``
    attribute names; an <ignorable> without a target contributes its source (whitespace
    between segments), a segment without one contributes nothing. The state is the first
    segment's that has one, the weakest if the segments disagree.
    """
    parts = [child for child in unit if local_name(child.tag) in ("segment", "ignorable")]
    sources = [_text(_child(part, "source")) for part in parts]
    placed: list[tuple[int, int, str]] = []
    for index, part in enumerate(parts):
        target = _child(part, "target")
        if target is None:
            text = sources[index] if local_name(part.tag) == "ignorable" else ""
            place = index
        else:
            text = _text(target)
            order = _order(target)
            place = order - 1 if order is not None and 0 < order <= len(parts) else index
        placed.append((place, index, text))
    segments = [part for part in parts if local_name(part.tag) == "segment"]
    states = [part.get("state") for part in segments if part.get("state")]
    sub_states = [part.get("subState") for part in segments if part.get("subState")]
    weakest = None
    for state in ("initial", "translated", "reviewed", "final"):
        if state in states:
            weakest = state
            break
    translated = any(_child(part, "target") is not None for part in segments)
    target_text = "".join(text for _place, _index, text in sorted(placed)) if translated else ""
    return "".join(sources), target_text, weakest, sub_states[0] if sub_states else None


def _entry20(unit: ET.Element, lines: LineBuilder, path: Path) -> IncomingEntry:
    line = lines.line(unit)
    meta = _meta(unit)
    source, target, state, sub_state = _joined20(unit)
    target = checked_text(target, path, line)
    return IncomingEntry(
        line=line,
        key=unit.get("name") or unit.get("id") or "",
        target=target,
        source=checked_text(source, path, line),
        status=status_from_xliff20(state, sub_state),
        revision=_number(meta.get("revision")),
        source_hash=meta.get("source-hash") or None,
    )


def _read20(
    root: ET.Element, lines: LineBuilder, path: Path, entries: list[IncomingEntry]
) -> IncomingFile:
    file_meta: dict[str, str] = {}
    for file_ in root:
        if local_name(file_.tag) != "file":
            continue
        for name, value in _meta(file_).items():
            file_meta.setdefault(name, value)
    project = file_meta.get("project") or None
    require_ours(path, entries, project is not None)
    return IncomingFile(
        format="xliff20",
        entries=tuple(entries),
        project_uid=project,
        source_language=root.get("srcLang"),
        target_language=root.get("trgLang"),
        format_version=file_meta.get("format") or None,
        export_id=file_meta.get("export") or None,
    )


class _Units:
    """The entries of an XLIFF file, read a unit at a time while the file is parsed.

    A unit leaves the tree once read, so a file of 30,000 units is never held whole. The
    units read are those the standard places: a 1.2 ``<trans-unit>`` in a ``<file>``'s
    ``<body>`` (or its groups), a 2.0 ``<unit>`` anywhere in a ``<file>``.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: list[IncomingEntry] = []
        #: The header of the PO a 1.2 file was converted from (``po2xliff``), if any.
        self.po_header: dict[str, str] = {}

    def read(self, unit: ET.Element, ancestors: Sequence[ET.Element], lines: LineBuilder) -> None:
        """Read one unit that has just ended (``ancestors``: the root first)."""
        if len(ancestors) < 2 or local_name(ancestors[0].tag) != "xliff":
            return
        if local_name(ancestors[1].tag) != "file":
            return
        version = (ancestors[0].get("version") or "").strip()
        name = local_name(unit.tag)
        if version.startswith("1") and name == "trans-unit":
            places = [local_name(item.tag) for item in ancestors[2:]]
            if not places or any(place not in ("body", "group") for place in places):
                return
            if unit.get("restype") == "x-gettext-domain-header":
                # translate-toolkit's copy of a PO's header: Curator's header fields
                for name, value in header_fields(_text(_child(unit, "source"))).items():
                    self.po_header.setdefault(name, value)
                return
            if _is_end_mark(unit):
                return  # translate-toolkit's copy of a PO's end mark
            entry = _entry12(unit, lines, self.path)
        elif version.startswith("2") and name == "unit":
            entry = _entry20(unit, lines, self.path)
        else:
            return
        self.entries.append(entry)
        check_entry_count(len(self.entries), self.path)


def parse_xliff(data: bytes, path: Path) -> IncomingFile:
    """Read an XLIFF 1.2 or 2.0 file written by Curator and saved by a CAT tool."""
    units = _Units(path)
    root, lines = parse_xml(data, path, units=("trans-unit", "unit"), on_unit=units.read)
    if local_name(root.tag) != "xliff":
        raise not_ours(
            path,
            lines.line(root),
            _("its root element is <%(name)s>, not <xliff>") % {"name": local_name(root.tag)},
        )
    version = (root.get("version") or "").strip()
    if version.startswith("2"):
        return _read20(root, lines, path, units.entries)
    if version.startswith("1"):
        return _read12(root, lines, path, units.entries, units.po_header)
    raise not_ours(
        path, lines.line(root), _("XLIFF version “%(version)s”") % {"version": version or "—"}
    )
