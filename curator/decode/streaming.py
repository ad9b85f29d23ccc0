"""Shrink-on-load through libvips, for photos Pillow would have to decode whole.

libvips' loaders hand out rows in order (``access="sequential"``) and ``resize`` shrinks
them as they arrive, so only a few rows of the photo are held at a time; a JPEG is also
shrunk by 1/2, 1/4 or 1/8 inside libjpeg. The result is handed back as a Pillow image of
about the size asked for, and the rest of Curator's pipeline (orientation, colour profiles,
encoding) carries on as for any other photo.

libvips is set up once per process: no operation cache (a worker decodes one photo after
another and must not keep them), one thread per decode (the import already runs a process
per core), and its loaders that are not fuzzed for untrusted input blocked; Curator calls
only ``jpegload``, ``pngload`` and ``tiffload`` by name anyway.
"""

from __future__ import annotations

import logging
from contextlib import ExitStack
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageFile

from curator.decode.bounded import classify, refuse
from curator.decode.files import SpecialFileError, open_regular
from curator.decode.structure import header_cut_short

_log = logging.getLogger(__name__)

_LOADERS = {"JPEG": "jpegload", "PNG": "pngload", "TIFF": "tiffload"}


@cache
def _vips() -> Any:
    """pyvips, set up for bounded memory; an ImagingError when libvips is missing."""
    try:
        import pyvips
    except Exception as exc:  # ImportError, or OSError/cffi's error when libvips is absent
        _log.debug("pyvips unavailable: %r", exc)
        refuse("image-too-large", f"large images need libvips (libvips42): {exc}")
    pyvips.cache_set_max(0)
    pyvips.cache_set_max_mem(0)
    pyvips.concurrency_set(1)
    if hasattr(pyvips, "block_untrusted_set"):
        pyvips.block_untrusted_set(True)
    return pyvips


def shrink_with_vips(
    source: Path | bytes,
    header: ImageFile.ImageFile,
    image_format: str,
    stored: tuple[int, int],
    box: tuple[int, int],
    *,
    salvage: bool = False,
) -> Image.Image:
    """The photo shrunk to cover ``box`` (never enlarged), as a Pillow image with its info."""
    pyvips = _vips()
    width, height = stored
    options: dict[str, Any] = {"access": "sequential", "fail_on": "none" if salvage else "warning"}
    if image_format == "JPEG":
        options["shrink"] = _jpeg_shrink(width, height, box)
    elif image_format == "TIFF":
        options["page"] = 0
    loader = _LOADERS[image_format]
    try:
        with ExitStack() as stack:
            if isinstance(source, bytes):
                image = getattr(pyvips.Image, loader + "_buffer")(source, **options)
            else:
                # Through a descriptor proven regular, never by the path (a FIFO swapped in
                # since the header was read would block libvips).
                handle = stack.enter_context(open_regular(source))
                stream = pyvips.Source.new_from_descriptor(handle.fileno())
                image = getattr(pyvips.Image, loader + "_source")(stream, **options)
            image, mode, pixels, exif = _decoded(image, box)
    except SpecialFileError as exc:
        refuse("special-file", exc.kind)
    except OSError as exc:
        refuse("unreadable-file", exc.strerror or type(exc).__name__)
    except pyvips.Error as exc:
        code, detail = classify(OSError(_first_line(exc)))
        if code == "corrupt-image" and _cut_short(source, image_format, exc):
            code = "truncated-file"
        refuse(code, detail)
    except MemoryError:
        refuse("image-too-large", "out of memory while decoding")
    result = Image.frombytes(mode, (image.width, image.height), pixels)
    result.info = dict(header.info)
    if exif and "exif" not in result.info:
        result.info["exif"] = bytes(exif)
    return result


def _jpeg_shrink(width: int, height: int, box: tuple[int, int]) -> int:
    """The largest of libjpeg's 8, 4, 2 that still covers ``box``."""
    for factor in (8, 4, 2):
        if width // factor >= box[0] and height // factor >= box[1]:
            return factor
    return 1


def _pillow_ready(image: Any) -> tuple[Any, str]:
    """8-bit bands Pillow can take (or one float band), and the matching Pillow mode."""
    interpretation = str(image.interpretation)
    if interpretation in ("lab", "labq", "labs", "lch", "cmc", "xyz", "yxy", "scrgb", "hsv"):
        image = image.colourspace("srgb")
    cmyk = interpretation == "cmyk"
    colour = 4 if cmyk else 3
    if image.bands > colour + 1:  # extra samples beyond colour and alpha
        image = image.extract_band(0, n=colour + 1)
    if image.format == "ushort":
        image = (image / 257).cast("uchar")
    elif image.format != "uchar":
        if image.bands != 1:
            refuse("unsupported-format", f"{image.bands} bands of {image.format} samples")
        return image.cast("float"), "F"
    modes = {1: "L", 2: "LA", 3: "RGB", 4: "CMYK" if cmyk else "RGBA", 5: "CMYK"}
    if image.bands == 5:  # CMYK with alpha: Pillow has no such mode; the alpha goes
        image = image.extract_band(0, n=4)
    return image, modes[image.bands]


def _first_line(exc: Exception) -> str:
    text = str(getattr(exc, "detail", "") or exc).strip()
    return text.splitlines()[-1] if text else type(exc).__name__


def _cut_short(source: Path | bytes, image_format: str, exc: Exception) -> bool:
    text = str(getattr(exc, "detail", "") or exc).lower()
    if any(word in text for word in ("premature", "truncated", "end of file", "unexpected end")):
        return True
    return header_cut_short(source, image_format)


def _decoded(image: Any, box: tuple[int, int]) -> tuple[Any, str, bytes, bytes | None]:
    """The image resized to cover ``box``, ready for Pillow: it, its mode, pixels, EXIF."""
    scale = min(1.0, max(box[0] / image.width, box[1] / image.height))
    if scale < 1.0:
        image = image.resize(scale, kernel="lanczos3")
    image, mode = _pillow_ready(image)
    pixels = image.write_to_memory()
    exif = image.get("exif-data") if image.get_typeof("exif-data") else None
    return image, mode, pixels, exif
