"""Snapshots of a server project: the same files as a project file's, from one consistent read.

A snapshot is a whole project file (``20260301T101500.123456Z-manual.curator``) written by
:func:`curator.server.copy.copy_project` from the server project's ``REPEATABLE READ``
snapshot, under a temporary name until complete, into a folder with the same ``index.json``
and the same size budget as a file project's backups (:mod:`curator.core.storage.backups`).
A server project has no folder beside it, so the folder is ``--backups DIR`` or, by default,
one per project address under Curator's folder of the person's data directory
(``~/.local/share/curator/server-backups/``). Such a snapshot is an ordinary project file:
open it, or ``curator copy`` it to a new file or back to a server.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from curator.core.errors import BackupError
from curator.core.storage.address import FileAddress, ServerAddress
from curator.core.storage.backups import (
    Snapshot,
    SnapshotReason,
    keep_snapshot,
    new_snapshot_name,
)
from curator.core.storage.data_folder import data_home
from curator.core.storage.migrations import SCHEMA_VERSION
from curator.i18n import _
from curator.server.copy import copy_project

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_NAME = 80


def server_backup_folder(address: ServerAddress) -> Path:
    """The default folder of a server project's snapshots: one per address, no password in it.

    The address as shown (it holds no password) made safe for a file name, with a short hash
    so two addresses that differ only in what is dropped never share a folder.
    """
    shown = address.display()
    readable = _UNSAFE.sub("-", shown.partition("://")[2]).strip("-.")[:_MAX_NAME] or "server"
    digest = hashlib.sha256(shown.encode("utf-8")).hexdigest()[:10]
    return data_home() / "curator" / "server-backups" / f"{readable}-{digest}"


def take_server_snapshot(
    address: ServerAddress,
    folder: Path | None = None,
    reason: str = SnapshotReason.MANUAL,
    detail: str = "",
) -> Snapshot:
    """Snapshot the server project at ``address`` into ``folder`` (default: see the module).

    Raises:
        ProjectMissingError, ProjectOpenError: the project cannot be read.
        BackupError: the folder cannot be made or written; no partial snapshot is left.
        CopyError: the read stopped midway (the server went away); nothing was kept.
    """
    folder = (folder or server_backup_folder(address)).expanduser().absolute()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(
            _("Could not make the backups folder %(folder)s: %(reason)s")
            % {"folder": folder, "reason": error.strerror or error},
            path=folder,
        ) from error
    name = new_snapshot_name(folder, str(reason))
    copy_project(address, FileAddress(folder / name))
    return keep_snapshot(folder, name, str(reason), detail, SCHEMA_VERSION)
