"""Caption files for translators: gettext PO, XLIFF 1.2 and 2.0, XLSX and CSV (and ODS, read).

Writing turns an :class:`~curator.core.translators.caption_exchange.ExchangeDocument` into a file's
bytes; reading turns a file's bytes into an
:class:`~curator.core.translators.caption_exchange.IncomingFile`, or refuses the whole file with a
:class:`~curator.core.errors.UsageError` naming the file and line. The format of a file to
read is told by its content, not its name (a translator may rename ``.xlf`` to ``.xliff``,
or save a CSV as ``.txt``).

Statuses travel both ways in each standard's own terms (the README has the whole table): a
field that needs review is a fuzzy PO entry, an XLIFF 1.2 ``needs-review-translation``
proposal beside a target that starts as a copy of the source (what OmegaT translates), and
an XLIFF 2.0 segment in state ``translated`` refined by the sub-state
``curator:needs-review``; a final one is ``approved="yes"`` / ``final``. The translators'
"needs review" marks come back as :attr:`~curator.core.model.CaptionStatus.NEEDS_REVIEW`;
final, approved or reviewed confirm only a text left as it was sent.
"""

from __future__ import annotations

from pathlib import Path

from curator.core.errors import UsageError
from curator.core.storage.atomic_write import write_atomically
from curator.core.storage.protected_files import ProtectedFiles
from curator.core.translators.caption_exchange import ExchangeDocument, IncomingFile
from curator.exchange import read_limited
from curator.i18n import N_, _

FORMATS = ("po", "xliff12", "xliff20", "xlsx", "csv")

#: The file suffix each format is written with.
SUFFIXES = {"po": ".po", "xliff12": ".xlf", "xliff20": ".xlf", "xlsx": ".xlsx", "csv": ".csv"}

_SUFFIX_FORMATS = {
    ".po": "po",
    ".pot": "po",
    ".xlf": "xliff12",
    ".xliff": "xliff12",
    ".xlsx": "xlsx",
    ".csv": "csv",
}


def format_for_path(path: Path) -> str | None:
    """The format a file name suggests for export (``.xlf`` means XLIFF 1.2), or ``None``."""
    return _SUFFIX_FORMATS.get(path.suffix.lower())


def check_format(name: str) -> str:
    """A known format name, or a clear error."""
    if name not in FORMATS:
        raise UsageError(
            _("Unknown caption file format “%(format)s”; use one of: %(formats)s.")
            % {"format": name, "formats": ", ".join(FORMATS)}
        )
    return name


def caption_file_bytes(document: ExchangeDocument, fmt: str, *, csv_separator: str = ",") -> bytes:
    """The file's bytes in a format."""
    check_format(fmt)
    if fmt == "po":
        from curator.exchange.captions.po import po_bytes

        return po_bytes(document)
    if fmt in ("xliff12", "xliff20"):
        from curator.exchange.captions.xliff import xliff12_bytes, xliff20_bytes

        return xliff12_bytes(document) if fmt == "xliff12" else xliff20_bytes(document)
    from curator.exchange.captions.tabular import csv_bytes, xlsx_bytes

    if fmt == "xlsx":
        return xlsx_bytes(document)
    if csv_separator not in (",", ";", "\t"):
        raise UsageError(
            _("The CSV separator must be “,” or “;” (or a tab), not “%(separator)s”.")
            % {"separator": csv_separator}
        )
    return csv_bytes(document, csv_separator)


def write_caption_file(
    path: Path,
    document: ExchangeDocument,
    fmt: str,
    *,
    csv_separator: str = ",",
    guard: ProtectedFiles | None = None,
) -> None:
    """Write a caption file (to a temporary name first, so no half-written file is left).

    ``guard``: the files the open project protects (the window and the command line pass
    it); ``path`` may not be one of them.
    """
    data = caption_file_bytes(document, fmt, csv_separator=csv_separator)
    write_atomically(path, data, guard=guard or ProtectedFiles.nothing())


def sniff_format(data: bytes) -> str:
    """``po``, ``xliff``, ``xlsx`` or ``csv`` from a file's first bytes.

    UTF-16 and UTF-32 text (with a byte-order mark, or recognised by its zeros) is looked
    at as text, so a UTF-16 XLIFF or PO is told from a spreadsheet's "Unicode text".
    """
    from curator.exchange.inputs import byte_order_mark, text_encoding

    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    marked = byte_order_mark(data)
    head_bytes = data[marked[1] if marked else 0 :][:4096]
    encoding = text_encoding(data) or "utf-8"
    head = head_bytes.decode(encoding, errors="ignore")
    stripped = head.lstrip()
    if stripped.startswith("<"):
        return "xliff"
    lines = [line.strip() for line in stripped.splitlines()]
    if any(line.startswith(("msgid ", "msgctxt ", "#,", "#.", "#:")) for line in lines):
        return "po"
    return "csv"


#: What a file that is none of the formats is called in the message refusing it.
EXPECTED = N_("a caption file (PO, XLIFF, XLSX, ODS or CSV)")


def read_caption_bytes(data: bytes, path: Path) -> IncomingFile:
    """Parse a translator's file; the whole file is refused when it cannot be read.

    A translator's package sent back whole (a zip) reads as the caption file inside it. A
    file that is something else (an image, a PDF, a Word document...) is refused saying
    what it is.
    """
    from curator.exchange.inputs import binary_kind, refuse_kind, zip_flavour
    from curator.exchange.package import caption_file_in_zip

    if data.startswith(b"PK\x03\x04"):
        flavour = zip_flavour(data)
        if flavour == "zip":
            name, data = caption_file_in_zip(data, path)
            path = path / name
        elif flavour == "ods":
            from curator.exchange.captions.ods import parse_ods

            return parse_ods(data, path)
        elif flavour not in ("xlsx", "damaged"):
            raise refuse_kind(path, binary_kind(data) or flavour, _(EXPECTED))
    if not data.startswith(b"PK\x03\x04"):
        what = binary_kind(data)
        if what is not None:
            raise refuse_kind(path, what, _(EXPECTED))
    kind = sniff_format(data)
    if kind == "po":
        from curator.exchange.captions.po import parse_po

        return parse_po(data, path)
    if kind == "xliff":
        from curator.exchange.captions.xliff import parse_xliff

        return parse_xliff(data, path)
    from curator.exchange.captions.tabular import parse_csv, parse_xlsx

    if kind == "xlsx":
        return parse_xlsx(data, path)
    return parse_csv(data, path)


def read_caption_file(path: Path) -> IncomingFile:
    """Read and parse a translator's file (see :func:`read_caption_bytes`)."""
    return read_caption_bytes(read_limited(path), path)
