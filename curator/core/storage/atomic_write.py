"""The one way Curator writes a file: whole or not at all, never over a protected file.

Every output goes through :func:`write_atomically` (bytes in memory) or
:func:`atomic_output` (a file another library fills: a PDF, a delivered copy). The bytes
go to a hidden temporary file in the target's own folder, are flushed to the disk
(``fsync``), checked against the project's :class:`~curator.core.storage.protected_files.
ProtectedFiles` once more, and only then take their name (a rename, atomic on one file
system), after which the folder itself is flushed so the new name survives a power cut.
Whatever stops the write - a full disk, a read-only folder, Ctrl-C - removes the temporary
file, and the error names the file and says why (:class:`OutputError`; a full disk or an
unwritable folder is exit 3, a missing folder exit 2).

``replace=False`` never replaces an existing file: the name is taken with a hard link,
which fails if it exists (:class:`OutputExistsError`).

Temporary names are recognisably Curator's and carry the writer's process id
(``.NAME.curator-PID-XXXX.partial``; work folders ``.curator-work-PID-XXXX``), and each
is held with ``flock`` while in use. A process killed mid-write leaves one behind;
:func:`sweep_leftovers` - run by every write into a folder - removes those whose process
is gone and whose lock nobody holds, and nothing else.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from curator.core.errors import CuratorError
from curator.core.language.library_messages import reason as library_reason
from curator.core.storage.protected_files import ProtectedFiles
from curator.i18n import _

PARTIAL_SUFFIX = ".partial"
_MAX_NAME_PART = 80
_PARTIAL = re.compile(r"^\..*\.curator-(?P<pid>\d+)-[A-Za-z0-9_]+\.partial$", re.DOTALL)
_WORK = re.compile(r"^\.curator-work-(?P<pid>\d+)-[A-Za-z0-9_]+$")
# Left by Curator's exports before this module: a work folder named by tempfile.
_OLD_WORK = re.compile(r"^\.curator-[a-z0-9_]{8}$")
_OLD_WORK_CONTENT = re.compile(
    r"^(chunk-\d{4}\.pdf|joined\.pdf|[0-9a-f]{24}\.(jpg|partial)|thumb-.+\.jpg)$"
)
_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
_REFUSED = (errno.EROFS, errno.EACCES, errno.EPERM)
_NO_FOLDER = (errno.ENOENT, errno.ENOTDIR)
_NO_LINKS = (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK, errno.EXDEV)


class OutputError(CuratorError):
    """A file could not be written (disk full, read-only, I/O error); nothing was (exit 3)."""

    exit_code = 3


class OutputFolderError(OutputError):
    """The target's folder does not exist, or the target is a folder (exit 2)."""

    exit_code = 2


class OutputExistsError(OutputError):
    """``replace=False`` and a file took the name meanwhile; it was left as it is."""

    exit_code = 2


def output_error(path: Path, error: OSError) -> OutputError:
    """The message for why ``path`` could not be written, from the error's errno."""
    values = {"folder": path.parent, "name": path.name, "file": path}
    if error.errno in _FULL:
        message = _("%(name)s was not written: the disk holding %(folder)s is full.")
        return OutputError(message % values, path=path)
    if error.errno in _REFUSED:
        message = _(
            "%(name)s was not written: %(folder)s cannot be written to (read-only or no "
            "permission)."
        )
        return OutputError(message % values, path=path)
    if error.errno in _NO_FOLDER:
        blocker = _file_in_the_way(path.parent)
        if blocker is not None:
            message = _("%(blocker)s is a file, not a folder; %(name)s was not written.")
            return OutputFolderError(message % {**values, "blocker": blocker}, path=path)
        message = _("The folder %(folder)s does not exist; %(name)s was not written.")
        return OutputFolderError(message % values, path=path)
    if error.errno == errno.EISDIR or path.is_dir():
        message = _("%(file)s is a folder; give the name of a file to write.")
        return OutputFolderError(message % values, path=path)
    values["reason"] = library_reason(error)
    return OutputError(_("Cannot write %(name)s in %(folder)s: %(reason)s") % values, path=path)


def _file_in_the_way(folder: Path) -> Path | None:
    """The nearest of ``folder`` and its parents that exists, when it is not a folder."""
    for candidate in (folder, *folder.parents):
        try:
            mode = candidate.stat().st_mode
        except (OSError, ValueError):
            continue
        return None if stat.S_ISDIR(mode) else candidate
    return None


def write_atomically(
    path: Path,
    data: bytes,
    *,
    guard: ProtectedFiles,
    check: Callable[[Path], object] | None = None,
    replace: bool = True,
    sweep: bool = True,
) -> None:
    """Write ``data`` to ``path`` (see the module's note).

    ``check`` is called with the complete temporary file before it takes its name (to
    read it back, say); what it raises stops the write.

    Raises:
        ProtectedFileError: ``path`` is a file the project protects; nothing was written.
        OutputError: the folder refused the file; nothing was written.
    """
    with atomic_output(path, guard=guard, replace=replace, sweep=sweep) as temporary:
        with temporary.open("wb") as handle:
            handle.write(data)
        if check is not None:
            check(temporary)


@contextlib.contextmanager
def atomic_output(
    path: Path, *, guard: ProtectedFiles, replace: bool = True, sweep: bool = True
) -> Iterator[Path]:
    """A temporary file beside ``path`` to fill; it takes the name when the block ends well.

    The file exists (empty) when the block starts; the block may write it or replace it
    (``pikepdf`` saving to it, a move onto it). See :func:`write_atomically`.
    """
    path = path.expanduser().absolute()
    guard.check(path)
    if path.is_dir():
        raise output_error(path, IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)))
    if sweep:
        sweep_leftovers(path.parent)
    try:
        descriptor, name = tempfile.mkstemp(
            prefix=f".{_short(path.name)}.curator-{os.getpid()}-",
            suffix=PARTIAL_SUFFIX,
            dir=path.parent,
        )
    except OSError as error:
        raise output_error(path, error) from error
    temporary = Path(name)
    _hold(descriptor)
    try:
        yield temporary
        _finish(temporary, path, guard, replace)
    except OSError as error:
        _remove(temporary)
        raise output_error(path, error) from error
    except BaseException:
        _remove(temporary)
        raise
    finally:
        os.close(descriptor)


def _finish(temporary: Path, path: Path, guard: ProtectedFiles, replace: bool) -> None:
    with temporary.open("rb+") as handle:
        os.fsync(handle.fileno())
    temporary.chmod(0o644)
    guard.check(path)  # again: the export may have taken minutes
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if replace:
        temporary.replace(path)
    else:
        _take_free_name(temporary, path)
    fsync_folder(path.parent)


def _take_free_name(temporary: Path, path: Path) -> None:
    """Give ``temporary`` the name ``path`` only if nothing has it (a hard link fails then).

    A file system without hard links (FAT or exFAT on a memory stick, some network shares)
    gets a check just before the rename instead.
    """
    exists = OutputExistsError(
        _("%(file)s appeared while it was being written; it was left as it is.") % {"file": path},
        path=path,
    )
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise exists from None
    except OSError as error:
        if error.errno not in _NO_LINKS:
            raise
        if path.exists() or path.is_symlink():
            raise exists from None
        temporary.replace(path)
        return
    temporary.unlink()


def fsync_folder(folder: Path) -> None:
    """Flush a folder's entries to the disk, so a rename in it survives a power cut."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


@contextlib.contextmanager
def work_folder(output: Path) -> Iterator[Path]:
    """A hidden work folder beside ``output`` (on its disk), removed afterwards.

    Raises:
        OutputError: it cannot be created (full disk, read-only folder), naming ``output``.
    """
    try:
        name = tempfile.mkdtemp(prefix=f".curator-work-{os.getpid()}-", dir=output.parent)
    except OSError as error:
        raise output_error(output, error) from error
    folder = Path(name)
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    _hold(descriptor)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        os.close(descriptor)


def _hold(descriptor: int) -> None:
    """Lock a temporary file or folder while it is in use, so no sweeper takes it.

    A file system without ``flock`` still gets the file: the process id in its name
    keeps it from being swept while this process lives.
    """
    with contextlib.suppress(OSError):
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)


def sweep_leftovers(folder: Path) -> list[str]:
    """Remove what killed Curator writers left in ``folder``; returns the names removed.

    Only Curator's own temporary names are touched, and only when the process that made
    one is gone and nobody holds its lock.
    """
    removed: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith("."):
            continue
        with contextlib.suppress(OSError):
            if _is_leftover(entry) and _unused(Path(entry.path)):
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path)
                else:
                    Path(entry.path).unlink()
                removed.append(entry.name)
    return removed


def _is_leftover(entry: os.DirEntry[str]) -> bool:
    name = entry.name
    if entry.is_dir(follow_symlinks=False):
        match = _WORK.match(name)
        if match:
            return not _alive(int(match["pid"]))
        if _OLD_WORK.match(name):
            return all(_OLD_WORK_CONTENT.match(inner) for inner in _names(entry.path))
        return False
    if not entry.is_file(follow_symlinks=False):
        return False
    match = _PARTIAL.match(name)
    return match is not None and not _alive(int(match["pid"]))


def _unused(path: Path) -> bool:
    flags = os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() else 0) | os.O_NOFOLLOW
    descriptor = os.open(path, flags)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(descriptor)
    return True


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _short(name: str) -> str:
    """At most ``_MAX_NAME_PART`` bytes of a name, so the temporary name stays legal."""
    data = name.encode("utf-8", "surrogateescape")[:_MAX_NAME_PART]
    return data.decode("utf-8", "ignore")


def _remove(temporary: Path) -> None:
    with contextlib.suppress(OSError):
        temporary.unlink()


def _names(folder: str) -> list[str]:
    return [entry.name for entry in os.scandir(folder)]
