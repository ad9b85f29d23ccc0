"""The one doorway to pyexiv2 (exiv2): one image at a time, warnings not fatal.

pyexiv2 keeps exiv2's log in a C++ global and is not thread-safe, so every call goes
through :data:`EXIV2_LOCK`. At its default level an exiv2 *warning* (an odd maker note, a
non-standard IFD) aborts the operation; Curator lowers the level to errors, so a file that
exiv2 can read and write is delivered, and real errors still raise.

exiv2 writes a JPEG's comment back with a NUL added, so a first comment (COM) segment that
fills its 65,533 bytes - legal, and imported - made the whole copy fail. Such a file's
comments are set aside before exiv2 sees it (:func:`set_comments_aside`) and put back into
the result byte for byte, in their order (:func:`put_comments_back`).
"""

from __future__ import annotations

import struct
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


_SOS, _COM, _FULL_COMMENT = 0xDA, 0xFE, 0xFFFF - 2
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})  # markers without a length
_APP = range(0xE0, 0xF0)


def _segments(data: bytes) -> list[tuple[int, int, int]]:
    """``(marker, start, end)`` of a JPEG's segments before its image data."""
    found: list[tuple[int, int, int]] = []
    at = 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xFF or marker in _STANDALONE:
            at += 1 if marker == 0xFF else 2
            continue
        if marker == _SOS:
            break
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        found.append((marker, at, at + 2 + length))
        at += 2 + length
    return found


def set_comments_aside(data: bytes) -> tuple[bytes, list[bytes]]:
    """``data`` without its comment segments, and those segments, if exiv2 needs it.

    Only a JPEG whose first comment fills its segment is changed (exiv2 could not write that
    comment back); any other file is returned as it is, with no segment.
    """
    if not data.startswith(b"\xff\xd8"):
        return data, []
    comments = [(start, end) for marker, start, end in _segments(data) if marker == _COM]
    if not comments or comments[0][1] - comments[0][0] - 4 < _FULL_COMMENT:
        return data, []
    kept, at = [], 0
    for start, end in comments:
        kept.append(data[at:start])
        at = end
    kept.append(data[at:])
    return b"".join(kept), [data[start:end] for start, end in comments]


def put_comments_back(data: bytes, comments: list[bytes]) -> bytes:
    """``data`` with ``comments`` (from :func:`set_comments_aside`) after its APP segments."""
    if not comments:
        return data
    at = 2
    for marker, _start, end in _segments(data):
        if marker not in _APP:
            break
        at = end
    return data[:at] + b"".join(comments) + data[at:]
