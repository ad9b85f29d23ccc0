"""A small photo carrying 60 MB of metadata prints within bounded memory.

Extended XMP may add 60 MB to an 800 × 600 JPEG (legal; import reads it within bounds).
Passed into the catalogue as it was, reportlab held it several times: 420 MB for one photo.
The copy a PDF embeds leaves heavy metadata out and keeps the image data byte for byte.
"""

from __future__ import annotations

import io
import struct
import sys
from pathlib import Path

import pytest
from PIL import Image

from curator.export.jpeg_segments import METADATA_LIMIT, copy_light
from tests.decode.test_bounded import _PEAK, run_measured

_NS = b"http://ns.adobe.com/xmp/extension/\x00"


def _segment(marker: int, body: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(body) + 2) + body


def heavy_jpeg(path: Path, megabytes: int) -> bytes:
    """An 800 × 600 JPEG with an ICC profile and ``megabytes`` of extended XMP."""
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (200, 100, 50)).save(buffer, "JPEG")
    plain = buffer.getvalue()
    payload = b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>" + b"A" * (megabytes << 20)
    chunks = [
        _segment(0xE1, _NS + b"0" * 32 + struct.pack(">II", len(payload), at) + part)
        for at in range(0, len(payload), 65000)
        for part in [payload[at : at + 65000]]
    ]
    icc = _segment(0xE2, b"ICC_PROFILE\x00\x01\x01" + b"profile")
    data = plain[:2] + icc + b"".join(chunks) + plain[2:]
    path.write_bytes(data)
    return plain


def _copied(source: Path) -> tuple[bytes, bool]:
    out = io.BytesIO()
    with source.open("rb") as handle:
        lightened = copy_light(handle, out)
    return out.getvalue(), lightened


def test_the_copy_keeps_the_image_and_what_decoding_needs(tmp_path: Path) -> None:
    source = tmp_path / "heavy.jpg"
    plain = heavy_jpeg(source, 3)
    copy, lightened = _copied(source)
    assert lightened and len(copy) < METADATA_LIMIT
    assert b"ICC_PROFILE" in copy and b"xmp/extension" not in copy
    assert copy[len(copy) - len(plain) + 2 :] == plain[2:]  # the image data byte for byte
    light = tmp_path / "light.jpg"
    Image.new("RGB", (80, 60)).save(light, "JPEG", comment=b"x" * 1000)
    assert _copied(light) == (light.read_bytes(), False)


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc for the peak")
def test_a_catalogue_of_a_photo_with_60_mb_of_xmp_stays_small(tmp_path: Path) -> None:
    heavy_jpeg(tmp_path / "heavy.jpg", 60)
    script = (
        _PEAK
        + """
from curator import cli
project = sys.argv[1] + "/p.curator"
assert cli.main(["new", project, "--languages", "vi,en"]) == 0
assert cli.main(["import", project, sys.argv[1] + "/heavy.jpg"]) == 0
from curator.core.services import ProjectService
with ProjectService.open(project) as service:
    photo = list(service.photos.all())[0].id
add = ["section", "add", project, "--title", "vi=A", "--title", "en=A", "--photos", photo]
assert cli.main(add) == 0
code = cli.main(["export", "catalogue", project, "-o", sys.argv[1] + "/c.pdf", "--workers", "1"])
own, _children = peak_mb()
print(json.dumps({"code": code, "peak": own}))
"""
    )
    measured = run_measured(script, str(tmp_path))
    assert measured["code"] == 0
    assert int(str(measured["peak"])) < 300, measured  # 420 MB before
    assert (tmp_path / "c.pdf").stat().st_size < 2 << 20
