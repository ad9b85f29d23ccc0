"""Catalogue page geometry with a simple text measure: templates, order, numbering."""

from __future__ import annotations

from dataclasses import replace

from curator.core.language.typography import hyphenation_points
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
    # half-title 1 (and its verso), title page 3, imprint 4, contents 5, forewords 6 and 7
    assert kinds[:7] == [
        PageKind.HALF_TITLE,
        PageKind.HALF_TITLE,
        PageKind.TITLE,
        PageKind.IMPRINT,
        PageKind.CONTENTS,
        PageKind.FOREWORD,
        PageKind.FOREWORD,
    ]
    assert PageKind.COVER not in kinds  # the cover is a sheet of its own
    # the opener would fall on page 8, a left-hand page: the section's hero faces it there
    assert (kinds[7], kinds[8]) == (PageKind.PHOTOS, PageKind.OPENER)
    templates = [page.template for page in geometry.pages]
    assert templates[7] == "full-bleed"
    assert templates[9:12] == ["full-page", "photo-beside-captions", "full-page"]
    assert len(geometry.pages) % 4 == 0
    assert geometry.pages[-1].kind is PageKind.COLOPHON
    assert geometry.pages[-2].kind is PageKind.INDEX
    assert geometry.photo_pages() == {"a": [8], "b": [10], "c": [11], "d": [12]}


def test_the_sections_hero_bleeds_off_the_page_but_not_into_the_gutter() -> None:
    spec = PageSpec()
    content = _content(_photo("p", 4000, 6000), _photo("a", 6000, 4000), _photo("b", 6000, 4000))
    geometry = catalogue_geometry(content, spec, LANGS, Measure())
    hero = next(p for p in geometry.pages if p.template == "full-bleed")
    opener = next(p for p in geometry.pages if p.kind is PageKind.OPENER)
    assert hero.number % 2 == 0 and opener.number == hero.number + 1  # one spread
    placed = hero.photos[0]
    assert placed.photo_id == "a"  # the first landscape photo of the section
    rect = placed.rect
    # off the head and the outer edge into the bleed; at the spine, up to the fold only
    assert rect.x_mm == -spec.bleed_mm and rect.y_mm == -spec.bleed_mm
    assert abs(rect.right_mm - spec.trim_width_mm) < 1e-6
    assert abs(rect.width_mm / rect.height_mm - 1.5) < 1e-6  # never cropped
    captions = [t for t in hero.texts if t.photo_id == "a"]
    assert captions and all(t.baseline_mm > rect.bottom_mm for t in captions)
    assert geometry.photo_pages()["a"] == [hero.number]  # printed once


def test_book_block_is_a_multiple_of_the_binding_made_up_with_notes() -> None:
    photos = [_photo(str(n), 6000, 4000) for n in range(7)]
    for binding in (4, 8, 16):
        content = replace(_content(*photos), binding_pages=binding)
        geometry = catalogue_geometry(content, PageSpec(), LANGS, Measure())
        assert len(geometry.pages) % binding == 0, binding
        kinds = [page.kind for page in geometry.pages]
        index = kinds.index(PageKind.INDEX)
        last_photo = max(n for n, kind in enumerate(kinds) if kind is PageKind.PHOTOS)
        # every page added sits between the photos and the index, and is a page for notes
        assert all(kind is PageKind.NOTES for kind in kinds[last_photo + 1 : index])
        assert all(not p.template.startswith("blank") for p in geometry.pages)
        notes = [p for p in geometry.pages if p.kind is PageKind.NOTES]
        assert all(p.fills and p.texts for p in notes)  # designed: heading and rules


def test_openers_start_on_right_hand_pages_and_the_contents_name_them() -> None:
    sections = tuple(
        CatalogueSection(
            f"s{n}",
            {lang: f"Section {n} {lang}" for lang in LANGS},
            {},
            tuple(_photo(f"{n}-{k}", 6000, 4000) for k in range(n + 1)),
        )
        for n in range(1, 6)
    )
    content = replace(_content(), sections=sections)
    geometry = catalogue_geometry(content, PageSpec(), LANGS, Measure())
    openers = [p for p in geometry.pages if p.kind is PageKind.OPENER]
    assert len(openers) == 5 and all(p.number % 2 == 1 for p in openers)
    contents = geometry.pages[4]
    assert contents.kind is PageKind.CONTENTS
    for opener, n in zip(openers, range(1, 6), strict=True):
        titles = [
            next(t for t in contents.texts if t.text == f"Section {n} {lang}") for lang in LANGS
        ]
        # every language's title, the lead's first; the page on the lead title's line
        assert [t.baseline_mm for t in titles] == sorted(t.baseline_mm for t in titles)
        number = next(t for t in contents.texts if t.text == str(opener.number))
        assert abs(number.baseline_mm - titles[0].baseline_mm) < 1e-6
        assert number.x_mm > max(t.x_mm for t in titles)


def test_portrait_faces_its_captions_only_when_it_has_some() -> None:
    bare = {lang: {CaptionField.CREDIT: f"{lang} credit"} for lang in LANGS}
    names = {"vi": ("A",), "ru": ("А",), "en": ("A",)}
    lonely = [CataloguePhoto(f"p{n}", 4000, 6000, bare, names) for n in range(2)]
    worded = _photo("w", 4000, 6000)
    # the opener is on a right-hand page: the portraits start on the left-hand page after it
    for photos, expected in (
        (lonely, ["portrait-spread", "portrait-spread"]),
        ((worded,), ["photo-facing-captions", "full-page-photo"]),
        (lonely[:1], ["photo-beside-captions"]),
    ):
        geometry = catalogue_geometry(_content(*photos), PageSpec(), LANGS, Measure())
        templates = [p.template for p in geometry.pages]
        start = templates.index("section-opener") + 1
        assert geometry.pages[start].number % 2 == 0
        assert templates[start : start + len(expected)] == expected
        for page in geometry.pages:
            if page.template == "photo-facing-captions":
                assert any(t.field is CaptionField.CAPTION for t in page.texts)


def test_portrait_on_a_right_hand_page_sits_beside_its_captions() -> None:
    content = _content(_photo("x", 6000, 4000), _photo("c", 4000, 6000))
    # one foreword (page 6): the opener on 7, the landscape on 8, the portrait on 9
    content = replace(content, foreword={"vi": "Lời."})
    geometry = catalogue_geometry(content, PageSpec(), LANGS, Measure())
    page = next(p for p in geometry.pages if p.photos and p.photos[0].photo_id == "c")
    assert (page.number, page.template) == (9, "photo-beside-captions")
    photo = page.photos[0].rect
    captions = [t for t in page.texts if t.photo_id == "c"]
    assert captions and all(t.x_mm >= photo.right_mm for t in captions)


def test_captions_follow_the_language_order_and_stay_inside_the_page() -> None:
    for order in (("vi", "ru", "en"), ("ru", "en", "vi")):
        geometry = catalogue_geometry(
            _content(_photo("a", 6000, 4000)), PageSpec(), order, Measure()
        )
        page = next(p for p in geometry.pages if p.kind is PageKind.PHOTOS)
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
    placed = next(p for p in geometry.pages if p.photos).photos[0]
    assert placed.effective_ppi >= 240 - 1e-6
    assert placed.rect.width_mm / placed.rect.height_mm == 1.5


def test_index_lists_each_photographer_with_pages() -> None:
    content = _content(_photo("a", 6000, 4000), _photo("b", 6000, 4000, who="Minh Đức"))
    geometry = catalogue_geometry(content, PageSpec(), LANGS, Measure())
    index = next(p for p in geometry.pages if p.kind is PageKind.INDEX)
    vi = [t.text for t in index.texts if t.language == "vi"]
    # Vietnamese sorts people by the given name (the last syllable): Anh before Đức
    assert vi.index("Tuấn Anh") < vi.index("Minh Đức")
    assert "10" in [t.text for t in index.texts]


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
