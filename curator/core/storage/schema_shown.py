"""The tables of who and what a photo shows (IPTC Person/Location Shown, Event, Organisation).

Persons and organisations are glossary entries (``photo_shown``), in the order picked; a person
may carry a region, a rectangle on the photo in coordinates relative to the image as displayed
(after its EXIF orientation), from 0 to 1 as the IPTC region structure's ``rbUnit=relative``
says. A location shown is up to five glossary places, one per part (``photo_location``): its
name, sublocation, city, province or state, and country. The event is text per language
(``photo_event``). Deleting a glossary entry removes it from the photos that show it.
A region's four columns are written together or not at all (the repository sees to it: a
check over several columns would not compare alike between SQLite and PostgreSQL catalogues).
"""

from __future__ import annotations

import sqlite3

from curator.core.storage.schema_initial import run_script

#: The parts of a location shown, in the order they are written.
LOCATION_PARTS = ("name", "sublocation", "city", "province", "country")

SHOWN_SQLITE = """
CREATE TABLE photo_shown (
    photo_id TEXT NOT NULL REFERENCES photo(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('person', 'organisation')),
    entry_id INTEGER NOT NULL REFERENCES glossary_entry(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    region_x REAL CHECK (region_x >= 0 AND region_x < 1),
    region_y REAL CHECK (region_y >= 0 AND region_y < 1),
    region_w REAL CHECK (region_w > 0 AND region_w <= 1),
    region_h REAL CHECK (region_h > 0 AND region_h <= 1),
    PRIMARY KEY (photo_id, role, entry_id)
);
CREATE INDEX photo_shown_entry ON photo_shown(entry_id);
CREATE TABLE photo_location (
    photo_id TEXT NOT NULL REFERENCES photo(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    part TEXT NOT NULL
        CHECK (part IN ('name', 'sublocation', 'city', 'province', 'country')),
    entry_id INTEGER NOT NULL REFERENCES glossary_entry(id) ON DELETE CASCADE,
    PRIMARY KEY (photo_id, position, part)
);
CREATE INDEX photo_location_entry ON photo_location(entry_id);
CREATE TABLE photo_event (
    photo_id TEXT NOT NULL REFERENCES photo(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    text TEXT NOT NULL CHECK (text <> ''),
    PRIMARY KEY (photo_id, language)
);
"""

#: Migration 18: whether the curator edited what a photo shows (then a re-read of its file
#: leaves it alone and delivery drops the original's entries the glossary knows but the
#: photo no longer shows). A photo that already records something counts as edited, so
#: that a re-read keeps it as before.
SHOWN_EDITED = """
ALTER TABLE photo ADD COLUMN shown_edited INTEGER NOT NULL DEFAULT 0;
UPDATE photo SET shown_edited = 1 WHERE id IN (
    SELECT photo_id FROM photo_shown UNION SELECT photo_id FROM photo_location
    UNION SELECT photo_id FROM photo_event
);
"""


def shown_edited_flag(conn: sqlite3.Connection) -> None:
    """Migration 18 (:data:`SHOWN_EDITED`)."""
    run_script(conn, SHOWN_EDITED)
