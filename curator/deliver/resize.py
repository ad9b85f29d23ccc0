"""Smaller copies on request: resampled, converted to sRGB, the metadata carried over.

Only when ``--long-edge`` asks for it and the photo is larger: a copy that already fits is
not touched (its JPEG data is not re-encoded). A resized copy is converted from its embedded
ICC profile to sRGB through LittleCMS (Pillow's ImageCms) - a photo in Adobe RGB or CMYK
shown without its profile looks washed out or wrong - and carries the sRGB profile. Its
metadata (EXIF with GPS and maker notes, IIM, XMP, comments) is copied from the original by
exiv2, and the pixel-size fields are set to the new size, with the image regions measured in
pixels (IPTC ``ImageRegion`` with ``rbUnit=pixel``: rectangles, circles, polygons) scaled to
it and the MWG regions' ``AppliedToDimensions`` (their areas are fractions) given it. The
pixels keep their stored orientation, and the EXIF Orientation tag stays with them.

The pixels are decoded by the bounded decoder import uses
(:func:`curator.decode.bounded.load_reduced`): shrunk while decoding (libjpeg's 1/2-1/8,
or libvips streaming rows for photos Pillow would hold whole), so any photo import accepted -
a 60000 x 60000 JPEG included - is delivered in memory proportional to the copy's size.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageCms

from curator.decode.bounded import ImagingError, admit, load_reduced, open_header, sniff
from curator.deliver.exiv2 import open_image, put_comments_back, set_comments_aside

JPEG_QUALITY = 92
_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "TIFF": "TIFF", "MPO": "JPEG"}
_SIZE_KEYS = (
    ("Exif.Photo.PixelXDimension", "Exif.Photo.PixelYDimension"),
    ("Xmp.exif.PixelXDimension", "Xmp.exif.PixelYDimension"),
    ("Xmp.tiff.ImageWidth", "Xmp.tiff.ImageLength"),
)


#: A coordinate of an IPTC image region's boundary (or of one of its polygon's vertices).
_REGION = re.compile(
    r"(Xmp\.(?:iptcExt|Iptc4xmpExt)\.ImageRegion\[\d+\]/Iptc4xmpExt:RegionBoundary)"
    r"/(?:Iptc4xmpExt:rbVertices\[\d+\]/)?Iptc4xmpExt:(rbX|rbY|rbW|rbH|rbRx)$"
)
_MWG_SIZE = "Xmp.mwg-rs.Regions/mwg-rs:AppliedToDimensions/stDim:"


class ResizeError(Exception):
    """The image could not be decoded or converted."""


@dataclass(frozen=True, slots=True)
class Resized:
    """A resized copy's bytes and its new size."""

    data: bytes
    width: int
    height: int


def resize_copy(data: bytes, long_edge: int) -> Resized | None:
    """``data`` resampled so its longer side is ``long_edge``; ``None`` when it fits already.

    Raises:
        ResizeError: The image cannot be decoded or converted (its problem's message).
    """
    try:
        image_format = sniff(data)
        with open_header(data, image_format) as image:
            admit(data, image, image_format)
            if max(image.size) <= long_edge:
                return None
            kind = _FORMATS[image_format]
            info = dict(image.info)
            before = image.size
            scale = long_edge / max(image.size)
            size = (
                max(1, round(image.width * scale)),
                max(1, round(image.height * scale)),
            )
            decoded = load_reduced(data, image, image_format, size)
            converted = to_srgb(decoded)
            small = converted.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
            encoded = _encode(small, kind, info)
    except ImagingError as error:
        raise ResizeError(error.problem.message) from error
    except (OSError, ValueError, ImageCms.PyCMSError) as error:
        raise ResizeError(str(error)) from error
    return Resized(_with_metadata(data, encoded, size, kind, before), size[0], size[1])


def to_srgb(image: Image.Image) -> Image.Image:
    """The image in 8-bit sRGB (with its alpha), through its embedded profile when it has one."""
    alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    mode = "RGBA" if alpha else "RGB"
    icc = image.info.get("icc_profile")
    if image.mode.startswith("I"):
        image = sixteen_to_eight(image)
    if image.mode not in ("RGB", "RGBA", "CMYK", "L", "LA"):
        image = image.convert(mode)
    if icc:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        target = ImageCms.createProfile("sRGB")
        working = image if image.mode != "LA" else image.convert("RGBA")
        if working.mode == "L":
            working = working.convert("RGB")
        if working.mode == "RGBA":
            colour = ImageCms.profileToProfile(working.convert("RGB"), source, target)
            assert colour is not None
            colour.putalpha(working.getchannel("A"))
            return colour
        result = ImageCms.profileToProfile(working, source, target, outputMode="RGB")
        assert result is not None
        return result
    return image.convert(mode) if image.mode != mode else image


def sixteen_to_eight(image: Image.Image) -> Image.Image:
    """A 16-bit greyscale image (Pillow's ``I;16*`` or ``I``) as 8-bit ``L``, scaled, not clipped.

    Pillow's own conversion clips every value above 255, so a mid-grey 16-bit scan would
    come out white.
    """
    wide = image if image.mode == "I" else image.convert("I")
    return wide.point(lambda value: value * (1 / 257)).convert("L")


def srgb_profile() -> bytes:
    """The sRGB profile embedded in resized copies."""
    return bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())


def _encode(image: Image.Image, kind: str, info: Mapping[Any, Any]) -> bytes:
    out = io.BytesIO()
    options: dict[str, object] = {"icc_profile": srgb_profile()}
    if kind == "JPEG":
        if image.mode != "RGB":
            image = image.convert("RGB")
        options.update(
            quality=JPEG_QUALITY, optimize=True, progressive=bool(info.get("progressive"))
        )
        dpi = info.get("dpi")
        if dpi:
            options["dpi"] = dpi
    elif kind == "TIFF":
        options["compression"] = "tiff_lzw"
    image.save(out, kind, **options)
    return out.getvalue()


#: The formats whose comment exiv2 can write (a TIFF has none: exiv2 refuses to set one).
_COMMENTED = frozenset({"JPEG", "PNG"})


def _with_metadata(
    original: bytes,
    encoded: bytes,
    size: tuple[int, int],
    kind: str,
    before: tuple[int, int] | None = None,
) -> bytes:
    """``encoded`` carrying the original's metadata (not its ICC profile) at its new size.

    ``before`` is the original's stored size, to scale the regions measured in its pixels.
    """
    original, comments = set_comments_aside(original)
    with open_image(original) as source, open_image(encoded) as target:
        source.copy_to_another_image(target, icc=False, thumbnail=False, comment=kind in _COMMENTED)
        exif = target.read_exif()
        xmp = target.read_xmp()
        exif_sizes: dict[str, str] = {}
        xmp_sizes: dict[str, str] = {}
        for width_key, height_key in _SIZE_KEYS:
            holder = exif if width_key.startswith("Exif.") else xmp
            changes = exif_sizes if holder is exif else xmp_sizes
            if width_key in holder:
                changes[width_key] = str(size[0])
            if height_key in holder:
                changes[height_key] = str(size[1])
        if before is not None:
            xmp_sizes.update(_scaled_regions(xmp, before, size))
        if exif_sizes:
            target.modify_exif(exif_sizes)
        if xmp_sizes:
            target.modify_xmp(xmp_sizes)
        return put_comments_back(bytes(target.get_bytes()), comments)


def _scaled_regions(
    xmp: Mapping[str, Any], before: tuple[int, int], size: tuple[int, int]
) -> dict[str, str]:
    """The XMP changes that measure the original's image regions against the new ``size``."""
    changes: dict[str, str] = {}
    scale = (size[0] / max(1, before[0]), size[1] / max(1, before[1]))
    for key, value in xmp.items():
        match = _REGION.match(key)
        if match is None or str(xmp.get(f"{match[1]}/Iptc4xmpExt:rbUnit", "")).lower() != "pixel":
            continue
        try:
            number = float(str(value))
        except ValueError:
            continue
        scaled = number * scale[1 if match[2] in ("rbY", "rbH") else 0]
        changes[key] = f"{scaled:.2f}".rstrip("0").rstrip(".")
    for axis, pixels in (("w", size[0]), ("h", size[1])):
        if _MWG_SIZE + axis in xmp:
            changes[_MWG_SIZE + axis] = str(pixels)
    return changes
