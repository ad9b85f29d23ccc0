"""One writer per project: an advisory lock on a sidecar file beside the project.

The lock is an ``flock`` on ``.NAME.lock``, so it vanishes with the process that held it (a
crash leaves no stale lock). The file records who holds it - user, host, process, since when -
so a second Curator can say whose window has the project open.
"""

from __future__ import annotations

import contextlib
import fcntl
import getpass
import json
import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from curator.core.errors import ProjectLockedError, ProjectOpenError
from curator.core.language.library_messages import reason as library_reason
from curator.core.storage.regular_files import open_regular
from curator.i18n import _

#: A lock file holds one short JSON object; more is not Curator's.
_MAX_LOCK_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class LockHolder:
    """Who holds a project's write lock, as the lock file says."""

    user: str
    host: str
    pid: int
    since: str

    def describe(self) -> str:
        """A human description for messages."""
        return _("%(user)s on %(host)s (process %(pid)d, since %(since)s)") % {
            "user": self.user or "?",
            "host": self.host or "?",
            "pid": self.pid,
            "since": self.since,
        }


def lock_path_for(project: Path) -> Path:
    """The sidecar lock file of a project."""
    return project.with_name(f".{project.name}.lock")


def _current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())


def read_holder(project: Path) -> LockHolder | None:
    """The holder recorded in the lock file, if it can be read."""
    try:
        with open_regular(lock_path_for(project)) as handle:  # never blocks on a FIFO
            data = json.loads(handle.read(_MAX_LOCK_BYTES).decode("utf-8"))
        return LockHolder(
            user=str(data.get("user", "")),
            host=str(data.get("host", "")),
            pid=int(data.get("pid", 0)),
            since=str(data.get("since", "")),
        )
    except (OSError, ValueError, TypeError):
        return None


class ProjectLock:
    """An exclusive, non-blocking write lock on one project; release it with :meth:`release`."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self.path = lock_path_for(project)
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock or raise :class:`ProjectLockedError` naming who holds it."""
        for _attempt in range(5):
            try:
                handle = self.path.open("a+", encoding="utf-8")
            except OSError as error:
                raise ProjectOpenError(
                    _("Cannot create the lock file %(path)s: %(reason)s")
                    % {"path": self.path, "reason": library_reason(error)},
                    path=self.project,
                ) from error
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                handle.close()
                holder = read_holder(self.project)
                who = holder.describe() if holder else _("another Curator")
                raise ProjectLockedError(
                    _("%(path)s is already open in Curator by %(holder)s.")
                    % {"path": self.project, "holder": who},
                    path=self.project,
                    holder=who,
                ) from None
            # The previous holder may have unlinked the file between our open and our lock.
            try:
                same = os.fstat(handle.fileno()).st_ino == self.path.stat().st_ino
            except FileNotFoundError:
                same = False
            if not same:
                handle.close()
                continue
            record = {
                "user": _current_user(),
                "host": socket.gethostname(),
                "pid": os.getpid(),
                "since": datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
            }
            # Written past Python's buffer, so a full disk fails here and nowhere later: the
            # lock is held all the same (flock needs no room); only the note naming the
            # holder is missing, and others see "another Curator".
            with contextlib.suppress(OSError):
                os.ftruncate(handle.fileno(), 0)
                os.pwrite(handle.fileno(), json.dumps(record).encode("utf-8"), 0)
            self._handle = handle
            return
        raise ProjectOpenError(
            _("Cannot lock %(path)s: the lock file keeps changing.") % {"path": self.project},
            path=self.project,
        )

    @property
    def held(self) -> bool:
        """Whether this object holds the lock now."""
        return self._handle is not None

    def release(self) -> None:
        """Give the lock up; safe to call twice."""
        if self._handle is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()
        with contextlib.suppress(OSError):
            fcntl.flock(self._handle.fileno(), fcntl.LOCK_UN)
        self._handle.close()
        self._handle = None
