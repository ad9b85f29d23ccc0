"""IPTC IIM (the "IPTC-NAA" record in Photoshop's APP13 or TIFF tag 33723): press fields.

Owns parsing IIM datasets and decoding their text. :mod:`.containers` finds the raw IIM
streams; Pillow's ``IptcImagePlugin.getiptcinfo`` is not used because it drops everything
on the first malformed dataset, raises ``SyntaxError``/``OSError`` on others, and sees only
the last of several APP13 segments.

Text is decoded per record set: ESC % G in 1:90 CodedCharacterSet means UTF-8; ESC . A
and ESC - A mean Latin-1 (read as cp1252, its superset in practice); without a declaration
(or with one Curator does not know) the whole record set's text picks one codec through
:func:`curator.ingest.metadata.text.guess_codec` (UTF-8, cp1252, cp1258 or cp1251).

A file may hold several record sets (several APP13 segments, or a second envelope after
the first); the first that has a dataset wins it, later ones fill the gaps.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterator
from datetime import datetime

from curator.core.checks.problems import Problem
from curator.ingest.metadata.containers import MetadataBlocks
from curator.ingest.metadata.fields import DateCandidate, SourceFields, parse_offset
from curator.ingest.metadata.text import clean, guess_codec
from curator.ingest.metadata.types import LangText

#: Raw datasets of one record set: (record, dataset) → values in file order.
Datasets = dict[tuple[int, int], list[bytes]]

CODED_CHARACTER_SET = (1, 90)
_UTF8 = b"\x1b%G"
_LATIN1 = (b"\x1b.A", b"\x1b-A")
_TEXT_RECORD = 2
_FIELDS = {
    80: "byline",
    110: "credit",
    115: "photo_source",
    116: "copyright",
    105: "headline",
    120: "caption",
    90: "city",
    92: "sublocation",
    95: "state",
    101: "country",
    103: "job_id",
    25: "keywords",
    5: "title",
    55: "date",
    60: "time",
}


def read_iptc(blocks: MetadataBlocks) -> SourceFields:
    """The IIM fields of a file's IPTC streams."""
    fields = SourceFields(source="iptc")
    merged: dict[str, list[str]] = {}
    for stream in blocks.iptc:
        for datasets in parse_iim(stream, fields.problems):
            for name, values in _decode(datasets).items():
                if values and name not in merged:
                    merged[name] = values
    _fill(fields, merged)
    return fields


def iim_codec(blocks: MetadataBlocks) -> str | None:
    """The codec the file's first IIM record set is read with; ``None`` without IIM.

    A writer that adds datasets in another character set re-encodes the file's own text
    datasets from this codec, so they keep reading right.
    """
    for stream in blocks.iptc:
        for datasets in parse_iim(stream, []):
            return _codec(datasets)
    return None


def digest_is_stale(blocks: MetadataBlocks) -> bool:
    """Whether Photoshop's IPTC digest no longer matches the IIM: IIM was edited since.

    Photoshop and Lightroom store the MD5 of the IIM they wrote alongside the XMP they
    wrote at the same time. A tool that knows only IIM changes the IIM and leaves the
    digest behind, so a mismatch means the IIM is newer than the embedded XMP (the Metadata
    Working Group's rule).
    """
    if blocks.iptc_digest is None or not blocks.iptc:
        return False
    return all(
        hashlib.md5(s, usedforsecurity=False).digest() != blocks.iptc_digest for s in blocks.iptc
    )


def parse_iim(data: bytes, problems: list[Problem]) -> Iterator[Datasets]:
    """Split an IIM stream into record sets of datasets; damage ends the stream.

    A new record set starts when a record-1 (envelope) dataset follows record-2 ones.
    """
    current: Datasets = {}
    offset = 0
    while offset < len(data):
        if data[offset] == 0:  # padding up to the resource's even length
            offset += 1
            continue
        if data[offset] != 0x1C or offset + 5 > len(data):
            problems.append(Problem("corrupt-iptc", f"unexpected byte at offset {offset}"))
            break
        record, dataset = data[offset + 1], data[offset + 2]
        length = struct.unpack(">H", data[offset + 3 : offset + 5])[0]
        offset += 5
        if length & 0x8000:  # extended dataset: the length is in the next n bytes
            size = length & 0x7FFF
            length = int.from_bytes(data[offset : offset + size], "big")
            offset += size
        if offset + length > len(data):
            problems.append(Problem("corrupt-iptc", f"dataset {record}:{dataset} is truncated"))
            break
        if record == 1 and any(key[0] == _TEXT_RECORD for key in current):
            yield current
            current = {}
        current.setdefault((record, dataset), []).append(data[offset : offset + length])
        offset += length
    if current:
        yield current


def _decode(datasets: Datasets) -> dict[str, list[str]]:
    codec = _codec(datasets)
    decoded: dict[str, list[str]] = {}
    for (record, dataset), values in datasets.items():
        name = _FIELDS.get(dataset) if record == _TEXT_RECORD else None
        if name is None:
            continue
        texts = [t for value in values if (t := clean(value.decode(codec, "replace")))]
        decoded[name] = texts
    return decoded


def _codec(datasets: Datasets) -> str:
    declared = b"".join(datasets.get(CODED_CHARACTER_SET, []))
    if declared.startswith(_UTF8):
        return "utf-8"
    if declared.startswith(_LATIN1):
        return "cp1252" if _all_decode(datasets, "cp1252") else "latin-1"
    text = b"\n".join(
        value
        for (record, _dataset), values in datasets.items()
        if record == _TEXT_RECORD
        for value in values
    )
    return guess_codec(text)


def _all_decode(datasets: Datasets, codec: str) -> bool:
    try:
        for values in datasets.values():
            for value in values:
                value.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _fill(fields: SourceFields, merged: dict[str, list[str]]) -> None:
    def first(name: str) -> str | None:
        values = merged.get(name)
        return values[0] if values else None

    fields.byline = merged.get("byline", [])
    fields.keywords = merged.get("keywords", [])
    fields.credit = first("credit")
    fields.photo_source = first("photo_source")
    fields.copyright = first("copyright")
    fields.city = first("city")
    fields.sublocation = first("sublocation")
    fields.state = first("state")
    fields.job_id = first("job_id")
    fields.country = first("country")
    headline = first("headline")
    if headline:
        fields.headlines.append(LangText(headline, None, "iptc"))
    caption = first("caption")
    if caption:
        fields.descriptions.append(LangText(caption, None, "iptc"))
    title = first("title")
    if title:
        fields.titles.append(LangText(title, None, "iptc"))
    date = first("date")
    if date:
        candidate = parse_iim_date(date, first("time"))
        if candidate is not None:
            fields.dates.append(candidate)


def parse_iim_date(date: str, time: str | None) -> DateCandidate | None:
    """2:55 ``CCYYMMDD`` with 2:60 ``HHMMSS±HHMM`` (the offset optional) as a candidate."""
    digits = date.replace("-", "").replace(":", "").strip()
    try:
        day = datetime.strptime(digits[:8], "%Y%m%d")
    except ValueError:
        return None
    clock = (time or "").replace(":", "").strip()
    if len(clock) < 6 or not clock[:6].isdigit():
        return DateCandidate(day, False, "iptc:DateCreated")
    try:
        moment = day.replace(hour=int(clock[:2]), minute=int(clock[2:4]), second=int(clock[4:6]))
    except ValueError:
        return DateCandidate(day, False, "iptc:DateCreated")
    offset = parse_offset(clock[6:])
    if offset is not None:
        moment = moment.replace(tzinfo=offset)
    return DateCandidate(moment, True, "iptc:DateCreated")
