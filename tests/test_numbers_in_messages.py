"""Numbers inside messages are written as the interface language writes them.

Vietnamese and Russian write a decimal comma ("1,5 мин", "2,5 mm"); a message that formats
a decimal itself (``%(size).1f``, ``%(mm)g``) prints a point in every language. Messages take
``%(name)s`` with :func:`curator.i18n.number_text` instead; the scan below keeps it so.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from curator import cli, i18n
from curator.core.hall.visit import format_walk_time
from curator.demo import write_demo
from curator.i18n import number_text

PACKAGE = Path(__file__).resolve().parents[1] / "curator"
TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"
#: A decimal conversion: ``%(name).1f``, ``%(name)g``, ``%.2f``, ``%e``.
DECIMAL = re.compile(r"%(?:\([a-z_]+\))?[-#0 +]*\d*(?:\.\d+)?[fFgGeE]")
TRANSLATING = {"_", "N_", "ngettext", "pgettext", "npgettext", "translate"}


@pytest.fixture(autouse=True)
def _english_after() -> object:
    yield
    i18n.set_language("en")


def _decimal(text: str) -> bool:
    return DECIMAL.search(text.replace("%%", "")) is not None


def _messages(source: str) -> list[tuple[int, str]]:
    """Every literal handed to a translating call, with its line."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in TRANSLATING:
            continue
        for arg in node.args:
            for part in ast.walk(arg):
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    found.append((part.lineno, part.value))
    return found


def test_the_scan_sees_a_decimal_conversion() -> None:
    assert _messages('_("%(size).1f MB")') == [(1, "%(size).1f MB")]
    assert _decimal("%(size).1f MB") and _decimal("%(mm)g mm")
    assert not _decimal("%(count)d photos, %(name)s, 100%%, %(percent)d%% final")


def test_no_message_formats_a_decimal_itself() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}:{line}: {text!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, text in _messages(path.read_text(encoding="utf-8"))
        if _decimal(text)
    ]
    assert offenders == [], "write %(name)s with number_text(value) instead:\n" + "\n".join(
        offenders
    )


def test_no_translation_formats_a_decimal_itself() -> None:
    for catalogue in sorted(TRANSLATIONS.glob("*.po")):
        msgstrs = re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', catalogue.read_text("utf-8"), re.M)
        assert not [text for text in msgstrs if _decimal(text)], catalogue.name


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", ["2.5", "1189", "0.1", "12.3", "3"]), ("vi", ["2,5", "1189", "0,1", "12,3", "3"]),
     ("ru", ["2,5", "1189", "0,1", "12,3", "3"])],
)  # fmt: skip
def test_number_text_writes_the_languages_decimal_sign(language: str, expected: list[str]):
    i18n.set_language(language)
    assert [
        number_text(2.5),
        number_text(1189.0),
        number_text(0.1),
        number_text(12.345, 1),
        number_text(2.6, 0),
    ] == expected


def test_a_walk_of_minutes_reads_with_a_comma_in_russian_and_vietnamese() -> None:
    i18n.set_language("ru")
    assert format_walk_time(1.5) == "1,5 мин"
    i18n.set_language("vi")
    assert "1,5" in format_walk_time(1.5)
    i18n.set_language("en")
    assert format_walk_time(1.5) == "1.5 min"


def test_visit_show_in_russian_writes_decimal_commas(tmp_path: Path, capsys, monkeypatch):
    path, _created = write_demo(tmp_path / "demo", hall=True)
    capsys.readouterr()
    monkeypatch.setenv("LANGUAGE", "ru")
    assert cli.main(["visit", "show", str(path), "State visit"]) == 0
    out = capsys.readouterr().out
    decimals = re.findall(r"\d+[.,]\d+ (?:мин|минут)", out)
    assert decimals, out
    assert all("," in found for found in decimals), out


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_installers_plan_groups_thousands_as_the_language_does(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    """A Russian reads "14,000 мм" as fourteen millimetres: the plan writes "14 000 мм"."""
    path, _created = write_demo(tmp_path / "demo", hall=True)
    monkeypatch.setenv("LANGUAGE", "ru")
    output = tmp_path / "plan.pdf"
    assert cli.main(["export", "plan", str(path), "-o", str(output)]) == 0
    text = subprocess.run(
        ["pdftotext", str(output), "-"], check=True, capture_output=True, text=True
    ).stdout
    walls = [line for line in text.splitlines() if line.startswith("Стена 1:")]
    assert walls, text
    assert "14\u00a0000 мм" in walls[0] or "14 000 мм" in walls[0], walls[0]
    assert "14,000" not in text
