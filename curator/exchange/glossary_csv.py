"""The glossary as CSV: one row per entry, for spreadsheets.

Columns, in this order: ``code``, ``kind``, one column per language tag (the project's
languages first, then any other), ``variants:TAG`` for each language, ``forbidden:TAG`` for
each language, then ``note``, then ``surname:TAG`` for each language (a person's family
name as the rendering writes it; the index sorts by it), then ``gen:TAG``, ``dat:TAG``,
``acc:TAG``, ``ins:TAG``, ``pre:TAG`` for each language any entry declines (the term's
genitive ... prepositional forms, which ``=code:gen=`` gives). Several variants or forbidden
forms in one cell are separated by ``|``. Files are written as UTF-8 with a byte-order mark
(so spreadsheet programs see the encoding), ``,``-separated, CRLF line ends.

Reading accepts ``,``, ``;`` or tab as the separator (taken from the header line), UTF-8
with or without a byte-order mark (or UTF-16 with one), CRLF or LF, quoted cells holding
separators or line breaks, columns in any order, and extra columns, which are ignored: an
extra column's name must not look like a language tag, since a misspelt tag (``vn``) is
refused rather than silently dropped.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from curator.core.errors import UsageError
from curator.core.language.glossary_cases import OBLIQUE_CASES, GrammaticalCase, case_named
from curator.core.language.glossary_import import GlossaryDraft
from curator.core.language.glossary_rules import is_valid_code
from curator.core.language.text import nfc
from curator.core.model import GlossaryEntry, GlossaryKind
from curator.exchange import (
    MAX_CELL_CHARS,
    MAX_GLOSSARY_ENTRIES,
    check_draft,
    language_tag,
    located,
)
from curator.exchange.inputs import CsvLimits, csv_rows
from curator.i18n import _

SEPARATOR = "|"
_LOOKS_LIKE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
_CASE_CODES = frozenset(case.value for case in OBLIQUE_CASES)
_KIND_ALIASES = {"organization": GlossaryKind.ORGANISATION}


def glossary_csv_bytes(entries: Sequence[GlossaryEntry], languages: Sequence[str]) -> bytes:
    """The entries as a CSV file's bytes (UTF-8 with a byte-order mark)."""
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, lineterminator="\r\n")
    declined = [tag for tag in languages if any(entry.cases.get(tag) for entry in entries)]
    case_columns = [(case.value, tag) for tag in declined for case in OBLIQUE_CASES]
    writer.writerow(
        ["code", "kind", *languages]
        + [f"variants:{tag}" for tag in languages]
        + [f"forbidden:{tag}" for tag in languages]
        + ["note"]
        + [f"surname:{tag}" for tag in languages]
        + [f"{case}:{tag}" for case, tag in case_columns]
    )
    for entry in entries:
        writer.writerow(
            [entry.code, entry.kind.value]
            + [entry.terms.get(tag, "") for tag in languages]
            + [SEPARATOR.join(entry.variants.get(tag, ())) for tag in languages]
            + [SEPARATOR.join(entry.forbidden.get(tag, ())) for tag in languages]
            + [entry.note]
            + [entry.surnames.get(tag, "") for tag in languages]
            + [entry.cases.get(tag, {}).get(case, "") for case, tag in case_columns]
        )
    return ("\ufeff" + nfc(stream.getvalue())).encode("utf-8")


@dataclass(slots=True)
class _Header:
    """Which column holds what."""

    code: int | None = None
    kind: int | None = None
    note: int | None = None
    terms: dict[str, int] = field(default_factory=dict)
    variants: dict[str, int] = field(default_factory=dict)
    forbidden: dict[str, int] = field(default_factory=dict)
    surname: dict[str, int] = field(default_factory=dict)
    cases: dict[tuple[str, str], int] = field(default_factory=dict)  # (tag, case) → column
    names: list[str] = field(default_factory=list)


def _rows(data: bytes, path: Path) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on, its cells stripped."""
    limits = CsvLimits(max_cell_chars=MAX_CELL_CHARS, max_rows=MAX_GLOSSARY_ENTRIES)
    for line, cells in csv_rows(data, path, limits):
        yield line, [nfc(cell).strip() for cell in cells]


def _parse_header(cells: list[str], path: Path) -> _Header:
    header = _Header(names=cells)
    seen: set[str] = set()
    for index, name in enumerate(cells):
        lowered = name.casefold()
        prefix, _sep, rest = name.partition(":")
        if lowered in ("code", "kind", "note"):
            key = lowered
            setattr(header, lowered, index)
        elif prefix.casefold() in ("variants", "forbidden", "surname") and rest.strip():
            tag = language_tag(rest.strip(), path, 1)
            key = f"{prefix.casefold()}:{tag}"
            getattr(header, prefix.casefold())[tag] = index
        elif case_named(prefix) is GrammaticalCase.NOMINATIVE and rest.strip():
            problem = _(
                "the column “%(name)s”: the nominative is the term itself, in the column “%(tag)s”."
            ) % {"name": name, "tag": rest.strip()}
            raise UsageError(located(path, 1, problem), path=path)
        elif prefix.casefold() in _CASE_CODES and rest.strip():
            tag = language_tag(rest.strip(), path, 1)
            key = f"{prefix.casefold()}:{tag}"
            header.cases[(tag, prefix.casefold())] = index
        elif _LOOKS_LIKE_TAG.fullmatch(name):
            key = language_tag(name, path, 1)
            header.terms[key] = index
        else:
            continue  # an extra column
        if key in seen:
            raise UsageError(
                located(path, 1, _("the column “%(name)s” appears twice.") % {"name": name}),
                path=path,
            )
        seen.add(key)
    if not header.terms:
        raise UsageError(
            located(
                path,
                1,
                _(
                    "the first line must name the columns: code, kind, then one language "
                    "tag per column (vi, ru, en ...)."
                ),
            ),
            path=path,
        )
    return header


def _kind(text: str, path: Path, line: int) -> GlossaryKind:
    if not text:
        return GlossaryKind.TERM
    lowered = text.casefold()
    if lowered in _KIND_ALIASES:
        return _KIND_ALIASES[lowered]
    try:
        return GlossaryKind(lowered)
    except ValueError:
        problem = _("unknown kind “%(kind)s”; use one of: %(kinds)s.") % {
            "kind": text,
            "kinds": ", ".join(kind.value for kind in GlossaryKind),
        }
        raise UsageError(located(path, line, problem), path=path) from None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _forms(cells: list[str], columns: dict[str, int]) -> dict[str, tuple[str, ...]]:
    forms: dict[str, tuple[str, ...]] = {}
    for tag, index in columns.items():
        items = (_one_line(item) for item in cells[index].split(SEPARATOR))
        kept = tuple(dict.fromkeys(item for item in items if item))
        if kept:
            forms[tag] = kept
    return forms


def _cases(cells: list[str], columns: dict[tuple[str, str], int]) -> dict[str, dict[str, str]]:
    cases: dict[str, dict[str, str]] = {}
    for (tag, case), index in columns.items():
        form = _one_line(cells[index])
        if form:
            cases.setdefault(tag, {})[case] = form
    return cases


def _draft(header: _Header, cells: list[str], path: Path, line: int) -> GlossaryDraft:
    if len(cells) > len(header.names) and any(cells[len(header.names) :]):
        problem = _(
            "the line has %(cells)d cells but the first line names %(columns)d columns "
            "(a separator inside a cell that is not quoted?)."
        ) % {"cells": len(cells), "columns": len(header.names)}
        raise UsageError(located(path, line, problem), path=path)
    cells = cells + [""] * (len(header.names) - len(cells))
    code = cells[header.code] if header.code is not None else ""
    if code and not is_valid_code(code):
        problem = _("the code “%(code)s” may hold only letters, digits, “-” and “_”.") % {
            "code": code
        }
        raise UsageError(located(path, line, problem), path=path)
    draft = GlossaryDraft(
        kind=_kind(cells[header.kind] if header.kind is not None else "", path, line),
        terms={tag: _one_line(cells[index]) for tag, index in header.terms.items() if cells[index]},
        note=cells[header.note] if header.note is not None else "",
        code=code,
        variants=_forms(cells, header.variants),
        forbidden=_forms(cells, header.forbidden),
        line=line,
        surnames={
            tag: _one_line(cells[index]) for tag, index in header.surname.items() if cells[index]
        },
        cases=_cases(cells, header.cases),
    )
    check_draft(draft, path)
    return draft


def parse_glossary_csv(data: bytes, path: Path) -> list[GlossaryDraft]:
    """Read a whole glossary CSV file; ``path`` names it in messages.

    Raises:
        UsageError: the file is not a glossary CSV, or a line is malformed (the message
            names the file and the line).
    """
    rows = _rows(data, path)
    header: _Header | None = None
    drafts: list[GlossaryDraft] = []
    codes: dict[str, int] = {}
    for line, cells in rows:
        if header is None:
            header = _parse_header(cells, path)
            continue
        if not any(cells):
            continue
        draft = _draft(header, cells, path, line)
        if draft.code in codes:
            problem = _("the code “%(code)s” is already used on line %(first)d.") % {
                "code": draft.code,
                "first": codes[draft.code],
            }
            raise UsageError(located(path, line, problem), path=path)
        if draft.code:
            codes[draft.code] = line
        drafts.append(draft)
    if header is None:
        raise UsageError(located(path, 0, _("the file is empty.")), path=path)
    return drafts
