"""The PostgreSQL twins of the schema steps after 12 (kept apart: schema.py nears 500 lines).

Each step is written as :mod:`curator.server.schema` describes; :data:`PG_STEPS` there lists
them with the others.
"""

from __future__ import annotations

import psycopg

Connection = psycopg.Connection[tuple[object, ...]]


def v13_rights_and_provenance(conn: Connection) -> None:
    """Migration 13: rights templates per agency; photos' source type and C2PA status."""
    conn.execute(
        b"""
    CREATE TABLE rights_template (
        agency_key text PRIMARY KEY CHECK (agency_key <> ''),
        agency text NOT NULL CHECK (agency <> ''),
        copyright text NOT NULL DEFAULT '',
        usage_terms text NOT NULL DEFAULT '{}',
        credit_line text NOT NULL DEFAULT '',
        source text NOT NULL DEFAULT '',
        licensor_name text NOT NULL DEFAULT '',
        licensor_url text NOT NULL DEFAULT '',
        data_mining text NOT NULL DEFAULT '',
        updated_at text NOT NULL
    );
    CREATE TABLE photo_provenance (
        photo_id text PRIMARY KEY REFERENCES photo(id) ON DELETE CASCADE,
        source_type text NOT NULL DEFAULT '',
        source_type_edited bigint NOT NULL DEFAULT 0 CHECK (source_type_edited IN (0, 1)),
        rights_agency_key text NOT NULL DEFAULT '',
        c2pa_state text NOT NULL DEFAULT ''
            CHECK (c2pa_state IN ('', 'valid', 'invalid', 'unreadable')),
        c2pa_signer text NOT NULL DEFAULT '',
        c2pa_trusted bigint NOT NULL DEFAULT 0 CHECK (c2pa_trusted IN (0, 1)),
        c2pa_detail text NOT NULL DEFAULT ''
    )
    """
    )
