"""Finding the image files to import under the paths a person named.

A folder is walked (recursively unless told not to) for files whose extension says JPEG,
TIFF or PNG, in any case; a file named explicitly is taken whatever its extension, since the
content decides. Hidden files and folders (".name") and sidecars are skipped.

Folders as they are on real disks: the walk keeps its own stack (a folder 1,100 levels deep
is walked like any other, where a recursive walk would exhaust Python's stack); only regular
files are taken, judged by ``stat`` before anything opens them, so a FIFO, a device or a
link to ``/dev/zero`` named ``*.jpg`` is reported (``special-file``) instead of blocking the
import forever; a file whose name is not valid UTF-8 is reported alone
(``file-name-encoding``: the project stores names as text); a folder that cannot be read is
reported and the rest of the walk goes on. Links to folders are not followed (no loops).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from curator.core.checks.problems import Problem
from curator.decode.files import file_kind

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".jpe", ".tif", ".tiff", ".png"})


@dataclass
class Scan:
    """What a walk found: files to import, named paths that do not exist, files skipped."""

    files: list[Path] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, Problem]] = field(default_factory=list)


def is_image_name(path: Path) -> bool:
    """Whether the file name says JPEG, TIFF or PNG."""
    return path.suffix.lower() in IMAGE_SUFFIXES


def find_images(paths: Iterable[Path], *, recursive: bool = True) -> Scan:
    """The regular files to import under ``paths``, each once, in a stable order."""
    scan = Scan()
    found: dict[Path, None] = {}
    for given in paths:
        path = Path(given).expanduser().absolute()
        try:
            status = path.stat()
        except FileNotFoundError:
            if path.is_symlink():
                scan.skipped.append((path, _unreadable("the link points nowhere")))
            else:
                scan.missing.append(path)
            continue
        except OSError as error:
            scan.skipped.append((path, _unreadable(error.strerror or str(error))))
            continue
        if stat.S_ISDIR(status.st_mode):
            _walk(path, recursive, found, scan)
        else:
            _take(path, status.st_mode, found, scan)
    scan.files = list(found)
    return scan


def _walk(top: Path, recursive: bool, found: dict[Path, None], scan: Scan) -> None:
    """Depth first, files of a folder before its subfolders, names sorted; no recursion."""
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            scan.skipped.append((folder, _unreadable(error.strerror or str(error))))
            continue
        subfolders: list[Path] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    subfolders.append(path)
                    continue
            except OSError:
                pass
            if not is_image_name(path):
                continue
            try:
                mode = entry.stat().st_mode  # follows a link: what would be opened
            except OSError as error:
                scan.skipped.append((path, _unreadable(error.strerror or str(error))))
                continue
            _take(path, mode, found, scan)
        if recursive:
            stack.extend(reversed(subfolders))


def _take(path: Path, mode: int, found: dict[Path, None], scan: Scan) -> None:
    if not stat.S_ISREG(mode):
        scan.skipped.append((path, Problem("special-file", file_kind(mode))))
    elif not storable_path(path):
        scan.skipped.append((path, Problem("file-name-encoding", escaped_name(path.name))))
    else:
        found.setdefault(path, None)


def storable_path(path: Path) -> bool:
    """Whether the path is text the project can store (not bytes that are not UTF-8)."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def escaped_name(name: str) -> str:
    r"""``name`` with bytes that are not UTF-8 shown as ``\\xNN`` (they decode as surrogates)."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _unreadable(detail: str) -> Problem:
    return Problem("unreadable-file", detail)
