"""Glossary rules: shortcuts, the caption check and import merging, with the real names."""

from __future__ import annotations

import unicodedata

import pytest

from curator.core.errors import UsageError
from curator.core.language.glossary_import import GlossaryDraft, plan_import
from curator.core.language.glossary_rules import (
    FORBIDDEN_FORM,
    INCONSISTENT_RENDERING,
    check_captions,
    expand_shortcuts,
    is_valid_code,
    script_of,
)
from curator.core.model import Caption, CaptionField, CaptionStatus, GlossaryEntry, GlossaryKind

TRANG = GlossaryEntry(
    1,
    GlossaryKind.PERSON,
    {"vi": "Vũ Việt Trang", "ru": "Ву Вьет Чанг", "en": "Vu Viet Trang"},
    code="tbt",
    forbidden={"ru": ("Ву Вьет Транг", "Ву Вьет")},
)
KONDRASHOV = GlossaryEntry(
    2,
    GlossaryKind.PERSON,
    {"vi": "Andrey Kondrashov", "ru": "Андрей Кондрашов", "en": "Andrey Kondrashov"},
    code="kondrashov",
    variants={"en": ("Andrei Kondrashov",)},
)
VNA = GlossaryEntry(
    3,
    GlossaryKind.ORGANISATION,
    {"vi": "TTXVN", "ru": "ВИА", "en": "VNA"},
    code="vna",
    variants={"en": ("Vietnam News Agency",)},
    forbidden={"ru": ("ВНА",)},
)
TASS = GlossaryEntry(4, GlossaryKind.ORGANISATION, {"vi": "TASS", "ru": "ТАСС", "en": "TASS"})
HANOI = GlossaryEntry(
    5,
    GlossaryKind.PLACE,
    {"vi": "Hà Nội", "ru": "Ханой", "en": "Hanoi"},
    code="hn",
    forbidden={"en": ("Ha Noi",)},
)
DIRECTOR = GlossaryEntry(
    6,
    GlossaryKind.TITLE,
    {"vi": "Tổng Giám đốc", "ru": "Генеральный директор", "en": "Director General"},
    code="tgd",
    variants={"en": ("General Director",)},
)
ENTRIES = [TRANG, KONDRASHOV, VNA, TASS, HANOI, DIRECTOR]


def caption(
    photo: str, language: str, text: str, field: CaptionField = CaptionField.CAPTION
) -> Caption:
    return Caption(photo, language, field, text, CaptionStatus.DRAFT)


# Shortcuts


@pytest.mark.parametrize(
    ("language", "typed", "expected"),
    [
        ("vi", "=tgd= =vna= =tbt=", "Tổng Giám đốc TTXVN Vũ Việt Trang"),
        ("ru", "=tgd= =vna= =tbt=", "Генеральный директор ВИА Ву Вьет Чанг"),
        (
            "en",
            "=tbt=, =tgd= of =vna=, in =hn=.",
            "Vu Viet Trang, Director General of VNA, in Hanoi.",
        ),
        ("ru", "Фото: =kondrashov=/ТАСС", "Фото: Андрей Кондрашов/ТАСС"),
    ],
)
def test_shortcuts_expand_to_each_languages_rendering(language, typed, expected) -> None:
    assert expand_shortcuts(typed, language, ENTRIES) == expected


def test_unknown_codes_and_missing_renderings_are_left_as_typed() -> None:
    assert expand_shortcuts("=nobody= =tbt=", "fr", ENTRIES) == "=nobody= =tbt="
    assert expand_shortcuts("a=tbt=b and x == y", "vi", ENTRIES) == "a=tbt=b and x == y"


def test_shortcut_codes_ignore_case_and_output_is_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Ảnh: =TBT=")
    result = expand_shortcuts(decomposed, "vi", ENTRIES)
    assert result == "Ảnh: Vũ Việt Trang"
    assert unicodedata.is_normalized("NFC", result)


def test_code_syntax() -> None:
    assert is_valid_code("tbt") and is_valid_code("vna-2026") and is_valid_code("tổng_gđ")
    assert not is_valid_code("") and not is_valid_code("-x") and not is_valid_code("a b")


# The check


def test_forbidden_form_is_reported_with_photo_field_and_expected_rendering() -> None:
    findings = check_captions(
        [caption("p1", "ru", "Генеральный директор ВНА Ву Вьет Транг в Ханое")], ENTRIES
    )
    assert [(f.code, f.found, f.expected, f.entry_id) for f in findings] == [
        (FORBIDDEN_FORM, "ВНА", "ВИА", 3),
        (FORBIDDEN_FORM, "Ву Вьет Транг", "Ву Вьет Чанг", 1),
    ]
    assert findings[0].photo_id == "p1" and findings[0].field == "caption"
    assert "“ВНА”" in findings[0].message and "“ВИА”" in findings[0].message


def test_forbidden_match_is_case_insensitive_whole_word_and_nfc() -> None:
    text = unicodedata.normalize("NFD", "Ảnh chụp tại HA NOI; Ha Noian; Hà Nội")
    findings = check_captions([caption("p1", "en", text)], ENTRIES)
    assert [f.found for f in findings] == ["HA NOI"]


def test_forbidden_form_inside_the_rendering_is_not_reported() -> None:
    # "Ву Вьет" is forbidden alone, but it is part of the correct "Ву Вьет Чанг".
    assert check_captions([caption("p1", "ru", "Ву Вьет Чанг, ВИА")], ENTRIES) == []


def test_forbidden_forms_count_only_in_their_language() -> None:
    assert check_captions([caption("p1", "vi", "Ha Noi")], ENTRIES) == []


def test_rendering_and_variant_in_one_language_reports_the_variant() -> None:
    captions = [
        caption("p1", "en", "Photo: Andrey Kondrashov/TASS"),
        caption("p2", "en", "Andrei Kondrashov at the talks", CaptionField.HEADLINE),
        caption("p3", "ru", "Андрей Кондрашов"),
    ]
    findings = check_captions(captions, ENTRIES)
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.photo_id, finding.field, finding.code) == (
        "p2",
        "headline",
        INCONSISTENT_RENDERING,
    )
    assert (finding.found, finding.expected) == ("Andrei Kondrashov", "Andrey Kondrashov")


def test_a_variant_used_consistently_is_fine() -> None:
    captions = [
        caption("p1", "en", "General Director Vu Viet Trang"),
        caption("p2", "en", "The General Director of VNA"),
    ]
    assert check_captions(captions, ENTRIES) == []


def test_two_variants_are_both_reported_when_the_rendering_is_unused() -> None:
    entry = GlossaryEntry(
        9,
        GlossaryKind.ORGANISATION,
        {"en": "VNA"},
        variants={"en": ("Vietnam News Agency", "Vietnamese News Agency")},
    )
    captions = [
        caption("p1", "en", "Vietnam News Agency"),
        caption("p2", "en", "Vietnamese News Agency"),
    ]
    findings = check_captions(captions, [entry])
    assert [(f.photo_id, f.expected) for f in findings] == [("p1", "VNA"), ("p2", "VNA")]


def test_a_name_left_in_another_script_is_reported() -> None:
    findings = check_captions(
        [caption("p1", "ru", "Тổng Giám đốc? Нет: Vũ Việt Trang встретился с ТАСС")], ENTRIES
    )
    trang = [f for f in findings if f.entry_id == 1]
    assert [(f.code, f.found, f.expected) for f in trang] == [
        (INCONSISTENT_RENDERING, "Vũ Việt Trang", "Ву Вьет Чанг")
    ]
    assert "vi" in trang[0].message


def test_the_same_script_is_not_called_untranslated() -> None:
    # vi and en are both Latin: "TTXVN" in an en caption is a choice, not a leftover.
    assert check_captions([caption("p1", "en", "TTXVN and VNA")], ENTRIES) == []


def test_latin_name_in_a_russian_caption_of_an_entry_without_a_ru_rendering() -> None:
    entry = GlossaryEntry(7, GlossaryKind.PERSON, {"vi": "Tuấn Anh", "en": "Tuan Anh"})
    findings = check_captions([caption("p1", "ru", "Фото: Tuan Anh/ВИА")], [entry])
    assert [(f.found, f.expected) for f in findings] == [("Tuan Anh", "")]


def test_findings_are_sorted_and_serialise_to_json() -> None:
    captions = [
        caption("p2", "en", "Ha Noi"),
        caption("p1", "ru", "ВНА"),
    ]
    findings = check_captions(captions, ENTRIES)
    assert [f.photo_id for f in findings] == ["p1", "p2"]
    data = findings[0].to_json()
    assert set(data) >= {
        "photo_id",
        "language",
        "field",
        "code",
        "entry_id",
        "found",
        "expected",
        "message",
    }
    assert data["found"] == "ВНА"


def test_script_of() -> None:
    assert script_of("Ву Вьет Чанг") == "CYRILLIC"
    assert script_of("Vũ Việt Trang") == "LATIN"
    assert script_of("2026") == ""


def test_empty_captions_and_empty_glossary() -> None:
    assert check_captions([caption("p1", "vi", "  ")], ENTRIES) == []
    assert check_captions([caption("p1", "vi", "Hà Nội")], []) == []


# Import merging


def draft(terms: dict[str, str], code: str = "", line: int = 2, **extra: object) -> GlossaryDraft:
    return GlossaryDraft(GlossaryKind.PERSON, terms, code=code, line=line, **extra)  # type: ignore[arg-type]


def test_plan_replaces_by_code_then_by_rendering_else_adds() -> None:
    drafts = [
        draft({"vi": "Vũ Việt Trang", "ru": "Ву Вьет Чанг"}, code="tbt", line=2),
        draft({"ru": "Андрей Кондрашов", "en": "Andrei Kondrashov"}, line=3),
        draft({"vi": "Tuấn Anh", "ru": "Туан Ань", "en": "Tuan Anh"}, line=4),
    ]
    plan = plan_import(ENTRIES, drafts)
    assert [entry.id for entry in plan.replaced] == [1, 2]
    assert plan.replaced[1].code == "kondrashov"  # kept: the draft had none
    assert plan.replaced[1].terms["en"] == "Andrei Kondrashov"
    assert [d.terms["vi"] for d in plan.added] == ["Tuấn Anh"]


def test_plan_counts_identical_entries_as_unchanged() -> None:
    same = GlossaryDraft(TASS.kind, dict(TASS.terms))
    plan = plan_import(ENTRIES, [same])
    assert plan.unchanged == [TASS] and not plan.replaced and not plan.added


def test_an_entry_with_another_code_is_not_matched_by_rendering() -> None:
    plan = plan_import(ENTRIES, [draft({"vi": "Hà Nội"}, code="hanoi")])
    assert len(plan.added) == 1 and not plan.replaced


def test_two_lines_matching_one_entry_are_refused() -> None:
    drafts = [draft({"ru": "ТАСС"}, line=5), draft({"en": "TASS"}, line=9)]
    with pytest.raises(UsageError, match=r"glossary\.csv: lines 5 and 9 both match"):
        plan_import(ENTRIES, drafts, source="glossary.csv")


def test_many_names_sharing_a_surname_match_whole_words_only() -> None:
    entries = [
        GlossaryEntry(
            100 + i,
            GlossaryKind.PERSON,
            {"vi": f"Nguyễn Văn {i}", "ru": f"Нгуен Ван {i}"},
            forbidden={"ru": (f"Нгуен Вань {i}",)},
        )
        for i in range(300)
    ]
    findings = check_captions([caption("p1", "ru", "Нгуен Вань 12 и Нгуен Ван 1.")], entries)
    assert [(f.entry_id, f.found) for f in findings] == [(112, "Нгуен Вань 12")]
