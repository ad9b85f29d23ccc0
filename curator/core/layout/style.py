"""How captions look per product, and the measuring protocol the layout breaks text with.

``TextMeasure`` is implemented by ``curator.export`` with the metrics of the fonts the PDF
embeds, so lines broken here are the lines printed (DESIGN.md: "Text is measured once, the
PDF's way"). Font names are the bundled files' stems, e.g. ``"NotoSans-Regular"``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Protocol

from curator.core.model import CaptionField


class TextMeasure(Protocol):
    """Widths and line heights of text in the PDF's fonts, in millimetres."""

    def width_mm(self, text: str, font: str, size_pt: float) -> float:
        """The advance width of ``text`` (NFC) set in ``font`` at ``size_pt``."""
        ...

    def line_height_mm(self, font: str, size_pt: float) -> float:
        """The distance from one baseline to the next."""
        ...

    def ascent_mm(self, font: str, size_pt: float) -> float:
        """The distance from the top of a line to its baseline."""
        ...

    def missing_characters(self, text: str, font: str) -> str:
        """The distinct characters of ``text`` that ``font`` has no glyph for, in order."""
        ...


class Product(StrEnum):
    """What is printed: each has its type sizes and its minimum resolution."""

    CATALOGUE = "catalogue"
    PANELS = "panels"
    LABELS = "labels"
    COVER = "cover"  # the catalogue's cover sheet: printed with the catalogue's thresholds


class TextRole(StrEnum):
    """The typographic role of a caption paragraph."""

    HEADLINE = "headline"
    BODY = "body"
    CREDIT = "credit"


#: Which role each caption field is set in.
FIELD_ROLES: dict[CaptionField, TextRole] = {
    CaptionField.HEADLINE: TextRole.HEADLINE,
    CaptionField.CAPTION: TextRole.BODY,
    CaptionField.PLACE: TextRole.CREDIT,
    CaptionField.DATE: TextRole.CREDIT,
    CaptionField.CREDIT: TextRole.CREDIT,
}


@dataclass(frozen=True, slots=True)
class CaptionStyle:
    """Fonts, sizes and spacing of caption blocks for one product.

    Attributes:
        headline_font: Font of the headline.
        body_font: Font of the caption text.
        credit_font: Font of the place/date line and the credit.
        headline_pt: Headline size in points.
        body_pt: Caption text size in points.
        credit_pt: Place, date and credit size in points.
        paragraph_gap_mm: Space between headline, caption and credit paragraphs.
        language_gap_mm: Space between the blocks of two languages.
        caption_gap_mm: Space between a photo and its captions.
        min_column_mm: Languages sit side by side under a photo only when each column is at
            least this wide; otherwise they are stacked.
        reserve_chars: How much caption text (characters) per language the planner leaves
            room for under each photo.
        title_pt: Size of the section's title on its first panel or page (headline font).
        title_gap_mm: Space between the section's title and the photos below it.
        lead_step_pt: How much larger the lead language's headline and text are on a
            panel than the others' (:func:`lead_style`).
    """

    headline_font: str
    body_font: str
    credit_font: str
    headline_pt: float
    body_pt: float
    credit_pt: float
    paragraph_gap_mm: float
    language_gap_mm: float
    caption_gap_mm: float
    min_column_mm: float
    reserve_chars: int = 250
    title_pt: float = 0.0
    title_gap_mm: float = 0.0
    lead_step_pt: float = 2.0

    def font(self, role: TextRole) -> str:
        """The font of a role."""
        return {
            TextRole.HEADLINE: self.headline_font,
            TextRole.BODY: self.body_font,
            TextRole.CREDIT: self.credit_font,
        }[role]

    def size_pt(self, role: TextRole) -> float:
        """The size of a role in points."""
        return {
            TextRole.HEADLINE: self.headline_pt,
            TextRole.BODY: self.body_pt,
            TextRole.CREDIT: self.credit_pt,
        }[role]


#: The smallest panel text in any language: museum practice for exhibit text read from a
#: step back (one to two metres) is about 18 pt.
PANEL_MIN_PT = 18.0
#: How much larger the lead language's headline and text are on a panel than the others'
#: at the default size (:mod:`~curator.core.layout.wall_sizes` grows it with the text).
PANEL_LEAD_STEP_PT = 2.0

# A panel is read from one to two metres away, a catalogue at arm's length: the same
# caption needs roughly three times the type on a panel. This is the style of the languages
# after the first; :func:`lead_style` makes the first larger.
PANEL_STYLE = CaptionStyle(
    headline_font="NotoSerif-Bold",
    body_font="NotoSans-Regular",
    credit_font="NotoSans-Regular",
    headline_pt=30.0,
    body_pt=22.0,
    credit_pt=PANEL_MIN_PT,
    paragraph_gap_mm=3.0,
    language_gap_mm=8.0,
    caption_gap_mm=10.0,
    min_column_mm=150.0,
    title_pt=48.0,
    title_gap_mm=15.0,
    lead_step_pt=PANEL_LEAD_STEP_PT,
)

CATALOGUE_STYLE = CaptionStyle(
    headline_font="NotoSerif-Bold",
    body_font="NotoSans-Regular",
    credit_font="NotoSans-Regular",
    headline_pt=10.0,
    body_pt=8.5,
    credit_pt=7.0,
    paragraph_gap_mm=1.0,
    language_gap_mm=3.0,
    caption_gap_mm=3.0,
    min_column_mm=50.0,
    title_pt=16.0,
    title_gap_mm=5.0,
)

LABEL_STYLE = CaptionStyle(
    headline_font="NotoSerif-Bold",
    body_font="NotoSans-Regular",
    credit_font="NotoSans-Regular",
    headline_pt=16.0,
    body_pt=12.0,
    credit_pt=9.0,
    paragraph_gap_mm=1.5,
    language_gap_mm=4.0,
    caption_gap_mm=4.0,
    min_column_mm=70.0,
    title_pt=20.0,
    title_gap_mm=6.0,
)

STYLES: dict[Product, CaptionStyle] = {
    Product.PANELS: PANEL_STYLE,
    Product.CATALOGUE: CATALOGUE_STYLE,
    Product.LABELS: LABEL_STYLE,
}

#: The lowest effective resolution auto-layout prints a photo at, per product, unless the
#: project's settings say otherwise (``<product>.min_effective_ppi``).
DEFAULT_MIN_PPI: dict[Product, float] = {
    Product.PANELS: 100.0,
    Product.CATALOGUE: 250.0,
    Product.LABELS: 150.0,
}


def lead_style(style: CaptionStyle) -> CaptionStyle:
    """The lead language's panel style: headline and text ``style.lead_step_pt`` larger."""
    return replace(
        style,
        headline_pt=style.headline_pt + style.lead_step_pt,
        body_pt=style.body_pt + style.lead_step_pt,
    )
