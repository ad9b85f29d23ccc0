"""Caption files saved as OpenDocument spreadsheets (ODS): LibreOffice's own format.

A translator who opens Curator's XLSX (or CSV) in LibreOffice and saves it "in ODF format"
sends back an ODS. It is read as the spreadsheet it is: the sheet named "Captions" (else the
first), its rows as the XLSX reader reads them (:mod:`curator.exchange.captions.tabular`).
A cell's text is what the sheet shows: its paragraphs joined with line breaks, with the
spaces (``<text:s/>``), tabs and line breaks of the format written out again.

The zip is checked as a workbook is (its size while it inflates, its XML within the limits),
and ``content.xml`` is read a row at a time.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path

from curator.core.errors import UsageError
from curator.core.language.library_messages import reason as library_reason
from curator.core.language.text import nfc
from curator.core.translators.caption_exchange import IncomingFile
from curator.exchange import located
from curator.exchange.captions.common import MAX_ENTRIES, MAX_TEXT_CHARS
from curator.exchange.inputs import check_members, read_member
from curator.exchange.xml_util import LineBuilder, local_name, parse_xml
from curator.i18n import _

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#: An ODS that unpacks to more than this is refused before it is read (a zip bomb).
MAX_ODS_UNPACKED = 200 * 1024 * 1024
#: Empty cells repeated before a filled one are written out up to this many (a sheet's
#: trailing emptiness is repeated 16,000 times and never needed).
_MAX_COLUMNS = 256
#: The sheet Curator names in its workbooks.
SHEET = "Captions"


def _attr(element: ET.Element, namespace: str, name: str) -> str | None:
    return element.get(f"{{{namespace}}}{name}")


def _repeat(element: ET.Element, name: str) -> int:
    text = _attr(element, TABLE, name) or "1"
    return int(text) if text.isdigit() and len(text) < 9 else 1


def _paragraph(element: ET.Element, out: list[str]) -> None:
    """The text of a ``<text:p>`` (or a span in it), as the sheet shows it."""
    if element.text:
        out.append(element.text)
    for child in element:
        name = local_name(child.tag)
        if name == "s":
            out.append(" " * min(_repeat_spaces(child), MAX_TEXT_CHARS))
        elif name == "tab":
            out.append("\t")
        elif name == "line-break":
            out.append("\n")
        elif name not in ("annotation", "note"):
            _paragraph(child, out)  # span, a, soft-page-break...: their text
        if child.tail:
            out.append(child.tail)


def _repeat_spaces(element: ET.Element) -> int:
    text = _attr(element, TEXT, "c") or "1"
    return int(text) if text.isdigit() and len(text) < 9 else 1


def _cell_text(cell: ET.Element) -> str:
    paragraphs: list[str] = []
    for child in cell:
        if local_name(child.tag) in ("p", "h"):
            out: list[str] = []
            _paragraph(child, out)
            paragraphs.append("".join(out))
    return "\n".join(paragraphs)


class _Rows:
    """The rows of the caption sheet, collected a row at a time while content.xml is parsed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sheet: str | None = None
        self.rows: list[tuple[int, list[str]]] = []
        self.number = 0

    def read(self, row: ET.Element, ancestors: Sequence[ET.Element], lines: LineBuilder) -> None:
        tables = [item for item in ancestors if local_name(item.tag) == "table"]
        if not tables:
            return
        name = _attr(tables[-1], TABLE, "name") or ""
        if self.sheet is None:
            self.sheet = name
        elif name != self.sheet:
            if name != SHEET or self.sheet == SHEET:
                return
            self.sheet, self.rows, self.number = name, [], 0  # the sheet named Captions wins
        cells: list[str] = []
        empty = 0
        for cell in row:
            if local_name(cell.tag) not in ("table-cell", "covered-table-cell"):
                continue
            text = _cell_text(cell)
            count = _repeat(cell, "number-columns-repeated")
            if not text:
                empty += count
                continue
            cells += [""] * min(empty, _MAX_COLUMNS)
            empty = 0
            cells += [text] * min(count, _MAX_COLUMNS)
            if len(text) > MAX_TEXT_CHARS:
                problem = _("a cell is longer than %(limit)d characters.") % {
                    "limit": MAX_TEXT_CHARS
                }
                raise UsageError(located(self.path, self.number + 1, problem), path=self.path)
        repeated = _repeat(row, "number-rows-repeated")
        if not cells:
            self.number += repeated  # empty rows, often repeated to the sheet's end
            return
        for _index in range(min(repeated, MAX_ENTRIES + 2 - len(self.rows))):
            self.number += 1
            self.rows.append((self.number, [nfc(cell) for cell in cells]))


def ods_rows(data: bytes, path: Path) -> list[tuple[int, list[str]]]:
    """The rows (numbered as the sheet numbers them) of an ODS's caption sheet."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_members(archive, path, MAX_ODS_UNPACKED)
            content = read_member(archive, archive.getinfo("content.xml"), path, MAX_ODS_UNPACKED)
    except KeyError:
        problem = _("the file is not a readable ODS spreadsheet (it has no content.xml).")
        raise UsageError(located(path, 0, problem), path=path) from None
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, zlib.error) as error:
        problem = _("the file is not a readable ODS spreadsheet (%(reason)s).") % {
            "reason": library_reason(error)
        }
        raise UsageError(located(path, 0, problem), path=path) from None
    rows = _Rows(path / "content.xml")
    parse_xml(content, path / "content.xml", units=("table-row",), on_unit=rows.read)
    return rows.rows


def parse_ods(data: bytes, path: Path) -> IncomingFile:
    """Read an ODS caption file, as LibreOffice saved it (rows count as lines)."""
    from curator.exchange.captions.tabular import rows_file

    return rows_file(ods_rows(data, path), path, "ods")
