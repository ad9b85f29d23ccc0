"""What a catalogue page holds, and the content it is computed from.

Lengths are millimetres from the trim's top left: the values the PDF renderer draws and
the preview shows.

A page is a list of placed things: text lines (already broken, with their font, size and
tone), photos (the rectangle the picture fills), fills (colour areas, which may run into
the bleed: negative coordinates or past the trim) and rules. Tones are named, not coloured:
``curator.export`` maps them to ink.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from curator.core.layout.geometry import Rect
from curator.core.layout.qr import QrMark
from curator.core.model import CaptionField
from curator.i18n import N_


class PageKind(StrEnum):
    """What a page is for."""

    COVER = "cover"  # the cover sheet (front, spine, back), never a page of the book block
    HALF_TITLE = "half-title"
    TITLE = "title"
    IMPRINT = "imprint"
    CONTENTS = "contents"
    FOREWORD = "foreword"
    OPENER = "section-opener"
    PHOTOS = "photos"
    CAPTIONS = "captions"
    INDEX = "index"
    COLOPHON = "colophon"
    NOTES = "notes"  # a designed page for notes: what fills the book block to its binding


class PageChoice(StrEnum):
    """How the curator asked a photo to be printed in the catalogue (``auto``: by rule)."""

    AUTO = "auto"
    SINGLE = "single"  # alone on a page, across the text width, its captions under it
    FULL_BLEED = "full-bleed"  # across the whole page into the bleed (and the section's hero)
    SPREAD = "spread"  # across a left- and a right-hand page, the gutter allowed for
    TWO_UP = "two-up"  # sharing a page with the next photo, on one grid
    BESIDE = "beside"  # its captions in a column beside it


#: What each choice does, for the window's menu and the CLI's help.
PAGE_CHOICE_HELP: dict[PageChoice, str] = {
    PageChoice.AUTO: N_("by rule, from the photo's shape and its place"),
    PageChoice.SINGLE: N_("alone on a page, its captions under it"),
    PageChoice.FULL_BLEED: N_("across the whole page into the bleed"),
    PageChoice.SPREAD: N_("across two facing pages"),
    PageChoice.TWO_UP: N_("sharing a page with the next photo"),
    PageChoice.BESIDE: N_("its captions in a column beside it"),
}


class Tone(StrEnum):
    """The ink of a text, fill or rule; the export maps each to a colour."""

    LEAD = "lead"  # the leading language: full black
    SECOND = "second"  # the other languages: a dark grey
    MUTED = "muted"  # folios, labels
    ACCENT = "accent"  # section numbers and rules
    COVER = "cover"  # the cover's ground
    INVERSE = "inverse"  # text on the cover's ground
    INVERSE_MUTED = "inverse-muted"


class Align(StrEnum):
    """Where ``x_mm`` is on a line: its left end, right end or centre."""

    LEFT = "left"
    RIGHT = "right"
    CENTRE = "centre"


@dataclass(frozen=True, slots=True)
class PageText:
    """One line of text, placed; ``baseline_mm`` from the trim's top."""

    text: str
    font: str
    size_pt: float
    x_mm: float
    baseline_mm: float
    tone: Tone
    align: Align = Align.LEFT
    language: str | None = None
    field: CaptionField | None = None
    photo_id: str | None = None
    overflows: bool = False
    hyphenated: bool = False
    joins_next: bool = False


@dataclass(frozen=True, slots=True)
class PagePhoto:
    """A photo filling ``rect`` (its aspect kept), and the resolution that gives.

    ``source`` is the part of the upright photo printed, in fractions (None: all of it); a
    photo that bleeds off the page is cut to what the page and its bleed show.
    """

    photo_id: str
    rect: Rect
    effective_ppi: float
    source: Rect | None = None


@dataclass(frozen=True, slots=True)
class PageImage:
    """An image of the catalogue's own (a logo, a signature) fitted into ``rect``.

    Its proportions are the file's, known only to the export: it fills the box's height or
    width, whichever comes first, and sits at the box's ``align`` side (left or centre), at
    its foot.
    """

    asset_id: int
    rect: Rect
    align: Align = Align.CENTRE


@dataclass(frozen=True, slots=True)
class PageFill:
    """A rectangle of colour (a rule is a thin one)."""

    rect: Rect
    tone: Tone


@dataclass(frozen=True, slots=True)
class CataloguePage:
    """One page; odd numbers are rectos (right-hand pages)."""

    number: int
    kind: PageKind
    template: str
    texts: tuple[PageText, ...] = ()
    photos: tuple[PagePhoto, ...] = ()
    fills: tuple[PageFill, ...] = ()
    section_id: str | None = None
    images: tuple[PageImage, ...] = ()
    codes: tuple[QrMark, ...] = ()

    @property
    def recto(self) -> bool:
        """Whether this is a right-hand page."""
        return self.number % 2 == 1


@dataclass(frozen=True, slots=True)
class PageSpec:
    """Trim, bleed and margins of the catalogue's pages (inner is the spine side)."""

    trim_width_mm: float = 210.0
    trim_height_mm: float = 297.0
    bleed_mm: float = 3.0
    margin_inner_mm: float = 20.0
    margin_outer_mm: float = 15.0
    margin_top_mm: float = 18.0
    margin_bottom_mm: float = 22.0
    min_ppi: float = 240.0
    #: How much of each page the binding hides at the spine (a photo across a spread is
    #: split there and each half moved out by this much, so its middle is not lost).
    spread_gutter_mm: float = 5.0

    def content(self, number: int) -> Rect:
        """The area inside the margins of page ``number`` (inner margin toward the spine)."""
        left = self.margin_inner_mm if number % 2 == 1 else self.margin_outer_mm
        return Rect(
            left,
            self.margin_top_mm,
            self.trim_width_mm - self.margin_inner_mm - self.margin_outer_mm,
            self.trim_height_mm - self.margin_top_mm - self.margin_bottom_mm,
        )


@dataclass(frozen=True, slots=True)
class CataloguePhoto:
    """A photo as the catalogue needs it.

    Attributes:
        id: The photo's id.
        pixel_width: Width as displayed (after orientation).
        pixel_height: Height as displayed.
        captions: Caption texts by language and field.
        photographers: The photographers' names by language.
        choice: The page template the curator chose for it (``auto``: by rule).
    """

    id: str
    pixel_width: int
    pixel_height: int
    captions: Mapping[str, Mapping[CaptionField, str]] = field(default_factory=dict)
    photographers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    choice: PageChoice = PageChoice.AUTO

    @property
    def aspect(self) -> float:
        """Width over height (1 without pixels)."""
        if self.pixel_width <= 0 or self.pixel_height <= 0:
            return 1.0
        return self.pixel_width / self.pixel_height


@dataclass(frozen=True, slots=True)
class CatalogueSection:
    """A section in visit order: its title and introduction per language, and its photos."""

    id: str
    title: Mapping[str, str]
    intro: Mapping[str, str]
    photos: tuple[CataloguePhoto, ...]


@dataclass(frozen=True, slots=True)
class CatalogueContent:
    """Everything the catalogue prints, per language.

    Attributes:
        title: The catalogue's title by language.
        foreword: The foreword by language (a language without one gets no foreword page).
        sections: The sections in visit order.
        words: Fixed words by key ("foreword", "photographers", "language") and language.
        colophon: The colophon's lines by language.
        subtitle: The subtitle by language (none: no line).
        signatory: The foreword's signatory by language: name and title.
        signature: The signature image's id, printed above the signatory's name.
        logos: The organisers' logos' ids, in order (printed on the colophon's page).
        running_title: The title in the running feet (the leading language's, or the
            project's when the catalogue has none in it).
        organisers: The organisers' names by language (the title page prints them).
        imprint: The imprint's lines by language (edition, print run, printer, paper, ISBN,
            copyright), printed on page 4.
        binding_pages: The book block is a multiple of this many pages (4, 8 or 16).
        surnames: By language, each person's name as printed and its surname, from the
            glossary (the index sorts by it).
    """

    title: Mapping[str, str]
    foreword: Mapping[str, str]
    sections: tuple[CatalogueSection, ...]
    words: Mapping[str, Mapping[str, str]]
    colophon: Mapping[str, tuple[str, ...]]
    subtitle: Mapping[str, str] = field(default_factory=dict)
    signatory: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    signature: int | None = None
    logos: tuple[int, ...] = ()
    running_title: str = ""
    organisers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    imprint: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    binding_pages: int = 4
    surnames: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    #: The web edition's address (``web.base_url``): the colophon prints a QR code for it.
    site_url: str = ""


@dataclass(frozen=True, slots=True)
class CatalogueGeometry:
    """Every page of the catalogue, in order, and the page size it was computed for."""

    spec: PageSpec
    languages: tuple[str, ...]
    pages: tuple[CataloguePage, ...]

    def photo_pages(self) -> dict[str, list[int]]:
        """The pages each photo is printed on (the cover excepted), by photo id."""
        found: dict[str, list[int]] = {}
        for page in self.pages:
            if page.kind is PageKind.COVER:
                continue
            for photo in page.photos:
                found.setdefault(photo.photo_id, []).append(page.number)
        return found
