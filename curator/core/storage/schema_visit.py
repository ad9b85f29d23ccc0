"""The tables of the visit's routes (issue #26): routes, their stops, talking points per stop.

A route has a name (unique in the project: the operations see to it), a walking speed in
metres per second and the minutes allotted; ``position`` keeps the order routes were made
in. A stop is a panel, or a photo on that panel (``photo_id``), at ``position`` in its
route, with the minutes spent there; its id is kept through moves, because translators'
files name talking points by it. ``visit_point`` holds a stop's talking points per language.
"""

from __future__ import annotations

import sqlite3

from curator.core.storage.schema_initial import run_script

VISIT_SQLITE = """
CREATE TABLE visit_route (
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    speed_m_s REAL NOT NULL CHECK (speed_m_s > 0),
    allotted_min REAL NOT NULL CHECK (allotted_min > 0)
);
CREATE TABLE visit_stop (
    id TEXT PRIMARY KEY,
    route_id INTEGER NOT NULL REFERENCES visit_route(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    panel_id TEXT NOT NULL REFERENCES panel(id) ON DELETE CASCADE,
    photo_id TEXT REFERENCES photo(id) ON DELETE SET NULL,
    minutes REAL NOT NULL CHECK (minutes >= 0)
);
CREATE TABLE visit_point (
    stop_id TEXT NOT NULL REFERENCES visit_stop(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (stop_id, language)
);
"""


def visit_tables(conn: sqlite3.Connection) -> None:
    """Migration 19: the visit's routes, stops and talking points."""
    run_script(conn, VISIT_SQLITE)
