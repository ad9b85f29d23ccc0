"""Snapping on the plan: points to wall ends and the grid, panels to supports and the gap.

Pure geometry for the Hall tab (the window draws; these decide where a click or a drag lands):
a wall's end snaps to another wall's end within a tolerance, else to the grid; a dragged panel
hangs on the nearest wall or stand face, and its offset snaps to keep the hall's gap from the
panel before or after it, or from the support's ends, when it comes within the tolerance.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from curator.core.hall.model import Hall, Point, Support


def snap_point(point: Point, hall: Hall, grid_mm: float, tolerance_mm: float) -> Point:
    """``point`` moved onto the nearest wall or stand end within ``tolerance_mm``, else the grid."""
    ends = [end for wall in hall.walls for end in (wall.start, wall.end)]
    ends += [end for stand in hall.stands for end in stand.ends]
    near = min(ends, key=lambda end: math.dist(end, point), default=None)
    if near is not None and math.dist(near, point) <= tolerance_mm:
        return near
    if grid_mm <= 0:
        return point
    return (round(point[0] / grid_mm) * grid_mm, round(point[1] / grid_mm) * grid_mm)


def segment(hall: Hall, support: Support) -> tuple[Point, Point] | None:
    """Where ``support`` runs on the plan, from the end its offsets count from."""
    if support.kind == "wall":
        wall = hall.wall(support.number)
        return None if wall is None else (wall.start, wall.end)
    stand = hall.stand(support.number)
    return None if stand is None else stand.ends


@dataclass(frozen=True, slots=True)
class Landing:
    """Where a point lands on a support: the support, the offset along it, the distance off it."""

    support: Support
    along_mm: float
    distance_mm: float


def nearest_support(hall: Hall, point: Point) -> Landing | None:
    """The wall or stand face nearest ``point``: a stand's face A is on the left of its direction.

    A wall's panels hang on its left, as seen walking from its start to its end (inside a room
    drawn anticlockwise); so do those on face A of a stand, face B on its right.
    """
    best: Landing | None = None
    supports = [Support("wall", wall.number) for wall in hall.walls]
    supports += [Support("stand", stand.number) for stand in hall.stands]
    for support in supports:
        ends = segment(hall, support)
        if ends is None:
            continue
        (ax, ay), (bx, by) = ends
        length = math.dist(*ends)
        if length <= 0:
            continue
        ux, uy = (bx - ax) / length, (by - ay) / length
        px, py = point[0] - ax, point[1] - ay
        along = px * ux + py * uy
        side = ux * py - uy * px  # above 0: on the left
        clamped = min(max(along, 0.0), length)
        distance = math.dist(point, (ax + ux * clamped, ay + uy * clamped))
        if support.kind == "stand" and side < 0:
            support = Support("stand", support.number, 1)
        if best is None or distance < best.distance_mm:
            best = Landing(support, along, distance)
    return best


def snap_offset(
    hall: Hall,
    widths: Mapping[str, float],
    panel_id: str,
    support: Support,
    offset_mm: float,
    gap_mm: float,
    tolerance_mm: float,
) -> float:
    """The offset for ``panel_id`` near ``offset_mm`` on ``support``, keeping the gap if near it.

    The candidates are ``gap_mm`` after the end of every other panel on that support or after
    its start, and ``gap_mm`` before every other panel or its end; the nearest within
    ``tolerance_mm`` wins, else the offset is rounded to 10 mm. Never below 0.
    """
    width = widths.get(panel_id, 0.0)
    extent = hall.extent(support)
    length = extent[0] if extent else math.inf
    candidates = [gap_mm, length - gap_mm - width]
    for placement in hall.placements:
        if placement.support != support or placement.panel_id == panel_id:
            continue
        other = widths.get(placement.panel_id, 0.0)
        candidates.append(placement.offset_mm + other + gap_mm)
        candidates.append(placement.offset_mm - gap_mm - width)
    near = [c for c in candidates if math.isfinite(c) and c >= 0]
    best = min(near, key=lambda c: abs(c - offset_mm), default=None)
    if best is not None and abs(best - offset_mm) <= tolerance_mm:
        return float(best)
    return max(0.0, round(offset_mm / 10.0) * 10.0)
