"""Photos made ready for print: passed through as they are, or resampled to the target.

For each placed photo the effective resolution (pixels over printed inches) decides:

- a JPEG at up to 1.5 × the target resolution (300 ppi by default) that needs no turning
  (EXIF orientation 1) is **passed through**: the original file's bytes go into the PDF as
  they are (reportlab's JPEG reader, no ASCII85). Below the target it is passed through too:
  resampling up adds no detail (preflight warns about it instead).
- above 1.5 × the target it is **downsampled** to the target (a 24-megapixel photo in a
  10 cm slot does not need 1,800 ppi); a photo that must be turned by its EXIF orientation,
  or is not a JPEG that PDF can hold as it is, is decoded, turned upright and written as a
  new JPEG (quality 92, no chroma subsampling) at the lower of its own and the target size.

JPEG decoding goes through Pillow's ``draft()``, so libjpeg shrinks by 1/2, 1/4 or 1/8
while decoding and a 24-megapixel photo never sits in memory at full size when it is
downsampled. CMYK JPEGs stay CMYK. Photoshop and Pillow write them with inverted samples
(the Adobe marker), which is what reportlab's ``Decode [1 0 1 0 1 0 1 0]`` expects; a CMYK
JPEG without that marker is rewritten through Pillow so its colours come out right.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PIL import Image, ImageOps

from curator.core.layout import MM_PER_INCH, Rect

#: Above this multiple of the target resolution a photo is downsampled.
PASS_THROUGH_LIMIT = 1.5
JPEG_QUALITY = 92
_PASSABLE_MODES = ("L", "RGB", "CMYK")


class ImageRoute(StrEnum):
    """How a photo got into the PDF."""

    PASSED_THROUGH = "passed-through"
    DOWNSAMPLED = "downsampled"
    REENCODED = "re-encoded"


@dataclass(frozen=True, slots=True)
class PreparedImage:
    """A file reportlab embeds as it is (always a JPEG), and how it was made."""

    path: Path
    route: ImageRoute
    pixel_width: int
    pixel_height: int


def _orientation(image: Image.Image) -> int:
    try:
        value = image.getexif().get(0x0112, 1)
    except Exception:  # damaged EXIF: read as upright
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _passable(image: Image.Image, path: Path) -> bool:
    if image.format != "JPEG" or image.mode not in _PASSABLE_MODES:
        return False
    if image.mode == "CMYK" and "adobe" not in image.info:
        return False  # non-inverted CMYK: reportlab's Decode array would invert it
    return path.suffix.lower() in (".jpg", ".jpeg") and _orientation(image) == 1


def _target_size(rect: Rect, target_ppi: float, aspect: float) -> tuple[int, int]:
    width = max(1, round(rect.width_mm / MM_PER_INCH * target_ppi))
    return width, max(1, round(width / aspect))


def prepare_image(path: Path, rect: Rect, target_ppi: float, workdir: Path) -> PreparedImage:
    """Make the photo at ``path`` ready to print in ``rect`` (see the module's rules).

    Raises:
        OSError: The file cannot be read or decoded (Pillow's errors are OSErrors).
    """
    with Image.open(path) as image:
        turned = _orientation(image) in (5, 6, 7, 8)
        width, height = (image.height, image.width) if turned else image.size
        across = width / (rect.width_mm / MM_PER_INCH) if rect.width_mm > 0 else 0.0
        down = height / (rect.height_mm / MM_PER_INCH) if rect.height_mm > 0 else 0.0
        ppi = min(across, down)
        too_fine = ppi > PASS_THROUGH_LIMIT * target_ppi
        if not too_fine and _passable(image, path):
            return PreparedImage(path, ImageRoute.PASSED_THROUGH, width, height)
        size = _target_size(rect, target_ppi, width / height) if too_fine else (width, height)
        route = ImageRoute.DOWNSAMPLED if too_fine else ImageRoute.REENCODED
        key = hashlib.sha256(f"{path}|{path.stat().st_mtime_ns}|{size}".encode()).hexdigest()
        out = workdir / f"{key[:24]}.jpg"
        if not out.exists():
            _write_resampled(image, size, turned, out)
        return PreparedImage(out, route, size[0], size[1])


def _write_resampled(image: Image.Image, size: tuple[int, int], turned: bool, out: Path) -> None:
    stored = (size[1], size[0]) if turned else size
    if image.format == "JPEG":
        image.draft(image.mode if image.mode in _PASSABLE_MODES else "RGB", stored)
    image.load()
    # exif_transpose copies even an upright image: only turn what needs turning.
    upright = (ImageOps.exif_transpose(image) or image) if _orientation(image) != 1 else image
    converted = _printable(upright)
    if converted.size != size:
        converted = converted.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    partial = out.with_suffix(".partial")
    converted.save(partial, "JPEG", quality=JPEG_QUALITY, subsampling=0, dpi=(300, 300))
    partial.replace(out)


def _printable(image: Image.Image) -> Image.Image:
    """L, RGB or CMYK, transparency flattened on white, 16-bit samples scaled down."""
    if image.mode in _PASSABLE_MODES:
        return image
    if image.mode.startswith("I;16") or image.mode == "I":
        return image.point(lambda value: value * (1 / 257)).convert("L")
    if image.mode in ("RGBA", "LA", "P", "PA", "RGBa", "La"):
        rgba = image.convert("RGBA")
        ground = Image.new("RGB", rgba.size, (255, 255, 255))
        ground.paste(rgba, mask=rgba.getchannel("A"))
        return ground
    return image.convert("RGB")
