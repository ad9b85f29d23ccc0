"""The files a project protects, and the check every output makes against them.

Curator writes files a person names (a PDF, a caption file, a package, delivered copies, a
glossary, a report) and must never write one over a file it knows: the project file, its
lock, its SQLite logs (``-wal``, ``-shm``, ``-journal``), its backups folder and every file
in it, every photo's original, and the person's translation memory. :class:`ProtectedFiles`
is the one place that knows them.

Files are compared by identity - device and inode after following links - never by
spelling, so a symbolic link, a relative path with ``..``, another spelling of the folder
or a hard link to a protected file is recognised as that file. A target that does not exist
yet cannot be one of them, with two exceptions refused by name: anything inside the
backups folder, and the names SQLite and the lock use beside the project (a PDF named
``P.curator-wal`` would be read as the project's log when it is next opened).

Whatever the project, no output replaces a FIFO, a device or a socket (or a link to one):
the rename that ends every write would put a regular file in its place - as root, over
``/dev/null`` or ``/dev/stdout`` - so such a target is refused too, by every guard
(:class:`SpecialTargetError`), before any work.

Build one with :func:`protected_files` from an open project (the window's dialogs, the
command line and the exporters all do) and call :meth:`ProtectedFiles.check` on the target;
the atomic writer (:mod:`curator.core.storage.atomic_write`) checks again just before it renames.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from curator.core.errors import UsageError
from curator.core.storage.data_folder import default_memory_path
from curator.core.storage.locking import lock_path_for
from curator.i18n import _

if TYPE_CHECKING:
    from curator.core.services import ProjectService

Identity = tuple[int, int]

#: What SQLite keeps beside a database while it is written.
SQLITE_SIDECARS = ("-wal", "-shm", "-journal")


class ProtectedFileError(UsageError):
    """The target is a file Curator protects (or lies in its backups): nothing written (exit 2)."""


class SpecialTargetError(ProtectedFileError):
    """The target is a FIFO, a device or a socket, or a link to one: nothing written (exit 2)."""


def identity(path: Path) -> Identity | None:
    """``(st_dev, st_ino)`` of the file ``path`` names after links, None if there is none."""
    try:
        status = path.stat()
    except (OSError, ValueError):
        return None
    return status.st_dev, status.st_ino


@dataclass(frozen=True)
class ProtectedFiles:
    """The files of one project that no output may replace; see the module's note.

    ``files`` maps each protected file's identity to what it is (for the message);
    ``folders`` are folders nothing may be written into; ``names`` are (folder, name)
    pairs refused even while nothing has the name.
    """

    files: dict[Identity, str] = field(default_factory=dict)
    folders: dict[Identity, str] = field(default_factory=dict)
    names: dict[tuple[Identity, str], str] = field(default_factory=dict)

    @classmethod
    def nothing(cls) -> ProtectedFiles:
        """No project: for Curator's own files (its backups index, a desktop entry)."""
        return cls()

    def with_memory(self, memory: Path) -> ProtectedFiles:
        """These files and the translation memory ``memory`` with its SQLite logs."""
        files = dict(self.files)
        for suffix in ("", *SQLITE_SIDECARS):
            found = identity(Path(f"{memory}{suffix}"))
            if found is not None:
                files.setdefault(found, _("the translation memory"))
        return ProtectedFiles(files, dict(self.folders), dict(self.names))

    @classmethod
    def of_project(cls, project: Path, originals: Iterable[tuple[str, Path]]) -> ProtectedFiles:
        """The files of the project at ``project`` and the originals ``(photo id, path)``."""
        from curator.core.storage.backups import backup_folder  # backups writes through this guard

        project = project.expanduser().resolve()
        files: dict[Identity, str] = {}
        folders: dict[Identity, str] = {}
        names: dict[tuple[Identity, str], str] = {}
        what_project = _("the project file")
        own = {
            project: what_project,
            lock_path_for(project): _("the project's lock file"),
            **{Path(f"{project}{s}"): _("the project's SQLite log") for s in SQLITE_SIDECARS},
        }
        folder = identity(project.parent)
        for path, what in own.items():
            found = identity(path)
            if found is not None:
                files[found] = what
            if folder is not None and path != project:
                names[(folder, path.name)] = what
        backups = backup_folder(project)
        what_backup = _("one of the project's backups")
        found = identity(backups)
        if found is not None:
            folders[found] = _("the project's backups folder")
            files[found] = folders[found]
            for entry in _entries(backups):
                found = identity(entry)
                if found is not None:
                    files[found] = what_backup
        if folder is not None:
            names[(folder, backups.name)] = _("the project's backups folder")
        for photo_id, path in originals:
            found = identity(path)
            if found is not None:
                files.setdefault(found, _("the original of photo %(id)s") % {"id": photo_id})
        return cls(files, folders, names)

    def refusal(self, target: Path) -> str | None:
        """Why ``target`` may not be written, or None when it may."""
        target = target.expanduser().absolute()
        special = special_refusal(target)
        if special is not None:
            return special
        what = self.files.get(identity(target) or (-1, -1))
        if what is None:
            parent = identity(target.parent)
            if parent is not None:
                what = self.folders.get(parent) or self.names.get((parent, target.name))
        if what is None:
            return None
        return _("%(file)s is %(what)s; Curator never writes over it. Choose another name.") % {
            "file": target,
            "what": what,
        }

    def check(self, target: Path) -> None:
        """Refuse ``target`` if it is a protected file.

        Raises:
            ProtectedFileError: naming the file and what it is; nothing was written.
        """
        special = special_refusal(target)
        if special is not None:
            raise SpecialTargetError(special, path=target)
        reason = self.refusal(target)
        if reason is not None:
            raise ProtectedFileError(reason, path=target)


def special_refusal(target: Path) -> str | None:
    """Why ``target`` - a FIFO, a device or a socket, or a link to one - is no output."""
    try:
        mode = target.stat().st_mode
    except (OSError, ValueError):
        return None  # nothing there yet, or a dangling link (the rename replaces the link)
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        what = _("a named pipe (FIFO)")
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = _("a device")
    elif stat.S_ISSOCK(mode):
        what = _("a socket")
    else:
        what = _("not a regular file")
    message = _(
        "%(file)s is %(what)s, not a file Curator can write; it was left as it is. Choose the "
        "name of a regular file."
    )
    return message % {"file": target, "what": what}


def _entries(folder: Path) -> list[Path]:
    try:
        return [Path(entry.path) for entry in os.scandir(folder)]
    except OSError:
        return []


def protected_files(service: ProjectService) -> ProtectedFiles:
    """The files the open project protects, and the person's translation memory.

    The project's own files and every photo's original; another memory is added with
    :meth:`ProtectedFiles.with_memory`.
    """
    guard = ProtectedFiles.of_project(
        service.path, ((photo.id, photo.path) for photo in service.photos.all())
    )
    try:
        memory = default_memory_path()
    except (RuntimeError, KeyError, OSError):  # no home folder: no memory of the person's
        return guard
    return guard.with_memory(memory)
