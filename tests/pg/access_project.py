"""A small server project for the access tests, and connections to it as any login."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

import psycopg
from psycopg import sql

from curator.core.storage.address import ServerAddress, parse_address
from curator.server import migrations
from curator.server.connection import connect
from curator.server.schema import Connection


@dataclass(frozen=True, slots=True)
class Project:
    """A server project with three languages, one photo captioned in each, and a section."""

    uri: str
    address: ServerAddress
    photo: str = "p1"

    def login(self, name: str) -> Connection:
        """A raw connection as ``name`` (trust: no password), on the project's schema."""
        conn = psycopg.connect(re.sub(r"user=[^&]*", f"user={name}", self.uri))
        conn.autocommit = True
        conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(self.address.schema)))
        return conn

    def admin(self) -> Connection:
        """The owner's connection (the login of ``uri``, who created the project)."""
        return connect(self.address)

    def new_login(self, stem: str, *, createrole: bool = False) -> str:
        name = f"{stem}_{uuid.uuid4().hex[:8]}"
        with self.admin() as conn:
            extra = sql.SQL(" CREATEROLE") if createrole else sql.SQL("")
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(name)) + extra)
        return name

    def caption(self, language: str) -> str:
        with self.admin() as conn:
            row = conn.execute(
                "SELECT text FROM caption WHERE photo_id = %s AND language = %s"
                " AND field = 'caption'",
                (self.photo, language),
            ).fetchone()
        assert row is not None
        return str(row[0])


def make_project(uri: str, languages: tuple[str, ...] = ("vi", "ru", "en")) -> Project:
    address = parse_address(uri + "&project=expo")
    assert isinstance(address, ServerAddress)
    with connect(address) as conn:
        migrations.migrate(conn, address)
        conn.execute(
            "INSERT INTO project VALUES (1, 'u1', 'Expo', %s, '2026-01-01')", (languages[0],)
        )
        for position, tag in enumerate(languages):
            conn.execute("INSERT INTO project_language VALUES (%s, %s)", (tag, position))
        conn.execute(
            "INSERT INTO photo (id, sha256, path, width, height, imported_at)"
            " VALUES ('p1', 'h1', '/p1.jpg', 10, 10, 'now')"
        )
        for tag in languages:
            conn.execute(
                "INSERT INTO caption (photo_id, language, field, text, updated_at)"
                " VALUES ('p1', %s, 'caption', %s, 'now')",
                (tag, f"text {tag}"),
            )
        conn.execute("INSERT INTO section VALUES ('s1', 1)")
    return Project(uri, address)
