"""Test images written on demand: good, odd, broken and hostile files for the ingest tests.

Every helper takes a folder, writes one file there and returns its path. Most images are
made with Pillow; the few that Pillow cannot or will not write (a 30,000 x 30,000 JPEG or
PNG, a 16-bit RGB TIFF) are assembled byte by byte from the format specifications, which
keeps them tiny on disk and cheap to create.

This is a helper module, not a test module: the benchmarks import it too.
"""

from __future__ import annotations

import math
import struct
import zlib
from array import array
from pathlib import Path

from PIL import Image

#: Quadrant colours of the orientation test image, as stored (before rotation).
TOP_LEFT = (255, 0, 0)
TOP_RIGHT = (0, 255, 0)
BOTTOM_LEFT = (0, 0, 255)
BOTTOM_RIGHT = (255, 255, 0)

VIETNAMESE_NAME = "Ảnh hội đàm 01.JPG"


def _exif_with_orientation(orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation
    return exif


def quadrant_image(width: int = 400, height: int = 200) -> Image.Image:
    """An RGB image whose four quadrants have the four distinct ``TOP_LEFT``… colours."""
    image = Image.new("RGB", (width, height), TOP_LEFT)
    half_w, half_h = width // 2, height // 2
    image.paste(TOP_RIGHT, (half_w, 0, width, half_h))
    image.paste(BOTTOM_LEFT, (0, half_h, half_w, height))
    image.paste(BOTTOM_RIGHT, (half_w, half_h, width, height))
    return image


def write_oriented_jpeg(
    folder: Path,
    orientation: int = 6,
    name: str = "oriented.jpg",
    size: tuple[int, int] = (400, 200),
) -> Path:
    """A landscape 2:1 JPEG of coloured quadrants tagged with an EXIF orientation."""
    path = folder / name
    quadrant_image(*size).save(
        path, "JPEG", quality=95, subsampling=0, exif=_exif_with_orientation(orientation)
    )
    return path


def write_plain_jpeg(
    folder: Path, name: str = "plain.jpg", size: tuple[int, int] = (800, 600), **options: object
) -> Path:
    """A quadrant JPEG without EXIF; ``options`` go to Pillow's JPEG writer."""
    path = folder / name
    quadrant_image(*size).save(path, "JPEG", quality=90, **options)
    return path


def write_16bit_gradient_tiff(folder: Path, name: str = "gradient16.tif") -> Path:
    """A 512 x 64 16-bit greyscale TIFF whose columns ramp from 0 to 65535."""
    width, height = 512, 64
    row = array("H", (round(x * 65535 / (width - 1)) for x in range(width)))
    data = row.tobytes() * height  # native order is little-endian on every CI host we run
    image = Image.frombytes("I;16", (width, height), data)
    path = folder / name
    image.save(path, "TIFF")
    return path


def write_16bit_rgb_tiff(folder: Path, name: str = "rgb16.tif") -> Path:
    """A 256 x 32 uncompressed 16-bit-per-sample RGB TIFF ramping from black to white.

    Pillow cannot write 16-bit RGB, so the file is assembled from the TIFF 6.0 layout:
    header, pixel strip, then one IFD.
    """
    width, height = 256, 32
    row = array("H")
    for x in range(width):
        level = round(x * 65535 / (width - 1))
        row.extend((level, level, level))
    pixels = row.tobytes() * height
    bits_offset = 8 + len(pixels)
    ifd_offset = bits_offset + 6
    entries = [  # (tag, type, count, value); type 3 = SHORT, 4 = LONG
        (256, 4, 1, width),
        (257, 4, 1, height),
        (258, 3, 3, bits_offset),
        (259, 3, 1, 1),
        (262, 3, 1, 2),
        (273, 4, 1, 8),
        (277, 3, 1, 3),
        (278, 4, 1, height),
        (279, 4, 1, len(pixels)),
        (284, 3, 1, 1),
    ]
    ifd = struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        # A single SHORT sits left-justified in the 4-byte value field.
        packed = (
            struct.pack("<HH", value, 0) if kind == 3 and count == 1 else struct.pack("<I", value)
        )
        ifd += struct.pack("<HHI", tag, kind, count) + packed
    ifd += struct.pack("<I", 0)
    path = folder / name
    path.write_bytes(
        b"II*\x00" + struct.pack("<I", ifd_offset) + pixels + struct.pack("<3H", 16, 16, 16) + ifd
    )
    return path


def write_cmyk_tiff(
    folder: Path, cmyk: tuple[int, int, int, int] = (255, 0, 0, 0), name: str = "cmyk.tif"
) -> Path:
    """A 300 x 200 CMYK TIFF of one ink colour (pure cyan by default)."""
    path = folder / name
    Image.new("CMYK", (300, 200), cmyk).save(path, "TIFF")
    return path


def write_cmyk_jpeg(
    folder: Path, cmyk: tuple[int, int, int, int] = (255, 0, 0, 0), name: str = "cmyk.jpg"
) -> Path:
    """A 300 x 200 CMYK JPEG; Pillow writes it Adobe-style, with inverted ink values."""
    path = folder / name
    Image.new("CMYK", (300, 200), cmyk).save(path, "JPEG", quality=95)
    return path


def write_multipage_tiff(folder: Path, name: str = "pages.tif") -> Path:
    """A three-page TIFF: a red 300 x 200 page, then a blue and a green 100 x 100 page."""
    first = Image.new("RGB", (300, 200), (255, 0, 0))
    rest = [Image.new("RGB", (100, 100), colour) for colour in ((0, 0, 255), (0, 255, 0))]
    path = folder / name
    first.save(path, "TIFF", save_all=True, append_images=rest)
    return path


def write_alpha_png(folder: Path, name: str = "alpha.png") -> Path:
    """A 200 x 100 RGBA PNG: fully transparent left half, opaque red right half."""
    image = Image.new("RGBA", (200, 100), (0, 0, 0, 0))
    image.paste((255, 0, 0, 255), (100, 0, 200, 100))
    path = folder / name
    image.save(path, "PNG")
    return path


def write_empty_file(folder: Path, name: str = "empty.jpg") -> Path:
    """A zero-byte file with an image extension."""
    path = folder / name
    path.write_bytes(b"")
    return path


def write_text_file(folder: Path, name: str = "notes.JPG") -> Path:
    """A plain-text file wearing an image extension."""
    path = folder / name
    path.write_text("Caption draft, not a photo.\n", encoding="utf-8")
    return path


def write_foreign_image(folder: Path, format_name: str = "GIF", name: str = "fake.jpg") -> Path:
    """A real image in a format Curator refuses (GIF, BMP, WebP…) named like a JPEG."""
    path = folder / name
    quadrant_image(40, 20).save(path, format_name)
    return path


def write_truncated(source: Path, name: str | None = None, keep: float = 0.5) -> Path:
    """A copy of ``source`` cut to ``keep`` of its length, next to it."""
    data = source.read_bytes()
    path = source.with_name(name or f"truncated-{source.name}")
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def textured_image(width: int, height: int) -> Image.Image:
    """A photo-like RGB image: smooth gradients plus grain, so JPEG has work to do."""
    grain = Image.effect_noise((width, height), 24)
    blotches = Image.effect_noise((max(1, width // 64), max(1, height // 64)), 60)
    blotches = blotches.resize((width, height), Image.Resampling.BILINEAR)
    ramp = Image.linear_gradient("L").resize((width, height), Image.Resampling.BILINEAR)
    return Image.merge("RGB", (ramp, blotches, grain))


def write_textured_jpeg(
    folder: Path, size: tuple[int, int] = (6000, 4000), name: str = "textured-24mp.jpg"
) -> Path:
    """A 24-megapixel (by default) textured baseline JPEG, written in about a second."""
    path = folder / name
    textured_image(*size).save(path, "JPEG", quality=88)
    return path


def write_vietnamese_named_jpeg(folder: Path) -> Path:
    """A small JPEG whose name has spaces and Vietnamese letters: ``Ảnh hội đàm 01.JPG``."""
    return write_plain_jpeg(folder, name=VIETNAMESE_NAME, size=(320, 240))


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def write_png_bomb(folder: Path, side: int = 30_000, name: str = "bomb.png") -> Path:
    """A PNG whose header claims ``side`` x ``side`` greyscale pixels, in a few hundred bytes.

    Only the first row is in the IDAT: a decoder that trusts the header would allocate the
    whole image before noticing. Curator must refuse it from the header alone.
    """
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)  # 8-bit grey, no interlace
    first_row = zlib.compress(b"\x00" * (side + 1), 9)
    path = folder / name
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", first_row)
        + _png_chunk(b"IEND", b"")
    )
    return path


def _jpeg_segment(marker: int, body: bytes) -> bytes:
    return struct.pack(">HH", marker, len(body) + 2) + body


def write_jpeg_bomb(folder: Path, side: int = 30_000, name: str = "huge.jpg") -> Path:
    """A valid baseline ``side`` x ``side`` mid-grey JPEG (4:2:0), about 5 MB for 30,000.

    Written by hand: Huffman tables with a single one-bit code each make every 8 x 8 block
    two zero bits (DC difference 0, end of block), so the scan is just zero bytes.
    """
    quant = _jpeg_segment(0xFFDB, b"\x00" + b"\x01" * 64)
    frame = _jpeg_segment(
        0xFFC0,
        struct.pack(">BHHB", 8, side, side, 3) + bytes((1, 0x22, 0, 2, 0x11, 0, 3, 0x11, 0)),
    )
    one_code = bytes((1,) + (0,) * 15) + b"\x00"  # one code of length 1 for symbol 0
    tables = _jpeg_segment(0xFFC4, b"\x00" + one_code + b"\x10" + one_code)
    scan = _jpeg_segment(0xFFDA, bytes((3, 1, 0, 2, 0, 3, 0, 0, 63, 0)))
    mcus = math.ceil(side / 16) ** 2
    bits = mcus * 6 * 2  # six blocks per MCU, two bits per block
    data = bytes(bits // 8) + (b"\x0f" if bits % 8 else b"")  # pad with one-bits
    path = folder / name
    path.write_bytes(b"\xff\xd8" + quant + frame + tables + scan + data + b"\xff\xd9")
    return path
