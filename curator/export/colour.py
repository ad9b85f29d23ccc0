"""The print shop's CMYK output profile, and photos converted into it with LittleCMS.

``--icc PROFILE.icc`` names the shop's output profile (FOGRA39, say; Debian's libgs-common
ships Ghostscript's ``default_cmyk.icc`` for proofs). Photos are converted from their own
embedded profile, or from sRGB when they carry none, into that profile with Pillow's
ImageCms (LittleCMS), relative colorimetric with black-point compensation: the usual
choice for photographs going to a press whose paper white is the page. Grey photos stay
grey (PDF/X allows DeviceGray beside a CMYK output intent) and CMYK photos are taken to be
in the shop's space already, unless their total ink is above what the profile itself
puts on paper (its darkest black, read back through LittleCMS: 300 % for SWOP): such a
photo would smear on press, so it is taken through Lab into the profile (which brings it
to the limit). The profile itself goes into the PDF as its output intent
(:mod:`curator.export.pdfx`).
"""

from __future__ import annotations

import hashlib
import io
import threading
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageCms, ImageMath

from curator.core.errors import UsageError
from curator.core.language.library_messages import reason as library_reason
from curator.core.storage.regular_files import open_regular
from curator.i18n import _

#: Larger than any real output profile (FOGRA39 is 0.6 MB; big device links 4 MB).
MAX_PROFILE_BYTES = 32 * 1024 * 1024
#: Total ink (percent) a CMYK photo may exceed the profile's limit by before it is converted.
INK_TOLERANCE = 5.0
#: The total ink of a photo is measured on a copy this many pixels across at most.
INK_SAMPLE_PX = 512


@dataclass(frozen=True, eq=False)
class OutputProfile:
    """A CMYK output profile read from a file, and the transforms into it."""

    path: Path
    data: bytes
    description: str
    _transforms: dict[bytes, ImageCms.ImageCmsTransform] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _ink: dict[str, object] = field(default_factory=dict)

    @property
    def digest(self) -> str:
        """A short hash of the profile's bytes (prepared images are cached under it)."""
        return hashlib.sha256(self.data).hexdigest()[:16]

    def to_cmyk(self, image: Image.Image) -> Image.Image:
        """``image`` (RGB or L) in the output profile's CMYK; CMYK is returned as it is."""
        if image.mode == "CMYK":
            return image
        rgb = image if image.mode == "RGB" else image.convert("RGB")
        embedded = image.info.get("icc_profile")
        transform = self._transform(embedded if isinstance(embedded, bytes) else b"")
        return ImageCms.applyTransform(rgb, transform) or rgb

    @property
    def ink_limit(self) -> float:
        """The most ink the profile puts on paper, in percent (its darkest black)."""
        cached = self._ink.get("limit")
        if isinstance(cached, float):
            return cached
        black = Image.new("CMYK", (1, 1), (255, 255, 255, 255))
        darkest = self.through_lab(black).getpixel((0, 0))
        assert isinstance(darkest, tuple)
        limit = self._ink["limit"] = sum(darkest) / 255 * 100
        return limit

    def over_ink_limit(self, image: Image.Image) -> bool:
        """Whether a CMYK image puts more ink on paper than the profile allows."""
        return total_ink(image) > self.ink_limit + INK_TOLERANCE

    def through_lab(self, image: Image.Image) -> Image.Image:
        """A CMYK image in this profile, taken to Lab and back (to the profile's ink limit).

        The image's own embedded CMYK profile is its source when it has a usable one.
        """
        with self._lock:
            if "out" not in self._ink:
                output = ImageCms.ImageCmsProfile(io.BytesIO(self.data))
                lab = ImageCms.createProfile("LAB")
                self._ink["out"] = ImageCms.buildTransform(
                    lab,
                    output,
                    "LAB",
                    "CMYK",
                    # No black-point compensation: the darkest Lab is the profile's own
                    # black, which is what its ink limit is read from.
                    renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
                )
            to_lab = self._to_lab(image.info.get("icc_profile"))
            to_cmyk = self._ink["out"]
        assert isinstance(to_cmyk, ImageCms.ImageCmsTransform)
        lab_image = ImageCms.applyTransform(image, to_lab) or image
        return ImageCms.applyTransform(lab_image, to_cmyk) or image

    def _to_lab(self, embedded: object) -> ImageCms.ImageCmsTransform:
        source = embedded if isinstance(embedded, bytes) else b""
        key = "lab:" + hashlib.sha256(source).hexdigest()
        cached = self._ink.get(key)
        if isinstance(cached, ImageCms.ImageCmsTransform):
            return cached
        profile = ImageCms.ImageCmsProfile(io.BytesIO(self.data))
        if source:
            try:
                opened = ImageCms.getOpenProfile(io.BytesIO(source))
                if opened.profile.xcolor_space.strip() == "CMYK":
                    profile = opened
            except (OSError, ImageCms.PyCMSError):
                pass  # a damaged embedded profile: the shop's own
        transform = ImageCms.buildTransform(
            profile,
            ImageCms.createProfile("LAB"),
            "CMYK",
            "LAB",
            renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
        )
        self._ink[key] = transform
        return transform

    def _transform(self, source: bytes) -> ImageCms.ImageCmsTransform:
        with self._lock:
            cached = self._transforms.get(source)
            if cached is not None:
                return cached
            source_profile: ImageCms.ImageCmsProfile | None = None
            if source:
                try:
                    opened = ImageCms.getOpenProfile(io.BytesIO(source))
                    if opened.profile.xcolor_space.strip() == "RGB":
                        source_profile = opened
                except (OSError, ImageCms.PyCMSError):
                    source_profile = None  # a damaged embedded profile: read as sRGB
            if source_profile is None:
                source_profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
            output = ImageCms.ImageCmsProfile(io.BytesIO(self.data))
            transform = ImageCms.buildTransform(
                source_profile,
                output,
                "RGB",
                "CMYK",
                renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
                flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
            )
            self._transforms[source] = transform
            return transform


def total_ink(image: Image.Image) -> float:
    """The most ink (C + M + Y + K, percent) anywhere on a CMYK image, 0 for other modes.

    Measured on a copy at most :data:`INK_SAMPLE_PX` across (areas, not single pixels,
    are what smears on press).
    """
    if image.mode != "CMYK":
        return 0.0
    sample = image.copy()
    sample.thumbnail((INK_SAMPLE_PX, INK_SAMPLE_PX), Image.Resampling.BOX)
    c, m, y, k = (band.convert("I") for band in sample.split())
    summed = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)
    assert isinstance(summed, Image.Image)
    highest = summed.getextrema()[1]
    return float(highest if isinstance(highest, int | float) else 0) / 255 * 100


def load_output_profile(path: Path) -> OutputProfile:
    """Read and check a CMYK output profile.

    Raises:
        UsageError: The file cannot be read, is not an ICC profile, or is not a CMYK output
            (printer) profile.
    """
    path = path.expanduser()
    try:
        if path.stat().st_size > MAX_PROFILE_BYTES:
            raise UsageError(
                _("%(file)s is too large to be a colour profile.") % {"file": path}, path=path
            )
        with open_regular(path) as handle:  # never blocks on a FIFO
            data = handle.read(MAX_PROFILE_BYTES + 1)
        if len(data) > MAX_PROFILE_BYTES:  # a device has no size to check beforehand
            raise UsageError(
                _("%(file)s is too large to be a colour profile.") % {"file": path}, path=path
            )
    except OSError as error:
        raise UsageError(
            _("Cannot read the colour profile %(file)s: %(reason)s")
            % {"file": path, "reason": library_reason(error)},
            path=path,
        ) from error
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(data)).profile
    except (OSError, ImageCms.PyCMSError):
        raise UsageError(
            _("%(file)s is not an ICC colour profile.") % {"file": path}, path=path
        ) from None
    if profile.xcolor_space.strip() != "CMYK" or profile.device_class.strip() != "prtr":
        raise UsageError(
            _(
                "%(file)s is not a CMYK output profile (it describes %(space)s for a "
                "“%(kind)s” device); ask the print shop for theirs, e.g. FOGRA39."
            )
            % {
                "file": path.name,
                "space": profile.xcolor_space.strip(),
                "kind": profile.device_class.strip(),
            },
            path=path,
        )
    description = (profile.profile_description or "").strip() or path.stem
    return OutputProfile(path, data, description)
