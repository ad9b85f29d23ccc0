"""Putting a snapshot back in place of the project file.

A restore needs the project's write lock, so it refuses while another Curator has the
project open (naming who). It checks the snapshot first (a Curator project this version can
open, whole by ``PRAGMA quick_check``), snapshots the current state (reason ``restore``, so
a restore can itself be undone; a file SQLite cannot read is kept as raw bytes), then copies
the snapshot to a hidden file beside the project and renames it over the project: a crash at
any moment leaves either the old project or the restored one, never a mixture.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from curator.core.errors import BackupError, CuratorError, UsageError
from curator.core.language.library_messages import reason as library_reason
from curator.core.storage.atomic_write import OutputError, atomic_output
from curator.core.storage.backups import (
    Snapshot,
    SnapshotReason,
    backup_folder,
    find_snapshot,
    snapshot_file,
)
from curator.core.storage.locking import ProjectLock
from curator.core.storage.protected_files import ProtectedFiles
from curator.i18n import _

_SIDECARS = ("-wal", "-shm", "-journal")


@dataclass(frozen=True, slots=True)
class RestoreReport:
    """What a restore did: the snapshot put back and the one taken of the state before."""

    restored: Snapshot
    before: Snapshot | None


def _check_snapshot(project: Path, snapshot: Snapshot) -> None:
    from curator.core.storage.store import check_project_file

    try:
        check_project_file(snapshot.path)
        conn = sqlite3.connect(f"{snapshot.path.as_uri()}?mode=ro", uri=True)
        try:
            verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except CuratorError as error:
        raise UsageError(error.message, path=project) from error
    except sqlite3.Error as error:
        verdict = library_reason(error)
    else:
        if verdict != "ok":  # SQLite's own account of the damage, in English
            verdict = library_reason("malformed")
    if verdict != "ok":
        raise UsageError(
            _("The backup %(name)s is damaged (%(reason)s); the project was left as it is.")
            % {"name": snapshot.name, "reason": verdict},
            path=project,
        )


def _keep_raw_copy(project: Path) -> None:
    """Keep the bytes of a project SQLite cannot read, before they are replaced."""
    folder = backup_folder(project)
    folder.mkdir(exist_ok=True)
    for suffix in ("", *_SIDECARS):
        source = Path(f"{project}{suffix}")
        if source.exists():  # whole or not at all, like every file Curator writes
            kept = folder / f"damaged-{project.name}{suffix}"
            with atomic_output(kept, guard=ProtectedFiles.nothing(), sweep=False) as copy:
                shutil.copy2(source, copy)


def _save_current(project: Path, restoring: str) -> Snapshot | None:
    """Snapshot the project as it is (its log included); a raw copy if SQLite cannot read it."""
    try:
        return snapshot_file(project, SnapshotReason.RESTORE, restoring)
    except BackupError as error:
        cause = error.__cause__
        unreadable = isinstance(cause, sqlite3.DatabaseError) and not isinstance(
            cause, sqlite3.OperationalError
        )
        if not unreadable:
            raise BackupError(
                error.message + " " + _("The project was left as it is."),
                path=project,
                can_go_on=True,
            ) from error
    try:
        _keep_raw_copy(project)
    except OutputError as error:
        raise BackupError(
            error.message + " " + _("The project was left as it is."),
            path=project,
            can_go_on=True,
        ) from error
    except OSError as error:
        raise BackupError(
            _("Could not keep a copy of %(project)s: %(reason)s. It was left as it is.")
            % {"project": project, "reason": library_reason(error)},
            path=project,
            can_go_on=True,
        ) from error
    return None


def _settle(project: Path) -> None:
    """Fold a crashed writer's log into the old file, so it stays whole until it is replaced."""
    with contextlib.suppress(sqlite3.Error):
        conn = sqlite3.connect(project, isolation_level=None)
        try:
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # also rolls a hot journal back
            conn.execute("PRAGMA journal_mode = DELETE")
        finally:
            conn.close()


def _put_back(project: Path, snapshot: Snapshot, backup: bool) -> Snapshot | None:
    """Replace the project by the snapshot through the one atomic writer.

    The snapshot is copied beside the project first (so pruning cannot take it away while
    the state before is saved), then the old file's log is folded in and removed (it must
    never be replayed onto the restored file), and the copy takes the project's name.
    """
    before = None
    try:
        with atomic_output(project, guard=ProtectedFiles.nothing()) as staged:
            shutil.copyfile(snapshot.path, staged)
            if backup and project.exists():
                before = _save_current(project, snapshot.name)
            if project.exists():
                _settle(project)
            for suffix in _SIDECARS:
                Path(f"{project}{suffix}").unlink(missing_ok=True)
    except OutputError as error:
        raise BackupError(
            _(
                "Could not restore %(project)s from %(name)s: %(reason)s The project was "
                "left as it is."
            )
            % {"project": project, "name": snapshot.name, "reason": error.message},
            path=project,
        ) from error
    return before


def restore_snapshot(project: Path, name: str, *, backup: bool = True) -> RestoreReport:
    """Replace the project with one of its snapshots.

    Args:
        project: The project file (it may be missing: its snapshots are beside it).
        name: The snapshot's name (or a unique start of it, see :func:`find_snapshot`).
        backup: Snapshot the current state first (refusing if that fails).

    Raises:
        ProjectLockedError: Another Curator has the project open.
        NotFoundError, UsageError: Unknown or damaged snapshot (nothing was changed).
        BackupError: The state before could not be saved, or the file not replaced; the
            project was left as it is.
    """
    project = project.expanduser().resolve()  # through a link: the real file is restored
    snapshot = find_snapshot(project, name)
    _check_snapshot(project, snapshot)
    from curator.core.storage.store import refuse_hard_links

    if project.exists():
        refuse_hard_links(project)  # a restore writes the project like any writer
    lock = ProjectLock(project)
    lock.acquire()
    try:
        before = _put_back(project, snapshot, backup)
    finally:
        lock.release()
    return RestoreReport(restored=snapshot, before=before)
