"""Opening a file a person named without ever blocking on something that is not one.

A FIFO's ``open`` waits for a writer forever, a device can be read forever (``/dev/zero``),
and a path checked a moment ago may since have been replaced by either. So a file is opened
without blocking and proven regular on the open descriptor, before one byte is read: a
photo, a project's header, a hall's DXF, a colour profile, a logo, a foreword, a lock.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO


class SpecialFileError(OSError):
    """The path is a FIFO, a device, a socket or a folder, not a regular file."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading, without blocking, once it is proven a regular file.

    Raises:
        SpecialFileError: It is a FIFO, a device or a socket.
        OSError: It cannot be opened, or is a folder (IsADirectoryError).
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise SpecialFileError(file_kind(mode))
    except BaseException:
        os.close(descriptor)
        raise
    return os.fdopen(descriptor, "rb")


def file_kind(mode: int) -> str:
    """What a non-regular file is, in plain (untranslated) words for a problem's detail."""
    kinds = (
        (stat.S_ISFIFO, "named pipe (FIFO)"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISDIR, "folder"),
    )
    return next((name for test, name in kinds if test(mode)), "special file")
