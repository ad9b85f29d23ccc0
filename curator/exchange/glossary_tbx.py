"""The glossary as TBX: TBX-Basic (ISO 30042:2008 ``martif``) out, TBX 2008 or TBX v3 in.

Written, one ``termEntry`` per entry::

    <termEntry id="code-tbt">                        code in the id ("entry-7" without one)
      <descrip type="subjectField">person</descrip>  the kind
      <note>...</note>                               the entry's note
      <langSet xml:lang="ru">
        <tig><term>Ву Вьет Чанг</term>               the rendering comes first
          <termNote type="partOfSpeech">properNoun</termNote>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
        <tig>...admittedTerm-admn-sts</tig>          each variant

Forbidden forms go in entries of their own, ``<termEntry id="code-tbt-forbidden-1">``
with ``<ref type="crossReference" target="code-tbt">``: the rendering in the project's
source language, then the forbidden form as ``deprecatedTerm-admn-sts``. Weblate (through
the Translate Toolkit) reads a whole ``termEntry`` as one glossary term, takes the first
term of each ``langSet``, and flags the term forbidden when any administrative status in
the entry is deprecated; forbidden forms inside the main entry would mark the real
rendering forbidden there. Kept apart, Weblate shows "source → forbidden form" as a
forbidden translation, and OmegaT lists each entry's terms.

Reading accepts ``martif`` (``termEntry/langSet/tig|ntig``) and TBX v3 ``tbx``
(``conceptEntry/langSec/termSec``), with or without namespaces. A term without an
administrative status counts as preferred: the first preferred term of a language is its
rendering, other preferred or admitted ones are variants, deprecated, superseded, obsolete
or forbidden ones are forbidden forms. An entry that cross-references another entry of the
file is merged into it. Parsing goes through defusedxml: entity declarations and external
references are refused (a plain ``<!DOCTYPE martif ...>`` line, which Weblate writes, is
allowed; its DTD is never fetched).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from curator.core.errors import UsageError
from curator.core.language.glossary_import import GlossaryDraft
from curator.core.language.glossary_rules import is_valid_code
from curator.core.language.text import clean_line, nfc
from curator.core.model import GlossaryEntry, GlossaryKind
from curator.exchange import (
    MAX_CELL_CHARS,
    MAX_GLOSSARY_ENTRIES,
    check_draft,
    language_tag,
    located,
)
from curator.exchange.xml_util import LineBuilder, local_name, parse_xml
from curator.i18n import _

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_PREFERRED = "preferredTerm-admn-sts"
_ADMITTED = "admittedTerm-admn-sts"
_DEPRECATED = "deprecatedTerm-admn-sts"
_CODE_ID = re.compile(r"code-(.+)")
_PROPER = {GlossaryKind.PERSON, GlossaryKind.ORGANISATION, GlossaryKind.PLACE, GlossaryKind.EVENT}


def _sub(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text:
        element.text = text
    return element


def _entry_id(entry: GlossaryEntry) -> str:
    return f"code-{entry.code}" if entry.code else f"entry-{entry.id}"


def _tig(lang_set: ET.Element, term: str, kind: GlossaryKind, status: str) -> None:
    tig = _sub(lang_set, "tig")
    _sub(tig, "term", term)
    _sub(tig, "termNote", "properNoun" if kind in _PROPER else "noun", type="partOfSpeech")
    _sub(tig, "termNote", status, type="administrativeStatus")


def _term_entry(body: ET.Element, entry_id: str, entry: GlossaryEntry) -> ET.Element:
    term_entry = _sub(body, "termEntry", id=entry_id)
    _sub(term_entry, "descrip", entry.kind.value, type="subjectField")
    return term_entry


def _lang_set(term_entry: ET.Element, tag: str) -> ET.Element:
    return _sub(term_entry, "langSet", **{_XML_LANG: tag})


def _write_entry(body: ET.Element, entry: GlossaryEntry, languages: Sequence[str]) -> None:
    main_id = _entry_id(entry)
    term_entry = _term_entry(body, main_id, entry)
    if entry.note:
        _sub(term_entry, "note", entry.note)
    for tag in languages:
        forms = [(entry.terms[tag], _PREFERRED)] if tag in entry.terms else []
        forms += [(variant, _ADMITTED) for variant in entry.variants.get(tag, ())]
        if forms:
            lang_set = _lang_set(term_entry, tag)
            for term, status in forms:
                _tig(lang_set, term, entry.kind, status)
    source = next((tag for tag in languages if tag in entry.terms), "")
    if not source:
        return
    number = 0
    for tag in languages:
        for form in entry.forbidden.get(tag, ()):
            number += 1
            forbidden = _term_entry(body, f"{main_id}-forbidden-{number}", entry)
            _sub(forbidden, "ref", entry.terms[source], type="crossReference", target=main_id)
            lang_set = _lang_set(forbidden, source)
            _tig(lang_set, entry.terms[source], entry.kind, _PREFERRED)
            if tag != source:
                lang_set = _lang_set(forbidden, tag)
            _tig(lang_set, form, entry.kind, _DEPRECATED)


def glossary_tbx_bytes(
    entries: Sequence[GlossaryEntry], languages: Sequence[str], *, title: str = ""
) -> bytes:
    """The entries as a TBX-Basic file (UTF-8); ``languages[0]`` is the file's language."""
    root = ET.Element(
        "martif", {"type": "TBX-Basic", _XML_LANG: languages[0] if languages else "en"}
    )
    header = _sub(root, "martifHeader")
    file_desc = _sub(header, "fileDesc")
    if title:
        _sub(_sub(file_desc, "titleStmt"), "title", title)
    _sub(_sub(file_desc, "sourceDesc"), "p", "Curator")
    _sub(_sub(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    body = _sub(_sub(root, "text"), "body")
    for entry in entries:
        _write_entry(body, entry, languages)
    ET.indent(root, space="  ")
    text = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + nfc(text) + "\n").encode("utf-8")


@dataclass(slots=True)
class _Term:
    language: str
    text: str
    status: str  # "preferred", "admitted" or "forbidden"


@dataclass(slots=True)
class _RawEntry:
    id: str
    line: int
    kind: GlossaryKind = GlossaryKind.TERM
    notes: list[str] = field(default_factory=list)
    terms: list[_Term] = field(default_factory=list)
    refers_to: str = ""


def _status(container: ET.Element) -> str:
    for element in container.iter():
        name = local_name(element.tag)
        kind = element.get("type", "")
        if name == "administrativeStatus" or (
            name == "termNote" and kind in ("administrativeStatus", "normativeAuthorization")
        ):
            value = (element.text or "").casefold()
            for word, status in (
                ("deprecat", "forbidden"),
                ("supersed", "forbidden"),
                ("obsolete", "forbidden"),
                ("forbidden", "forbidden"),
                ("admitted", "admitted"),
            ):
                if word in value:
                    return status
    return "preferred"


def _text(element: ET.Element, path: Path, line: int) -> str:
    text = " ".join("".join(element.itertext()).split())
    if len(text) > MAX_CELL_CHARS:
        problem = _("a term or note is longer than %(limit)d characters.") % {
            "limit": MAX_CELL_CHARS
        }
        raise UsageError(located(path, line, problem), path=path)
    return clean_line(text)


def _read_entry(element: ET.Element, lines: dict[int, int], path: Path) -> _RawEntry:
    line = lines.get(id(element), 0)
    raw = _RawEntry(id=element.get("id", ""), line=line)
    for child in element:
        name, kind = local_name(child.tag), child.get("type", "")
        if name in ("langSet", "langSec"):
            _read_language(child, raw, lines, path)
        elif name == "subjectField" or (name == "descrip" and kind == "subjectField"):
            value = _text(child, path, line).casefold()
            if value in {kind.value for kind in GlossaryKind}:
                raw.kind = GlossaryKind(value)
        elif name == "note" or (name == "descrip" and kind == "definition"):
            raw.notes.append(_text(child, path, line))
        elif name in ("ref", "crossReference") and kind in ("crossReference", ""):
            raw.refers_to = child.get("target", "")
    return raw


def _read_language(lang_set: ET.Element, raw: _RawEntry, lines: dict[int, int], path: Path) -> None:
    line = lines.get(id(lang_set), raw.line)
    tag_text = lang_set.get(_XML_LANG) or lang_set.get("lang") or ""
    tag = language_tag(tag_text, path, line)
    for holder in lang_set:
        if local_name(holder.tag) not in ("tig", "ntig", "termSec"):
            continue
        term = next((e for e in holder.iter() if local_name(e.tag) == "term"), None)
        if term is not None:
            text = _text(term, path, lines.get(id(term), line))
            if text:
                raw.terms.append(_Term(tag, text, _status(holder)))


def _draft(raw: _RawEntry, extra: list[_RawEntry], path: Path) -> GlossaryDraft:
    terms: dict[str, str] = {}
    variants: dict[str, list[str]] = {}
    forbidden: dict[str, list[str]] = {}
    ordered = [t for t in raw.terms if t.status == "preferred"]
    ordered += [t for t in raw.terms if t.status != "preferred"]
    for term in ordered + [t for other in extra for t in other.terms]:
        if term.status == "forbidden":
            forbidden.setdefault(term.language, []).append(term.text)
        elif term.language not in terms:
            terms[term.language] = term.text
        elif terms[term.language] != term.text:
            variants.setdefault(term.language, []).append(term.text)
    code_match = _CODE_ID.fullmatch(raw.id)
    code = code_match.group(1) if code_match and is_valid_code(code_match.group(1)) else ""
    draft = GlossaryDraft(
        kind=raw.kind,
        terms=terms,
        note=" ".join(raw.notes),
        code=code,
        variants={tag: tuple(dict.fromkeys(items)) for tag, items in variants.items()},
        forbidden={tag: tuple(dict.fromkeys(items)) for tag, items in forbidden.items()},
        line=raw.line,
    )
    check_draft(draft, path)
    return draft


def parse_glossary_tbx(data: bytes, path: Path) -> list[GlossaryDraft]:
    """Read a whole TBX file; ``path`` names it in messages.

    Raises:
        UsageError: unsafe or malformed XML, not TBX, a bad language tag or an entry
            without a rendering (the message names the file and line).
    """
    raws: list[_RawEntry] = []

    def read(element: ET.Element, ancestors: Sequence[ET.Element], lines: LineBuilder) -> None:
        # Each entry is read as it ends and leaves the tree: a large glossary is never
        # held whole.
        if not ancestors or local_name(ancestors[0].tag) not in ("martif", "tbx"):
            return
        raws.append(_read_entry(element, lines.lines, path))
        if len(raws) > MAX_GLOSSARY_ENTRIES:
            problem = _("the file has more than %(limit)d entries.") % {
                "limit": MAX_GLOSSARY_ENTRIES
            }
            raise UsageError(located(path, lines.line(element), problem), path=path)

    root, _builder = parse_xml(data, path, units=("termEntry", "conceptEntry"), on_unit=read)
    if local_name(root.tag) not in ("martif", "tbx"):
        problem = _("the file is not TBX (its root element is “%(root)s”).") % {
            "root": local_name(root.tag)
        }
        raise UsageError(located(path, 1, problem), path=path)
    ids = {raw.id for raw in raws if raw.id}
    merged: dict[str, list[_RawEntry]] = {}
    for raw in raws:
        if raw.refers_to in ids and raw.refers_to != raw.id:
            merged.setdefault(raw.refers_to, []).append(raw)
    return [
        _draft(raw, merged.get(raw.id, []), path)
        for raw in raws
        if not (raw.refers_to in ids and raw.refers_to != raw.id)
    ]
