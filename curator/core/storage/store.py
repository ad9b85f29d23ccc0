"""The project file: one SQLite database, opened for one writer, migrated forward.

``ProjectStore`` owns the connection and the write lock. Every user edit runs inside
:meth:`ProjectStore.transaction`, so a crash loses at most the edit in flight. Opening checks
the file's header before SQLite touches it, so a file that is not a Curator project, or one
written by a newer Curator, is refused without being changed.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import struct
from collections.abc import Callable, Iterator
from pathlib import Path

from curator.core.errors import (
    BackupError,
    HardLinkedProjectError,
    NewerSchemaError,
    NotAProjectError,
    ProjectExistsError,
    ProjectGoneError,
    ProjectMissingError,
    ProjectOpenError,
    ProjectWriteError,
    ReadOnlyProjectError,
)
from curator.core.language.library_messages import READ_ONLY
from curator.core.language.library_messages import reason as library_reason
from curator.core.storage.database import RemoteChanges, T
from curator.core.storage.locking import ProjectLock
from curator.core.storage.migrations import APPLICATION_ID, SCHEMA_VERSION, migrate
from curator.core.storage.regular_files import open_regular
from curator.i18n import _, ngettext

_SQLITE_MAGIC = b"SQLite format 3\x00"
_BUSY_TIMEOUT_MS = 5000


def _read_header(path: Path) -> tuple[int, int]:
    """``(user_version, application_id)`` from the database header, without opening SQLite."""
    if not path.exists():
        raise ProjectMissingError(_("There is no project at %(path)s.") % {"path": path}, path=path)
    if path.is_dir():
        raise NotAProjectError(
            _("%(path)s is a folder, not a Curator project.") % {"path": path}, path=path
        )
    try:
        with open_regular(path) as handle:  # a FIFO named *.curator never blocks
            header = handle.read(100)
    except OSError as error:
        raise ProjectOpenError(
            _("Cannot read %(path)s: %(reason)s") % {"path": path, "reason": library_reason(error)},
            path=path,
        ) from error
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise NotAProjectError(_("%(path)s is not a Curator project.") % {"path": path}, path=path)
    user_version, application_id = struct.unpack(">I4xI", header[60:72])
    return user_version, application_id


def check_project_file(path: Path) -> int:
    """Check that ``path`` is a project this Curator can open; returns its schema version."""
    user_version, application_id = _read_header(path)
    if application_id != APPLICATION_ID:
        raise NotAProjectError(
            _("%(path)s is an SQLite database but not a Curator project.") % {"path": path},
            path=path,
        )
    if user_version > SCHEMA_VERSION:
        raise NewerSchemaError(
            _(
                "%(path)s was saved by a newer version of Curator (project format "
                "%(found)d; this version reads up to %(supported)d). Update Curator to open it."
            )
            % {"path": path, "found": user_version, "supported": SCHEMA_VERSION},
            path=path,
        )
    return user_version


def _identity(path: Path) -> tuple[int, int] | None:
    """Which file ``path`` names now (device, inode), or None when nothing is there."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_dev, status.st_ino


def refuse_hard_links(path: Path) -> None:
    """Refuse to write a project file that has several names (hard links).

    The lock sits beside one name; a writer coming through another name would not see it,
    and SQLite documents that two writers through two names corrupt the database.

    Raises:
        ProjectOpenError: naming the file, why, and how to fix it.
    """
    try:
        links = path.stat().st_nlink
    except OSError:
        return  # reading it will say what is wrong
    if links > 1:
        raise HardLinkedProjectError(
            ngettext(
                "%(path)s has %(count)d name on the disk (hard links), so two Curators "
                "could write it at once through different names and damage it. Make a copy "
                "of it (cp %(name)s copy.curator) and open the copy, or open it read-only.",
                "%(path)s has %(count)d names on the disk (hard links), so two Curators "
                "could write it at once through different names and damage it. Make a copy "
                "of it (cp %(name)s copy.curator) and open the copy, or open it read-only.",
                links,
            )
            % {"path": path, "count": links, "name": path.name},
            path=path,
        )


def _is_writable(path: Path) -> bool:
    # WAL needs the folder too: SQLite creates -wal and -shm files beside the project.
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def write_error(path: Path, error: sqlite3.Error) -> ProjectWriteError:
    """A user-facing error for a failed write (disk full, I/O error, read-only media)."""
    text = str(error)
    full = "full" in text
    if full:
        reason = _("the disk is full")
    elif "readonly" in text.replace(" ", "").replace("-", ""):
        reason = _(READ_ONLY)
    else:
        reason = library_reason(error)
    return ProjectWriteError(
        _("Could not save to %(path)s: %(reason)s. Nothing was changed.")
        % {"path": path, "reason": reason},
        path=path,
        reason=reason,
        disk_full=full,
    )


class ProjectStore:
    """An open project file. Use :meth:`create` or :meth:`open`, then :meth:`close`."""

    def __init__(
        self, path: Path, conn: sqlite3.Connection, lock: ProjectLock | None, read_only: bool
    ) -> None:
        self.path = path
        self.conn = conn
        self.read_only = read_only
        #: Whether the file and its folder can be written (independent of how it was opened).
        self.writable = _is_writable(path)
        self._lock = lock
        self._depth = 0
        #: The file this store opened; a write checks the path still names it.
        self._identity = _identity(path)

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def create(cls, path: Path) -> ProjectStore:
        """Create an empty project file at ``path`` (which must not exist) with the schema."""
        path = path.expanduser().resolve()
        if path.exists():
            raise ProjectExistsError(
                _("%(path)s already exists; choose another name.") % {"path": path}, path=path
            )
        if not path.parent.is_dir():
            raise ProjectOpenError(
                _("The folder %(folder)s does not exist.") % {"folder": path.parent}, path=path
            )
        lock = ProjectLock(path)
        lock.acquire()
        try:
            conn = cls._connect(path)
            try:
                migrate(conn)
            except BaseException:
                conn.close()
                raise
        except sqlite3.Error as error:
            lock.release()
            with contextlib.suppress(OSError):
                path.unlink()
            raise write_error(path, error) from error
        except BaseException:
            lock.release()
            raise
        return cls(path, conn, lock, read_only=False)

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> ProjectStore:
        """Open an existing project.

        Args:
            path: the project file.
            read_only: open for reading only; takes no lock, so it works while another
                Curator has the project open. A file that cannot be written is opened
                read-only whatever this says; check :attr:`read_only`.

        Raises:
            ProjectMissingError, NotAProjectError, NewerSchemaError, ProjectLockedError,
            ProjectOpenError: with a message that names the file; nothing was changed.
        """
        path = path.expanduser().resolve()  # one lock and one backups folder, whatever the link
        version = check_project_file(path)
        if not read_only and not _is_writable(path):
            read_only = True
        if not read_only:
            refuse_hard_links(path)
        if read_only:
            conn = cls._connect_read_only(path)
            if version < SCHEMA_VERSION:
                conn = cls._migrated_copy(path, conn)
            return cls(path, conn, None, read_only=True)
        lock = ProjectLock(path)
        lock.acquire()
        try:
            refuse_hard_links(path)  # a link made while we waited for the lock
            conn = cls._connect(path)
            version = check_project_file(path)  # it may have changed while we waited
            if version < SCHEMA_VERSION:
                cls._back_up_before_migration(path, conn, version)
            migrate(conn)
        except sqlite3.Error as error:
            lock.release()
            raise write_error(path, error) from error
        except BaseException:
            lock.release()
            raise
        return cls(path, conn, lock, read_only=False)

    @staticmethod
    def _back_up_before_migration(path: Path, conn: sqlite3.Connection, version: int) -> None:
        """Snapshot an older project before it is upgraded; refuse to upgrade without one."""
        from curator.core.storage.backups import SnapshotReason, snapshot_file

        try:
            snapshot_file(path, SnapshotReason.MIGRATION, f"{version:d} → {SCHEMA_VERSION:d}")
        except BackupError as error:
            conn.close()
            raise BackupError(
                error.message
                + " "
                + _(
                    "The project was written by an older Curator and is only upgraded after "
                    "a backup; it was left as it is. Free some space, or open it read-only."
                ),
                path=path,
            ) from error

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS:d}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        return conn

    @staticmethod
    def _migrated_copy(path: Path, source: sqlite3.Connection) -> sqlite3.Connection:
        """An older project read without changing it: migrated in memory, never on disk."""
        memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        try:
            source.backup(memory)
            memory.execute("PRAGMA query_only = OFF")
            migrate(memory)
            memory.execute("PRAGMA query_only = ON")
        except sqlite3.Error as error:
            memory.close()
            raise ProjectOpenError(
                _("Cannot read %(path)s: %(reason)s")
                % {"path": path, "reason": library_reason(error)},
                path=path,
            ) from error
        finally:
            source.close()
        return memory

    @staticmethod
    def _connect_read_only(path: Path) -> sqlite3.Connection:
        uri = path.as_uri()
        try:
            # Not tied to the opening thread: a worker reads through its own connection
            # (``for_thread``), opened on the GUI thread like a writer's.
            conn = sqlite3.connect(
                f"{uri}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
            )
            conn.execute("PRAGMA schema_version").fetchone()
        except sqlite3.Error:
            # A WAL project on read-only media, with no -shm beside it: nobody can be
            # writing it, so reading it as immutable is safe.
            try:
                conn = sqlite3.connect(
                    f"{uri}?immutable=1", uri=True, isolation_level=None, check_same_thread=False
                )
                conn.execute("PRAGMA schema_version").fetchone()
            except sqlite3.Error as error:
                raise ProjectOpenError(
                    _("Cannot read %(path)s: %(reason)s")
                    % {"path": path, "reason": library_reason(error)},
                    path=path,
                ) from error
        conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS:d}")
        conn.execute("PRAGMA query_only = ON")
        return conn

    def for_thread(self) -> ProjectStore:
        """A second connection to this open project, for a worker thread.

        It shares this store's access (read-only or not) but not its lock: closing it only
        closes the connection.
        """
        if self.read_only:
            conn = self._connect_read_only(self.path)
        else:
            try:
                conn = self._connect(self.path)
            except sqlite3.Error as error:
                raise write_error(self.path, error) from error
        return ProjectStore(self.path, conn, None, self.read_only)

    def retrying(self, work: Callable[[], T]) -> T:
        """Run ``work`` once.

        SQLite waits for another writer (busy timeout) and never gives up on a transaction
        half-way, so there is nothing to run again.
        """
        return work()

    def listen(self, report: Callable[[RemoteChanges], None]) -> None:
        """Nothing to listen to: the file's one writing process is this one (its lock)."""
        return None

    def close(self) -> None:
        """Close the file and give up the lock; safe to call twice.

        A writer leaves the file in rollback-journal mode, so a closed project is one
        self-contained file (no -wal or -shm beside it) that can be copied, mailed or read
        on read-only media; it returns to WAL when opened for writing again.
        """
        if not self.read_only and self._lock is not None:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self.conn.execute("PRAGMA journal_mode = DELETE")
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> ProjectStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- transactions -------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One user edit: everything inside commits together or not at all.

        Nested use joins the outer transaction. A failed write (disk full, media gone)
        rolls back and raises :class:`ProjectOpenError`.
        """
        if self.read_only:
            raise ReadOnlyProjectError(
                _("%(path)s is open read-only; the change was not saved.") % {"path": self.path},
                path=self.path,
            )
        self._check_still_there()
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise write_error(self.path, error) from error
        self._depth = 1
        try:
            yield self.conn
            self._check_still_there()
            self.conn.execute("COMMIT")
        except sqlite3.Error as error:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            raise write_error(self.path, error) from error
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            raise
        finally:
            self._depth = 0

    def _check_still_there(self) -> None:
        """Refuse a write when the path no longer names the file this store opened.

        SQLite writes through the descriptors it holds, so a project whose folder was moved,
        or whose disk was pulled or lazily unmounted, would take writes that nobody finds
        again. Saying so instead keeps the file as it was until it is back.
        """
        if self._identity is None or _identity(self.path) == self._identity:
            return
        if not self.path.exists():
            message = _(
                "%(path)s is not there any more: was its disk removed, or its folder moved or "
                "renamed? The change was not saved. Put the project back where it was and try "
                "again; everything saved before is in the file."
            )
        else:
            message = _(
                "%(path)s was replaced by another file while it was open. The change was not "
                "saved. Close the project and open it again."
            )
        raise ProjectGoneError(message % {"path": self.path}, path=self.path)

    @property
    def photo_paths(self) -> None:
        """A project file keeps its originals' paths in itself."""
        return None

    @property
    def location(self) -> str:
        """The project as a person names it: its file."""
        return str(self.path)

    @property
    def is_server(self) -> bool:
        """A project file is not on a server."""
        return False

    @property
    def schema_version(self) -> int:
        """The schema version of the open file."""
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])
