"""The catalogue's page templates chosen per photo, the spread and its gutter, one grid per page
(issue 19.4), with a simple text measure."""

from __future__ import annotations

from dataclasses import replace

import pytest

from curator.core.layout.catalogue import catalogue_geometry
from curator.core.layout.catalogue_model import (
    CatalogueContent,
    CatalogueGeometry,
    CataloguePage,
    CataloguePhoto,
    CatalogueSection,
    PageChoice,
    PageKind,
    PageSpec,
)
from curator.core.layout.catalogue_pages import MIN_COLUMN_MM, column_widths
from curator.core.model import CaptionField

LANGS = ("vi", "ru", "en")


class Measure:
    """Every character 0.5 em wide; lines 1.3 × the size."""

    def width_mm(self, text: str, font: str, size_pt: float) -> float:
        return len(text) * size_pt * 0.5 * 25.4 / 72

    def line_height_mm(self, font: str, size_pt: float) -> float:
        return size_pt * 1.3 * 25.4 / 72

    def ascent_mm(self, font: str, size_pt: float) -> float:
        return size_pt * 25.4 / 72

    def missing_characters(self, text: str, font: str) -> str:
        return ""


def _photo(
    pid: str, width: int, height: int, choice: PageChoice = PageChoice.AUTO, words: int = 3
) -> CataloguePhoto:
    captions = {
        lang: {
            CaptionField.HEADLINE: f"{lang} headline {pid}",
            CaptionField.CAPTION: f"{lang} caption text for {pid} " * words,
            CaptionField.CREDIT: f"{lang} credit",
        }
        for lang in LANGS
    }
    return CataloguePhoto(pid, width, height, captions, {"en": ("A",)}, choice)


def _geometry(*photos: CataloguePhoto, spec: PageSpec | None = None) -> CatalogueGeometry:
    section = CatalogueSection("s1", {lang: f"Section {lang}" for lang in LANGS}, {}, photos)
    content = CatalogueContent(
        title={lang: f"Title {lang}" for lang in LANGS},
        foreword={"vi": "Lời giới thiệu.", "en": "Foreword text."},
        sections=(section,),
        words={"photographers": {"en": "Photographers"}},
        colophon={lang: ("Curator",) for lang in LANGS},
    )
    return catalogue_geometry(content, spec or PageSpec(), LANGS, Measure())


def _pages_of(geometry: CatalogueGeometry, photo_id: str) -> list[CataloguePage]:
    return [p for p in geometry.pages if any(x.photo_id == photo_id for x in p.photos)]


def _middle_x(page: CataloguePage, photo_id: str) -> float:
    """Where on the page the photo's middle column prints (from its part and source)."""
    placed = next(x for x in page.photos if x.photo_id == photo_id)
    source = placed.source
    assert source is not None
    return placed.rect.x_mm + (0.5 - source.x_mm) / source.width_mm * placed.rect.width_mm


@pytest.mark.parametrize("gutter", [5.0, 0.0, 12.0])
def test_a_panorama_crosses_the_spread_its_middle_clear_of_the_binding(gutter: float) -> None:
    spec = PageSpec(spread_gutter_mm=gutter)
    pano = _photo("pano", 9000, 3600, PageChoice.SPREAD)
    geometry = _geometry(_photo("a", 6000, 4000), pano, spec=spec)
    verso, recto = _pages_of(geometry, "pano")
    assert (verso.template, recto.template) == ("spread", "spread")
    assert verso.number % 2 == 0 and recto.number == verso.number + 1
    left, right = verso.photos[0], recto.photos[0]
    width = spec.trim_width_mm
    # off the outer edges into the bleed, each half up to the fold
    assert left.rect.x_mm == pytest.approx(-spec.bleed_mm)
    assert left.rect.right_mm == pytest.approx(width)
    assert right.rect.x_mm == pytest.approx(0.0)
    assert right.rect.right_mm == pytest.approx(width + spec.bleed_mm)
    # the photo's middle prints where the binding stops hiding the page, on both pages
    assert _middle_x(verso, "pano") == pytest.approx(width - gutter)
    assert _middle_x(recto, "pano") == pytest.approx(gutter)
    # what the binding hides on each page is shown again on the other: nothing is lost
    assert left.source and right.source
    shown_twice = gutter / (2 * (width - gutter + spec.bleed_mm))
    assert left.source.right_mm == pytest.approx(0.5 + shown_twice)
    assert right.source.x_mm == pytest.approx(0.5 - shown_twice)
    assert left.source.x_mm == 0 and right.source.right_mm == pytest.approx(1.0)
    for placed in (left, right):  # the photo's own proportions, never stretched
        shown = placed.source.width_mm * 9000 / (placed.source.height_mm * 3600)
        assert placed.rect.width_mm / placed.rect.height_mm == pytest.approx(shown)
    captions = [t for t in verso.texts if t.photo_id == "pano"]
    assert captions and all(t.baseline_mm > left.rect.bottom_mm for t in captions)
    assert not any(t.overflows for t in captions)
    assert not [t for t in recto.texts if t.photo_id == "pano"]


def test_a_spread_starts_on_a_left_hand_page_the_next_photo_first() -> None:
    # the hero faces the opener (a right-hand page), a landscape follows on a left-hand page:
    # the spread's turn comes on a right-hand page
    pano = _photo("pano", 9000, 3600, PageChoice.SPREAD)
    hero = _photo("h", 6000, 4000, PageChoice.FULL_BLEED)
    geometry = _geometry(hero, _photo("a", 6000, 4000), pano, _photo("b", 6000, 4000))
    verso, _recto = _pages_of(geometry, "pano")
    assert verso.number % 2 == 0
    printed = geometry.photo_pages()
    assert printed["b"][0] < verso.number  # the next photo filled the right-hand page
    assert printed["pano"] == [verso.number, verso.number + 1]


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        ((6000, 4000), "full-bleed"),  # 3:2 crosses an A4 spread with no room for captions
        ((4000, 6000), "full-page"),  # a portrait cannot fill a spread at all
        ((2400, 900), "full-bleed"),  # wide enough, too few pixels at 416 mm
    ],
)
def test_a_photo_that_cannot_fill_a_spread_falls_back(size: tuple[int, int], expected: str) -> None:
    photo = _photo("x", *size, PageChoice.SPREAD)
    geometry = _geometry(_photo("a", 6000, 4000, PageChoice.SINGLE), photo)
    pages = _pages_of(geometry, "x")
    assert [p.template for p in pages] in ([expected], ["full-page"])
    assert all(p.template != "spread" for p in geometry.pages)
    for page in pages:  # never cropped
        placed = page.photos[0]
        assert placed.source is None
        assert placed.rect.width_mm / placed.rect.height_mm == pytest.approx(size[0] / size[1])


def test_the_hero_is_the_flagged_photo_else_the_first_landscape() -> None:
    # no foreword in ru: the opener would fall on a left-hand page, so the hero faces it
    first, flagged = _photo("a", 6000, 4000), _photo("b", 6000, 4000, PageChoice.FULL_BLEED)
    for photos, hero in (((first, flagged), "b"), ((first, _photo("b", 6000, 4000)), "a")):
        geometry = _geometry(*photos)
        page = next(p for p in geometry.pages if p.template == "full-bleed")
        assert page.photos[0].photo_id == hero
        assert geometry.pages[page.number].kind is PageKind.OPENER  # the page after it


def test_each_choice_is_honoured() -> None:
    photos = [
        _photo("single", 4000, 6000, PageChoice.SINGLE),
        _photo("beside", 6000, 4000, PageChoice.BESIDE),
        _photo("bleed", 6000, 4000, PageChoice.FULL_BLEED),
        _photo("up1", 4000, 6000, PageChoice.TWO_UP),
        _photo("up2", 4000, 6000),
    ]
    geometry = _geometry(_photo("first", 6000, 4000), *photos)
    templates = {
        pid: [p.template for p in _pages_of(geometry, pid)] for pid in geometry.photo_pages()
    }
    assert templates["single"] == ["full-page"]
    assert templates["beside"] == ["photo-beside-captions"]
    assert templates["bleed"] == ["full-bleed"]
    assert templates["up1"] == templates["up2"] == ["two-up"]
    assert _pages_of(geometry, "up1") == _pages_of(geometry, "up2")


def test_two_up_photos_are_equally_wide_and_captions_sit_under_their_own() -> None:
    pair = (_photo("l", 4000, 6000, PageChoice.TWO_UP), _photo("r", 3000, 6000, words=9))
    geometry = _geometry(_photo("first", 6000, 4000), *pair)
    (page,) = _pages_of(geometry, "l")
    left, right = (next(x.rect for x in page.photos if x.photo_id == pid) for pid in ("l", "r"))
    assert left.width_mm == pytest.approx(right.width_mm)
    assert left.y_mm == pytest.approx(right.y_mm)  # tops aligned in the row
    assert left.right_mm < right.x_mm
    firsts = []
    for pid, rect in (("l", left), ("r", right)):
        lines = [t for t in page.texts if t.photo_id == pid]
        assert lines and not any(t.overflows for t in lines)
        assert all(rect.x_mm - 1e-6 <= t.x_mm < rect.right_mm for t in lines)
        assert all(t.baseline_mm > max(left.bottom_mm, right.bottom_mm) for t in lines)
        firsts.append(min(t.baseline_mm for t in lines))
    assert firsts[0] == pytest.approx(firsts[1])  # both captions start on one line


def test_two_per_page_share_one_grid() -> None:
    # a 3:2 and a 16:9 photo: each alone would be as wide as it fits; on one page, equally wide
    hero = _photo("h", 6000, 4000, PageChoice.FULL_BLEED)
    geometry = _geometry(hero, _photo("a", 6000, 4000), _photo("b", 6400, 3600))
    (page,) = _pages_of(geometry, "a")
    assert page.template == "two-per-page" and len(page.photos) == 2
    top, bottom = (p.rect for p in page.photos)
    assert top.width_mm == pytest.approx(bottom.width_mm) and top.x_mm == bottom.x_mm
    starts = []
    for placed in page.photos:
        lines = [t for t in page.texts if t.photo_id == placed.photo_id]
        rect = placed.rect
        assert all(rect.x_mm - 1e-6 <= t.x_mm <= rect.right_mm for t in lines)
        assert all(t.baseline_mm > rect.bottom_mm for t in lines)
        heads = sorted(t.x_mm for t in lines if t.field is CaptionField.HEADLINE)
        starts.append(heads)
    assert starts[0] == pytest.approx(starts[1])  # the same language columns under both


def test_caption_columns_are_as_wide_as_their_language_needs() -> None:
    photo = _photo("a", 6000, 4000)
    long_russian = {**photo.captions, "ru": {CaptionField.CAPTION: "очень длинный текст " * 30}}
    geometry = _geometry(replace(photo, captions=long_russian, choice=PageChoice.SINGLE))
    (page,) = _pages_of(geometry, "a")
    starts = {lang: min(t.x_mm for t in page.texts if t.language == lang and t.photo_id == "a")
              for lang in LANGS}  # fmt: skip
    rect = page.photos[0].rect
    assert starts["vi"] == pytest.approx(rect.x_mm)  # aligned to the photo
    widths = {"vi": starts["ru"] - starts["vi"], "ru": starts["en"] - starts["ru"]}
    assert widths["ru"] > 1.5 * widths["vi"]
    lines = [t for t in page.texts if t.photo_id == "a"]
    assert all(t.x_mm <= rect.right_mm for t in lines) and not any(t.overflows for t in lines)
    # without a difference, three equal columns (as before)
    (even,) = _pages_of(_geometry(_photo("a", 6000, 4000, PageChoice.SINGLE)), "a")
    xs = sorted({t.x_mm for t in even.texts if t.field is CaptionField.HEADLINE})
    assert xs[1] - xs[0] == pytest.approx(xs[2] - xs[1], abs=8.0)


def test_column_widths_share_the_measure_and_keep_the_minimum() -> None:
    assert column_widths(165.0, [1, 1, 1]) == pytest.approx([55.0] * 3)
    widths = column_widths(165.0, [0.0, 10.0, 30.0])
    assert sum(widths) == pytest.approx(165.0)
    assert widths[0] == pytest.approx(MIN_COLUMN_MM) and widths[2] > widths[1] >= MIN_COLUMN_MM
    assert column_widths(165.0, [0, 0, 0]) == pytest.approx([55.0] * 3)
    assert column_widths(100.0, [1.0, 100.0]) == pytest.approx([MIN_COLUMN_MM, 55.0])


def test_a_portrait_faces_its_captions_only_when_it_has_words() -> None:
    """Issue 19.1: never a verso of a rule and a credit facing a photo."""
    bare = {lang: {CaptionField.CREDIT: f"{lang} credit"} for lang in LANGS}
    portraits = [CataloguePhoto(f"p{n}", 4000, 6000, bare) for n in range(5)]
    worded = [_photo(f"w{n}", 4000, 6000) for n in range(3)]
    for photos in (portraits, worded, [*portraits[:3], *worded, *portraits[3:]]):
        geometry = _geometry(*photos)
        for page in geometry.pages:
            if page.template == "photo-facing-captions":
                assert page.number % 2 == 0
                facing = geometry.pages[page.number]  # the page after it: its photo
                assert facing.template == "full-page-photo"
                owner = facing.photos[0].photo_id
                assert owner.startswith("w")
                assert any(t.field is CaptionField.CAPTION and t.photo_id == owner
                           for t in page.texts)  # fmt: skip
        captions_only = [p for p in geometry.pages if p.kind is PageKind.CAPTIONS]
        assert len(captions_only) <= sum(1 for p in photos if p.id.startswith("w"))
        for page in geometry.pages:
            if page.template == "portrait-spread":
                assert page.photos and any(t.photo_id for t in page.texts)


def test_a_headline_keeps_its_line_when_its_column_can_afford_it() -> None:
    # floors: a column is never narrower than its headline on one line (up to an equal share)
    assert column_widths(165.0, [1.0, 100.0, 1.0], [50.0, 0.0, 0.0]) == pytest.approx(
        [50.0, 70.0, MIN_COLUMN_MM]
    )
    assert column_widths(165.0, [1.0, 100.0, 1.0], [90.0, 0.0, 0.0])[0] == pytest.approx(55.0)
    photo = _photo("a", 6000, 4000, PageChoice.SINGLE)
    captions = {**photo.captions, "ru": {CaptionField.CAPTION: "очень длинный текст " * 30},
                "en": {CaptionField.HEADLINE: "Tet market in the Old Quarter"}}  # fmt: skip
    (page,) = _pages_of(_geometry(replace(photo, captions=captions)), "a")
    heads = [t for t in page.texts if t.language == "en" and t.field is CaptionField.HEADLINE]
    assert [t.text for t in heads] == ["Tet market in the Old Quarter"]
