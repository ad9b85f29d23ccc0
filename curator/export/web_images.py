"""The web edition's photos: three widths each, upright, in sRGB, without EXIF by default.

Each photo is decoded once through the bounded decoder (:mod:`curator.decode.bounded`, as
import and print do: a JPEG shrunk inside libjpeg, a huge one streamed through libvips) at
the largest width the site uses, turned upright by its EXIF orientation, its colours
converted from the embedded ICC profile into sRGB (what browsers assume of an untagged
JPEG), then resampled to each of :data:`WEB_WIDTHS` it is wider than (a photo narrower than
the smallest gets its own width only). The copies carry no EXIF, GPS or XMP unless the
project keeps them (``web.keep_metadata``), in which case the original's EXIF goes along
with its orientation set upright.

Photos are prepared on a pool of threads, one per usable core as memory allows
(:func:`curator.export.workers.worker_count`): Pillow's decoders, colour conversion and
encoder release the GIL.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms

from curator.core.errors import CuratorError
from curator.core.language.library_messages import reason as library_reason
from curator.core.model import Photo
from curator.core.progress import stop_if_cancelled
from curator.decode.bounded import ImagingError, admit, load_reduced, open_header, sniff
from curator.i18n import _

#: The widths, in pixels, each photo is offered at (``srcset``).
WEB_WIDTHS = (480, 960, 1600)
WEB_QUALITY = 82
_ORIENTATION = 0x0112
_SRGB = ImageCms.createProfile("sRGB")
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


@dataclass(frozen=True, slots=True)
class WebImage:
    """A photo's web copies, ``(width, JPEG bytes)`` smallest first; the largest's size."""

    copies: tuple[tuple[int, bytes], ...]
    width: int
    height: int


def web_widths(width: int) -> tuple[int, ...]:
    """The widths a photo ``width`` pixels wide is offered at (never enlarged)."""
    widths = tuple(w for w in WEB_WIDTHS if w < width)
    largest = min(width, WEB_WIDTHS[-1])
    return widths if largest in widths else (*widths, largest)


def _orientation(image: Image.Image) -> int:
    try:
        value = Image.Image.getexif(image).get(_ORIENTATION, 1)
    except Exception:  # damaged EXIF: read as upright
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _in_srgb(image: Image.Image, icc: object) -> Image.Image:
    """The pixels as RGB in sRGB, converted from the embedded profile when there is one."""
    if image.mode in ("RGBA", "LA", "P", "PA"):
        rgba = image.convert("RGBA")
        ground = Image.new("RGB", rgba.size, (255, 255, 255))
        ground.paste(rgba, mask=rgba.getchannel("A"))
        image = ground
    elif image.mode.startswith("I;16") or image.mode == "I":
        image = image.point(lambda value: value * (1 / 257)).convert("L")
    if isinstance(icc, bytes) and icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            mode = image.mode if image.mode in ("RGB", "CMYK", "L") else "RGB"
            converted = ImageCms.profileToProfile(
                image.convert(mode), source, _SRGB, outputMode="RGB"
            )
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a profile LittleCMS cannot use: the samples are taken as sRGB
    return image.convert("RGB")


def _exif(image: Image.Image) -> bytes:
    """The original's EXIF with the orientation set upright (the pixels are turned)."""
    try:
        exif = Image.Image.getexif(image)
        exif[_ORIENTATION] = 1
        return exif.tobytes()
    except Exception:  # damaged EXIF is dropped rather than copied
        return b""


def make_web_image(path: Path, keep_metadata: bool = False) -> WebImage:
    """The web copies of the photo at ``path`` (see the module's note).

    Raises:
        ImagingError: The file cannot be read or decoded, or no bounded decode can hold it.
        OSError: The file cannot be read.
    """
    image_format = sniff(path)
    with open_header(path, image_format) as header:
        admit(path, header, image_format)
        orientation = _orientation(header)
        icc = header.info.get("icc_profile")
        exif = _exif(header) if keep_metadata else b""
        turned = orientation in (5, 6, 7, 8)
        width, height = (header.height, header.width) if turned else header.size
        largest = min(width, WEB_WIDTHS[-1])
        tall = max(1, round(largest * height / max(1, width)))
        box = (tall, largest) if turned else (largest, tall)
        decoded = load_reduced(path, header, image_format, box)
        method = _TRANSPOSE.get(orientation)
        upright = decoded if method is None else decoded.transpose(method)
        rgb = _in_srgb(upright, icc)
    copies = []
    size = rgb.size
    for target in web_widths(width):
        size = (target, max(1, round(target * height / max(1, width))))
        copy = rgb if rgb.size == size else rgb.resize(size, Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        options: dict[str, object] = {"quality": WEB_QUALITY, "optimize": True,
                                      "progressive": True}  # fmt: skip
        if exif:
            options["exif"] = exif
        copy.save(buffer, "JPEG", **options)
        copies.append((target, buffer.getvalue()))
    return WebImage(tuple(copies), size[0], size[1])


def read_web_image(photo: Photo, keep_metadata: bool = False) -> WebImage:
    """:func:`make_web_image` for a project's photo; a file that cannot be read is named.

    Raises:
        CuratorError: The original cannot be read or decoded.
    """
    try:
        return make_web_image(photo.path, keep_metadata)
    except ImagingError as error:
        reason = error.problem.message
    except OSError as error:
        reason = library_reason(error)
    raise CuratorError(
        _("Cannot read %(file)s: %(reason)s") % {"file": photo.path, "reason": reason},
        path=photo.path,
    )


def prepare_all(
    photos: Sequence[Photo],
    keep_metadata: bool,
    workers: int,
    done: Callable[[Photo, WebImage], None],
    cancel: threading.Event | None = None,
) -> None:
    """Prepare ``photos`` on ``workers`` threads; ``done`` gets each in order, on this thread.

    Raises:
        CuratorError: A photo cannot be read (the rest are not started), or Cancel.
    """
    if workers <= 1 or len(photos) <= 1:
        for photo in photos:
            stop_if_cancelled(cancel)
            done(photo, read_web_image(photo, keep_metadata))
        return
    with ThreadPoolExecutor(workers, thread_name_prefix="curator-web") as pool:
        futures = [pool.submit(read_web_image, photo, keep_metadata) for photo in photos]
        try:
            for photo, future in zip(photos, futures, strict=True):
                stop_if_cancelled(cancel)
                done(photo, future.result())
        finally:
            for future in futures:
                future.cancel()
