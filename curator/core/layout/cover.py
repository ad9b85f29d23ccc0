"""The catalogue's cover as a print shop wants it: back, spine and front on one sheet.

The sheet is the back panel, the spine and the front panel side by side (in that order, as
the cover lies open, outside up), each panel the catalogue's trim and the spine as wide as
the book block is thick: its leaves (two pages each) times the paper's caliper
(``catalogue.paper_caliper_mm``, 0.1 mm by default). The front carries a photo across the
whole panel into the bleed (cropped to the panel, never distorted), chosen by the curator
or, when nothing is chosen, the first photo of the first section; the catalogue's title and
subtitle sit on a band of the cover's colour across its foot, in every language, reversed
out in bold and large enough to survive misregistration. The spine carries the title in as
many languages as fit its length, when the spine is wide enough for type at all. The back
carries the back-cover text: title, subtitle and organisers in every language, and the
ISBN when there is one.

Lengths are millimetres from the sheet's trimmed top left, as for the catalogue's pages.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from curator.core.layout.catalogue_model import (
    Align,
    CatalogueContent,
    CataloguePage,
    CataloguePhoto,
    PageFill,
    PageKind,
    PagePhoto,
    PageSpec,
    PageText,
    Tone,
)
from curator.core.layout.catalogue_text import SANS, SANS_BOLD, SERIF_BOLD, Setter, TextStyle
from curator.core.layout.geometry import Rect, effective_ppi
from curator.core.layout.style import TextMeasure

#: All of a photo, as a crop.
WHOLE_PHOTO = Rect(0.0, 0.0, 1.0, 1.0)
#: The caliper of one leaf when the project sets none (0.1 mm: about 115 g/m² coated paper).
DEFAULT_CALIPER_MM = 0.1
#: Reversed type on the cover is bold and at least this large.
MIN_REVERSED_PT = 9.0
#: Spine type (reversed, bold): never smaller than this (below it there is no spine text),
#: never larger than the other.
SPINE_MIN_PT = MIN_REVERSED_PT
SPINE_MAX_PT = 11.0
#: The share of the spine's width its type's size takes.
SPINE_TYPE_SHARE = 0.55
#: The spine's text keeps this far from the head and foot of the spine.
SPINE_END_MM = 15.0
#: The band under the front's title: this share of the panel's height.
BAND_SHARE = 0.34


@dataclass(frozen=True, slots=True)
class SpineText:
    """The spine's line: read from head to foot, centred on the spine."""

    text: str
    font: str
    size_pt: float
    tone: Tone
    languages: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CoverSheet:
    """The cover sheet: its panels, the spine and what is on them.

    Attributes:
        panel: The trim, bleed and margins of one panel (the catalogue's page).
        spine_mm: The spine's width.
        book_pages: The book block's page count the spine was computed for.
        caliper_mm: The leaf thickness used.
        page: What is drawn, in sheet millimetres (the spine's text excepted).
        spine: The spine's line, or None when the spine is too thin for type.
        photo_source: The part of the front's photo printed, in fractions of the upright
            photo (it covers the front panel and its bleed; the rest is cropped away).
    """

    panel: PageSpec
    spine_mm: float
    book_pages: int
    caliper_mm: float
    page: CataloguePage
    spine: SpineText | None
    photo_source: Rect = WHOLE_PHOTO

    @property
    def width_mm(self) -> float:
        """The trimmed sheet's width: back, spine and front."""
        return 2 * self.panel.trim_width_mm + self.spine_mm

    @property
    def height_mm(self) -> float:
        """The trimmed sheet's height."""
        return self.panel.trim_height_mm

    @property
    def front(self) -> Rect:
        """The front panel, trimmed."""
        return Rect(
            self.panel.trim_width_mm + self.spine_mm,
            0.0,
            self.panel.trim_width_mm,
            self.panel.trim_height_mm,
        )

    @property
    def spine_rect(self) -> Rect:
        """The spine, trimmed."""
        return Rect(self.panel.trim_width_mm, 0.0, self.spine_mm, self.panel.trim_height_mm)


def spine_width(pages: int, caliper_mm: float) -> float:
    """The spine of a book block of ``pages`` pages: its leaves times the caliper."""
    return math.ceil(max(0, pages) / 2) * caliper_mm


def spine_pt(spine_mm: float) -> float:
    """The size of the spine's type for a spine this wide (at most :data:`SPINE_MAX_PT`)."""
    return min(SPINE_MAX_PT, spine_mm * SPINE_TYPE_SHARE / 25.4 * 72)


def cover_fill(area: Rect, aspect: float) -> Rect:
    """The rectangle of ``aspect`` that covers ``area`` and is centred on it."""
    if area.width_mm / area.height_mm > aspect:
        width = area.width_mm
        height = width / aspect
    else:
        height = area.height_mm
        width = height * aspect
    return Rect(
        area.x_mm + (area.width_mm - width) / 2,
        area.y_mm + (area.height_mm - height) / 2,
        width,
        height,
    )


def default_cover_photo(content: CatalogueContent) -> CataloguePhoto | None:
    """The first photo of the first section that has one."""
    return next((p for s in content.sections for p in s.photos), None)


def cover_sheet(
    content: CatalogueContent,
    spec: PageSpec,
    languages: Sequence[str],
    measure: TextMeasure,
    book_pages: int,
    caliper_mm: float = DEFAULT_CALIPER_MM,
    photo: CataloguePhoto | None = None,
    isbn: str = "",
) -> CoverSheet:
    """The cover sheet for a book block of ``book_pages`` pages.

    Args:
        content: The catalogue's texts and photos.
        spec: The catalogue's trim, bleed and margins (each panel's).
        languages: The languages in order (the first leads).
        measure: The PDF's text measure.
        book_pages: The book block's page count.
        caliper_mm: One leaf's thickness (a non-positive value takes the default).
        photo: The front's photo; None takes the first photo of the first section.
        isbn: The ISBN printed on the back (empty: none).
    """
    caliper = caliper_mm if caliper_mm > 0 else DEFAULT_CALIPER_MM
    spine = spine_width(book_pages, caliper)
    setter = Setter(measure, tuple(languages), print_rules=True)
    lead = languages[0]
    w, h, bleed = spec.trim_width_mm, spec.trim_height_mm, spec.bleed_mm
    fills = [PageFill(Rect(-bleed, -bleed, 2 * w + spine + 2 * bleed, h + 2 * bleed), Tone.COVER)]
    photos: list[PagePhoto] = []
    texts: list[PageText] = []
    front = Rect(w + spine, 0.0, w, h)
    chosen = photo or default_cover_photo(content)
    source = WHOLE_PHOTO
    band_top = h * (1 - BAND_SHARE)
    if chosen is not None:
        bled = Rect(front.x_mm, -bleed, w + bleed, h + 2 * bleed)
        rect = cover_fill(bled, chosen.aspect)
        source = Rect(
            (bled.x_mm - rect.x_mm) / rect.width_mm,
            (bled.y_mm - rect.y_mm) / rect.height_mm,
            bled.width_mm / rect.width_mm,
            bled.height_mm / rect.height_mm,
        )
        ppi = effective_ppi(chosen.pixel_width, chosen.pixel_height, rect)
        photos.append(PagePhoto(chosen.id, bled, ppi))
        fills.append(
            PageFill(Rect(front.x_mm, band_top, w + bleed, h - band_top + bleed), Tone.COVER)
        )
    inner = Rect(front.x_mm + spec.margin_inner_mm, 0.0,
                 w - spec.margin_inner_mm - spec.margin_outer_mm, h)  # fmt: skip
    top = band_top + 10.0
    display = min(1.0, inner.width_mm / 175.0)
    for language in languages:
        is_lead = language == lead
        title = content.title.get(language, "")
        subtitle = content.subtitle.get(language, "")
        size = max(MIN_REVERSED_PT, (24.0 if is_lead else 12.0) * display)
        if title:
            style = TextStyle(SERIF_BOLD, size, Tone.INVERSE, 1.15)
            lines, top = setter.paragraph(
                title, language, inner, top, style, hyphenate=False, balance=True
            )
            texts += lines
        if subtitle and is_lead:
            style = TextStyle(SANS_BOLD, max(MIN_REVERSED_PT, 11.0 * display), Tone.INVERSE, 1.3)
            lines, top = setter.paragraph(
                subtitle, language, inner, top + 1.0, style, hyphenate=False, balance=True
            )
            texts += lines
        top += 4.0 if is_lead else 1.5
    texts += _back(content, spec, languages, setter, isbn)
    page = CataloguePage(0, PageKind.COVER, "cover-sheet", tuple(texts), tuple(photos),
                         tuple(fills))  # fmt: skip
    return CoverSheet(spec, spine, book_pages, caliper, page,
                      _spine(content, languages, measure, spine, h), source)  # fmt: skip


def _back(
    content: CatalogueContent,
    spec: PageSpec,
    languages: Sequence[str],
    setter: Setter,
    isbn: str,
) -> list[PageText]:
    """The back-cover text: title, subtitle and organisers in every language, the ISBN."""
    box = Rect(spec.margin_outer_mm, spec.margin_top_mm,
               spec.trim_width_mm - spec.margin_inner_mm - spec.margin_outer_mm,
               spec.trim_height_mm - spec.margin_top_mm - spec.margin_bottom_mm)  # fmt: skip
    texts: list[PageText] = []
    top = box.y_mm + 20.0
    for language in languages:
        title = content.title.get(language, "")
        subtitle = content.subtitle.get(language, "")
        organisers = content.organisers.get(language, ())
        if not (title or subtitle or organisers):
            continue
        if title:
            style = TextStyle(SERIF_BOLD, 12.0, Tone.INVERSE, 1.25)
            lines, top = setter.paragraph(title, language, box, top, style, hyphenate=False)
            texts += lines
        if subtitle:
            style = TextStyle(SANS, MIN_REVERSED_PT, Tone.INVERSE, 1.35)
            lines, top = setter.paragraph(subtitle, language, box, top, style, hyphenate=False)
            texts += lines
        if organisers:
            style = TextStyle(SANS_BOLD, MIN_REVERSED_PT, Tone.INVERSE, 1.35)
            lines, top = setter.paragraph(
                " · ".join(organisers), language, box, top + 1.0, style, hyphenate=False
            )
            texts += lines
        top += 8.0
    if isbn:
        text = isbn if isbn.upper().startswith("ISBN") else f"ISBN {isbn}"
        style = TextStyle(SANS_BOLD, MIN_REVERSED_PT, Tone.INVERSE)
        texts += setter.paragraph(text, None, box, box.bottom_mm - 6.0, style, Align.LEFT)[0]
    return texts


def _spine(
    content: CatalogueContent,
    languages: Sequence[str],
    measure: TextMeasure,
    spine_mm: float,
    height_mm: float,
) -> SpineText | None:
    """The title in as many languages as fit the spine, in their order, or None."""
    size = spine_pt(spine_mm)
    if size < SPINE_MIN_PT:
        return None
    room = height_mm - 2 * SPINE_END_MM
    chosen: list[str] = []
    parts: list[str] = []
    for language in languages:
        title = " ".join(content.title.get(language, "").split())
        if not title:
            continue
        trial = "   ·   ".join([*parts, title])
        if measure.width_mm(trial, SANS_BOLD, size) > room:
            continue  # this language does not fit; a shorter one after it may
        parts.append(title)
        chosen.append(language)
    if not parts:
        return None
    return SpineText("   ·   ".join(parts), SANS_BOLD, size, Tone.INVERSE, tuple(chosen))
