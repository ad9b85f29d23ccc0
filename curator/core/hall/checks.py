"""Checks of the hall, each finding with a stable code (``curator hall check``).

``panel-too-long``: a panel longer than its wall or stand, or running past its end;
``panel-overlap``: two panels on the same wall or stand face overlapping;
``panel-too-tall``: a panel taller than its wall or stand;
``panel-blocks-door``: a panel across a door opening;
``aisle-too-narrow``: two walls or stands facing each other (nearly parallel, side by side)
closer than ``aisle_mm``; ``placement-unknown``: a placement on a wall or stand the hall lacks.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from curator.core.hall.model import Hall, PanelSize, Placement, Point, Support
from curator.i18n import _

#: Walls or stands turned less than this from each other face each other.
_FACING_DEG = 20.0
#: Lengths equal within this are equal (mm).
_EPSILON = 0.5


@dataclass(frozen=True, slots=True)
class HallFinding:
    """One problem of the hall."""

    code: str
    message: str
    panel_ids: tuple[str, ...] = ()
    supports: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        """The finding as ``curator hall check --json`` prints it."""
        return {
            "code": self.code,
            "message": self.message,
            "panels": list(self.panel_ids),
            "supports": list(self.supports),
        }


def _placement_findings(hall: Hall, placement: Placement, panel: PanelSize) -> list[HallFinding]:
    support = placement.support
    where = support.label()
    named = support.name()
    extent = hall.extent(support)
    if extent is None:
        message = _("Panel %(panel)s hangs on %(support)s, which the hall does not have.")
        unknown = {"panel": panel.reference, "support": named}
        return [HallFinding("placement-unknown", message % unknown, (panel.panel_id,), (where,))]
    length, height = extent
    found: list[HallFinding] = []
    args: dict[str, object] = {
        "panel": panel.reference,
        "support": named,
        "width": round(panel.width_mm),
        "height": round(panel.height_mm),
        "length": round(length),
        "room": round(height),
    }
    if panel.width_mm > length + _EPSILON:
        message = _("Panel %(panel)s (%(width)s mm) is longer than %(support)s (%(length)s mm).")
        found.append(HallFinding("panel-too-long", message % args, (panel.panel_id,), (where,)))
    elif placement.offset_mm + panel.width_mm > length + _EPSILON:
        message = _("Panel %(panel)s runs past the end of %(support)s (%(length)s mm long).")
        found.append(HallFinding("panel-too-long", message % args, (panel.panel_id,), (where,)))
    if panel.height_mm > height + _EPSILON:
        message = _("Panel %(panel)s (%(height)s mm) is taller than %(support)s (%(room)s mm).")
        found.append(HallFinding("panel-too-tall", message % args, (panel.panel_id,), (where,)))
    wall = hall.wall(support.number) if support.kind == "wall" else None
    for door in wall.doors if wall else ():
        start, end = placement.offset_mm, placement.offset_mm + panel.width_mm
        if start < door.end_mm - _EPSILON and end > door.offset_mm + _EPSILON:
            message = _("Panel %(panel)s covers the door at %(door)s mm on %(support)s.")
            found.append(
                HallFinding(
                    "panel-blocks-door",
                    message % {**args, "door": round(door.offset_mm)},
                    (panel.panel_id,),
                    (where,),
                )
            )
    return found


def _overlaps(hall: Hall, sizes: dict[str, PanelSize]) -> list[HallFinding]:
    by_support: dict[Support, list[Placement]] = {}
    for placement in hall.placements:
        if placement.panel_id in sizes:
            by_support.setdefault(placement.support, []).append(placement)
    found: list[HallFinding] = []
    for support, placements in by_support.items():
        ordered = sorted(placements, key=lambda p: p.offset_mm)
        for index, first in enumerate(ordered):
            first_end = first.offset_mm + sizes[first.panel_id].width_mm
            for second in ordered[index + 1 :]:
                if second.offset_mm >= first_end - _EPSILON:
                    break
                message = _("Panels %(first)s and %(second)s overlap on %(support)s.") % {
                    "first": sizes[first.panel_id].reference,
                    "second": sizes[second.panel_id].reference,
                    "support": support.name(),
                }
                found.append(
                    HallFinding(
                        "panel-overlap",
                        message,
                        (first.panel_id, second.panel_id),
                        (support.label(),),
                    )
                )
    return found


def _segments(hall: Hall) -> list[tuple[Support, Point, Point]]:
    walls = [(Support("wall", wall.number), wall.start, wall.end) for wall in hall.walls]
    return walls + [(Support("stand", stand.number), *stand.ends) for stand in hall.stands]


def _whole_name(support: Support) -> str:
    """A wall's or a whole stand's name in a message (``stand 1``: both faces)."""
    if support.kind == "wall":
        return support.name()
    return _("stand %(number)d") % {"number": support.number}


def _whole_label(support: Support) -> str:
    return support.label() if support.kind == "wall" else f"stand {support.number}"


def _facing_gap(a: tuple[Point, Point], b: tuple[Point, Point]) -> float | None:
    """The distance across an aisle between two segments that face each other, else None."""
    (ax, ay), (bx, by) = a
    length = math.dist(*a)
    if length <= 0 or math.dist(*b) <= 0:
        return None
    ux, uy = (bx - ax) / length, (by - ay) / length
    (cx, cy), (dx, dy) = b
    turn = math.degrees(math.atan2(dy - cy, dx - cx) - math.atan2(uy, ux)) % 180.0
    if min(turn, 180.0 - turn) > _FACING_DEG:
        return None
    along = sorted(((px - ax) * ux + (py - ay) * uy) for px, py in b)
    if min(along[1], length) - max(along[0], 0.0) <= _EPSILON:
        return None  # end to end, not side by side
    across = [abs((px - ax) * uy - (py - ay) * ux) for px, py in b]
    return min(across)


def _aisles(hall: Hall, aisle_mm: float) -> list[HallFinding]:
    segments = _segments(hall)
    found: list[HallFinding] = []
    for index, (first, *a) in enumerate(segments):
        for second, *b in segments[index + 1 :]:
            gap = _facing_gap((a[0], a[1]), (b[0], b[1]))
            if gap is None or gap >= aisle_mm - _EPSILON:
                continue
            message = _(
                "The aisle between %(first)s and %(second)s is %(gap)s mm wide;"
                " the hall asks for at least %(aisle)s mm."
            ) % {
                "first": _whole_name(first),
                "second": _whole_name(second),
                "gap": round(gap),
                "aisle": round(aisle_mm),
            }
            supports = (_whole_label(first), _whole_label(second))
            found.append(HallFinding("aisle-too-narrow", message, (), supports))
    return found


def check_hall(hall: Hall, panels: Sequence[PanelSize], aisle_mm: float) -> list[HallFinding]:
    """Every finding of ``hall`` with the panels' sizes, placements first, then the aisles."""
    sizes = {panel.panel_id: panel for panel in panels}
    found: list[HallFinding] = []
    for placement in hall.placements:
        panel = sizes.get(placement.panel_id)
        if panel is not None:
            found.extend(_placement_findings(hall, placement, panel))
    return found + _overlaps(hall, sizes) + _aisles(hall, aisle_mm)
