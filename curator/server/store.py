"""A project on a PostgreSQL server, opened as the repositories' store.

:class:`ServerStore` is the twin of :class:`~curator.core.storage.store.ProjectStore`: the
same repositories, operations and services run over it unchanged. Its connection is a
:class:`PgDatabase`, which speaks the repositories' SQL (``?`` placeholders, plain tuples)
to psycopg; the few statements that differ between the engines ask the
:data:`~curator.core.storage.database.POSTGRESQL` dialect.

Writers: each transaction first takes an advisory lock on the project, so one workstation
writes at a time and every write sees the last one committed. Readers never wait. A
read-only store's session is read-only on the server too.

Many writers (issue 23): the lock is kept. It serialises only the few milliseconds of a
write transaction, never the time a person spends typing; what keeps one person from
writing over another's text read minutes ago is the caption field's revision, checked by
:mod:`curator.core.operations.captions` (a stale edit is refused with the other text). The
lock keeps the operations that read and write many rows (section order, an import, a
translator's file, undo of a section) consistent without each one being rewritten to
survive ``SERIALIZABLE``. Should the server still end a transaction for a serialization
failure or a deadlock (SQLSTATE 40001, 40P01: another client's own SQL, say),
:meth:`ServerStore.retrying` runs the operation again a few times after growing pauses.
Every write also announces what it changed (:mod:`curator.server.schema_notify`), which
:meth:`ServerStore.listen` hands to an open window.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import random
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import psycopg

from curator.core.errors import (
    ProjectExistsError,
    ProjectMissingError,
    ProjectOpenError,
    ProjectWriteError,
    ReadOnlyProjectError,
)
from curator.core.storage.address import ServerAddress
from curator.core.storage.data_folder import data_home
from curator.core.storage.database import POSTGRESQL, Database, Dialect, RemoteChanges, T
from curator.core.storage.migrations import SCHEMA_VERSION
from curator.core.storage.opening import register_server
from curator.core.storage.workstation_paths import WorkstationPaths
from curator.i18n import _
from curator.server import migrations
from curator.server.access import Rights, rights
from curator.server.connection import connect, server_reason
from curator.server.listen import ChangeListener

_EMPTY_IN = re.compile(r"(?<!NOT) IN \(\s*\)", re.IGNORECASE)

#: How long a write waits for another workstation's write before giving up.
_LOCK_TIMEOUT = "30s"
#: How often an operation the server gave up on (serialization failure, deadlock) is run in
#: all, and the first pause before running it again (doubled each time, with jitter).
_ATTEMPTS = 5
#: How long a closed connection's announcements are still taken for this store's own (s).
_STILL_OURS = 30.0
#: The server ended the transaction and nothing of it was written: SQLSTATE 40001, 40P01.
_GAVE_UP = (psycopg.errors.SerializationFailure, psycopg.errors.DeadlockDetected)
_FIRST_PAUSE = 0.05


@lru_cache(maxsize=512)
def _translate(sql: str) -> str:
    """The repositories' SQL for psycopg: ``?`` becomes ``%s``, a literal ``%`` is doubled.

    The repositories never put ``?`` inside a string literal (values are always parameters).
    """
    translated = sql.replace("%", "%%").replace("?", "%s")
    # An empty list ("IN ()", which SQLite accepts) matches nothing, as in SQLite.
    return _EMPTY_IN.sub(" IN (NULL)", translated)


def _value(value: object) -> object:
    # SQLite stores a bool as 0 or 1 in an integer column; PostgreSQL would refuse it there.
    return int(value) if isinstance(value, bool) else value


def _values(parameters: Sequence[Any]) -> list[object]:
    return [_value(v) for v in parameters]


class PgDatabase:
    """A psycopg connection as the repositories use one (see ``core.storage.database``)."""

    dialect: Dialect = POSTGRESQL

    def __init__(self, raw: psycopg.Connection[tuple[Any, ...]], location: str) -> None:
        self.raw = raw
        self._location = location

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> psycopg.Cursor[Any]:
        """Run one statement; its cursor."""
        try:
            if not parameters:
                return self.raw.execute(sql)
            return self.raw.execute(_translate(sql), _values(parameters))
        except _GAVE_UP:
            raise  # the transaction ends as a ProjectWriteError that retrying() knows
        except psycopg.OperationalError as error:
            raise self._lost(error) from error

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> psycopg.Cursor[Any]:
        """Run one statement for every set of parameters."""
        rows = [_values(p) for p in parameters]
        cursor = self.raw.cursor()
        try:
            if rows:
                cursor.executemany(_translate(sql), rows)
        except _GAVE_UP:
            raise
        except psycopg.OperationalError as error:
            raise self._lost(error) from error
        return cursor

    def _lost(self, error: psycopg.OperationalError) -> ProjectOpenError:
        """The server went away, or gave up (a lock not granted in time)."""
        return ProjectOpenError(
            _("The server of %(address)s did not answer: %(reason)s. Nothing was changed.")
            % {"address": self._location, "reason": server_reason(error)}
        )


def workstation_folder(address: ServerAddress) -> Path:
    """This workstation's own folder for a server project (caches, decoded originals).

    Named by the project's address, so two servers' projects never share it.
    """
    digest = hashlib.sha256(address.display().encode()).hexdigest()[:16]
    host = re.sub(r"[^A-Za-z0-9_.-]+", "-", address.display().split("://", 1)[1])[:40]
    return data_home() / "curator" / "servers" / f"{host.strip('-') or 'server'}-{digest}"


class ServerStore:
    """An open project on a server. Use :meth:`create` or :meth:`open`, then :meth:`close`."""

    def __init__(
        self, address: ServerAddress, raw: psycopg.Connection[tuple[Any, ...]], read_only: bool
    ) -> None:
        self.address = address
        self._raw = raw
        self._conn = PgDatabase(raw, address.display())
        self.read_only = read_only
        #: Whether the server lets this session write (independent of how it was opened).
        self.writable = not read_only
        #: This workstation's folder for the project: previews and caches go beside it.
        self.path = workstation_folder(address) / f"{address.project}.curator"
        self._photo_paths = WorkstationPaths(self.path.parent)
        self._depth = 0
        #: How many times :meth:`retrying` ran an operation again.
        self.retries = 0
        #: The server processes of this store and its workers' connections (shared with
        #: them), each until when it counts as ours: their announcements are not news to
        #: this window. A closed one still counts a while (its last announcements may be
        #: under way); then its number may belong to another client.
        self._own_pids: dict[int, float] = {raw.info.backend_pid: math.inf}

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def create(cls, address: ServerAddress) -> ServerStore:
        """Make a new, empty project in ``address``'s schema (which must hold none)."""
        raw = connect(address)
        try:
            if cls._has_project(raw, address):
                raise ProjectExistsError(
                    _("%(address)s already holds a project; choose another project name.")
                    % {"address": address.display()}
                )
            migrations.migrate(raw, address)
        except psycopg.Error as error:
            raw.close()
            raise _write_error(address, error) from error
        except BaseException:
            raw.close()
            raise
        return cls(address, raw, read_only=False)

    @classmethod
    def open(cls, address: ServerAddress, *, read_only: bool = False) -> ServerStore:
        """Open the project at ``address``; an older schema is brought forward when writing.

        Raises:
            ProjectMissingError: the schema holds no project.
            ProjectOpenError: the server cannot be reached, the project is newer than this
                Curator, or an older one is opened read-only (it needs upgrading first).
        """
        raw = connect(address)
        try:
            if not cls._has_project(raw, address):
                raise ProjectMissingError(
                    _(
                        "There is no project at %(address)s. Create one with: curator new"
                        " %(address)s --title TITLE --languages vi,ru,en"
                    )
                    % {"address": address.display()}
                )
            version = migrations.schema_version(raw, address.schema)
            if read_only:
                if version != SCHEMA_VERSION:
                    # A newer one is refused with migrate's message; an older one is not
                    # upgraded by a reader.
                    if version > SCHEMA_VERSION:
                        migrations.migrate(raw, address)
                    raise ProjectOpenError(
                        _(
                            "The project %(address)s was written by an older Curator; open"
                            " it once for writing to upgrade it."
                        )
                        % {"address": address.display()}
                    )
                raw.execute("SET default_transaction_read_only = on")
            else:
                migrations.migrate(raw, address)
        except psycopg.Error as error:
            raw.close()
            raise ProjectOpenError(
                _("Cannot read %(address)s: %(reason)s")
                % {"address": address.display(), "reason": server_reason(error)}
            ) from error
        except BaseException:
            raw.close()
            raise
        return cls(address, raw, read_only=read_only)

    @staticmethod
    def _has_project(raw: psycopg.Connection[tuple[Any, ...]], address: ServerAddress) -> bool:
        if migrations.schema_version(raw, address.schema) == 0:
            return False
        row = raw.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = %s"
            " AND tablename = 'project')",
            (address.schema,),
        ).fetchone()
        if row is None or not row[0]:
            return False
        return raw.execute("SELECT count(*) FROM project").fetchone() != (0,)

    def for_thread(self) -> ServerStore:
        """A second connection to the project, for a worker thread (close it when done)."""
        raw = connect(self.address)
        if self.read_only:
            raw.execute("SET default_transaction_read_only = on")
        worker = ServerStore(self.address, raw, self.read_only)
        worker._own_pids = self._own_pids
        self._own_pids[raw.info.backend_pid] = math.inf
        return worker

    def retrying(self, work: Callable[[], T]) -> T:
        """Run ``work`` (one transaction), again when the server ended it half-way.

        A serialization failure or a deadlock left nothing of it written. Inside a
        transaction it runs once (the outer one is what is run again). :attr:`retries`
        counts the runs again.
        """
        if self._depth:
            return work()
        pause = _FIRST_PAUSE
        for attempt in range(1, _ATTEMPTS + 1):
            try:
                return work()
            except ProjectWriteError as error:
                given_up = isinstance(error.__cause__, _GAVE_UP)
                if not given_up or attempt == _ATTEMPTS:
                    raise
            self.retries += 1
            time.sleep(pause * (1 + random.random()))
            pause *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    def listen(self, report: Callable[[RemoteChanges], None]) -> ChangeListener:
        """Listen to what other connections write in this project (see :mod:`.listen`)."""
        return ChangeListener(self.address, report, own_pids=self._own_pids).start()

    def login_rights(self) -> Rights:
        """What the connected login may do in this project, asked of the server now."""
        return rights(self._raw)

    def close(self) -> None:
        """Close the connection; safe to call twice."""
        self._photo_paths.close()
        with contextlib.suppress(psycopg.Error):
            self._own_pids[self._raw.info.backend_pid] = time.monotonic() + _STILL_OURS
            self._raw.close()

    def __enter__(self) -> ServerStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- what the services read ----------------------------------------------------------

    @property
    def conn(self) -> Database:
        """The connection the repositories use."""
        return self._conn

    @property
    def photo_paths(self) -> WorkstationPaths:
        """This workstation's paths of the project's originals."""
        return self._photo_paths

    @property
    def location(self) -> str:
        """The project as a person types it again (the address, never a password)."""
        return self.address.display()

    @property
    def is_server(self) -> bool:
        """This project is on a server."""
        return True

    @property
    def schema_version(self) -> int:
        """The schema version of the project."""
        return migrations.schema_version(self._raw, self.address.schema)

    # -- transactions -------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """One user edit: everything inside commits together or not at all.

        Nested use joins the outer transaction. A write waits for another workstation's
        write in flight (an advisory lock on the project); a failure rolls back and raises
        :class:`ProjectWriteError`.
        """
        if self.read_only:
            raise ReadOnlyProjectError(
                _("%(address)s is open read-only; the change was not saved.")
                % {"address": self.location}
            )
        if self._depth:
            self._depth += 1
            try:
                yield self._conn
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            with self._raw.transaction():
                self._raw.execute(f"SET LOCAL lock_timeout = '{_LOCK_TIMEOUT}'")
                self._raw.execute(
                    "SELECT pg_advisory_xact_lock(hashtext(%s))",
                    (f"curator-write:{self.address.schema}",),
                )
                yield self._conn
        except psycopg.Error as error:
            raise _write_error(self.address, error) from error
        finally:
            self._depth = 0


def _write_error(address: ServerAddress, error: psycopg.Error) -> ProjectWriteError:
    reason = server_reason(error)
    return ProjectWriteError(
        _("Could not save to %(path)s: %(reason)s. Nothing was changed.")
        % {"path": address.display(), "reason": reason},
        reason=reason,
    )


register_server(ServerStore)
