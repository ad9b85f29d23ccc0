"""Catalogue page geometry with a simple text measure: templates, order, numbering."""

from __future__ import annotations

from dataclasses import replace

from curator.core.layout import break_lines
from curator.core.layout.catalogue import catalogue_geometry
from curator.core.layout.catalogue_model import (
    CatalogueContent,
    CataloguePhoto,
    CatalogueSection,
    PageKind,
    PageSpec,
)
from curator.core.layout.text import break_text
from curator.core.model import CaptionField
from curator.core.typography import hyphenation_points


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


LANGS = ("vi", "ru", "en")


def _photo(pid: str, width: int, height: int, who: str = "Tuấn Anh") -> CataloguePhoto:
    captions = {
        lang: {
            CaptionField.HEADLINE: f"{lang} headline {pid}",
            CaptionField.CAPTION: f"{lang} caption text for {pid} " * 3,
            CaptionField.CREDIT: f"{lang} credit",
        }
        for lang in LANGS
    }
    names = {"vi": (who,), "ru": ("Туан Ань",), "en": ("Tuan Anh",)}
    return CataloguePhoto(pid, width, height, captions, names)


def _content(*photos: CataloguePhoto) -> CatalogueContent:
    section = CatalogueSection(
        "s1", {lang: f"Section {lang}" for lang in LANGS}, {"vi": "Giới thiệu"}, photos
    )
    return CatalogueContent(
        title={lang: f"Title {lang}" for lang in LANGS},
        foreword={"vi": "Lời giới thiệu.", "en": "Foreword text."},
        sections=(section,),
        words={"photographers": {"en": "Photographers"}, "language": {"en": "English"}},
        colophon={lang: (f"Title {lang}", "Curator") for lang in LANGS},
    )


def test_pages_in_order_with_templates_by_photo_shape() -> None:
    content = _content(
        _photo("a", 6000, 4000),
        _photo("b", 6000, 4000),
        _photo("c", 4000, 6000),
        _photo("d", 6000, 4000),
    )
    geometry = catalogue_geometry(content, PageSpec(), LANGS, Measure())
    kinds = [page.kind for page in geometry.pages]
    assert kinds[:4] == [PageKind.COVER, PageKind.FOREWORD, PageKind.FOREWORD, PageKind.OPENER]
    templates = [page.template for page in geometry.pages]
    assert templates[4] == "two-per-page"  # a and b on page 5
    # page 6 is a left-hand page: the portrait faces its captions from page 7
    assert templates[5:7] == ["photo-facing-captions", "full-page-photo"]
    assert templates[7] == "full-page"
    assert geometry.pages[-1].kind is PageKind.COLOPHON and geometry.pages[-1].number % 2 == 0
    assert geometry.photo_pages() == {"a": [5], "b": [5], "c": [7], "d": [8]}


def test_portrait_on_a_right_hand_page_sits_beside_its_captions() -> None:
    content = _content(_photo("c", 4000, 6000))
    # no foreword: cover 1, opener 2, the photo on page 3 (a right-hand page)
    content = CatalogueContent(content.title, {}, content.sections, content.words, content.colophon)
    geometry = catalogue_geometry(content, PageSpec(), LANGS, Measure())
    page = next(p for p in geometry.pages if p.photos and p.kind is PageKind.PHOTOS)
    assert (page.number, page.template) == (3, "photo-beside-captions")
    photo = page.photos[0].rect
    captions = [t for t in page.texts if t.photo_id == "c"]
    assert captions and all(t.x_mm >= photo.right_mm for t in captions)


def test_captions_follow_the_language_order_and_stay_inside_the_page() -> None:
    for order in (("vi", "ru", "en"), ("ru", "en", "vi")):
        geometry = catalogue_geometry(
            _content(_photo("a", 6000, 4000)), PageSpec(), order, Measure()
        )
        page = next(p for p in geometry.pages if p.template == "full-page")
        headlines = [t for t in page.texts if t.field is CaptionField.HEADLINE]
        assert [t.language for t in sorted(headlines, key=lambda t: t.x_mm)] == list(order)
        assert headlines[0].font == "NotoSerif-Bold"
        lead = next(t for t in headlines if t.language == order[0])
        other = next(t for t in headlines if t.language == order[1])
        assert lead.size_pt > other.size_pt and lead.tone != other.tone
        for text in page.texts:
            assert not text.overflows
            assert 0 <= text.x_mm <= 210 and 0 <= text.baseline_mm <= 297


def test_photos_are_capped_at_the_minimum_resolution_and_keep_their_aspect() -> None:
    geometry = catalogue_geometry(
        _content(_photo("a", 1200, 800)), PageSpec(min_ppi=240), LANGS, Measure()
    )
    placed = geometry.pages[0].photos[0]
    assert placed.effective_ppi >= 240 - 1e-6
    assert placed.rect.width_mm / placed.rect.height_mm == 1.5


def test_index_lists_each_photographer_with_pages() -> None:
    content = _content(_photo("a", 6000, 4000), _photo("b", 6000, 4000, who="Minh Đức"))
    geometry = catalogue_geometry(content, PageSpec(), LANGS, Measure())
    index = next(p for p in geometry.pages if p.kind is PageKind.INDEX)
    vi = [t.text for t in index.texts if t.language == "vi"]
    # Vietnamese sorts people by the given name (the last syllable): Anh before Đức
    assert vi.index("Tuấn Anh") < vi.index("Minh Đức")
    assert "5" in [t.text for t in index.texts]


def test_russian_and_english_indexes_sort_by_the_glossarys_surnames() -> None:
    def photo(pid: str, ru: str, en: str) -> CataloguePhoto:
        base = _photo(pid, 6000, 4000)
        return replace(base, photographers={"vi": ("Tuấn Anh",), "ru": (ru,), "en": (en,)})

    content = replace(
        _content(
            photo("a", "Андрей Кондрашов", "Andrey Kondrashov"),
            photo("b", "Ву Вьет Чанг", "Vu Viet Trang"),
            photo("c", "Сергей Михайлов", "Sergei Mikhailov"),
        ),
        surnames={"ru": {"Ву Вьет Чанг": "Ву"}, "en": {"Vu Viet Trang": "Vu"}},
    )
    geometry = catalogue_geometry(content, PageSpec(), LANGS, Measure())
    index = next(p for p in geometry.pages if p.kind is PageKind.INDEX)
    for language, expected in (
        ("ru", ["Ву Вьет Чанг", "Андрей Кондрашов", "Сергей Михайлов"]),
        ("en", ["Andrey Kondrashov", "Sergei Mikhailov", "Vu Viet Trang"]),
    ):
        printed = [t.text for t in index.texts if t.language == language and t.text in expected]
        assert printed == expected


def test_break_text_marks_hyphenated_lines() -> None:
    measure = Measure()
    text = "фотокорреспонденты информационных агентств"
    lines = break_text(text, 20, "f", 10, measure, hyphenation_points("ru"))
    assert any(line.hyphenated and line.text.endswith("-") for line in lines)
    joined = "".join(
        (line.text[:-1] if line.hyphenated else line.text) + ("" if line.joins_next else " ")
        for line in lines
    ).strip()
    assert joined == text
    assert break_lines(text, 20, "f", 10, measure) == [
        line.text for line in break_text(text, 20, "f", 10, measure)
    ]


def test_foreword_pages_leave_no_widow_or_orphan_line() -> None:
    # Paragraphs whose words say which paragraph they belong to; a first paragraph of
    # 1 to 12 words moves every page break by a little, so some fall a line from an end.
    split = 0
    for shift in range(1, 40, 3):
        paragraphs = [" ".join(["p0w"] * shift)]
        paragraphs += [" ".join([f"p{i}w"] * (12 * (1 + i % 9))) for i in range(1, 60)]
        content = replace(_content(_photo("a", 6000, 4000)), foreword={"en": "\n".join(paragraphs)})
        geometry = catalogue_geometry(content, PageSpec(), LANGS, Measure())
        pages = [p for p in geometry.pages if p.kind is PageKind.FOREWORD]
        total: dict[str, int] = {}
        per_page: dict[tuple[int, str], int] = {}
        for page in pages:
            for text in page.texts:
                if text.text.startswith("p") and "w" in text.text:
                    key = text.text.split("w")[0]
                    total[key] = total.get(key, 0) + 1
                    per_page[(page.number, key)] = per_page.get((page.number, key), 0) + 1
        split += sum(1 for key in total if sum(1 for (_n, k) in per_page if k == key) > 1)
        for (_number, key), count in per_page.items():
            if total[key] > 1:
                assert count >= 2, (shift, key, per_page)
    assert split  # paragraphs do run over page breaks
