"""gettext PO caption files, as Poedit, OmegaT, Weblate and ``msgcat`` read and write them.

Each caption field is one entry: ``msgctxt`` is ``PHOTO_ID|field``, ``msgid`` the source
text, ``msgstr`` the translation. Extracted comments (``#.``) carry the other languages'
texts, place, date, credit, the length budget and the record of origin
(``curator: revision=N source=HASH``); the reference (``#:``) names the photo's file. A field
that needs review is ``#, fuzzy``. The header names the project (``X-Curator-Project``), the
languages and the format version.

The reader is written for what translators' tools do to files: re-wrapped strings, entries in
another order, changed or extra headers, a byte-order mark, CRLF line ends, previous-msgid
comments (``#|``), obsolete entries (``#~``), which are skipped. A syntax error refuses the
whole file with its line.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from curator.core.errors import UsageError
from curator.core.model import CaptionStatus
from curator.core.translators.caption_exchange import (
    END_KEY,
    ExchangeDocument,
    FileUnit,
    IncomingEntry,
    IncomingFile,
)
from curator.exchange import located
from curator.exchange.captions.common import (
    END_NOTE,
    GENERATOR,
    MAX_TEXT_CHARS,
    check_entry_count,
    checked_text,
    header_fields,
    intro,
    marker,
    note_lines,
    parse_marker,
    require_ours,
)
from curator.exchange.inputs import Budget, TextLines, byte_order_mark, text_encoding
from curator.i18n import _

_WIDTH = 79
#: The texts a file's entries keep may take this much memory (estimated) while it is read.
MAX_KEPT_BYTES = 120 * 1024 * 1024
#: The text of the end mark, the same in every language (nothing to translate).
END_TEXT = "—"
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_UNESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b"}
_UNESCAPES.update({"f": "\f", "v": "\v"})


def _escape(text: str) -> str:
    return "".join(_ESCAPES.get(char, char) for char in text)


def _pieces(text: str, room: int) -> list[str]:
    r"""Split escaped text after each ``\\n`` and at spaces so each piece fits ``room``."""
    pieces: list[str] = []
    for part in re.split(r"(?<=\\n)", _escape(text)):
        if not part:
            continue
        while len(part) > room:
            cut = part.rfind(" ", 0, room)
            if cut <= 0:
                cut = room
                while cut < len(part) and part[cut - 1] == "\\":
                    cut += 1
            else:
                cut += 1
            pieces.append(part[:cut])
            part = part[cut:]
        if part:
            pieces.append(part)
    return pieces


def _string(keyword: str, text: str) -> list[str]:
    single = f'{keyword} "{_escape(text)}"'
    if len(single) <= _WIDTH and "\n" not in text:
        return [single]
    return [f'{keyword} ""'] + [f'"{piece}"' for piece in _pieces(text, _WIDTH - 2)]


def _reference(name: str) -> str:
    # gettext 0.20+ marks a file name holding spaces with FSI ... PDI.
    return f"\u2068{name}\u2069" if any(char.isspace() for char in name) else name


def _comment_lines(prefix: str, text: str) -> list[str]:
    return [f"{prefix} {line}".rstrip() for line in text.splitlines() or [""]]


def _unit_lines(unit: FileUnit) -> list[str]:
    lines: list[str] = []
    for note in note_lines(unit):
        lines += _comment_lines("#.", note)
    lines.append(f"#. {marker(unit)}")
    lines.append(f"#: {_reference(unit.file_name)}")
    if unit.status == CaptionStatus.NEEDS_REVIEW and unit.target:
        lines.append("#, fuzzy")
    lines += _string("msgctxt", unit.key)
    lines += _string("msgid", unit.source)
    lines += _string("msgstr", unit.target)
    return lines


def po_bytes(document: ExchangeDocument) -> bytes:
    """A PO file (UTF-8, LF line ends) that passes ``msgfmt -c``."""
    header = document.header
    stamp = header.created_at.strftime("%Y-%m-%d %H:%M+0000")
    fields = [
        f"Project-Id-Version: {header.project_title}",
        "Report-Msgid-Bugs-To: ",
        f"POT-Creation-Date: {stamp}",
        f"PO-Revision-Date: {stamp}",
        "Last-Translator: ",
        f"Language-Team: {header.target_language}",
        f"Language: {header.target_language.replace('-', '_')}",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: 8bit",
        f"X-Generator: {GENERATOR}",
        f"X-Curator-Project: {header.project_uid}",
        f"X-Curator-Source-Language: {header.source_language}",
        f"X-Curator-Target-Language: {header.target_language}",
        f"X-Curator-Format: {header.format_version}",
        f"X-Curator-Export: {header.export_id}",
    ]
    lines = _comment_lines("#", intro(header))
    lines += ['msgid ""', 'msgstr ""'] + [f'"{_escape(item)}\\n"' for item in fields]
    for unit in document.file_units():
        lines.append("")
        lines += _unit_lines(unit)
    lines.append("")
    lines += _comment_lines("#.", END_NOTE)
    lines += _string("msgctxt", END_KEY)
    lines += _string("msgid", END_TEXT)
    lines += _string("msgstr", "")
    return ("\n".join(lines) + "\n").encode("utf-8")


# -- reading ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Entry:
    line: int = 0
    extracted: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    strings: dict[str, list[str]] = field(default_factory=dict)
    obsolete: bool = False

    def text(self, keyword: str) -> str | None:
        parts = self.strings.get(keyword)
        return None if parts is None else "".join(parts)


_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s*(\".*)$")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"\s*$')


def _unquote(text: str, path: Path, line: int) -> str:
    found = _STRING.fullmatch(text.strip())
    if found is None:
        raise UsageError(
            located(path, line, _("a string is not closed with a double quote.")), path=path
        )
    body = found.group(1)
    out: list[str] = []
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body):
            nxt = body[index + 1]
            out.append(_UNESCAPES.get(nxt, nxt))
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)


def _lines(data: bytes, path: Path) -> TextLines:
    """The file's lines, decoded a piece at a time, none longer than the limit.

    A byte-order mark (UTF-8, UTF-16 or UTF-32) or the zeros of UTF-16 text decide the
    encoding; otherwise the header's ``charset`` does (UTF-8 when it names none it knows).
    """
    marked = byte_order_mark(data)
    encoding = text_encoding(data)
    if encoding is None:
        encoding = "utf-8"
        found = re.search(rb"charset=([A-Za-z0-9_.:-]+)", data[:4096])
        if found:
            try:
                encoding = codecs.lookup(found.group(1).decode("ascii")).name
            except LookupError:
                encoding = "utf-8"
    return TextLines(data, path, encoding, start=marked[1] if marked else 0)


class _Parser:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: list[_Entry] = []
        self.current = _Entry()
        self.last: str | None = None
        self.budget = Budget(path, MAX_KEPT_BYTES)
        self.string_chars = 0

    def finish(self) -> None:
        if self.current.strings:
            self.entries.append(self.current)
            check_entry_count(len(self.entries), self.path)
        self.current = _Entry()
        self.last = None

    def _kept(self, text: str, number: int, *, more: bool = False) -> str:
        """Count a string (``more``: a continuation line) against the limits, as it comes."""
        self.budget.spend(text, number)
        self.string_chars = self.string_chars + len(text) if more else len(text)
        if self.string_chars > MAX_TEXT_CHARS:
            problem = _("a text is longer than %(limit)d characters.") % {"limit": MAX_TEXT_CHARS}
            raise UsageError(located(self.path, number, problem), path=self.path)
        return text

    def feed(self, number: int, raw: str) -> None:
        line = raw.strip()
        if not line:
            self.finish()
            return
        if line.startswith("#~"):
            if self.current.strings and not self.current.obsolete:
                self.finish()
            self.current.obsolete = True
            self.current.line = self.current.line or number
            return
        if line.startswith("#"):
            if self.current.strings:
                self.finish()
            self.current.line = self.current.line or number
            if line.startswith("#.") and "curator:" in line:
                # Only the record of origin is read back; the notes are Curator's own words.
                self.budget.spend(line, number)
                self.current.extracted.append(line[2:].strip())
            elif line.startswith("#,"):
                self.budget.spend(line, number)
                self.current.flags.update(flag.strip() for flag in line[2:].split(","))
            return
        keyword = _KEYWORD.match(line)
        if keyword:
            name, rest = keyword.groups()
            if name in ("msgctxt", "msgid") and "msgstr" in self.current.strings:
                self.finish()
            if name in self.current.strings:
                problem = _("“%(keyword)s” appears twice in one entry.") % {"keyword": name}
                raise UsageError(located(self.path, number, problem), path=self.path)
            self.current.line = self.current.line or number
            self.current.strings[name] = [self._kept(_unquote(rest, self.path, number), number)]
            self.last = name
            return
        if line.startswith('"') and self.last is not None:
            self.current.strings[self.last].append(
                self._kept(_unquote(line, self.path, number), number, more=True)
            )
            return
        problem = _("this line is not PO syntax: “%(text)s”.") % {"text": line[:60]}
        raise UsageError(located(self.path, number, problem), path=self.path)


def _incoming(entry: _Entry, path: Path) -> IncomingEntry:
    key = entry.text("msgctxt")
    target = entry.text("msgstr")
    if target is None:
        target = entry.text("msgstr[0]")
    source = entry.text("msgid") or ""
    record = None
    for comment in entry.extracted:
        record = parse_marker(comment) or record
    if key is None and record is None:
        return IncomingEntry(
            entry.line, "", "", source=source, problem=_("the entry has no msgctxt (no key).")
        )
    if entry.text("msgid_plural") is not None:
        return IncomingEntry(
            entry.line, key or "", "", source=source, problem=_("the entry has plural forms.")
        )
    if key is None:
        # A PO made back from an XLIFF (``xliff2po``) lost the key but kept Curator's
        # record of origin: the plan names the entry again through the export record.
        key = ""
    return IncomingEntry(
        line=entry.line,
        key=key,
        target=checked_text(target or "", path, entry.line),
        source=checked_text(source, path, entry.line),
        status=CaptionStatus.NEEDS_REVIEW if "fuzzy" in entry.flags else None,
        revision=record[0] if record else None,
        source_hash=record[1] if record else None,
    )


def parse_po(data: bytes, path: Path) -> IncomingFile:
    """Read a PO file written by Curator and edited by a translator's tool."""
    parser = _Parser(path)
    for number, raw in _lines(data, path):
        parser.feed(number, raw)
    parser.finish()
    header: dict[str, str] = {}
    entries: list[IncomingEntry] = []
    ended = False
    for entry in parser.entries:
        if entry.obsolete:
            continue
        if entry.text("msgid") == "" and entry.text("msgctxt") is None:
            header = header_fields(entry.text("msgstr") or "")
            continue
        if entry.text("msgctxt") == END_KEY or END_NOTE in entry.extracted:
            # The end mark (its note alone when a conversion dropped the msgctxt).
            ended = True
            continue
        entries.append(_incoming(entry, path))
    project = header.get("x-curator-project") or None
    require_ours(path, entries, project is not None)
    return IncomingFile(
        format="po",
        entries=tuple(entries),
        project_uid=project,
        source_language=header.get("x-curator-source-language") or None,
        target_language=header.get("x-curator-target-language")
        or (header.get("language") or "").replace("_", "-")
        or None,
        format_version=header.get("x-curator-format") or None,
        export_id=header.get("x-curator-export") or None,
        # Files written before the end mark existed carry no export id either.
        ended=ended if header.get("x-curator-export") else None,
    )
