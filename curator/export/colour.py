"""The print shop's CMYK output profile, and photos converted into it with LittleCMS.

``--icc PROFILE.icc`` names the shop's output profile (FOGRA39, say; Debian's libgs-common
ships Ghostscript's ``default_cmyk.icc`` for proofs). Photos are converted from their own
embedded profile, or from sRGB when they carry none, into that profile with Pillow's
ImageCms (LittleCMS), relative colorimetric with black-point compensation: the usual
choice for photographs going to a press whose paper white is the page. Grey photos stay
grey (PDF/X allows DeviceGray beside a CMYK output intent) and CMYK photos are taken to be
in the shop's space already. The profile itself goes into the PDF as its output intent
(:mod:`curator.export.pdfx`).
"""

from __future__ import annotations

import hashlib
import io
import threading
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageCms

from curator.core.errors import UsageError
from curator.core.library_messages import reason as library_reason
from curator.i18n import _

#: Larger than any real output profile (FOGRA39 is 0.6 MB; big device links 4 MB).
MAX_PROFILE_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True, eq=False)
class OutputProfile:
    """A CMYK output profile read from a file, and the transforms into it."""

    path: Path
    data: bytes
    description: str
    _transforms: dict[bytes, ImageCms.ImageCmsTransform] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

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
        data = path.read_bytes()
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
