"""Photoshop's IPTC digest (image resource 0x0425), brought up to date after an IIM edit.

Photoshop and Lightroom store the MD5 of the IIM block next to it. A reader that follows
the Metadata Working Group's rule takes a digest that no longer matches as "the IIM was
edited by a tool that knows nothing of XMP" and prefers the IIM over the XMP - which would
put the cut IIM caption ahead of the full XMP one. exiv2 rewrites the IIM but leaves the
digest, so after writing, the digest is recomputed and replaced in place (same 16 bytes,
so nothing else in the file moves). Handled where the resource block is stored as is: JPEG
APP13 segments and TIFF's Photoshop tag (a PNG keeps it hex-encoded in a compressed text
chunk; there the digest is left, and reading the copy back reports it if it is stale).
"""

from __future__ import annotations

import hashlib
import io
import struct
import warnings

from PIL import Image, UnidentifiedImageError

_RESOURCE = b"8BIM"
_IPTC = 0x0404
_DIGEST = 0x0425


def refresh_iptc_digest(data: bytes) -> bytes:
    """``data`` with every stale IPTC digest replaced by the MD5 of its IIM block.

    In a TIFF the IIM block is tag 33723 as stored (padding included), as exiftool and
    Curator's reader compute it; elsewhere it is the resource block's own IIM.
    """
    buffer = bytearray(data)
    tiff_iim = _tiff_iim(data) if data[:4] in (b"II*\x00", b"MM\x00*") else None
    for start, end in _resource_blocks(data):
        resources = _resources(data, start, end)
        digest = resources.get(_DIGEST)
        if digest is None or digest[1] - digest[0] != 16:
            continue
        iptc = resources.get(_IPTC)
        block = tiff_iim if tiff_iim is not None else data[iptc[0] : iptc[1]] if iptc else b""
        buffer[digest[0] : digest[1]] = hashlib.md5(block, usedforsecurity=False).digest()
    return bytes(buffer)


def _tiff_iim(data: bytes) -> bytes | None:
    """A TIFF's tag 33723 (IPTC-NAA) as stored; ``None`` when it has none."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow warns about 33723's count
            with Image.open(io.BytesIO(data)) as image:
                raw = getattr(getattr(image, "tag_v2", None), "_tagdata", {}).get(33723)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None
    return raw if isinstance(raw, bytes) else None


def _resource_blocks(data: bytes) -> list[tuple[int, int]]:
    """Where image-resource blocks lie: APP13 payloads of a JPEG, else every ``8BIM`` run."""
    if data.startswith(b"\xff\xd8"):
        return list(_jpeg_app13(data))
    found = data.find(_RESOURCE + struct.pack(">H", _DIGEST))
    if found < 0:
        return []
    # A TIFF's Photoshop tag: the chain is parsed from the IIM resource before the digest
    # (Photoshop orders resources by id), or from the digest itself when there is none.
    start = data.rfind(_RESOURCE + struct.pack(">H", _IPTC), 0, found)
    return [(start if start >= 0 else found, len(data))]


def _jpeg_app13(data: bytes) -> list[tuple[int, int]]:
    blocks: list[tuple[int, int]] = []
    offset = 2
    while offset + 4 <= len(data) and data[offset] == 0xFF:
        marker = data[offset + 1]
        if marker in (0xD9, 0xDA):
            break
        length = struct.unpack(">H", data[offset + 2 : offset + 4])[0]
        payload = offset + 4
        if marker == 0xED and data[payload : payload + 14] == b"Photoshop 3.0\x00":
            blocks.append((payload + 14, offset + 2 + length))
        offset += 2 + length
    return blocks


def _resources(data: bytes, start: int, end: int) -> dict[int, tuple[int, int]]:
    """Resource id → (data start, data end) for a chain of ``8BIM`` resources."""
    found: dict[int, tuple[int, int]] = {}
    offset = start
    while offset + 12 <= end and data[offset : offset + 4] == _RESOURCE:
        code = struct.unpack(">H", data[offset + 4 : offset + 6])[0]
        name_length = data[offset + 6]
        offset += 7 + name_length + ((1 + name_length) & 1)  # the name pads to even
        if offset + 4 > end:
            break
        size = struct.unpack(">I", data[offset : offset + 4])[0]
        offset += 4
        if offset + size > end:
            break
        found.setdefault(code, (offset, offset + size))
        offset += size + (size & 1)
    return found
