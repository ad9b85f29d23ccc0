"""The project schema's first version, and the one way a migration runs its SQL.

Split from :mod:`curator.core.storage.migrations`, which numbers the steps: the first is
the whole initial schema, the rest are small changes on top of it.
"""

from __future__ import annotations

import sqlite3


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run statements one by one: ``executescript`` would commit the open transaction."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError("incomplete SQL statement in migration")


def initial_schema(conn: sqlite3.Connection) -> None:
    """Version 1: the tables of a project as Curator first wrote them."""
    run_script(
        conn,
        """
        CREATE TABLE project (
            singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
            uid TEXT NOT NULL,
            title TEXT NOT NULL,
            source_language TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE project_language (
            tag TEXT PRIMARY KEY,
            position INTEGER NOT NULL UNIQUE
        );
        CREATE TABLE setting (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL  -- JSON
        );
        CREATE TABLE photo (
            id TEXT PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            path TEXT NOT NULL,
            file_size INTEGER NOT NULL DEFAULT 0,
            width INTEGER NOT NULL,
            height INTEGER NOT NULL,
            orientation INTEGER NOT NULL DEFAULT 1,
            captured_at TEXT,
            camera TEXT,
            gps_lat REAL,
            gps_lon REAL,
            byline TEXT,
            credit TEXT,
            source TEXT,
            copyright TEXT,
            city TEXT,
            sublocation TEXT,
            country TEXT,
            keywords TEXT NOT NULL DEFAULT '[]',  -- JSON array
            rating INTEGER,
            label TEXT,
            imported_at TEXT NOT NULL
        );
        CREATE TABLE caption (
            photo_id TEXT NOT NULL REFERENCES photo(id) ON DELETE CASCADE,
            language TEXT NOT NULL,
            field TEXT NOT NULL
                CHECK (field IN ('headline', 'caption', 'place', 'date', 'credit')),
            text TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'empty'
                CHECK (status IN ('empty', 'draft', 'needs-review', 'final')),
            revision INTEGER NOT NULL DEFAULT 0,
            edited INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (photo_id, language, field)
        );
        CREATE TABLE credit (
            id INTEGER PRIMARY KEY,
            photo_id TEXT NOT NULL REFERENCES photo(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            photographer TEXT NOT NULL DEFAULT '{}',  -- JSON {tag: name}
            agency TEXT NOT NULL DEFAULT '{}',        -- JSON {tag: name}
            role TEXT NOT NULL DEFAULT 'photo'
        );
        CREATE INDEX credit_photo ON credit(photo_id, position);
        CREATE TABLE glossary_entry (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE glossary_term (
            entry_id INTEGER NOT NULL REFERENCES glossary_entry(id) ON DELETE CASCADE,
            language TEXT NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (entry_id, language)
        );
        CREATE TABLE section (
            id TEXT PRIMARY KEY,
            position INTEGER NOT NULL
        );
        CREATE TABLE section_text (
            section_id TEXT NOT NULL REFERENCES section(id) ON DELETE CASCADE,
            language TEXT NOT NULL,
            field TEXT NOT NULL CHECK (field IN ('title', 'intro')),
            text TEXT NOT NULL,
            PRIMARY KEY (section_id, language, field)
        );
        CREATE TABLE section_photo (
            section_id TEXT NOT NULL REFERENCES section(id) ON DELETE CASCADE,
            photo_id TEXT NOT NULL REFERENCES photo(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            PRIMARY KEY (photo_id)
        );
        CREATE INDEX section_photo_order ON section_photo(section_id, position);
        CREATE TABLE panel (
            id TEXT PRIMARY KEY,
            section_id TEXT NOT NULL REFERENCES section(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            width_mm REAL NOT NULL CHECK (width_mm > 0),
            height_mm REAL NOT NULL CHECK (height_mm > 0),
            margin_mm REAL NOT NULL DEFAULT 20,
            template TEXT
        );
        CREATE INDEX panel_order ON panel(section_id, position);
        CREATE TABLE slot (
            id TEXT PRIMARY KEY,
            panel_id TEXT NOT NULL REFERENCES panel(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            photo_id TEXT REFERENCES photo(id) ON DELETE SET NULL,
            x_mm REAL NOT NULL,
            y_mm REAL NOT NULL,
            width_mm REAL NOT NULL CHECK (width_mm > 0),
            height_mm REAL NOT NULL CHECK (height_mm > 0),
            crop_x REAL NOT NULL DEFAULT 0,
            crop_y REAL NOT NULL DEFAULT 0,
            crop_w REAL NOT NULL DEFAULT 1,
            crop_h REAL NOT NULL DEFAULT 1
        );
        CREATE INDEX slot_order ON slot(panel_id, position);
        """,
    )
