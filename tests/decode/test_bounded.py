"""Bounded memory on every image Curator accepts, and whatever import accepts also prints and
delivers (issue 16, points 4 and 5).

Memory is measured in a fresh subprocess (its own peak, VmHWM, and its workers' through
RUSAGE_CHILDREN), never time. The inputs are legal files written without holding their pixels
(tests/decode/hostile.py).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from curator.core.layout import Rect
from curator.decode import bounded
from curator.deliver.resize import resize_copy
from curator.export.images import prepare_image
from curator.ingest.analysis import analyse_file
from curator.ingest.imaging import ImagingError, make_thumbnail
from tests.decode import hostile
from tests.ingest import images

REPO = Path(__file__).resolve().parents[2]
#: The issue's target for one import worker, whatever the photo.
WORKER_LIMIT_MB = 400

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc and ru_maxrss in KB")

_PEAK = """
import json, resource, sys
from pathlib import Path

def peak_mb():
    status = Path("/proc/self/status").read_text().splitlines()
    own = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) // 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    return own, children
"""

_ANALYSE = (
    _PEAK
    + """
from curator.ingest.analysis import analyse_file
result = analyse_file(Path(sys.argv[1]))
own, _children = peak_mb()
problem = result.problem.code if result.problem else None
print(json.dumps({"peak": own, "problem": problem, "width": result.width,
                  "thumbnail": [result.thumbnail_width, result.thumbnail_height]}))
"""
)


def run_measured(script: str, *args: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout.splitlines()[-1]))


# --- point 4: import peak under 400 MB for any image Curator accepts ------------------------


@pytest.mark.parametrize(
    ("writer", "expected"),
    [
        # The 164 KB palette PNG with transparency: 1.5 GB through Pillow.
        (lambda folder: hostile.write_palette_png(folder), None),
        (lambda folder: hostile.write_rgb16_png(folder), None),
        (lambda folder: hostile.write_strip_tiff(folder), None),
        # A valid 60000 x 60000 baseline JPEG (3.6 gigapixels), shrunk inside libjpeg.
        (lambda folder: images.write_jpeg_bomb(folder, side=60_000), None),
        # Progressive: libjpeg holds every coefficient (345 MiB), so this is the worst accepted.
        (lambda folder: hostile.write_progressive_jpeg(folder), None),
        # What a decoder must hold whole is over the budget: refused from the header.
        (lambda folder: hostile.write_strip_tiff(folder, rows_per_strip=13_000), "image-too-large"),
    ],
    ids=[
        "palette-png-13000",
        "rgb16-png-12000",
        "strip-tiff-13000",
        "jpeg-60000",
        "progressive-jpeg-61mp",
        "one-strip-tiff",
    ],
)
def test_import_worker_peak_is_bounded(tmp_path: Path, writer, expected: str | None) -> None:
    path = writer(tmp_path)
    measured = run_measured(_ANALYSE, str(path))
    print(f"{path.name}: peak {measured['peak']} MB")
    assert measured["problem"] == expected
    if expected is None:
        assert max(measured["thumbnail"]) == 256  # type: ignore[call-overload]
    assert measured["peak"] < WORKER_LIMIT_MB  # type: ignore[operator]


def test_jpeg_whose_header_claims_13000_pixels_is_refused_or_cheap(tmp_path: Path) -> None:
    """A few hundred bytes claiming 13000 x 13000: progressive (whole coefficient buffer)."""
    small = tmp_path / "small.jpg"
    Image.new("RGB", (64, 64), (10, 120, 200)).save(small, "JPEG", progressive=True)
    data = bytearray(small.read_bytes())
    frame = data.index(b"\xff\xc2")
    data[frame + 5 : frame + 9] = (13_000).to_bytes(2, "big") * 2
    claims = tmp_path / "claims.jpg"
    claims.write_bytes(bytes(data))
    measured = run_measured(_ANALYSE, str(claims))
    assert measured["problem"] == "image-too-large"
    assert measured["peak"] < 100  # type: ignore[operator]


_IMPORT_FOLDER = (
    _PEAK
    + """
from curator.core.services import ProjectService
from curator.ingest.importer import ImportOptions, import_paths
project = Path(sys.argv[1])
ProjectService.create(project, title="Big", languages=["en"]).close()
with ProjectService.open(project) as service:
    report = import_paths(service, [Path(sys.argv[2])], ImportOptions(workers=2))
own, children = peak_mb()
print(json.dumps({"added": len(report.added), "refused": len(report.refused),
                  "own": own, "workers": children}))
"""
)


def test_four_huge_pngs_in_a_folder_import_with_bounded_workers(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    first = hostile.write_palette_png(folder, name="a.png")
    for index, colour in enumerate((1, 2, 3)):
        data = bytearray(first.read_bytes())
        data[data.index(b"PLTE") + 4] = 100 + colour  # a different photo (hash)
        (folder / f"{'bcd'[index]}.png").write_bytes(_fix_crc(bytes(data), b"PLTE"))
    measured = run_measured(_IMPORT_FOLDER, str(tmp_path / "p.curator"), str(folder))
    print(f"four 13000 x 13000 PNGs: importer {measured['own']} MB, workers {measured['workers']}")
    assert (measured["added"], measured["refused"]) == (4, 0)
    assert measured["workers"] < WORKER_LIMIT_MB  # type: ignore[operator]
    assert measured["own"] < WORKER_LIMIT_MB  # type: ignore[operator]


def _fix_crc(data: bytes, kind: bytes) -> bytes:
    import struct
    import zlib

    at = data.index(kind) - 4
    length = struct.unpack(">I", data[at : at + 4])[0]
    body = data[at + 4 : at + 8 + length]
    crc = struct.pack(">I", zlib.crc32(body))
    return data[: at + 8 + length] + crc + data[at + 12 + length :]


# --- the streamed route gives the same picture as Pillow's -----------------------------------


def _thumbnail(path: Path, streamed: bool, monkeypatch: pytest.MonkeyPatch) -> Image.Image:
    with monkeypatch.context() as patch:
        if streamed:  # every decode is "too large" for Pillow: libvips makes it
            patch.setattr(bounded, "PILLOW_BYTES_PER_PIXEL", 10**9)
        thumbnail = make_thumbnail(path, 128)
    return Image.open(io.BytesIO(thumbnail.jpeg)).convert("RGB")


@pytest.mark.parametrize(
    "writer",
    [
        images.write_alpha_png,
        images.write_16bit_rgb_tiff,
        images.write_16bit_gradient_tiff,
        images.write_cmyk_tiff,
        images.write_oriented_jpeg,
        images.write_cmyk_jpeg,
        lambda folder: hostile.write_palette_png(folder, side=300),
    ],
    ids=[
        "alpha-png",
        "rgb16-tiff",
        "grey16-tiff",
        "cmyk-tiff",
        "oriented-jpeg",
        "cmyk-jpeg",
        "palette",
    ],
)
def test_streamed_thumbnail_looks_like_pillows(
    tmp_path: Path, writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = writer(tmp_path)
    by_pillow = _thumbnail(path, False, monkeypatch)
    streamed = _thumbnail(path, True, monkeypatch)
    assert streamed.size == by_pillow.size  # same orientation, same fit
    difference = ImageStat.Stat(ImageChops.difference(streamed, by_pillow)).mean
    assert max(difference) < 8, difference


# --- point 5: what import accepts, products and deliveries handle ---------------------------


def test_60000_pixel_jpeg_prints_and_delivers(tmp_path: Path) -> None:
    path = images.write_jpeg_bomb(tmp_path, side=60_000)
    assert analyse_file(path).problem is None
    prepared = prepare_image(path, Rect(0, 0, 100, 100), 300, tmp_path)
    assert (prepared.pixel_width, prepared.pixel_height) == (1181, 1181)
    with Image.open(prepared.path) as printed:
        assert printed.size == (1181, 1181)
        assert abs(printed.convert("L").getpixel((500, 500)) - 128) < 8  # type: ignore[operator]
    resized = resize_copy(path.read_bytes(), 2000)
    assert resized is not None and (resized.width, resized.height) == (2000, 2000)


def test_huge_png_prints_and_delivers(tmp_path: Path) -> None:
    path = hostile.write_palette_png(tmp_path, transparent=False)
    prepared = prepare_image(path, Rect(0, 0, 200, 200), 300, tmp_path)
    with Image.open(prepared.path) as printed:
        assert printed.size == (2362, 2362)
        assert printed.convert("RGB").getpixel((100, 100)) == pytest.approx((200, 30, 30), abs=6)
    resized = resize_copy(path.read_bytes(), 1000)
    assert resized is not None and (resized.width, resized.height) == (1000, 1000)


_CLI = (
    _PEAK
    + """
from curator import cli
code = cli.main(sys.argv[1:])
own, _children = peak_mb()
print(json.dumps({"code": code, "peak": own}))
"""
)


def test_cli_exports_and_delivers_what_it_imported(tmp_path: Path) -> None:
    """The issue's case: a valid 60000 x 60000 JPEG imports, then export and deliver died."""
    folder = tmp_path / "photos"
    folder.mkdir()
    images.write_jpeg_bomb(folder, side=60_000)
    hostile.write_palette_png(folder)
    project = str(tmp_path / "p.curator")
    for argv in (
        ["new", project, "--languages", "en"],
        ["import", project, str(folder)],
        ["layout", "auto", project],
    ):
        assert run_measured(_CLI, *argv)["code"] == 0, argv
    exported = run_measured(_CLI, "export", "catalogue", project, "-o", str(tmp_path / "c.pdf"))
    assert exported["code"] == 0 and (tmp_path / "c.pdf").stat().st_size > 0
    delivered = run_measured(
        _CLI, "deliver", project, "--to", str(tmp_path / "out"), "--long-edge", "1500", "--json"
    )
    copies = sorted((tmp_path / "out").iterdir())
    assert len(copies) == 2
    for copy in copies:
        with Image.open(copy) as image:
            assert max(image.size) == 1500
    print(f"export peak {exported['peak']} MB, deliver peak {delivered['peak']} MB")
    assert exported["peak"] < 600 and delivered["peak"] < 600  # type: ignore[operator]


def test_truncated_huge_png_is_imported_as_damaged(tmp_path: Path) -> None:
    whole = hostile.write_palette_png(tmp_path)
    cut = images.write_truncated(whole, "cut.png", keep=0.5)
    with pytest.raises(ImagingError) as refused:
        make_thumbnail(cut)
    assert refused.value.problem.code == "truncated-file"
    analysis = analyse_file(cut)
    assert analysis.problem is None and analysis.thumbnail_width == 256
    assert analysis.metadata is not None
    assert "truncated-file" in [problem.code for problem in analysis.metadata.problems]


# --- point 5: a PNG with a large compressed text chunk ---------------------------------------


def test_png_with_large_compressed_text_imports_pixels_and_metadata(tmp_path: Path) -> None:
    path = hostile.write_compressed_text_png(tmp_path)
    with pytest.raises(ValueError, match="MAX_TEXT_CHUNK"):  # what Pillow alone does
        Image.open(path).load()
    analysis = analyse_file(path)
    assert analysis.problem is None
    assert (analysis.width, analysis.height) == (300, 200)
    thumbnail = Image.open(io.BytesIO(analysis.thumbnail_jpeg)).convert("RGB")
    assert thumbnail.getpixel((50, 50)) == pytest.approx((200, 10, 10), abs=8)
    assert analysis.metadata is not None
    assert [text.text for text in analysis.metadata.headlines] == ["Flood in Hue"]
    prepared = prepare_image(path, Rect(0, 0, 20, 20), 300, tmp_path)
    assert prepared.pixel_width == 300
