"""The catalogue's own texts per language, and the images it carries (logos, signature).

Texts are ``(key, language) -> text``; a language-neutral value (the ISBN) has the language
``""``. Images are kept in the project file as the bytes the curator chose, so a project
copied to another machine prints the same logos.
"""

from __future__ import annotations

from dataclasses import dataclass

from curator.core.language.text import nfc
from curator.core.repositories._util import now_iso
from curator.core.storage.database import Database


@dataclass(frozen=True, slots=True)
class StoredAsset:
    """An image the catalogue prints: an organiser's logo or the signatory's signature."""

    id: int
    role: str
    position: int
    name: str
    media_type: str
    data: bytes


@dataclass(frozen=True, slots=True)
class KeptText:
    """A translator's catalogue text kept beside the curator's (both changed it)."""

    id: int
    key: str
    language: str
    text: str
    origin: str
    created_at: str


class CatalogueRepository:
    """Reads and writes ``catalogue_text`` and ``catalogue_asset``."""

    def __init__(self, conn: Database) -> None:
        self._conn = conn

    def texts(self) -> dict[str, dict[str, str]]:
        """``{key: {language: text}}`` for every text set."""
        result: dict[str, dict[str, str]] = {}
        rows = self._conn.execute("SELECT key, language, text FROM catalogue_text")
        for key, language, text in rows:
            result.setdefault(key, {})[language] = text
        return result

    def set_text(self, key: str, language: str, text: str) -> None:
        """Store one text (an empty one is removed)."""
        text = nfc(text).strip()
        if not text:
            self._conn.execute(
                "DELETE FROM catalogue_text WHERE key = ? AND language = ?", (key, language)
            )
            return
        self._conn.execute(
            "INSERT INTO catalogue_text (key, language, text) VALUES (?, ?, ?)"
            " ON CONFLICT (key, language) DO UPDATE SET text = excluded.text",
            (key, language, text),
        )

    def assets(self, role: str | None = None) -> list[StoredAsset]:
        """The images, in their order (of one role, or all)."""
        sql = "SELECT id, role, position, name, media_type, data FROM catalogue_asset"
        args: tuple[str, ...] = ()
        if role is not None:
            sql += " WHERE role = ?"
            args = (role,)
        rows = self._conn.execute(sql + " ORDER BY role, position, id", args)
        return [StoredAsset(*row) for row in rows]

    def add_asset(self, role: str, name: str, media_type: str, data: bytes) -> int:
        """Append an image to its role's list; returns its id."""
        row = self._conn.execute(
            "SELECT COALESCE(MAX(position) + 1, 0) FROM catalogue_asset WHERE role = ?", (role,)
        ).fetchone()
        cursor = self._conn.execute(
            "INSERT INTO catalogue_asset (role, position, name, media_type, data)"
            " VALUES (?, ?, ?, ?, ?) RETURNING id",
            (role, int(row[0]), nfc(name), media_type, data),
        )
        return int(cursor.fetchone()[0])

    def restore_asset(self, asset: StoredAsset) -> None:
        """Put a removed image back as it was (undo)."""
        self._conn.execute(
            "INSERT INTO catalogue_asset (id, role, position, name, media_type, data)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (asset.id, asset.role, asset.position, asset.name, asset.media_type, asset.data),
        )

    def remove_asset(self, asset_id: int) -> None:
        """Forget an image."""
        self._conn.execute("DELETE FROM catalogue_asset WHERE id = ?", (asset_id,))

    def kept(self, key: str | None = None, language: str | None = None) -> list[KeptText]:
        """Translators' texts waiting beside the curator's (of one text, or all), oldest first."""
        sql = "SELECT id, key, language, text, origin, created_at FROM catalogue_text_alternative"
        clauses: list[str] = []
        args: list[str] = []
        if key is not None:
            clauses.append("key = ?")
            args.append(key)
        if language is not None:
            clauses.append("language = ?")
            args.append(language)
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        rows = self._conn.execute(sql + " ORDER BY id", args)
        return [KeptText(*row) for row in rows]

    def keep(self, key: str, language: str, text: str, origin: str) -> KeptText:
        """Keep a translator's text beside the stored one; the same pending text is kept once."""
        text = nfc(text).strip()
        for existing in self.kept(key, language):
            if existing.text == text:
                return existing
        created = now_iso()
        cursor = self._conn.execute(
            "INSERT INTO catalogue_text_alternative (key, language, text, origin, created_at)"
            " VALUES (?, ?, ?, ?, ?) RETURNING id",
            (key, language, text, origin, created),
        )
        return KeptText(int(cursor.fetchone()[0]), key, language, text, origin, created)

    def restore_kept(self, kept: KeptText) -> None:
        """Put a removed kept text back as it was (undo)."""
        self._conn.execute(
            "INSERT INTO catalogue_text_alternative (id, key, language, text, origin, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (kept.id, kept.key, kept.language, kept.text, kept.origin, kept.created_at),
        )

    def remove_kept(self, kept_id: int) -> None:
        """Forget a kept text."""
        self._conn.execute("DELETE FROM catalogue_text_alternative WHERE id = ?", (kept_id,))

    def page_choices(self) -> dict[str, str]:
        """The page template the curator chose, by photo id (photos left to the rules absent)."""
        rows = self._conn.execute("SELECT photo_id, choice FROM catalogue_page_choice")
        return {photo_id: choice for photo_id, choice in rows}

    def set_page_choice(self, photo_id: str, choice: str) -> None:
        """Store a photo's page template; ``auto`` (by rule) removes the choice."""
        if choice == "auto":
            self._conn.execute("DELETE FROM catalogue_page_choice WHERE photo_id = ?", (photo_id,))
            return
        self._conn.execute(
            "INSERT INTO catalogue_page_choice (photo_id, choice) VALUES (?, ?)"
            " ON CONFLICT (photo_id) DO UPDATE SET choice = excluded.choice",
            (photo_id, choice),
        )
