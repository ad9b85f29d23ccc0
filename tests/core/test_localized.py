"""Dates and places per language, with babel's CLDR data and the glossary."""

from datetime import date, datetime, timedelta, timezone

import pytest

from curator.core.errors import UnknownLanguageError, UsageError
from curator.core.language.localized import (
    RenderedText,
    find_entry,
    format_capture_date,
    guess_text_language,
    pick_language,
    render_name,
    render_place,
)
from curator.core.model import GlossaryEntry, GlossaryKind

TALKS = date(2026, 2, 24)  # the VNA–TASS talks in Hanoi, ../shared/context

GLOSSARY = [
    GlossaryEntry(
        1,
        GlossaryKind.PLACE,
        {"vi": "Hà Nội", "ru": "Ханой", "en": "Hanoi", "fr": "Hanoï"},
        variants={"en": ("Ha Noi",)},
    ),
    GlossaryEntry(
        2,
        GlossaryKind.PLACE,
        {"vi": "Việt Nam", "ru": "Вьетнам", "en": "Vietnam", "fr": "Viêt Nam"},
        variants={"en": ("Viet Nam",)},
    ),
    GlossaryEntry(3, GlossaryKind.PLACE, {"vi": "Moskva", "ru": "Москва", "en": "Moscow"}),
    GlossaryEntry(4, GlossaryKind.PERSON, {"vi": "Đà Nẵng", "ru": "Не место"}),
]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", "24 tháng 2, 2026"),
        ("ru", "24 февраля 2026\u202fг."),
        ("en", "February 24, 2026"),
        ("fr", "24 février 2026"),
        ("pt-BR", "24 de fevereiro de 2026"),
        ("zh-Hans", "2026年2月24日"),
    ],
)
def test_long_dates_as_cldr_writes_them(language: str, expected: str) -> None:
    assert format_capture_date(TALKS, language) == expected


def test_russian_year_abbreviation_never_breaks_from_the_year() -> None:
    for style in ("medium", "long", "full"):
        text = format_capture_date(TALKS, "ru", style)
        assert "2026\u202fг." in text
        assert "2026 г." not in text


def test_other_styles_and_patterns() -> None:
    assert format_capture_date(TALKS, "fr", "full") == "mardi 24 février 2026"
    assert format_capture_date(TALKS, "en", "medium") == "Feb 24, 2026"
    assert format_capture_date(TALKS, "vi", "short") == "24/2/26"
    assert format_capture_date(TALKS, "ru", "d MMMM") == "24 февраля"


def test_the_date_is_the_day_the_photo_says() -> None:
    late_in_hanoi = datetime(2026, 2, 24, 23, 30, tzinfo=timezone(timedelta(hours=7)))
    assert format_capture_date(late_in_hanoi, "en") == "February 24, 2026"
    assert format_capture_date(late_in_hanoi, "ru") == "24 февраля 2026\u202fг."
    assert format_capture_date(datetime(2026, 2, 24, 0, 5), "vi") == "24 tháng 2, 2026"


def test_unknown_language_and_bad_pattern_are_usage_errors() -> None:
    with pytest.raises(UnknownLanguageError):
        format_capture_date(TALKS, "vn")
    with pytest.raises(UsageError):
        format_capture_date(TALKS, "en", "dddddd")


def test_places_through_the_glossary() -> None:
    parts = ["Hà Nội", "Việt Nam"]
    assert render_place(parts, "ru", GLOSSARY, "vi") == RenderedText("Ханой, Вьетнам", False)
    assert render_place(parts, "en", GLOSSARY, "vi") == RenderedText("Hanoi, Vietnam", False)
    assert render_place(parts, "fr", GLOSSARY, "vi") == RenderedText("Hanoï, Viêt Nam", False)
    assert render_place(parts, "vi", GLOSSARY, "vi") == RenderedText("Hà Nội, Việt Nam", False)


def test_place_matching_ignores_case_language_and_uses_variants() -> None:
    assert render_place(["HANOI"], "ru", GLOSSARY, "en").text == "Ханой"
    assert render_place(["Ha Noi", "Viet Nam"], "vi", GLOSSARY, "en").text == "Hà Nội, Việt Nam"
    assert render_place(["Москва"], "en", GLOSSARY, "ru") == RenderedText("Moscow", False)


def test_parts_missing_from_the_glossary_go_by_rule() -> None:
    # "Lý Thường Kiệt" (the street of the VNA headquarters) is not in the glossary.
    result = render_place(["Lý Thường Kiệt", "Hà Nội"], "ru", GLOSSARY, "vi")
    assert result == RenderedText("Ли Тхыонг Кьет, Ханой", True)
    result = render_place(["Lý Thường Kiệt", "Hà Nội"], "en", GLOSSARY, "vi")
    assert result == RenderedText("Ly Thuong Kiet, Hanoi", True)
    # Only a person entry has "Đà Nẵng": not a place, so the rule gives "Да Нанг", not
    # the conventional "Дананг" (which belongs in a place entry).
    assert render_place(["Đà Nẵng"], "ru", GLOSSARY, "vi") == RenderedText("Да Нанг", True)
    assert render_place(["Санкт-Петербург"], "en", GLOSSARY, "vi") == RenderedText(
        "Sankt-Peterburg", True
    )


def test_parts_without_a_rule_are_kept_and_flagged() -> None:
    assert render_place(["St. Petersburg"], "ru", GLOSSARY, "en") == RenderedText(
        "St. Petersburg", True
    )
    assert render_place(["Hồ Gươm"], "vi", GLOSSARY, "vi") == RenderedText("Hồ Gươm", False)


def test_empty_and_repeated_parts_are_dropped() -> None:
    parts = ["", "Hà Nội", "  ", "Hanoi", "Việt Nam", "Vietnam"]
    assert render_place(parts, "ru", GLOSSARY, "vi").text == "Ханой, Вьетнам"
    assert render_place([], "ru", GLOSSARY, "vi") == RenderedText("", False)


def test_pick_language_falls_back_to_the_language_subtag() -> None:
    assert pick_language({"pt": "Hanói"}, "pt-BR") == "Hanói"
    assert pick_language({"pt-BR": "Hanói"}, "pt") == "Hanói"
    assert pick_language({"en": "Hanoi", "ru": ""}, "ru") is None


def test_find_entry_respects_kinds() -> None:
    assert find_entry("Đà Nẵng", GLOSSARY, (GlossaryKind.PLACE,)) is None
    assert find_entry("đà nẵng", GLOSSARY, (GlossaryKind.PERSON,)) is GLOSSARY[3]


def test_render_name_without_a_name() -> None:
    assert render_name({"vi": " "}, "ru", GLOSSARY, (GlossaryKind.PERSON,)) is None


def test_guess_text_language() -> None:
    assert guess_text_language("Ханой", "vi") == "ru"
    assert guess_text_language("Hà Nội", "en") == "vi"
    assert guess_text_language("Hanoi", "vi") == "vi"
    assert guess_text_language("Hanoi", "ru") == "en"


def test_time_fields_in_a_date_pattern_are_usage_errors() -> None:
    with pytest.raises(UsageError):
        format_capture_date(TALKS, "en", "HH:mm")


def test_a_language_the_glossary_lacks_borrows_the_same_script_rendering() -> None:
    from curator.core.language.localized import render_place
    from curator.core.model import GlossaryEntry, GlossaryKind

    glossary = [
        GlossaryEntry(9, GlossaryKind.PLACE, {"vi": "Hà Nội", "ru": "Ханой", "en": "Hanoi"})
    ]
    french = render_place(["Hà Nội"], "fr", glossary, "vi")
    assert (french.text, french.needs_review) == ("Hanoi", True)
    assert render_place(["Hà Nội"], "ru", glossary, "vi").text == "Ханой"
