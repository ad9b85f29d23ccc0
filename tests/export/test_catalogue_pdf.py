"""The exported catalogue checked with the tools a print shop uses (poppler, qpdf)."""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from curator.core.language.typography import typeset
from curator.core.layout.catalogue_model import CatalogueGeometry, PageKind, PageText
from curator.core.model import CaptionField
from curator.core.publishing.catalogue_service import CatalogueOptions, project_catalogue
from curator.core.services import ProjectService
from curator.demo import write_demo
from curator.export import catalogue as catalogue_module
from curator.export.catalogue import (
    ExportCancelledError,
    PreflightFailedError,
    export_catalogue,
)
from curator.export.images import ImageRoute
from curator.export.text_measure import ReportlabMeasure

REFERENCE = Path(__file__).parent / "reference"
TODAY = date(2026, 3, 1)
PT_PER_MM = 72 / 25.4

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("qpdf", "pdffonts", "pdfinfo", "pdftotext")),
    reason="poppler-utils and qpdf are needed",
)


def _run(*command: str | Path) -> str:
    return subprocess.run(
        [str(c) for c in command], check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path, _created = write_demo(tmp_path_factory.mktemp("demo"))
    return path


@pytest.fixture(scope="module")
def exported(demo: Path) -> tuple[Path, CatalogueGeometry, dict[str, ImageRoute]]:
    out = demo.parent / "catalogue.pdf"
    measure = ReportlabMeasure()
    with ProjectService.open(demo, read_only=True) as service:
        result = export_catalogue(service, out, measure, today=TODAY)
        geometry, _options = project_catalogue(service, measure, today=TODAY)
    assert result.pages == len(geometry.pages)
    return out, geometry, result.routes


def test_qpdf_finds_nothing_wrong(exported) -> None:
    pdf, _geometry, _routes = exported
    result = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_every_font_is_embedded_and_subset(exported) -> None:
    pdf, _geometry, _routes = exported
    rows = _run("pdffonts", pdf).splitlines()[2:]
    assert rows
    for row in rows:
        name, *_rest = row.split()
        emb, sub = row.split()[-5], row.split()[-4]
        assert (emb, sub) == ("yes", "yes"), row
        assert "+Noto" in name, row  # no Helvetica or other base-14 font
    assert {r.split()[0].split("+")[1] for r in rows} >= {"NotoSerif-Bold", "NotoSans-Regular"}


def test_every_page_has_trim_bleed_and_art_boxes(exported) -> None:
    pdf, geometry, _routes = exported
    info = _run("pdfinfo", "-box", "-f", "1", "-l", str(len(geometry.pages)), pdf)
    spec = geometry.spec
    for number in range(1, len(geometry.pages) + 1):
        boxes = {}
        for kind in ("MediaBox", "BleedBox", "TrimBox", "ArtBox"):
            match = re.search(
                rf"Page\s+{number} {kind}:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", info
            )
            assert match, (number, kind)
            boxes[kind] = [float(v) for v in match.groups()]
        x0, y0, x1, y1 = boxes["TrimBox"]
        assert x1 - x0 == pytest.approx(spec.trim_width_mm * PT_PER_MM, abs=0.1)
        assert y1 - y0 == pytest.approx(spec.trim_height_mm * PT_PER_MM, abs=0.1)
        assert x0 == pytest.approx(spec.bleed_mm * PT_PER_MM, abs=0.1)
        bx0, _by0, bx1, _by1 = boxes["BleedBox"]
        assert bx1 - bx0 == pytest.approx(
            (spec.trim_width_mm + 2 * spec.bleed_mm) * PT_PER_MM, abs=0.1
        )
        assert boxes["ArtBox"] == boxes["TrimBox"]


def _normal(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _rejoin(lines: list[PageText]) -> str:
    text = ""
    for line in lines:
        body = line.text[:-1] if line.hyphenated else line.text
        text += body + ("" if line.joins_next else " ")
    return text.strip()


def _field_lines(geometry: CatalogueGeometry, photo_id: str, language: str, field: CaptionField):
    for page in geometry.pages:
        lines = [
            t
            for t in page.texts
            if t.photo_id == photo_id and t.language == language and t.field is field
        ]
        if lines:
            return page.number, lines
    return None, []


def test_pdftotext_returns_every_caption_in_every_language(exported, demo: Path) -> None:
    pdf, geometry, _routes = exported
    raw_pages: dict[int, str] = {}
    checked = 0
    with ProjectService.open(demo, read_only=True) as service:
        for photo in service.photos.all():
            for language in ("vi", "ru", "en"):
                for field in (CaptionField.HEADLINE, CaptionField.CAPTION, CaptionField.CREDIT):
                    stored = service.captions.get(photo.id, language, field)
                    if stored is None or not stored.text:
                        continue
                    number, lines = _field_lines(geometry, photo.id, language, field)
                    assert lines, (photo.path.name, language, field)
                    # the lines, joined again, are the caption as typeset for the language
                    assert _rejoin(lines) == typeset(stored.text, language)
                    if number not in raw_pages:
                        raw_pages[number] = _normal(
                            _run("pdftotext", "-raw", "-f", number, "-l", number, pdf, "-")
                        )
                    printed = "\n".join(_normal(line.text) for line in lines)
                    assert printed in raw_pages[number], (photo.path.name, language, field)
                    checked += 1
    assert checked >= 9 * 3 * 3 - 2  # two fields are empty in the demo on purpose


def test_russian_typography_in_the_pdf(exported) -> None:
    pdf, geometry, _routes = exported
    text = _run("pdftotext", "-raw", pdf, "-")
    assert "2026\u00a0г." in text or "2026 г." in text
    for page in geometry.pages:
        for line in page.texts:
            if line.language == "ru":
                words = line.text.split(" ")
                # no line ends in a one-letter word: it is tied to the next by a no-break space
                assert len(words[-1]) > 1 or not words[-1].isalpha(), line.text
                assert '"' not in line.text


def test_jpegs_in_range_are_passed_through_byte_for_byte(
    exported, demo: Path, tmp_path: Path
) -> None:
    pdf, _geometry, routes = exported
    passed = [key for key, route in routes.items() if route is ImageRoute.PASSED_THROUGH]
    assert passed and any(r is ImageRoute.DOWNSAMPLED for r in routes.values())
    listing = _run("pdfimages", "-list", pdf)
    assert " jpeg " in listing and "rgb" in listing
    photo_id, page = passed[0].split("@")
    _run("pdfimages", "-j", "-f", page, "-l", page, pdf, tmp_path / "img")
    extracted = {p.read_bytes() for p in tmp_path.glob("img-*.jpg")}
    with ProjectService.open(demo, read_only=True) as service:
        original = service.photos.get(photo_id).path.read_bytes()
    assert original in extracted


def test_turned_photo_is_upright(exported, demo: Path) -> None:
    pdf, geometry, routes = exported
    with ProjectService.open(demo, read_only=True) as service:
        turned = next(p for p in service.photos.all() if p.orientation == 6)
    pages = geometry.photo_pages()[turned.id]
    assert routes[f"{turned.id}@{pages[0]}"] is not ImageRoute.PASSED_THROUGH
    listing = _run("pdfimages", "-list", "-f", pages[0], "-l", pages[0], pdf).splitlines()[2:]
    width, height = int(listing[0].split()[3]), int(listing[0].split()[4])
    assert height > width  # stored 2400 x 1600 on its side, printed portrait


def test_page_matches_its_reference(exported, tmp_path: Path) -> None:
    pdf, geometry, _routes = exported
    foreword = next(p for p in geometry.pages if p.kind is PageKind.FOREWORD)
    _run("pdftoppm", "-r", "30", "-png", "-f", foreword.number, "-l", foreword.number,
         "-singlefile", pdf, tmp_path / "page")  # fmt: skip
    rendered = Image.open(tmp_path / "page.png").convert("L")
    reference = Image.open(REFERENCE / "foreword-vi-30dpi.png").convert("L")
    assert rendered.size == reference.size
    difference = ImageStat.Stat(ImageChops.difference(rendered, reference)).mean[0]
    assert difference < 1.5, difference


def test_crop_marks_sit_outside_the_bleed(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "marks.pdf"
    options = CatalogueOptions(marks=True, bleed_mm=3.0)
    with ProjectService.open(demo, read_only=True) as service:
        export_catalogue(service, out, ReportlabMeasure(), options, today=TODAY, report=False)
    info = _run("pdfinfo", "-box", "-f", "2", "-l", "2", out)
    media = [float(v) for v in re.search(r"MediaBox:\s+(.*)", info).group(1).split()]
    bleed = [float(v) for v in re.search(r"BleedBox:\s+(.*)", info).group(1).split()]
    assert media[2] > bleed[2] + 20  # a slug for the marks
    _run("pdftoppm", "-r", "72", "-png", "-f", "2", "-l", "2", "-singlefile", out, tmp_path / "m")
    image = Image.open(tmp_path / "m.png").convert("L")
    scale = image.width / media[2]
    trim_x = 13 * PT_PER_MM * scale  # 3 mm bleed + 10 mm slug
    mark_y = round((13 - 3 - 2.5) * PT_PER_MM * scale)  # in the vertical mark above the corner
    column = [image.getpixel((round(trim_x) + dx, mark_y)) for dx in (-1, 0, 1)]
    assert min(column) < 128  # the mark is drawn
    assert image.getpixel((round(trim_x) - 8, round(11 * PT_PER_MM * scale))) > 250  # bleed clear


def test_preflight_errors_stop_the_export(tmp_path: Path) -> None:
    path, _created = write_demo(tmp_path / "demo")
    with ProjectService.open(path) as service:
        photo = next(iter(service.photos.all()))
        photo.path.rename(photo.path.with_suffix(".gone"))
        with pytest.raises(PreflightFailedError) as failed:
            export_catalogue(service, tmp_path / "c.pdf", ReportlabMeasure())
    assert any(f.code == "photo-missing" for f in failed.value.findings)
    assert not (tmp_path / "c.pdf").exists()


def test_cancel_leaves_no_pdf(demo: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(catalogue_module, "CHUNK_PAGES", 3)
    cancel = threading.Event()

    def progress(report) -> None:
        if report.done == 4:
            cancel.set()

    out = tmp_path / "cancelled.pdf"
    with ProjectService.open(demo, read_only=True) as service, pytest.raises(ExportCancelledError):
        export_catalogue(service, out, ReportlabMeasure(), on_progress=progress, cancel=cancel)
    assert list(tmp_path.iterdir()) == []


def test_chunks_join_into_one_valid_pdf(demo: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(catalogue_module, "CHUNK_PAGES", 2)
    out = tmp_path / "chunked.pdf"
    with ProjectService.open(demo, read_only=True) as service:
        result = export_catalogue(service, out, ReportlabMeasure(), today=TODAY)
    assert subprocess.run(["qpdf", "--check", str(out)], capture_output=True).returncode == 0
    pages = int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", out)).group(1))
    assert pages == result.pages
    report = result.report_path.read_text(encoding="utf-8")
    assert "caption-missing" in report and "passed through" in report
