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
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from curator.core.backups import (
    Snapshot,
    SnapshotReason,
    backup_folder,
    find_snapshot,
    snapshot_file,
)
from curator.core.errors import BackupError, CuratorError, UsageError
from curator.core.locking import ProjectLock
from curator.i18n import _

_SIDECARS = ("-wal", "-shm", "-journal")


@dataclass(frozen=True, slots=True)
class RestoreReport:
    """What a restore did: the snapshot put back and the one taken of the state before."""

    restored: Snapshot
    before: Snapshot | None


def _check_snapshot(project: Path, snapshot: Snapshot) -> None:
    from curator.core.store import check_project_file

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
        verdict = str(error)
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
        if source.exists():
            shutil.copy2(source, folder / f"damaged-{project.name}{suffix}")


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
    except OSError as error:
        raise BackupError(
            _("Could not keep a copy of %(project)s: %(reason)s. It was left as it is.")
            % {"project": project, "reason": error.strerror or error},
            path=project,
            can_go_on=True,
        ) from error
    return None


def _failed(project: Path, snapshot: Snapshot, error: OSError) -> BackupError:
    return BackupError(
        _("Could not restore %(project)s from %(name)s: %(reason)s. The project was left as it is.")
        % {"project": project, "name": snapshot.name, "reason": error.strerror or error},
        path=project,
    )


def _stage(project: Path, snapshot: Snapshot) -> Path:
    """Copy the snapshot beside the project (so pruning cannot take it away meanwhile)."""
    temporary = project.with_name(f".{project.name}.restoring")
    try:
        shutil.copyfile(snapshot.path, temporary)
        with temporary.open("rb+") as handle:
            os.fsync(handle.fileno())
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise _failed(project, snapshot, error) from error
    return temporary


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


def _swap(project: Path, staged: Path, snapshot: Snapshot) -> None:
    if project.exists():
        _settle(project)
    try:
        # A log left beside the old file must never be replayed onto the restored one.
        for suffix in _SIDECARS:
            Path(f"{project}{suffix}").unlink(missing_ok=True)
        staged.replace(project)
    except OSError as error:
        staged.unlink(missing_ok=True)
        raise _failed(project, snapshot, error) from error
    with contextlib.suppress(OSError):
        descriptor = os.open(project.parent, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


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
    project = project.expanduser().absolute()
    snapshot = find_snapshot(project, name)
    _check_snapshot(project, snapshot)
    lock = ProjectLock(project)
    lock.acquire()
    try:
        staged = _stage(project, snapshot)
        try:
            before = _save_current(project, snapshot.name) if backup and project.exists() else None
        except BaseException:
            staged.unlink(missing_ok=True)
            raise
        _swap(project, staged, snapshot)
    finally:
        lock.release()
    return RestoreReport(restored=snapshot, before=before)
