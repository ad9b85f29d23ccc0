"""The two ends of a copy: reading a project in one snapshot, writing a new one whole or not at all.

Sources read everything in one consistent view: a project file in one read transaction (an
older file is migrated in memory first, never on disk, as a read-only open does); a server
project in one ``REPEATABLE READ, READ ONLY`` transaction (an older one is migrated on the
server first, as opening it would).

Destinations are written so that a stop at any moment (Ctrl-C, a killed process, a server
that goes down) leaves nothing half-made: a file is built under a hidden temporary name beside
the target and renamed only once complete (:func:`~curator.core.storage.atomic_write.atomic_output`,
never over an existing file); a server project is created, filled and indexed in one
transaction, so it either appears complete or not at all.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Protocol

import psycopg
from psycopg import sql

from curator.core.errors import ProjectExistsError, ProjectMissingError, ProjectOpenError
from curator.core.language.folding import FOLD_VERSION, fold
from curator.core.language.library_messages import reason as library_reason
from curator.core.storage.address import FileAddress, ServerAddress
from curator.core.storage.migrations import SCHEMA_VERSION, migrate
from curator.core.storage.store import check_project_file
from curator.i18n import _
from curator.server import migrations as server_migrations
from curator.server.connection import connect
from curator.server.copy_previews import (
    PreviewRow,
    file_previews,
    server_previews,
    write_server_previews,
)
from curator.server.copy_tables import SEARCH_TABLE, CopiedTable, copied_tables
from curator.server.search import folded_words

Row = Sequence[object]
#: Rows read or written at a time (memory stays bounded whatever the project's size).
BATCH = 500
_FOLD_VERSION_KEY = "search.fold_version"


class Source(Protocol):
    """A project read in one snapshot."""

    def count(self, table: CopiedTable) -> int:
        """The table's rows."""

    def rows(self, table: CopiedTable) -> Iterator[Sequence[Row]]:
        """The table's rows in batches."""

    def previews(self) -> Iterator[list[PreviewRow]]:
        """The project's previews in batches (a file's cache, a server's table)."""


class Destination(Protocol):
    """A new project being filled."""

    def write(self, table: CopiedTable, rows: Iterable[Row]) -> None:
        """Add ``rows`` to the table."""


# -- sources ------------------------------------------------------------------------------


class FileSource:
    """A project file read in one read transaction (SQLite)."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self._path = path

    @classmethod
    @contextlib.contextmanager
    def open(cls, address: FileAddress) -> Iterator[FileSource]:
        """The file at ``address`` in one snapshot; refuses a missing or newer project."""
        path = address.path.expanduser().resolve()
        version = check_project_file(path)
        try:
            conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)
        except sqlite3.Error as error:
            raise _read_error(address.display(), error) from error
        try:
            conn.execute("PRAGMA busy_timeout = 5000")
            if version < SCHEMA_VERSION:
                memory = sqlite3.connect(":memory:", isolation_level=None)
                conn.backup(memory)  # one consistent copy of what is committed
                conn.close()
                conn = memory
                migrate(conn)
            conn.execute("BEGIN")
            conn.execute("SELECT count(*) FROM project").fetchone()  # the snapshot starts here
        except sqlite3.Error as error:
            conn.close()
            raise _read_error(address.display(), error) from error
        try:
            yield cls(conn, path)
        finally:
            conn.close()

    def previews(self) -> Iterator[list[PreviewRow]]:
        """The previews in the file's cache folder, of the photos the snapshot holds."""
        hashes = [str(h) for (h,) in self._conn.execute("SELECT DISTINCT sha256 FROM photo")]
        return file_previews(self._path, sorted(hashes))

    def count(self, table: CopiedTable) -> int:
        """The table's rows."""
        return int(self._conn.execute(f"SELECT count(*) FROM {table.name}").fetchone()[0])

    def rows(self, table: CopiedTable) -> Iterator[Sequence[Row]]:
        """The table's rows in batches."""
        cursor = self._conn.execute(f"SELECT {', '.join(table.columns)} FROM {table.name}")
        while batch := cursor.fetchmany(BATCH):
            yield batch


class ServerSource:
    """A server project read in one ``REPEATABLE READ, READ ONLY`` transaction."""

    def __init__(self, conn: psycopg.Connection[tuple[object, ...]], schema: str) -> None:
        self._conn = conn
        self._schema = schema

    @classmethod
    @contextlib.contextmanager
    def open(cls, address: ServerAddress) -> Iterator[ServerSource]:
        """The project at ``address`` in one snapshot; an older one is migrated first."""
        with connect(address) as setup:
            version = server_migrations.schema_version(setup, address.schema)
            if version == 0 or not _has_project_row(setup, address.schema):
                raise ProjectMissingError(
                    _("There is no project at %(address)s.") % {"address": address.display()}
                )
            if version != SCHEMA_VERSION:  # newer: refused with a message naming both
                server_migrations.migrate(setup, address)
        conn = connect(address, autocommit=False)
        try:
            conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            conn.read_only = True
            conn.execute("SELECT 1").fetchone()  # the snapshot starts here
        except psycopg.Error as error:
            conn.close()
            raise _read_error(address.display(), error) from error
        try:
            yield cls(conn, address.schema)
        finally:
            conn.close()  # a read-only transaction: closing ends it

    def _table(self, table: CopiedTable) -> sql.Composed:
        return sql.SQL("{}.{}").format(sql.Identifier(self._schema), sql.Identifier(table.name))

    def previews(self) -> Iterator[list[PreviewRow]]:
        """The project's previews (its ``shared_preview`` table) in the same snapshot."""
        return server_previews(self._conn, self._schema)

    def count(self, table: CopiedTable) -> int:
        """The table's rows."""
        query = sql.SQL("SELECT count(*) FROM {}").format(self._table(table))
        row = self._conn.execute(query).fetchone()
        return int(str(row[0])) if row else 0

    def rows(self, table: CopiedTable) -> Iterator[Sequence[Row]]:
        """The table's rows in batches, through a server-side cursor."""
        query = sql.SQL("SELECT {} FROM {}").format(
            sql.SQL(", ").join(sql.Identifier(c) for c in table.columns), self._table(table)
        )
        with self._conn.cursor(name=f"curator_copy_{table.name}") as cursor:
            cursor.itersize = BATCH
            cursor.execute(query)
            while batch := cursor.fetchmany(BATCH):
                yield batch


def _has_project_row(conn: psycopg.Connection[tuple[object, ...]], schema: str) -> bool:
    exists = conn.execute("SELECT to_regclass(%s)", (f"{schema}.project",)).fetchone()
    if exists is None or exists[0] is None:
        return False
    query = sql.SQL("SELECT EXISTS (SELECT 1 FROM {}.project)").format(sql.Identifier(schema))
    row = conn.execute(query).fetchone()
    return bool(row and row[0])


def _read_error(address: str, error: BaseException) -> ProjectOpenError:
    return ProjectOpenError(
        _("Cannot read %(path)s: %(reason)s") % {"path": address, "reason": library_reason(error)}
    )


# -- destinations -------------------------------------------------------------------------


class FileDestination:
    """A new project file being built in a temporary file (see the module's note)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    @classmethod
    @contextlib.contextmanager
    def create(cls, temporary: Path) -> Iterator[FileDestination]:
        """Build a project in ``temporary`` (an empty file); committed when the block ends well."""
        conn = sqlite3.connect(temporary, isolation_level=None)
        try:
            # No journal file beside the temporary one: a killed copy leaves one file to sweep.
            conn.execute("PRAGMA journal_mode = MEMORY")
            conn.execute("PRAGMA synchronous = OFF")  # the atomic writer flushes the result
            migrate(conn)
            conn.execute("BEGIN IMMEDIATE")
            destination = cls(conn)
            destination.clear()
            yield destination
            destination.index_captions()
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise ProjectOpenError(
                    _(
                        "The copy is inconsistent (%(rows)d rows point to nothing);"
                        " nothing was made."
                    )
                    % {"rows": len(broken)}
                )
            conn.execute("COMMIT")
        finally:
            conn.close()

    def clear(self) -> None:
        """Empty what the migrations put in (the search setting): the copy brings its own."""
        for table in reversed(copied_tables()):
            self._conn.execute(f"DELETE FROM {table.name}")

    def write(self, table: CopiedTable, rows: Iterable[Row]) -> None:
        """Add ``rows`` to the table."""
        marks = ", ".join("?" for _column in table.columns)
        self._conn.executemany(
            f"INSERT INTO {table.name} ({', '.join(table.columns)}) VALUES ({marks})", rows
        )

    def index_captions(self) -> None:
        """Fold every caption into the FTS5 index, as a migration or a rebuild does."""
        self._conn.execute(f"DELETE FROM {SEARCH_TABLE}")
        cursor = self._conn.execute("SELECT rowid, text FROM caption WHERE text != ''")
        while batch := cursor.fetchmany(BATCH):
            self._conn.executemany(
                f"INSERT INTO {SEARCH_TABLE} (rowid, folded) VALUES (?, ?)",
                [(rowid, fold(str(text))) for rowid, text in batch],
            )
        self._conn.execute(
            "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
            (_FOLD_VERSION_KEY, str(FOLD_VERSION)),
        )


class ServerDestination:
    """A new server project built in one transaction (see the module's note)."""

    def __init__(self, conn: psycopg.Connection[tuple[object, ...]], schema: str) -> None:
        self._conn = conn
        self._schema = schema

    @classmethod
    @contextlib.contextmanager
    def create(cls, address: ServerAddress) -> Iterator[ServerDestination]:
        """Create the project at ``address``; refuses one that holds a project already."""
        with connect(address) as conn, conn.transaction():
            # The migrations' own lock: a second copy to the same place waits, then is refused.
            conn.execute(
                "SELECT pg_advisory_xact_lock(hashtext(%s))", (f"curator:{address.schema}",)
            )
            if _has_project_row(conn, address.schema):
                raise ProjectExistsError(
                    _("%(address)s already holds a project; copy into a new one.")
                    % {"address": address.display()}
                )
            server_migrations.migrate(conn, address)
            destination = cls(conn, address.schema)
            destination.clear()
            yield destination
            destination.index_captions()

    def _table(self, name: str) -> sql.Composed:
        return sql.SQL("{}.{}").format(sql.Identifier(self._schema), sql.Identifier(name))

    def write_previews(self, rows: Sequence[PreviewRow]) -> None:
        """Add previews to the new project's table, in the copy's transaction."""
        write_server_previews(self._conn, self._schema, rows)

    def clear(self) -> None:
        """Empty what the migrations put in (the search setting): the copy brings its own."""
        for table in reversed(copied_tables()):
            self._conn.execute(sql.SQL("DELETE FROM {}").format(self._table(table.name)))

    def write(self, table: CopiedTable, rows: Iterable[Row]) -> None:
        """Add ``rows`` to the table with ``COPY``; advance its identity past them."""
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            self._table(table.name),
            sql.SQL(", ").join(sql.Identifier(c) for c in table.columns),
        )
        with self._conn.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
        if table.identity is not None:  # new rows get ids after the copied ones
            self._conn.execute(
                sql.SQL(
                    "SELECT setval(pg_get_serial_sequence({name}, {column}),"
                    " coalesce(max({identity}), 0) + 1, false) FROM {table}"
                ).format(
                    name=sql.Literal(f"{self._schema}.{table.name}"),
                    column=sql.Literal(table.identity),
                    identity=sql.Identifier(table.identity),
                    table=self._table(table.name),
                )
            )

    def index_captions(self) -> None:
        """Fold every caption into the search table, as the migration does."""
        self._conn.execute(sql.SQL("DELETE FROM {}").format(self._table(SEARCH_TABLE)))
        select = sql.SQL("SELECT photo_id, language, field, text FROM {} WHERE text <> ''").format(
            self._table("caption")
        )
        insert = sql.SQL(
            "INSERT INTO {} (photo_id, language, field, folded) VALUES (%s, %s, %s, %s)"
        ).format(self._table(SEARCH_TABLE))
        with self._conn.cursor(name="curator_copy_search") as captions, self._conn.cursor() as out:
            captions.execute(select)
            while batch := captions.fetchmany(BATCH):
                out.executemany(
                    insert, [(p, lang, f, folded_words(str(t))) for p, lang, f, t in batch]
                )
        self._conn.execute(
            sql.SQL(
                "INSERT INTO {} (key, value) VALUES (%s, %s)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
            ).format(self._table("setting")),
            (_FOLD_VERSION_KEY, str(FOLD_VERSION)),
        )
