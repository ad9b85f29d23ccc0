"""Photos made ready for print: passed through as they are, or resampled to the target.

For each placed photo the effective resolution (pixels over printed inches) decides:

- a JPEG at up to 1.5 × the target resolution (300 ppi by default) that needs no turning
  (EXIF orientation 1) is **passed through**: the original file's bytes go into the PDF as
  they are (reportlab's JPEG reader, no ASCII85), from a copy in the work folder read
  through the opener that proves a file regular (reportlab opens files by name). Below the
  target it is passed through too: resampling up adds no detail (preflight warns about it
  instead).
- above 1.5 × the target it is **downsampled** to the target (a 24-megapixel photo in a
  10 cm slot does not need 1,800 ppi); a photo that must be turned by its EXIF orientation,
  or is not a JPEG that PDF can hold as it is, is decoded, turned upright and written as a
  new JPEG (quality 92, no chroma subsampling) at the lower of its own and the target size.

Decoding goes through the same bounded decoder as import
(:func:`curator.decode.bounded.load_reduced`): a JPEG is shrunk by 1/2, 1/4 or 1/8 inside
libjpeg, and a photo Pillow would have to decode whole in more memory than the budget (a
60000 x 60000 JPEG, a 13000 x 13000 PNG) is streamed through libvips at the size the slot
needs, so whatever import accepted prints, in memory proportional to the printed size.
CMYK JPEGs stay CMYK. Photoshop and Pillow write them with inverted samples
(the Adobe marker), which is what reportlab's ``Decode [1 0 1 0 1 0 1 0]`` expects; a CMYK
JPEG without that marker is rewritten through Pillow so its colours come out right.

A panel's slot may print only part of a photo (its crop, ``source`` in fractions of the
upright photo): that part is cut out, and its own pixels decide the resolution. With a
print shop's output profile (:class:`~curator.export.colour.OutputProfile`) RGB photos are
converted to its CMYK and so are never passed through; so are CMYK photos with more total
ink than the profile allows. Outside PDF/X a re-encoded photo keeps its ICC profile.
"""

from __future__ import annotations

import errno
import hashlib
import os
import threading
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PIL import Image, ImageFile

from curator.core.errors import CuratorError
from curator.core.language.library_messages import reason as library_reason
from curator.core.layout import MM_PER_INCH, Rect
from curator.core.model import Photo
from curator.decode.bounded import ImagingError, admit, load_reduced, open_header, sniff
from curator.decode.files import open_regular
from curator.export.colour import INK_SAMPLE_PX, OutputProfile
from curator.export.jpeg_segments import copy_light
from curator.i18n import _

#: Above this multiple of the target resolution a photo is downsampled.
PASS_THROUGH_LIMIT = 1.5
JPEG_QUALITY = 92
_PASSABLE_MODES = ("L", "RGB", "CMYK")
#: The whole photo, as a ``source``.
WHOLE = Rect(0.0, 0.0, 1.0, 1.0)


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
    """The EXIF orientation from the header (PNG's own getexif() would decode every pixel)."""
    try:
        value = Image.Image.getexif(image).get(0x0112, 1)
    except Exception:  # damaged EXIF: read as upright
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _passable(image: Image.Image, path: Path) -> bool:
    if image.format != "JPEG" or image.mode not in _PASSABLE_MODES:
        return False
    if image.mode == "CMYK" and "adobe" not in image.info:
        return False  # non-inverted CMYK: reportlab's Decode array would invert it
    return path.suffix.lower() in (".jpg", ".jpeg") and _orientation(image) == 1


def _over_ink(path: Path, profile: OutputProfile) -> bool:
    """Whether a CMYK photo puts more ink on paper than the output profile allows."""
    with open_regular(path) as handle, Image.open(handle) as probe:
        probe.draft("CMYK", (INK_SAMPLE_PX, INK_SAMPLE_PX))
        return profile.over_ink_limit(probe)


def _target_size(rect: Rect, target_ppi: float, aspect: float) -> tuple[int, int]:
    width = max(1, round(rect.width_mm / MM_PER_INCH * target_ppi))
    return width, max(1, round(width / aspect))


def _is_whole(source: Rect) -> bool:
    return (
        abs(source.x_mm) < 1e-6
        and abs(source.y_mm) < 1e-6
        and abs(source.width_mm - 1) < 1e-6
        and abs(source.height_mm - 1) < 1e-6
    )


def prepare_image(
    path: Path,
    rect: Rect,
    target_ppi: float,
    workdir: Path,
    source: Rect = WHOLE,
    profile: OutputProfile | None = None,
) -> PreparedImage:
    """Make the photo at ``path`` ready to print in ``rect`` (see the module's rules).

    Args:
        path: The photo file.
        rect: Where it prints (only its size matters).
        target_ppi: The resolution a photo finer than 1.5 times it is brought down to.
        workdir: Where new JPEGs are written.
        source: The part of the upright photo printed, in fractions (its crop).
        profile: The print shop's CMYK output profile; None leaves colours as they are.

    Raises:
        ImagingError: The file cannot be read or decoded, or no bounded decode can hold it.
        OSError: The prepared image cannot be written.
    """
    image_format = sniff(path)
    with open_header(path, image_format) as image:
        admit(path, image, image_format)
        turned = _orientation(image) in (5, 6, 7, 8)
        full_w, full_h = (image.height, image.width) if turned else image.size
        width = max(1, round(full_w * source.width_mm))
        height = max(1, round(full_h * source.height_mm))
        across = width / (rect.width_mm / MM_PER_INCH) if rect.width_mm > 0 else 0.0
        down = height / (rect.height_mm / MM_PER_INCH) if rect.height_mm > 0 else 0.0
        ppi = min(across, down)
        too_fine = ppi > PASS_THROUGH_LIMIT * target_ppi
        whole = _is_whole(source)
        # A CMYK JPEG that could pass through is measured for its ink (a small decode); any
        # other CMYK photo is re-encoded anyway, and measured then.
        convert = profile is not None and (
            image.mode not in ("CMYK", "L")
            or (image.mode == "CMYK" and _passable(image, path) and _over_ink(path, profile))
        )
        passed = not too_fine and whole and not convert and _passable(image, path)
        size = _target_size(rect, target_ppi, width / height) if too_fine else (width, height)
        route = ImageRoute.DOWNSAMPLED if too_fine else ImageRoute.REENCODED
        crop = "" if whole else repr(source)
        colour = profile.digest if profile is not None else ""
        key = f"{path}|{path.stat().st_mtime_ns}|{size}|{crop}|{colour}|{passed}"
        out = workdir / f"{hashlib.sha256(key.encode()).hexdigest()[:24]}.jpg"
        if passed:
            if not out.exists():
                _copy_regular(path, out)
            return PreparedImage(out, ImageRoute.PASSED_THROUGH, width, height)
        if not out.exists():
            _write_resampled(path, image, size, source, turned, out, profile)
        return PreparedImage(out, route, size[0], size[1])


#: Errors of writing, not reading: a full disk or a read-only folder under the output.
_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})


def read_photo(
    photo: Photo,
    rect: Rect,
    target_ppi: float,
    workdir: Path,
    source: Rect = WHOLE,
    profile: OutputProfile | None = None,
) -> PreparedImage:
    """:func:`prepare_image` for a project's photo; a file that cannot be read is named.

    Raises:
        CuratorError: The original cannot be read or decoded.
    """
    try:
        return prepare_image(photo.path, rect, target_ppi, workdir, source, profile)
    except ImagingError as error:
        raise CuratorError(
            _("Cannot read %(file)s: %(reason)s")
            % {"file": photo.path, "reason": error.problem.message},
            path=photo.path,
        ) from error
    except OSError as error:
        if error.errno in _WRITE_ERRORS:
            raise  # writing the prepared image failed: the output's problem, not the photo's
        raise CuratorError(
            _("Cannot read %(file)s: %(reason)s")
            % {"file": photo.path, "reason": library_reason(error)},
            path=photo.path,
        ) from error


def _copy_regular(path: Path, out: Path) -> None:
    """The original's bytes as they are, into Curator's own file for reportlab to embed.

    Metadata over :data:`~curator.export.jpeg_segments.METADATA_LIMIT` is left out; the
    image data is always the original's, byte for byte.

    reportlab opens what it is given by name; given the original, a file swapped for a FIFO
    since it was checked would block the export. The copy is read through the one opener
    that proves a file regular, in bounded chunks.
    """
    partial = _partial(out)
    with open_regular(path) as source, partial.open("wb") as target:
        copy_light(source, target)  # heavy metadata left out: reportlab holds it several times
    partial.replace(out)


def _partial(out: Path) -> Path:
    """A name of this thread's own to write ``out`` under before it is renamed into place.

    Photos are prepared in parallel, and two slots may need the same prepared file.
    """
    return out.with_name(f"{out.stem}.{os.getpid()}-{threading.get_ident()}.partial")


def _write_resampled(
    path: Path,
    image: ImageFile.ImageFile,
    size: tuple[int, int],
    source: Rect,
    turned: bool,
    out: Path,
    profile: OutputProfile | None,
) -> None:
    # Decode no larger than needed: the whole photo at the scale the printed part needs.
    whole_w = max(1, round(size[0] / max(source.width_mm, 1e-6)))
    whole_h = max(1, round(size[1] / max(source.height_mm, 1e-6)))
    stored = (whole_h, whole_w) if turned else (whole_w, whole_h)
    orientation = _orientation(image)
    decoded = load_reduced(path, image, image.format or "", stored)
    icc = image.info.get("icc_profile")
    upright = _turned(decoded, orientation)
    if not _is_whole(source):
        w, h = upright.size
        box = (
            round(source.x_mm * w),
            round(source.y_mm * h),
            max(round(source.x_mm * w) + 1, round(source.right_mm * w)),
            max(round(source.y_mm * h) + 1, round(source.bottom_mm * h)),
        )
        upright = upright.crop(box)
    converted = _printable(upright)
    if converted.size != size:
        converted = converted.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    if icc:
        converted.info["icc_profile"] = icc
    if profile is not None and converted.mode == "RGB":
        converted = profile.to_cmyk(converted)
    elif profile is not None and converted.mode == "CMYK" and profile.over_ink_limit(converted):
        converted = profile.through_lab(converted)
    # Outside PDF/X the photo keeps its own profile (export/icc.py declares it).
    keep = icc if profile is None and isinstance(icc, bytes) else None
    partial = _partial(out)
    converted.save(
        partial, "JPEG", quality=JPEG_QUALITY, subsampling=0, dpi=(300, 300), icc_profile=keep
    )
    partial.replace(out)


def _turned(image: Image.Image, orientation: int) -> Image.Image:
    """The pixels turned upright by the EXIF ``orientation`` (read from the file's header)."""
    method = {
        2: Image.Transpose.FLIP_LEFT_RIGHT,
        3: Image.Transpose.ROTATE_180,
        4: Image.Transpose.FLIP_TOP_BOTTOM,
        5: Image.Transpose.TRANSPOSE,
        6: Image.Transpose.ROTATE_270,
        7: Image.Transpose.TRANSVERSE,
        8: Image.Transpose.ROTATE_90,
    }.get(orientation)
    return image if method is None else image.transpose(method)


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
