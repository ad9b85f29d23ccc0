"""Preparing photos for print: pass-through, downsampling, orientation, CMYK."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from curator.core.layout import Rect
from curator.export.images import ImageRoute, prepare_image
from curator.export.pdf import PageFrame, new_canvas, pt

MM = 25.4


def _jpeg(
    path: Path, size: tuple[int, int], mode: str = "RGB", colour=(200, 30, 40), orientation: int = 1
) -> Path:
    image = Image.new(mode, size, colour)
    exif = Image.Exif()
    if orientation != 1:
        exif[0x0112] = orientation
    image.save(path, "JPEG", quality=90, exif=exif.tobytes())
    return path


def test_in_range_jpeg_is_passed_through(tmp_path: Path) -> None:
    path = _jpeg(tmp_path / "a.jpg", (1200, 800))
    rect = Rect(0, 0, 1200 / 350 * MM, 800 / 350 * MM)  # 350 ppi: within 300…450
    prepared = prepare_image(path, rect, 300, tmp_path)
    assert prepared.route is ImageRoute.PASSED_THROUGH
    # The original's bytes as they are, in Curator's own file (reportlab never opens the
    # original by name).
    assert prepared.path != path and prepared.path.read_bytes() == path.read_bytes()


def test_too_fine_is_downsampled_to_the_target(tmp_path: Path) -> None:
    path = _jpeg(tmp_path / "b.jpg", (3000, 2000))
    rect = Rect(0, 0, 2 * MM, 2 / 1.5 * MM)  # 2 inches wide: 1500 ppi
    prepared = prepare_image(path, rect, 300, tmp_path)
    assert prepared.route is ImageRoute.DOWNSAMPLED
    with Image.open(prepared.path) as image:
        assert image.size == (600, 400) and image.format == "JPEG"


def test_turned_photo_is_rewritten_upright(tmp_path: Path) -> None:
    path = _jpeg(tmp_path / "c.jpg", (900, 600), orientation=6)
    rect = Rect(0, 0, 600 / 300 * MM, 900 / 300 * MM)
    prepared = prepare_image(path, rect, 300, tmp_path)
    assert prepared.route is ImageRoute.REENCODED
    with Image.open(prepared.path) as image:
        assert image.size == (600, 900)


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils needed")
def test_cmyk_jpeg_keeps_its_colours(tmp_path: Path) -> None:
    path = _jpeg(tmp_path / "cyan.jpg", (400, 400), mode="CMYK", colour=(255, 0, 0, 0))
    rect = Rect(10, 10, 400 / 350 * MM, 400 / 350 * MM)
    prepared = prepare_image(path, rect, 300, tmp_path)
    assert prepared.route is ImageRoute.PASSED_THROUGH
    frame = PageFrame(60, 60, 0, False)
    canvas = new_canvas(tmp_path / "cmyk.pdf", frame)
    canvas.drawImage(
        str(prepared.path),
        frame.x(rect.x_mm),
        frame.y(rect.bottom_mm),
        pt(rect.width_mm),
        pt(rect.height_mm),
    )
    canvas.showPage()
    canvas.save()
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "30",
            "-png",
            "-singlefile",
            str(tmp_path / "cmyk.pdf"),
            str(tmp_path / "cmyk"),
        ],
        check=True,
    )
    with Image.open(tmp_path / "cmyk.png") as rendered:
        red, green, blue = rendered.convert("RGB").getpixel((20, 20))
    assert red < 80 and green > 120 and blue > 180  # cyan, not its inverse (red)


def test_a_crop_prints_only_its_part_turned_upright(tmp_path: Path) -> None:
    # Stored on its side (orientation 6: turn clockwise): the stored top (red) is upright the
    # right half, the stored bottom (blue) the left half.
    image = Image.new("RGB", (800, 1200), (220, 20, 20))
    image.paste((20, 20, 220), (0, 600, 800, 1200))
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "turned.jpg"
    image.save(path, "JPEG", quality=95, exif=exif.tobytes())
    source = Rect(0.5, 0.0, 0.5, 1.0)  # the right half of the upright photo
    rect = Rect(0, 0, 600 / 300 * MM, 800 / 300 * MM)
    prepared = prepare_image(path, rect, 300, tmp_path, source)
    assert prepared.route is ImageRoute.REENCODED
    with Image.open(prepared.path) as out:
        assert out.size == (600, 800)
        red, _green, blue = out.convert("RGB").getpixel((300, 400))
    assert red > 180 and blue < 60
