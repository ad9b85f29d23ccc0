"""Issue 19.5: each typography rule, on real captions (the two agencies' own news texts)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from curator.core.language.collation import person_sort_key, sorted_people, surname_words
from curator.core.language.typography import (
    NARROW_NBSP,
    NBSP,
    Role,
    apostrophes,
    division_allowed,
    group_digits,
    hyphenated_run_allows,
    hyphenation_points,
    lines_to_keep,
    may_hyphenate,
    no_break_before_dash,
    russian_dashes,
    typeset,
)
from curator.core.layout.geometry import Rect
from curator.core.layout.style import CATALOGUE_STYLE, TextRole
from curator.core.layout.text import balanced_lines, break_text, caption_block
from curator.core.model import CaptionField
from curator.export.text_measure import ReportlabMeasure

CONTEXT = Path(__file__).resolve().parents[3] / "shared" / "context"

# Real sentences, kept here so the tests run without ../shared.
ENGLISH = (
    "Visits by senior officials and the regular exchange of reporters have helped strengthen "
    "mutual understanding between Vietnam and Russia in general and between the two news "
    "agencies in particular, General Director Loi said. The cooperation agreement inked "
    "between VNA and ITAR-TASS has been expanded to a broader level, contributing to "
    "tightening the Vietnam-Russia comprehensive strategic partnership, he added."
)
RUSSIAN = (
    "Генеральный директор ТАСС Андрей Кондрашов и генеральный директор Вьетнамского "
    "информационного агентства Ву Вьет Чанг подписали соглашение о сотрудничестве - "
    "информационный обмен между агентствами продолжается с 1958 г., и за это время "
    "корреспонденты передали более 25000 фотографий и 1 000 репортажей."
)
VIETNAMESE = (
    "Tổng Giám đốc Vũ Việt Trang điểm lại chặng đường hợp tác truyền thống giữa TTXVN và "
    "TASS từ khi chính thức thiết lập quan hệ năm 1958."
)
HEADLINE_EN = "General Director of the Vietnam News Agency meets his counterpart from TASS"
HEADLINE_RU = "Генеральный директор ТАСС встретился с руководством Вьетнамского агентства"

FONT = "NotoSans-Regular"


@pytest.fixture(scope="module")
def measure() -> ReportlabMeasure:
    return ReportlabMeasure()


def _real_paragraphs(name: str) -> list[str]:
    path = CONTEXT / name
    if not path.is_file():
        pytest.skip(f"{path} is not here (the shared context is outside the repository)")
    return [p.strip() for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]


# -- no line starts with a dash ------------------------------------------------------------


def test_no_break_before_a_spaced_dash_in_every_language() -> None:
    assert no_break_before_dash("talks – and more — later") == (
        f"talks{NBSP}– and more{NBSP}— later"
    )
    assert no_break_before_dash("1941–1945") == "1941–1945"  # a range has no spaces


@pytest.mark.parametrize("language", ["ru", "en", "vi"])
def test_no_line_starts_with_a_dash_in_narrow_columns(
    language: str, measure: ReportlabMeasure
) -> None:
    text = typeset(f"{VIETNAMESE} – {ENGLISH} — {RUSSIAN}", language)
    for width in range(20, 80, 3):
        lines = break_text(text, float(width), FONT, 8.5, measure, hyphenation_points(language))
        assert not any(line.text.lstrip().startswith(("–", "—")) for line in lines), width


def test_russian_writes_the_em_dash_with_spaces() -> None:
    assert russian_dashes("соглашение - обмен", "ru") == f"соглашение{NBSP}— обмен"
    assert russian_dashes("соглашение – обмен", "ru") == f"соглашение{NBSP}— обмен"
    assert russian_dashes("пресс-центр, 1941–1945", "ru") == "пресс-центр, 1941–1945"
    assert russian_dashes("talks - more", "en") == "talks - more"
    assert f"сотрудничестве{NBSP}— информационный" in typeset(RUSSIAN, "ru")


# -- numbers, quotes, apostrophes ------------------------------------------------------------


def test_digit_groups_stay_together() -> None:
    assert group_digits("1 000 репортажей и 25000 фотографий, 1958 г.", "ru") == (
        f"1{NARROW_NBSP}000 репортажей и 25{NARROW_NBSP}000 фотографий, 1958 г."
    )
    assert group_digits("1 000 photos in 2026", "en") == f"1{NARROW_NBSP}000 photos in 2026"
    assert group_digits("25000 photos", "en") == "25000 photos"  # English groups with commas
    assert group_digits("giá 1.000 đồng, 3,14", "ru") == "giá 1.000 đồng, 3,14"
    assert group_digits("120000.5", "ru") == "120000.5"  # a decimal is left alone
    ru = typeset(RUSSIAN, "ru")
    assert f"1958{NBSP}г." in ru and f"25{NARROW_NBSP}000" in ru and f"1{NARROW_NBSP}000" in ru


def test_apostrophes_and_quotes_per_language() -> None:
    assert apostrophes("VNA's Vietnam Pictorial, the 'best'", "en") == (
        "VNA’s Vietnam Pictorial, the ‘best’"
    )
    assert apostrophes("Д'Артаньян", "ru") == "Д’Артаньян"
    vietnamese = "những vị khách đầu tiên đến thăm được coi là “xông đất,”"
    assert typeset(vietnamese, "vi") == vietnamese
    assert typeset('агентство "ТАСС"', "ru") == "агентство «ТАСС»"
    assert typeset('the "Vietnam Pictorial"', "en") == "the “Vietnam Pictorial”"


# -- hyphenation -------------------------------------------------------------------------------


def test_headlines_titles_and_names_are_never_hyphenated() -> None:
    assert may_hyphenate(Role.TEXT)
    assert not any(may_hyphenate(role) for role in (Role.HEADLINE, Role.TITLE, Role.NAME))
    assert hyphenation_points("ru", Role.HEADLINE) is None
    assert hyphenation_points("en", Role.TITLE) is None


@pytest.mark.parametrize(("language", "headline"), [("en", HEADLINE_EN), ("ru", HEADLINE_RU)])
def test_a_caption_headline_is_not_hyphenated_but_its_text_is(
    language: str, headline: str, measure: ReportlabMeasure
) -> None:
    body = ENGLISH if language == "en" else RUSSIAN
    fields = {CaptionField.HEADLINE: headline, CaptionField.CAPTION: typeset(body, language)}
    divided = {"headline": 0, "caption": 0}
    for width in range(30, 70, 2):
        block = caption_block(
            language,
            Rect(0, 0, float(width), 500),
            fields,
            CATALOGUE_STYLE,
            measure,
            hyphenation_points(language),
            with_budget=False,
        )
        for line in block.lines:
            if line.hyphenated or line.joins_next:
                divided[line.field.value] = divided.get(line.field.value, 0) + 1
    assert divided["headline"] == 0
    assert divided["caption"] > 0  # the rule is about headlines, the text still divides


def test_division_leaves_two_letters_before_and_three_after() -> None:
    assert division_allowed("photographers", 2)
    assert not division_allowed("photographers", 1)
    assert not division_allowed("agencies", 6)  # "agenci-es": two after
    assert not division_allowed("e-mail", 2)
    for language, text in (("en", ENGLISH), ("ru", RUSSIAN)):
        points = hyphenation_points(language)
        assert points is not None
        for word in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text):
            for point in points(word):
                head = sum(c.isalpha() for c in word[:point])
                tail = sum(c.isalpha() for c in word[point:])
                assert head >= 2 and tail >= 3, (word, point)


def test_at_most_two_hyphenated_line_ends_in_a_row(measure: ReportlabMeasure) -> None:
    assert hyphenated_run_allows([])
    assert hyphenated_run_allows([True, False, True])
    assert not hyphenated_run_allows([False, True, True])
    words = " ".join(["информационных"] * 40)  # every line wants to divide a long word
    runs = []
    for width in (25.0, 31.0, 37.0, 43.0):
        lines = break_text(words, width, FONT, 8.5, measure, hyphenation_points("ru"))
        run = longest = 0
        for line in lines:
            run = run + 1 if line.hyphenated else 0
            longest = max(longest, run)
        runs.append(longest)
    assert max(runs) == 2  # divisions happen, and never three in a row


# -- balanced headlines --------------------------------------------------------------------


@pytest.mark.parametrize(
    "headline",
    [
        HEADLINE_EN,
        HEADLINE_RU,
        "Tổng Giám đốc TTXVN hội đàm với Tổng giám đốc Hãng Thông tấn TASS Andrey Kondrashov",
    ],
)
def test_a_headline_never_ends_with_one_word_alone(
    headline: str, measure: ReportlabMeasure
) -> None:
    font = "NotoSerif-Bold"
    lonely = 0
    for width in range(40, 140, 4):
        greedy = break_text(headline, float(width), font, 10, measure)
        lines = balanced_lines(headline, float(width), font, 10, measure)
        assert len(lines) == len(greedy)  # balancing never adds a line
        assert all(measure.width_mm(line.text, font, 10) <= width + 1e-6 for line in lines)
        if len(greedy) > 1 and len(greedy[-1].text.split()) == 1:
            lonely += 1
        if len(lines) > 1 and len(lines[-1].text.split()) == 1:
            # alone only when it cannot be helped: the last two words are wider than the
            # column together, or the line before is one word
            together = " ".join(headline.split()[-2:])
            assert measure.width_mm(together, font, 10) > width or " " not in lines[-2].text, (
                width,
                [line.text for line in lines],
            )
    assert lonely  # some widths leave one word alone when broken greedily


def test_caption_headlines_are_balanced(measure: ReportlabMeasure) -> None:
    fields = {CaptionField.HEADLINE: HEADLINE_EN}
    for width in range(40, 120, 4):
        block = caption_block(
            "en", Rect(0, 0, float(width), 200), fields, CATALOGUE_STYLE, measure, None, False
        )
        heads = [line.text for line in block.lines if line.field is CaptionField.HEADLINE]
        together = " ".join(HEADLINE_EN.split()[-2:])
        if len(heads) > 1 and measure.width_mm(together, "NotoSerif-Bold", 10) <= width:
            assert len(heads[-1].split()) > 1, heads
    assert TextRole.HEADLINE  # the role the balancing applies to


# -- widows and orphans ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("remaining", "room", "kept"),
    [(5, 10, 5), (5, 4, 3), (5, 1, 0), (3, 2, 0), (2, 1, 0), (1, 1, 1), (1, 0, 0), (40, 30, 30)],
)
def test_lines_to_keep_leaves_no_widow_or_orphan(remaining: int, room: int, kept: int) -> None:
    assert lines_to_keep(remaining, room) == kept
    if 0 < kept < remaining:
        assert kept >= 2 and remaining - kept >= 2


# -- index order -------------------------------------------------------------------------------


def test_russian_and_english_indexes_sort_by_surname() -> None:
    assert sorted_people(["Андрей Кондрашов", "Сергей Михайлов", "Ву Вьет Чанг"], "ru", {
        "Ву Вьет Чанг": "Ву",
    }) == ["Ву Вьет Чанг", "Андрей Кондрашов", "Сергей Михайлов"]  # fmt: skip
    assert sorted_people(["Sergei Mikhailov", "Andrey Kondrashov", "Nguyen Duc Loi"], "en", {
        "Nguyen Duc Loi": "Nguyen",
    }) == ["Andrey Kondrashov", "Sergei Mikhailov", "Nguyen Duc Loi"]  # fmt: skip
    # Without the glossary the last word is taken as the surname.
    assert sorted_people(["Zoe Adams", "Adam Zimmer"], "en") == ["Zoe Adams", "Adam Zimmer"]
    # Same surname: then the given name.
    assert sorted_people(["Пётр Иванов", "Анна Иванова", "Анна Иванов"], "ru") == [
        "Анна Иванов",
        "Пётр Иванов",
        "Анна Иванова",
    ]


def test_vietnamese_index_sorts_by_given_name_then_full_name() -> None:
    names = ["Vũ Việt Trang", "Nguyễn Đức Lợi", "Trần Tuấn Anh", "Lê Tuấn Anh", "Vũ Anh"]
    assert sorted_people(names, "vi") == [
        "Lê Tuấn Anh",
        "Trần Tuấn Anh",
        "Vũ Anh",
        "Nguyễn Đức Lợi",
        "Vũ Việt Trang",
    ]
    assert person_sort_key("Vũ Anh", "vi") < person_sort_key("Vũ Việt Trang", "vi")


def test_surname_words_say_the_name_order() -> None:
    assert surname_words("Hồ Chí Minh", "Hồ") == (0, 1)  # surname first
    assert surname_words("Ivan Petrov", "petrov") == (1, 2)  # surname last
    assert surname_words("Ivan Petrov", "Petro") is None


# -- the rules on the agencies' whole texts ------------------------------------------------


@pytest.mark.parametrize(
    ("name", "language"),
    [("vna-itar-tass-talks.en.txt", "en"), ("vna-tass-2026-talks.vi.txt", "vi")],
)
def test_real_news_texts_keep_every_line_rule(
    name: str, language: str, measure: ReportlabMeasure
) -> None:
    points = hyphenation_points(language)
    checked = 0
    for paragraph in _real_paragraphs(name):
        text = typeset(paragraph, language)
        for width in (32.0, 45.0, 60.0):
            lines = break_text(text, width, FONT, 8.5, measure, points)
            checked += len(lines)
            run = 0
            for line in lines:
                assert not line.text.startswith(("–", "—")), line.text
                run = run + 1 if line.hyphenated else 0
                assert run <= 2
    assert checked > 200


# -- screened and reversed text in the catalogue -----------------------------------------


def test_screened_grey_text_never_below_8_pt_and_reversed_text_bold() -> None:
    from curator.core.language.typography import reversed_face, screened_size_pt
    from curator.core.layout.catalogue_model import Tone
    from curator.core.layout.catalogue_text import TextStyle, readable

    assert screened_size_pt(6.5) == 8.0 and screened_size_pt(10.0) == 10.0
    assert reversed_face("NotoSans-Regular", 7.5) == ("NotoSans-Bold", 8.0)
    assert reversed_face("NotoSerif-Italic", 10.0) == ("NotoSerif-BoldItalic", 10.0)
    assert reversed_face("NotoSerif-Regular", 14.0) == ("NotoSerif-Regular", 14.0)  # large
    assert readable(TextStyle("NotoSans-Regular", 7.0, Tone.MUTED)).size_pt == 8.0
    assert readable(TextStyle("NotoSans-Regular", 7.0, Tone.LEAD)).size_pt == 7.0
    cover = readable(TextStyle("NotoSans-Regular", 7.5, Tone.INVERSE_MUTED))
    assert (cover.font, cover.size_pt) == ("NotoSans-Bold", 8.0)


def test_catalogue_pages_print_no_grey_text_below_8_pt(measure: ReportlabMeasure) -> None:
    from curator.core.layout.catalogue import catalogue_geometry
    from curator.core.layout.catalogue_model import PageSpec, Tone
    from tests.core.test_catalogue_layout import LANGS, _content, _photo

    content = _content(_photo("a", 6000, 4000), _photo("b", 4000, 6000, who="Minh Đức"))
    geometry = catalogue_geometry(content, PageSpec(), LANGS, measure)
    texts = [text for page in geometry.pages for text in page.texts]
    grey = [t for t in texts if t.tone in (Tone.SECOND, Tone.MUTED, Tone.INVERSE_MUTED)]
    assert grey and min(t.size_pt for t in grey) >= 8.0
    # The cover is a sheet of its own now (not in the book block): its reversed type.
    from curator.core.layout.cover import cover_sheet

    sheet = cover_sheet(content, PageSpec(), LANGS, measure, book_pages=len(geometry.pages))
    cover_texts = list(sheet.page.texts)
    reversed_texts = [t for t in cover_texts if t.tone in (Tone.INVERSE, Tone.INVERSE_MUTED)]
    assert reversed_texts
    assert all(t.size_pt >= 8.0 for t in reversed_texts)
    assert all("Bold" in t.font for t in reversed_texts if t.size_pt < 12.0)
