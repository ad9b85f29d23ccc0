"""One domain, two stores: what the repositories need of a database, and where it differs.

A project lives in an SQLite file (:class:`~curator.core.storage.store.ProjectStore`) or in
a schema on a PostgreSQL server (``curator.server.store.ServerStore``). Both hand the
repositories a :class:`Database`: ``execute`` and ``executemany`` with ``?`` placeholders,
cursors of plain tuples. An ``sqlite3.Connection`` is one as it is; the server's adapter
translates placeholders and values. The repositories write SQL both engines run (``INSERT
… ON CONFLICT``, ``RETURNING``); the few places where the engines really differ (the search
index, the order rows were written in, the schema's own catalogue) ask the connection's
:class:`Dialect`. Nothing here imports a database driver.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from curator.core.storage.workstation_paths import WorkstationPaths


class Cursor(Protocol):
    """The result of one statement: rows as tuples."""

    @property
    def rowcount(self) -> int:
        """How many rows the statement changed."""

    @property
    def description(self) -> Any:
        """The result's columns (the first item of each is its name)."""

    def fetchone(self) -> Any:
        """The next row, or None."""

    def fetchall(self) -> list[Any]:
        """The remaining rows."""

    def fetchmany(self, size: int = ..., /) -> list[Any]:
        """Up to ``size`` more rows."""

    def __iter__(self) -> Iterator[Any]:
        """The remaining rows, one at a time."""


class Database(Protocol):
    """What a repository holds: an ``sqlite3.Connection`` or the server's adapter."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Any:
        """Run one statement (``?`` placeholders); its cursor."""

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Any:
        """Run one statement for every set of parameters."""


@dataclass(frozen=True, slots=True)
class Dialect:
    """Where SQLite and PostgreSQL differ, for the repositories."""

    #: ``"sqlite"`` or ``"postgresql"``.
    name: str
    #: The query for the project's schema version.
    schema_version_sql: str
    #: Tiebreak that keeps rows in the order they were written (SQLite's rowid); a server
    #: table has no such column, so its key stands in.
    photo_order: str
    glossary_form_order: str
    export_order: str

    @property
    def is_server(self) -> bool:
        """Whether this is PostgreSQL."""
        return self.name == "postgresql"


SQLITE = Dialect(
    name="sqlite",
    schema_version_sql="PRAGMA user_version",
    photo_order="imported_at, rowid",
    glossary_form_order="rowid",
    export_order="e.created_at DESC, e.rowid DESC",
)

POSTGRESQL = Dialect(
    name="postgresql",
    schema_version_sql="SELECT version FROM schema_version",
    # Photos of one import share a second: the file's path keeps them in the order read.
    photo_order="imported_at, path, id",
    glossary_form_order="language, kind, form",
    export_order="e.created_at DESC, e.id DESC",
)


def dialect_of(conn: Database) -> Dialect:
    """The dialect of a repository's connection (the server adapter names its own)."""
    found = getattr(conn, "dialect", None)
    return found if isinstance(found, Dialect) else SQLITE


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RemoteChanges:
    """What other writers changed in a project, as its server announced it.

    ``captions`` names fields as (photo, language, field value); ``photos`` photos whose own
    row changed (marks, facts, a new or removed photo); ``tables`` any other table written
    (sections, panels, the hall, settings …). ``everything``: the announcements may have
    been missed (the connection was lost and made again), so read the whole project again.
    """

    captions: frozenset[tuple[str, str, str]] = frozenset()
    photos: frozenset[str] = frozenset()
    tables: frozenset[str] = frozenset()
    everything: bool = False


class Listening(Protocol):
    """A project's announcements being listened to, on a thread of their own."""

    def stop(self) -> None:
        """Stop listening (returns once the thread has ended); safe to call twice."""


class Store(Protocol):
    """An open project, in a file or on a server: its connection, its transactions.

    ``path`` is the project file, or for a server project this workstation's own folder
    for it (caches of previews and decoded originals live beside it); ``location`` is what
    a person reads and types to open it again (a path, or the server address without any
    password).
    """

    path: Path
    read_only: bool
    writable: bool

    @property
    def conn(self) -> Database:
        """The connection the repositories use."""

    @property
    def photo_paths(self) -> WorkstationPaths | None:
        """This workstation's paths of the originals of a server project (None: a file)."""

    @property
    def location(self) -> str:
        """The project as a person names it (a path, or an address without password)."""

    @property
    def is_server(self) -> bool:
        """Whether the project is on a PostgreSQL server."""

    @property
    def schema_version(self) -> int:
        """The project's schema version."""

    def transaction(self) -> AbstractContextManager[Database]:
        """One user edit: all or nothing (nested use joins the outer one)."""

    def for_thread(self) -> Store:
        """A second connection to the project, for a worker thread."""

    def retrying(self, work: Callable[[], T]) -> T:
        """Run ``work`` (one transaction of its own) again when the server gave up on it.

        A server may end a transaction for a serialization failure or a deadlock; nothing
        of it was written, so it is run again, a few times, after growing pauses.
        """

    def listen(self, report: Callable[[RemoteChanges], None]) -> Listening | None:
        """Call ``report`` (on another thread) with what other writers change; None: no need.

        A file project has one writing process, so it announces nothing.
        """

    def close(self) -> None:
        """Close the project; safe to call twice."""
