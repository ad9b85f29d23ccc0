"""Caption files as spreadsheets: CSV (UTF-8 with a byte-order mark) and XLSX.

One header row with exactly these columns, in this order (docs/cli.md): ``key``, ``source``,
``target``, ``status``, ``notes``, ``budget_chars``, ``revision``, ``source_hash``; then the
extra columns ``export_id`` (the export this file is, as the project recorded it),
``target_language``, ``source_language``, ``project`` and ``file`` (the photo's file name).
A text that a spreadsheet would take for a formula (it starts with ``=``, ``+``, ``-``,
``@``) or turn into a number, a date, a time or a truth value on opening a CSV (``0123``,
``02/09``, ``1e5``, ``TRUE``) is written with a leading apostrophe in CSV, and as a text cell
in XLSX (every cell there is formatted as text, so what a translator types stays text too);
reading takes the apostrophe off again. Translators fill ``target``; a ``status`` of
``needs-review`` (or ``fuzzy``) marks a translation for review.

Reading accepts what spreadsheets do on saving: ``;`` or tab separators (Excel in a Russian or
German locale, "Unicode text"), UTF-16, CRLF, quoted cells with line breaks, numbers where
numbers were written, columns moved or added, LibreOffice's re-saved XLSX.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from curator.core.errors import CuratorError, UsageError
from curator.core.language.library_messages import reason as library_reason
from curator.core.language.text import nfc
from curator.core.translators.caption_exchange import (
    ExchangeDocument,
    FileUnit,
    IncomingEntry,
    IncomingFile,
)
from curator.exchange import located
from curator.exchange.captions.common import (
    MAX_ENTRIES,
    MAX_TEXT_CHARS,
    check_entry_count,
    checked_text,
    not_ours,
    note_lines,
    require_ours,
    status_from_table,
)
from curator.exchange.inputs import Budget, CsvLimits, check_members, csv_rows
from curator.exchange.xml_util import check_xml
from curator.i18n import _

COLUMNS = (
    "key",
    "source",
    "target",
    "status",
    "notes",
    "budget_chars",
    "revision",
    "source_hash",
)
EXTRA_COLUMNS = ("export_id", "target_language", "source_language", "project", "file")
_MAX_CELL = MAX_TEXT_CHARS
#: The longest text a spreadsheet cell holds (Excel and LibreOffice alike).
XLSX_MAX_CELL = 32_767

#: A cell starting with one of these is a formula to a spreadsheet (OWASP's CSV injection
#: list: = + - @, and tab and carriage return, which some spreadsheets skip before one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: What turns such a cell into text: the apostrophe spreadsheets themselves use.
ESCAPE = "'"
#: A text a spreadsheet opening a CSV reads as a number, date, time, fraction, percentage
#: or amount (in some locale): digits with only number punctuation, currency signs,
#: an exponent or AM/PM around them. LibreOffice and Excel turn ``0123`` into 123,
#: ``02/09`` into a date, ``1e5`` into 100000, ``(5)`` into -5.
_NUMBER_LIKE = re.compile(
    r"[\s+\-(]*[$€£¥₫₽]?\s*\d[\d\s.,:/%'’()\-+$€£¥₫₽]*(?:[eE][+\-]?\d+)?"
    r"(?:\s*(?:[aApP]\.?[mM]\.?))?[\s%)]*"
)
#: The truth values a spreadsheet recognises in its languages (English, Russian, German,
#: French, Spanish): a cell holding only one of them becomes TRUE or FALSE.
_TRUTH_VALUES = frozenset(
    {"true", "false", "истина", "ложь", "wahr", "falsch", "vrai", "faux", "verdadero", "falso"}
)


def _converted_by_spreadsheet(text: str) -> bool:
    """Whether a spreadsheet opening a CSV would turn this text into something else."""
    stripped = text.strip()
    if not stripped:
        return False
    if stripped.casefold() in _TRUTH_VALUES:
        return True
    return _NUMBER_LIKE.fullmatch(stripped) is not None


def _escape_cell(text: str) -> str:
    """A text cell a spreadsheet will not evaluate nor convert.

    A leading apostrophe goes before a formula start, before a text a spreadsheet would
    read as a number, date or truth value, and before a text that already starts with
    an apostrophe (so that one comes back whole).
    """
    if (
        text.startswith(FORMULA_STARTS)
        or text.startswith(ESCAPE)
        or _converted_by_spreadsheet(text)
    ):
        return ESCAPE + text
    return text


def _escape_apostrophe(text: str) -> str:
    """A leading apostrophe doubled, so that reading (which takes one off) gives it back.

    In XLSX a formula start is kept text by the cell's style, not by an apostrophe.
    """
    return ESCAPE + text if text.startswith(ESCAPE) else text


def unescape_cell(text: str) -> str:
    """The text :func:`_escape_cell` escaped (spreadsheets may drop the apostrophe)."""
    if text.startswith(ESCAPE) and (
        text[1:].startswith((*FORMULA_STARTS, ESCAPE)) or _converted_by_spreadsheet(text[1:])
    ):
        return text[1:]
    return text


def _row(unit: FileUnit, document: ExchangeDocument, escape: bool = True) -> list[Any]:
    header = document.header
    escape_cell = _escape_cell if escape else _escape_apostrophe
    return [
        unit.key,
        escape_cell(unit.source),
        escape_cell(unit.target),
        unit.status.value,
        escape_cell("\n".join(note_lines(unit))),
        "" if unit.budget_chars is None else unit.budget_chars,
        unit.revision,
        # Hex digits may be all digits (or digits and one "e"): a number to a spreadsheet.
        escape_cell(unit.source_hash),
        escape_cell(header.export_id),
        header.target_language,
        header.source_language,
        escape_cell(header.project_uid),
        escape_cell(unit.file_name),
    ]


def csv_bytes(document: ExchangeDocument, separator: str = ",") -> bytes:
    """The CSV file's bytes: UTF-8 with a byte-order mark, CRLF, every cell quoted as needed."""
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, delimiter=separator, lineterminator="\r\n")
    writer.writerow([*COLUMNS, *EXTRA_COLUMNS])
    for unit in document.file_units():
        writer.writerow(_row(unit, document))
    return ("\ufeff" + nfc(stream.getvalue())).encode("utf-8")


def xlsx_bytes(document: ExchangeDocument) -> bytes:
    """An XLSX workbook: one sheet "Captions", header frozen, long texts wrapped."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Captions"
    sheet.append([*COLUMNS, *EXTRA_COLUMNS])
    for unit in document.file_units():
        values = _row(unit, document, escape=False)
        if any(isinstance(cell, str) and len(cell) > XLSX_MAX_CELL for cell in values):
            raise UsageError(
                _(
                    "“%(key)s” is %(length)d characters long; a spreadsheet cell holds at most "
                    "%(limit)d. Send this file as PO or XLIFF instead."
                )
                % {
                    "key": unit.key,
                    "length": max(len(c) for c in values if isinstance(c, str)),
                    "limit": XLSX_MAX_CELL,
                }
            )
        sheet.append(values)
    widths = {"A": 16, "B": 60, "C": 60, "D": 14, "E": 50}
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.data_type == "s" or cell.value is None:
                # Formatted as text: what a translator types there (a year, a date) stays
                # the text typed, never a number or a date.
                cell.number_format = "@"
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                # Text, never a formula: a string cell with Excel's own "quote prefix" mark,
                # which keeps it text when the translator edits it.
                cell.data_type = "s"
                cell.quotePrefix = True
        for cell in row[1:5]:
            cell.alignment = wrap
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


# -- reading ---------------------------------------------------------------------------


def _csv_rows(data: bytes, path: Path) -> Iterator[tuple[int, list[str]]]:
    limits = CsvLimits(max_cell_chars=_MAX_CELL, max_rows=MAX_ENTRIES)
    for line, cells in csv_rows(data, path, limits):
        yield line, [nfc(cell) for cell in cells]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # as the spreadsheet showed it
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number(text: str) -> int | None:
    text = text.strip()
    if text.endswith(".0"):
        text = text[:-2]
    return int(text) if text.isdigit() and len(text) < 10 else None


def _columns(cells: Sequence[str], path: Path, line: int) -> dict[str, int]:
    names = [cell.strip().lstrip("\ufeff").casefold() for cell in cells]
    columns = {name: index for index, name in reversed(list(enumerate(names))) if name}
    if "key" not in columns or "target" not in columns:
        raise not_ours(
            path, line, _("its first row does not name the columns key, source, target, ...")
        )
    return columns


def rows_file(rows: Iterable[tuple[int, Sequence[str]]], path: Path, fmt: str) -> IncomingFile:
    """The caption file a spreadsheet's rows make (a header row naming the columns first)."""
    iterator = iter(rows)
    first = next((row for row in iterator if any(cell.strip() for cell in row[1])), None)
    if first is None:
        raise not_ours(path, 0, _("it is empty"))
    header_line, header_cells = first
    columns = _columns(header_cells, path, header_line)
    entries: list[IncomingEntry] = []
    header: dict[str, str] = {}

    def get(cells: Sequence[str], name: str) -> str:
        index = columns.get(name)
        return cells[index] if index is not None and index < len(cells) else ""

    # A CSV carries the apostrophe that kept a text from being a formula, and so does a
    # workbook a spreadsheet made from that CSV.
    text_of = unescape_cell

    for line, cells in iterator:
        if not any(cell.strip() for cell in cells):
            continue
        for name in ("target_language", "source_language", "project", "export_id"):
            header.setdefault(name, text_of(get(cells, name).strip()))
        key = get(cells, "key").strip()
        status_text = get(cells, "status")
        try:
            status = status_from_table(status_text)
            problem = None
        except ValueError:
            status = None
            problem = _("“%(status)s” is not a status (empty, draft, needs-review, final).") % {
                "status": status_text
            }
        entries.append(
            IncomingEntry(
                line=line,
                key=key,
                target=checked_text(text_of(get(cells, "target")), path, line),
                source=checked_text(text_of(get(cells, "source")), path, line),
                status=status,
                revision=_number(get(cells, "revision")),
                source_hash=text_of(get(cells, "source_hash").strip()) or None,
                problem=problem,
            )
        )
        check_entry_count(len(entries), path)
    project = header.get("project") or None
    require_ours(path, entries, project is not None)
    return IncomingFile(
        format=fmt,
        entries=tuple(entries),
        project_uid=project,
        source_language=header.get("source_language") or None,
        target_language=header.get("target_language") or None,
        export_id=header.get("export_id") or None,
    )


def parse_csv(data: bytes, path: Path) -> IncomingFile:
    """Read a CSV caption file as a spreadsheet saved it."""
    return rows_file(_csv_rows(data, path), path, "csv")


#: An XLSX that unpacks to more than this is refused before it is read (a zip bomb).
MAX_XLSX_UNPACKED = 200 * 1024 * 1024
#: The texts of a workbook's cells, together, may not take more memory than this (estimated).
MAX_READ_BYTES = 200 * 1024 * 1024


def _check_zip(data: bytes, path: Path) -> None:
    """Refuse a workbook that unpacks to too much (a zip bomb) or holds hostile XML.

    The sizes are counted while the parts inflate; each XML part goes through the XML
    limits (entities, nesting, giant tokens, too many texts) before openpyxl reads it.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_members(archive, path, MAX_XLSX_UNPACKED)
            for member in archive.infolist():
                if member.filename.endswith((".xml", ".rels")):
                    # Sheets stream through openpyxl row by row; the other parts (the
                    # table of shared texts above all) are held whole.
                    held = not member.filename.startswith("xl/worksheets/")
                    with archive.open(member) as stream:
                        check_xml(stream, path / member.filename, held=held)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, zlib.error) as error:
        problem = _("the file is not a readable XLSX workbook (%(reason)s).") % {
            "reason": library_reason(error)
        }
        raise UsageError(located(path, 0, problem), path=path) from None


def _xlsx_rows(data: bytes, path: Path) -> Iterator[tuple[int, list[str]]]:
    """Every row of the caption sheet, one at a time.

    openpyxl meets a damaged workbook with whatever its layers raise (zip, zlib, XML, its own
    type errors), often lazily while rows are read; so any such failure, whenever it comes,
    becomes one clear refusal of the whole file (nothing is applied while a file is read).
    Rows are handed on as they are read, so a workbook is never held in memory twice.
    """
    from openpyxl import load_workbook

    _check_zip(data, path)
    budget = Budget(path, MAX_READ_BYTES)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook["Captions"] if "Captions" in workbook.sheetnames else workbook.active
            if sheet is None:
                raise not_ours(path, 0, _("it has no sheet"))
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = [_cell(value) for value in row]
                if any(len(cell) > _MAX_CELL for cell in cells):
                    problem = _("a cell is longer than %(limit)d characters.") % {
                        "limit": _MAX_CELL
                    }
                    raise UsageError(located(path, number, problem), path=path)
                for cell in cells:
                    budget.spend(cell, number)
                check_entry_count(number - 1, path)
                yield number, [nfc(cell) for cell in cells]
        finally:
            workbook.close()
    except CuratorError:
        raise
    except Exception as error:
        problem = _("the file is not a readable XLSX workbook (%(reason)s).") % {
            "reason": library_reason(error)
        }
        raise UsageError(located(path, 0, problem), path=path) from None


def parse_xlsx(data: bytes, path: Path) -> IncomingFile:
    """Read an XLSX caption file, as Excel or LibreOffice saved it (rows count as lines)."""
    return rows_file(_xlsx_rows(data, path), path, "xlsx")
