"""XLIFF 1.2 and 2.0 caption files, valid against the OASIS schemas.

XLIFF 1.2: one ``<trans-unit id="PHOTO_ID|field">`` per caption field, the budget as
``maxwidth`` with ``size-unit="char"``, the other languages and context as ``<note>``, and the
record of origin in a ``<context-group name="curator">`` (revision, source hash, photo file);
the project is named in the header's ``<prop-group name="curator">``.

XLIFF 2.0: one ``<unit>`` per field (``name`` is the key, since ``id`` may not hold ``|``),
the state on the ``<segment>``, the budget through the Size and Length Restriction module
(``slr:sizeRestriction`` with the ``xliff:codepoints`` profile), and the record of origin in
the Metadata module (``mda:metadata``).

Reading takes what CAT tools do to files in its stride: attributes in another order,
pretty-printing, ``alt-trans`` and extra notes, inline markup in targets (its text is kept),
states changed. Entities and external references are refused (defusedxml).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from curator import __version__
from curator.core.caption_exchange import (
    ExchangeDocument,
    ExchangeUnit,
    IncomingEntry,
    IncomingFile,
)
from curator.core.model import CaptionStatus
from curator.exchange.captions.common import (
    NEEDS_REVIEW_SUBSTATE,
    XLIFF12_STATE,
    XLIFF20_STATE,
    check_entry_count,
    checked_text,
    intro,
    not_ours,
    note_lines,
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


def _unit12(body: ET.Element, unit: ExchangeUnit, target_language: str) -> None:
    attrs = {"id": unit.key, "resname": unit.key}
    if unit.budget_chars is not None:
        attrs.update(maxwidth=str(unit.budget_chars), **{"size-unit": "char"})
    element = _sub(body, f"{{{XLIFF12}}}trans-unit", **attrs)
    _preserve(element)
    _sub(element, f"{{{XLIFF12}}}source", unit.source)
    target = _sub(element, f"{{{XLIFF12}}}target", unit.target, state=XLIFF12_STATE[unit.status])
    target.set(f"{{{XML_NS}}}lang", target_language)
    group = _sub(element, f"{{{XLIFF12}}}context-group", purpose="information")
    _sub(group, f"{{{XLIFF12}}}context", unit.file_name, **{"context-type": "sourcefile"})
    _sub(group, f"{{{XLIFF12}}}context", str(unit.revision), **{"context-type": "x-revision"})
    _sub(group, f"{{{XLIFF12}}}context", unit.source_hash, **{"context-type": "x-source-hash"})
    for line in note_lines(unit):
        _sub(element, f"{{{XLIFF12}}}note", line, **{"from": "curator"})


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
    _sub(head, f"{{{XLIFF12}}}note", intro(header))
    _sub(
        head,
        f"{{{XLIFF12}}}tool",
        **{"tool-id": "curator", "tool-name": "Curator", "tool-version": __version__},
    )
    body = _sub(file_, f"{{{XLIFF12}}}body")
    for unit in document.units:
        _unit12(body, unit, header.target_language)
    return _serialise(root)


# -- XLIFF 2.0 -------------------------------------------------------------------------


def _unit20(file_: ET.Element, index: int, unit: ExchangeUnit) -> None:
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
    notes = _sub(file_, f"{{{XLIFF20}}}notes")
    _sub(notes, f"{{{XLIFF20}}}note", intro(header), category="curator")
    for index, unit in enumerate(document.units, start=1):
        _unit20(file_, index, unit)
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


def _read12(root: ET.Element, lines: LineBuilder, path: Path) -> IncomingFile:
    entries: list[IncomingEntry] = []
    file_ = _child(root, "file")
    if file_ is None:
        raise not_ours(path, lines.line(root), _("it has no <file> element"))
    props = {
        (prop.get("prop-type") or ""): (prop.text or "").strip()
        for prop in file_.iter()
        if local_name(prop.tag) == "prop"
    }
    for unit in file_.iter():
        if local_name(unit.tag) != "trans-unit":
            continue
        line = lines.line(unit)
        context = {
            (item.get("context-type") or ""): (item.text or "").strip()
            for item in unit.iter()
            if local_name(item.tag) == "context"
        }
        target = _child(unit, "target")
        state = None if target is None else target.get("state")
        entries.append(
            IncomingEntry(
                line=line,
                key=unit.get("resname") or unit.get("id") or "",
                target=checked_text(_text(target).strip(), path, line),
                source=checked_text(_text(_child(unit, "source")).strip(), path, line),
                status=status_from_xliff12(state, unit.get("approved")),
                revision=_number(context.get("x-revision")),
                source_hash=context.get("x-source-hash") or None,
            )
        )
        check_entry_count(len(entries), path)
    project = props.get("project") or None
    require_ours(path, entries, project is not None)
    return IncomingFile(
        format="xliff12",
        entries=tuple(entries),
        project_uid=project,
        source_language=file_.get("source-language"),
        target_language=file_.get("target-language"),
        format_version=props.get("format") or None,
    )


def _meta(element: ET.Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for child in element:
        if local_name(child.tag) == "metadata":
            for item in child.iter():
                if local_name(item.tag) == "meta":
                    found[item.get("type") or ""] = (item.text or "").strip()
    return found


def _read20(root: ET.Element, lines: LineBuilder, path: Path) -> IncomingFile:
    entries: list[IncomingEntry] = []
    file_meta: dict[str, str] = {}
    for file_ in root:
        if local_name(file_.tag) != "file":
            continue
        file_meta.update(_meta(file_))
        for unit in file_.iter():
            if local_name(unit.tag) != "unit":
                continue
            line = lines.line(unit)
            meta = _meta(unit)
            segments = [child for child in unit if local_name(child.tag) == "segment"]
            source = "".join(_text(_child(seg, "source")) for seg in segments).strip()
            target = "".join(_text(_child(seg, "target")) for seg in segments).strip()
            state = segments[0].get("state") if segments else None
            sub_state = segments[0].get("subState") if segments else None
            entries.append(
                IncomingEntry(
                    line=line,
                    key=unit.get("name") or unit.get("id") or "",
                    target=checked_text(target, path, line),
                    source=checked_text(source, path, line),
                    status=status_from_xliff20(state, sub_state),
                    revision=_number(meta.get("revision")),
                    source_hash=meta.get("source-hash") or None,
                )
            )
            check_entry_count(len(entries), path)
    project = file_meta.get("project") or None
    require_ours(path, entries, project is not None)
    return IncomingFile(
        format="xliff20",
        entries=tuple(entries),
        project_uid=project,
        source_language=root.get("srcLang"),
        target_language=root.get("trgLang"),
        format_version=file_meta.get("format") or None,
    )


def parse_xliff(data: bytes, path: Path) -> IncomingFile:
    """Read an XLIFF 1.2 or 2.0 file written by Curator and saved by a CAT tool."""
    # Curator's notes for the translator are never read back: they need not be held.
    root, lines = parse_xml(data, path, skip=("note", "notes"))
    if local_name(root.tag) != "xliff":
        raise not_ours(
            path,
            lines.line(root),
            _("its root element is <%(name)s>, not <xliff>") % {"name": local_name(root.tag)},
        )
    version = (root.get("version") or "").strip()
    if version.startswith("2"):
        return _read20(root, lines, path)
    if version.startswith("1"):
        return _read12(root, lines, path)
    raise not_ours(
        path, lines.line(root), _("XLIFF version “%(version)s”") % {"version": version or "—"}
    )
