"""Where caption blocks go under a photo, and how much room the planner leaves for them.

Under a wide frame the languages sit side by side in columns (each at least the style's
``min_column_mm``); under a narrow one they are stacked in the project's language order.
The planner reserves room for a caption of ``style.reserve_chars`` characters per language,
estimated from nominal font metrics (or the measure's line heights when one is given); the
real lines and their fit are computed later by :func:`~curator.core.layout.text.caption_block`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from curator.core.layout.geometry import MM_PER_POINT, Rect
from curator.core.layout.style import CaptionStyle, TextMeasure, TextRole

#: Line height of the bundled Noto fonts as a multiple of the size (their ascent plus
#: descent); used for planning when no measure is given.
NOMINAL_LINE_FACTOR = 1.362
#: Mean advance of Latin, Vietnamese and Cyrillic running text in Noto Sans, in ems.
NOMINAL_ADVANCE_EM = 0.55
#: The place/date line and the credit.
_CREDIT_LINES = 2
#: The photo keeps at least this share of its frame's height.
_MIN_PHOTO_SHARE = 0.4


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


def caption_room_suffices(
    frame: Rect, languages: int, style: CaptionStyle, measure: TextMeasure | None = None
) -> bool:
    """Whether the frame holds its captions and still leaves the photo its minimum share."""
    return _needed_reserve_mm(frame, languages, style, measure) <= frame.height_mm * (
        1 - _MIN_PHOTO_SHARE
    )


def caption_reserve_mm(
    frame: Rect, languages: int, style: CaptionStyle, measure: TextMeasure | None = None
) -> float:
    """The height the planner keeps under a photo for its captions (gap included)."""
    reserve = _needed_reserve_mm(frame, languages, style, measure)
    return min(reserve, frame.height_mm * (1 - _MIN_PHOTO_SHARE))


def _needed_reserve_mm(
    frame: Rect, languages: int, style: CaptionStyle, measure: TextMeasure | None
) -> float:
    if languages == 0:
        return 0.0
    gap = style.language_gap_mm
    if uses_columns(frame.width_mm, languages, style):
        column = (frame.width_mm - (languages - 1) * gap) / languages
        blocks = _block_mm(column, style, measure)
    else:
        blocks = languages * _block_mm(frame.width_mm, style, measure) + (languages - 1) * gap
    return style.caption_gap_mm + blocks
