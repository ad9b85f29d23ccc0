"""Finding the metadata blocks inside JPEG, PNG and TIFF files, without decoding pixels.

Owns the container formats: JPEG APP1 (EXIF, XMP) and APP13 (Photoshop image resources with
IPTC IIM) segments, PNG chunks (``eXIf``, the ``XML:com.adobe.xmp`` text chunk, ImageMagick's
hex "Raw profile" chunks), and for TIFF the tags Pillow exposes (700 XMP, 33723 IPTC, 34377
Photoshop). JPEG and PNG are walked here rather than through Pillow because Pillow keeps only
the last of several APP13 segments, refuses a JPEG without a scan, and reads PNG chunks that
follow the image data only when it decodes the pixels. When the file is of another kind, or its
walk ends early (a truncated or damaged file), the first :data:`XMP_SCAN_LIMIT` bytes are
scanned for an ``x:xmpmeta`` element.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from PIL import Image, TiffImagePlugin, UnidentifiedImageError

from curator.core.checks.problems import Problem
from curator.decode.files import open_regular

#: How much of a file is scanned for an XMP packet the container walk did not find.
XMP_SCAN_LIMIT = 4 * 1024 * 1024
#: Largest metadata chunk or text Curator inflates (a PNG text chunk is a zip-bomb vector).
MAX_BLOCK = 16 * 1024 * 1024

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_XMP_KEYWORD = b"XML:com.adobe.xmp"
_RESOURCE_IPTC = 0x0404
_RESOURCE_IPTC_DIGEST = 0x0425


@dataclass(slots=True)
class MetadataBlocks:
    """The raw metadata found in one file.

    ``exif`` is TIFF-structured EXIF (starting ``II*`` or ``MM*``), ``iptc`` the IIM
    streams in file order, ``xmp`` the XMP packets as stored (any encoding).
    ``iptc_digest`` is Photoshop's MD5 of the IIM it last wrote (resource 0x0425).
    """

    kind: str = "unknown"  # "jpeg", "png", "tiff" or "unknown"
    #: Whether the container was walked to its end (or, for TIFF, opened by Pillow).
    complete: bool = False
    exif: bytes | None = None
    iptc: list[bytes] = field(default_factory=list)
    iptc_digest: bytes | None = None
    xmp: list[bytes] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_blocks(path: Path) -> MetadataBlocks:
    """Collect the metadata blocks of the file at ``path``; never raises for bad data."""
    blocks = MetadataBlocks()
    try:
        with open_regular(path) as fh:
            head = fh.read(8)
            fh.seek(0)
            if head.startswith(b"\xff\xd8"):
                blocks.kind = "jpeg"
                _walk_jpeg(fh, blocks)
            elif head.startswith(_PNG_SIGNATURE):
                blocks.kind = "png"
                _walk_png(fh, blocks)
            elif head[:4] in (b"II*\x00", b"MM\x00*"):
                blocks.kind = "tiff"
                _read_tiff(fh, blocks)
            if blocks.exif:
                _iptc_in_exif(blocks.exif, blocks)
            if not blocks.xmp and not blocks.complete:
                fh.seek(0)
                packet = scan_for_xmp(fh.read(XMP_SCAN_LIMIT))
                if packet:
                    blocks.xmp.append(packet)
    except OSError as exc:
        blocks.problems.append(Problem("unreadable-file", str(exc)))
    return blocks


def scan_for_xmp(data: bytes) -> bytes | None:
    """The first ``<x:xmpmeta …>…</x:xmpmeta>`` element in ``data`` (UTF-8 packets only)."""
    start = data.find(b"<x:xmpmeta")
    if start < 0:
        return None
    end = data.find(b"</x:xmpmeta>", start)
    if end < 0:
        return None
    return data[start : end + len(b"</x:xmpmeta>")]


def _walk_jpeg(fh: BinaryIO, blocks: MetadataBlocks) -> None:
    """Read APP segments up to the first scan; a truncated file keeps what came before."""
    fh.seek(2)
    while True:
        marker = fh.read(2)
        while marker[:1] == b"\xff" and marker[1:2] == b"\xff":  # fill bytes
            marker = marker[1:] + fh.read(1)
        if len(marker) < 2 or marker[0] != 0xFF:
            return
        if marker[1] in (0xD9, 0xDA):
            blocks.complete = True
            return
        if 0xD0 <= marker[1] <= 0xD7 or marker[1] == 0x01:
            continue  # markers without a length
        length_bytes = fh.read(2)
        if len(length_bytes) < 2:
            return
        length = struct.unpack(">H", length_bytes)[0] - 2
        payload = fh.read(max(length, 0))
        if marker[1] == 0xE1:
            _jpeg_app1(payload, blocks)
        elif marker[1] == 0xED and payload.startswith(b"Photoshop 3.0\x00"):
            _photoshop_resources(payload[14:], blocks)


def _jpeg_app1(payload: bytes, blocks: MetadataBlocks) -> None:
    if payload.startswith(b"Exif\x00") and blocks.exif is None:
        blocks.exif = payload[6:]
    elif payload.startswith(b"http://ns.adobe.com/xap/1.0/\x00"):
        blocks.xmp.append(payload[29:])


def _photoshop_resources(data: bytes, blocks: MetadataBlocks) -> None:
    """Parse Photoshop image resources (``8BIM`` blocks), keeping IPTC and its digest."""
    offset = 0
    while data[offset : offset + 4] == b"8BIM" and offset + 7 <= len(data):
        code = struct.unpack(">H", data[offset + 4 : offset + 6])[0]
        name_length = data[offset + 6]
        offset += 7 + name_length
        offset += offset & 1  # the Pascal name is padded to an even length
        if offset + 4 > len(data):
            break
        size = struct.unpack(">I", data[offset : offset + 4])[0]
        offset += 4
        resource = data[offset : offset + size]
        if code == _RESOURCE_IPTC and resource:
            blocks.iptc.append(resource)
        elif code == _RESOURCE_IPTC_DIGEST and len(resource) == 16:
            blocks.iptc_digest = resource
        offset += size + (size & 1)


def _walk_png(fh: BinaryIO, blocks: MetadataBlocks) -> None:
    """Read every chunk's header, and the bodies of metadata chunks only."""
    fh.seek(8)
    while True:
        header = fh.read(8)
        if len(header) < 8:
            return
        length, kind = struct.unpack(">I4s", header)
        if kind in (b"eXIf", b"tEXt", b"zTXt", b"iTXt") and length <= MAX_BLOCK:
            body = fh.read(length)
            _png_chunk(kind, body, blocks)
            fh.seek(4, 1)  # CRC
        else:
            fh.seek(length + 4, 1)
        if kind == b"IEND":
            blocks.complete = True
            return


def _png_chunk(kind: bytes, body: bytes, blocks: MetadataBlocks) -> None:
    if kind == b"eXIf":
        if blocks.exif is None:
            blocks.exif = body[6:] if body.startswith(b"Exif\x00") else body
        return
    keyword, _sep, rest = body.partition(b"\x00")
    text = _png_text(kind, rest)
    if text is None:
        return
    if keyword == _XMP_KEYWORD:
        blocks.xmp.append(text)
    elif keyword.startswith(b"Raw profile type "):
        _raw_profile(keyword[17:].lower(), text, blocks)


def _png_text(kind: bytes, rest: bytes) -> bytes | None:
    """The text of a tEXt, zTXt or iTXt chunk body (after the keyword), inflated if needed."""
    try:
        if kind == b"tEXt":
            return rest
        if kind == b"zTXt":
            return _inflate(rest[1:])
        compressed, _method = rest[0], rest[1]
        _language, _sep, rest = rest[2:].partition(b"\x00")
        _translated, _sep, text = rest.partition(b"\x00")
        return _inflate(text) if compressed else text
    except (IndexError, zlib.error):
        return None


def _inflate(data: bytes) -> bytes:
    inflater = zlib.decompressobj()
    return inflater.decompress(data, MAX_BLOCK)


def _raw_profile(name: bytes, text: bytes, blocks: MetadataBlocks) -> None:
    """ImageMagick's "Raw profile type NAME" text: a name line, a length line, then hex."""
    lines = text.split(b"\n")
    try:
        data = bytes.fromhex(b"".join(lines[3:]).decode("ascii"))
    except (ValueError, UnicodeDecodeError):
        return
    if name in (b"exif", b"app1") and blocks.exif is None:
        blocks.exif = data[6:] if data.startswith(b"Exif\x00") else data
    elif name in (b"iptc", b"8bim"):
        if data.startswith(b"Photoshop 3.0\x00"):
            data = data[14:]
        if data.startswith(b"8BIM"):
            _photoshop_resources(data, blocks)
        elif data.startswith(b"\x1c"):
            blocks.iptc.append(data)
    elif name == b"xmp":
        blocks.xmp.append(data)


def _iptc_in_exif(exif: bytes, blocks: MetadataBlocks) -> None:
    """IIM stored in EXIF IFD0's IPTC-NAA tag (33723), as some agency software does.

    It comes after any APP13 IIM, which wins where both give a dataset.
    """
    try:
        parsed = Image.Exif()
        parsed.load(exif)
        value = parsed.get(33723)
        if isinstance(value, tuple):  # typed LONG: give the integers back their bytes
            order = ">" if exif[:2] == b"MM" else "<"
            value = struct.pack(f"{order}{len(value)}I", *value)
    except Exception:  # Pillow raises many kinds on damaged EXIF; exif.py reports it
        return
    if isinstance(value, bytes) and value.lstrip(b"\x00")[:1] == b"\x1c":
        blocks.iptc.append(value)


def _read_tiff(fh: BinaryIO, blocks: MetadataBlocks) -> None:
    """TIFF tags through Pillow, which reads the directory and leaves the pixels alone."""
    try:
        # The TIFF plugin itself, as curator.decode opens it: Image.open's pixel-count check
        # would warn, or refuse, over a header that no pixel is read from here.
        with TiffImagePlugin.TiffImageFile(fh) as image:  # the file proven regular
            tags = getattr(image, "tag_v2", None)
            if tags is None:
                return
            blocks.complete = True
            xmp = tags.get(700)
            if isinstance(xmp, str):
                xmp = xmp.encode("utf-8")
            if isinstance(xmp, bytes) and xmp:
                blocks.xmp.append(xmp)
            raw = getattr(tags, "_tagdata", {})
            iptc = raw.get(33723)
            if isinstance(iptc, bytes) and iptc:
                blocks.iptc.append(iptc)
            photoshop = raw.get(34377)
            if isinstance(photoshop, bytes):
                _photoshop_resources(photoshop, blocks)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        # The importer opens the image itself and reports a damaged one; metadata
        # reading then falls back to scanning the bytes for XMP.
        return
