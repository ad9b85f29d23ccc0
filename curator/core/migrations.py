"""Numbered forward migrations of the project file's schema.

The schema version lives in ``PRAGMA user_version``. Each migration moves a project from
version ``n - 1`` to ``n`` inside the same transaction that records the new version, so a
crash mid-migration leaves the old, intact project. Migrations are never edited once
released: a change is a new migration with its own test.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from curator.core.folding import FOLD_VERSION, fold

#: 'CURT' - marks an SQLite file as a Curator project.
APPLICATION_ID = 0x43555254


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of the schema."""

    version: int
    description: str
    apply: Callable[[sqlite3.Connection], None]


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run statements one by one: ``executescript`` would commit the open transaction."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError("incomplete SQL statement in migration")


def _v1_initial(conn: sqlite3.Connection) -> None:
    _run_script(
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


def _v2_import(conn: sqlite3.Connection) -> None:
    _run_script(
        conn,
        """
        CREATE TABLE thumbnail (
            photo_id TEXT PRIMARY KEY REFERENCES photo(id) ON DELETE CASCADE,
            width INTEGER NOT NULL,
            height INTEGER NOT NULL,
            jpeg BLOB NOT NULL
        );
        CREATE TABLE photo_problem (
            photo_id TEXT NOT NULL REFERENCES photo(id) ON DELETE CASCADE,
            code TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (photo_id, code)
        );
        CREATE TABLE import_problem (
            path TEXT PRIMARY KEY,
            code TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            seen_at TEXT NOT NULL
        );
        """,
    )


def _v3_glossary_forms(conn: sqlite3.Connection) -> None:
    _run_script(
        conn,
        """
        ALTER TABLE glossary_entry ADD COLUMN code TEXT NOT NULL DEFAULT '';
        CREATE UNIQUE INDEX glossary_code ON glossary_entry(code) WHERE code != '';
        CREATE TABLE glossary_form (
            entry_id INTEGER NOT NULL REFERENCES glossary_entry(id) ON DELETE CASCADE,
            language TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('variant', 'forbidden')),
            form TEXT NOT NULL,
            PRIMARY KEY (entry_id, language, kind, form)
        );
        """,
    )


def _v4_caption_alternatives(conn: sqlite3.Connection) -> None:
    _run_script(
        conn,
        """
        CREATE TABLE caption_alternative (
            id INTEGER PRIMARY KEY,
            photo_id TEXT NOT NULL REFERENCES photo(id) ON DELETE CASCADE,
            language TEXT NOT NULL,
            field TEXT NOT NULL,
            text TEXT NOT NULL,
            status TEXT NOT NULL,
            origin TEXT NOT NULL,
            base_revision INTEGER,
            created_at TEXT NOT NULL
        );
        CREATE INDEX caption_alternative_field
            ON caption_alternative(photo_id, language, field);
        """,
    )


def _v5_shortlist_and_search(conn: sqlite3.Connection) -> None:
    """Pick/reject flags beside ratings; a folded full-text index of every caption."""
    _run_script(
        conn,
        """
        ALTER TABLE photo ADD COLUMN flag TEXT CHECK (flag IN ('pick', 'reject'));
        UPDATE photo SET flag = 'reject', rating = NULL WHERE rating = -1;
        CREATE INDEX photo_marks ON photo(rating, flag);
        CREATE VIRTUAL TABLE caption_search USING fts5(
            folded, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3'
        );
        CREATE TRIGGER caption_search_delete AFTER DELETE ON caption BEGIN
            DELETE FROM caption_search WHERE rowid = old.rowid;
        END;
        """,
    )
    # The index's rowid is the caption's rowid; folding is Python's (see core/folding.py).
    rows = conn.execute("SELECT rowid, text FROM caption WHERE text != ''").fetchall()
    conn.executemany(
        "INSERT INTO caption_search (rowid, folded) VALUES (?, ?)",
        ((rowid, fold(text)) for rowid, text in rows),
    )
    conn.execute(
        "INSERT OR REPLACE INTO setting (key, value) VALUES ('search.fold_version', ?)",
        (str(FOLD_VERSION),),
    )


def _v6_export_records(conn: sqlite3.Connection) -> None:
    """What each caption file for translators carried, so its return is matched to it."""
    _run_script(
        conn,
        """
        CREATE TABLE exchange_export (
            id TEXT PRIMARY KEY,
            language TEXT NOT NULL,
            source_language TEXT NOT NULL,
            format TEXT NOT NULL,
            created_at TEXT NOT NULL,
            unit_count INTEGER NOT NULL
        );
        CREATE TABLE exchange_export_unit (
            export_id TEXT NOT NULL REFERENCES exchange_export(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            key TEXT NOT NULL,
            revision INTEGER NOT NULL,
            source_hash TEXT NOT NULL,
            target TEXT NOT NULL,
            status TEXT NOT NULL,
            budget_chars INTEGER,
            applied_revision INTEGER,
            applied_text TEXT,
            PRIMARY KEY (export_id, key)
        );
        CREATE INDEX exchange_export_language ON exchange_export(language, created_at);
        """,
    )


def _v7_catalogue_texts(conn: sqlite3.Connection) -> None:
    """The catalogue's own texts per language, and its logos and signature, in the file.

    The title and foreword kept until now in the setting ``catalogue_texts`` move into the
    table; the setting is then dropped.
    """
    _run_script(
        conn,
        """
        CREATE TABLE catalogue_text (
            key TEXT NOT NULL,
            language TEXT NOT NULL,
            text TEXT NOT NULL CHECK (text != ''),
            PRIMARY KEY (key, language)
        ) WITHOUT ROWID;
        CREATE TABLE catalogue_asset (
            id INTEGER PRIMARY KEY,
            role TEXT NOT NULL CHECK (role IN ('logo', 'signature')),
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            media_type TEXT NOT NULL,
            data BLOB NOT NULL
        );
        """,
    )
    row = conn.execute("SELECT value FROM setting WHERE key = 'catalogue_texts'").fetchone()
    stored = _json_object(row[0]) if row else {}
    for key in ("title", "foreword"):
        values = stored.get(key)
        if not isinstance(values, dict):
            continue
        conn.executemany(
            "INSERT OR REPLACE INTO catalogue_text (key, language, text) VALUES (?, ?, ?)",
            [
                (key, str(tag), text.strip())
                for tag, text in values.items()
                if isinstance(text, str) and text.strip()
            ],
        )
    conn.execute("DELETE FROM setting WHERE key = 'catalogue_texts'")


def _v9_glossary_surnames(conn: sqlite3.Connection) -> None:
    _run_script(
        conn,
        """
        CREATE TABLE glossary_surname (
            entry_id INTEGER NOT NULL REFERENCES glossary_entry(id) ON DELETE CASCADE,
            language TEXT NOT NULL,
            surname TEXT NOT NULL CHECK (surname != ''),
            PRIMARY KEY (entry_id, language)
        ) WITHOUT ROWID;
        """,
    )


def _v10_catalogue_page_choice(conn: sqlite3.Connection) -> None:
    _run_script(
        conn,
        """
        CREATE TABLE catalogue_page_choice (
            photo_id TEXT PRIMARY KEY REFERENCES photo(id) ON DELETE CASCADE,
            choice TEXT NOT NULL CHECK (choice != '' AND choice != 'auto')
        ) WITHOUT ROWID;
        """,
    )


def _json_object(raw: str) -> dict[str, object]:
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _v8_translation_memory(conn: sqlite3.Connection) -> None:
    """The units this project produced (two languages final) and the accepted check findings."""
    _run_script(
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


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1, "initial schema: project, photos, captions, credits, glossary, layout", _v1_initial
    ),
    Migration(
        2, "import: thumbnails, photo problems, files that could not be imported", _v2_import
    ),
    Migration(3, "glossary: codes, accepted variants and forbidden forms", _v3_glossary_forms),
    Migration(
        4,
        "translators' texts kept beside the curator's when both changed a caption",
        _v4_caption_alternatives,
    ),
    Migration(
        5,
        "shortlisting: pick/reject flags (an XMP rating of -1 becomes a reject); caption search",
        _v5_shortlist_and_search,
    ),
    Migration(
        6,
        "translators' files: what each export carried (matched when the file comes back)",
        _v6_export_records,
    ),
    Migration(
        7,
        "the catalogue's own texts (title, foreword, imprint) per language; logos, signature",
        _v7_catalogue_texts,
    ),
    Migration(
        8,
        "translation memory: the units the project produced; accepted check findings",
        _v8_translation_memory,
    ),
    Migration(
        9,
        "glossary: each person's surname per language (the index sorts by it)",
        _v9_glossary_surnames,
    ),
    Migration(
        10,
        "the catalogue: the page template the curator chose per photo (none: by rule)",
        _v10_catalogue_page_choice,
    ),
)

#: The schema this Curator writes.
SCHEMA_VERSION = MIGRATIONS[-1].version


def migrate(conn: sqlite3.Connection, *, target: int = SCHEMA_VERSION) -> int:
    """Bring the schema up to ``target``, one migration per transaction.

    Returns the version reached. The caller has checked that the file is not newer.
    ``conn`` must be in autocommit mode (``isolation_level=None``).
    """
    current = int(conn.execute("PRAGMA user_version").fetchone()[0])
    for migration in MIGRATIONS:
        if migration.version <= current or migration.version > target:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            migration.apply(conn)
            conn.execute(f"PRAGMA user_version = {migration.version:d}")
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        current = migration.version
    return current
