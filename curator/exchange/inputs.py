"""Files from outside, read within limits: what a file is, its encoding, its lines and cells.

Everything a translator or a spreadsheet sends goes through here before a format reads it,
so the limits hold for every format at once and nothing is materialised beyond them: text
is decoded incrementally and cut into lines no longer than a limit (a 46 MB line is refused
after its first 100,000 characters, not after being read whole); CSV records are read from
those lines, cell by cell within limits, by one reader with no process-wide state (the
``csv`` module's global ``field_size_limit`` is never touched); zip members are inflated
in pieces and counted while they inflate, whatever size their header declares.

A file that is not text at all is named for what it is (an image, a PDF, a zip archive...)
by its first bytes, rather than called "not UTF-8".
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from curator.core.errors import UsageError
from curator.core.language.library_messages import reason as library_reason
from curator.exchange import located
from curator.i18n import N_, _

#: A longer line of text is refused (a caption of 20,000 characters, escaped, fits).
MAX_LINE_CHARS = 100_000
#: A CSV record (one row, quoted line breaks included) longer than this is refused.
MAX_RECORD_CHARS = 1_000_000
#: Text decoded and split at a time.
_CHUNK = 64 * 1024

# -- what a file is --------------------------------------------------------------------

_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, N_("a PNG image")),
    (b"\xff\xd8\xff", 0, N_("a JPEG image")),
    (b"GIF87a", 0, N_("a GIF image")),
    (b"GIF89a", 0, N_("a GIF image")),
    (b"II*\x00", 0, N_("a TIFF image")),
    (b"MM\x00*", 0, N_("a TIFF image")),
    (b"WEBP", 8, N_("a WebP image")),
    (b"ftypheic", 4, N_("a HEIF image")),
    (b"ftypheix", 4, N_("a HEIF image")),
    (b"ftypmif1", 4, N_("a HEIF image")),
    (b"ftypavif", 4, N_("an AVIF image")),
    (b"ftyp", 4, N_("a video")),
    (b"BM", 0, N_("a BMP image")),
    (b"8BPS", 0, N_("a Photoshop document")),
    (b"%PDF-", 0, N_("a PDF document")),
    (b"%!PS", 0, N_("a PostScript document")),
    (b"{\\rtf", 0, N_("an RTF document")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, N_("an old Microsoft Office file (.doc or .xls)")),
    (b"\x1f\x8b", 0, N_("a gzip archive")),
    (b"7z\xbc\xaf\x27\x1c", 0, N_("a 7-Zip archive")),
    (b"Rar!\x1a\x07", 0, N_("a RAR archive")),
    (b"\xfd7zXZ\x00", 0, N_("an xz archive")),
    (b"1AY&SY", 4, N_("a bzip2 archive")),
    (b"\x7fELF", 0, N_("a program")),
    (b"MZ", 0, N_("a Windows program")),
    (b"SQLite format 3\x00", 0, N_("an SQLite database (a Curator project?)")),
    (b"ID3", 0, N_("an MP3 file")),
    (b"OggS", 0, N_("an Ogg audio file")),
    (b"fLaC", 0, N_("a FLAC audio file")),
    (b"WAVE", 8, N_("a WAV audio file")),
    (b"AVI ", 8, N_("an AVI video")),
)


def zip_flavour(data: bytes) -> str:
    """What a zip archive holds, by its parts' names.

    ``xlsx``, ``docx``, ``pptx``, ``ods``, ``odf``, ``zip`` (anything else, such as a
    translator's package) or ``damaged``.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            mimetype = b""
            if "mimetype" in names:
                with archive.open("mimetype") as stream:
                    mimetype = stream.read(100)
    except (zipfile.BadZipFile, ValueError, OSError, KeyError, EOFError, zlib.error):
        return "damaged"
    for prefix, flavour in (("xl/", "xlsx"), ("word/", "docx"), ("ppt/", "pptx")):
        if "[Content_Types].xml" in names and any(name.startswith(prefix) for name in names):
            return flavour
    if b"opendocument.spreadsheet" in mimetype:
        return "ods"
    if b"opendocument" in mimetype:
        return "odf"
    return "zip"


_ZIP_KINDS = {
    "xlsx": N_("an Excel workbook (XLSX)"),
    "docx": N_("a Word document (DOCX)"),
    "pptx": N_("a PowerPoint presentation"),
    "ods": N_("an OpenDocument spreadsheet (ODS)"),
    "odf": N_("an OpenDocument file"),
    "zip": N_("a zip archive"),
    "damaged": N_("a damaged zip archive"),
}


def binary_kind(data: bytes) -> str | None:
    """What a file that is not text is, from its first bytes (``None``: it may be text)."""
    for magic, offset, kind in _MAGIC:
        if data[offset : offset + len(magic)] == magic:
            if len(magic) < 4 and b"\x00" not in data[:64]:
                continue  # "BM", "MZ", "ID3" may begin a line of text too
            return _(kind)
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _(_ZIP_KINDS[zip_flavour(data)])
    if text_encoding(data) in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        return None
    if b"\x00" in data[:4096]:
        return _("binary data")
    return None


def refuse_kind(path: Path, kind: str, expected: str) -> UsageError:
    """The error for a file that is something else than the expected kind."""
    problem = _("this is %(kind)s, not %(expected)s.") % {"kind": kind, "expected": expected}
    return UsageError(located(path, 0, problem), path=path)


# -- text ------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def byte_order_mark(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark at the start names, and the mark's length."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def text_encoding(data: bytes) -> str | None:
    """The Unicode encoding a file's start shows (a mark, or the zeros of UTF-16), or ``None``."""
    marked = byte_order_mark(data)
    if marked:
        return marked[0]
    head = data[:200]
    if len(head) >= 4:
        if head[1::2].count(0) > len(head) // 4 and head[0::2].count(0) == 0:
            return "utf-16-le"
        if head[0::2].count(0) > len(head) // 4 and head[1::2].count(0) == 0:
            return "utf-16-be"
    return None


def not_text_error(path: Path, line: int, encoding: str) -> UsageError:
    """The error for bytes that are not text in ``encoding``."""
    problem = _(
        "the file is not %(encoding)s text (saved in another encoding?); save it as "
        "UTF-8 (“CSV UTF-8”) or as “Unicode text”."
    ) % {"encoding": encoding.upper().replace("-SIG", "")}
    return UsageError(located(path, line, problem), path=path)


#: What a decoder says of a file whose last character lacks its last bytes.
_ENDS_EARLY = frozenset({"unexpected end of data", "truncated data"})


def cut_in_character_error(path: Path, line: int) -> UsageError:
    """The error for text whose last character is cut in half: the file was cut short."""
    problem = _(
        "the file ends in the middle of a character: it was cut short (a copy or download "
        "that did not finish?); ask for the whole file again."
    )
    return UsageError(located(path, line, problem), path=path)


_LINE_END = re.compile(r"\r\n|\r|\n")


class TextLines:
    """The lines of a text file's bytes, decoded a piece at a time, each within a limit.

    Iterating gives ``(line number, text)`` with the line end kept (``keep_ends``) or not.
    ``record_chars`` counts the characters handed out since it was last set to 0, so a
    reader can bound a record that spans lines (a CSV cell with line breaks).
    """

    def __init__(
        self,
        data: bytes,
        path: Path,
        encoding: str,
        *,
        max_chars: int = MAX_LINE_CHARS,
        keep_ends: bool = False,
        start: int = 0,
    ) -> None:
        self.path = path
        self.encoding = encoding
        self.max_chars = max_chars
        self.keep_ends = keep_ends
        self.record_chars = 0
        self.number = 0
        self._data = data
        self._start = start
        self._iterator = self._lines()

    def __iter__(self) -> Iterator[tuple[int, str]]:
        return self._iterator

    def _too_long(self) -> UsageError:
        problem = _("a line is longer than %(limit)d characters.") % {"limit": self.max_chars}
        return UsageError(located(self.path, self.number + 1, problem), path=self.path)

    def _pieces(self) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder(self.encoding)()
        view = memoryview(self._data)[self._start :]
        for start in range(0, len(view), _CHUNK):
            chunk = view[start : start + _CHUNK]
            try:
                yield decoder.decode(chunk, final=start + _CHUNK >= len(view))
            except UnicodeDecodeError as error:
                line = self.number + 1 + bytes(chunk[: error.start]).count(b"\n")
                if (
                    start + _CHUNK >= len(view)
                    and error.reason in _ENDS_EARLY
                    and line > 1  # text came before: a file, cut (not a few stray bytes)
                ):
                    raise cut_in_character_error(self.path, line) from None
                raise not_text_error(self.path, line, self.encoding) from None
        if not view:
            yield decoder.decode(b"", final=True)

    def _lines(self) -> Iterator[tuple[int, str]]:
        pending = ""
        for piece in self._pieces():
            pending += piece
            ends = [match.end() for match in _LINE_END.finditer(pending)]
            if ends and pending.endswith("\r"):
                ends.pop()  # "\r" may be the first half of "\r\n"
            begin = 0
            for end in ends:
                yield self._line(pending[begin:end])
                begin = end
            pending = pending[begin:]
            if len(pending) > self.max_chars:
                raise self._too_long()
        if pending:
            yield self._line(pending)

    def _line(self, text: str) -> tuple[int, str]:
        self.number += 1
        if len(text) > self.max_chars + 2:
            self.number -= 1
            raise self._too_long()
        self.record_chars += len(text)
        if not self.keep_ends:
            text = text.rstrip("\r\n")
        return self.number, text


# -- memory ----------------------------------------------------------------------------


class Budget:
    """The memory the texts a reader keeps may take, estimated as they are kept."""

    def __init__(self, path: Path, limit: int) -> None:
        self.path = path
        self.limit = limit
        self.spent = 0

    def spend(self, text: str, line: int) -> None:
        """Count a kept text; refuse the file when the budget is spent."""
        if not text:
            return
        self.spent += 80 + len(text) * (1 if text.isascii() else 4 if _astral(text) else 2)
        if self.spent > self.limit:
            problem = _("the file is too large to read: it would take more than %(limit)d MB.") % {
                "limit": self.limit // 2**20
            }
            raise UsageError(located(self.path, line, problem), path=self.path)


def _astral(text: str) -> bool:
    return ord(max(text)) > 0xFFFF


# -- CSV -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CsvLimits:
    """What one CSV file may hold (``max_rows`` besides the first, the header)."""

    max_cell_chars: int
    max_rows: int


def _separator(line: str) -> str:
    counts = {sep: line.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def csv_rows(data: bytes, path: Path, limits: CsvLimits) -> Iterator[tuple[int, list[str]]]:
    """Each CSV record of a file's bytes with the line it starts on, within ``limits``.

    The encoding is UTF-8 (with or without a byte-order mark) or UTF-16/32 (with a mark, or
    recognised by its zeros); the separator is ``,``, ``;`` or a tab, whichever the first
    line holds most of.

    Raises:
        UsageError: the file is not text, a line, record or cell is too long, a line is not
            valid CSV, or there are too many rows (the message names the file and line).
    """
    kind = binary_kind(data)
    if kind is not None:
        raise refuse_kind(path, kind, _("a CSV file"))
    marked = byte_order_mark(data)
    skip = marked[1] if marked else 0
    encoding = text_encoding(data) or "utf-8"
    lines = TextLines(data, path, encoding, max_chars=MAX_RECORD_CHARS, keep_ends=True, start=skip)
    iterator = iter(lines)
    first = next(iterator, None)
    if first is None:
        return

    def source() -> Iterator[str]:
        assert first is not None
        yield first[1]
        for _number, text in iterator:
            if lines.record_chars > MAX_RECORD_CHARS:
                problem = _("a row is longer than %(limit)d characters.") % {
                    "limit": MAX_RECORD_CHARS
                }
                raise UsageError(located(path, lines.number, problem), path=path)
            yield text

    reader = csv.reader(source(), delimiter=_separator(first[1]), strict=True)
    count = 0
    while True:
        line = reader.line_num + 1
        lines.record_chars = 0
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if "field larger" in str(error):
                raise _long_cell(path, line, limits.max_cell_chars) from None
            problem = _("the line is not valid CSV (%(reason)s).") % {
                "reason": library_reason(error)
            }
            raise UsageError(located(path, line, problem), path=path) from None
        if any(len(cell) > limits.max_cell_chars for cell in cells):
            raise _long_cell(path, line, limits.max_cell_chars)
        count += 1
        if count > limits.max_rows + 1:
            problem = _("the file has more than %(limit)d rows besides its header.") % {
                "limit": limits.max_rows
            }
            raise UsageError(located(path, line, problem), path=path)
        yield line, cells


def _long_cell(path: Path, line: int, limit: int) -> UsageError:
    problem = _("a cell is longer than %(limit)d characters.") % {"limit": limit}
    return UsageError(located(path, line, problem), path=path)


# -- zip archives ----------------------------------------------------------------------


def read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, path: Path, limit: int) -> bytes:
    """A member's bytes, refused when its header or its inflated bytes pass ``limit``.

    The size in the header is checked first, and the bytes are counted while they inflate,
    so a member that lies about its size is stopped at ``limit`` all the same.
    """
    too_large = UsageError(
        located(
            path,
            0,
            _("“%(name)s” in the archive unpacks to more than %(limit)d MB.")
            % {"name": member.filename, "limit": limit // 2**20},
        ),
        path=path,
    )
    if member.file_size > limit:
        raise too_large
    pieces: list[bytes] = []
    total = 0
    with archive.open(member) as stream:
        while piece := stream.read(_CHUNK):
            total += len(piece)
            if total > limit:
                raise too_large
            pieces.append(piece)
    return b"".join(pieces)


def check_members(archive: zipfile.ZipFile, path: Path, limit: int) -> None:
    """Refuse an archive whose members together unpack to more than ``limit`` bytes.

    Each member is inflated in pieces and counted (nothing is kept), so the sizes the
    headers declare are not trusted.
    """
    total = 0
    declared = sum(member.file_size for member in archive.infolist())
    problem = _("the archive unpacks to more than %(limit)d MB.") % {"limit": limit // 2**20}
    if declared > limit or len(archive.infolist()) > 10_000:
        raise UsageError(located(path, 0, problem), path=path)
    for member in archive.infolist():
        with archive.open(member) as stream:
            while piece := stream.read(_CHUNK):
                total += len(piece)
                if total > limit:
                    raise UsageError(located(path, 0, problem), path=path)
