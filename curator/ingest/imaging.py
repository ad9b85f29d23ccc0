"""Image probing and thumbnails: what a photo file is, and a small JPEG of how it looks.

Which files Curator decodes at all, and the memory limits, are decided in
:mod:`curator.decode.bounded` (shared with the products and deliveries): only JPEG, TIFF
and PNG, refused with ``image-too-large`` when no bounded decode can handle them, decoded at
about the size produced (a 256 px thumbnail of a 169-megapixel PNG takes about 120 MB).
Every damaged or hostile file ends as an :class:`ImagingError` carrying a
:class:`~curator.core.checks.problems.Problem`; no other exception escapes for bad file content.
Every function is pure, with picklable arguments and results, so it runs unchanged in a
``ProcessPoolExecutor``.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from PIL import Image, ImageCms, ImageFile, ImageOps

from curator.core.storage.preview_cache import PREVIEW_SIZE
from curator.decode.bounded import (
    DATA_ERRORS,
    MAX_PIXELS,
    ImagingError,
    admit,
    load_reduced,
    open_header,
    refuse,
    sniff,
)

__all__ = [
    "MAX_PIXELS",
    "ImageFacts",
    "ImagingError",
    "Thumbnail",
    "make_preview",
    "make_thumbnail",
    "probe",
]

_log = logging.getLogger(__name__)

#: Long edge of a library thumbnail, in pixels (a preview's: PREVIEW_SIZE).
THUMBNAIL_SIZE = 256


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
    image_format = sniff(path)
    with open_header(path, image_format) as image:
        admit(path, image, image_format)
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
    image_format = sniff(path)
    with open_header(path, image_format) as image:
        admit(path, image, image_format)
        stored = image.size
        header_orientation = _orientation(image, header_only=True)
        salvage = ImageFile.LOAD_TRUNCATED_IMAGES
        decoded = load_reduced(path, image, image_format, (max_size, max_size), salvage=salvage)
        if decoded is image:
            orientation = _orientation(image, header_only=False)
        else:  # streamed: the EXIF libvips found (after the pixels, say), else the header's
            found = _orientation(decoded, header_only=True)
            orientation = found if found != 1 else header_orientation
        small = _shrink(decoded, max_size)
    small = _upright(small, orientation)
    small = _to_srgb(small)
    buffer = io.BytesIO()
    small.save(buffer, "JPEG", quality=quality)
    full_width, full_height = _oriented(*stored, orientation)
    return Thumbnail(buffer.getvalue(), small.width, small.height, full_width, full_height)


def _count_frames(image: ImageFile.ImageFile) -> int:
    try:
        return max(1, int(getattr(image, "n_frames", 1)))
    except DATA_ERRORS as exc:
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
    except DATA_ERRORS as exc:
        refuse("corrupt-image", f"{image.mode}: {exc}")
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
        refuse("unsupported-format", f"pixel mode {image.mode}: {exc}")


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
