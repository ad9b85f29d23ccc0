"""``curator layout auto|show`` on the demo exhibition."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator import cli
from curator.cli.layout_commands import parse_size


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    assert cli.main(["demo", str(folder)]) == 0
    return next(folder.glob("*.curator"))


def _show_json(project: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    assert cli.main(["layout", "show", str(project), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_auto_then_show_json(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert cli.main(["layout", "auto", str(demo)]) == 0
    assert "panel" in capsys.readouterr().out
    report = _show_json(demo, capsys)
    assert cli.main(["photos", str(demo), "--json"]) == 0
    photo_ids = {photo["id"] for photo in json.loads(capsys.readouterr().out)}
    slots = [
        slot
        for section in report["sections"]
        for panel in section["panels"]
        for slot in panel["slots"]
    ]
    assert sorted(slot["photo_id"] for slot in slots) == sorted(photo_ids)
    for slot in slots:
        assert slot["effective_ppi"] > 0
        assert set(slot["captions"]) == {"vi", "ru", "en"}
        for block in slot["captions"].values():
            assert isinstance(block["fits"], bool)
            assert block["budget_chars"] > 0
            assert block["lines"]


def test_show_human(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["layout", "auto", str(demo), "--panel-size", "A1"]) == 0
    capsys.readouterr()
    assert cli.main(["layout", "show", str(demo)]) == 0
    out = capsys.readouterr().out
    assert "594 × 841 mm" in out
    assert "ppi" in out


def test_auto_one_section_and_template(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = _show_json(demo, capsys)
    section = report["sections"][0]
    args = ["layout", "auto", str(demo), "--section", section["id"], "--template", "hero"]
    assert cli.main([*args, "--panel-size", "800x1200mm"]) == 0
    capsys.readouterr()
    after = _show_json(demo, capsys)
    panels = after["sections"][0]["panels"]
    assert all(len(panel["slots"]) == 1 for panel in panels)
    assert {(panel["width_mm"], panel["height_mm"]) for panel in panels} == {(800, 1200)}
    assert after["sections"][1] == report["sections"][1]


def test_refusals_exit_2(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _show_json(demo, capsys)
    assert cli.main(["layout", "auto", str(demo), "--template", "collage"]) == 2
    err = capsys.readouterr().err
    assert "collage" in err and "hero-plus-two" in err and "Traceback" not in err
    assert cli.main(["layout", "auto", str(demo), "--section", "nope"]) == 2
    assert "nope" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["layout", "auto", str(demo), "--panel-size", "big"])
    assert exit_info.value.code == 2
    assert _show_json(demo, capsys) == before


def test_missing_project_exits_3(tmp_path: Path) -> None:
    assert cli.main(["layout", "show", str(tmp_path / "none.curator")]) == 3


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("1000x1500", (1000, 1500)),
        ("1000x1500mm", (1000, 1500)),
        ("100 × 150 cm", (1000, 1500)),
        ("40x60in", (1016, 1524)),
        ("A4", (210, 297)),
        ("a1", (594, 841)),
        ("B1", (707, 1000)),
    ],
)
def test_parse_size(text: str, size: tuple[float, float]) -> None:
    assert parse_size(text) == pytest.approx(size)
