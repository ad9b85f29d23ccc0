"""What a print shop's RIP reads: one font subset per face for the whole document, each
with a tag of its own (pdffonts); photos that keep their ICC profile outside PDF/X
(pdfimages -list says ``icc``); CMYK photos within the output profile's ink limit."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageCms
from printing import CMYK_PROFILE, RGB_PROFILE, needs_tools, run_tool

import curator.export.catalogue as catalogue_export
from curator.core.layout import Rect
from curator.core.services import ProjectService
from curator.demo import write_demo
from curator.export.catalogue import export_catalogue
from curator.export.colour import load_output_profile, total_ink
from curator.export.images import ImageRoute, prepare_image
from curator.export.labels import export_labels
from curator.export.text_measure import ReportlabMeasure
from curator.ingest.importer import ImportOptions, import_paths

pytestmark = needs_tools("pdffonts", "pdfimages", "pdftotext")


def _fonts(pdf: Path) -> list[str]:
    rows = run_tool("pdffonts", pdf).splitlines()[2:]
    return [row.split()[0] for row in rows]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_demo(tmp_path_factory.mktemp("fonts"))[0]


def test_a_catalogue_in_many_chunks_has_one_subset_per_face(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    measure = ReportlabMeasure()
    whole, chunked = tmp_path / "whole.pdf", tmp_path / "chunked.pdf"
    with ProjectService.open(demo, read_only=True) as service:
        monkeypatch.setattr(catalogue_export, "CHUNK_PAGES", 200)
        export_catalogue(service, whole, measure, report=False, today=date(2026, 3, 1))
        monkeypatch.setattr(catalogue_export, "CHUNK_PAGES", 3)  # 6 chunks of the 16 pages
        export_catalogue(service, chunked, measure, report=False, today=date(2026, 3, 1))
    names = _fonts(chunked)
    assert len(names) == len(set(names))  # every font object has a name of its own
    faces = [name.split("+", 1)[1] for name in names]
    assert len(faces) == len(set(faces))  # one program per face for the whole document
    assert all(re.fullmatch(r"[A-Z]{6}", name.split("+")[0]) for name in names)
    assert not any(name.startswith("AAAAAA+") for name in names)
    assert sorted(faces) == sorted(name.split("+", 1)[1] for name in _fonts(whole))
    # every character still reads as itself on every page of every chunk
    assert run_tool("pdftotext", chunked, "-") == run_tool("pdftotext", whole, "-")


def test_labels_too_carry_distinct_subset_names(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "labels.pdf"
    with ProjectService.open(demo, read_only=True) as service:
        export_labels(service, out, ReportlabMeasure())
    names = _fonts(out)
    assert len(names) == len(set(names)) and not any(n.startswith("AAAAAA+") for n in names)


def _profiled_project(tmp_path: Path, profile: bytes) -> Path:
    photos = tmp_path / "photos"
    photos.mkdir()
    upright = Image.new("RGB", (1200, 800), (40, 120, 200))
    upright.save(photos / "a-upright.jpg", quality=90, icc_profile=profile)
    turned = Image.new("RGB", (1200, 800), (200, 120, 40))
    exif = Image.Exif()
    exif[0x0112] = 6  # must be turned: re-encoded
    turned.save(photos / "b-turned.jpg", quality=90, icc_profile=profile, exif=exif)
    plain = Image.new("RGB", (1200, 800), (90, 90, 90))
    plain.save(photos / "c-plain.jpg", quality=90)
    path = tmp_path / "p.curator"
    with ProjectService.create(path, title="ICC", languages=["en"]) as service:
        import_paths(service, sorted(photos.iterdir()), ImportOptions(workers=1))
        with service.store.transaction():
            section = service.exhibition.add_section({"en": "All"}, {})
            service.exhibition.assign(section.id, [p.id for p in service.photos.all()])
    return path


def _image_colours(pdf: Path) -> list[str]:
    rows = run_tool("pdfimages", "-list", pdf).splitlines()[2:]
    return [row.split()[5] for row in rows]


@pytest.mark.skipif(not RGB_PROFILE.is_file(), reason="libgs-common's default_rgb.icc")
def test_photos_keep_their_profile_passed_through_or_reencoded(tmp_path: Path) -> None:
    project = _profiled_project(tmp_path, RGB_PROFILE.read_bytes())
    out = tmp_path / "c.pdf"
    with ProjectService.open(project, read_only=True) as service:
        result = export_catalogue(service, out, ReportlabMeasure(), preflight=False, report=False)
    assert result.count(ImageRoute.PASSED_THROUGH) >= 1
    assert result.count(ImageRoute.REENCODED) + result.count(ImageRoute.DOWNSAMPLED) >= 1
    assert "icc" in _image_colours(out)  # what poppler reads
    profiled, plain = set(), set()
    with pikepdf.Pdf.open(out) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image":
                red, green, blue = (
                    pikepdf.PdfImage(obj).as_pil_image().convert("RGB").getpixel((5, 5))
                )
                space = obj.ColorSpace
                if isinstance(space, pikepdf.Array):
                    assert space[0] == "/ICCBased"
                    profiled.add((red > green, space[1].read_bytes() == RGB_PROFILE.read_bytes()))
                else:
                    plain.add((abs(red - blue) < 8, str(space)))
    # the blue photo passed through and the orange one re-encoded keep the profile; the
    # photo without one stays DeviceRGB
    assert profiled == {(False, True), (True, True)}
    assert plain == {(True, "/DeviceRGB")}


@pytest.mark.skipif(not CMYK_PROFILE.is_file(), reason="libgs-common's default_cmyk.icc")
def test_a_profile_that_does_not_fit_the_photo_is_left_out(tmp_path: Path) -> None:
    project = _profiled_project(tmp_path, CMYK_PROFILE.read_bytes())  # CMYK profile, RGB data
    out = tmp_path / "c.pdf"
    with ProjectService.open(project, read_only=True) as service:
        export_catalogue(service, out, ReportlabMeasure(), preflight=False, report=False)
    assert set(_image_colours(out)) == {"rgb"}


@pytest.mark.skipif(not CMYK_PROFILE.is_file(), reason="libgs-common's default_cmyk.icc")
def test_cmyk_above_the_ink_limit_is_brought_within_it(tmp_path: Path) -> None:
    profile = load_output_profile(CMYK_PROFILE)
    assert 280 < profile.ink_limit < 310  # SWOP: 300 %
    heavy = tmp_path / "heavy.jpg"
    Image.new("CMYK", (600, 400), (240, 230, 230, 220)).save(heavy, quality=95)  # 361 %
    light = tmp_path / "light.jpg"
    Image.new("CMYK", (600, 400), (100, 60, 40, 20)).save(light, quality=95)
    rect = Rect(0, 0, 600 / 300 * 25.4, 400 / 300 * 25.4)
    passed = prepare_image(light, rect, 300, tmp_path, profile=profile)
    assert passed.route is ImageRoute.PASSED_THROUGH
    assert passed.path.read_bytes() == light.read_bytes()  # Curator's copy, bytes as they are
    prepared = prepare_image(heavy, rect, 300, tmp_path, profile=profile)
    assert prepared.route is ImageRoute.REENCODED
    with Image.open(prepared.path) as image:
        assert image.mode == "CMYK"
        assert total_ink(image) <= profile.ink_limit + 3
    with Image.open(heavy) as image:
        assert total_ink(image) > 350
    tiff = tmp_path / "heavy.tif"  # never passed through: measured as it is re-encoded
    Image.new("CMYK", (600, 400), (240, 230, 230, 220)).save(tiff)
    with Image.open(prepare_image(tiff, rect, 300, tmp_path, profile=profile).path) as image:
        assert image.mode == "CMYK" and total_ink(image) <= profile.ink_limit + 3


def test_total_ink_reads_the_darkest_area() -> None:
    image = Image.new("CMYK", (100, 100), (0, 0, 0, 0))
    image.paste((255, 255, 255, 255), (40, 40, 60, 60))
    assert total_ink(image) == pytest.approx(400, abs=1)
    assert total_ink(Image.new("RGB", (4, 4))) == 0


@pytest.mark.skipif(not RGB_PROFILE.is_file(), reason="libgs-common's default_rgb.icc")
@pytest.mark.parametrize(
    ("profile", "version"),
    [
        (lambda: RGB_PROFILE.read_bytes(), "1.4"),  # ICC version 2
        (lambda: ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(), "1.6"),
    ],
    ids=["icc-v2", "icc-v4"],
)
def test_the_pdf_version_reads_the_profiles_it_carries(tmp_path: Path, profile, version) -> None:
    project = _profiled_project(tmp_path, profile())
    out = tmp_path / "c.pdf"
    with ProjectService.open(project, read_only=True) as service:
        export_catalogue(service, out, ReportlabMeasure(), preflight=False, report=False)
    with pikepdf.Pdf.open(out) as pdf:
        assert pdf.pdf_version == version
