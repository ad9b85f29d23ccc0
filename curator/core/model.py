"""The domain model: plain, typed, immutable values that the store reads and writes.

A project holds photos (originals referenced by path and known by content hash), captions
keyed by (photo, language, field), structured credits, a glossary, and the exhibition's
structure: sections in visit order, panels with a physical size, and slots that place a
photo on a panel. Lengths are millimetres. Text is NFC (the store normalises on the way in).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from curator.i18n import N_


class CaptionField(StrEnum):
    """The fields of a caption: five printed, in their order on a page, then two never printed.

    Alt text and extended description are for readers who cannot see the photo: they travel
    in the delivered file, not on a page.
    """

    HEADLINE = "headline"
    CAPTION = "caption"
    PLACE = "place"
    DATE = "date"
    CREDIT = "credit"
    #: IPTC Alt Text (Accessibility): what the photo shows, short (see :data:`ALT_TEXT_GUIDE`).
    ALT = "alt"
    #: IPTC Extended Description (Accessibility): what a longer look would tell.
    DESCRIPTION = "description"


#: The fields a page, a label or a catalogue prints, in their order.
PRINTED_FIELDS: tuple[CaptionField, ...] = (
    CaptionField.HEADLINE,
    CaptionField.CAPTION,
    CaptionField.PLACE,
    CaptionField.DATE,
    CaptionField.CREDIT,
)

#: The accessibility fields: delivered in the photo's file, never printed.
ACCESSIBILITY_FIELDS: tuple[CaptionField, ...] = (CaptionField.ALT, CaptionField.DESCRIPTION)

#: Characters an alt text should keep within (the IPTC guide and screen readers' habit).
ALT_TEXT_GUIDE = 250

#: Characters an extended description should keep within (IIM's caption, 2:120, holds 2000).
EXTENDED_DESCRIPTION_GUIDE = 2000


class CaptionStatus(StrEnum):
    """How far one caption field has come."""

    EMPTY = "empty"
    DRAFT = "draft"
    NEEDS_REVIEW = "needs-review"
    FINAL = "final"


#: Interface labels, marked for translation and translated where they are shown.
FIELD_LABELS: dict[CaptionField, str] = {
    CaptionField.HEADLINE: N_("Headline"),
    CaptionField.CAPTION: N_("Caption"),
    CaptionField.PLACE: N_("Place"),
    CaptionField.DATE: N_("Date"),
    CaptionField.CREDIT: N_("Credit"),
    CaptionField.ALT: N_("Alt text"),
    CaptionField.DESCRIPTION: N_("Extended description"),
}

STATUS_LABELS: dict[CaptionStatus, str] = {
    CaptionStatus.EMPTY: N_("Empty"),
    CaptionStatus.DRAFT: N_("Draft"),
    CaptionStatus.NEEDS_REVIEW: N_("Needs review"),
    CaptionStatus.FINAL: N_("Final"),
}


class CreditRole(StrEnum):
    """What the credited person did."""

    PHOTO = "photo"
    ARCHIVE = "archive"
    PROVIDED = "provided"


class PhotoFlag(StrEnum):
    """A shortlisting mark: picked for the exhibition, or rejected (none: not decided)."""

    PICK = "pick"
    REJECT = "reject"


#: Ratings a curator gives: 0 (none) to 5 stars.
MAX_RATING = 5


class GlossaryKind(StrEnum):
    """What a glossary entry names."""

    PERSON = "person"
    TITLE = "title"
    ORGANISATION = "organisation"
    PLACE = "place"
    EVENT = "event"
    TERM = "term"


#: What a glossary entry names, as the interface says it (translated where shown).
GLOSSARY_KIND_LABELS: dict[GlossaryKind, str] = {
    GlossaryKind.PERSON: N_("person"),
    GlossaryKind.TITLE: N_("title"),
    GlossaryKind.ORGANISATION: N_("organisation"),
    GlossaryKind.PLACE: N_("place"),
    GlossaryKind.EVENT: N_("event"),
    GlossaryKind.TERM: N_("term"),
}


@dataclass(frozen=True, slots=True)
class Project:
    """A project's identity and languages; the first of ``languages`` leads on every page."""

    title: str
    languages: tuple[str, ...]
    source_language: str
    uid: str
    created_at: datetime
    schema_version: int


@dataclass(frozen=True, slots=True)
class GeoPoint:
    """Signed decimal degrees."""

    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Exposure:
    """How the camera exposed a photo, as its file records it; ``None`` where it does not say.

    ``time`` is in seconds (1/250 s is 0.004), ``focal_length`` in millimetres as the lens
    gives it (not the 35 mm equivalent).
    """

    time: float | None = None
    f_number: float | None = None
    iso: int | None = None
    focal_length: float | None = None

    def is_empty(self) -> bool:
        """Whether the file said nothing about the exposure."""
        return self == Exposure()


@dataclass(frozen=True, slots=True)
class Photo:
    """An original image as imported; the file itself is never modified."""

    id: str
    path: Path
    sha256: str
    width: int
    height: int
    orientation: int = 1
    file_size: int = 0
    captured_at: datetime | None = None
    camera: str | None = None
    gps: GeoPoint | None = None
    byline: str | None = None
    credit: str | None = None
    source: str | None = None
    copyright: str | None = None
    city: str | None = None
    sublocation: str | None = None
    country: str | None = None
    keywords: tuple[str, ...] = ()
    rating: int | None = None
    label: str | None = None
    imported_at: datetime | None = None
    flag: PhotoFlag | None = None
    lens: str | None = None
    exposure: Exposure = field(default_factory=Exposure)
    #: IPTC Province/State (photoshop:State).
    state: str | None = None
    #: IPTC Job Identifier (IIM 2:103, photoshop:TransmissionReference).
    job_id: str | None = None


@dataclass(frozen=True, slots=True)
class Caption:
    """One field of one photo's caption in one language.

    ``revision`` grows by one on every change and lets a translator's file tell whether the
    curator changed the field since it was exported. ``edited`` is false while a generated
    field (place, date, credit) still follows its structured data.
    """

    photo_id: str
    language: str
    field: CaptionField
    text: str
    status: CaptionStatus
    revision: int = 0
    edited: bool = True


@dataclass(frozen=True, slots=True)
class Credit:
    """A structured credit: who made the photo, for which agency, in which role.

    ``photographer`` and ``agency`` are keyed by language, so the same person can be written
    "Tuấn Anh", "Туан Ань" and "Tuan Anh".
    """

    id: int
    photo_id: str
    position: int
    photographer: dict[str, str] = field(default_factory=dict)
    agency: dict[str, str] = field(default_factory=dict)
    role: CreditRole = CreditRole.PHOTO


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """One name or term with its rendering in each language.

    ``code`` is a short handle (``tbt``) that expands to the rendering when typed as
    ``=tbt=`` in a caption. ``variants`` are other accepted forms, ``forbidden`` forms that
    must not appear (both keyed by language). ``surnames``: for a person, the family name
    as the term writes it in each language; where it stands in the term gives the name
    order (``Hồ Chí Minh``: surname first; ``Ivan Petrov``: given name first), and the
    Russian and English indexes sort by it (:mod:`curator.core.language.collation`).
    """

    id: int
    kind: GlossaryKind
    terms: dict[str, str]
    note: str = ""
    code: str = ""
    variants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    forbidden: dict[str, tuple[str, ...]] = field(default_factory=dict)
    surnames: dict[str, str] = field(default_factory=dict)
    #: Grammatical case forms per language: ``{"ru": {"gen": "Ханоя", "pre": "Ханое"}}``
    #: (see :mod:`curator.core.language.glossary_cases`); the nominative is the rendering.
    cases: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Section:
    """A part of the visit, in visit order, with a title and introduction per language."""

    id: str
    position: int
    title: dict[str, str]
    intro: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Panel:
    """A physical panel of a section, sized in millimetres."""

    id: str
    section_id: str
    position: int
    width_mm: float
    height_mm: float
    margin_mm: float = 20.0
    template: str | None = None


@dataclass(frozen=True, slots=True)
class Crop:
    """A crop as fractions of the oriented image (0..1), or a focus point when w = h = 0."""

    x: float = 0.0
    y: float = 0.0
    w: float = 1.0
    h: float = 1.0


@dataclass(frozen=True, slots=True)
class Slot:
    """A photo placed on a panel: a rectangle in millimetres from the panel's top left."""

    id: str
    panel_id: str
    position: int
    photo_id: str | None
    x_mm: float
    y_mm: float
    width_mm: float
    height_mm: float
    crop: Crop = field(default_factory=Crop)


@dataclass(frozen=True, slots=True)
class CatalogueSettings:
    """How the printed catalogue is made; kept in the project so CLI and window agree."""

    trim_width_mm: float = 210.0
    trim_height_mm: float = 297.0
    bleed_mm: float = 3.0
    margin_inner_mm: float = 20.0
    margin_outer_mm: float = 15.0
    margin_top_mm: float = 18.0
    margin_bottom_mm: float = 22.0
    crop_marks: bool = False
    min_effective_ppi: int = 240
    #: The book block's page count is a multiple of this (4; 8 or 16 for sewn signatures).
    binding_pages: int = 4
    #: The thickness of one leaf (two pages) of the book's paper: the spine is this × leaves.
    paper_caliper_mm: float = 0.1
    #: How much of each page the binding hides at the spine (a photo across a spread is
    #: split and moved out by it): 5 mm for a glued binding, 0 for one that lies flat.
    spread_gutter_mm: float = 5.0

    def to_dict(self) -> dict[str, Any]:
        """The settings as JSON-ready values."""
        return {name: getattr(self, name) for name in self.__slots__}

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> CatalogueSettings:
        """Settings from stored values; unknown keys are ignored, missing ones default."""
        known = {k: v for k, v in values.items() if k in cls.__slots__}
        return cls(**known)


@dataclass(frozen=True, slots=True)
class ProjectCounts:
    """What ``curator info`` reports."""

    photos: int
    captions_by_status: dict[str, int]
    sections: int
    panels: int
    slots: int
    glossary_entries: int
