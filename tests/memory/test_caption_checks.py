"""Checks across languages (issue 22, point 4), on the demo exhibition's real captions with
mismatches planted, through the command line."""

from __future__ import annotations

import contextlib
import io
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from curator import cli
from curator.core.checks.caption_checks import check_photo, numbers
from curator.core.model import Caption, CaptionField, CaptionStatus, Photo

PHOTO = ""  # the demo's exhibition in Moscow, 12/11/2025 (05-exhibition.jpg); ids are random


def _run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = cli.main([*args, "--ui-language", "en"])
    return code, out.getvalue()


def _json(*args: str) -> Any:
    code, out = _run(*args, "--json")
    assert code == 0, args
    return json.loads(out)


@pytest.fixture
def demo(tmp_path: Path) -> str:
    global PHOTO
    code, out = _run("demo", str(tmp_path / "demo"))
    assert code == 0
    project = out.strip()
    photos = _json("photos", project)
    PHOTO = next(p["id"] for p in photos if p["path"].endswith("05-exhibition.jpg"))
    return project


def _set(project: str, language: str, field: str, text: str) -> None:
    code, _out = _run("caption", project, PHOTO, "--lang", language, "--field", field,
                      "--text", text, "--status", "final")  # fmt: skip
    assert code == 0


def _codes(project: str) -> set[tuple[str, str, str, str]]:
    findings = _json("check", project, "--product", "captions")
    return {(f["language"], f["field"], f["code"], f["detail"]) for f in findings}


def test_the_demo_as_shipped_has_no_findings(demo: str) -> None:
    assert _json("check", demo, "--product", "captions") == []


def test_planted_mismatches_are_found_each_with_its_code(demo: str) -> None:
    _set(demo, "ru", "caption", "Посетители фотовыставки о вьетнамско-российских отношениях, "
         "которую ВИА и ТАСС организовали в  Петербурге в 1957 году.")  # fmt: skip
    _set(demo, "vi", "caption", "Khách tham quan xem trưng bày ảnh về quan hệ Việt Nam – Nga "
         "do TTXVN và TASS phối hợp tổ chức tại Moskva năm 1958.")  # fmt: skip
    _set(demo, "en", "caption", "Visitors at at a “photo exhibition on Vietnam–Russia relations "
         "(organised by VNA and TASS in Moscow in 1958.")  # fmt: skip
    _set(demo, "en", "date", "November 21, 2025")
    _set(demo, "ru", "place", "Санкт-Петербург")
    assert _codes(demo) == {
        ("ru", "caption", "number-mismatch", "1958"),
        ("ru", "caption", "number-mismatch", "1957"),
        ("ru", "caption", "glossary-missing", "Москва"),
        ("ru", "caption", "spaces", ""),
        ("en", "caption", "doubled-word", "at"),
        ("en", "caption", "unbalanced-quotes", "“”"),
        ("en", "caption", "unbalanced-brackets", "()"),
        ("en", "date", "date-mismatch", "2025-11-12"),
        ("en", "date", "number-mismatch", "21"),
        ("en", "date", "number-mismatch", "12"),
        ("ru", "place", "place-mismatch", "Пресс-центр ТАСС, Москва, Россия"),
        ("ru", "place", "glossary-missing", "Москва"),
    }


def test_a_translation_left_as_the_source_and_a_forbidden_form_are_found(demo: str) -> None:
    text = "Khách tham quan xem trưng bày ảnh tại Moskva."
    _set(demo, "vi", "caption", text)
    _set(demo, "en", "caption", text)
    _set(demo, "ru", "caption", "Посетители выставки в Моськве.")
    csv = Path(demo).parent / "g.csv"
    csv.write_text("code,kind,vi,ru,en,forbidden:ru\nmsk,place,Moskva,Москва,Moscow,Моськве\n",
                   encoding="utf-8")  # fmt: skip
    assert _run("glossary", "import", demo, str(csv))[0] == 0
    found = _codes(demo)
    assert ("en", "caption", "same-as-source", "") in found
    assert ("ru", "caption", "glossary-forbidden", "Моськве") in found


def test_an_accepted_finding_is_kept_in_the_project_and_not_raised_again(demo: str) -> None:
    _set(demo, "ru", "caption", "Посетители фотовыставки ВИА и ТАСС в Москве в 1957 году.")
    findings = _json("check", demo, "--product", "captions")
    assert [f["code"] for f in findings] == ["number-mismatch"]
    assert _run("check", demo, "--product", "captions", "--accept", findings[0]["id"])[0] == 0
    assert _json("check", demo, "--product", "captions") == []
    # A different number in the same field is a new finding.
    _set(demo, "ru", "caption", "Посетители фотовыставки ВИА и ТАСС в Москве в 1956 году.")
    assert [f["detail"] for f in _json("check", demo, "--product", "captions")] == ["1956"]
    assert _run("check", demo, "--product", "captions", "--accept", "no/such")[0] == 2


def test_caption_findings_are_never_part_of_a_products_preflight(demo: str) -> None:
    _set(demo, "ru", "caption", "Посетители фотовыставки в Петербурге в 1957 году.")
    assert _json("check", demo, "--product", "captions")
    codes = {f.get("code") for f in _json("check", demo, "--product", "panels")}
    assert not codes & {"number-mismatch", "glossary-missing"}
    code, _out = _run("export", "labels", demo, "-o", str(Path(demo).parent / "labels.pdf"))
    assert code == 0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ngày 24/2/1958", "24 февраля 1958 г."),
        ("24.02.1958", "February 24, 1958"),
        ("1.000 phóng viên", "1 000 корреспондентов"),
        ("1,000 reporters", "1 000 корреспондентов"),
    ],
)
def test_dates_and_numbers_written_each_languages_way_agree(a: str, b: str) -> None:
    assert set(numbers(a)) == set(numbers(b))


def test_a_check_of_one_photo_reports_its_field_and_language() -> None:
    photo = Photo(id="p1", path=Path("/p.jpg"), sha256="h", width=6, height=4,
                  captured_at=datetime(2019, 3, 1))  # fmt: skip
    captions = [
        Caption("p1", "vi", CaptionField.HEADLINE, "Hội đàm năm 2019", CaptionStatus.FINAL),
        Caption("p1", "ru", CaptionField.HEADLINE, "Переговоры 2018 года", CaptionStatus.DRAFT),
    ]
    found = check_photo(photo, captions, "vi", [])
    assert {(f.photo_id, f.language, f.field, f.code, f.detail) for f in found} == {
        ("p1", "ru", "headline", "number-mismatch", "2019"),
        ("p1", "ru", "headline", "number-mismatch", "2018"),
    }


def test_an_alt_text_over_the_guide_is_a_finding_and_the_cli_edits_it(demo: str) -> None:
    long = "Посетители рассматривают фотографии на длинной белой стене галереи. " * 5
    _set(demo, "ru", "alt", long.strip())
    shown = _json("caption", demo, PHOTO, "--lang", "ru", "--field", "alt")
    assert shown["field"] == "alt" and shown["text"] == long.strip()
    assert shown["status"] == "final"
    assert ("ru", "alt", "alt-too-long", "250") in _codes(demo)
    _set(demo, "ru", "alt", "Посетители у фотографий на белой стене галереи.")
    assert not any(code == "alt-too-long" for _l, _f, code, _d in _codes(demo))
