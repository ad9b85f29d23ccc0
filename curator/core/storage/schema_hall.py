"""The tables of the hall (issue #26): walls, door openings, stands, where each panel hangs.

Lengths are millimetres on the floor plan (x to the right, y up). A wall is a straight segment
from its start to its end; a door is an opening at an offset along it. A stand is a free-standing
board at a position (its centre) and angle, with two faces (0 and 1). A panel hangs on a wall or
on one face of a stand, at an offset along it from the wall's start (the stand's left end).
A placement names a wall or a stand, never both (the repository sees to it: a check over
several columns would not compare alike between SQLite and PostgreSQL catalogues).
``position`` keeps the order the curator gave (the walls' order is the hall's order).
"""

from __future__ import annotations

import sqlite3

from curator.core.storage.schema_initial import run_script

HALL_SQLITE = """
CREATE TABLE hall_wall (
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    x1_mm REAL NOT NULL,
    y1_mm REAL NOT NULL,
    x2_mm REAL NOT NULL,
    y2_mm REAL NOT NULL,
    height_mm REAL NOT NULL CHECK (height_mm > 0)
);
CREATE TABLE hall_door (
    wall_id INTEGER NOT NULL REFERENCES hall_wall(id) ON DELETE CASCADE,
    offset_mm REAL NOT NULL CHECK (offset_mm >= 0),
    width_mm REAL NOT NULL CHECK (width_mm > 0),
    height_mm REAL NOT NULL CHECK (height_mm > 0),
    PRIMARY KEY (wall_id, offset_mm)
);
CREATE TABLE hall_stand (
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    x_mm REAL NOT NULL,
    y_mm REAL NOT NULL,
    angle_deg REAL NOT NULL,
    length_mm REAL NOT NULL CHECK (length_mm > 0),
    height_mm REAL NOT NULL CHECK (height_mm > 0)
);
CREATE TABLE hall_placement (
    panel_id TEXT PRIMARY KEY REFERENCES panel(id) ON DELETE CASCADE,
    wall_id INTEGER REFERENCES hall_wall(id) ON DELETE CASCADE,
    stand_id INTEGER REFERENCES hall_stand(id) ON DELETE CASCADE,
    face INTEGER NOT NULL DEFAULT 0 CHECK (face IN (0, 1)),
    offset_mm REAL NOT NULL CHECK (offset_mm >= 0)
);
"""


def hall_tables(conn: sqlite3.Connection) -> None:
    """Migration 16: the hall's tables."""
    run_script(conn, HALL_SQLITE)
