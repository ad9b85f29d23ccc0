"""Migration 8: the translation memory (units this project produced, accepted findings)."""

from __future__ import annotations

import sqlite3

from curator.core.storage.schema_initial import run_script


def memory_tables(conn: sqlite3.Connection) -> None:
    """The units this project produced (two languages final) and the accepted check findings."""
    run_script(
        conn,
        """
        CREATE TABLE memory_unit (
            photo_id TEXT NOT NULL,
            field TEXT NOT NULL,
            source_language TEXT NOT NULL,
            target_language TEXT NOT NULL,
            source_text TEXT NOT NULL,
            target_text TEXT NOT NULL,
            created_at TEXT NOT NULL,
            author TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (photo_id, field, source_language, target_language, source_text,
                         target_text)
        );
        CREATE TABLE check_acceptance (
            photo_id TEXT NOT NULL,
            field TEXT NOT NULL,
            language TEXT NOT NULL,
            code TEXT NOT NULL,
            detail TEXT NOT NULL,
            accepted_at TEXT NOT NULL,
            PRIMARY KEY (photo_id, field, language, code, detail)
        );
        """,
    )
    # Fields already final in two languages are units from the start (both directions).
    conn.execute(
        "INSERT OR IGNORE INTO memory_unit (photo_id, field, source_language, target_language,"
        " source_text, target_text, created_at)"
        " SELECT s.photo_id, s.field, s.language, t.language, s.text, t.text,"
        " max(s.updated_at, t.updated_at) FROM caption s JOIN caption t"
        " ON t.photo_id = s.photo_id AND t.field = s.field AND t.language != s.language"
        " WHERE s.status = 'final' AND t.status = 'final' AND s.text != '' AND t.text != ''"
    )
