"""Tests for curator.ingest.imaging: probing, refusals, thumbnails and previews."""

from __future__ import annotations

import io
import os
import pickle
import subprocess
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from curator.core.checks.problems import Problem
from curator.decode import bounded
from curator.ingest.imaging import (
    ImageFacts,
    ImagingError,
    Thumbnail,
    make_preview,
    make_thumbnail,
    probe,
)
from tests.ingest import images

REPO = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "data/realworld/images"
SYSTEM_ICC = Path("/usr/share/color/icc/ghostscript")

TL, TR, BL, BR = images.TOP_LEFT, images.TOP_RIGHT, images.BOTTOM_LEFT, images.BOTTOM_RIGHT


def decoded(thumbnail: Thumbnail) -> Image.Image:
    image = Image.open(io.BytesIO(thumbnail.jpeg))
    assert image.format == "JPEG"
    assert image.size == (thumbnail.width, thumbnail.height)
    return image.convert("RGB")


def close_to(actual: tuple[int, ...], expected: tuple[int, ...], tolerance: int = 12) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


def corners(image: Image.Image, inset: int = 8) -> tuple[tuple[int, ...], ...]:
    right, bottom = image.width - 1 - inset, image.height - 1 - inset
    points = ((inset, inset), (right, inset), (inset, bottom), (right, bottom))
    return tuple(tuple(image.getpixel(point)) for point in points)  # type: ignore[arg-type]


def refusal(path: Path) -> Problem:
    """The problem both probe() and make_thumbnail() report for ``path`` (they must agree)."""
    with pytest.raises(ImagingError) as by_probe:
        probe(path)
    with pytest.raises(ImagingError) as by_thumbnail:
        make_thumbnail(path)
    assert by_probe.value.problem.code == by_thumbnail.value.problem.code
    return by_thumbnail.value.problem


# --- orientation ---------------------------------------------------------------------------

# Displayed (top-left, top-right, bottom-left, bottom-right) for each EXIF orientation of a
# stored image whose quadrants are TL, TR, BL, BR.
DISPLAYED_CORNERS = {
    1: (TL, TR, BL, BR),
    2: (TR, TL, BR, BL),
    3: (BR, BL, TR, TL),
    4: (BL, BR, TL, TR),
    5: (TL, BL, TR, BR),
    6: (BL, TL, BR, TR),
    7: (BR, TR, BL, TL),
    8: (TR, BR, TL, BL),
}


@pytest.mark.parametrize("orientation", sorted(DISPLAYED_CORNERS))
def test_exif_orientation_is_applied_in_the_right_direction(
    tmp_path: Path, orientation: int
) -> None:
    path = images.write_oriented_jpeg(tmp_path, orientation)
    facts = probe(path)
    assert (facts.width, facts.height, facts.orientation) == (400, 200, orientation)

    thumbnail = make_thumbnail(path)

    turned = orientation >= 5
    assert (thumbnail.width, thumbnail.height) == ((128, 256) if turned else (256, 128))
    assert (thumbnail.full_width, thumbnail.full_height) == ((200, 400) if turned else (400, 200))
    assert facts.oriented_size == (thumbnail.full_width, thumbnail.full_height)
    for actual, expected in zip(
        corners(decoded(thumbnail)), DISPLAYED_CORNERS[orientation], strict=True
    ):
        assert close_to(actual, expected, 30), (orientation, actual, expected)


def test_invalid_orientation_counts_as_upright(tmp_path: Path) -> None:
    path = images.write_oriented_jpeg(tmp_path, orientation=9)
    assert probe(path).orientation == 1
    assert make_thumbnail(path).width == 256


# --- colour and bit depth ------------------------------------------------------------------


def test_16_bit_grey_gradient_is_scaled_not_clipped(tmp_path: Path) -> None:
    path = images.write_16bit_gradient_tiff(tmp_path)
    assert probe(path).mode == "I;16"
    image = decoded(make_thumbnail(path))
    middle = image.getpixel((image.width // 2, image.height // 2))
    assert close_to(middle, (128, 128, 128), 4)  # type: ignore[arg-type]
    assert close_to(image.getpixel((2, 2)), (0, 0, 0), 6)  # type: ignore[arg-type]
    assert close_to(image.getpixel((image.width - 3, 2)), (255, 255, 255), 6)  # type: ignore[arg-type]


def test_16_bit_rgb_tiff_keeps_mid_grey(tmp_path: Path) -> None:
    path = images.write_16bit_rgb_tiff(tmp_path)
    facts = probe(path)
    assert (facts.format, facts.width, facts.height) == ("TIFF", 256, 32)
    image = decoded(make_thumbnail(path))
    assert close_to(image.getpixel((128, 16)), (128, 128, 128), 4)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("cmyk", "rgb"),
    [
        ((255, 0, 0, 0), (0, 255, 255)),
        ((0, 255, 0, 0), (255, 0, 255)),
        ((0, 0, 255, 0), (255, 255, 0)),
        ((0, 0, 0, 255), (0, 0, 0)),
        ((0, 0, 0, 0), (255, 255, 255)),
    ],
)
@pytest.mark.parametrize("writer", [images.write_cmyk_tiff, images.write_cmyk_jpeg])
def test_cmyk_becomes_sensible_rgb(
    tmp_path: Path, writer: object, cmyk: tuple[int, ...], rgb: tuple[int, ...]
) -> None:
    path = writer(tmp_path, cmyk)  # type: ignore[operator]
    assert probe(path).mode == "CMYK"
    image = decoded(make_thumbnail(path))
    assert close_to(image.getpixel((50, 50)), rgb)  # type: ignore[arg-type]


def test_transparency_is_flattened_on_white(tmp_path: Path) -> None:
    path = images.write_alpha_png(tmp_path)
    assert probe(path).mode == "RGBA"
    image = decoded(make_thumbnail(path))
    assert close_to(image.getpixel((20, 50)), (255, 255, 255))  # type: ignore[arg-type]
    assert close_to(image.getpixel((180, 50)), (255, 0, 0))  # type: ignore[arg-type]


@pytest.mark.parametrize("mode", ["LA", "P", "1", "L"])
def test_other_png_modes_become_rgb(tmp_path: Path, mode: str) -> None:
    path = tmp_path / f"{mode}.png"
    images.quadrant_image(64, 32).convert(mode).save(path)
    image = decoded(make_thumbnail(path))
    assert image.size == (64, 32)


def test_multipage_tiff_shows_its_first_page(tmp_path: Path) -> None:
    path = images.write_multipage_tiff(tmp_path)
    facts = probe(path)
    assert (facts.frames, facts.width, facts.height) == (3, 300, 200)
    thumbnail = make_thumbnail(path)
    assert (thumbnail.width, thumbnail.height) == (256, 171)
    assert close_to(decoded(thumbnail).getpixel((100, 80)), (255, 0, 0))  # type: ignore[arg-type]


def test_broken_icc_profile_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "bad-icc.jpg"
    images.quadrant_image().save(path, "JPEG", icc_profile=b"definitely not a profile")
    assert probe(path).has_icc_profile
    assert close_to(corners(decoded(make_thumbnail(path)))[0], TL, 20)


def test_srgb_profile_leaves_colours_alone(tmp_path: Path) -> None:
    path = tmp_path / "srgb.jpg"
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGB", (64, 64), (200, 100, 50)).save(path, "JPEG", quality=95, icc_profile=srgb)
    assert probe(path).has_icc_profile
    assert close_to(decoded(make_thumbnail(path)).getpixel((32, 32)), (200, 100, 50), 4)  # type: ignore[arg-type]


@pytest.mark.skipif(not (SYSTEM_ICC / "default_cmyk.icc").exists(), reason="no CMYK profile")
def test_embedded_cmyk_profile_is_converted_to_srgb(tmp_path: Path) -> None:
    path = tmp_path / "profiled-cmyk.jpg"
    profile = (SYSTEM_ICC / "default_cmyk.icc").read_bytes()
    Image.new("CMYK", (64, 64), (255, 0, 0, 0)).save(path, "JPEG", icc_profile=profile)
    red, green, blue = decoded(make_thumbnail(path)).getpixel((32, 32))  # type: ignore[misc]
    # Printed cyan ink is far from the screen's (0, 255, 255): less green, still blue-green.
    assert red < 60 and 120 < green < 230 and blue > 200


# --- sizes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "writer",
    [
        images.write_oriented_jpeg,
        images.write_16bit_gradient_tiff,
        images.write_cmyk_jpeg,
        images.write_multipage_tiff,
        images.write_alpha_png,
        images.write_vietnamese_named_jpeg,
        images.write_jpeg_bomb,
    ],
)
def test_thumbnails_fit_in_256_pixels(tmp_path: Path, writer: object) -> None:
    path = writer(tmp_path)  # type: ignore[operator]
    thumbnail = make_thumbnail(path)
    assert max(thumbnail.width, thumbnail.height) == min(256, max(probe(path).oriented_size))
    assert thumbnail.jpeg.startswith(b"\xff\xd8")


def test_small_images_are_not_enlarged(tmp_path: Path) -> None:
    path = images.write_plain_jpeg(tmp_path, size=(120, 90))
    thumbnail = make_thumbnail(path)
    assert (thumbnail.width, thumbnail.height) == (120, 90)


def test_preview_shares_the_pipeline(tmp_path: Path) -> None:
    path = images.write_textured_jpeg(tmp_path, size=(3000, 2000))
    preview = make_preview(path)
    assert (preview.width, preview.height) == (1600, 1067)
    assert (preview.full_width, preview.full_height) == (3000, 2000)
    assert make_preview(path, max_size=400).width == 400


def test_vietnamese_file_name(tmp_path: Path) -> None:
    path = images.write_vietnamese_named_jpeg(tmp_path)
    assert path.name == "Ảnh hội đàm 01.JPG"
    assert probe(path).format == "JPEG"
    assert make_thumbnail(path).full_width == 320


@pytest.mark.parametrize("name", ["photo.PNG", "photo.tif", "photo", "PHOTO.JpEg"])
def test_format_comes_from_content_not_extension(tmp_path: Path, name: str) -> None:
    assert probe(images.write_plain_jpeg(tmp_path, name=name)).format == "JPEG"


# --- refusals ------------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    assert refusal(images.write_empty_file(tmp_path)).code == "empty-file"


def test_text_file_named_jpg(tmp_path: Path) -> None:
    assert refusal(images.write_text_file(tmp_path)).code == "not-an-image"


@pytest.mark.parametrize("format_name", ["GIF", "BMP", "WEBP"])
def test_other_image_formats_are_unsupported(tmp_path: Path, format_name: str) -> None:
    problem = refusal(images.write_foreign_image(tmp_path, format_name))
    assert problem == Problem("unsupported-format", format_name)


def test_missing_file_and_folder_are_unreadable(tmp_path: Path) -> None:
    assert refusal(tmp_path / "gone.jpg").code == "unreadable-file"
    assert refusal(tmp_path).code == "unreadable-file"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unreadable_permissions(tmp_path: Path) -> None:
    path = images.write_plain_jpeg(tmp_path)
    path.chmod(0)
    try:
        assert refusal(path).code == "unreadable-file"
    finally:
        path.chmod(0o644)


def _deflate_tiff(folder: Path) -> Path:
    path = folder / "deflate.tif"
    images.textured_image(600, 400).save(path, compression="tiff_deflate")
    return path


@pytest.mark.parametrize(
    "writer",
    [
        images.write_plain_jpeg,
        lambda folder: images.write_plain_jpeg(folder, progressive=True),
        images.write_alpha_png,
        images.write_multipage_tiff,
        images.write_16bit_gradient_tiff,
        _deflate_tiff,
    ],
    ids=["jpeg", "progressive-jpeg", "png", "tiff", "tiff-16", "tiff-deflate"],
)
@pytest.mark.parametrize("keep", [0.5, 0.05])
@pytest.mark.filterwarnings("ignore:Corrupt EXIF data:UserWarning")  # Pillow, on the cut IFD
def test_truncated_files(tmp_path: Path, writer: object, keep: float) -> None:
    path = images.write_truncated(writer(tmp_path), keep=keep)  # type: ignore[operator]
    with pytest.raises(ImagingError) as error:
        make_thumbnail(path)
    assert error.value.problem.code == "truncated-file"


def test_truncated_header(tmp_path: Path) -> None:
    path = tmp_path / "stub.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    assert refusal(path).code == "truncated-file"


def test_damaged_image_data_is_corrupt(tmp_path: Path) -> None:
    data = bytearray(images.write_alpha_png(tmp_path).read_bytes())
    start = data.index(b"IDAT") + 4
    data[start : start + 16] = b"\x00\xff" * 8  # breaks the zlib stream (and the CRC)
    path = tmp_path / "damaged.png"
    path.write_bytes(bytes(data))
    with pytest.raises(ImagingError) as error:
        make_thumbnail(path)
    assert error.value.problem.code == "corrupt-image"


def test_png_bomb_is_refused_from_its_header(tmp_path: Path) -> None:
    path = images.write_png_bomb(tmp_path)
    assert path.stat().st_size < 2_000
    problem = refusal(path)
    assert problem.code == "image-too-large"
    assert "30000 x 30000" in problem.detail


def test_huge_tiff_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bounded, "MAX_PIXELS", 10_000)
    assert refusal(images.write_multipage_tiff(tmp_path)).code == "image-too-large"


# --- JPEG shrink-on-load -------------------------------------------------------------------


def test_baseline_jpeg_is_judged_by_its_reduced_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only draft()'s 1/8-scale decode fits the limit, so success proves draft() ran."""
    jpeg = images.write_plain_jpeg(tmp_path, size=(2048, 2048))
    png = tmp_path / "same.png"
    images.quadrant_image(2048, 2048).save(png)
    progressive = images.write_plain_jpeg(tmp_path, "prog.jpg", (2048, 2048), progressive=True)
    monkeypatch.setattr(bounded, "MAX_PIXELS", 300 * 300)  # 2048/8 = 256 fits; 2048 does not

    assert probe(jpeg).width == 2048
    thumbnail = make_thumbnail(jpeg)
    assert (thumbnail.width, thumbnail.height, thumbnail.full_width) == (256, 256, 2048)
    assert refusal(png).code == "image-too-large"
    # Progressive JPEG buffers every coefficient of the full image whatever the scale.
    assert refusal(progressive).code == "image-too-large"
    # A preview needs a larger decode (1/1 for 1600 px): the limit is on what is accepted,
    # and what is accepted is decoded at any size asked for.
    assert make_preview(jpeg, max_size=1600).width == 1600


_MEASURE = """
import sys
from pathlib import Path
from curator.ingest.imaging import make_thumbnail
thumbnail = make_thumbnail(Path(sys.argv[1]))
# VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so it would include pytest's own.
status = Path("/proc/self/status").read_text().splitlines()
peak_mb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) // 1024
print(thumbnail.width, thumbnail.height, thumbnail.full_width, thumbnail.full_height, peak_mb)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in kilobytes on Linux")
def test_30000_pixel_jpeg_thumbnails_in_bounded_memory(tmp_path: Path) -> None:
    path = images.write_jpeg_bomb(tmp_path)  # a full decode would need 3.6 GB
    facts = probe(path)
    assert (facts.width, facts.height) == (30_000, 30_000)
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=120,
    )
    width, height, full_width, full_height, peak_mb = map(int, result.stdout.split())
    print(f"30000 x 30000 JPEG thumbnail: peak RSS {peak_mb} MB")
    assert (width, height, full_width, full_height) == (256, 256, 30_000, 30_000)
    assert peak_mb < 300


def test_huge_progressive_jpeg_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bounded, "MAX_PIXELS", 100_000)
    path = images.write_textured_jpeg(tmp_path, size=(800, 600), name="p.jpg")
    Image.open(path).save(path, "JPEG", progressive=True)
    assert refusal(path).code == "image-too-large"


# --- process pools -------------------------------------------------------------------------


def test_results_and_errors_pickle() -> None:
    error = pickle.loads(pickle.dumps(ImagingError(Problem("truncated-file", "cut"))))
    assert isinstance(error, ImagingError)
    assert error.problem == Problem("truncated-file", "cut")
    facts = ImageFacts("JPEG", 4, 2, "RGB", 1, 6, False)
    assert pickle.loads(pickle.dumps(facts)) == facts
    thumbnail = Thumbnail(b"\xff\xd8", 2, 4, 200, 400)
    assert pickle.loads(pickle.dumps(thumbnail)) == thumbnail


def test_runs_in_a_process_pool(tmp_path: Path) -> None:
    good = images.write_oriented_jpeg(tmp_path)
    bad = images.write_text_file(tmp_path)
    with ProcessPoolExecutor(max_workers=2) as pool:
        thumbnail = pool.submit(make_thumbnail, good).result(timeout=60)
        failure = pool.submit(probe, bad).exception(timeout=60)
    assert (thumbnail.width, thumbnail.height) == (128, 256)
    assert isinstance(failure, ImagingError)
    assert failure.problem.code == "not-an-image"


# --- the real-world corpus -----------------------------------------------------------------


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared real-world corpus not present")
@pytest.mark.filterwarnings("ignore:Corrupt EXIF data:UserWarning")  # Pillow, on damaged files
def test_realworld_corpus_never_raises_anything_else() -> None:
    outcomes: Counter[str] = Counter()
    for path in sorted(p for p in CORPUS.rglob("*") if p.is_file()):
        try:
            facts = probe(path)
            thumbnail = make_thumbnail(path)
        except ImagingError as error:
            outcomes[error.problem.code] += 1
            continue
        assert max(thumbnail.width, thumbnail.height) <= 256
        assert (thumbnail.full_width, thumbnail.full_height) == facts.oriented_size
        outcomes["ok"] += 1
    print("real-world corpus:", dict(sorted(outcomes.items())))
    assert outcomes["ok"] > 0
