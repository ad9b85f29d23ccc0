"""The PostgreSQL twin of the shown-data step (:mod:`curator.core.storage.schema_shown`)."""

from __future__ import annotations

SHOWN_PG = """
CREATE TABLE photo_shown (
    photo_id text NOT NULL REFERENCES photo(id) ON DELETE CASCADE,
    role text NOT NULL CHECK (role IN ('person', 'organisation')),
    entry_id bigint NOT NULL REFERENCES glossary_entry(id) ON DELETE CASCADE,
    position bigint NOT NULL,
    region_x double precision CHECK (region_x >= 0 AND region_x < 1),
    region_y double precision CHECK (region_y >= 0 AND region_y < 1),
    region_w double precision CHECK (region_w > 0 AND region_w <= 1),
    region_h double precision CHECK (region_h > 0 AND region_h <= 1),
    PRIMARY KEY (photo_id, role, entry_id)
);
CREATE INDEX photo_shown_entry ON photo_shown(entry_id);
CREATE TABLE photo_location (
    photo_id text NOT NULL REFERENCES photo(id) ON DELETE CASCADE,
    position bigint NOT NULL,
    part text NOT NULL
        CHECK (part IN ('name', 'sublocation', 'city', 'province', 'country')),
    entry_id bigint NOT NULL REFERENCES glossary_entry(id) ON DELETE CASCADE,
    PRIMARY KEY (photo_id, position, part)
);
CREATE INDEX photo_location_entry ON photo_location(entry_id);
CREATE TABLE photo_event (
    photo_id text NOT NULL REFERENCES photo(id) ON DELETE CASCADE,
    language text NOT NULL,
    text text NOT NULL CHECK (text <> ''),
    PRIMARY KEY (photo_id, language)
)
"""

#: The twin of migration 18 (:data:`curator.core.storage.schema_shown.SHOWN_EDITED`).
SHOWN_EDITED_PG = """
ALTER TABLE photo ADD COLUMN shown_edited bigint NOT NULL DEFAULT 0;
UPDATE photo SET shown_edited = 1 WHERE id IN (
    SELECT photo_id FROM photo_shown UNION SELECT photo_id FROM photo_location
    UNION SELECT photo_id FROM photo_event
)
"""
