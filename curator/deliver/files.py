"""Writing a file so that it is either whole or absent: a temporary name, then a rename.

The bytes go to a hidden ``.NAME.partial-XXXX`` file in the target folder, are flushed to
disk, and only then take their name (``os.replace``, atomic on one file system). Whatever
stops the write - a full disk, a read-only folder, Ctrl-C - removes the temporary file, so
no half-written copy is ever left under a delivered name.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from curator.core.errors import CuratorError
from curator.i18n import _

PARTIAL_MARK = ".partial-"


class TargetError(CuratorError):
    """The target folder cannot take the delivery (read-only, full, missing): stop (exit 3)."""

    exit_code = 3


def write_atomically(
    path: Path, data: bytes, check: Callable[[Path], object] | None = None
) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    ``check`` is called with the temporary file once it is complete, before the rename
    (to read it back, say).

    Raises:
        TargetError: the folder is read-only, full, or refuses the file.
    """
    descriptor, name = _open_temporary(path)
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.chmod(0o644)
        if check is not None:
            check(temporary)
        temporary.replace(path)
    except OSError as error:
        _remove(temporary)
        raise target_error(path, error) from error
    except BaseException:
        _remove(temporary)
        raise


def _open_temporary(path: Path) -> tuple[int, str]:
    try:
        return tempfile.mkstemp(prefix=f".{path.name}{PARTIAL_MARK}", dir=path.parent)
    except OSError as error:
        raise target_error(path, error) from error


def _remove(temporary: Path) -> None:
    with contextlib.suppress(OSError):
        temporary.unlink()


def target_error(path: Path, error: OSError) -> TargetError:
    """A message for why ``path`` could not be written."""
    folder = path.parent
    if error.errno == errno.ENOSPC or error.errno == errno.EDQUOT:
        message = _("The disk holding %(folder)s is full; %(name)s was not written.")
    elif error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        message = _("%(folder)s cannot be written to (read-only or no permission).")
    else:
        message = _("Cannot write %(name)s in %(folder)s: %(reason)s")
    return TargetError(
        message % {"folder": folder, "name": path.name, "reason": error.strerror or error},
        path=path,
    )


def prepare_folder(folder: Path) -> Path:
    """Create the target folder if needed, remove leftovers of an interrupted delivery.

    Raises:
        TargetError: the folder cannot be created, or is a file.
    """
    folder = folder.expanduser().absolute()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as error:
        raise TargetError(
            _("%(folder)s is a file, not a folder.") % {"folder": folder}, path=folder
        ) from error
    except OSError as error:
        raise target_error(folder / ".", error) from error
    for leftover in folder.glob(f".*{PARTIAL_MARK}*"):
        with contextlib.suppress(OSError):
            leftover.unlink()
    return folder
