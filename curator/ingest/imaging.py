"""Image probing and thumbnails: what a photo file is, and a small JPEG of how it looks.

Owns the decision of which files Curator decodes at all. Only JPEG, TIFF and PNG are
accepted, recognised by their first bytes whatever the extension says. Everything else,
and every damaged or hostile file, ends as an :class:`ImagingError` carrying a
:class:`~curator.core.problems.Problem`; no other exception escapes for bad file content.

Memory limit. A file is refused with ``image-too-large`` when decoding it would need more
than :data:`MAX_PIXELS` pixels (175 megapixels, about 700 MB at Pillow's 4 bytes per RGB
pixel), judged from the header before any pixel is decoded. The limit admits the largest
camera sensors (151 MP) and 6 x 7 film scanned at 4000 dpi, and sits just under Pillow's
own hard limit (about 179 MP), so Curator's check always speaks first. JPEG is the
exception: a baseline JPEG with a single scan is decoded through Pillow's ``draft()``
at 1/2, 1/4 or 1/8 scale inside libjpeg, streaming row by row, so only the *reduced*
size counts and a 30,000 x 30,000 JPEG thumbnails in a few tens of megabytes. Progressive
and multi-scan JPEGs make libjpeg buffer every DCT coefficient of the full image
(3-6 bytes per pixel) whatever the output scale, so they get the plain limit.

Pillow's globals (``Image.MAX_IMAGE_PIXELS``, ``ImageFile.LOAD_TRUNCATED_IMAGES``) are
never changed: files are opened through the three format plugins directly, skipping
``Image.open``'s own size check so that ours applies. Every function is pure, with
picklable arguments and results, so it runs unchanged in a ``ProcessPoolExecutor``.
"""

from __future__ import annotations

import contextlib
import io
import logging
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import NoReturn

from PIL import (
    Image,
    ImageCms,
    ImageFile,
    ImageOps,
    JpegImagePlugin,
    PngImagePlugin,
    TiffImagePlugin,
)

from curator.core.problems import Problem
from curator.ingest.file_structure import header_cut_short, jpeg_layout, tiff_data_cut_short

_log = logging.getLogger(__name__)

#: Largest image, in pixels, that Curator decodes in full (see the module docstring).
MAX_PIXELS = 175_000_000

#: Long edge of a library thumbnail and of a preview, in pixels.
THUMBNAIL_SIZE = 256
PREVIEW_SIZE = 1600

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"II+\x00", "TIFF"),  # BigTIFF
    (b"MM\x00+", "TIFF"),
)

_PLUGINS: dict[str, Callable[[str], ImageFile.ImageFile]] = {
    "JPEG": JpegImagePlugin.JpegImageFile,
    "PNG": PngImagePlugin.PngImageFile,
    "TIFF": TiffImagePlugin.TiffImageFile,
}

#: Pillow's exceptions for malformed data are a mixed bag; these all mean "bad file".
_DATA_ERRORS = (OSError, SyntaxError, ValueError, LookupError, TypeError, EOFError, struct.error)


class ImagingError(Exception):
    """A photo file that cannot be probed or thumbnailed, and why."""

    def __init__(self, problem: Problem) -> None:
        # The problem is the only argument, so the error pickles across process pools.
        super().__init__(problem)
        self.problem = problem

    def __str__(self) -> str:
        return ": ".join(filter(None, (self.problem.code, self.problem.detail)))


@dataclass(frozen=True, slots=True)
class ImageFacts:
    """What the header of an image file says, as stored (before orientation).

    Attributes:
        format: ``"JPEG"``, ``"TIFF"`` or ``"PNG"``.
        width: Stored width in pixels.
        height: Stored height in pixels.
        mode: Pillow's pixel mode of the (first) image, e.g. ``"RGB"``, ``"CMYK"``, ``"I;16"``.
        frames: Number of pages (TIFF) or frames (APNG); 1 otherwise.
        orientation: EXIF orientation 1-8; 1 when absent or invalid.
        has_icc_profile: Whether an ICC colour profile is embedded.
    """

    format: str
    width: int
    height: int
    mode: str
    frames: int
    orientation: int
    has_icc_profile: bool

    @property
    def oriented_size(self) -> tuple[int, int]:
        """Width and height as displayed, after the EXIF orientation is applied."""
        return _oriented(self.width, self.height, self.orientation)


@dataclass(frozen=True, slots=True)
class Thumbnail:
    """A small sRGB JPEG of a photo, upright as displayed.

    Attributes:
        jpeg: The encoded JPEG.
        width: Width of the thumbnail in pixels.
        height: Height of the thumbnail in pixels.
        full_width: Width of the original image as displayed (oriented).
        full_height: Height of the original image as displayed (oriented).
        salvaged: The file is truncated and this was made from the part that is there.
    """

    jpeg: bytes
    width: int
    height: int
    full_width: int
    full_height: int
    salvaged: bool = False


def probe(path: Path) -> ImageFacts:
    """Read an image's header and decide whether Curator will decode it.

    No pixel data is decoded, so this is cheap even for very large files.

    Args:
        path: The image file.

    Returns:
        The facts in the header.

    Raises:
        ImagingError: The file is unreadable, empty, not a JPEG/TIFF/PNG, damaged in its
            header, or too large to decode safely.
    """
    image_format = _sniff(path)
    with _open(path, image_format) as image:
        _admit(path, image, image_format)
        return ImageFacts(
            format=image_format,
            width=image.width,
            height=image.height,
            mode=image.mode,
            frames=_count_frames(image),
            orientation=_orientation(image, header_only=True),
            has_icc_profile=bool(image.info.get("icc_profile")),
        )


def make_thumbnail(
    path: Path, max_size: int = THUMBNAIL_SIZE, quality: int = 80, *, salvage: bool = False
) -> Thumbnail:
    """Make a library thumbnail: upright, sRGB, at most ``max_size`` on its long edge.

    Args:
        path: The image file.
        max_size: Longest edge of the thumbnail, in pixels.
        quality: JPEG quality of the result (1-95).
        salvage: When the file is truncated, decode what is there (the missing part stays
            grey) and say so in :attr:`Thumbnail.salvaged` instead of refusing it.

    Returns:
        The thumbnail and the displayed size of the original.

    Raises:
        ImagingError: The file cannot be decoded (see :func:`probe`), is truncated
            (``truncated-file``) or its image data is damaged (``corrupt-image``).
    """
    try:
        return _render(path, max_size, quality)
    except ImagingError as error:
        if not salvage or error.problem.code != "truncated-file":
            raise
        with _truncated_images_allowed():
            try:
                salvaged = _render(path, max_size, quality)
            except ImagingError:
                raise error from None
        return replace(salvaged, salvaged=True)


@contextlib.contextmanager
def _truncated_images_allowed() -> Iterator[None]:
    """Let Pillow decode a cut file for the duration (a worker decodes one file at a time)."""
    previous = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = True
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = previous


def make_preview(path: Path, max_size: int = PREVIEW_SIZE, quality: int = 85) -> Thumbnail:
    """Make a larger preview; the same pipeline as :func:`make_thumbnail`.

    Args:
        path: The image file.
        max_size: Longest edge of the preview, in pixels.
        quality: JPEG quality of the result (1-95).

    Returns:
        The preview and the displayed size of the original.

    Raises:
        ImagingError: As for :func:`make_thumbnail`.
    """
    return _render(path, max_size, quality)


def _render(path: Path, max_size: int, quality: int) -> Thumbnail:
    if max_size < 1:
        raise ValueError(f"max_size must be positive, not {max_size}")
    image_format = _sniff(path)
    with _open(path, image_format) as image:
        _admit(path, image, image_format)
        stored = image.size
        _decode(path, image, image_format, max_size)
        orientation = _orientation(image, header_only=False)
        small = _shrink(image, max_size)
    small = _upright(small, orientation)
    small = _to_srgb(small)
    buffer = io.BytesIO()
    small.save(buffer, "JPEG", quality=quality)
    full_width, full_height = _oriented(*stored, orientation)
    return Thumbnail(buffer.getvalue(), small.width, small.height, full_width, full_height)


def _refuse(code: str, detail: str = "") -> NoReturn:
    raise ImagingError(Problem(code, detail))


def _sniff(path: Path) -> str:
    """The format named by the file's first bytes; refuse anything but JPEG/TIFF/PNG."""
    try:
        with path.open("rb") as stream:
            head = stream.read(16)
    except OSError as exc:
        _refuse("unreadable-file", exc.strerror or type(exc).__name__)
    if not head:
        _refuse("empty-file")
    for magic, image_format in _MAGIC:
        if head.startswith(magic):
            return image_format
    _refuse_foreign(path)


def _refuse_foreign(path: Path) -> NoReturn:
    """Name the format of a file we will not decode, if Pillow knows it."""
    try:
        with Image.open(path) as foreign:
            name = foreign.format or "unknown"
    except Exception as exc:  # UnidentifiedImageError, or any failure to parse a header
        _log.debug("Not an image %s: %r", path, exc)  # that we would refuse anyway
        _refuse("not-an-image")
    _refuse("unsupported-format", name)


def _open(path: Path, image_format: str) -> ImageFile.ImageFile:
    """Parse the header with the plugin for ``image_format``; no pixels are decoded."""
    try:
        return _PLUGINS[image_format](str(path))
    except PermissionError as exc:
        _refuse("unreadable-file", exc.strerror or "permission denied")
    except _DATA_ERRORS as exc:
        code, detail = _classify(exc)
        if code == "corrupt-image" and header_cut_short(path, image_format):
            code = "truncated-file"
        _refuse(code, detail)


def _classify(exc: BaseException) -> tuple[str, str]:
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


def _admit(path: Path, image: ImageFile.ImageFile, image_format: str) -> None:
    """Refuse, from the header alone, an image whose decode would exceed the limit."""
    width, height = image.size
    if width < 1 or height < 1:
        _refuse("corrupt-image", f"{width} x {height} pixels")
    if width * height <= MAX_PIXELS:
        return
    if image_format == "JPEG":
        # Only a sequential Huffman frame (SOF0/SOF1) with a single scan streams in libjpeg.
        layout = jpeg_layout(path)
        streams = layout is not None and layout.sequential and layout.scans == 1
        if streams and -(-width // 8) * -(-height // 8) <= MAX_PIXELS:  # draft() goes to 1/8
            return
    megapixels = width * height / 1_000_000
    _refuse(
        "image-too-large",
        f"{width} x {height} pixels ({megapixels:,.0f} MP; limit {MAX_PIXELS / 1e6:,.0f} MP)",
    )


def _count_frames(image: ImageFile.ImageFile) -> int:
    try:
        return max(1, int(getattr(image, "n_frames", 1)))
    except _DATA_ERRORS as exc:
        # Damaged later pages do not stop the first page from being shown.
        _log.debug("Could not count frames of %s: %r", image.filename, exc)
        return 1


def _orientation(image: Image.Image, *, header_only: bool) -> int:
    """The EXIF (or XMP) orientation 1-8; 1 when absent, invalid or unreadable.

    PNG's ``getexif()`` decodes the whole image to find an eXIf chunk placed after the
    pixel data; the header-only probe reads just what came before it.
    """
    try:
        exif = Image.Image.getexif(image) if header_only else image.getexif()
        value = exif.get(0x0112, 1)
    except Exception as exc:  # damaged EXIF must not cost the photo
        _log.debug("Unreadable EXIF orientation: %r", exc)
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _oriented(width: int, height: int, orientation: int) -> tuple[int, int]:
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def _decode(path: Path, image: ImageFile.ImageFile, image_format: str, max_size: int) -> None:
    """Decode the pixels, shrinking JPEG in the decoder when that saves work."""
    if image_format == "JPEG":
        image.draft("RGB", (max_size, max_size))
        if image.width * image.height > MAX_PIXELS:
            _refuse("image-too-large", f"{image.width} x {image.height} pixels after reduction")
    try:
        image.load()
    except (*_DATA_ERRORS, Image.DecompressionBombError, MemoryError) as exc:
        code, detail = _classify(exc)
        if code == "corrupt-image" and image_format == "TIFF" and tiff_data_cut_short(image, path):
            code = "truncated-file"  # libtiff reports missing strips as a plain decode error
        _refuse(code, detail)


def _shrink(image: Image.Image, max_size: int) -> Image.Image:
    """Resample to fit ``max_size``, first converting modes Pillow resamples badly."""
    box = (max_size, max_size)
    try:
        if image.mode.startswith("I;16"):
            # Pillow cannot reduce() 16-bit images; a direct LANCZOS resize is exact anyway.
            image.thumbnail(box, Image.Resampling.LANCZOS, reducing_gap=None)
            return image
        if image.mode == "P":
            image = image.convert("RGBA" if "transparency" in image.info else "RGB")
        elif image.mode in ("1", "PA"):
            image = image.convert("L" if image.mode == "1" else "RGBA")
        # In place: the decoded original is dropped as soon as the small image exists.
        image.thumbnail(box, Image.Resampling.LANCZOS)
    except _DATA_ERRORS as exc:
        _refuse("corrupt-image", f"{image.mode}: {exc}")
    return image


def _upright(image: Image.Image, orientation: int) -> Image.Image:
    if orientation == 1:
        return image
    try:
        ImageOps.exif_transpose(image, in_place=True)
    except Exception as exc:  # the pixels are turned before the EXIF is rewritten
        _log.debug("EXIF rewrite after transpose failed: %r", exc)
    return image


def _to_srgb(image: Image.Image) -> Image.Image:
    """Bring any supported mode to 8-bit sRGB RGB, flattening transparency on white."""
    icc = image.info.get("icc_profile")
    image = _to_eight_bit(image)
    if image.mode in ("LA", "La", "RGBA", "RGBa"):
        image = _flatten_on_white(image)
    if icc and image.mode in ("L", "RGB", "CMYK"):
        converted = _apply_profile(image, icc)
        if converted is not None:
            return converted
    try:
        return image.convert("RGB")
    except ValueError as exc:
        _refuse("unsupported-format", f"pixel mode {image.mode}: {exc}")


def _to_eight_bit(image: Image.Image) -> Image.Image:
    """Scale 16-bit and 32-bit samples into 0-255; ``convert("L")`` alone would clip."""
    if image.mode.startswith("I;16"):
        return image.convert("I").point(lambda value: value * (1 / 257)).convert("L")
    if image.mode in ("I", "F"):
        low, high = image.getextrema()
        assert isinstance(low, int | float) and isinstance(high, int | float)
        scale = 255 / (high - low) if high > low else 0.0
        return image.point(lambda value: (value - low) * scale).convert("L")
    return image


def _flatten_on_white(image: Image.Image) -> Image.Image:
    rgba = image.convert("RGBA" if image.mode.startswith("RGB") else "LA")
    background = Image.new(rgba.mode[:-1], rgba.size, 255 if rgba.mode == "LA" else (255,) * 3)
    background.paste(rgba, mask=rgba.getchannel("A"))
    background.info = dict(image.info)
    return background


@cache
def _srgb_profile() -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _apply_profile(image: Image.Image, icc: bytes) -> Image.Image | None:
    """Convert to sRGB through the embedded profile; None when the profile is unusable."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(image, source, _srgb_profile(), outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError) as exc:
        _log.debug("Ignoring unusable ICC profile: %r", exc)
        return None
    return converted
