"""The visit's routes (:mod:`curator.core.hall.visit`), read and written whole.

A project has a few routes of a dozen stops, so a change writes every route back; a stop
keeps its id (translators' files name its talking points by it).
"""

from __future__ import annotations

from curator.core.hall.visit import Route, Stop
from curator.core.storage.database import Database

_TABLES = ("visit_point", "visit_stop", "visit_route")


class VisitRepository:
    """The routes of the visit, their stops and talking points."""

    def __init__(self, conn: Database) -> None:
        self._conn = conn

    def routes(self) -> tuple[Route, ...]:
        """Every route in the order they were made (talking points in the project's order)."""
        points: dict[str, list[tuple[str, str]]] = {}
        for stop_id, language, text in self._conn.execute(
            "SELECT p.stop_id, p.language, p.text FROM visit_point p"
            " LEFT JOIN project_language l ON l.tag = p.language"
            " ORDER BY p.stop_id, l.position, p.language"
        ):
            points.setdefault(str(stop_id), []).append((str(language), str(text)))
        stops: dict[int, list[Stop]] = {}
        for stop_id, route_id, panel_id, photo_id, minutes in self._conn.execute(
            "SELECT id, route_id, panel_id, photo_id, minutes FROM visit_stop"
            " ORDER BY route_id, position"
        ):
            stops.setdefault(int(route_id), []).append(
                Stop(
                    str(stop_id),
                    str(panel_id),
                    None if photo_id is None else str(photo_id),
                    float(minutes),
                    tuple(points.get(str(stop_id), ())),
                )
            )
        return tuple(
            Route(str(name), float(speed), float(allotted), tuple(stops.get(int(route_id), ())))
            for route_id, name, speed, allotted in self._conn.execute(
                "SELECT id, name, speed_m_s, allotted_min FROM visit_route ORDER BY position"
            )
        )

    def put(self, routes: tuple[Route, ...]) -> None:
        """Replace every route by ``routes`` (checked by the caller)."""
        for table in _TABLES:
            self._conn.execute(f"DELETE FROM {table}")
        for number, route in enumerate(routes, 1):
            self._conn.execute(
                "INSERT INTO visit_route (id, position, name, speed_m_s, allotted_min)"
                " VALUES (?, ?, ?, ?, ?)",
                (number, number, route.name, route.speed_m_s, route.allotted_min),
            )
            for position, stop in enumerate(route.stops, 1):
                self._conn.execute(
                    "INSERT INTO visit_stop (id, route_id, position, panel_id, photo_id, minutes)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (stop.stop_id, number, position, stop.panel_id, stop.photo_id, stop.minutes),
                )
                for language, text in stop.points:
                    self._conn.execute(
                        "INSERT INTO visit_point (stop_id, language, text) VALUES (?, ?, ?)",
                        (stop.stop_id, language, text),
                    )
