"""The section's title on the first panel of the section, one line per language.

The title band is the top of the first panel's content box: one line of the style's
``title_pt`` in the headline font per project language, in the project's language order,
then ``title_gap_mm`` before the photos. Its height depends only on the style and the
number of languages (the fonts' nominal line height, which is the bundled Noto fonts' own),
so the planner and the geometry of a stored panel agree on it without measuring the titles.
A title longer than the line breaks, and the lines past the first are marked as overflowing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from curator.core.language.text import nfc
from curator.core.layout.geometry import EPSILON_MM, MM_PER_POINT, Rect
from curator.core.layout.regions import NOMINAL_LINE_FACTOR
from curator.core.layout.style import CaptionStyle, TextMeasure
from curator.core.layout.text import CaptionBlock, CaptionLine, break_lines, sample_fill
from curator.core.model import CaptionField


def title_line_mm(style: CaptionStyle) -> float:
    """The height of one title line."""
    return style.title_pt * NOMINAL_LINE_FACTOR * MM_PER_POINT


def title_band_mm(languages: int, style: CaptionStyle) -> float:
    """The height a section's titles take at the top of its first panel (gap included)."""
    if languages <= 0 or style.title_pt <= 0:
        return 0.0
    return languages * title_line_mm(style) + style.title_gap_mm


def title_blocks(
    titles: Mapping[str, str],
    languages: Sequence[str],
    content: Rect,
    style: CaptionStyle,
    measure: TextMeasure,
) -> tuple[CaptionBlock, ...]:
    """One block per language (title lines set as headlines) at the top of ``content``.

    A language without a title gets an empty block that fits; ``budget_chars`` is how many
    characters of ordinary text in that language fit on the title's one line.
    """
    if style.title_pt <= 0:
        return ()
    line_mm = title_line_mm(style)
    font, size = style.headline_font, style.title_pt
    ascent = measure.ascent_mm(font, size)
    blocks = []
    for index, language in enumerate(languages):
        rect = Rect(content.x_mm, content.y_mm + index * line_mm, content.width_mm, line_mm)
        text = nfc(titles.get(language, "") or "").strip()
        lines = []
        for number, line in enumerate(break_lines(text, rect.width_mm, font, size, measure)):
            baseline = rect.y_mm + number * line_mm + ascent
            overflows = (number + 1) * line_mm > line_mm + EPSILON_MM
            lines.append(
                CaptionLine(line, font, size, rect.x_mm, baseline, CaptionField.HEADLINE, overflows)
            )
        blocks.append(
            CaptionBlock(
                language=language,
                rect=rect,
                lines=tuple(lines),
                fits=len(lines) <= 1,
                budget_chars=sample_fill(language, rect.width_mm, 1, font, size, measure),
                missing=measure.missing_characters(text, font),
            )
        )
    return tuple(blocks)
