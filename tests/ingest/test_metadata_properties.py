"""Property tests: random bytes in image files and their metadata blocks never escape as crashes.

Reading metadata reports damage as problems and never raises; analysing a file for import
gives a photo or a problem. Random payloads go where parsers look for them (EXIF, XMP and
Photoshop/IPTC segments of a real JPEG, PNG text chunks, a TIFF header, sidecars) so the
deeper code is reached, not only the "not an image" door. Examples are few and derandomised.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from curator.core.errors import CuratorError
from curator.ingest.analysis import analyse_file
from curator.ingest.metadata.iptc import parse_iim
from curator.ingest.metadata.mapping import read_metadata
from curator.ingest.metadata.types import ImageMetadata
from curator.ingest.metadata.xmp import parse_xmp

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")  # Pillow on damaged EXIF

PROPERTY = settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 12), (200, 30, 30)).save(out, "JPEG")
    return out.getvalue()


JPEG = _jpeg()
XMP_ID = b"http://ns.adobe.com/xap/1.0/\x00"
PHOTOSHOP_ID = b"Photoshop 3.0\x008BIM\x04\x04\x00\x00"
PNG_XMP = b"XML:com.adobe.xmp\x00\x00\x00\x00\x00"
PNG_IPTC = b"Raw profile type iptc\x00\x00"


def _with_segment(marker: int, payload: bytes) -> bytes:
    payload = payload[:65000]
    return (
        JPEG[:2] + bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload + JPEG[2:]
    )


def _png_with(kind: bytes, body: bytes) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "PNG")
    data = out.getvalue()
    chunk = struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    return data[:33] + chunk + data[33:]


noise = st.binary(max_size=600)
xmpish = st.builds(
    lambda head, middle: head + middle,
    st.sampled_from([b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>", b"<?xpacket?>", b"\xff\xfe<", b""]),
    noise,
)
files = st.one_of(
    noise.map(lambda b: ("random.jpg", b)),
    noise.map(lambda b: ("exif.jpg", _with_segment(0xE1, b"Exif\x00\x00" + b))),
    noise.map(lambda b: ("exif-tiff.jpg", _with_segment(0xE1, b"Exif\x00\x00II*\x00" + b))),
    xmpish.map(lambda b: ("xmp.jpg", _with_segment(0xE1, XMP_ID + b))),
    noise.map(lambda b: ("iptc.jpg", _with_segment(0xED, PHOTOSHOP_ID + b))),
    noise.map(lambda b: ("cut.jpg", JPEG[: len(b) % len(JPEG)] + b)),
    noise.map(lambda b: ("text.png", _png_with(b"iTXt", PNG_XMP + b))),
    noise.map(lambda b: ("exif.png", _png_with(b"eXIf", b))),
    noise.map(lambda b: ("raw.png", _png_with(b"zTXt", PNG_IPTC + zlib.compress(b)))),
    noise.map(lambda b: ("le.tif", b"II*\x00" + b)),
    noise.map(lambda b: ("be.tif", b"MM\x00*" + b)),
)  # fmt: skip


@settings(PROPERTY, max_examples=120)
@given(case=files, sidecar=st.one_of(st.none(), xmpish))
def test_reading_any_file_reports_problems_and_never_raises(
    tmp_path: Path, case: tuple[str, bytes], sidecar: bytes | None
) -> None:
    name, data = case
    path = tmp_path / name
    path.write_bytes(data)
    side = path.with_name(name + ".xmp")
    if sidecar is not None:
        side.write_bytes(sidecar)
    else:
        side.unlink(missing_ok=True)
    try:
        metadata = read_metadata(path)
    except CuratorError:
        return
    assert isinstance(metadata, ImageMetadata)
    analysis = analyse_file(path)  # what an import worker does with the file
    assert analysis.problem is not None or analysis.width
    if analysis.problem is not None:
        assert analysis.problem.message


@PROPERTY
@given(packet=st.one_of(noise, xmpish))
def test_any_xmp_packet_parses_or_reports(packet: bytes) -> None:
    fields = parse_xmp(packet)
    assert fields.problems or fields.source == "xmp"


@PROPERTY
@given(data=st.one_of(noise, noise.map(lambda b: b"\x1c\x02" + b)))
def test_any_iim_block_parses_or_reports(data: bytes) -> None:
    problems: list = []
    for _datasets in parse_iim(data, problems):
        pass
