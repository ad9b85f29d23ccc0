"""Routes of the visit (issue #26): ordered stops on the hall's plan, their times and checks.

A route has a name, a walking speed (m/s) and the time allotted to it (minutes). A stop is a
panel, or one photo on a panel, with the minutes spent there and the curator's talking points
per language. Walking between two stops is the straight line between their panels' centres
on the plan (a panel's centre is half its width along its wall or stand from where it hangs;
the aisles' detours are not counted), at the route's speed; the route starts at its first
stop. Checks, with stable codes: ``visit-over-time`` (the route's total is over its
allotted time) and ``stop-not-placed`` (a stop on a panel the hall does not place, so no
walk to or from it can be measured).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from curator.core.hall.model import Hall, PanelSize, Placement, Point
from curator.i18n import _, number_text

DEFAULT_SPEED_M_S = 0.8
DEFAULT_ALLOTTED_MIN = 15.0
DEFAULT_STOP_MIN = 2.0


@dataclass(frozen=True, slots=True)
class Stop:
    """One stop: a panel (``photo_id`` None) or a photo on it, minutes there, talking points.

    ``stop_id`` stays with the stop through moves (translators' files name it);
    ``points`` pairs a language with its talking points, in the project's order.
    """

    stop_id: str
    panel_id: str
    photo_id: str | None
    minutes: float
    points: tuple[tuple[str, str], ...] = ()

    def point(self, language: str) -> str:
        """The talking points in ``language`` ("" when none were written)."""
        return dict(self.points).get(language, "")


@dataclass(frozen=True, slots=True)
class Route:
    """A route of the visit: its stops in order, the walking speed and the time allotted."""

    name: str
    speed_m_s: float = DEFAULT_SPEED_M_S
    allotted_min: float = DEFAULT_ALLOTTED_MIN
    stops: tuple[Stop, ...] = ()


@dataclass(frozen=True, slots=True)
class StopTime:
    """A stop's times: the walk to it (None: not measurable), the stay, and the running total."""

    stop: Stop
    walk_m: float | None
    walk_min: float | None
    stay_min: float
    cumulative_min: float


@dataclass(frozen=True, slots=True)
class RouteTimes:
    """A route's stops with their times, and the totals."""

    route: Route
    stops: tuple[StopTime, ...]
    walk_m: float
    total_min: float

    @property
    def over_time(self) -> bool:
        """Whether the route takes longer than allotted."""
        return self.total_min > self.route.allotted_min + 1e-9


def format_walk_time(minutes: float) -> str:
    """A walk's duration as people read it: seconds under a minute ("20 s"), else "1.3 min".

    The one spelling of a walk's time for ``visit show``, the Hall tab and the booklet.
    """
    seconds = round(minutes * 60)
    if seconds < 60:
        return _("%(seconds)d s") % {"seconds": seconds}
    return _("%(minutes)s min") % {"minutes": number_text(minutes, 1)}


@dataclass(frozen=True, slots=True)
class VisitFinding:
    """One problem of a route (``curator visit check``)."""

    code: str
    message: str
    route: str
    stops: tuple[int, ...] = ()

    def to_json(self) -> dict[str, object]:
        """The finding as ``--json`` prints it."""
        return {
            "code": self.code,
            "message": self.message,
            "route": self.route,
            "stops": list(self.stops),
        }


def panel_centre(hall: Hall, placement: Placement, width_mm: float) -> Point | None:
    """Where the middle of a hung panel is on the plan (None: its support is not in the hall)."""
    support = placement.support
    along = placement.offset_mm + width_mm / 2
    if support.kind == "wall":
        wall = hall.wall(support.number)
        if wall is None or wall.length_mm <= 0:
            return None
        (x1, y1), (x2, y2) = wall.start, wall.end
        share = along / wall.length_mm
        return (x1 + (x2 - x1) * share, y1 + (y2 - y1) * share)
    stand = hall.stand(support.number)
    if stand is None:
        return None
    (x1, y1), (x2, y2) = stand.ends
    share = along / stand.length_mm
    return (x1 + (x2 - x1) * share, y1 + (y2 - y1) * share)


def panel_centres(hall: Hall, panels: Sequence[PanelSize]) -> dict[str, Point]:
    """Every placed panel's centre on the plan, by panel id."""
    widths = {panel.panel_id: panel.width_mm for panel in panels}
    centres: dict[str, Point] = {}
    for placement in hall.placements:
        width = widths.get(placement.panel_id)
        if width is None:
            continue
        centre = panel_centre(hall, placement, width)
        if centre is not None:
            centres[placement.panel_id] = centre
    return centres


def route_times(route: Route, centres: dict[str, Point]) -> RouteTimes:
    """The walk to each stop, its stay and the running total, at the route's speed."""
    timed: list[StopTime] = []
    total = 0.0
    walked = 0.0
    before: Point | None = None
    for index, stop in enumerate(route.stops):
        here = centres.get(stop.panel_id)
        walk_m: float | None = 0.0 if index == 0 else None
        if index and here is not None and before is not None:
            walk_m = math.dist(before, here) / 1000.0
        walk_min = None if walk_m is None else walk_m / route.speed_m_s / 60.0
        total += (walk_min or 0.0) + stop.minutes
        walked += walk_m or 0.0
        timed.append(StopTime(stop, walk_m, walk_min, stop.minutes, total))
        before = here
    return RouteTimes(route, tuple(timed), walked, total)


def check_route(
    times: RouteTimes, centres: dict[str, Point], references: dict[str, str]
) -> list[VisitFinding]:
    """``stop-not-placed`` for each stop off the plan, then ``visit-over-time``."""
    route = times.route
    found: list[VisitFinding] = []
    for number, stop in enumerate(route.stops, 1):
        if stop.panel_id not in centres:
            message = _(
                "Stop %(stop)d of “%(route)s” is at panel %(panel)s, which is not placed in "
                "the hall: the walk to it is not counted."
            ) % {
                "stop": number,
                "route": route.name,
                "panel": references.get(stop.panel_id, stop.panel_id),
            }
            found.append(VisitFinding("stop-not-placed", message, route.name, (number,)))
    if times.over_time:
        message = _(
            "“%(route)s” takes %(total)s minutes, over the %(allotted)s minutes allotted."
        ) % {
            "route": route.name,
            "total": number_text(times.total_min, 1),
            "allotted": number_text(route.allotted_min),
        }
        found.append(VisitFinding("visit-over-time", message, route.name))
    return found
