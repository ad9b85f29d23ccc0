"""``curator catalogue texts``: show, set (one edit), images, refusals with exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator import cli

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
    '<rect width="40" height="20"/></svg>'
)


def run(*args: str) -> int:
    return cli.main(list(args))


def test_set_then_json(project_path: Path, tmp_path: Path, capsys) -> None:
    foreword = tmp_path / "foreword.txt"
    foreword.write_text("Đoạn một.\nĐoạn hai.\n", encoding="utf-8")
    logo = tmp_path / "logo.svg"
    logo.write_text(SVG, encoding="utf-8")
    code = run(
        "catalogue", "texts", str(project_path),
        "--set", "title", "ru", "Вьетнам – Россия",
        "--set", "isbn", "-", "978-3-16-148410-0",
        "--set-file", "foreword", "vi", str(foreword),
        "--add-logo", str(logo),
    )  # fmt: skip
    assert code == 0
    capsys.readouterr()
    assert run("catalogue", "texts", str(project_path), "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["texts"]["title"] == {"vi": "", "ru": "Вьетнам – Россия", "en": ""}
    assert data["texts"]["isbn"] == "978-3-16-148410-0"
    assert data["texts"]["foreword"]["vi"] == "Đoạn một.\nĐoạn hai."
    assert [(a["role"], a["name"], a["media_type"]) for a in data["assets"]] == [
        ("logo", "logo.svg", "image/svg+xml")
    ]
    assert (
        run("catalogue", "texts", str(project_path), "--remove-image", str(data["assets"][0]["id"]))
        == 0
    )
    assert run("catalogue", "texts", str(project_path)) == 0
    out = capsys.readouterr().out
    assert "title ru" in out and "Вьетнам – Россия" in out and "logo.svg" not in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--set", "isbn", "-", "978-3-16-148410-9"), "check digit should be 0"),
        (("--set", "blurb", "en", "x"), "not a catalogue text"),
        (("--set", "title", "de", "x"), "“de” is not one of the project's languages"),
    ],
)
def test_refusals_change_nothing(project_path: Path, capsys, args, message: str) -> None:
    assert run("catalogue", "texts", str(project_path), "--set", "title", "vi", "A", *args) == 2
    assert message in capsys.readouterr().err
    assert run("catalogue", "texts", str(project_path), "--json") == 0
    assert json.loads(capsys.readouterr().out)["texts"]["title"]["vi"] == ""


def test_an_unreadable_image_is_named(project_path: Path, tmp_path: Path, capsys) -> None:
    bad = tmp_path / "logo.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 10)
    assert run("catalogue", "texts", str(project_path), "--add-logo", str(bad)) == 2
    assert "logo.png" in capsys.readouterr().err
