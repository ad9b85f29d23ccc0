"""The plan of the hall in millimetres: walls with doors, free-standing stands, placements.

The floor plan's x runs to the right and y up. A wall runs from its start to its end; a door is
an opening at an offset along the wall from its start. A stand is a free-standing board centred
on its position and turned by its angle (0°: along x), with two faces (0 and 1); offsets along a
stand count from its end at ``-length/2``. A placement hangs a panel on a wall or on a stand's face.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from curator.i18n import _

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Door:
    """An opening in a wall: where it starts along the wall, its width and height."""

    offset_mm: float
    width_mm: float
    height_mm: float

    @property
    def end_mm(self) -> float:
        """Where the opening ends along the wall."""
        return self.offset_mm + self.width_mm


@dataclass(frozen=True, slots=True)
class Wall:
    """A straight wall; ``number`` is its place in the hall's order, from 1."""

    number: int
    start: Point
    end: Point
    height_mm: float
    doors: tuple[Door, ...] = ()

    @property
    def length_mm(self) -> float:
        """The wall's length on the plan."""
        return math.dist(self.start, self.end)


@dataclass(frozen=True, slots=True)
class Stand:
    """A free-standing stand with two faces; ``number`` is its place in order, from 1."""

    number: int
    centre: Point
    angle_deg: float
    length_mm: float
    height_mm: float

    @property
    def ends(self) -> tuple[Point, Point]:
        """Its two ends on the plan (the first is where offsets start)."""
        half = self.length_mm / 2
        dx = math.cos(math.radians(self.angle_deg)) * half
        dy = math.sin(math.radians(self.angle_deg)) * half
        x, y = self.centre
        return (x - dx, y - dy), (x + dx, y + dy)


@dataclass(frozen=True, slots=True)
class Support:
    """What a panel hangs on: a wall (``face`` 0) or one face of a stand."""

    kind: str  # "wall" or "stand"
    number: int
    face: int = 0

    def label(self) -> str:
        """``wall 2`` or ``stand 1/B``: the stable name --json gives (messages use :meth:`name`)."""
        if self.kind == "wall":
            return f"wall {self.number}"
        return f"stand {self.number}/{'AB'[self.face]}"

    def name(self) -> str:
        """How messages name it, translated: ``wall 2``, ``stand 1, face B``."""
        if self.kind == "wall":
            return _("wall %(number)d") % {"number": self.number}
        return _("stand %(number)d, face %(face)s") % {
            "number": self.number,
            "face": "AB"[self.face],
        }


@dataclass(frozen=True, slots=True)
class Placement:
    """A panel hung on a support at an offset along it."""

    panel_id: str
    support: Support
    offset_mm: float


@dataclass(frozen=True, slots=True)
class PanelSize:
    """A panel's printed size and its reference as the labels give it (``2.3``)."""

    panel_id: str
    reference: str
    width_mm: float
    height_mm: float


@dataclass(frozen=True, slots=True)
class Hall:
    """The whole plan: walls and stands in order, and the placements."""

    walls: tuple[Wall, ...] = ()
    stands: tuple[Stand, ...] = ()
    placements: tuple[Placement, ...] = ()

    def wall(self, number: int) -> Wall | None:
        """The wall numbered ``number``, if any."""
        return next((wall for wall in self.walls if wall.number == number), None)

    def stand(self, number: int) -> Stand | None:
        """The stand numbered ``number``, if any."""
        return next((stand for stand in self.stands if stand.number == number), None)

    def extent(self, support: Support) -> tuple[float, float] | None:
        """The length and height of ``support``, or None when the hall has no such thing."""
        if support.kind == "wall":
            wall = self.wall(support.number)
            return None if wall is None else (wall.length_mm, wall.height_mm)
        stand = self.stand(support.number)
        return None if stand is None else (stand.length_mm, stand.height_mm)
