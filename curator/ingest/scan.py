"""Finding the image files to import under the paths a person named.

A folder is walked (recursively unless told not to) for files whose extension says JPEG,
TIFF or PNG, in any case; a file named explicitly is taken whatever its extension, since the
content decides. Hidden files and folders (".name") and sidecars are skipped.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".jpe", ".tif", ".tiff", ".png"})


def is_image_name(path: Path) -> bool:
    """Whether the file name says JPEG, TIFF or PNG."""
    return path.suffix.lower() in IMAGE_SUFFIXES


def find_images(paths: Iterable[Path], *, recursive: bool = True) -> tuple[list[Path], list[Path]]:
    """``(files to import, paths that do not exist)``, each file once, in a stable order."""
    found: dict[Path, None] = {}
    missing: list[Path] = []
    for given in paths:
        path = Path(given).expanduser().absolute()
        if path.is_dir():
            for file in _walk(path, recursive):
                found.setdefault(file, None)
        elif path.exists() or path.is_symlink():
            found.setdefault(path, None)
        else:
            missing.append(path)
    return list(found), missing


def _walk(folder: Path, recursive: bool) -> list[Path]:
    files: list[Path] = []
    for root, dirs, names in os.walk(folder, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if recursive else []
        for name in sorted(names):
            if not name.startswith(".") and is_image_name(Path(name)):
                files.append(Path(root) / name)
    return files
