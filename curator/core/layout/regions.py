"""Where caption blocks go under a photo, and how much room the planner leaves for them.

Under a wide frame the languages sit side by side in columns (each at least the style's
``min_column_mm``); under a narrow one they are stacked in the project's language order.
The planner reserves room for a caption of ``style.reserve_chars`` characters per language,
estimated from nominal font metrics (or the measure's line heights when one is given), and,
when it knows the measure and a photo's caption texts, at least the room the real text takes
set by the PDF's measure - so what it plans fits what
:func:`~curator.core.layout.text.caption_block` later sets.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from curator.core.layout.geometry import MM_PER_POINT, Rect
from curator.core.layout.style import CaptionStyle, TextMeasure, TextRole, lead_style
from curator.core.layout.text import caption_height_mm
from curator.core.model import CaptionField

#: Line height of the bundled Noto fonts as a multiple of the size (their ascent plus
#: descent); used for planning when no measure is given.
NOMINAL_LINE_FACTOR = 1.362
#: Mean advance of Latin, Vietnamese and Cyrillic running text in Noto Sans, in ems.
NOMINAL_ADVANCE_EM = 0.55
#: The place/date line and the credit.
_CREDIT_LINES = 2
#: The photo keeps at least this share of its frame's height.
MIN_PHOTO_SHARE = 0.4


def uses_columns(width_mm: float, languages: int, style: CaptionStyle) -> bool:
    """Whether ``languages`` caption blocks fit side by side in ``width_mm``."""
    if languages <= 1:
        return False
    column = (width_mm - (languages - 1) * style.language_gap_mm) / languages
    return column >= style.min_column_mm


def caption_rects(area: Rect, languages: Sequence[str], style: CaptionStyle) -> tuple[Rect, ...]:
    """One rectangle per language inside ``area``, in the order of ``languages``."""
    count = len(languages)
    if count == 0:
        return ()
    gap = style.language_gap_mm
    if uses_columns(area.width_mm, count, style):
        width = (area.width_mm - (count - 1) * gap) / count
        return tuple(
            Rect(area.x_mm + i * (width + gap), area.y_mm, width, area.height_mm)
            for i in range(count)
        )
    height = max(0.0, (area.height_mm - (count - 1) * gap) / count)
    return tuple(
        Rect(area.x_mm, area.y_mm + i * (height + gap), area.width_mm, height) for i in range(count)
    )


def _line_mm(style: CaptionStyle, role: TextRole, measure: TextMeasure | None) -> float:
    size = style.size_pt(role)
    if measure is not None:
        return measure.line_height_mm(style.font(role), size)
    return size * NOMINAL_LINE_FACTOR * MM_PER_POINT


def _block_mm(width_mm: float, style: CaptionStyle, measure: TextMeasure | None) -> float:
    per_line = max(1.0, width_mm / (style.body_pt * NOMINAL_ADVANCE_EM * MM_PER_POINT))
    body_lines = math.ceil(style.reserve_chars / per_line)
    return (
        _line_mm(style, TextRole.HEADLINE, measure)
        + body_lines * _line_mm(style, TextRole.BODY, measure)
        + _CREDIT_LINES * _line_mm(style, TextRole.CREDIT, measure)
        + 3 * style.paragraph_gap_mm
    )


#: ``{language: {field: text}}`` of one photo.
PhotoCaptions = Mapping[str, Mapping[CaptionField, str]]


def _count(languages: int | Sequence[str]) -> int:
    return languages if isinstance(languages, int) else len(languages)


def caption_room_suffices(
    frame: Rect,
    languages: int | Sequence[str],
    style: CaptionStyle,
    measure: TextMeasure | None = None,
    texts: PhotoCaptions | None = None,
) -> bool:
    """Whether the frame holds its captions and still leaves the photo its minimum share."""
    needed = needed_reserve_mm(frame, languages, style, measure, texts)
    return needed <= frame.height_mm * (1 - MIN_PHOTO_SHARE)


def caption_reserve_mm(
    frame: Rect,
    languages: int | Sequence[str],
    style: CaptionStyle,
    measure: TextMeasure | None = None,
    texts: PhotoCaptions | None = None,
    min_photo_share: float = MIN_PHOTO_SHARE,
) -> float:
    """The height the planner keeps under a photo for its captions (gap included).

    At most ``1 - min_photo_share`` of the frame: the photo keeps the rest.
    """
    reserve = needed_reserve_mm(frame, languages, style, measure, texts)
    return min(reserve, frame.height_mm * (1 - min_photo_share))


def needed_reserve_mm(
    frame: Rect,
    languages: int | Sequence[str],
    style: CaptionStyle,
    measure: TextMeasure | None = None,
    texts: PhotoCaptions | None = None,
) -> float:
    """The room captions need under a photo in this frame, the gap above them included.

    Room for ``style.reserve_chars`` characters per language (estimated), and, when the
    measure and the photo's caption texts are known (``languages`` given as tags), at least
    the height of the real text as :func:`caption_height_mm` sets it. Stacked languages get
    equal shares of the room, so each needs the tallest one's height.
    """
    count = _count(languages)
    if count == 0:
        return 0.0
    gap = style.language_gap_mm
    columns = uses_columns(frame.width_mm, count, style)
    width = (frame.width_mm - (count - 1) * gap) / count if columns else frame.width_mm
    # The first language is set larger (lead_style): its room is what every block gets.
    tallest = _block_mm(width, lead_style(style), measure)
    if measure is not None and texts and not isinstance(languages, int):
        for index, language in enumerate(languages):
            fields = texts.get(language, {})
            styled = lead_style(style) if index == 0 else style
            # A hair of slack: the block is compared with the room in floating point.
            needed = caption_height_mm(fields, width, styled, measure) + 0.01
            tallest = max(tallest, needed)
    blocks = tallest if columns else count * tallest + (count - 1) * gap
    return style.caption_gap_mm + blocks
