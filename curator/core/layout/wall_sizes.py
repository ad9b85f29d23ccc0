"""Wall type sizes from the distance the text is read at, never below the wall's floors.

The rule: text is read fluently when its x-height subtends at least the *critical print
size*, about 0.2 degrees of visual angle (G. E. Legge and C. A. Bigelow, "Does print size
matter for reading? A review of findings from vision science and typography", Journal of
Vision 11(5):8, 2011). At a distance of ``d`` metres that is an x-height of
``d * 1000 * tan(0.2°)``, about 3.5 mm per metre; the bundled Noto Sans has an x-height of
0.536 em, so the text size is about 18.5 pt per metre of viewing distance. That agrees with
museum practice, which puts the floor for exhibit text read from a step back (about a
metre) at 18 pt (Smithsonian Guidelines for Accessible Exhibition Design, "Label Design
and Text").

The size the rule gives is the text size of the languages after the first (the lead
language is set a step larger); headlines, credits and the section's title keep their
proportions to it. Whatever the distance or a size chosen directly, no panel text is
below :data:`PANEL_MIN_PT` and no label text below :data:`LABEL_MIN_PT`, in any language.
"""

from __future__ import annotations

import math
from dataclasses import replace

from curator.core.layout.style import LABEL_STYLE, PANEL_MIN_PT, PANEL_STYLE, CaptionStyle

#: The critical print size: the x-height's visual angle for fluent reading, in degrees.
CRITICAL_PRINT_DEG = 0.2
#: Noto Sans's x-height, in ems (its ``x`` is 536 units of 1000 high).
X_HEIGHT_EM = 0.536
POINTS_PER_MM = 72.0 / 25.4

#: The smallest type on a wall label, in every language (read at arm's length).
LABEL_MIN_PT = 12.0
#: Where a panel is read from by default: a step back (the rule gives 22 pt).
PANEL_DISTANCE_CM = 120
#: Where a label is read from by default: arm's length (the rule gives 11 pt: the floor, 12).
LABEL_DISTANCE_CM = 60
#: How far away the settings allow panels and labels to be read from.
PANEL_DISTANCE_BOUNDS_CM = (50, 500)
LABEL_DISTANCE_BOUNDS_CM = (30, 200)
#: The largest text size chosen directly.
PANEL_MAX_PT = 96
LABEL_MAX_PT = 48

#: The label styles at the floor: the lead language larger, the others a step smaller
#: (and grey on the label), never below :data:`LABEL_MIN_PT`.
LABEL_BASE = replace(LABEL_STYLE, headline_pt=14.0, body_pt=LABEL_MIN_PT, credit_pt=LABEL_MIN_PT)
#: How much larger the lead language's headline and text are on a label, at the floor.
LABEL_LEAD_STEP = (4.0, 2.0)


def reading_pt(distance_cm: float) -> float:
    """The text size whose x-height is the critical print size at ``distance_cm``."""
    x_height_mm = distance_cm * 10.0 * math.tan(math.radians(CRITICAL_PRINT_DEG))
    return x_height_mm / X_HEIGHT_EM * POINTS_PER_MM


def _half(points: float) -> float:
    """Rounded to half a point, as type sizes are chosen."""
    return round(points * 2) / 2


def text_pt(distance_cm: float, chosen_pt: float, floor_pt: float) -> float:
    """The text size of the languages after the first: chosen, or by the rule, floored."""
    wanted = chosen_pt if chosen_pt > 0 else _half(reading_pt(distance_cm))
    return max(floor_pt, wanted)


def panel_style(distance_cm: float = PANEL_DISTANCE_CM, chosen_pt: float = 0.0) -> CaptionStyle:
    """The panel style (languages after the first) for text read at ``distance_cm``.

    ``chosen_pt`` (when positive) sets the text size directly. Headline, credit and title
    keep :data:`PANEL_STYLE`'s proportions to the text; the lead language's step grows with
    the text (two points at 22 pt).
    """
    body = text_pt(distance_cm, chosen_pt, PANEL_MIN_PT)
    scale = body / PANEL_STYLE.body_pt
    return replace(
        PANEL_STYLE,
        headline_pt=_half(PANEL_STYLE.headline_pt * scale),
        body_pt=body,
        credit_pt=max(PANEL_MIN_PT, _half(PANEL_STYLE.credit_pt * scale)),
        title_pt=_half(PANEL_STYLE.title_pt * scale),
        lead_step_pt=max(PANEL_STYLE.lead_step_pt, _half(PANEL_STYLE.lead_step_pt * scale)),
    )


def label_styles(
    distance_cm: float = LABEL_DISTANCE_CM, chosen_pt: float = 0.0
) -> tuple[CaptionStyle, CaptionStyle]:
    """The label styles ``(lead language, the others)`` for text read at ``distance_cm``."""
    body = text_pt(distance_cm, chosen_pt, LABEL_MIN_PT)
    scale = body / LABEL_BASE.body_pt
    others = replace(
        LABEL_BASE,
        headline_pt=_half(LABEL_BASE.headline_pt * scale),
        body_pt=body,
        credit_pt=body,
    )
    headline_step, body_step = LABEL_LEAD_STEP
    lead = replace(
        others,
        headline_pt=_half(others.headline_pt + headline_step * scale),
        body_pt=_half(body + body_step * scale),
    )
    return lead, others
