"""What the installers' plan shows: the scale it is drawn at, and each support's panels in order.

The hall is drawn at the largest standard architect's scale (:data:`STANDARD_SCALES`, 1:20 to
1:200) at which it fits the paper's drawing area, upright or turned landscape, whichever gives
the larger scale (landscape when both do as well and the hall is wider than deep). Each panel
hangs with its centre ``centre_mm`` above the floor, its bottom edge half its height lower and
never below the floor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from curator.core.hall.model import Hall, PanelSize, Point, Support

#: Architects' scales, largest first (1:20 draws 1 m as 50 mm).
STANDARD_SCALES = (20, 25, 50, 75, 100, 200)


@dataclass(frozen=True, slots=True)
class PlanScale:
    """The scale's denominator (50 for 1:50) and whether the paper is turned landscape."""

    denominator: int
    landscape: bool


@dataclass(frozen=True, slots=True)
class Hung:
    """A panel on the plan: where it hangs, from where along its support, how high."""

    panel: PanelSize
    support: Support
    offset_mm: float
    bottom_mm: float


def hall_points(hall: Hall) -> list[Point]:
    """Every wall's ends and every stand's ends."""
    points = [point for wall in hall.walls for point in (wall.start, wall.end)]
    return points + [point for stand in hall.stands for point in stand.ends]


def extent(hall: Hall) -> tuple[Point, Point]:
    """The plan's bounding box, lower left and upper right (mm); the hall must have walls."""
    points = hall_points(hall)
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys)), (max(xs), max(ys))


def choose_scale(
    size_mm: tuple[float, float], upright: tuple[float, float], landscape: tuple[float, float]
) -> PlanScale | None:
    """The largest standard scale drawing ``size_mm`` within the paper's drawing area.

    ``upright`` and ``landscape`` are the drawing area (width, height) on the paper upright
    and turned. None when the hall does not fit even at the smallest scale.
    """
    width, height = size_mm
    for denominator in STANDARD_SCALES:
        fits_upright = width / denominator <= upright[0] and height / denominator <= upright[1]
        fits_landscape = (
            width / denominator <= landscape[0] and height / denominator <= landscape[1]
        )
        if fits_upright and fits_landscape:
            return PlanScale(denominator, width > height)
        if fits_upright or fits_landscape:
            return PlanScale(denominator, fits_landscape)
    return None


def bottom_edge(height_mm: float, centre_mm: float) -> float:
    """How high a panel's bottom edge hangs when its centre is at ``centre_mm``."""
    return max(0.0, centre_mm - height_mm / 2)


def hanging_order(hall: Hall, panels: Sequence[PanelSize], centre_mm: float) -> list[Hung]:
    """Each wall's panels, then each stand's face A and B, each from its start."""
    sizes = {panel.panel_id: panel for panel in panels}
    supports = [Support("wall", wall.number) for wall in hall.walls] + [
        Support("stand", stand.number, face) for stand in hall.stands for face in (0, 1)
    ]
    hung: list[Hung] = []
    for support in supports:
        on = sorted(
            (p for p in hall.placements if p.support == support and p.panel_id in sizes),
            key=lambda p: p.offset_mm,
        )
        for placement in on:
            panel = sizes[placement.panel_id]
            bottom = bottom_edge(panel.height_mm, centre_mm)
            hung.append(Hung(panel, support, placement.offset_mm, bottom))
    return hung
