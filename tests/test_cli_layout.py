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


def test_a1_panels_leave_every_caption_room(tmp_path: Path, capsys) -> None:
    # The planner measures the real captions with the PDF's metrics: on A1 panels the demo's
    # long Russian captions used to overflow three frames chosen by nominal metrics.
    assert cli.main(["demo", str(tmp_path)]) == 0
    project = next(tmp_path.glob("*.curator"))
    assert cli.main(["layout", "auto", str(project), "--panel-size", "A1"]) == 0
    capsys.readouterr()
    assert cli.main(["check", str(project), "--json"]) == 0
    findings = json.loads(capsys.readouterr().out)
    assert not [f for f in findings if f["code"] == "caption-overflow"]
    report = _show_json(project, capsys)
    for section in report["sections"]:
        first, *rest = section["panels"]
        # The section's title, one line per language, heads its first panel only.
        assert {tag: block["lines"] for tag, block in first["titles"].items()} == {
            tag: [text] for tag, text in section["title"].items()
        }
        assert all(panel["titles"] == {} for panel in rest)
        for panel in section["panels"]:
            for slot in panel["slots"]:
                for block in slot["captions"].values():
                    assert block["fits"]
                    # A headline budget beside the caption's: one or two headline lines.
                    assert 0 < block["headline_budget_chars"] < block["budget_chars"]
