"""EXIF: capture time, orientation, camera, lens, exposure, GPS and the text fields cameras write.

exifread reads the tags (``details=False``: maker notes are not needed). It skips
UserComment in that mode and gives up on BYTE/UNDEFINED values over 1,000 bytes, so the
text tags stored that way (UserComment, XPTitle, XPComment, XPAuthor) come from Pillow's
EXIF parser of the same bytes, which also stands in for every tag when exifread fails.
Exposure is read as the camera states it (ExposureTime, FNumber) and, where it does not, from
the APEX values (ShutterSpeedValue Tv: 2^-Tv seconds; ApertureValue Av: f/2^(Av/2)), as
exiftool does. Corrupt EXIF never raises: it gives ``Problem("corrupt-exif")`` and whatever
was read.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import exifread
from PIL import Image, TiffImagePlugin

from curator.core.checks.problems import Problem
from curator.core.model import GeoPoint
from curator.decode.files import open_regular
from curator.ingest.metadata.containers import MetadataBlocks
from curator.ingest.metadata.fields import (
    DateCandidate,
    SourceFields,
    apex_f_number,
    apex_time,
    camera_name,
    parse_offset,
)
from curator.ingest.metadata.text import clean, decode_legacy, is_boilerplate
from curator.ingest.metadata.types import LangText

log = logging.getLogger(__name__)

#: (IFD, tag id) → value; IFD is "0" (the image), "exif" or "gps".
RawTags = dict[tuple[str, int], Any]

_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825
_IFD_NAMES = {"Image": "0", "EXIF": "exif", "GPS": "gps"}
#: Tags read through Pillow even when exifread has them (see the module docstring).
_PILLOW_FIRST = {("exif", 0x9286), ("0", 0x9C9B), ("0", 0x9C9C), ("0", 0x9C9D)}
_DATE_FIELDS = (
    # (date tag, sub-second tag, offset tags in order of preference, field name)
    (0x9003, 0x9291, (0x9011, 0x9010), "exif:DateTimeOriginal"),
    (0x9004, 0x9292, (0x9012, 0x9010), "exif:CreateDate"),
)


def read_exif(path: Path, blocks: MetadataBlocks) -> SourceFields:
    """The EXIF fields of the file at ``path`` (whose blocks were found by ``read_blocks``)."""
    fields = SourceFields(source="exif")
    tags = _read_tags(path, blocks, fields.problems)
    if tags:
        _fill(fields, tags, _big_endian(path, blocks))
    return fields


def _big_endian(path: Path, blocks: MetadataBlocks) -> bool:
    """Whether the EXIF is Motorola-ordered (``MM``), which UNICODE UserComment may follow."""
    if blocks.exif is not None:
        return blocks.exif[:2] == b"MM"
    try:
        with open_regular(path) as fh:
            return fh.read(2) == b"MM"
    except OSError:
        return False


def _read_tags(path: Path, blocks: MetadataBlocks, problems: list[Problem]) -> RawTags:
    tags: RawTags = {}
    pillow = _pillow_tags(path, blocks, problems)
    try:
        if blocks.kind == "tiff":
            with open_regular(path) as fh:
                found = exifread.process_file(fh, details=False, extract_thumbnail=False)
        elif blocks.exif:
            found = exifread.process_file(
                io.BytesIO(blocks.exif), details=False, extract_thumbnail=False
            )
        else:
            found = {}
        tags.update(_from_exifread(found))
    except Exception as exc:  # exifread raises anything on corrupt data
        log.debug("exifread failed on %s", path, exc_info=True)
        problems.append(Problem("corrupt-exif", f"{type(exc).__name__}: {exc}"))
    for key, value in pillow.items():
        if key in _PILLOW_FIRST or key not in tags:
            tags[key] = value
    if blocks.exif and not tags and not problems:
        problems.append(Problem("corrupt-exif", "no readable EXIF directory"))
    return tags


def _from_exifread(found: dict[str, Any]) -> RawTags:
    tags: RawTags = {}
    for name, tag in found.items():
        ifd = _IFD_NAMES.get(name.split(" ", 1)[0])
        if ifd is None or not hasattr(tag, "values"):
            continue
        values = tag.values
        if isinstance(values, list):
            values = tuple(_number(v) for v in values)
        tags[(ifd, tag.tag)] = values
    return tags


def _number(value: Any) -> float | int | None:
    """An exifread ratio as a float (``None`` for 0/0), other numbers as they are."""
    if hasattr(value, "den"):
        return None if value.den == 0 else value.num / value.den
    if isinstance(value, tuple):  # exifread wraps floats in 1-tuples
        value = value[0] if value else None
    return value if isinstance(value, int | float) else None


def _pillow_tags(path: Path, blocks: MetadataBlocks, problems: list[Problem]) -> RawTags:
    """The same EXIF through Pillow, for what exifread skips (UserComment, long XP tags)."""
    tags: RawTags = {}
    try:
        if blocks.kind == "tiff":
            # The TIFF plugin itself: Image.open's pixel-count check would warn (or refuse)
            # over a header; the decode limits are curator.decode's.
            with TiffImagePlugin.TiffImageFile(str(path)) as image:
                _collect_pillow(image.getexif(), tags)
        elif blocks.exif:
            exif = Image.Exif()
            exif.load(blocks.exif)
            _collect_pillow(exif, tags)
    except Exception as exc:  # Pillow's TIFF parser raises many kinds
        log.debug("Pillow EXIF failed on %s", path, exc_info=True)
        problems.append(Problem("corrupt-exif", f"{type(exc).__name__}: {exc}"))
    return tags


def _collect_pillow(exif: Image.Exif, tags: RawTags) -> None:
    for ifd, items in (
        ("0", dict(exif)),
        ("exif", dict(exif.get_ifd(_EXIF_IFD))),
        ("gps", dict(exif.get_ifd(_GPS_IFD))),
    ):
        for tag, value in items.items():
            if isinstance(value, str):
                value = decode_legacy(value.encode("latin-1", "replace"))
            elif isinstance(value, tuple):
                value = tuple(_pillow_number(v) for v in value)
            elif not isinstance(value, bytes):
                value = (_pillow_number(value),)
            tags[(ifd, tag)] = value


def _pillow_number(value: Any) -> float | int | None:
    try:
        number = float(value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return None if number != number else number  # NaN for 0/0


def _fill(fields: SourceFields, tags: RawTags, big_endian: bool) -> None:
    orientation = _first_int(tags.get(("0", 0x0112)))
    if orientation is not None and 1 <= orientation <= 8:
        fields.orientation = orientation
    fields.make = _text(tags.get(("0", 0x010F)))
    fields.camera = camera_name(fields.make, _text(tags.get(("0", 0x0110))))
    fields.lens = _text(tags.get(("exif", 0xA434)))
    _fill_exposure(fields, tags)
    fields.dates = list(_dates(tags))
    fields.gps = _gps(tags)
    fields.width = _first_int(tags.get(("exif", 0xA002))) or _first_int(tags.get(("0", 0x0100)))
    fields.height = _first_int(tags.get(("exif", 0xA003))) or _first_int(tags.get(("0", 0x0101)))
    artist = _text(tags.get(("0", 0x013B))) or _utf16(tags.get(("0", 0x9C9D)))
    if artist:
        fields.byline = [name for part in artist.split(";") if (name := clean(part))]
    fields.copyright = _text(tags.get(("0", 0x8298)))
    title = _utf16(tags.get(("0", 0x9C9B)))
    if title and not is_boilerplate(title, fields.make):
        fields.titles.append(LangText(title, None, "exif"))
    for text in (
        _text(tags.get(("0", 0x010E))),
        _utf16(tags.get(("0", 0x9C9C))),
        user_comment(tags.get(("exif", 0x9286)), big_endian),
    ):
        if text and not is_boilerplate(text, fields.make):
            fields.descriptions.append(LangText(text, None, "exif"))


#: Beyond these an exposure value is damage, not a photo (exposures of hours exist).
_MAX_EXPOSURE_SECONDS = 100_000.0
_MAX_F_NUMBER = 1_000.0
_MAX_FOCAL_MM = 100_000.0


def _fill_exposure(fields: SourceFields, tags: RawTags) -> None:
    time = _positive(tags.get(("exif", 0x829A)), _MAX_EXPOSURE_SECONDS)
    if time is None:
        time = apex_time(_first_number(tags.get(("exif", 0x9201))))
    f_number = _positive(tags.get(("exif", 0x829D)), _MAX_F_NUMBER)
    if f_number is None:
        f_number = apex_f_number(_first_number(tags.get(("exif", 0x9202))))
    iso = _positive(tags.get(("exif", 0x8827)), 10_000_000)
    fields.exposure_time = time
    fields.f_number = f_number
    fields.iso = round(iso) if iso is not None else None
    fields.focal_length = _positive(tags.get(("exif", 0x920A)), _MAX_FOCAL_MM)


def _first_number(value: Any) -> float | None:
    if isinstance(value, tuple) and value and isinstance(value[0], int | float):
        number = float(value[0])
        return number if number == number else None  # NaN
    return None


def _positive(value: Any, limit: float) -> float | None:
    number = _first_number(value)
    return number if number is not None and 0 < number <= limit else None


def _text(value: Any) -> str | None:
    """An ASCII tag as text: exifread gives ``str``, or ``bytes`` when not UTF-8."""
    if isinstance(value, bytes):
        value = decode_legacy(value.split(b"\x00", 1)[0])
    return clean(value) if isinstance(value, str) else None


def _utf16(value: Any) -> str | None:
    """A Windows XP tag: UTF-16LE in a BYTE array, NUL-terminated."""
    data = _bytes(value)
    if not data:
        return None
    return clean(data.decode("utf-16-le", "replace").split("\x00", 1)[0])


def _bytes(value: Any) -> bytes | None:
    if isinstance(value, bytes):
        return value
    if isinstance(value, tuple) and all(isinstance(v, int) and 0 <= v < 256 for v in value):
        return bytes(value)
    return None


def user_comment(value: Any, big_endian: bool = False) -> str | None:
    """Decode UserComment by its 8-byte character-set prefix.

    ``ASCII`` and the undefined prefix (8 NULs) are decoded like any undeclared text
    (UTF-8 or the likeliest code page); ``UNICODE`` is UTF-16 in the byte order its zero
    bytes reveal (writers do not all follow the TIFF header); ``JIS`` is Shift-JIS, or
    ISO-2022-JP when it holds escape sequences. Text without a known prefix is decoded whole.
    """
    data = _bytes(value)
    if not data:
        return _text(value) if isinstance(value, str) else None
    prefix, body = data[:8], data[8:]
    if prefix == b"UNICODE\x00":
        return clean(body.decode(_utf16_codec(body, big_endian), "replace").split("\x00")[0])
    if prefix == b"JIS\x00\x00\x00\x00\x00":
        codec = "iso2022_jp" if b"\x1b" in body else "shift_jis"
        return clean(body.decode(codec, "replace").split("\x00")[0])
    if prefix in (b"ASCII\x00\x00\x00", b"\x00" * 8):
        return clean(decode_legacy(body.split(b"\x00", 1)[0]))
    return clean(decode_legacy(data.split(b"\x00", 1)[0]))


def _utf16_codec(body: bytes, big_endian: bool) -> str:
    """The UTF-16 byte order that gives the more plausible text, then the TIFF's order.

    Plausible characters are those below U+0530 (Latin, Greek, Cyrillic) and Latin Extended
    Additional (Vietnamese); the wrong byte order of such text lands elsewhere.
    """
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    scores = {}
    for codec in ("utf-16-be", "utf-16-le"):
        text = body.decode(codec, "replace")
        scores[codec] = sum(ord(ch) < 0x530 or 0x1E00 <= ord(ch) <= 0x1EFF for ch in text)
    if scores["utf-16-be"] == scores["utf-16-le"]:
        return "utf-16-be" if big_endian else "utf-16-le"
    return max(scores, key=lambda codec: scores[codec])


def _first_int(value: Any) -> int | None:
    if isinstance(value, tuple) and value and isinstance(value[0], int | float):
        return int(value[0])
    return None


def _dates(tags: RawTags) -> Iterable[DateCandidate]:
    for date_tag, subsec_tag, offset_tags, name in _DATE_FIELDS:
        text = _text(tags.get(("exif", date_tag)))
        parsed = parse_exif_datetime(text) if text else None
        if parsed is None:
            continue
        subsec = _text(tags.get(("exif", subsec_tag))) or ""
        if subsec.isdigit():
            parsed = parsed.replace(microsecond=int(subsec[:6].ljust(6, "0")))
        for offset_tag in offset_tags:
            offset = parse_offset(_text(tags.get(("exif", offset_tag))))
            if offset is not None:
                parsed = parsed.replace(tzinfo=offset)
                break
        yield DateCandidate(parsed, True, name)


def parse_exif_datetime(text: str) -> datetime | None:
    """``2008:05:30 15:56:01`` (also with ``-`` or ``/`` separators) as a naive datetime."""
    text = text.strip().replace("-", ":").replace("/", ":").replace("T", " ")
    try:
        parsed = datetime.strptime(text[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    return parsed if parsed.year > 1800 else None


def _gps(tags: RawTags) -> GeoPoint | None:
    """Signed decimal degrees; ``None`` when incomplete, out of range, or exactly 0, 0.

    Phones write 0°, 0° when they have no fix; a press photo taken at "null island" is
    not worth trusting that.
    """
    lat = _degrees(tags.get(("gps", 0x0002)), _text(tags.get(("gps", 0x0001))), "S")
    lon = _degrees(tags.get(("gps", 0x0004)), _text(tags.get(("gps", 0x0003))), "W")
    if lat is None or lon is None or abs(lat) > 90 or abs(lon) > 180:
        return None
    if lat == 0 and lon == 0:
        return None
    return GeoPoint(lat, lon)


def _degrees(value: Any, ref: str | None, negative: str) -> float | None:
    if not isinstance(value, tuple) or not value or any(v is None for v in value):
        return None
    parts = [float(v) for v in value[:3]]
    degrees: float = sum(part / 60.0**index for index, part in enumerate(parts))
    return -degrees if (ref or "").upper().startswith(negative) else degrees
