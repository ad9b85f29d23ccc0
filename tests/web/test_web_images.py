"""The web copies of a photo: upright, in sRGB from its embedded profile, and without GPS."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from curator.export.web_images import WEB_WIDTHS, make_web_image, web_widths

ADOBE_RGB = Path("/usr/share/color/icc/ghostscript/a98.icc")  # Debian's libgs-common
GREEN = (30, 200, 40)


def _photo(path: Path, size: tuple[int, int], orientation: int, icc: bytes | None) -> None:
    image = Image.new("RGB", size, GREEN)
    image.paste((250, 10, 10), (0, 0, size[0] // 10, size[1] // 10))  # a red mark, top left
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 28.2), 3: "E", 4: (105.0, 50.0, 28.3)}
    extra = {"icc_profile": icc} if icc else {}
    image.save(path, quality=95, exif=exif, **extra)


def test_widths_never_enlarge_a_photo() -> None:
    assert web_widths(4000) == WEB_WIDTHS
    assert web_widths(1600) == WEB_WIDTHS
    assert web_widths(1000) == (480, 960, 1000)
    assert web_widths(300) == (300,)


@pytest.mark.skipif(not ADOBE_RGB.is_file(), reason="needs Ghostscript's a98.icc (libgs-common)")
def test_an_adobe_rgb_photo_turned_by_exif_comes_out_upright_in_srgb_without_gps(
    tmp_path: Path,
) -> None:
    profile = ADOBE_RGB.read_bytes()
    path = tmp_path / "turned.jpg"
    _photo(path, (2000, 1000), 6, profile)  # stored wide, shown tall (turned clockwise)
    web = make_web_image(path)
    assert [width for width, _data in web.copies] == [480, 960, 1000]
    assert (web.width, web.height) == (1000, 2000)
    expected = ImageCms.profileToProfile(
        Image.new("RGB", (1, 1), GREEN),
        ImageCms.ImageCmsProfile(io.BytesIO(profile)),
        ImageCms.createProfile("sRGB"),
    )
    assert expected is not None
    want = expected.getpixel((0, 0))
    assert (
        isinstance(want, tuple) and max(abs(a - b) for a, b in zip(want, GREEN, strict=True)) > 15
    )
    for width, data in web.copies:
        with Image.open(io.BytesIO(data)) as copy:
            assert copy.size == (width, width * 2)
            assert not copy.getexif() and "icc_profile" not in copy.info
            got = copy.convert("RGB").getpixel((width // 2, width))
            assert isinstance(got, tuple)
            assert max(abs(a - b) for a, b in zip(got, want, strict=True)) <= 6, (got, want)
            # the red mark was top left as stored; turned clockwise it is top right
            corner = copy.convert("RGB").getpixel((width - 3, 3))
            assert isinstance(corner, tuple) and corner[0] > 180 and corner[1] < 90


def test_kept_metadata_keeps_the_exif_with_the_orientation_upright(tmp_path: Path) -> None:
    path = tmp_path / "turned.jpg"
    _photo(path, (800, 400), 6, None)
    web = make_web_image(path, keep_metadata=True)
    assert [width for width, _data in web.copies] == [400]
    with Image.open(io.BytesIO(web.copies[0][1])) as copy:
        exif = copy.getexif()
        assert copy.size == (400, 800)
    assert exif.get(0x010F) == "Canon" and exif.get(0x0112) == 1
