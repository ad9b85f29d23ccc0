"""Snapshots of a project file, kept beside it within a size budget.

A snapshot is a whole copy of the project taken with SQLite's online backup API through a
connection of its own, so it holds exactly what was committed, even while the window goes on
writing. Snapshots live in a folder beside the project (``exhibition.curator-backups/`` for
``exhibition.curator``), each a self-contained project file named after the moment it was
taken and why (``20250301T101500.123456Z-layout.curator``), with a small ``index.json`` that
adds a human detail (which section, which file). The folder is the truth: a lost index only
loses the details.

Call :func:`take_snapshot` (or :func:`snapshot_before` from a destructive operation) with a
:class:`SnapshotReason`. Every snapshot is written to a hidden temporary name and renamed
into place, so a crash or a full disk never leaves a partial snapshot in the list. After
each snapshot the oldest are pruned until the folder fits the project's budget (setting
``backups.budget_mb``), always keeping the newest.

Thread contract: any thread may take a snapshot; one process-wide lock serialises writes to
the folder. Only the project's writer (the lock holder) takes them.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curator.core.errors import BackupError, NotFoundError, ProjectMissingError
from curator.core.language.library_messages import reason as library_reason
from curator.core.storage.atomic_write import (
    OutputError,
    atomic_output,
    sweep_leftovers,
    write_atomically,
)
from curator.core.storage.protected_files import ProtectedFiles, SpecialTargetError
from curator.core.storage.regular_files import open_regular
from curator.i18n import N_, _

if TYPE_CHECKING:
    from curator.core.storage.database import Database, Store

log = logging.getLogger(__name__)

#: Project settings that govern snapshots (JSON numbers in the ``setting`` table).
BUDGET_SETTING = "backups.budget_mb"
INTERVAL_SETTING = "backups.interval_minutes"
DEFAULT_BUDGET_MB = 500
DEFAULT_INTERVAL_MINUTES = 10

INDEX_NAME = "index.json"
#: Far more than the index of the largest backups folder (a few hundred bytes a snapshot).
_MAX_INDEX_BYTES = 16 * 1024 * 1024
SNAPSHOT_SUFFIX = ".curator"
_NAME = re.compile(r"^(?P<stamp>\d{8}T\d{6}\.\d{6}Z)-(?P<reason>[a-z0-9-]+)\.curator$")
_STAMP_FORMAT = "%Y%m%dT%H%M%S.%fZ"
_PARTIAL_PREFIX = ".partial-"
#: Room kept free beyond the snapshot itself, so the project can still be written after it.
_HEADROOM_BYTES = 1024 * 1024
_folder_lock = threading.Lock()


class SnapshotReason(StrEnum):
    """Why a snapshot was taken; the value is stable and appears in file names and JSON."""

    MANUAL = "manual"
    INTERVAL = "interval"
    RELINK = "relink"
    DELETE_SECTION = "delete-section"
    LAYOUT = "layout"
    GLOSSARY_IMPORT = "glossary-import"
    EXCHANGE_APPLY = "exchange-apply"
    MIGRATION = "migration"
    RESTORE = "restore"


REASON_LABELS: dict[str, str] = {
    SnapshotReason.MANUAL: N_("Taken by hand"),
    SnapshotReason.INTERVAL: N_("Every few minutes while working"),
    SnapshotReason.RELINK: N_("Before relinking originals"),
    SnapshotReason.DELETE_SECTION: N_("Before deleting a section"),
    SnapshotReason.LAYOUT: N_("Before laying out panels"),
    SnapshotReason.GLOSSARY_IMPORT: N_("Before importing a glossary"),
    SnapshotReason.EXCHANGE_APPLY: N_("Before applying a translator's file"),
    SnapshotReason.MIGRATION: N_("Before upgrading the project format"),
    SnapshotReason.RESTORE: N_("Before restoring a backup"),
}


def reason_label(reason: str) -> str:
    """The reason in the interface language (an unknown code is shown as it is)."""
    label = REASON_LABELS.get(reason)
    return _(label) if label else reason


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One snapshot on disk."""

    name: str
    path: Path
    taken_at: datetime
    reason: str
    detail: str
    size: int
    schema_version: int | None

    def to_json(self) -> dict[str, Any]:
        """The object of ``curator backup list --json``."""
        return {
            "name": self.name,
            "path": str(self.path),
            "taken_at": self.taken_at.isoformat(timespec="seconds"),
            "reason": self.reason,
            "detail": self.detail,
            "size_bytes": self.size,
            "schema_version": self.schema_version,
        }


def backup_folder(project: Path) -> Path:
    """Where a project's snapshots live: ``NAME.curator-backups`` beside it.

    Beside the real file: a project opened through a symbolic link keeps its backups where
    the file is, so every name of it finds the same ones.
    """
    project = project.expanduser().resolve()
    stem = project.stem if project.suffix == SNAPSHOT_SUFFIX else project.name
    return project.with_name(f"{stem}.curator-backups")


# -- listing ------------------------------------------------------------------------------


def _read_index(folder: Path) -> dict[str, dict[str, Any]]:
    try:  # never blocks on a FIFO put in its place, never reads more than an index holds
        with open_regular(folder / INDEX_NAME) as handle:
            data = json.loads(handle.read(_MAX_INDEX_BYTES + 1)[:_MAX_INDEX_BYTES])
    except (OSError, ValueError):
        return {}
    snapshots = data.get("snapshots") if isinstance(data, dict) else None
    if not isinstance(snapshots, dict):
        return {}
    return {str(k): v for k, v in snapshots.items() if isinstance(v, dict)}


def _write_index(folder: Path, index: dict[str, dict[str, Any]]) -> None:
    text = json.dumps({"version": 1, "snapshots": index}, ensure_ascii=False, indent=1)
    write_atomically(
        folder / INDEX_NAME, text.encode("utf-8"), guard=ProtectedFiles.nothing(), sweep=False
    )


def list_snapshots(project: Path) -> list[Snapshot]:
    """The project's snapshots, oldest first (an empty list when there are none)."""
    return snapshots_in(backup_folder(project), project)


def snapshots_in(folder: Path, project: Path | None = None) -> list[Snapshot]:
    """The snapshots in ``folder``, oldest first (a server project's folder has no project file)."""
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if entry.is_file())
    except FileNotFoundError:
        return []
    except OSError as error:
        raise BackupError(
            _("Cannot read the backups in %(folder)s: %(reason)s")
            % {"folder": folder, "reason": library_reason(error)},
            path=project or folder,
        ) from error
    index = _read_index(folder)
    snapshots = []
    for name in names:
        match = _NAME.match(name)
        if match is None:
            continue
        path = folder / name
        try:
            size = path.stat().st_size
        except OSError:
            continue
        details = index.get(name, {})
        version = details.get("schema_version")
        snapshots.append(
            Snapshot(
                name=name,
                path=path,
                taken_at=datetime.strptime(match["stamp"], _STAMP_FORMAT).replace(tzinfo=UTC),
                reason=match["reason"],
                detail=str(details.get("detail", "")),
                size=size,
                schema_version=version if isinstance(version, int) else None,
            )
        )
    return snapshots


def find_snapshot(project: Path, name: str) -> Snapshot:
    """A snapshot by its name, its name without ``.curator``, or a unique start of it.

    Raises:
        NotFoundError: no snapshot, or several, match.
    """
    snapshots = list_snapshots(project)
    wanted = Path(name).name
    exact = [s for s in snapshots if wanted in (s.name, s.name.removesuffix(SNAPSHOT_SUFFIX))]
    matches = exact or [s for s in snapshots if wanted and s.name.startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        message = _("%(project)s has no backup named “%(name)s” (see: curator backup list).")
    else:
        message = _("“%(name)s” names several backups of %(project)s; give more of the name.")
    raise NotFoundError(message % {"project": project, "name": name}, path=project)


# -- taking -------------------------------------------------------------------------------


def _failure_reason(error: BaseException) -> str:
    text = str(error)
    if (isinstance(error, OSError) and error.errno == 28) or "full" in text:
        return _("the disk is full")
    return library_reason(error)


def _setting(conn: Database, key: str, default: float) -> float:
    try:
        row = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        value = json.loads(row[0]) if row else default
    except (sqlite3.Error, ValueError):
        return default
    return float(value) if isinstance(value, int | float) and value > 0 else default


def new_snapshot_name(folder: Path, reason: str) -> str:
    """A free name in ``folder`` for a snapshot taken now for ``reason``."""
    return _new_name(folder, reason, datetime.now(UTC))


def _new_name(folder: Path, reason: str, now: datetime) -> str:
    while True:
        name = f"{now.strftime(_STAMP_FORMAT)}-{reason}{SNAPSHOT_SUFFIX}"
        if not (folder / name).exists():
            return name
        now = now.replace(microsecond=(now.microsecond + 1) % 1_000_000)


def _copy_database(project: Path, target: Path) -> tuple[int, float]:
    """Back ``project`` up into ``target``; returns its schema version and budget in MB."""
    source = sqlite3.connect(f"{project.as_uri()}?mode=ro", uri=True)
    try:
        source.execute("PRAGMA busy_timeout = 5000")
        version = int(source.execute("PRAGMA user_version").fetchone()[0])
        budget = _setting(source, BUDGET_SETTING, DEFAULT_BUDGET_MB)
        destination = sqlite3.connect(target, isolation_level=None)
        try:
            source.backup(destination)  # in one step: a consistent copy of what is committed
            # The copy carries the project's WAL flag; a snapshot is one self-contained file.
            destination.execute("PRAGMA journal_mode = DELETE")
        finally:
            destination.close()
    finally:
        source.close()
    with target.open("rb+") as handle:
        os.fsync(handle.fileno())
    return version, budget


def snapshot_file(project: Path, reason: str, detail: str = "") -> Snapshot:
    """Take a snapshot of the project file at ``project`` (see :func:`take_snapshot`)."""
    project = project.expanduser().resolve()
    if not project.is_file():
        raise ProjectMissingError(
            _("There is no project at %(path)s.") % {"path": project}, path=project
        )
    folder = backup_folder(project)
    with _folder_lock:
        try:
            folder.mkdir(exist_ok=True)
            needed = project.stat().st_size + _HEADROOM_BYTES
            if shutil.disk_usage(folder).free < needed:
                raise OSError(28, os.strerror(28))
            name = _new_name(folder, reason, datetime.now(UTC))
            with atomic_output(
                folder / name, guard=ProtectedFiles.nothing(), sweep=False
            ) as temporary:
                version, budget_mb = _copy_database(project, temporary)
        except (OSError, sqlite3.Error, OutputError) as error:
            raise BackupError(
                _("Could not save a backup of %(project)s in %(folder)s: %(reason)s.")
                % {"project": project.name, "folder": folder, "reason": _failure_reason(error)},
                path=project,
            ) from error
        _prune(folder, budget_mb * 1024 * 1024, keep=name)
        _record(folder, name, reason, detail, version)
    return next(s for s in list_snapshots(project) if s.name == name)


def file_budget_mb(snapshot: Path) -> float:
    """The backups budget a snapshot file's project asks for (its setting, or the default)."""
    conn = sqlite3.connect(f"{snapshot.as_uri()}?mode=ro", uri=True)
    try:
        return _setting(conn, BUDGET_SETTING, DEFAULT_BUDGET_MB)
    finally:
        conn.close()


def keep_snapshot(folder: Path, name: str, reason: str, detail: str, version: int) -> Snapshot:
    """Record a snapshot written into ``folder`` by another writer, then prune to its budget.

    For snapshots whose project is not a file beside them (a server project's, written by
    ``curator.server``); the snapshot itself is never pruned.
    """
    with _folder_lock:
        _prune(folder, file_budget_mb(folder / name) * 1024 * 1024, keep=name)
        _record(folder, name, reason, detail, version)
    return next(s for s in snapshots_in(folder) if s.name == name)


def _record(folder: Path, name: str, reason: str, detail: str, version: int) -> None:
    index = _read_index(folder)
    index[name] = {"reason": reason, "detail": detail, "schema_version": version}
    present = {entry.name for entry in folder.iterdir()}
    index = {key: value for key, value in index.items() if key in present}
    try:
        _write_index(folder, index)
    except (OSError, SpecialTargetError) as error:  # the snapshot is whole; its detail lost
        log.warning("could not update %s: %s", folder / INDEX_NAME, error)


def _prune(folder: Path, budget_bytes: float, keep: str) -> list[str]:
    """Delete the oldest snapshots until the folder fits the budget; never ``keep``."""
    snapshots = snapshots_in(folder)
    total = sum(snapshot.size for snapshot in snapshots)
    removed = []
    for snapshot in snapshots:  # oldest first
        if total <= budget_bytes:
            break
        if snapshot.name == keep:
            continue
        try:
            snapshot.path.unlink()
        except OSError as error:
            log.warning("could not prune %s: %s", snapshot.path, error)
            continue
        total -= snapshot.size
        removed.append(snapshot.name)
    sweep_leftovers(folder)  # left by a crash in the middle of a snapshot
    for leftover in folder.glob(f"{_PARTIAL_PREFIX}*"):  # named so before the one writer
        with contextlib.suppress(OSError):
            leftover.unlink()
    return removed


def take_snapshot(store: Store, reason: str, detail: str = "") -> Snapshot:
    """Take a snapshot of an open project: what is committed now, whatever is in flight.

    This is the call other features make before they replace or delete what a curator
    made (``take_snapshot(service.store, SnapshotReason.EXCHANGE_APPLY, "ru.xlf")``).

    Args:
        store: The open project (its own connection is not used, so any thread may call).
        reason: A :class:`SnapshotReason` (stable code; becomes part of the file name).
        detail: A short human note shown beside the reason (a section's title, a file).

    Returns:
        The snapshot written.

    Raises:
        BackupError: The snapshot could not be written (disk full, folder read-only); no
            partial snapshot is left and the project is untouched.
    """
    if store.is_server:
        raise BackupError(
            _(
                "%(address)s is a project on a server: its snapshots are taken from the"
                " server, not from a file on this workstation."
            )
            % {"address": store.location}
        )
    return snapshot_file(store.path, str(reason), detail)


def snapshot_before(
    store: Store, reason: str, detail: str = "", *, backup: bool = True
) -> Snapshot | None:
    """The snapshot a destructive operation takes first; None when ``backup`` is False.

    A failure raises :class:`BackupError` saying that nothing was changed, so the caller
    stops; the person can then choose to go on without a backup (``backup=False``).
    """
    if not backup or store.read_only or store.is_server:
        # A server project has no file here to copy; the server keeps what is committed.
        return None
    return snapshot_file_before(store.path, reason, detail)


def snapshot_file_before(project: Path, reason: str, detail: str = "") -> Snapshot:
    """:func:`snapshot_file` for a guard: its error says nothing was changed, and may go on."""
    try:
        return snapshot_file(project, str(reason), detail)
    except BackupError as error:
        raise BackupError(
            error.message + " " + _("Nothing was changed."), path=project, can_go_on=True
        ) from error


def change_marker(store: Store) -> tuple[int, int]:
    """A value that changes whenever anyone commits a change to the project.

    ``total_changes`` counts this connection's writes; ``data_version`` moves when another
    connection (a worker's) commits. Cheap enough to poll from the GUI thread.
    """
    if store.is_server:
        return 0, 0  # no snapshots of a file here (see take_snapshot)
    conn = store.conn
    version = int(conn.execute("PRAGMA data_version").fetchone()[0])
    assert isinstance(conn, sqlite3.Connection)
    return conn.total_changes, version


@dataclass
class SnapshotSchedule:
    """When an interval snapshot is due: every ``interval_s`` seconds, if anything changed."""

    interval_s: float
    last_time: float
    last_marker: tuple[int, int] | None = None

    def due(self, marker: tuple[int, int], now: float) -> bool:
        """Whether to take one now."""
        return now - self.last_time >= self.interval_s and marker != self.last_marker

    def taken(self, marker: tuple[int, int], now: float) -> None:
        """Remember that one was taken at ``now`` over the state ``marker``."""
        self.last_marker = marker
        self.last_time = now


def interval_seconds(store: Store) -> float:
    """The project's interval between automatic snapshots, in seconds."""
    return 60.0 * _setting(store.conn, INTERVAL_SETTING, DEFAULT_INTERVAL_MINUTES)
