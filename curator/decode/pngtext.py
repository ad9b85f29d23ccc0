"""Opening a PNG whose compressed text chunk is larger than Pillow agrees to inflate.

Pillow refuses a whole PNG (``ValueError: Decompressed data too large for
PngImagePlugin.MAX_TEXT_CHUNK``) when one ``zTXt`` or compressed ``iTXt`` chunk inflates
past 1 MB, as a press agency's long XMP or caption history can. Raising the global limit
would let every other PNG's text through too, so such a file is read through a view that
leaves those chunks out: the pixels decode as usual, and the metadata reader
(:mod:`curator.ingest.metadata.containers`, with its own limit) reads the text that fits.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path
from typing import IO, cast

from PIL import PngImagePlugin

from curator.decode.files import open_regular

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_BLOCK = 1 << 16


def open_png(target: str | IO[bytes]) -> PngImagePlugin.PngImageFile:
    """Pillow's PNG header parser; oversized compressed text chunks are skipped."""
    try:
        return PngImagePlugin.PngImageFile(target)
    except ValueError as exc:
        if "MAX_TEXT_CHUNK" not in str(exc):
            raise
    stream = open_regular(Path(target)) if isinstance(target, str) else target
    try:
        view = _SegmentView(stream, _kept_segments(stream))
        image = PngImagePlugin.PngImageFile(cast("IO[bytes]", view))
    except BaseException:
        if isinstance(target, str):
            stream.close()
        raise
    # The view (and the file under it) is the image's own: closing the image closes it.
    image._exclusive_fp = isinstance(target, str)
    return image


def _kept_segments(stream: IO[bytes]) -> list[tuple[int, int]]:
    """``(offset, length)`` runs of the file without the text chunks Pillow would refuse."""
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    segments: list[tuple[int, int]] = [(0, len(_SIGNATURE))]
    position = len(_SIGNATURE)
    while position + 8 <= size:
        stream.seek(position)
        length, kind = struct.unpack(">I4s", stream.read(8))
        end = min(size, position + 12 + length)
        if not (kind in (b"zTXt", b"iTXt") and _inflates_too_far(stream, kind, length)):
            segments.append((position, end - position))
        position = end
        if kind == b"IEND":
            break
    if position < size:
        segments.append((position, size - position))
    return segments


def _inflates_too_far(stream: IO[bytes], kind: bytes, length: int) -> bool:
    """Whether this compressed text chunk inflates past Pillow's limit (read in blocks)."""
    head = stream.read(min(length, 200))
    keyword_end = head.find(b"\x00")
    if keyword_end < 0:
        return False
    if kind == b"iTXt":
        if head[keyword_end + 1 : keyword_end + 2] != b"\x01":
            return False  # not compressed: Pillow reads it as it is
        start = head.find(b"\x00", head.find(b"\x00", keyword_end + 3) + 1) + 1
    else:
        start = keyword_end + 2
    if start <= 0:
        return False
    inflater = zlib.decompressobj()
    produced = 0
    remaining = length - start
    data = head[start:]
    remaining -= len(data)
    try:
        while True:
            produced += len(inflater.decompress(data, _BLOCK))
            while inflater.unconsumed_tail and produced <= PngImagePlugin.MAX_TEXT_CHUNK:
                produced += len(inflater.decompress(inflater.unconsumed_tail, _BLOCK))
            if produced > PngImagePlugin.MAX_TEXT_CHUNK:
                return True
            if remaining <= 0 or inflater.eof:
                return False
            data = stream.read(min(remaining, _BLOCK))
            remaining -= len(data)
            if not data:
                return False
    except zlib.error:
        return False  # damaged: Pillow ignores or reports it as it always has


class _SegmentView(io.RawIOBase):
    """A read-only, seekable view of ``stream`` made of the given byte runs, in order."""

    def __init__(self, stream: IO[bytes], segments: list[tuple[int, int]]) -> None:
        super().__init__()
        self._stream = stream
        self._segments: list[tuple[int, int, int]] = []  # (view start, file offset, length)
        start = 0
        for offset, length in segments:
            self._segments.append((start, offset, length))
            start += length
        self._size = start
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self._size}[whence]
        self._position = max(0, base + offset)
        return self._position

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        wanted = len(buffer)
        done = 0
        for start, offset, length in self._segments:
            if done >= wanted:
                break
            if self._position >= start + length or self._position < start:
                continue
            inside = self._position - start
            count = min(length - inside, wanted - done)
            self._stream.seek(offset + inside)
            chunk = self._stream.read(count)
            buffer[done : done + len(chunk)] = chunk
            done += len(chunk)
            self._position += len(chunk)
            if len(chunk) < count:
                break
        return done

    def close(self) -> None:
        if not self.closed:
            self._stream.close()
        super().close()
