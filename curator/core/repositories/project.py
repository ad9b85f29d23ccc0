"""The project's identity, languages and settings."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from curator.core.language.text import clean_line
from curator.core.model import CatalogueSettings, Project
from curator.core.repositories._util import now_iso
from curator.core.storage.database import Database, dialect_of
from curator.core.storage.migrations import SCHEMA_VERSION

_CATALOGUE_KEY = "catalogue"
#: A stored setting longer than this (characters of JSON) is refused whole: no setting
#: Curator writes comes near it, and reading one must not take unbounded memory.
MAX_SETTING_CHARS = 1_000_000


class ProjectRepository:
    """Reads and writes the single project row, its languages and its settings."""

    def __init__(self, conn: Database) -> None:
        self._conn = conn
        # Values refused when the project was opened (row, path inside its JSON): every
        # reader sees the default in their place until a checked value is written.
        self._refused: set[tuple[str, tuple[str, ...]]] = set()

    def initialise(self, title: str, languages: list[str], source_language: str) -> None:
        """Write the identity of a new project (inside a transaction)."""
        self._conn.execute(
            "INSERT INTO project (singleton, uid, title, source_language, created_at)"
            " VALUES (1, ?, ?, ?, ?)",
            (uuid.uuid4().hex, clean_line(title), source_language, now_iso()),
        )
        self.set_languages(languages)

    def get(self) -> Project:
        """The project's identity and languages."""
        row = self._conn.execute(
            "SELECT uid, title, source_language, created_at FROM project"
        ).fetchone()
        if row is None:
            raise LookupError("project row missing")
        uid, title, source_language, created_at = row
        version = int(self._conn.execute(dialect_of(self._conn).schema_version_sql).fetchone()[0])
        return Project(
            title=title,
            languages=tuple(self.languages()),
            source_language=source_language,
            uid=uid,
            created_at=datetime.fromisoformat(created_at),
            schema_version=version or SCHEMA_VERSION,
        )

    def language_order(self) -> tuple[list[str], str]:
        """The languages in page order and the source language, in one query."""
        rows = self._conn.execute(
            "SELECT project_language.tag, project.source_language"
            " FROM project_language, project ORDER BY project_language.position"
        ).fetchall()
        if not rows:
            return [], str(self._conn.execute("SELECT source_language FROM project").fetchone()[0])
        return [str(tag) for tag, _source in rows], str(rows[0][1])

    def languages(self) -> list[str]:
        """The project's languages in page order."""
        rows = self._conn.execute("SELECT tag FROM project_language ORDER BY position")
        return [tag for (tag,) in rows]

    def set_languages(self, languages: list[str]) -> None:
        """Replace the language list (already checked tags) in the given order."""
        self._conn.execute("DELETE FROM project_language")
        self._conn.executemany(
            "INSERT INTO project_language (tag, position) VALUES (?, ?)",
            [(tag, index) for index, tag in enumerate(languages)],
        )

    def set_title(self, title: str) -> None:
        """Rename the project."""
        self._conn.execute("UPDATE project SET title = ?", (clean_line(title),))

    def set_source_language(self, tag: str) -> None:
        """Change the language translators translate from."""
        self._conn.execute("UPDATE project SET source_language = ?", (tag,))

    def setting(self, key: str, default: Any = None) -> Any:
        """A project setting (JSON value), or ``default``.

        A value refused when the project was opened (:meth:`refuse_setting`) is left out,
        and so is a row longer than :data:`MAX_SETTING_CHARS`.
        """
        row = self._conn.execute(
            "SELECT value FROM setting WHERE key = ? AND length(value) <= ?",
            (key, MAX_SETTING_CHARS),
        ).fetchone()
        if row is None:
            return default
        value = json.loads(row[0])
        for refused_key, path in self._refused:
            if refused_key != key:
                continue
            if not path:
                return default
            node = value
            for part in path[:-1]:
                node = node.get(part) if isinstance(node, dict) else None
            if isinstance(node, dict):
                node.pop(path[-1], None)
        return value

    def oversized_settings(self) -> list[str]:
        """The keys of stored settings longer than :data:`MAX_SETTING_CHARS` (read as absent)."""
        rows = self._conn.execute(
            "SELECT key FROM setting WHERE length(value) > ? ORDER BY key", (MAX_SETTING_CHARS,)
        )
        return [key for (key,) in rows]

    def refuse_setting(self, key: str, path: tuple[str, ...] = ()) -> None:
        """Read the value at ``path`` in setting ``key`` as absent from now on (see setting)."""
        self._refused.add((key, path))

    def refused_setting(self, key: str, path: tuple[str, ...] = ()) -> Any:
        """The stored value at ``path`` in setting ``key`` if it was refused, else None."""
        if (key, path) not in self._refused:
            return None
        row = self._conn.execute(
            "SELECT value FROM setting WHERE key = ? AND length(value) <= ?",
            (key, MAX_SETTING_CHARS),
        ).fetchone()
        value = json.loads(row[0]) if row is not None else None
        for part in path:
            value = value.get(part) if isinstance(value, dict) else None
        return value

    def set_setting(self, key: str, value: Any) -> None:
        """Store a project setting as JSON (what was refused in that row is replaced)."""
        self._refused = {entry for entry in self._refused if entry[0] != key}
        self._conn.execute(
            "INSERT INTO setting (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value, ensure_ascii=False)),
        )

    def delete_setting(self, key: str) -> None:
        """Forget a project setting, so its default applies again."""
        self._conn.execute("DELETE FROM setting WHERE key = ?", (key,))

    def catalogue_settings(self) -> CatalogueSettings:
        """The catalogue settings, defaults where none are stored."""
        stored = self.setting(_CATALOGUE_KEY, {})
        return CatalogueSettings.from_dict(stored if isinstance(stored, dict) else {})

    def set_catalogue_settings(self, settings: CatalogueSettings) -> None:
        """Store the catalogue settings."""
        self.set_setting(_CATALOGUE_KEY, settings.to_dict())
