"""What an image file's bytes say about its structure, read without decoding it.

A JPEG is walked marker by marker through a memory map (cheap even for a huge file) to tell
a sequential single-scan image, which Pillow can shrink while decoding, from one that needs
its whole coefficient memory; TIFF offsets are checked against the file's size to tell a cut
file from a damaged one.
"""

from __future__ import annotations

import mmap
import re
import struct
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from PIL import ImageFile

from curator.decode.files import open_regular


class JpegLayout(NamedTuple):
    """What a marker walk learnt about a JPEG."""

    sequential: bool  # the frame is SOF0/SOF1 (baseline or extended sequential Huffman)
    scans: int  # start-of-scan markers seen; the walk stops at the second
    complete: bool  # the walk reached the end-of-image marker


def jpeg_layout(source: Path | bytes) -> JpegLayout | None:
    """Walk a JPEG marker by marker (a file through a memory map); cheap even for huge files."""
    if isinstance(source, bytes):
        return _walk_jpeg(source)
    try:
        with (
            open_regular(source) as stream,
            mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as data,
        ):
            return _walk_jpeg(data)
    except (OSError, ValueError):
        return None


def _walk_jpeg(data: mmap.mmap | bytes) -> JpegLayout:
    position, sequential, scans = 2, False, 0
    while position + 2 <= len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte before a marker
            position += 1
            continue
        if marker == 0xD9:  # end of image
            return JpegLayout(sequential, scans, complete=True)
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:  # no length field
            position += 2
            continue
        if position + 4 > len(data):
            break
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            sequential = marker in (0xC0, 0xC1)  # not progressive, lossless or arithmetic
        position += 2 + struct.unpack_from(">H", data, position + 2)[0]
        if marker == 0xDA:
            scans += 1
            if scans > 1:
                break
            position = _next_marker(data, position)
    return JpegLayout(sequential, scans, complete=False)


def jpeg_streams(source: Path | bytes) -> bool:
    """Whether libjpeg decodes this JPEG row by row (no whole coefficient buffer).

    libjpeg decides it at the first start-of-scan marker: a sequential Huffman frame
    (SOF0/SOF1) whose first scan holds every component of the frame is single-scan
    (``has_multiple_scans`` is false), and any later scan is an error, never a buffer. So
    only the markers up to that one are read (a few kilobytes), not the coded data.
    """
    if isinstance(source, bytes):
        return _streams(lambda at, count: source[at : at + count])
    try:
        with open_regular(source) as stream:

            def read(at: int, count: int) -> bytes:
                stream.seek(at)
                return stream.read(count)

            return _streams(read)
    except (OSError, ValueError):
        return False


def _streams(read: Callable[[int, int], bytes]) -> bool:
    position, sequential, components = 2, False, 0
    while True:
        head = read(position, 5)
        if len(head) < 2 or head[0] != 0xFF:
            return False
        marker = head[1]
        if marker == 0xFF:  # fill byte before a marker
            position += 1
            continue
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:  # no length field
            position += 2
            continue
        if marker == 0xD9 or len(head) < 5:
            return False
        length = struct.unpack_from(">H", head, 2)[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            frame = read(position + 4, 6)  # precision, height, width, components
            sequential = marker in (0xC0, 0xC1)
            components = frame[5] if len(frame) == 6 else 0
        elif marker == 0xDA:
            return sequential and components > 0 and head[4] == components
        position += 2 + length


def header_cut_short(source: Path | bytes, image_format: str) -> bool:
    """Whether a header that failed to parse simply ends early (the file is cut)."""
    if image_format == "JPEG":
        layout = jpeg_layout(source)
        return layout is not None and layout.scans == 0 and not layout.complete
    if image_format == "TIFF":
        try:
            head, size = _head_and_size(source)
        except OSError:
            return False
        order = "<" if head.startswith(b"II") else ">"
        big = head[2:4] in (b"+\x00", b"\x00+")
        needed = 16 if big else 8
        if len(head) < needed:
            return True
        first_ifd = struct.unpack_from(order + ("Q" if big else "I"), head, 8 if big else 4)[0]
        return bool(first_ifd + 2 > size)
    if image_format == "PNG":
        try:
            return _png_cut_short(source)
        except OSError:
            return False
    return False


def _png_cut_short(source: Path | bytes) -> bool:
    """Whether the chunks run out before IEND (chunk headers only; data is skipped)."""
    if isinstance(source, bytes):
        return _png_chunks_cut(lambda at: source[at : at + 8], len(source))
    with open_regular(source) as stream:
        size = stream.seek(0, 2)

        def read8(at: int) -> bytes:
            stream.seek(at)
            return stream.read(8)

        return _png_chunks_cut(read8, size)


def _png_chunks_cut(read8: Callable[[int], bytes], size: int) -> bool:
    position = 8
    while position + 8 <= size:
        length, kind = struct.unpack(">I4s", read8(position))
        position += 12 + int(length)
        if kind == b"IEND":
            return position > size
    return True


def tiff_data_cut_short(image: ImageFile.ImageFile, source: Path | bytes) -> bool:
    """Whether the first page's strips or tiles reach past the end of the file."""
    tags = getattr(image, "tag_v2", {})
    try:
        size = len(source) if isinstance(source, bytes) else source.stat().st_size
        ends = [
            offset + count
            for offsets, counts in ((273, 279), (324, 325))
            for offset, count in zip(tags.get(offsets, ()), tags.get(counts, ()), strict=False)
        ]
    except (OSError, TypeError):
        return False
    return bool(ends) and max(ends) > size


def _head_and_size(source: Path | bytes) -> tuple[bytes, int]:
    if isinstance(source, bytes):
        return source[:16], len(source)
    with open_regular(source) as stream:
        head = stream.read(16)
    return head, source.stat().st_size


#: A marker after entropy-coded data: 0xFF followed by a byte that is neither stuffing (00)
#: nor a restart marker (RSTn), which the data may contain.
_MARKER_AFTER_DATA = re.compile(rb"\xff(?=[^\x00\xd0-\xd7])")


def _next_marker(data: mmap.mmap | bytes, position: int) -> int:
    """Skip entropy-coded data: the next 0xFF not followed by stuffing (00) or RSTn.

    One regular-expression search in C: a 24-megapixel JPEG holds some 50,000 stuffed 0xFF
    bytes, which a loop of ``find`` calls stepped over one by one from Python.
    """
    found = _MARKER_AFTER_DATA.search(data, position)
    return len(data) if found is None else found.start()
