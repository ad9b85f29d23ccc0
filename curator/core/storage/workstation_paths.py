"""Where this workstation keeps the originals of a project on a server, by content hash.

A project on a server is shared; its originals are not: each workstation has them on its own
disk or mounts a shared folder somewhere of its own. So the path the server holds for a photo
is only where it was first imported, and each workstation remembers its own path for every
original it has imported or relinked, keyed by the original's SHA-256. A photo shows this
workstation's path when it has one, the server's otherwise, so "missing here" is about this
workstation alone.

The paths live in a small SQLite file in the workstation's own folder for the project. More
than one connection of the same workstation reads it (the window, a worker importing): a read
notices another's write through ``PRAGMA data_version`` and reloads.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path

from curator.core.errors import ProjectWriteError
from curator.core.language.library_messages import reason as library_reason
from curator.i18n import _

FILE_NAME = "originals.sqlite"


class WorkstationPaths:
    """This workstation's paths of a server project's originals (``sha256 → path``)."""

    def __init__(self, folder: Path) -> None:
        self.file = folder / FILE_NAME
        self._conn: sqlite3.Connection | None = None
        self._paths: dict[str, Path] = {}
        self._version: int | None = None
        self._lock = threading.Lock()

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            try:
                self.file.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.file, isolation_level=None, check_same_thread=False)
                conn.execute("PRAGMA busy_timeout = 5000")
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS original (sha256 TEXT PRIMARY KEY,"
                    " path TEXT NOT NULL)"
                )
            except (OSError, sqlite3.Error) as error:
                raise ProjectWriteError(
                    _("Could not save to %(path)s: %(reason)s. Nothing was changed.")
                    % {"path": self.file, "reason": library_reason(error)},
                    path=self.file,
                    reason=library_reason(error),
                ) from error
            self._conn = conn
        return self._conn

    def paths(self) -> dict[str, Path]:
        """Every path this workstation remembers, by hash (reloaded when another wrote)."""
        if not self.file.exists() and self._conn is None:
            return {}
        with self._lock:
            conn = self._connection()
            version = int(conn.execute("PRAGMA data_version").fetchone()[0])
            if version != self._version:
                rows = conn.execute("SELECT sha256, path FROM original").fetchall()
                self._paths = {str(sha): Path(path) for sha, path in rows}
                self._version = version
            return self._paths

    def remember(self, sha256: str, path: Path) -> None:
        """Keep ``path`` as this workstation's original of ``sha256``."""
        with self._lock:
            conn = self._connection()
            try:
                conn.execute(
                    "INSERT INTO original (sha256, path) VALUES (?, ?)"
                    " ON CONFLICT (sha256) DO UPDATE SET path = excluded.path",
                    (sha256, str(path)),
                )
            except sqlite3.Error as error:
                raise ProjectWriteError(
                    _("Could not save to %(path)s: %(reason)s. Nothing was changed.")
                    % {"path": self.file, "reason": library_reason(error)},
                    path=self.file,
                    reason=library_reason(error),
                ) from error
            self._paths[sha256] = path
            self._version = None  # read again: the next version is ours

    def close(self) -> None:
        """Close the file; safe to call twice."""
        with self._lock:
            if self._conn is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.close()
                self._conn = None
