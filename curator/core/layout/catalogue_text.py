"""Setting catalogue text: type styles per role and language rank, and placed paragraphs.

The first language of the page order leads: it is set larger and in full black; the others
follow smaller, in grey, so a reader finds their language by its place and the page still
reads as one text. Every line is broken by :func:`~curator.core.layout.text.break_text` with
the PDF's measure, after :func:`~curator.core.language.typography.typeset` and with the language's
hyphenation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from curator.core.language.typography import (
    Role,
    hyphenation_points,
    reversed_face,
    screened_size_pt,
    typeset,
)
from curator.core.layout.catalogue_model import Align, PageText, Tone
from curator.core.layout.geometry import EPSILON_MM, Rect
from curator.core.layout.style import CaptionStyle, TextMeasure
from curator.core.layout.text import break_text, caption_block
from curator.core.model import CaptionField

SERIF = "NotoSerif-Regular"
SERIF_BOLD = "NotoSerif-Bold"
SERIF_ITALIC = "NotoSerif-Italic"
SANS = "NotoSans-Regular"
SANS_BOLD = "NotoSans-Bold"

#: Captions in the leading language, and in the others.
LEAD_CAPTION = CaptionStyle(
    headline_font=SERIF_BOLD,
    body_font=SANS,
    credit_font=SANS,
    headline_pt=10.5,
    body_pt=8.5,
    credit_pt=7.0,
    paragraph_gap_mm=1.2,
    language_gap_mm=5.0,
    caption_gap_mm=4.0,
    min_column_mm=45.0,
)
SECOND_CAPTION = replace(
    LEAD_CAPTION, headline_font=SERIF_BOLD, headline_pt=9.0, body_pt=7.5, credit_pt=6.5
)


@dataclass(frozen=True, slots=True)
class TextStyle:
    """A paragraph's font, size, tone and line spacing (a multiple of the size; 0: the font's)."""

    font: str
    size_pt: float
    tone: Tone
    leading: float = 0.0


#: Tones printed as a screen of the ink (grey), and reversed out of the cover's ground.
SCREENED_TONES = frozenset({Tone.SECOND, Tone.MUTED, Tone.INVERSE_MUTED})
REVERSED_TONES = frozenset({Tone.INVERSE, Tone.INVERSE_MUTED})


def readable(style: TextStyle) -> TextStyle:
    """``style`` with the print rules for its tone.

    Screened grey text at least 8 pt, reversed text at least 8 pt and bold below 12 pt
    (:mod:`curator.core.language.typography`).
    """
    size, font = style.size_pt, style.font
    if style.tone in SCREENED_TONES:
        size = screened_size_pt(size)
    if style.tone in REVERSED_TONES:
        font, size = reversed_face(font, size)
    return replace(style, font=font, size_pt=size)


@dataclass(frozen=True, slots=True)
class Setter:
    """Breaks and places text with one measure, in the language order of one catalogue."""

    measure: TextMeasure
    languages: tuple[str, ...]
    #: Apply :func:`readable` (the print rules for screened and reversed text) to every
    #: paragraph: the catalogue does; the approval proof, a screen and office-printer
    #: document, keeps its small grey notes.
    print_rules: bool = False

    def rank_tone(self, language: str) -> Tone:
        """LEAD for the first language, SECOND for the others."""
        return Tone.LEAD if language == self.languages[0] else Tone.SECOND

    def caption_style(self, language: str, scale: float = 1.0) -> CaptionStyle:
        """The caption style of a language by its rank, optionally scaled.

        The other languages print in screened grey, so none of their sizes goes below
        :data:`~curator.core.language.typography.SCREENED_MIN_PT`.
        """
        lead = language == self.languages[0]
        style = LEAD_CAPTION if lead else SECOND_CAPTION
        if scale != 1.0:
            style = replace(
                style,
                headline_pt=style.headline_pt * scale,
                body_pt=style.body_pt * scale,
                credit_pt=style.credit_pt * scale,
                paragraph_gap_mm=style.paragraph_gap_mm * scale,
            )
        if lead or not self.print_rules:
            return style
        return replace(
            style,
            headline_pt=screened_size_pt(style.headline_pt),
            body_pt=screened_size_pt(style.body_pt),
            credit_pt=screened_size_pt(style.credit_pt),
        )

    def line_height(self, style: TextStyle) -> float:
        """Baseline to baseline for a style."""
        natural = self.measure.line_height_mm(style.font, style.size_pt)
        if style.leading <= 0:
            return natural
        return max(natural, style.leading * style.size_pt * 25.4 / 72.0)

    def paragraph(
        self,
        text: str,
        language: str | None,
        box: Rect,
        top: float,
        style: TextStyle,
        align: Align = Align.LEFT,
        hyphenate: bool = True,
        balance: bool = False,
    ) -> tuple[list[PageText], float]:
        """Set ``text`` from ``top`` in ``box``'s width; returns the lines and the next top.

        Lines whose bottom passes ``box``'s bottom are marked ``overflows``. ``balance``
        (for titles) narrows the measure as far as it goes without adding a line, so a
        title's last line is not left with one short word.
        """
        role = Role.TITLE if balance else Role.TEXT
        points = hyphenation_points(language, role) if language and hyphenate else None
        if self.print_rules:
            style = readable(style)
        typeset_text = typeset(text, language or "und")
        if balance:
            box = self._balanced(typeset_text, box, style)
        height = self.line_height(style)
        ascent = self.measure.ascent_mm(style.font, style.size_pt)
        ascent += (height - self.measure.line_height_mm(style.font, style.size_pt)) / 2
        x = {Align.LEFT: box.x_mm, Align.RIGHT: box.right_mm, Align.CENTRE: box.x_mm}[align]
        if align is Align.CENTRE:
            x = box.x_mm + box.width_mm / 2
        lines = []
        for line in break_text(
            typeset_text, box.width_mm, style.font, style.size_pt, self.measure, points
        ):
            overflows = top + height > box.bottom_mm + EPSILON_MM
            lines.append(
                PageText(
                    line.text,
                    style.font,
                    style.size_pt,
                    x,
                    top + ascent,
                    style.tone,
                    align,
                    language,
                    overflows=overflows,
                    hyphenated=line.hyphenated,
                    joins_next=line.joins_next,
                )
            )
            top += height
        return lines, top

    def _balanced(self, text: str, box: Rect, style: TextStyle) -> Rect:
        def count(width: float) -> int:
            return len(break_text(text, width, style.font, style.size_pt, self.measure))

        lines = count(box.width_mm)
        if lines < 2:
            return box
        low, high = box.width_mm / lines, box.width_mm
        for _step in range(12):
            middle = (low + high) / 2
            low, high = (low, middle) if count(middle) <= lines else (middle, high)
        return Rect(box.x_mm, box.y_mm, high, box.height_mm)

    def caption(
        self, photo_id: str, language: str, rect: Rect, fields: Mapping[CaptionField, str],
        scale: float = 1.0,
    ) -> tuple[list[PageText], float]:  # fmt: skip
        """One language's caption in ``rect``; returns its lines and the bottom of the last."""
        style = self.caption_style(language, scale)
        typeset_fields = {field: typeset(text, language) for field, text in fields.items()}
        points = hyphenation_points(language)
        block = caption_block(
            language, rect, typeset_fields, style, self.measure, points, with_budget=False
        )
        tone = self.rank_tone(language)
        lines = []
        bottom = rect.y_mm
        for line in block.lines:
            descent = self.measure.line_height_mm(line.font, line.size_pt) - self.measure.ascent_mm(
                line.font, line.size_pt
            )
            bottom = line.baseline_mm + descent
            lines.append(
                PageText(
                    line.text,
                    line.font,
                    line.size_pt,
                    line.x_mm,
                    line.baseline_mm,
                    tone,
                    Align.LEFT,
                    language,
                    line.field,
                    photo_id,
                    line.overflows,
                    line.hyphenated,
                    line.joins_next,
                )
            )
        return lines, bottom

    def caption_area(self, language: str, fields: Mapping[CaptionField, str]) -> float:
        """How much page one language's caption takes, in mm².

        Each field's measured length times its line height, in that language's caption style:
        what sizes its column.
        """
        style = self.caption_style(language)
        faces = {
            CaptionField.HEADLINE: (style.headline_font, style.headline_pt),
            CaptionField.CREDIT: (style.credit_font, style.credit_pt),
        }
        area = 0.0
        for key, text in fields.items():
            font, size = faces.get(key, (style.body_font, style.body_pt))
            length = self.measure.width_mm(typeset(text, language), font, size)
            area += length * self.measure.line_height_mm(font, size)
        return area

    def headline_width(self, language: str, fields: Mapping[CaptionField, str]) -> float:
        """How wide one language's headline is on one line, in its caption style (0: none)."""
        text = fields.get(CaptionField.HEADLINE, "").strip()
        if not text:
            return 0.0
        style = self.caption_style(language)
        return self.measure.width_mm(
            typeset(text, language), style.headline_font, style.headline_pt
        )

    def caption_height(
        self, language: str, width_mm: float, fields: Mapping[CaptionField, str], scale: float = 1.0
    ) -> float:
        """How tall one language's caption is in a column ``width_mm`` wide."""
        lines, bottom = self.caption("", language, Rect(0, 0, width_mm, 10_000), fields, scale)
        return bottom if lines else 0.0
