"""Which photo files Curator decodes, and decoding them at the size needed in bounded memory.

Only JPEG, TIFF and PNG are accepted, recognised by their first bytes whatever the extension
says. Everything else, and every damaged or hostile file, ends as an :class:`ImagingError`
carrying a :class:`~curator.core.checks.problems.Problem`; no other exception escapes for bad
file content.

Limits, judged from the header before any pixel is decoded (:func:`admit`):

- at most :data:`MAX_PIXELS` (175 megapixels: the largest camera sensors, 151 MP, and 6 x 7
  film scanned at 4000 dpi). A baseline JPEG with a single scan is the exception: libjpeg
  shrinks it by 1/8 while decoding, row by row, so only the reduced size counts;
- whatever a decoder must hold *whole*, whatever size it produces, fits its budget: the
  coefficients of a progressive or multi-scan JPEG (libjpeg keeps every DCT coefficient of
  the full image; a 61-megapixel 4:4:4 progressive JPEG needs 345 MiB) within
  :data:`COEFFICIENT_BUDGET`; every pixel of an interlaced PNG (Adam7 passes cover the whole
  image) and one strip or tile of a TIFF, which libvips holds beside its own ~100 MB, within
  :data:`STREAMED_HOLD_BUDGET`.

Decoding (:func:`load_reduced`) produces at least the size asked for and keeps the peak
proportional to it. Pillow decodes a file whole (a 13000 x 13000 palette PNG took 1.5 GB),
so it is used only when its decode fits the budget (:data:`PILLOW_BYTES_PER_PIXEL`,
measured); JPEG goes through Pillow's ``draft()`` first, so that counts the reduced size.
Anything larger is streamed through libvips (pyvips): its loaders read rows sequentially
and ``resize`` shrinks them as they come, so a 169-megapixel PNG makes a thumbnail in about
120 MB. Only libvips' JPEG, PNG and TIFF loaders are ever called, by name.

Pillow's globals (``Image.MAX_IMAGE_PIXELS``, ``ImageFile.LOAD_TRUNCATED_IMAGES``) are
never changed here: files are opened through the three format plugins directly, skipping
``Image.open``'s own size check so that ours applies.
"""

from __future__ import annotations

import io
import logging
import struct
from collections.abc import Callable
from pathlib import Path
from typing import IO, NoReturn

from PIL import Image, ImageFile, JpegImagePlugin, TiffImagePlugin

from curator.core.checks.problems import Problem
from curator.decode.files import SpecialFileError, open_regular
from curator.decode.pngtext import open_png
from curator.decode.structure import header_cut_short, jpeg_streams, tiff_data_cut_short

_log = logging.getLogger(__name__)

#: Largest image, in pixels, that Curator accepts (see the module docstring).
MAX_PIXELS = 175_000_000

#: Bytes Pillow may take to decode and convert one whole photo. An import worker is ~35 MB
#: before it decodes (Python, Pillow, the metadata readers), and peaked at 378 MiB with this
#: at 350 MiB (a 6380 x 6380 palette PNG with transparency): 320 keeps a margin under 400.
DECODE_BUDGET = 320 * 1024 * 1024

#: Bytes libjpeg may hold as DCT coefficients (progressive JPEG), decoding only a small
#: image besides: a 61-megapixel 4:4:4 progressive JPEG (345 MiB) thumbnails at 375 MiB.
COEFFICIENT_BUDGET = 350 * 1024 * 1024

#: Bytes libvips may hold whole for one photo (an interlaced PNG, a TIFF strip): a worker
#: that has loaded libvips is ~100 MB before it decodes.
STREAMED_HOLD_BUDGET = 240 * 1024 * 1024

#: Peak bytes per decoded pixel of Pillow's whole-image decode and conversion, measured: a
#: palette PNG with transparency (1 byte per pixel decoded, then RGBA, then flattened) peaked
#: at 8.75 bytes per pixel; RGB and CMYK (4 bytes per pixel in Pillow) stay under it.
PILLOW_BYTES_PER_PIXEL = 9

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"II+\x00", "TIFF"),  # BigTIFF
    (b"MM\x00+", "TIFF"),
)

_PLUGINS: dict[str, Callable[..., ImageFile.ImageFile]] = {
    "JPEG": JpegImagePlugin.JpegImageFile,
    "PNG": open_png,
    "TIFF": TiffImagePlugin.TiffImageFile,
}

#: Pillow's exceptions for malformed data are a mixed bag; these all mean "bad file".
DATA_ERRORS = (OSError, SyntaxError, ValueError, LookupError, TypeError, EOFError, struct.error)


class ImagingError(Exception):
    """A photo file that cannot be probed or decoded, and why."""

    def __init__(self, problem: Problem) -> None:
        # The problem is the only argument, so the error pickles across process pools.
        super().__init__(problem)
        self.problem = problem

    def __str__(self) -> str:
        return ": ".join(filter(None, (self.problem.code, self.problem.detail)))


def refuse(code: str, detail: str = "") -> NoReturn:
    """Raise :class:`ImagingError` with this problem."""
    raise ImagingError(Problem(code, detail))


def sniff(source: Path | bytes) -> str:
    """The format named by the file's first bytes; refuse anything but JPEG/TIFF/PNG."""
    if isinstance(source, bytes):
        head = source[:16]
    else:
        with _opened(source) as stream:
            head = stream.read(16)
    if not head:
        refuse("empty-file")
    for magic, image_format in _MAGIC:
        if head.startswith(magic):
            return image_format
    _refuse_foreign(source)


def _refuse_foreign(source: Path | bytes) -> NoReturn:
    """Name the format of a file we will not decode, if Pillow knows it."""
    try:
        with Image.open(io.BytesIO(source) if isinstance(source, bytes) else source) as foreign:
            name = foreign.format or "unknown"
    except Exception as exc:  # UnidentifiedImageError, or any failure to parse a header
        _log.debug("Not an image: %r", exc)  # that we would refuse anyway
        refuse("not-an-image")
    refuse("unsupported-format", name)


def open_header(source: Path | bytes, image_format: str) -> ImageFile.ImageFile:
    """Parse the header with the plugin for ``image_format``; no pixels are decoded."""
    target: IO[bytes] = io.BytesIO(source) if isinstance(source, bytes) else _opened(source)
    try:
        image = _PLUGINS[image_format](target)
    except PermissionError as exc:
        target.close()
        refuse("unreadable-file", exc.strerror or "permission denied")
    except DATA_ERRORS as exc:
        target.close()
        code, detail = classify(exc)
        if code == "corrupt-image" and header_cut_short(source, image_format):
            code = "truncated-file"
        refuse(code, detail)
    # The file was opened here (never blocking, proven regular): the image owns it now.
    image._exclusive_fp = True
    return image


def _opened(path: Path) -> IO[bytes]:
    """The file opened without blocking and proven regular, or the problem why not."""
    try:
        return open_regular(path)
    except SpecialFileError as exc:
        refuse("special-file", exc.kind)
    except OSError as exc:
        refuse("unreadable-file", exc.strerror or type(exc).__name__)


def classify(exc: BaseException) -> tuple[str, str]:
    """Map a Pillow/decoder exception to a problem code and an untranslated detail."""
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, Image.DecompressionBombError):
        return "image-too-large", detail
    if isinstance(exc, MemoryError):
        return "image-too-large", "out of memory while decoding"
    lowered = detail.lower()
    if "truncated" in lowered or "premature end" in lowered:
        return "truncated-file", detail
    # Header parsers fail with EOFError or struct.error when the data runs out; Pillow
    # re-raises those as SyntaxError, keeping the original as the cause.
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, EOFError | struct.error):
            return "truncated-file", detail
        cause = cause.__cause__
    return "corrupt-image", detail


def admit(source: Path | bytes, image: ImageFile.ImageFile, image_format: str) -> None:
    """Refuse, from the header alone, an image no bounded decode can handle."""
    width, height = image.size
    if width < 1 or height < 1:
        refuse("corrupt-image", f"{width} x {height} pixels")
    streams = image_format != "JPEG" or _jpeg_streams(source)
    # libjpeg's draft mode goes down to 1/8 while decoding, so only that size counts.
    eighth_fits = image_format == "JPEG" and streams and _eighth(width, height) <= MAX_PIXELS
    if width * height > MAX_PIXELS and not eighth_fits:
        megapixels = width * height / 1_000_000
        refuse(
            "image-too-large",
            f"{width} x {height} pixels ({megapixels:,.0f} MP; limit {MAX_PIXELS / 1e6:,.0f} MP)",
        )
    held = whole_buffer_bytes(source, image, image_format)
    streamed = image_format != "JPEG" and not pillow_decodes(width, height)
    budget = (
        COEFFICIENT_BUDGET
        if image_format == "JPEG"
        else STREAMED_HOLD_BUDGET
        if streamed
        else DECODE_BUDGET
    )
    if held > budget:
        refuse(
            "image-too-large",
            f"{width} x {height} pixels: decoding it needs {held / 2**20:,.0f} MB at once "
            f"(limit {budget / 2**20:,.0f} MB)",
        )


def pillow_decodes(width: int, height: int) -> bool:
    """Whether Pillow's whole decode of this many pixels fits :data:`DECODE_BUDGET`."""
    return width * height * PILLOW_BYTES_PER_PIXEL <= DECODE_BUDGET


def _eighth(width: int, height: int) -> int:
    return _ceil_div(width, 8) * _ceil_div(height, 8)


def _ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


def _jpeg_streams(source: Path | bytes) -> bool:
    """A sequential Huffman frame whose first scan holds every component streams in libjpeg."""
    return jpeg_streams(source)


def whole_buffer_bytes(source: Path | bytes, image: ImageFile.ImageFile, image_format: str) -> int:
    """What a decoder must hold at once whatever size it produces (see the module docstring)."""
    width, height = image.size
    if image_format == "JPEG":
        if _jpeg_streams(source):
            return 0
        return _jpeg_coefficient_bytes(image)
    if image_format == "PNG":
        if not image.info.get("interlace"):
            return 0
        return width * height * _bytes_per_pixel(image)
    rows = _tiff_tag(image, 278, height)  # RowsPerStrip
    if _tiff_tag(image, 322, 0):  # TileWidth: a tiled TIFF holds one row of tiles
        rows = _tiff_tag(image, 323, height)
    return width * min(max(rows, 1), height) * _bytes_per_pixel(image)


def _jpeg_coefficient_bytes(image: ImageFile.ImageFile) -> int:
    """Two bytes for each of the 64 coefficients of every block of every component."""
    layers = getattr(image, "layer", None) or [("", 1, 1, 0)] * len(image.getbands())
    h_max = max(max(layer[1] for layer in layers), 1)
    v_max = max(max(layer[2] for layer in layers), 1)
    total = 0
    for _id, h, v, _table in layers:
        columns = _ceil_div(_ceil_div(image.width * h, h_max), 8)
        rows = _ceil_div(_ceil_div(image.height * v, v_max), 8)
        total += columns * rows * 64 * 2
    return total


def _bytes_per_pixel(image: ImageFile.ImageFile) -> int:
    """Bytes per pixel libvips holds for this image (palettes expand to RGB or RGBA)."""
    bands = 4 if image.mode in ("P", "PA") else len(image.getbands())
    rawmode = str(image.tile[0][3]) if image.tile else ""
    bits = _tiff_tag(image, 258, 8) if hasattr(image, "tag_v2") else 8
    wide = ";16" in rawmode or ";32" in rawmode or bits > 8
    return bands * (4 if bits > 16 else 2 if wide else 1)


def _tiff_tag(image: ImageFile.ImageFile, tag: int, default: int) -> int:
    value = getattr(image, "tag_v2", {}).get(tag, default)
    if isinstance(value, tuple):
        value = max(value, default=default)
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def load_reduced(
    source: Path | bytes,
    image: ImageFile.ImageFile,
    image_format: str,
    box: tuple[int, int],
    *,
    salvage: bool = False,
) -> Image.Image:
    """Decoded pixels at least ``box`` in size (unless smaller) in memory bounded by it.

    ``image`` is the header :func:`open_header` returned and :func:`admit` accepted. The
    result is ``image`` itself, loaded, when Pillow's whole decode fits the budget;
    otherwise a new image streamed through libvips, shrunk to cover ``box``, carrying
    ``image``'s info (ICC profile, EXIF, dpi). Either way its pixels are as stored (not
    turned by the EXIF orientation).

    Args:
        source: The file, or its bytes.
        image: Its header.
        image_format: ``"JPEG"``, ``"PNG"`` or ``"TIFF"``.
        box: Width and height the caller will reduce the result to fit or fill.
        salvage: Decode what there is of a truncated file instead of refusing it.

    Raises:
        ImagingError: The data is damaged, truncated or too large.
    """
    stored = image.size
    if image_format == "JPEG":
        image.draft(image.mode if image.mode in ("L", "RGB", "CMYK") else "RGB", box)
    if not pillow_decodes(image.width, image.height):
        from curator.decode.streaming import shrink_with_vips  # libvips only when needed

        return shrink_with_vips(source, image, image_format, stored, box, salvage=salvage)
    try:
        image.load()
    except (*DATA_ERRORS, Image.DecompressionBombError, MemoryError) as exc:
        code, detail = classify(exc)
        if (
            code == "corrupt-image"
            and image_format == "TIFF"
            and tiff_data_cut_short(image, source)
        ):
            code = "truncated-file"  # libtiff reports missing strips as a plain decode error
        refuse(code, detail)
    return image
