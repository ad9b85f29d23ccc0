"""Bylines read into structure, and credit lines written per language."""

import pytest

from curator.core.errors import UsageError
from curator.core.language.credits import (
    DEFAULT_CREDIT_TEMPLATES,
    ParsedCredit,
    fill_template,
    parse_byline,
    render_credit,
    template_for,
)
from curator.core.language.localized import RenderedText
from curator.core.model import Credit, CreditRole, GlossaryEntry, GlossaryKind

PHOTO, ARCHIVE, PROVIDED = CreditRole.PHOTO, CreditRole.ARCHIVE, CreditRole.PROVIDED

GLOSSARY = [
    GlossaryEntry(
        1,
        GlossaryKind.ORGANISATION,
        {"vi": "TTXVN", "ru": "ВИА", "en": "VNA", "fr": "AVI"},
        variants={"vi": ("Thông tấn xã Việt Nam",), "en": ("Vietnam News Agency",)},
    ),
    GlossaryEntry(2, GlossaryKind.ORGANISATION, {"vi": "TASS", "ru": "ТАСС", "en": "TASS"}),
    GlossaryEntry(
        3,
        GlossaryKind.PERSON,
        {"vi": "Sergei Mikhailov", "ru": "Сергей Михайлов", "en": "Sergei Mikhailov"},
    ),
    GlossaryEntry(
        4, GlossaryKind.PERSON, {"vi": "Vũ Việt Trang", "ru": "Ву Вьет Чанг", "en": "Vu Viet Trang"}
    ),
    # A place spelled like a person must not be taken for one.
    GlossaryEntry(5, GlossaryKind.PLACE, {"vi": "Tuấn Anh", "ru": "Неверно", "en": "Wrong"}),
]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Tuấn Anh/TTXVN", ParsedCredit("Tuấn Anh", "TTXVN", PHOTO, "vi")),
        ("Ảnh: Tuấn Anh/TTXVN", ParsedCredit("Tuấn Anh", "TTXVN", PHOTO, "vi")),
        ("(Ảnh: Tuấn Anh/TTXVN)", ParsedCredit("Tuấn Anh", "TTXVN", PHOTO, "vi")),
        ("Фото: Михаил Терещенко/ТАСС", ParsedCredit("Михаил Терещенко", "ТАСС", PHOTO, "ru")),
        ("VNA/Photo: Tuan Anh", ParsedCredit("Tuan Anh", "VNA", PHOTO, "en")),
        ("Photo: Tuan Anh/VNA", ParsedCredit("Tuan Anh", "VNA", PHOTO, "en")),
        ("Tuan Anh (VNA)", ParsedCredit("Tuan Anh", "VNA", PHOTO, "en")),
        ("TASS/Mikhail Tereshchenko", ParsedCredit("Mikhail Tereshchenko", "TASS", PHOTO, "en")),
        ("Ảnh tư liệu/TTXVN", ParsedCredit(None, "TTXVN", ARCHIVE, "vi")),
        ("Ảnh: TTXVN phát", ParsedCredit(None, "TTXVN", PROVIDED, "vi")),
        ("Tuấn Anh", ParsedCredit("Tuấn Anh", None, PHOTO, "vi")),
        ("Tuấn Anh, Minh Đức/TTXVN", ParsedCredit("Tuấn Anh, Minh Đức", "TTXVN", PHOTO, "vi")),
        ("Thu Hà/TTXVN", ParsedCredit("Thu Hà", "TTXVN", PHOTO, "vi")),
        ("Ảnh: Tuấn Anh - TTXVN", ParsedCredit("Tuấn Anh", "TTXVN", PHOTO, "vi")),
        ("Ảnh: AFP/TTXVN", ParsedCredit(None, "AFP/TTXVN", PHOTO, "vi")),
        ("Фото: ИТАР-ТАСС", ParsedCredit(None, "ИТАР-ТАСС", PHOTO, "ru")),
        ("Архивное фото: ТАСС", ParsedCredit(None, "ТАСС", ARCHIVE, "ru")),
        ("Photo courtesy of VNA", ParsedCredit(None, "VNA", PROVIDED, "en")),
        ("Nguyen Duc Loi/Some Agency", ParsedCredit("Nguyen Duc Loi", "Some Agency", PHOTO, "en")),
        ("  Ảnh:   Tuấn   Anh /TTXVN ", ParsedCredit("Tuấn Anh", "TTXVN", PHOTO, "vi")),
    ],
)
def test_parse_byline(byline: str, expected: ParsedCredit) -> None:
    assert parse_byline(byline) == expected


@pytest.mark.parametrize("byline", ["", "   ", "()", "/"])
def test_empty_bylines_name_nobody(byline: str) -> None:
    assert parse_byline(byline) is None


def test_parsed_byline_becomes_a_credit() -> None:
    parsed = parse_byline("Фото: Михаил Терещенко/ТАСС")
    assert parsed is not None
    credit = parsed.to_credit("photo-1", position=2)
    assert credit.photographer == {"ru": "Михаил Терещенко"}
    assert credit.agency == {"ru": "ТАСС"}
    assert (credit.photo_id, credit.position, credit.role) == ("photo-1", 2, PHOTO)


def _credit(
    photographer: dict[str, str], agency: dict[str, str], role: CreditRole = PHOTO
) -> Credit:
    return Credit(1, "photo-1", 0, photographer, agency, role)


def test_issue_example_in_three_languages() -> None:
    credit = _credit({"vi": "Tuấn Anh"}, {"vi": "TTXVN"})
    assert render_credit(credit, "vi", GLOSSARY) == RenderedText("Ảnh: Tuấn Anh/TTXVN", False)
    # The photographer is not in the glossary: transcribed by rule, so it needs review.
    assert render_credit(credit, "ru", GLOSSARY) == RenderedText("Фото: Туан Ань/ВИА", True)
    assert render_credit(credit, "en", GLOSSARY) == RenderedText("Photo: Tuan Anh/VNA", True)
    assert render_credit(credit, "fr", GLOSSARY) == RenderedText("Photo\u00a0: Tuan Anh/AVI", True)


def test_glossary_comes_first_and_needs_no_review() -> None:
    # The credit came in from the English report; the glossary knows the person.
    credit = _credit({"en": "Sergei Mikhailov"}, {"en": "ITAR-TASS"})
    assert render_credit(credit, "ru", GLOSSARY).text == "Фото: Сергей Михайлов/ITAR-TASS"
    # Matching ignores case and finds the name in any language, variants included.
    credit = _credit({"ru": "ву вьет чанг"}, {"en": "Vietnam News Agency"})
    assert render_credit(credit, "en", GLOSSARY) == RenderedText("Photo: Vu Viet Trang/VNA", False)


def test_glossary_overrides_the_rule_for_conventional_forms() -> None:
    credit = _credit({"ru": "Сергей Михайлов"}, {"ru": "ТАСС"})
    assert render_credit(credit, "en", []) == RenderedText("Photo: Sergey Mikhaylov/ТАСС", True)
    assert render_credit(credit, "en", GLOSSARY) == RenderedText(
        "Photo: Sergei Mikhailov/TASS", False
    )


def test_credit_own_language_needs_no_review() -> None:
    credit = _credit({"vi": "Tuấn Anh", "ru": "Туан Ань"}, {"vi": "TTXVN", "ru": "ВИА"})
    assert render_credit(credit, "ru", []) == RenderedText("Фото: Туан Ань/ВИА", False)


def test_rule_source_prefers_vietnamese_then_russian() -> None:
    credit = _credit({"en": "Tuan Anh", "vi": "Tuấn Anh"}, {"vi": "TTXVN"})
    assert render_credit(credit, "ru", []).text == "Фото: Туан Ань/TTXVN"
    credit = _credit({"en": "Andrey Kondrashov", "ru": "Андрей Кондрашов"}, {"ru": "ТАСС"})
    assert render_credit(credit, "vi", []) == RenderedText("Ảnh: Andrey Kondrashov/ТАСС", True)


def test_unknown_agency_is_kept_as_given_and_flagged() -> None:
    credit = _credit({"ru": "Михаил Терещенко"}, {"ru": "ТАСС"})
    assert render_credit(credit, "en", []) == RenderedText("Photo: Mikhail Tereshchenko/ТАСС", True)


def test_no_rule_keeps_the_name_and_flags_it() -> None:
    credit = _credit({"en": "Tuan Anh"}, {"en": "VNA"})
    assert render_credit(credit, "ru", []) == RenderedText("Фото: Tuan Anh/VNA", True)
    assert render_credit(credit, "zh-Hans", []) == RenderedText("Tuan Anh/VNA", True)


def test_missing_parts_leave_no_dangling_separator() -> None:
    assert render_credit(_credit({}, {"vi": "TTXVN"}), "vi", []).text == "Ảnh: TTXVN"
    assert render_credit(_credit({"vi": "Tuấn Anh"}, {}), "vi", []).text == "Ảnh: Tuấn Anh"
    assert render_credit(_credit({"vi": "Tuấn Anh"}, {}), "de", []).text == "Tuan Anh"
    assert render_credit(_credit({}, {}), "en", []).text == "Photo"


def test_roles_have_their_own_templates() -> None:
    archive = _credit({}, {"vi": "TTXVN"}, ARCHIVE)
    assert render_credit(archive, "vi", GLOSSARY).text == "Ảnh tư liệu: TTXVN"
    assert render_credit(archive, "ru", GLOSSARY).text == "Архивное фото: ВИА"
    assert render_credit(archive, "en", GLOSSARY).text == "Archive photo: VNA"
    provided = _credit({}, {"vi": "TTXVN"}, PROVIDED)
    assert render_credit(provided, "vi", GLOSSARY).text == "Ảnh: TTXVN phát"
    assert render_credit(provided, "ru", GLOSSARY).text == "Фото предоставлено ВИА"
    assert render_credit(provided, "en", GLOSSARY).text == "Photo courtesy of VNA"
    # A provided credit without an agency falls back to the plain template.
    nameless = _credit({"vi": "Tuấn Anh"}, {}, PROVIDED)
    assert render_credit(nameless, "en", []).text == "Photo: Tuan Anh"


def test_project_templates_win_and_fall_back_to_defaults() -> None:
    templates = {"en": "© {agency} / {photographer}", "pt": "Foto: {photographer}/{agency}"}
    credit = _credit({"vi": "Tuấn Anh"}, {"vi": "TTXVN"})
    assert render_credit(credit, "en", GLOSSARY, templates).text == "© VNA / Tuan Anh"
    # No Portuguese rendering of the agency: the glossary's English one, in the same script.
    assert render_credit(credit, "pt-BR", GLOSSARY, templates).text == "Foto: Tuan Anh/VNA"
    assert render_credit(credit, "ru", GLOSSARY, templates).text == "Фото: Туан Ань/ВИА"


def test_template_lookup() -> None:
    assert template_for("vi", ARCHIVE) == DEFAULT_CREDIT_TEMPLATES["vi:archive"]
    assert template_for("en-GB", PHOTO) == DEFAULT_CREDIT_TEMPLATES["en"]
    assert template_for("de", ARCHIVE) == DEFAULT_CREDIT_TEMPLATES["*"]


def test_fill_template() -> None:
    assert fill_template("Ảnh: {photographer}/{agency}", None, "TTXVN") == "Ảnh: TTXVN"
    assert fill_template("{agency} – {photographer}", "Tuấn Anh", None) == "Tuấn Anh"
    assert fill_template("Photo\u00a0: {photographer}/{agency}", None, None) == "Photo"


@pytest.mark.parametrize("template", ["Photo: {name}", "Photo: {photographer", "{0}"])
def test_broken_template_is_a_usage_error(template: str) -> None:
    with pytest.raises(UsageError):
        fill_template(template, "Tuấn Anh", "TTXVN")
