"""Page templates chosen per photo, read back from the real catalogue PDF (issue 19.4).

A panorama chosen across a spread prints on a left- and a right-hand page, its middle where the
binding stops hiding each page (found in pdftoppm's rendering by a red stripe down the middle
of the photo); each page carries its half of the picture (pdfimages -list); its captions sit
under it (pdftotext -bbox). On every photo page, each caption line sits under its own photo,
from its left edge, within its width when the language columns fit in it (pdftotext -bbox
against the geometry the PDF was drawn from).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from printing import needs_tools, run_tool

from curator.core.editing import sections
from curator.core.layout.catalogue_model import CatalogueGeometry, PageChoice, PageKind
from curator.core.model import CaptionField, CatalogueSettings
from curator.core.publishing.catalogue_service import project_catalogue
from curator.core.publishing.page_choices import set_page_choice
from curator.core.services import ProjectService
from curator.demo import write_demo
from curator.export.catalogue import export_catalogue
from curator.export.text_measure import ReportlabMeasure
from curator.ingest.importer import import_paths

pytestmark = needs_tools("pdftoppm", "pdftotext", "pdfimages", "pdfinfo")

TODAY = date(2026, 3, 1)
PT_PER_MM = 72 / 25.4
DPI = 50
#: The width three language columns need side by side (45 mm each, 5 mm apart).
COLUMNS_MM = 3 * 45 + 2 * 5
PANO = (4800, 1800)


def _panorama(path: Path) -> None:
    """A wide photo: a sky-to-water gradient, a red stripe down its very middle."""
    width, height = PANO
    image = Image.new("RGB", PANO, (40, 90, 150))
    draw = ImageDraw.Draw(image)
    for y in range(0, height, 10):
        draw.rectangle((0, y, width, y + 10), fill=(40 + y // 20, 110, 170 - y // 30))
    draw.rectangle((width // 2 - 12, 0, width // 2 + 12, height), fill=(230, 20, 20))
    image.save(path, "JPEG", quality=92)


def _catalogue(base: Path, gutter: float) -> tuple[Path, CatalogueGeometry, str]:
    project, _created = write_demo(base)
    _panorama(base / "panorama.jpg")
    with ProjectService.open(project) as service:
        settings = service.project.catalogue_settings()
        service.project.set_catalogue_settings(
            CatalogueSettings.from_dict({**settings.to_dict(), "spread_gutter_mm": gutter})
        )
        import_paths(service, [base / "panorama.jpg"])
        pano = next(p for p in service.photos.all() if p.path.name == "panorama.jpg")
        for lang, words in (("vi", "Toàn cảnh"), ("ru", "Панорама"), ("en", "Panorama")):
            service.set_caption(pano.id, lang, CaptionField.HEADLINE, f"{words} {lang.upper()}")
        section = service.exhibition.sections()[0]
        first = service.exhibition.photo_ids(section.id)[0]
        sections.assign(service, section.id, [pano.id], before_photo_id=first)
        set_page_choice(service, pano.id, PageChoice.SPREAD)
        measure = ReportlabMeasure()
        pdf = base / "catalogue.pdf"
        export_catalogue(service, pdf, measure, preflight=False, report=False, today=TODAY)
        geometry, _resolved = project_catalogue(service, measure, today=TODAY)
    return pdf, geometry, pano.id


@pytest.fixture(scope="module", params=[5.0, 12.0])
def spread_book(request, tmp_path_factory) -> tuple[Path, CatalogueGeometry, str, float]:
    base = tmp_path_factory.mktemp("spread")
    pdf, geometry, pano = _catalogue(base, request.param)
    return pdf, geometry, pano, request.param


def _spread_pages(geometry: CatalogueGeometry, photo_id: str) -> list[int]:
    return [
        page.number
        for page in geometry.pages
        if page.template == "spread" and any(p.photo_id == photo_id for p in page.photos)
    ]


def _red_columns(pdf: Path, page: int, out: Path) -> list[int]:
    """The pixel columns of a rendered page where the red stripe shows."""
    stem = out / f"page-{page}"
    run_tool("pdftoppm", "-r", str(DPI), "-png", "-f", str(page), "-l", str(page),
             "-singlefile", pdf, stem)  # fmt: skip
    image = Image.open(stem.with_suffix(".png")).convert("RGB")
    row = round(30 * DPI / 25.4)  # 30 mm down the page: inside the photo
    return [
        x
        for x in range(image.width)
        if (lambda r, g, b: r > 180 and g < 90 and b < 90)(*image.getpixel((x, row)))
    ]


def test_the_panorama_crosses_the_spread_with_its_middle_clear_of_the_binding(
    spread_book, tmp_path: Path
) -> None:
    pdf, geometry, pano, gutter = spread_book
    verso, recto = _spread_pages(geometry, pano)
    assert verso % 2 == 0 and recto == verso + 1
    bleed, width = geometry.spec.bleed_mm, geometry.spec.trim_width_mm
    px_per_mm = DPI / 25.4
    for page, middle_mm in ((verso, width - gutter), (recto, gutter)):
        red = _red_columns(pdf, page, tmp_path)
        assert red, f"no red stripe on page {page}"
        centre = (min(red) + max(red)) / 2
        expected = (middle_mm + bleed) * px_per_mm  # the rendering includes the bleed
        # the stripe is 2.1 mm wide; where the binding hides the page, it is not
        assert abs(centre - expected) <= 2.0, (page, centre, expected)
        assert (max(red) - min(red)) / px_per_mm < 4.0


def test_each_page_of_the_spread_carries_its_half_of_the_picture(spread_book) -> None:
    pdf, geometry, pano, _gutter = spread_book
    verso, recto = _spread_pages(geometry, pano)
    listing = run_tool("pdfimages", "-list", "-f", str(verso), "-l", str(recto), pdf)
    rows = [line.split() for line in listing.splitlines()[2:] if line.strip()]
    by_page = {int(row[0]): row for row in rows}
    assert set(by_page) == {verso, recto}
    for number in (verso, recto):
        row = by_page[number]
        pixels_w, pixels_h, ppi = int(row[3]), int(row[4]), float(row[12])
        placed = geometry.pages[number - 1].photos[0]
        # the half shown (and what the binding hides), at the page's aspect, sharp enough
        assert pixels_w / pixels_h == pytest.approx(
            placed.rect.width_mm / placed.rect.height_mm, rel=0.01
        )
        assert ppi >= geometry.spec.min_ppi
    info = run_tool("pdfinfo", "-box", "-f", str(verso), "-l", str(recto), pdf)
    trims = re.findall(r"TrimBox:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", info)
    for x0, _y0, x1, _y1 in trims:
        assert (float(x1) - float(x0)) / PT_PER_MM == pytest.approx(210.0, abs=0.1)


def _lines(pdf: Path, page: int) -> list[tuple[str, float, float, float]]:
    """The text lines of a page: text, left, right, top, in mm of the trim."""
    xml = run_tool("pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), pdf, "-")
    lines = []
    for block in re.findall(r"<line (.*?)</line>", xml, re.DOTALL):
        box = dict(re.findall(r'(\w+)="([\d.]+)"', block.split(">")[0]))
        words = re.findall(r">([^<]+)</word>", block)
        lines.append((" ".join(words), float(box["xMin"]), float(box["xMax"]), float(box["yMin"])))
    return lines


def test_captions_print_under_their_own_photo_within_its_width(spread_book) -> None:
    pdf, geometry, pano, _gutter = spread_book
    bleed = geometry.spec.bleed_mm
    checked = within = 0
    for page in geometry.pages:
        if page.kind is not PageKind.PHOTOS or page.template in ("full-bleed", "spread"):
            continue
        if page.template == "photo-beside-captions":
            continue
        printed = _lines(pdf, page.number)
        for placed in page.photos:
            rect = placed.rect
            heads = [t for t in page.texts if t.photo_id == placed.photo_id]
            for line in heads:
                words = " ".join(line.text.split())
                found = [p for p in printed if p[0] == words.replace("\u00ad", "")]
                if not found:
                    continue  # a line pdftotext split or joined differently
                _text, x0, x1, top = min(
                    found,
                    key=lambda p, line=line: (
                        abs(p[1] / PT_PER_MM - bleed - line.x_mm)
                        + abs(p[3] / PT_PER_MM - bleed - line.baseline_mm)
                    ),
                )  # the same words printed elsewhere (a credit) are farther
                left, right = x0 / PT_PER_MM - bleed, x1 / PT_PER_MM - bleed
                # from the photo's left edge; within its width when the columns fit in it
                assert left >= rect.x_mm - 0.5, (page.number, words)
                if rect.width_mm >= COLUMNS_MM:
                    assert right <= rect.right_mm + 0.5, (page.number, words)
                    within += 1
                assert top / PT_PER_MM - bleed >= rect.bottom_mm - 0.5
                checked += 1
    assert checked > 20 and within > 10
    # the spread's captions, under the photo on its left-hand page
    verso, _recto = _spread_pages(geometry, pano)
    photo = geometry.pages[verso - 1].photos[0].rect
    heads = [
        p for p in _lines(pdf, verso) if p[0].startswith(("Toàn cảnh", "Панорама", "Panorama"))
    ]
    assert len(heads) == 3
    assert all(top / PT_PER_MM - bleed > photo.bottom_mm for _t, _x0, _x1, top in heads)
