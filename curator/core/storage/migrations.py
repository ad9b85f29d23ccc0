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

from curator.core.language.folding import FOLD_VERSION, fold
from curator.core.storage.schema_hall import hall_tables
from curator.core.storage.schema_initial import initial_schema, run_script
from curator.core.storage.schema_memory import memory_tables
from curator.core.storage.schema_shown import SHOWN_SQLITE, shown_edited_flag
from curator.core.storage.schema_visit import visit_tables

#: 'CURT' - marks an SQLite file as a Curator project.
APPLICATION_ID = 0x43555254


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of the schema."""

    version: int
    description: str
    apply: Callable[[sqlite3.Connection], None]


def _v2_import(conn: sqlite3.Connection) -> None:
    run_script(
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
    run_script(
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
    run_script(
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
    run_script(
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
    # The index's rowid is the caption's rowid; folding is Python's (see core/language/folding.py).
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
    run_script(
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
    run_script(
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
    run_script(
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


def _v10_catalogue_alternatives(conn: sqlite3.Connection) -> None:
    """Translators' catalogue texts kept beside the curator's, when both changed one."""
    run_script(
        conn,
        """
        CREATE TABLE catalogue_text_alternative (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL,
            language TEXT NOT NULL,
            text TEXT NOT NULL CHECK (text != ''),
            origin TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX catalogue_text_alternative_text
            ON catalogue_text_alternative(key, language);
        """,
    )


def _v11_file_facts_and_case_forms(conn: sqlite3.Connection) -> None:
    """Lens, exposure, IPTC state and job id of each photo; a glossary term's case forms.

    The new photo columns stay empty for photos already imported: ``curator reread`` (or the
    window's *File → Re-read Metadata From Files*) fills them from the originals.
    """
    run_script(
        conn,
        """
        ALTER TABLE photo ADD COLUMN lens TEXT;
        ALTER TABLE photo ADD COLUMN exposure_time REAL CHECK (exposure_time > 0);
        ALTER TABLE photo ADD COLUMN f_number REAL CHECK (f_number > 0);
        ALTER TABLE photo ADD COLUMN iso INTEGER CHECK (iso > 0);
        ALTER TABLE photo ADD COLUMN focal_length REAL CHECK (focal_length > 0);
        ALTER TABLE photo ADD COLUMN state TEXT;
        ALTER TABLE photo ADD COLUMN job_id TEXT;
        CREATE TABLE glossary_case (
            entry_id INTEGER NOT NULL REFERENCES glossary_entry(id) ON DELETE CASCADE,
            language TEXT NOT NULL,
            grammatical_case TEXT NOT NULL
                CHECK (grammatical_case IN ('gen', 'dat', 'acc', 'ins', 'pre')),
            form TEXT NOT NULL CHECK (form != ''),
            PRIMARY KEY (entry_id, language, grammatical_case)
        ) WITHOUT ROWID;
        """,
    )


def _v12_catalogue_page_choice(conn: sqlite3.Connection) -> None:
    """The catalogue page template a curator chose for a photo (none: by rule)."""
    run_script(
        conn,
        """
        CREATE TABLE catalogue_page_choice (
            photo_id TEXT PRIMARY KEY REFERENCES photo(id) ON DELETE CASCADE,
            choice TEXT NOT NULL CHECK (choice != '' AND choice != 'auto')
        ) WITHOUT ROWID;
        """,
    )


def _v15_accessibility_fields(conn: sqlite3.Connection) -> None:
    """Alt text and extended description per language; keywords kept as the curator edits them.

    Captions may hold the two IPTC Accessibility fields; a photo's keywords edited by the
    curator are marked so that a re-read of its file keeps them.

    SQLite cannot change a CHECK in place: the table is rebuilt with its rows and rowids (the
    search index is keyed by them), its trigger dropped first so that no search row goes.
    """
    run_script(
        conn,
        """
        ALTER TABLE photo ADD COLUMN keywords_edited INTEGER NOT NULL DEFAULT 0;
        DROP TRIGGER caption_search_delete;
        CREATE TABLE caption_v13 (
            photo_id TEXT NOT NULL REFERENCES photo(id) ON DELETE CASCADE,
            language TEXT NOT NULL,
            field TEXT NOT NULL CHECK (field IN
                ('headline', 'caption', 'place', 'date', 'credit', 'alt', 'description')),
            text TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'empty'
                CHECK (status IN ('empty', 'draft', 'needs-review', 'final')),
            revision INTEGER NOT NULL DEFAULT 0,
            edited INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (photo_id, language, field)
        );
        INSERT INTO caption_v13 (rowid, photo_id, language, field, text, status, revision,
                                 edited, updated_at)
            SELECT rowid, photo_id, language, field, text, status, revision, edited, updated_at
            FROM caption;
        DROP TABLE caption;
        ALTER TABLE caption_v13 RENAME TO caption;
        CREATE TRIGGER caption_search_delete AFTER DELETE ON caption BEGIN
            DELETE FROM caption_search WHERE rowid = old.rowid;
        END;
        """,
    )


def _json_object(raw: str) -> dict[str, object]:
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _v14_shown(conn: sqlite3.Connection) -> None:
    """Who and what a photo shows, picked from the glossary (issue #24; the lead renumbers)."""
    run_script(conn, SHOWN_SQLITE)


def _v13_rights_and_provenance(conn: sqlite3.Connection) -> None:
    """Each agency's rights template; each photo's digital source type and C2PA status.

    ``rights_template.agency_key`` is the agency's name folded for matching (a photo's
    credit names the agency). ``usage_terms`` is a JSON object, language tag to text.
    ``photo_provenance`` holds what the original said (digital source type, its C2PA
    manifest's state and signer) and what the curator chose (a source type, a template).
    """
    run_script(
        conn,
        """
        CREATE TABLE rights_template (
            agency_key TEXT PRIMARY KEY CHECK (agency_key != ''),
            agency TEXT NOT NULL CHECK (agency != ''),
            copyright TEXT NOT NULL DEFAULT '',
            usage_terms TEXT NOT NULL DEFAULT '{}',
            credit_line TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            licensor_name TEXT NOT NULL DEFAULT '',
            licensor_url TEXT NOT NULL DEFAULT '',
            data_mining TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE photo_provenance (
            photo_id TEXT PRIMARY KEY REFERENCES photo(id) ON DELETE CASCADE,
            source_type TEXT NOT NULL DEFAULT '',
            source_type_edited INTEGER NOT NULL DEFAULT 0 CHECK (source_type_edited IN (0, 1)),
            rights_agency_key TEXT NOT NULL DEFAULT '',
            c2pa_state TEXT NOT NULL DEFAULT ''
                CHECK (c2pa_state IN ('', 'valid', 'invalid', 'unreadable')),
            c2pa_signer TEXT NOT NULL DEFAULT '',
            c2pa_trusted INTEGER NOT NULL DEFAULT 0 CHECK (c2pa_trusted IN (0, 1)),
            c2pa_detail TEXT NOT NULL DEFAULT ''
        ) WITHOUT ROWID;
        """,
    )


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1, "initial schema: project, photos, captions, credits, glossary, layout", initial_schema
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
        memory_tables,
    ),
    Migration(
        9,
        "glossary: each person's surname per language (the index sorts by it)",
        _v9_glossary_surnames,
    ),
    Migration(
        10,
        "translators' catalogue texts kept beside the curator's when both changed one",
        _v10_catalogue_alternatives,
    ),
    Migration(
        11,
        "photos: lens, exposure, IPTC state and job id; glossary: a term's case forms",
        _v11_file_facts_and_case_forms,
    ),
    Migration(12, "catalogue: the page template chosen for a photo", _v12_catalogue_page_choice),
    Migration(
        13,
        "rights templates per agency; each photo's digital source type and C2PA status",
        _v13_rights_and_provenance,
    ),
    Migration(
        14,
        "photos: people, organisations, places and events shown, person regions",
        _v14_shown,
    ),
    Migration(
        15,
        "captions: alt text and extended description per language; keywords kept as edited",
        _v15_accessibility_fields,
    ),
    Migration(16, "the hall: walls, doors, stands, where panels hang", hall_tables),
    Migration(
        17,
        "writes announce what they changed to other windows (on a server: NOTIFY triggers;"
        " a file has one writer and needs nothing)",
        lambda _conn: None,
    ),
    Migration(18, "photos: whether the curator edited what they show", shown_edited_flag),
    Migration(19, "the visit: routes, their stops, talking points per stop", visit_tables),
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
