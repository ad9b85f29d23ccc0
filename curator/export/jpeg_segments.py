"""A passed-through JPEG's copy without metadata that would weigh on the print.

A JPEG passes into a PDF as it is (its image data byte for byte). Its metadata is of no use
there, and some carry a great deal: extended XMP may add 60 MB to an 800 × 600 photo that
imports in a few megabytes, and reportlab holds several copies of what it embeds (the
catalogue took 420 MB for that one photo). When a file's metadata segments pass
:data:`METADATA_LIMIT`, the copy leaves them out - EXIF, XMP, IPTC, comments and other
applications' segments - and keeps what decoding needs (JFIF, the ICC profile, Adobe's
colour transform) and the image data untouched. Lighter files are copied byte for byte.
"""

from __future__ import annotations

import shutil
import struct
from typing import BinaryIO

#: Metadata beyond this is left out of the copy (a camera's EXIF and XMP weigh far less).
METADATA_LIMIT = 1 << 20
_KEPT = frozenset({0xE0, 0xE2, 0xEE})  # APP0 JFIF, APP2 ICC profile, APP14 Adobe
_DROPPED = frozenset({*range(0xE1, 0xF0), 0xFE}) - _KEPT  # other APPn and COM
_SOS = 0xDA
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})
_CHUNK = 1 << 20


def _segments(source: BinaryIO) -> list[tuple[int, int, int]]:
    """``(marker, offset, size)`` of the segments before the image data (a fresh stream)."""
    found: list[tuple[int, int, int]] = []
    source.seek(2)
    while True:
        offset = source.tell()
        head = source.read(2)
        if len(head) < 2 or head[0] != 0xFF:
            return found
        marker = head[1]
        if marker == 0xFF:
            source.seek(offset + 1)
            continue
        if marker in _STANDALONE:
            continue
        if marker == _SOS:
            return found
        raw = source.read(2)
        if len(raw) < 2:
            return found
        (length,) = struct.unpack(">H", raw)
        found.append((marker, offset, 2 + length))
        source.seek(offset + 2 + length)


def copy_light(source: BinaryIO, target: BinaryIO) -> bool:
    """Copy the JPEG ``source`` into ``target``; True when heavy metadata was left out."""
    if source.read(2) != b"\xff\xd8":
        source.seek(0)
        shutil.copyfileobj(source, target, _CHUNK)
        return False
    segments = _segments(source)
    heavy = sum(size for marker, _o, size in segments if marker in _DROPPED)
    source.seek(0)
    if heavy <= METADATA_LIMIT:
        shutil.copyfileobj(source, target, _CHUNK)
        return False
    target.write(source.read(2))
    at = 2
    for marker, offset, size in segments:
        source.seek(at)
        _copy_bytes(source, target, offset - at)  # fill bytes between segments, if any
        if marker not in _DROPPED:
            source.seek(offset)
            _copy_bytes(source, target, size)
        at = offset + size
    source.seek(at)
    shutil.copyfileobj(source, target, _CHUNK)
    return True


def _copy_bytes(source: BinaryIO, target: BinaryIO, count: int) -> None:
    while count > 0:
        data = source.read(min(count, _CHUNK))
        if not data:
            return
        target.write(data)
        count -= len(data)
