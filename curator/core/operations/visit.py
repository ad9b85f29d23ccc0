"""The visit's routes as operations: routes, stops and talking points, one edit each.

Every write replaces the routes in one transaction and returns a change set whose undo
(:class:`~.changes.RestoreRoutes`) puts every route back as it was. Routes are named by their
name, stops by their number in the route (from 1); times and checks are
:mod:`curator.core.hall.visit`'s, over the hall's plan.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from curator.core.errors import NotFoundError, UsageError
from curator.core.hall.model import PanelSize, Point
from curator.core.hall.visit import (
    DEFAULT_ALLOTTED_MIN,
    DEFAULT_SPEED_M_S,
    DEFAULT_STOP_MIN,
    Route,
    RouteTimes,
    Stop,
    VisitFinding,
    check_route,
    panel_centres,
    route_times,
)
from curator.core.language.text import clean_line, clean_text
from curator.core.operations.changes import ChangeSet, RestoreRoutes
from curator.core.repositories._util import new_id
from curator.i18n import _

if TYPE_CHECKING:
    from curator.core.services import ProjectService

Routes = tuple[Route, ...]


@dataclass(frozen=True, slots=True)
class RoutePlan:
    """A route with its times, its checks and what the plan needs to draw it."""

    times: RouteTimes
    findings: tuple[VisitFinding, ...]
    centres: dict[str, Point]
    panels: dict[str, PanelSize]


def _speed(value: float) -> float:
    if not math.isfinite(value) or value <= 0 or value > 5:
        raise UsageError(
            _("A walking speed is more than 0 and at most 5 m/s (got %(value)s).")
            % {"value": value}
        )
    return float(value)


def _minutes(value: float, *, zero: bool) -> float:
    if not math.isfinite(value) or value < 0 or (value == 0 and not zero) or value > 24 * 60:
        raise UsageError(_("“%(value)s” is not a number of minutes.") % {"value": value})
    return float(value)


def _index(route: Route, number: int) -> int:
    if not 1 <= number <= len(route.stops):
        raise NotFoundError(
            _("“%(route)s” has no stop %(stop)d (it has %(count)d).")
            % {"route": route.name, "stop": number, "count": len(route.stops)}
        )
    return number - 1


class VisitOperations:
    """Writes to the visit's routes, each one edit, and their times and checks."""

    def __init__(self, service: ProjectService) -> None:
        self._service = service

    def routes(self) -> Routes:
        """Every route, in the order they were made."""
        return self._service.visit.routes()

    def route(self, name: str) -> Route:
        """The route called ``name``.

        Raises:
            NotFoundError: no route has that name.
        """
        return _find(self.routes(), name)

    def add_route(
        self,
        name: str,
        speed_m_s: float = DEFAULT_SPEED_M_S,
        allotted_min: float = DEFAULT_ALLOTTED_MIN,
    ) -> ChangeSet:
        """Add a route without stops.

        Raises:
            UsageError: an empty or taken name, a speed or time out of range.
        """
        name = clean_line(name)
        if not name:
            raise UsageError(_("A route needs a name."))
        route = Route(name, _speed(speed_m_s), _minutes(allotted_min, zero=False))

        def change(routes: Routes) -> Routes:
            if any(r.name.casefold() == name.casefold() for r in routes):
                raise UsageError(_("There is already a route “%(route)s”.") % {"route": name})
            return (*routes, route)

        return self._edit(change)

    def set_route(
        self,
        name: str,
        *,
        speed_m_s: float | None = None,
        allotted_min: float | None = None,
    ) -> ChangeSet:
        """Change a route's walking speed or allotted time."""

        def change(route: Route) -> Route:
            if speed_m_s is not None:
                route = replace(route, speed_m_s=_speed(speed_m_s))
            if allotted_min is not None:
                route = replace(route, allotted_min=_minutes(allotted_min, zero=False))
            return route

        return self._edit_route(name, change)

    def rename_route(self, name: str, new_name: str) -> ChangeSet:
        """Give route ``name`` another name (its stops and talking points stay).

        Raises:
            NotFoundError: no route has that name.
            UsageError: an empty name, or another route's.
        """
        new_name = clean_line(new_name)
        if not new_name:
            raise UsageError(_("A route needs a name."))

        def change(routes: Routes) -> Routes:
            route = _find(routes, name)
            if any(r is not route and r.name.casefold() == new_name.casefold() for r in routes):
                raise UsageError(_("There is already a route “%(route)s”.") % {"route": new_name})
            return tuple(replace(r, name=new_name) if r is route else r for r in routes)

        return self._edit(change)

    def remove_route(self, name: str) -> ChangeSet:
        """Remove a route with its stops and talking points."""

        def change(routes: Routes) -> Routes:
            route = _find(routes, name)
            return tuple(r for r in routes if r is not route)

        return self._edit(change)

    def add_stop(
        self,
        name: str,
        panel_id: str | None = None,
        photo_id: str | None = None,
        minutes: float = DEFAULT_STOP_MIN,
        at: int | None = None,
    ) -> ChangeSet:
        """Add a stop at a panel, or at a photo (on the panel holding it), as stop ``at``.

        Raises:
            NotFoundError: no such route, panel or photo, or the photo is on no panel.
            UsageError: neither or both of a panel and a photo, a bad number of minutes.
        """
        if (panel_id is None) == (photo_id is None):
            raise UsageError(_("A stop is a panel or a photo on a panel: give one of them."))
        stay = _minutes(minutes, zero=True)
        panel = self._panel_of(photo_id) if photo_id is not None else self._panel(panel_id or "")
        stop = Stop(new_id("v"), panel, photo_id, stay)

        def change(route: Route) -> Route:
            where = len(route.stops) if at is None else at - 1
            if not 0 <= where <= len(route.stops):
                raise UsageError(
                    _("A new stop goes at 1 to %(count)d.") % {"count": len(route.stops) + 1}
                )
            stops = list(route.stops)
            stops.insert(where, stop)
            return replace(route, stops=tuple(stops))

        return self._edit_route(name, change)

    def remove_stop(self, name: str, number: int) -> ChangeSet:
        """Remove stop ``number`` (and its talking points); the later ones move up."""

        def change(route: Route) -> Route:
            index = _index(route, number)
            return replace(route, stops=route.stops[:index] + route.stops[index + 1 :])

        return self._edit_route(name, change)

    def move_stop(self, name: str, number: int, to: int) -> ChangeSet:
        """Make stop ``number`` stop ``to``, the others keeping their order."""

        def change(route: Route) -> Route:
            stops = list(route.stops)
            stop = stops.pop(_index(route, number))
            _index(route, to)
            stops.insert(to - 1, stop)
            return replace(route, stops=tuple(stops))

        return self._edit_route(name, change)

    def set_minutes(self, name: str, number: int, minutes: float) -> ChangeSet:
        """Change the minutes spent at stop ``number``."""
        stay = _minutes(minutes, zero=True)

        def change(route: Route) -> Route:
            index = _index(route, number)
            stops = list(route.stops)
            stops[index] = replace(stops[index], minutes=stay)
            return replace(route, stops=tuple(stops))

        return self._edit_route(name, change)

    def set_points(self, name: str, number: int, language: str, text: str) -> ChangeSet:
        """Write stop ``number``'s talking points in ``language`` ("" removes them).

        Raises:
            UsageError: ``language`` is not one of the project's.
        """
        languages = self._service.project.languages()
        if language not in languages:
            raise UsageError(
                _("“%(language)s” is not one of the project's languages (%(languages)s).")
                % {"language": language, "languages": ", ".join(languages)}
            )
        cleaned = clean_text(text)

        def change(route: Route) -> Route:
            index = _index(route, number)
            stop = route.stops[index]
            points = dict(stop.points)
            if cleaned:
                points[language] = cleaned
            else:
                points.pop(language, None)
            ordered = tuple((tag, points[tag]) for tag in languages if tag in points)
            stops = list(route.stops)
            stops[index] = replace(stop, points=ordered)
            return replace(route, stops=tuple(stops))

        return self._edit_route(name, change)

    def plan(self, name: str) -> RoutePlan:
        """Route ``name`` with its times over the hall's plan and its findings."""
        return self._plan(self.route(name))

    def check(self) -> list[VisitFinding]:
        """Every route's findings, route by route."""
        return [finding for route in self.routes() for finding in self._plan(route).findings]

    def restore(self, routes: Routes) -> ChangeSet:
        """Put ``routes`` back (an undo)."""
        return self._edit(lambda _before: routes)

    def _plan(self, route: Route) -> RoutePlan:
        hall_ops = self._service.operations.hall
        panels = hall_ops.panels()
        centres = panel_centres(hall_ops.get(), panels)
        times = route_times(route, centres)
        references = {panel.panel_id: panel.reference for panel in panels}
        findings = tuple(check_route(times, centres, references))
        return RoutePlan(times, findings, centres, {p.panel_id: p for p in panels})

    def _panel(self, reference: str) -> str:
        """A panel's id from its id or its reference as the labels give it (``2.3``)."""
        for panel in self._service.operations.hall.panels():
            if reference in (panel.panel_id, panel.reference):
                return panel.panel_id
        raise NotFoundError(
            _("The project has no panel “%(panel)s” (give its id or its number, as 2.3).")
            % {"panel": reference}
        )

    def _panel_of(self, photo_id: str) -> str:
        try:
            self._service.photos.get(photo_id)
        except KeyError:
            raise NotFoundError(
                _("The project has no photo with id “%(id)s”.") % {"id": photo_id}
            ) from None
        slots = self._service.exhibition.slots_of_photo(photo_id)
        if not slots:
            raise NotFoundError(
                _("Photo %(id)s is on no panel: a stop is at a panel.") % {"id": photo_id}
            )
        return slots[0].panel_id

    def _edit_route(self, name: str, change: Callable[[Route], Route]) -> ChangeSet:
        def apply(routes: Routes) -> Routes:
            route = _find(routes, name)
            return tuple(change(r) if r is route else r for r in routes)

        return self._edit(apply)

    def _edit(self, change: Callable[[Routes], Routes]) -> ChangeSet:
        """Read the routes, change them and write them back, in one transaction."""
        service = self._service
        with service.store.transaction():
            before = service.visit.routes()
            after = change(before)
            if after == before:
                return ChangeSet()
            service.visit.put(after)
        return ChangeSet(routes=True, undo=RestoreRoutes(before))


def _find(routes: Routes, name: str) -> Route:
    wanted = clean_line(name).casefold()
    for route in routes:
        if route.name.casefold() == wanted:
            return route
    raise NotFoundError(
        _("There is no route “%(route)s” (routes: %(routes)s).")
        % {"route": name, "routes": ", ".join(r.name for r in routes) or "—"}
    )
