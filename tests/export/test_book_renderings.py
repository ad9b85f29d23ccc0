"""Every kind of page the book has, rendered with pdftoppm and compared with its reference.

The references in ``reference/book-*.png`` were rendered from the demo and looked at, page by
page, in both language orders (vi, ru, en and ru, en, vi). A change in what a page prints or
where (a title's line breaks, a column's width, a photo's place) moves the mean difference
past the tolerance; antialiasing does not. ``CURATOR_UPDATE_REFERENCES=1`` writes them anew
(then look at each before committing); a missing reference fails.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageStat
from printing import needs_tools, run_tool

from curator.core.editing import sections
from curator.core.layout.catalogue_model import CatalogueGeometry, PageChoice, PageKind
from curator.core.model import CaptionField
from curator.core.publishing.catalogue_service import CatalogueOptions, project_catalogue
from curator.core.publishing.page_choices import set_page_choice
from curator.core.services import ProjectService
from curator.demo import write_demo
from curator.export.catalogue import export_catalogue
from curator.export.cover import export_cover
from curator.export.text_measure import ReportlabMeasure
from curator.ingest.importer import import_paths

pytestmark = needs_tools("pdftoppm")

REFERENCE = Path(__file__).parent / "reference"
TODAY = date(2026, 3, 1)
DPI = "20"
#: The share of pixels that may differ from the reference by more than ``INK_STEP`` grey
#: levels: antialiasing stays far below it; a line set in another place or size does not
#: (the same page in the other language order differs in 0.16-7 % of its pixels).
TOLERANCE = 0.0005
INK_STEP = 48
ORDERS = {"vi-ru-en": ("vi", "ru", "en"), "ru-en-vi": ("ru", "en", "vi")}


def _kinds(geometry: CatalogueGeometry) -> dict[str, int]:
    """The first page of each kind and photo template: name → page number."""
    found: dict[str, int] = {}
    for page in geometry.pages:
        key = page.template if page.kind is PageKind.PHOTOS else page.kind.value
        if page.template.endswith("-continued") or page.template == "half-title-verso":
            continue
        found.setdefault(key, page.number)
    return found


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("renderings")
    project, _created = write_demo(base)
    measure = ReportlabMeasure()
    pngs: dict[str, Path] = {}
    with ProjectService.open(project, read_only=True) as service:
        for name, order in ORDERS.items():
            options = CatalogueOptions(languages=order)
            pdf = base / f"{name}.pdf"
            export_catalogue(service, pdf, measure, options, preflight=False, report=False,
                             today=TODAY)  # fmt: skip
            geometry, _resolved = project_catalogue(service, measure, options, TODAY)
            for kind, number in _kinds(geometry).items():
                stem = base / f"book-{name}-{kind}"
                run_tool("pdftoppm", "-r", DPI, "-png", "-f", str(number), "-l", str(number),
                         "-singlefile", pdf, stem)  # fmt: skip
                pngs[stem.name] = stem.with_suffix(".png")
            cover = base / f"cover-{name}.pdf"
            export_cover(service, cover, measure, options, today=TODAY)
            stem = base / f"book-{name}-cover-sheet"
            run_tool("pdftoppm", "-r", DPI, "-png", "-singlefile", cover, stem)
            pngs[stem.name] = stem.with_suffix(".png")
    chosen = _chosen_templates(base / "chosen")
    with ProjectService.open(chosen, read_only=True) as service:
        for name, order in ORDERS.items():
            options = CatalogueOptions(languages=order)
            pdf = base / f"chosen-{name}.pdf"
            export_catalogue(service, pdf, measure, options, preflight=False, report=False,
                             today=TODAY)  # fmt: skip
            geometry, _resolved = project_catalogue(service, measure, options, TODAY)
            kinds = _kinds(geometry)
            pages = {"spread": kinds["spread"], "spread-right": kinds["spread"] + 1,
                     "two-up": kinds["two-up"]}  # fmt: skip
            for kind, number in pages.items():
                stem = base / f"book-{name}-{kind}"
                run_tool("pdftoppm", "-r", DPI, "-png", "-f", str(number), "-l", str(number),
                         "-singlefile", pdf, stem)  # fmt: skip
                pngs[stem.name] = stem.with_suffix(".png")
    return pngs


def _chosen_templates(base: Path) -> Path:
    """The demo with a panorama across a spread and two portraits side by side, chosen."""
    project, _created = write_demo(base)
    image = Image.new("RGB", (4800, 1800), (40, 90, 150))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 1100, 4800, 1800), fill=(70, 110, 60))
    draw.ellipse((3300, 200, 3700, 600), fill=(240, 200, 80))
    image.save(base / "panorama.jpg", "JPEG", quality=90)
    with ProjectService.open(project) as service:
        import_paths(service, [base / "panorama.jpg"])
        photos = {p.path.name: p.id for p in service.photos.all()}
        pano = photos["panorama.jpg"]
        words = {"vi": "Toàn cảnh Hồ Tây lúc hoàng hôn", "ru": "Озеро Тэй на закате",
                 "en": "West Lake at sunset"}  # fmt: skip
        for lang, text in words.items():
            service.set_caption(pano, lang, CaptionField.HEADLINE, text)
        first = service.exhibition.sections()[0]
        lead = service.exhibition.photo_ids(first.id)[0]
        sections.assign(service, first.id, [pano], before_photo_id=lead)
        set_page_choice(service, pano, PageChoice.SPREAD)
        portraits = [photos["06-hanoi-lanterns.jpg"], photos["09-moscow-snow.jpg"]]
        last = service.exhibition.sections()[-1]
        sections.assign(service, last.id, portraits)
        set_page_choice(service, portraits[0], PageChoice.TWO_UP)
    return project


EXPECTED = [
    f"book-{order}-{kind}"
    for order in ORDERS
    for kind in (
        "cover-sheet",
        "half-title",
        "title",
        "imprint",
        "contents",
        "foreword",
        "section-opener",
        "full-bleed",
        "spread",
        "spread-right",
        "two-up",
        "two-per-page",
        "full-page",
        "photo-beside-captions",
        "notes",
        "index",
        "colophon",
    )
]


def test_every_kind_of_page_is_rendered(rendered: dict[str, Path]) -> None:
    assert set(EXPECTED) <= set(rendered), sorted(set(EXPECTED) - set(rendered))


@pytest.mark.parametrize("name", EXPECTED)
def test_page_matches_its_reference(rendered: dict[str, Path], name: str) -> None:
    png = rendered.get(name)
    assert png is not None, f"{name} was not rendered"
    reference = REFERENCE / f"{name}.png"
    if os.environ.get("CURATOR_UPDATE_REFERENCES") == "1":
        reference.write_bytes(png.read_bytes())
    assert reference.is_file(), f"no reference {reference.name}"
    page = Image.open(png).convert("L")
    expected = Image.open(reference).convert("L")
    assert page.size == expected.size
    changed = ImageChops.difference(page, expected).point(lambda v: 255 if v > INK_STEP else 0)
    share = ImageStat.Stat(changed).mean[0] / 255
    assert share < TOLERANCE, (name, share)
