"""Photos keep the colour profile they were made in (outside PDF/X).

reportlab declares every JPEG DeviceRGB (or DeviceGray, DeviceCMYK), whatever profile the
file carries: an Adobe RGB photo then prints as if it were sRGB, dull. PDF readers and RIPs
go by the image's colour space, not by the profile inside the JPEG's data, so after the
chunks are joined :func:`declare_embedded_profiles` reads the ICC profile from each JPEG's
own APP2 segments (passed-through originals and re-encoded ones, which keep it) and makes
the image's colour space ``[/ICCBased profile]``, with the device space as its alternate.
A profile that does not match the image's colour components, or that LittleCMS cannot
read, is left out: the image stays in its device space, as before.

Under PDF/X the output intent governs: RGB photos are converted into the print shop's CMYK
before they get here, and this step is not run.
"""

from __future__ import annotations

import hashlib
import io

import pikepdf
from PIL import ImageCms

from curator.export.fonts import resource_dict

_ICC_MARKER = b"ICC_PROFILE\x00"
_SPACES = {1: (b"GRAY", "/DeviceGray"), 3: (b"RGB ", "/DeviceRGB"), 4: (b"CMYK", "/DeviceCMYK")}
#: Start-of-frame markers: the segment that says how many colour components there are.
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def jpeg_profile(data: bytes) -> tuple[bytes | None, int]:
    """The ICC profile in a JPEG's APP2 segments (None without one), and its components.

    Only the header is read: parsing stops at the start of the scan.
    """
    if not data.startswith(b"\xff\xd8"):
        return None, 0
    chunks: dict[int, bytes] = {}
    components = 0
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            break
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            position += 2
            continue
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        segment = data[position + 4 : position + 2 + length]
        if marker == 0xDA or length < 2:
            break
        if marker == 0xE2 and segment.startswith(_ICC_MARKER) and len(segment) > 14:
            chunks[segment[12]] = segment[14:]
        elif marker in _SOF and len(segment) >= 6:
            components = segment[5]
        position += 2 + length
    if not chunks:
        return None, components
    return b"".join(chunks[n] for n in sorted(chunks)), components


def usable_profile(profile: bytes, components: int) -> bool:
    """Whether ``profile`` is a whole ICC profile for images of ``components`` colours."""
    expected = _SPACES.get(components)
    if expected is None or len(profile) < 128:
        return False
    if int.from_bytes(profile[:4], "big") != len(profile) or profile[16:20] != expected[0]:
        return False
    try:
        ImageCms.ImageCmsProfile(io.BytesIO(profile))
    except (OSError, ImageCms.PyCMSError):
        return False
    return True


def _is_jpeg(image: pikepdf.Object) -> bool:
    filters = image.get("/Filter")
    if isinstance(filters, pikepdf.Array):
        return len(filters) == 1 and filters[0] == "/DCTDecode"
    return filters == "/DCTDecode"


def declare_embedded_profiles(pdf: pikepdf.Pdf) -> str:
    """Give every JPEG image that carries a usable profile an ICCBased colour space.

    Each distinct profile is written once. Returns the PDF version the profiles need: 1.4
    reads ICC version 2 profiles, version 4 ones (some cameras and phones write them) came
    with PDF 1.6.
    """
    spaces: dict[bytes, pikepdf.Array] = {}
    seen: set[tuple[int, int]] = set()
    version = "1.4"
    for page in pdf.pages:
        xobjects = resource_dict(page, "/XObject")
        if xobjects is None:
            continue
        for key in list(xobjects.keys()):
            image = xobjects[key]
            if image.get("/Subtype") != "/Image" or not _is_jpeg(image):
                continue
            if image.is_indirect:
                if image.objgen in seen:
                    continue
                seen.add(image.objgen)
            device = image.get("/ColorSpace")
            if device not in ("/DeviceRGB", "/DeviceGray", "/DeviceCMYK"):
                continue
            profile, components = jpeg_profile(image.read_raw_bytes())
            if profile is None or not usable_profile(profile, components):
                continue
            if _SPACES[components][1] != device:
                continue
            digest = hashlib.sha256(profile).digest()
            space = spaces.get(digest)
            if space is None:
                stream = pikepdf.Stream(pdf, profile)
                stream.N = components
                stream.Alternate = pikepdf.Name(str(device))
                space = spaces[digest] = pikepdf.Array([pikepdf.Name.ICCBased, stream])
                if profile[8] >= 4:
                    version = "1.6"
            image.ColorSpace = space
    return version
