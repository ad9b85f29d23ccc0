"""What one metadata source (EXIF, IPTC IIM, embedded XMP, an XMP sidecar) says, unmerged.

Each reader fills a :class:`SourceFields`; :mod:`curator.ingest.metadata.mapping` merges them
into one :class:`~curator.ingest.metadata.types.ImageMetadata` by its priority table. Text
here is already clean (NFC, stripped, never empty) and dates are parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone

from curator.core.checks.problems import Problem
from curator.core.model import GeoPoint
from curator.ingest.metadata.types import LangText

_OFFSET = re.compile(r"^(?P<sign>[+-])(?P<hours>\d{1,2}):?(?P<minutes>\d{2})$")


@dataclass(frozen=True, slots=True)
class DateCandidate:
    """A capture date-time as one field of one source gives it.

    ``value`` is timezone-aware when the field carries an offset. ``has_time`` is false
    for a date alone (``photoshop:DateCreated`` written as ``2008-12-19``), whose
    ``value`` is then midnight.
    """

    value: datetime
    has_time: bool
    field: str  # e.g. "exif:DateTimeOriginal", "iptc:DateCreated"


@dataclass(slots=True)
class SourceFields:
    """The fields one source gives; ``None`` or empty means the source is silent."""

    source: str
    width: int | None = None
    height: int | None = None
    orientation: int | None = None
    dates: list[DateCandidate] = field(default_factory=list)
    make: str | None = None
    camera: str | None = None
    lens: str | None = None
    exposure_time: float | None = None
    f_number: float | None = None
    iso: int | None = None
    focal_length: float | None = None
    gps: GeoPoint | None = None
    byline: list[str] = field(default_factory=list)
    credit: str | None = None
    photo_source: str | None = None
    copyright: str | None = None
    city: str | None = None
    sublocation: str | None = None
    state: str | None = None
    country: str | None = None
    job_id: str | None = None
    keywords: list[str] = field(default_factory=list)
    rating: int | None = None
    label: str | None = None
    headlines: list[LangText] = field(default_factory=list)
    #: IPTC "Title" (dc:title, IIM 2:05 Object Name): a headline only when none is given.
    titles: list[LangText] = field(default_factory=list)
    descriptions: list[LangText] = field(default_factory=list)
    #: IPTC Alt Text and Extended Description (Accessibility), per language.
    alt_texts: list[LangText] = field(default_factory=list)
    ext_descriptions: list[LangText] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def parse_offset(text: str | None) -> timezone | None:
    """``+07:00``, ``-0500`` or ``Z`` as a timezone; anything else gives ``None``."""
    if not text:
        return None
    text = text.strip()
    if text == "Z":
        return UTC
    match = _OFFSET.match(text)
    if match is None:
        return None
    minutes = int(match["hours"]) * 60 + int(match["minutes"])
    if minutes >= 24 * 60:
        return None
    sign = -1 if match["sign"] == "-" else 1
    return timezone(timedelta(minutes=sign * minutes))


def camera_name(make: str | None, model: str | None) -> str | None:
    """The camera ("Canon EOS 7D") from Make and Model: Model alone when it names the maker.

    The maker counts as named when Model starts with Make, or Model's first word is one of
    Make's words ("NIKON CORPORATION" + "NIKON D70" gives "NIKON D70", "EASTMAN KODAK
    COMPANY" + "KODAK DX4330" gives "KODAK DX4330"), compared case-insensitively. Letter
    case is kept as the camera wrote it.
    """
    make = " ".join((make or "").replace("\x00", " ").split())
    model = " ".join((model or "").replace("\x00", " ").split())
    if not model:
        return make or None
    if not make:
        return model
    make_words = {word.strip(".,;-").casefold() for word in make.split()}
    if model.casefold().startswith(make.casefold()) or model.split()[0].casefold() in make_words:
        return model
    return f"{make} {model}"


def apex_time(tv: float | None) -> float | None:
    """Seconds from an APEX shutter speed value (Tv 8 is 1/256 s); ``None`` when absurd."""
    if tv is None or not -20 <= tv <= 40:
        return None
    return float(2.0**-tv)


def apex_f_number(av: float | None) -> float | None:
    """The f-number from an APEX aperture value (Av 5 is f/5.66); ``None`` when absurd."""
    if av is None or not 0 <= av <= 40:
        return None
    return float(2.0 ** (av / 2))
