"""The catalogue as a book and its cover sheet, read back from the real PDFs (issue 19.1-19.3).

A 100-photo, 5-section catalogue (real camera photos from ../shared/data/realworld when
present, made up to 100 with generated ones) has a page count divisible by 4, its openers on
odd pages, a contents page naming them, and a cover sheet of its own whose spine is as wide
as the settings say - all read from the PDFs' own text and boxes (pdftotext, pdfinfo -box).
"""

from __future__ import annotations

import hashlib
import math
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from printing import needs_tools, run_tool

from curator.core.editing import sections
from curator.core.layout.catalogue_model import PageKind
from curator.core.model import CaptionField, CatalogueSettings
from curator.core.publishing.catalogue_service import project_catalogue
from curator.core.services import ProjectService
from curator.demo import write_demo
from curator.export.catalogue import export_catalogue
from curator.export.cover import export_cover
from curator.export.text_measure import ReportlabMeasure
from curator.ingest.importer import import_paths

pytestmark = needs_tools("pdfinfo", "pdftotext")

REALWORLD = Path(__file__).resolve().parents[3] / "shared" / "data" / "realworld" / "images"
TODAY = date(2026, 3, 1)
PT_PER_MM = 72 / 25.4
LANGS = ["vi", "ru", "en"]


def _decodes(path: Path) -> bool:
    try:
        with Image.open(path) as image:
            image.load()
            return image.mode in ("RGB", "L") and min(image.size) >= 64
    except Exception:  # any file Pillow cannot decode whole is left out
        return False


def _real_photos(folder: Path, count: int) -> None:
    """Up to ``count`` distinct real JPEGs that decode whole, copied into ``folder``."""
    folder.mkdir()
    real = sorted(REALWORLD.rglob("*.jp*g")) if REALWORLD.is_dir() else []
    seen: set[bytes] = set()
    for source in real:
        if len(seen) >= count:
            break
        digest = hashlib.sha256(source.read_bytes()).digest()
        if digest not in seen and _decodes(source):
            seen.add(digest)
            shutil.copyfile(source, folder / f"real-{len(seen):03d}{source.suffix.lower()}")


def _generated_photos(folder: Path, count: int) -> None:
    """``count`` generated JPEGs, one in three a portrait, each with a bar of its own."""
    folder.mkdir()
    for n in range(count):
        size = (900, 1350) if n % 3 == 0 else (1500, 1000)
        image = Image.new("RGB", size, ((n * 37) % 200, 90, 160))
        ImageDraw.Draw(image).rectangle((n * 8, 100, n * 8 + 60, 400), fill=(240, 200, 40))
        image.save(folder / f"gen-{n:03d}.jpg", "JPEG")


def _box(pdf: Path, name: str) -> tuple[float, float]:
    """A box's width and height in millimetres, read by pdfinfo."""
    line = next(x for x in run_tool("pdfinfo", "-box", pdf).splitlines() if x.startswith(name))
    x0, y0, x1, y1 = (float(v) for v in line.split(":")[1].split())
    return (x1 - x0) / PT_PER_MM, (y1 - y0) / PT_PER_MM


def _pages(pdf: Path) -> int:
    info = run_tool("pdfinfo", pdf)
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))  # type: ignore[union-attr]


def _text(pdf: Path, page: int) -> str:
    return " ".join(run_tool("pdftotext", "-f", str(page), "-l", str(page), pdf, "-").split())


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    base = tmp_path_factory.mktemp("book")
    project = base / "book.curator"
    with ProjectService.create(project, title="Book", languages=LANGS) as service:
        _real_photos(base / "real", 50)
        import_paths(service, [base / "real"])  # a real file the importer refuses is left out
        _generated_photos(base / "generated", 100 - len(list(service.photos.all())))
        import_paths(service, [base / "generated"])
        photos = sorted(service.photos.all(), key=lambda p: p.path.name)
        assert len(photos) == 100
        for index, photo in enumerate(photos):
            for lang in LANGS:
                service.set_caption(photo.id, lang, CaptionField.HEADLINE, f"{lang} photo {index}")
            service.set_caption(photo.id, "en", CaptionField.CAPTION, "A caption. " * 4)
        for k in range(5):
            title = {lang: f"Part {k + 1} {lang} title" for lang in LANGS}
            ids = [p.id for p in photos[k * 20 : (k + 1) * 20]]
            sections.add_section(service, title, photo_ids=ids)
        measure = ReportlabMeasure()
        pdf = base / "catalogue.pdf"
        export_catalogue(service, pdf, measure, preflight=False, report=False, today=TODAY)
        cover = base / "cover.pdf"
        export_cover(service, cover, measure, today=TODAY)
    return project, pdf, cover


def test_hundred_photos_make_a_book_of_whole_sheets(book) -> None:
    _project, pdf, _cover = book
    pages = _pages(pdf)
    assert pages % 4 == 0
    assert _text(pdf, 1).startswith("Book")  # the half-title, not a cover
    contents = _text(pdf, 5)
    assert contents.startswith("Mục lục Содержание Contents")
    for k in range(1, 6):
        title = f"Part {k} en title"
        # the English title is printed on the contents and on its opener only
        where = [n for n in range(6, pages + 1) if title in _text(pdf, n)]
        assert len(where) == 1 and where[0] % 2 == 1, (title, where)
        lead = f"Part {k} vi title"
        assert re.search(rf"{re.escape(lead)} .*?{where[0]}\b", contents), contents
        assert title in contents


def test_cover_sheet_spine_matches_the_book_and_the_caliper(book) -> None:
    _project, pdf, cover = book
    pages = _pages(pdf)
    assert _pages(cover) == 1
    spine = math.ceil(pages / 2) * 0.1
    width, height = _box(cover, "TrimBox")
    assert width == pytest.approx(2 * 210 + spine, abs=0.05)
    assert height == pytest.approx(297, abs=0.05)
    bleed_width, _h = _box(cover, "BleedBox")
    assert bleed_width == pytest.approx(width + 6, abs=0.05)
    media_width, _h = _box(cover, "MediaBox")
    assert media_width > bleed_width  # room for the marks


def test_settings_set_the_binding_and_the_spine(tmp_path: Path) -> None:
    project, _created = write_demo(tmp_path)
    measure = ReportlabMeasure()
    with ProjectService.open(project) as service:
        settings = service.project.catalogue_settings()
        service.project.set_catalogue_settings(
            CatalogueSettings(
                **{**settings.to_dict(), "binding_pages": 16, "paper_caliper_mm": 0.8}
            )
        )
        pdf, cover = tmp_path / "c.pdf", tmp_path / "cover.pdf"
        export_catalogue(service, pdf, measure, preflight=False, report=False, today=TODAY)
        result = export_cover(service, cover, measure, today=TODAY)
    pages = _pages(pdf)
    assert pages % 16 == 0 and result.book_pages == pages
    width, _height = _box(cover, "TrimBox")
    assert width == pytest.approx(420 + pages / 2 * 0.8, abs=0.05)
    text = _text(cover, 1)
    # a spine this wide carries the title in the languages that fit, head to foot
    assert result.spine_languages and result.spine_languages[0] == "vi"
    assert text.count("Việt Nam – Nga: 68 năm hợp tác thông tấn") >= 2  # front or back, spine


def test_a_chosen_cover_photo_that_is_gone_is_a_warning_not_a_refusal(tmp_path: Path) -> None:
    project, _created = write_demo(tmp_path)
    with ProjectService.open(project, read_only=True) as service:
        first = service.exhibition.photo_ids(service.exhibition.sections()[0].id)[0]
        result = export_cover(service, tmp_path / "c.pdf", ReportlabMeasure(), photo_id="nope")
    assert result.photo_id == first
    assert [f.code for f in result.findings if f.code.startswith("cover-photo-missing")]


def test_index_follows_the_printed_credit_and_colophon_names_agencies(tmp_path: Path) -> None:
    project, _created = write_demo(tmp_path)
    measure = ReportlabMeasure()
    with ProjectService.open(project) as service:
        photo_id = service.exhibition.photo_ids(service.exhibition.sections()[0].id)[0]
        service.set_caption(photo_id, "vi", CaptionField.CREDIT, "Ảnh: Lê Văn Mới/TTXVN")
        geometry, _options = project_catalogue(service, measure, today=TODAY)
        pdf = tmp_path / "c.pdf"
        export_catalogue(service, pdf, measure, preflight=False, report=False, today=TODAY)
    printed = geometry.photo_pages()[photo_id]
    index = next(p.number for p in geometry.pages if p.kind is PageKind.INDEX)
    layout = run_tool("pdftotext", "-layout", "-f", str(index), "-l", str(index), pdf, "-")
    # the name the printed credit gives, with the page the photo is on, in its column
    assert re.search(rf"Lê Văn Mới\s+{printed[0]}\b", layout), layout
    colophon = _text(pdf, _pages(pdf))
    for words in ("Ảnh: ", "Фотографии: ", "Photographs: "):
        assert re.search(rf"{words}\S", colophon), (words, colophon)
