"""Large but legal photo files, written in a few hundred kilobytes without holding their pixels.

Each writer streams rows into zlib (or repeats one compressed strip), so a 169-megapixel
image costs the test a few megabytes of memory, not the gigabyte a decoder would need.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def write_palette_png(
    folder: Path,
    side: int = 13_000,
    *,
    transparent: bool = True,
    name: str = "palette.png",
    colour: tuple[int, int, int] = (200, 30, 30),
) -> Path:
    """A ``side`` x ``side`` 8-bit palette PNG of ``colour`` (half-transparent if asked)."""
    header = struct.pack(">IIBBBBB", side, side, 8, 3, 0, 0, 0)
    chunks = [_png_chunk(b"IHDR", header), _png_chunk(b"PLTE", bytes(colour) * 256)]
    if transparent:
        chunks.append(_png_chunk(b"tRNS", bytes((128,)) * 256))
    return _write_png(folder / name, chunks, b"\x00" + bytes(side), side)


def write_rgb16_png(folder: Path, side: int = 12_000, name: str = "rgb16.png") -> Path:
    """A ``side`` x ``side`` 16-bit RGB PNG of one colour (40000, 20000, 5000 of 65535)."""
    header = struct.pack(">IIBBBBB", side, side, 16, 2, 0, 0, 0)
    row = b"\x00" + struct.pack(">HHH", 40_000, 20_000, 5_000) * side
    return _write_png(folder / name, [_png_chunk(b"IHDR", header)], row, side)


def _write_png(path: Path, chunks: list[bytes], row: bytes, rows: int) -> Path:
    compressor = zlib.compressobj(1)
    with path.open("wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n" + b"".join(chunks))
        data = b"".join(compressor.compress(row) for _ in range(rows)) + compressor.flush()
        out.write(_png_chunk(b"IDAT", data) + _png_chunk(b"IEND", b""))
    return path


def write_strip_tiff(
    folder: Path, side: int = 13_000, rows_per_strip: int = 16, name: str = "strips.tif"
) -> Path:
    """A ``side`` x ``side`` 8-bit RGB TIFF, Deflate strips; every strip points at one copy."""
    rows_per_strip = min(rows_per_strip, side)
    strips = -(-side // rows_per_strip)
    strip = zlib.compress(bytes((30, 90, 200)) * side * rows_per_strip, 9)
    entries = [
        (256, 4, 1, side),  # ImageWidth
        (257, 4, 1, side),  # ImageLength
        (258, 3, 3, None),  # BitsPerSample 8,8,8 (at an offset)
        (259, 3, 1, 8),  # Deflate
        (262, 3, 1, 2),  # RGB
        (273, 4, strips, None),  # StripOffsets
        (277, 3, 1, 3),  # SamplesPerPixel
        (278, 4, 1, rows_per_strip),
        (279, 4, strips, None),  # StripByteCounts
    ]
    ifd_size = 2 + 12 * len(entries) + 4
    bits_at = 8 + ifd_size
    offsets_at = bits_at + 6
    counts_at = offsets_at + 4 * strips
    data_at = counts_at + 4 * strips
    external = {258: bits_at, 273: offsets_at, 279: counts_at}
    ifd = struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        if value is None and count == 1:
            value = data_at if tag == 273 else len(strip)
        if value is None:
            ifd += struct.pack("<HHII", tag, kind, count, external[tag])
        elif kind == 3:
            ifd += struct.pack("<HHIHH", tag, kind, count, value, 0)
        else:
            ifd += struct.pack("<HHII", tag, kind, count, value)
    ifd += struct.pack("<I", 0)
    path = folder / name
    with path.open("wb") as out:
        out.write(b"II*\x00" + struct.pack("<I", 8) + ifd + struct.pack("<HHH", 8, 8, 8))
        out.write(struct.pack(f"<{strips}I", *([data_at] * strips)))
        out.write(struct.pack(f"<{strips}I", *([len(strip)] * strips)))
        out.write(strip)
    return path


def write_compressed_text_png(
    folder: Path, text_bytes: int = 3_000_000, name: str = "press.png"
) -> Path:
    """A small red PNG whose compressed iTXt XMP (a headline, long history) inflates past 1 MB."""
    from PIL import Image

    history = "".join(f"<rdf:li>edited {i:08d}</rdf:li>" for i in range(text_bytes // 40))
    xmp = (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"'
        ' xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">'
        "<photoshop:Headline>Flood in Hue</photoshop:Headline>"
        f"<xmpMM:History><rdf:Seq>{history}</rdf:Seq></xmpMM:History>"
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode()
    path = folder / name
    Image.new("RGB", (300, 200), (200, 10, 10)).save(path, "PNG")
    data = path.read_bytes()
    body = b"XML:com.adobe.xmp\x00\x01\x00\x00\x00" + zlib.compress(xmp, 9)
    cut = data.index(b"IDAT") - 4
    path.write_bytes(data[:cut] + _png_chunk(b"iTXt", body) + data[cut:])
    return path


def write_progressive_jpeg(
    folder: Path, size: tuple[int, int] = (9504, 6336), name: str = "progressive.jpg"
) -> Path:
    """A progressive 4:4:4 JPEG, by default 61 MP as a Sony A7R IV writes (345 MiB of DCT
    coefficients, which libjpeg holds whole whatever size it decodes to)."""
    from PIL import Image

    gradient = Image.linear_gradient("L").resize(size)
    path = folder / name
    Image.merge("RGB", (gradient, gradient.transpose(Image.Transpose.ROTATE_180), gradient)).save(
        path, "JPEG", quality=85, progressive=True, subsampling=0
    )
    return path
