"""The values metadata reading produces: one ``ImageMetadata`` per file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from curator.core.checks.problems import Problem
from curator.core.model import Exposure, GeoPoint


@dataclass(frozen=True, slots=True)
class LangText:
    """A headline or description as a source gives it.

    ``language`` is a BCP 47 tag when the source names one (an XMP ``xml:lang`` other than
    ``x-default``), else ``None``: the language is then decided by
    :func:`curator.ingest.metadata.languages.resolve_caption_languages`.
    """

    text: str
    language: str | None
    source: str  # "xmp-sidecar", "xmp", "iptc", "exif"


@dataclass(frozen=True, slots=True)
class ImageMetadata:
    """Everything Curator keeps from a file's metadata, merged by source priority.

    ``width`` and ``height`` are the stored pixel size, before orientation.
    ``captured_at`` is timezone-aware when the file gives an offset, naive otherwise.
    """

    width: int | None = None
    height: int | None = None
    orientation: int = 1
    captured_at: datetime | None = None
    camera: str | None = None
    lens: str | None = None
    exposure: Exposure = field(default_factory=Exposure)
    gps: GeoPoint | None = None
    byline: tuple[str, ...] = ()
    credit: str | None = None
    source: str | None = None
    copyright: str | None = None
    city: str | None = None
    sublocation: str | None = None
    state: str | None = None
    country: str | None = None
    job_id: str | None = None
    keywords: tuple[str, ...] = ()
    rating: int | None = None
    label: str | None = None
    headlines: tuple[LangText, ...] = ()
    descriptions: tuple[LangText, ...] = ()
    #: IPTC Alt Text and Extended Description (Accessibility): XMP only.
    alt_texts: tuple[LangText, ...] = ()
    ext_descriptions: tuple[LangText, ...] = ()
    problems: tuple[Problem, ...] = field(default_factory=tuple)
