"""Case forms of glossary terms: ``=code:case=`` markers, storage, the check, the CSV file.

The names are the real ones of the VNA–TASS talks (/work/shared/context): Andrey
Kondrashov, Sergei Mikhailov, Vũ Việt Trang, Hà Nội and Moscow, declined as a Russian
editor writes them. A Vietnamese woman's name stays the same in every Russian case, so its
entry holds no case forms.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from curator.core.language.glossary_cases import GrammaticalCase, case_forms, case_named
from curator.core.language.glossary_import import plan_import
from curator.core.language.glossary_rules import (
    INCONSISTENT_RENDERING,
    check_captions,
    expand_shortcuts,
)
from curator.core.language.spelling import glossary_words
from curator.core.model import Caption, CaptionField, CaptionStatus, GlossaryEntry, GlossaryKind
from curator.core.services import ProjectService
from curator.exchange.glossary_csv import glossary_csv_bytes, parse_glossary_csv

HANOI_CASES = {"gen": "Ханоя", "dat": "Ханою", "acc": "Ханой", "ins": "Ханоем", "pre": "Ханое"}
KONDRASHOV_CASES = {
    "gen": "Андрея Кондрашова",
    "dat": "Андрею Кондрашову",
    "acc": "Андрея Кондрашова",
    "ins": "Андреем Кондрашовым",
    "pre": "Андрее Кондрашове",
}
HANOI = GlossaryEntry(
    1,
    GlossaryKind.PLACE,
    {"vi": "Hà Nội", "ru": "Ханой", "en": "Hanoi"},
    code="hn",
    cases={"ru": HANOI_CASES},
)
KONDRASHOV = GlossaryEntry(
    2,
    GlossaryKind.PERSON,
    {"vi": "Andrey Kondrashov", "ru": "Андрей Кондрашов", "en": "Andrey Kondrashov"},
    code="kd",
    cases={"ru": KONDRASHOV_CASES},
)
TRANG = GlossaryEntry(
    3,
    GlossaryKind.PERSON,
    {"vi": "Vũ Việt Trang", "ru": "Ву Вьет Чанг", "en": "Vu Viet Trang"},
    code="vvt",
)
#: Only two forms written so far: the others must not come out as the nominative.
MIKHAILOV = GlossaryEntry(
    4,
    GlossaryKind.PERSON,
    {"ru": "Сергей Михайлов", "en": "Sergei Mikhailov"},
    code="sm",
    cases={"ru": {"gen": "Сергея Михайлова", "ins": "Сергеем Михайловым"}},
)
ENTRIES = [HANOI, KONDRASHOV, TRANG, MIKHAILOV]


@pytest.mark.parametrize(
    ("typed", "language", "expected"),
    [
        ("Переговоры в =hn:pre=.", "ru", "Переговоры в Ханое."),
        ("Делегация из =hn:gen=", "ru", "Делегация из Ханоя"),
        ("Делегация из =hn:род=", "ru", "Делегация из Ханоя"),
        ("Встреча с =kd:ins=", "ru", "Встреча с Андреем Кондрашовым"),
        ("Встреча с =kd:твор=", "ru", "Встреча с Андреем Кондрашовым"),
        ("Слово =kd:dat=", "ru", "Слово Андрею Кондрашову"),
        ("=kd:Gen= и =hn=", "ru", "Андрея Кондрашова и Ханой"),
        ("=kd:nom= в =hn:prep=", "ru", "Андрей Кондрашов в Ханое"),
        # A name that does not decline: every case is the rendering.
        ("Встреча с =vvt:ins=", "ru", "Встреча с Ву Вьет Чанг"),
        # Languages without cases: the rendering.
        ("Talks in =hn:pre=", "en", "Talks in Hanoi"),
        ("Hội đàm tại =hn:gen=", "vi", "Hội đàm tại Hà Nội"),
    ],
)
def test_a_marker_gives_the_case_form(typed: str, language: str, expected: str) -> None:
    assert expand_shortcuts(typed, language, ENTRIES) == expected


def test_a_case_form_the_glossary_lacks_is_left_as_typed() -> None:
    # Mikhailov's dative is not written yet: the marker stays so the gap is seen.
    assert expand_shortcuts("Слово =sm:dat=", "ru", ENTRIES) == "Слово =sm:dat="
    assert expand_shortcuts("с =sm:ins=", "ru", ENTRIES) == "с Сергеем Михайловым"
    assert expand_shortcuts("=hn:vocative=", "ru", ENTRIES) == "=hn:vocative="
    assert expand_shortcuts("a=hn:gen=b", "ru", ENTRIES) == "a=hn:gen=b"  # inside a word


def test_case_names_and_forms_in_order() -> None:
    assert case_named("ПРЕДЛ") is GrammaticalCase.PREPOSITIONAL
    assert case_named("loc") is GrammaticalCase.PREPOSITIONAL
    assert case_named("vocative") is None
    assert [case for case, _form in case_forms(MIKHAILOV, "ru")] == [
        GrammaticalCase.NOMINATIVE,
        GrammaticalCase.GENITIVE,
        GrammaticalCase.INSTRUMENTAL,
    ]
    assert case_forms(HANOI, "en") == [(GrammaticalCase.NOMINATIVE, "Hanoi")]
    assert case_forms(MIKHAILOV, "vi") == []


def _caption(photo: str, language: str, text: str) -> Caption:
    return Caption(photo, language, CaptionField.CAPTION, text, CaptionStatus.DRAFT)


def test_the_check_takes_a_case_form_for_the_rendering() -> None:
    captions = [
        _caption("p1", "ru", "Андрей Кондрашов прибыл в Ханой."),
        _caption("p2", "ru", "Переговоры Андрея Кондрашова в Ханое."),
        _caption("p3", "ru", "Встреча с Андреем Кондрашовым."),
    ]
    assert check_captions(captions, ENTRIES) == []
    # A Russian case form left in a Vietnamese caption is still an untranslated name.
    (finding,) = check_captions([_caption("p4", "vi", "Đoàn từ Ханоя đến.")], ENTRIES)
    assert finding.code == INCONSISTENT_RENDERING and finding.found == "Ханоя"
    assert finding.expected == "Hà Nội"


def test_spelling_never_flags_a_case_form() -> None:
    words = glossary_words(ENTRIES, "ru")
    assert {"кондрашовым", "ханое", "михайлова"} <= words


def test_the_project_stores_case_forms_and_refuses_unknown_cases(tmp_path: Path) -> None:
    path = tmp_path / "p.curator"
    with ProjectService.create(path, title="T", languages=["vi", "ru", "en"]) as service:
        with service.store.transaction():
            added = service.glossary.add(
                GlossaryKind.PLACE,
                dict(HANOI.terms),
                code="hn",
                cases={"ru": {"род": " Ханоя ", "pre": "Ханое", "dat": ""}},
            )
        assert added.cases == {"ru": {"gen": "Ханоя", "pre": "Ханое"}}
        with service.store.transaction():
            service.glossary.replace(GlossaryEntry(**{**_fields(added), "cases": {}}))
        assert service.glossary.get(added.id).cases == {}
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO glossary_case (entry_id, language, grammatical_case, form)"
            " VALUES (?, 'ru', 'voc', 'Ханой')",
            (added.id,),
        )


def _fields(entry: GlossaryEntry) -> dict[str, object]:
    return {name: getattr(entry, name) for name in GlossaryEntry.__dataclass_fields__}


def test_csv_carries_case_forms_and_a_file_without_them_keeps_the_projects() -> None:
    data = glossary_csv_bytes(ENTRIES, ["vi", "ru", "en"])
    header = data.decode("utf-8-sig").splitlines()[0].split(",")
    assert header[-5:] == ["gen:ru", "dat:ru", "acc:ru", "ins:ru", "pre:ru"]
    drafts = parse_glossary_csv(data, Path("names.csv"))
    assert [draft.cases for draft in drafts] == [entry.cases for entry in ENTRIES]
    assert plan_import(ENTRIES, drafts).replaced == []
    # A file made before case forms (or in a tool that has none) keeps them.
    older = parse_glossary_csv("code,kind,ru\r\nhn,place,Ханой\r\n".encode(), Path("old.csv"))
    plan = plan_import(ENTRIES, older)
    assert plan.unchanged == [] and plan.replaced[0].cases == HANOI.cases


def test_importing_a_glossary_file_adds_its_case_forms_and_surnames(tmp_path: Path) -> None:
    from curator.exchange import apply_glossary_plan

    data = (
        "code,kind,ru,en,surname:ru,gen:ru,ins:ru\r\n"
        "sm,person,Сергей Михайлов,Sergei Mikhailov,Михайлов,Сергея Михайлова,"
        "Сергеем Михайловым\r\n"
    ).encode()
    drafts = parse_glossary_csv(data, tmp_path / "names.csv")
    path = tmp_path / "p.curator"
    with ProjectService.create(path, title="T", languages=["ru", "en"]) as service:
        apply_glossary_plan(service, plan_import([], drafts), backup=False)
        (entry,) = service.glossary.all()
    assert entry.surnames == {"ru": "Михайлов"}
    assert entry.cases == {"ru": {"gen": "Сергея Михайлова", "ins": "Сергеем Михайловым"}}
    assert expand_shortcuts("с =sm:тв=", "ru", [entry]) == "с Сергеем Михайловым"


def test_a_case_form_that_is_also_forbidden_is_refused_naming_the_line() -> None:
    from curator.core.errors import UsageError

    data = "code,kind,ru,forbidden:ru,gen:ru\r\nhn,place,Ханой,Ханоя,Ханоя\r\n".encode()
    with pytest.raises(UsageError) as raised:
        parse_glossary_csv(data, Path("names.csv"))
    assert "names.csv, line 2" in raised.value.message
    assert "Ханоя" in raised.value.message


def test_a_nominative_column_is_refused_pointing_to_the_terms_column() -> None:
    from curator.core.errors import UsageError

    with pytest.raises(UsageError) as raised:
        parse_glossary_csv("code,ru,nom:ru\r\nhn,Ханой,Ханой\r\n".encode(), Path("n.csv"))
    assert "n.csv, line 1" in raised.value.message and "nom:ru" in raised.value.message
