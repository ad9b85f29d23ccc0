"""The hall's plan (:mod:`curator.core.hall.model`), read and written whole.

A hall is a few dozen walls and stands and one placement per panel, so a change writes the
whole plan back; a wall's and a stand's id is its number (its place in the hall's order).
"""

from __future__ import annotations

from curator.core.hall.model import Door, Hall, Placement, Stand, Support, Wall
from curator.core.storage.database import Database

_TABLES = ("hall_placement", "hall_door", "hall_wall", "hall_stand")


class HallRepository:
    """The walls, doors, stands and placements of the project."""

    def __init__(self, conn: Database) -> None:
        self._conn = conn

    def get(self) -> Hall:
        """The whole plan (empty when none was drawn)."""
        doors: dict[int, list[Door]] = {}
        for wall_id, offset, width, height in self._conn.execute(
            "SELECT wall_id, offset_mm, width_mm, height_mm FROM hall_door"
            " ORDER BY wall_id, offset_mm"
        ):
            doors.setdefault(int(wall_id), []).append(
                Door(float(offset), float(width), float(height))
            )
        walls = tuple(
            Wall(
                int(row[0]),
                (float(row[1]), float(row[2])),
                (float(row[3]), float(row[4])),
                float(row[5]),
                tuple(doors.get(int(row[0]), ())),
            )
            for row in self._conn.execute(
                "SELECT id, x1_mm, y1_mm, x2_mm, y2_mm, height_mm FROM hall_wall ORDER BY position"
            )
        )
        stands = tuple(
            Stand(int(row[0]), (float(row[1]), float(row[2])), *map(float, row[3:6]))
            for row in self._conn.execute(
                "SELECT id, x_mm, y_mm, angle_deg, length_mm, height_mm FROM hall_stand"
                " ORDER BY position"
            )
        )
        placements = tuple(
            Placement(
                str(panel_id),
                Support("wall", int(wall_id))
                if wall_id is not None
                else Support("stand", int(stand_id), int(face)),
                float(offset),
            )
            for panel_id, wall_id, stand_id, face, offset in self._conn.execute(
                "SELECT panel_id, wall_id, stand_id, face, offset_mm FROM hall_placement"
                " ORDER BY panel_id"
            )
        )
        return Hall(walls, stands, placements)

    def put(self, hall: Hall) -> None:
        """Replace the plan by ``hall`` (checked by the caller: numbers 1.., known supports)."""
        for table in _TABLES:
            self._conn.execute(f"DELETE FROM {table}")
        for wall in hall.walls:
            self._conn.execute(
                "INSERT INTO hall_wall (id, position, x1_mm, y1_mm, x2_mm, y2_mm, height_mm)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (wall.number, wall.number, *wall.start, *wall.end, wall.height_mm),
            )
            for door in wall.doors:
                self._conn.execute(
                    "INSERT INTO hall_door (wall_id, offset_mm, width_mm, height_mm)"
                    " VALUES (?, ?, ?, ?)",
                    (wall.number, door.offset_mm, door.width_mm, door.height_mm),
                )
        for stand in hall.stands:
            self._conn.execute(
                "INSERT INTO hall_stand (id, position, x_mm, y_mm, angle_deg, length_mm,"
                " height_mm) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    stand.number,
                    stand.number,
                    *stand.centre,
                    stand.angle_deg,
                    stand.length_mm,
                    stand.height_mm,
                ),
            )
        for placement in hall.placements:
            support = placement.support
            on_wall = support.kind == "wall"
            self._conn.execute(
                "INSERT INTO hall_placement (panel_id, wall_id, stand_id, face, offset_mm)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    placement.panel_id,
                    support.number if on_wall else None,
                    None if on_wall else support.number,
                    support.face,
                    placement.offset_mm,
                ),
            )
