"""Step 17 on PostgreSQL: every write announces what it changed (LISTEN/NOTIFY).

Triggers send a notification on the project's own channel (:func:`channel`) when a row
changes, so any writer - a window, the command line, a translator's file, SQL typed by hand -
reaches the windows that listen (:mod:`curator.server.listen`). The payload is a small JSON
array naming what changed:

- ``["caption", photo_id, language, field]`` for a caption field (one per row);
- ``["photo", photo_id]`` for a photo's own row (rating, flag, facts, a new photo);
- ``["table", name]`` once per statement for every other table (sections, panels, the hall,
  settings …): a window reads that area again.

PostgreSQL delivers notifications only when their transaction commits and folds identical
ones of one transaction into one, so a long import sends each photo once. The SQLite twin
adds nothing: a file has one writing process (its lock), whose window knows its own changes.
"""

from __future__ import annotations

import hashlib

import psycopg
from psycopg import sql

Connection = psycopg.Connection[tuple[object, ...]]

#: Tables that announce no change of their own: the search index follows the captions, the
#: version row changes only while migrating.
_QUIET = frozenset({"caption", "photo", "caption_search", "schema_version"})


def channel(schema: str) -> str:
    """The project's notification channel (a valid identifier of fixed length)."""
    return "curator_" + hashlib.md5(schema.encode(), usedforsecurity=False).hexdigest()


_FUNCTIONS = """
CREATE FUNCTION curator_changed_caption() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed record;
BEGIN
    IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
    PERFORM pg_notify('curator_' || md5(TG_TABLE_SCHEMA), json_build_array(
        'caption', changed.photo_id, changed.language, changed.field)::text);
    RETURN NULL;
END $$;
CREATE FUNCTION curator_changed_photo() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed record;
BEGIN
    IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
    PERFORM pg_notify('curator_' || md5(TG_TABLE_SCHEMA),
        json_build_array('photo', changed.id)::text);
    RETURN NULL;
END $$;
CREATE FUNCTION curator_changed_table() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('curator_' || md5(TG_TABLE_SCHEMA),
        json_build_array('table', TG_TABLE_NAME)::text);
    RETURN NULL;
END $$;
CREATE TRIGGER curator_changed AFTER INSERT OR UPDATE OR DELETE ON caption
    FOR EACH ROW EXECUTE FUNCTION curator_changed_caption();
CREATE TRIGGER curator_changed AFTER INSERT OR UPDATE OR DELETE ON photo
    FOR EACH ROW EXECUTE FUNCTION curator_changed_photo();
"""


def v17_announce_changes(conn: Connection) -> None:
    """Create the triggers (the migration has set the search path to the project's schema)."""
    conn.execute(_FUNCTIONS)
    rows = conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
    ).fetchall()
    for (table,) in rows:
        if str(table) in _QUIET:
            continue
        conn.execute(
            sql.SQL(
                "CREATE TRIGGER curator_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE"
                " ON {} FOR EACH STATEMENT EXECUTE FUNCTION curator_changed_table()"
            ).format(sql.Identifier(str(table)))
        )
