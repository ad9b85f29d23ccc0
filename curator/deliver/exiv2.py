"""The one doorway to pyexiv2 (exiv2): one image at a time, warnings not fatal.

pyexiv2 keeps exiv2's log in a C++ global and is not thread-safe, so every call goes
through :data:`EXIV2_LOCK`. At its default level an exiv2 *warning* (an odd maker note, a
non-standard IFD) aborts the operation; Curator lowers the level to errors, so a file that
exiv2 can read and write is delivered, and real errors still raise.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pyexiv2

EXIV2_LOCK = threading.RLock()
_LOG_ERRORS_ONLY = 3

pyexiv2.set_log_level(_LOG_ERRORS_ONLY)


class Exiv2Error(Exception):
    """exiv2 refused the file or the edit; the message is exiv2's own."""


@contextmanager
def open_image(data: bytes) -> Iterator[Any]:
    """A pyexiv2 image over ``data`` in memory, under the lock; closed afterwards.

    Raises:
        Exiv2Error: exiv2 cannot read the data.
    """
    with EXIV2_LOCK:
        try:
            image = pyexiv2.ImageData(data)
        except (RuntimeError, ValueError) as error:
            raise Exiv2Error(str(error).strip()) from error
        try:
            yield image
        except RuntimeError as error:
            raise Exiv2Error(str(error).strip()) from error
        finally:
            image.close()
