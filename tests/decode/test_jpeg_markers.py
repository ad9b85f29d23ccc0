"""The JPEG marker walk skips entropy-coded data in one search, and still reads it right.

Every photo the catalogue prints is walked (``admit`` tells a sequential JPEG from one that
needs its whole coefficient memory); the walk used to step over each stuffed 0xFF from
Python. The search that replaced it is compared with that loop on random data dense with
0xFF, stuffing and restart markers, and the walk is checked on real JPEGs written with
restart markers, progressively, and cut short.
"""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from curator.decode.structure import _next_marker, jpeg_layout


def _stepping(data: bytes, position: int) -> int:
    """The loop the search replaced: the next 0xFF not followed by 00 or RSTn."""
    while True:
        position = data.find(b"\xff", position)
        if position < 0 or position + 1 >= len(data):
            return len(data)
        following = data[position + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            position += 2
            continue
        return position


_BYTE = st.sampled_from([0xFF, 0x00, 0xD0, 0xD7, 0xD8, 0xD9, 0xDA, 0xC4, 0x12, 0xFE])


@settings(max_examples=400, deadline=None)
@given(st.lists(_BYTE, max_size=64).map(bytes), st.integers(min_value=0, max_value=70))
def test_the_search_finds_the_marker_the_loop_found(data: bytes, position: int) -> None:
    assert _next_marker(data, position) == _stepping(data, position)


def _photo(**options: object) -> bytes:
    image = Image.new("RGB", (640, 480), (250, 250, 250))
    draw = ImageDraw.Draw(image)
    for step in range(0, 640, 7):  # bright, busy: many 0xFF bytes in the coded data
        draw.line((step, 0, 640 - step, 480), fill=(255, (step * 3) % 256, 255), width=3)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=100, **options)
    return out.getvalue()


def test_the_walk_reads_real_jpegs() -> None:
    plain = _photo()
    assert plain.count(b"\xff\x00") > 100  # the case the search is for
    assert jpeg_layout(plain) == (True, 1, True)
    restarts = _photo(restart_marker_rows=1)
    assert any(bytes([0xFF, rst]) in restarts for rst in range(0xD0, 0xD8))
    assert jpeg_layout(restarts) == (True, 1, True)
    assert jpeg_layout(_photo(progressive=True))[:2] == (False, 2)
    assert jpeg_layout(plain[: len(plain) // 2]) == (True, 1, False)


def _first_scan_holds(data: bytes, components: int) -> bytes:
    """``data`` with its first scan's header claiming only ``components`` components."""
    at = data.index(b"\xff\xda")
    length = 6 + 2 * components
    return (
        data[:at]
        + b"\xff\xda"
        + length.to_bytes(2, "big")
        + bytes([components])
        + data[at + 5 : at + 5 + 2 * components]
        + data[at + 5 + 2 * data[at + 4] :]
    )


def test_the_streaming_check_reads_only_the_headers(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """libjpeg streams a sequential JPEG whose first scan holds every component."""
    from curator.decode.structure import jpeg_streams

    plain = _photo()
    assert jpeg_streams(plain)
    assert jpeg_streams(_photo(restart_marker_rows=1))
    assert not jpeg_streams(_photo(progressive=True))
    # a sequential file scanned one component at a time needs libjpeg's whole buffer
    assert not jpeg_streams(_first_scan_holds(plain, 1))
    # the coded data is never read: what follows the first scan's header does not matter
    head = plain[: plain.index(b"\xff\xda") + 14]
    assert jpeg_streams(head + b"\xff\xda\x00\x08garbage")
    path = tmp_path / "cut.jpg"
    path.write_bytes(head)
    assert jpeg_streams(path)
    assert not jpeg_streams(plain[:100])  # cut inside the headers
    grey = io.BytesIO()
    Image.new("L", (64, 48), 128).save(grey, "JPEG")
    assert jpeg_streams(grey.getvalue())
