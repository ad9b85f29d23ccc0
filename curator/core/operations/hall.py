"""The hall as operations: walls, stands and placements, checked once, one edit each.

Every write replaces the plan in one transaction and returns a change set whose undo
(:class:`~.changes.RestoreHall`) puts the whole former plan back. Walls and stands are
numbered from 1 in the order given; removing one renumbers those after it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from curator.core.errors import NotFoundError, UsageError
from curator.core.hall.checks import HallFinding, check_hall
from curator.core.hall.model import Door, Hall, PanelSize, Placement, Point, Stand, Support, Wall
from curator.core.hall.placing import auto_place
from curator.core.hall.settings import AISLE_KEY, CENTRE_KEY, DEFAULT_CENTRE_MM, GAP_KEY
from curator.core.operations.changes import ChangeSet, RestoreHall
from curator.i18n import _

if TYPE_CHECKING:
    from curator.core.services import ProjectService


def _positive(value: float, what: str) -> float:
    if not math.isfinite(value) or value <= 0:
        raise UsageError(
            _("%(what)s must be more than 0 mm (got %(value)s).") % {"what": what, "value": value}
        )
    return float(value)


def _finite(point: Point) -> Point:
    if not all(math.isfinite(v) for v in point):
        raise UsageError(_("A point on the plan is two numbers in mm: X,Y."))
    return (float(point[0]), float(point[1]))


def checked_wall(wall: Wall) -> Wall:
    """``wall`` if its sizes are right and its doors lie inside it, one clear message if not."""
    start, end = _finite(wall.start), _finite(wall.end)
    height = _positive(wall.height_mm, _("A wall's height"))
    if math.dist(start, end) <= 0:
        raise UsageError(_("A wall's start and end must be different points."))
    length = math.dist(start, end)
    doors = sorted(wall.doors, key=lambda door: door.offset_mm)
    for index, door in enumerate(doors):
        _positive(door.width_mm, _("A door's width"))
        _positive(door.height_mm, _("A door's height"))
        if not math.isfinite(door.offset_mm) or door.offset_mm < 0 or door.end_mm > length:
            raise UsageError(
                _("A door from %(start)s to %(end)s mm does not fit in a wall %(length)s mm long.")
                % {"start": door.offset_mm, "end": door.end_mm, "length": round(length)}
            )
        if door.height_mm > height:
            raise UsageError(_("A door cannot be taller than its wall."))
        if index and door.offset_mm < doors[index - 1].end_mm:
            raise UsageError(_("Two doors of a wall overlap."))
    return Wall(wall.number, start, end, height, tuple(doors))


def _require(hall: Hall, support: Support) -> None:
    if support.face not in (0, 1):
        raise UsageError(_("A stand has two faces, A and B."))
    if hall.extent(support) is None:
        raise NotFoundError(_("The hall has no %(support)s.") % {"support": support.name()})


def _renumbered(support: Support, kind: str, number: int) -> Support:
    if support.kind != kind or support.number < number:
        return support
    return replace(support, number=support.number - 1)


def _removed(hall: Hall, kind: str, number: int) -> Hall:
    """``hall`` without wall or stand ``number`` and what hangs on it, the later ones moved up."""
    _require(hall, Support(kind, number))
    placements = tuple(
        replace(p, support=_renumbered(p.support, kind, number))
        for p in hall.placements
        if not (p.support.kind == kind and p.support.number == number)
    )
    if kind == "wall":
        walls = tuple(
            replace(w, number=w.number - (w.number > number))
            for w in hall.walls
            if w.number != number
        )
        return Hall(walls, hall.stands, placements)
    stands = tuple(
        replace(s, number=s.number - (s.number > number)) for s in hall.stands if s.number != number
    )
    return Hall(hall.walls, stands, placements)


class HallOperations:
    """Writes to the hall's plan, each one edit."""

    def __init__(self, service: ProjectService) -> None:
        self._service = service

    def get(self) -> Hall:
        """The plan as stored."""
        return self._service.hall.get()

    def panels(self) -> list[PanelSize]:
        """Every panel in visit order, with its reference (section.panel, as ``2.3``)."""
        exhibition = self._service.exhibition
        return [
            PanelSize(panel.id, f"{number}.{index}", panel.width_mm, panel.height_mm)
            for number, section in enumerate(exhibition.sections(), 1)
            for index, panel in enumerate(exhibition.panels(section.id), 1)
        ]

    def lengths(self) -> tuple[float, float]:
        """The settings ``hall.gap_mm`` and ``hall.aisle_mm``."""
        # project_settings imports services, which build this class: imported when used.
        from curator.core.settings.project_settings import find_spec, read_setting

        service = self._service
        values = [read_setting(service, find_spec(service, k)).value for k in (GAP_KEY, AISLE_KEY)]
        gap, aisle = (float(v) if isinstance(v, float | int) else 0.0 for v in values)
        return gap, aisle

    def centre_mm(self) -> float:
        """The setting ``hall.centre_mm``: how high the panels' centres hang."""
        from curator.core.settings.project_settings import find_spec, read_setting

        value = read_setting(self._service, find_spec(self._service, CENTRE_KEY)).value
        return float(value) if isinstance(value, float | int) else DEFAULT_CENTRE_MM

    def add_wall(
        self, start: Point, end: Point, height_mm: float, doors: tuple[Door, ...] = ()
    ) -> ChangeSet:
        """Add a wall after the others (its number is their count plus one).

        Raises:
            UsageError: a size not above 0, a zero-length wall, a door outside it or too tall.
        """

        def change(hall: Hall) -> Hall:
            wall = checked_wall(Wall(len(hall.walls) + 1, start, end, height_mm, doors))
            return replace(hall, walls=(*hall.walls, wall))

        return self._edit(change)

    def add_stand(
        self, centre: Point, angle_deg: float, length_mm: float, height_mm: float
    ) -> ChangeSet:
        """Add a free-standing stand after the others.

        Raises:
            UsageError: a length or height not above 0, a point or angle not a number.
        """
        if not math.isfinite(angle_deg):
            raise UsageError(_("A stand's angle is a number of degrees."))
        point = _finite(centre)
        length = _positive(length_mm, _("A stand's length"))
        height = _positive(height_mm, _("A stand's height"))

        def change(hall: Hall) -> Hall:
            stand = Stand(len(hall.stands) + 1, point, float(angle_deg) % 360.0, length, height)
            return replace(hall, stands=(*hall.stands, stand))

        return self._edit(change)

    def add_walls(
        self, segments: Sequence[tuple[Point, Point]], height_mm: float, *, replace_walls: bool
    ) -> ChangeSet:
        """Add a wall for each segment (an imported plan's), as one edit.

        With ``replace_walls`` the hall's walls and what hangs on them go first; stands and
        their panels stay.

        Raises:
            UsageError: no segment, a height not above 0, a zero-length segment.
        """
        height = _positive(height_mm, _("A wall's height"))
        if not segments:
            raise UsageError(_("There are no walls to add."))

        def change(hall: Hall) -> Hall:
            kept = () if replace_walls else hall.walls
            walls = list(kept)
            for start, end in segments:
                walls.append(checked_wall(Wall(len(walls) + 1, start, end, height)))
            placements = hall.placements
            if replace_walls:
                placements = tuple(p for p in placements if p.support.kind != "wall")
            return Hall(tuple(walls), hall.stands, placements)

        return self._edit(change)

    def remove(self, kind: str, number: int) -> ChangeSet:
        """Remove wall or stand ``number`` and its placements; those after it move up one.

        Raises:
            NotFoundError: the hall has no such wall or stand.
        """
        return self._edit(lambda hall: _removed(hall, kind, number))

    def add_door(self, wall_number: int, door: Door) -> ChangeSet:
        """Open a door in wall ``wall_number``.

        Raises:
            NotFoundError: the hall has no such wall.
            UsageError: the door outside the wall, taller than it, or over another door.
        """

        def change(hall: Hall) -> Hall:
            _require(hall, Support("wall", wall_number))
            walls = tuple(
                checked_wall(replace(w, doors=(*w.doors, door))) if w.number == wall_number else w
                for w in hall.walls
            )
            return replace(hall, walls=walls)

        return self._edit(change)

    def delete(
        self,
        walls: Sequence[int] = (),
        stands: Sequence[int] = (),
        doors: Sequence[tuple[int, float]] = (),
        panels: Sequence[str] = (),
    ) -> ChangeSet:
        """Remove walls, stands, doors (wall number, offset) and placements, as one edit.

        Raises:
            NotFoundError: the hall has no such wall or stand.
        """

        def change(hall: Hall) -> Hall:
            gone = set(panels)
            hall = replace(
                hall, placements=tuple(p for p in hall.placements if p.panel_id not in gone)
            )
            for number, offset in doors:
                _require(hall, Support("wall", number))
                hall = replace(
                    hall,
                    walls=tuple(
                        replace(w, doors=tuple(d for d in w.doors if d.offset_mm != offset))
                        if w.number == number
                        else w
                        for w in hall.walls
                    ),
                )
            for number in sorted(set(walls), reverse=True):
                hall = _removed(hall, "wall", number)
            for number in sorted(set(stands), reverse=True):
                hall = _removed(hall, "stand", number)
            return hall

        return self._edit(change)

    def place(self, panel_id: str, support: Support, offset_mm: float) -> ChangeSet:
        """Hang a panel on a wall or a stand's face at ``offset_mm`` from its start.

        Raises:
            NotFoundError: no such panel, wall or stand.
            UsageError: a negative offset, a face other than 0 and 1.
        """
        if not math.isfinite(offset_mm) or offset_mm < 0:
            raise UsageError(_("A panel's offset along its wall is 0 mm or more."))

        def change(hall: Hall) -> Hall:
            self._require_panel(panel_id)
            _require(hall, support)
            kept = tuple(p for p in hall.placements if p.panel_id != panel_id)
            placement = Placement(panel_id, support, float(offset_mm))
            return replace(hall, placements=(*kept, placement))

        return self._edit(change)

    def unplace(self, panel_id: str) -> ChangeSet:
        """Take a panel off the plan (nothing changes when it was not on it)."""

        def change(hall: Hall) -> Hall:
            self._require_panel(panel_id)
            kept = tuple(p for p in hall.placements if p.panel_id != panel_id)
            return replace(hall, placements=kept)

        return self._edit(change)

    def place_auto(self) -> tuple[ChangeSet, tuple[PanelSize, ...]]:
        """Fill the walls with every panel not on a stand, in visit order (see ``placing``).

        Placements on walls are replaced; those on stands stay. Returns the change and the
        panels that did not fit, in visit order.
        """
        gap = self.lengths()[0]
        left: list[PanelSize] = []

        def change(hall: Hall) -> Hall:
            on_stands = tuple(p for p in hall.placements if p.support.kind == "stand")
            taken = {p.panel_id for p in on_stands}
            panels = [panel for panel in self.panels() if panel.panel_id not in taken]
            result = auto_place(hall, panels, gap)
            left.extend(result.unplaced)
            return replace(hall, placements=on_stands + result.placements)

        return self._edit(change), tuple(left)

    def check(self) -> list[HallFinding]:
        """Every finding of the plan, with the aisle from ``hall.aisle_mm``."""
        return check_hall(self.get(), self.panels(), self.lengths()[1])

    def restore(self, hall: Hall) -> ChangeSet:
        """Put ``hall`` back as the plan (an undo)."""
        return self._edit(lambda _before: hall)

    def _require_panel(self, panel_id: str) -> None:
        try:
            self._service.exhibition.panel(panel_id)
        except KeyError:
            raise NotFoundError(
                _("The project has no panel with id “%(id)s”.") % {"id": panel_id}
            ) from None

    def _edit(self, change: Callable[[Hall], Hall]) -> ChangeSet:
        """Read the plan, change it and write it back, in one transaction."""
        service = self._service
        with service.store.transaction():
            before = service.hall.get()
            after = change(before)
            if after == before:
                return ChangeSet()
            service.hall.put(after)
        return ChangeSet(hall=True, undo=RestoreHall(before))
