"""One ``ImageMetadata`` from EXIF, IPTC IIM, embedded XMP and an XMP sidecar.

``read_metadata`` is the entry point. For each field the first source in :data:`PRIORITY`
that gives a value wins (never a merge of two sources' values), except where noted:

===========================  =============================================================
field                        sources, best first
===========================  =============================================================
byline, credit, source,      sidecar, XMP, IIM, EXIF: XMP is what current tools write and
copyright, city, state,      read; IIM is its older twin; EXIF Artist/Copyright last.
sublocation, country,        When Photoshop's IPTC digest shows the IIM was edited after
job_id, keywords, rating,    the XMP (MWG rule), IIM moves ahead of embedded XMP.
label
headlines                    sidecar, XMP photoshop:Headline, IIM 2:105; only when none
                             exists, titles (dc:title, IIM 2:05, XPTitle) that are not
                             slugs such as "040621-N-6536T-062".
descriptions                 all sources collected (sidecar, XMP, IIM, EXIF), each xml:lang
                             alternative kept; a text equal to one from a better source
                             (after NFC and whitespace) is dropped; camera boilerplate never
                             enters.
alt_texts,                   sidecar, XMP (Iptc4xmpCore:AltTextAccessibility and
ext_descriptions             ExtDescrAccessibility), collected as descriptions are.
orientation                  EXIF, sidecar, XMP: EXIF is what viewers and Pillow apply.
camera, lens, exposure       EXIF, sidecar, XMP (tiff:Make/Model, aux:Lens, exif:FNumber...
                             copy the camera's EXIF); each exposure value on its own.
gps                          sidecar, XMP, EXIF: a geotag added later lives in XMP.
captured_at                  see :func:`choose_capture_time`.
width, height                the image itself (``image_info`` or Pillow's header read),
                             then EXIF PixelXDimension/ImageWidth; never XMP (pre-crop).
===========================  =============================================================

Metadata never makes ``read_metadata`` raise: problems are collected in
``ImageMetadata.problems``. Pillow is used lazily (header only) and every file is closed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import datetime, time
from pathlib import Path
from typing import Any, Protocol

from curator.core.checks.problems import Problem
from curator.core.model import Exposure
from curator.decode.bounded import ImagingError, open_header, sniff
from curator.ingest.metadata.containers import read_blocks
from curator.ingest.metadata.exif import read_exif
from curator.ingest.metadata.fields import DateCandidate, SourceFields
from curator.ingest.metadata.iptc import digest_is_stale, read_iptc
from curator.ingest.metadata.limits import limit_metadata
from curator.ingest.metadata.text import normalised_key
from curator.ingest.metadata.types import ImageMetadata, LangText
from curator.ingest.metadata.xmp import parse_xmp, read_sidecar, sidecar_paths

log = logging.getLogger(__name__)

#: A typed date this much earlier than the camera's marks an archive photo scanned later.
_ARCHIVE_GAP_DAYS = 366

_TEXT_ORDER = ("xmp-sidecar", "xmp", "iptc", "exif")
#: Which source wins each field, best first (see the module docstring for the reasons).
PRIORITY: dict[str, tuple[str, ...]] = {
    "byline": _TEXT_ORDER,
    "credit": _TEXT_ORDER,
    "photo_source": _TEXT_ORDER,
    "copyright": _TEXT_ORDER,
    "city": _TEXT_ORDER,
    "sublocation": _TEXT_ORDER,
    "state": _TEXT_ORDER,
    "country": _TEXT_ORDER,
    "job_id": _TEXT_ORDER,
    "keywords": _TEXT_ORDER,
    "rating": _TEXT_ORDER,
    "label": _TEXT_ORDER,
    "headlines": _TEXT_ORDER,
    "titles": _TEXT_ORDER,
    "descriptions": _TEXT_ORDER,
    "alt_texts": _TEXT_ORDER,
    "ext_descriptions": _TEXT_ORDER,
    "orientation": ("exif", "xmp-sidecar", "xmp"),
    "camera": ("exif", "xmp-sidecar", "xmp"),
    "lens": ("exif", "xmp-sidecar", "xmp"),
    "exposure_time": ("exif", "xmp-sidecar", "xmp"),
    "f_number": ("exif", "xmp-sidecar", "xmp"),
    "iso": ("exif", "xmp-sidecar", "xmp"),
    "focal_length": ("exif", "xmp-sidecar", "xmp"),
    "gps": ("xmp-sidecar", "xmp", "exif"),
    "width": ("exif",),
    "height": ("exif",),
}
#: Fields whose order changes when the IIM is newer than the embedded XMP.
_IIM_FIELDS = frozenset(
    {
        "byline",
        "credit",
        "photo_source",
        "copyright",
        "city",
        "sublocation",
        "state",
        "country",
        "job_id",
        "keywords",
        "headlines",
        "titles",
        "descriptions",
    }
)
#: Capture-time fields, best first: the editorial date (which for a scanned archive
#: picture is the day it was taken, not scanned) before the camera's.
DATE_PRIORITY: tuple[str, ...] = (
    "xmp-sidecar:xmp:photoshop:DateCreated",
    "xmp:xmp:photoshop:DateCreated",
    "iptc:iptc:DateCreated",
    "xmp-sidecar:xmp:exif:DateTimeOriginal",
    "xmp:xmp:exif:DateTimeOriginal",
    "exif:exif:DateTimeOriginal",
    "xmp-sidecar:xmp:xmp:CreateDate",
    "xmp:xmp:xmp:CreateDate",
    "exif:exif:CreateDate",
)


class ImageSize(Protocol):
    """What the importer knows of the image it opened (a Pillow image will do)."""

    @property
    def width(self) -> int:
        """Stored width in pixels."""

    @property
    def height(self) -> int:
        """Stored height in pixels."""


def read_metadata(path: Path, image_info: ImageSize | None = None) -> ImageMetadata:
    """Read and merge every metadata source of the image at ``path``.

    Args:
        path: A JPEG, TIFF or PNG file.
        image_info: The image's stored size when the caller already opened it.

    Returns:
        The merged metadata; damage is reported in ``problems``, never raised.
    """
    blocks = read_blocks(path)
    sources: dict[str, SourceFields] = {}
    for sidecar in sidecar_paths(path)[:1]:
        sources["xmp-sidecar"] = read_sidecar(sidecar)
    if blocks.xmp:
        sources["xmp"] = parse_xmp(blocks.xmp[0])
    sources["iptc"] = read_iptc(blocks)
    sources["exif"] = read_exif(path, blocks)
    problems = list(blocks.problems)
    for fields in sources.values():
        problems.extend(fields.problems)
    merged = merge(sources, _pixel_size(path, image_info), digest_is_stale(blocks), problems)
    return limit_metadata(merged)


def merge(
    sources: dict[str, SourceFields],
    size: tuple[int, int] | None,
    iim_is_newer: bool = False,
    problems: Sequence[Problem] = (),
) -> ImageMetadata:
    """Merge per-source fields by :data:`PRIORITY` into an ``ImageMetadata``."""

    def pick(name: str) -> Any:
        for source in _order(name, iim_is_newer):
            fields = sources.get(source)
            value = getattr(fields, name, None) if fields else None
            if value not in (None, [], ()):
                return value
        return None

    exif = sources.get("exif")
    width, height = size if size else (exif.width, exif.height) if exif else (None, None)
    headlines = _collect(sources, "headlines", iim_is_newer)
    if not headlines:
        titles = _collect(sources, "titles", iim_is_newer)
        headlines = [item for item in titles if not _is_slug(item.text)]
    orientation = pick("orientation")
    return ImageMetadata(
        width=width,
        height=height,
        orientation=orientation if isinstance(orientation, int) else 1,
        captured_at=choose_capture_time(_dates(sources)),
        camera=pick("camera"),
        lens=pick("lens"),
        exposure=Exposure(
            time=pick("exposure_time"),
            f_number=pick("f_number"),
            iso=pick("iso"),
            focal_length=pick("focal_length"),
        ),
        gps=pick("gps"),
        byline=tuple(pick("byline") or ()),
        credit=pick("credit"),
        source=pick("photo_source"),
        copyright=pick("copyright"),
        city=pick("city"),
        sublocation=pick("sublocation"),
        state=pick("state"),
        country=pick("country"),
        job_id=pick("job_id"),
        keywords=_unique(pick("keywords") or ()),
        rating=pick("rating"),
        label=pick("label"),
        headlines=tuple(headlines),
        descriptions=tuple(_collect(sources, "descriptions", iim_is_newer)),
        alt_texts=tuple(_collect(sources, "alt_texts", iim_is_newer)),
        ext_descriptions=tuple(_collect(sources, "ext_descriptions", iim_is_newer)),
        problems=tuple(dict.fromkeys(problems)),
    )


def _order(name: str, iim_is_newer: bool) -> tuple[str, ...]:
    order = PRIORITY[name]
    if iim_is_newer and name in _IIM_FIELDS:
        return ("xmp-sidecar", "iptc", "xmp", "exif")
    return order


def _collect(sources: dict[str, SourceFields], name: str, iim_is_newer: bool) -> list[LangText]:
    """Texts of every source, best first; a text a better source already gave is dropped."""
    kept: list[LangText] = []
    better: set[str] = set()
    for source in _order(name, iim_is_newer):
        fields = sources.get(source)
        items: list[LangText] = getattr(fields, name) if fields else []
        mine: set[tuple[str, str | None]] = set()
        for item in items:
            key = normalised_key(item.text)
            if key in better or (key, item.language) in mine:
                continue
            mine.add((key, item.language))
            kept.append(item)
        better.update(key for key, _language in mine)
    return kept


def _is_slug(text: str) -> bool:
    """An identifier rather than a title: one token with a digit ("030904-A-2140D-006")."""
    return not any(ch.isspace() for ch in text) and any(ch.isdigit() for ch in text)


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    """Keywords without repeats (compared case-insensitively), in their first order."""
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(normalised_key(value).casefold(), value)
    return tuple(seen.values())


def _dates(sources: dict[str, SourceFields]) -> list[DateCandidate]:
    found = {
        f"{source}:{candidate.field}": candidate
        for source, fields in sources.items()
        for candidate in reversed(fields.dates)
    }
    return [found[key] for key in DATE_PRIORITY if key in found]


def choose_capture_time(candidates: Sequence[DateCandidate]) -> datetime | None:
    """The capture time from candidates ordered by :data:`DATE_PRIORITY`.

    The best candidate decides the day. When it gives no time of day (a date alone, or
    midnight exactly, which IIM writers use for "no time"), the first candidate with a real
    time on the same day supplies it. When none has that day, the first full timestamp wins
    - a date alone would become an invented midnight, and a typed date close to the
    camera's is usually stale - unless the typed date is more than a year earlier: then
    the photo is an archive picture scanned later, and the typed date is its real date.
    When the result has no UTC offset, the first candidate with the same wall-clock time
    (to the second) and an offset lends its offset: EXIF DateTimeOriginal without
    OffsetTimeOriginal and XMP exif:DateTimeOriginal with ``+01:00`` describe the same
    moment, and the offset makes it exact.
    """
    if not candidates:
        return None
    chosen = candidates[0]
    if not _has_real_time(chosen):
        same_day = next(
            (c for c in candidates if _has_real_time(c) and c.value.date() == chosen.value.date()),
            None,
        )
        timed = next((c for c in candidates if _has_real_time(c)), None)
        if same_day is not None:
            chosen = same_day
        elif timed is not None and not _is_archive_date(chosen, timed):
            chosen = timed
    moment = chosen.value
    if moment.tzinfo is None:
        wall = moment.replace(microsecond=0)
        for candidate in candidates:
            other = candidate.value
            if other.tzinfo is not None and other.replace(tzinfo=None, microsecond=0) == wall:
                return moment.replace(tzinfo=other.tzinfo)
    return moment


def _is_archive_date(date_only: DateCandidate, timed: DateCandidate) -> bool:
    """A typed date more than a year before the camera's: the photo is older than its scan."""
    return (timed.value.date() - date_only.value.date()).days > _ARCHIVE_GAP_DAYS


def _has_real_time(candidate: DateCandidate) -> bool:
    return candidate.has_time and candidate.value.time() != time(0)


def _pixel_size(path: Path, image_info: ImageSize | None) -> tuple[int, int] | None:
    if image_info is not None:
        return image_info.width, image_info.height
    try:
        with open_header(path, sniff(path)) as image:  # the header only; pixels stay on disk
            return image.size
    except ImagingError:
        log.debug("Pillow cannot read the size of %s", path, exc_info=True)
        return None
