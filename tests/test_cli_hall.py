"""``curator hall``: walls, stands, placements and checks from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator import cli
from curator.core.services import ProjectService


def _panels(project: Path, widths: list[float]) -> list[str]:
    with ProjectService.open(project) as service:
        section = service.add_section({"vi": "Một", "ru": "Один", "en": "One"})
        with service.store.transaction():
            return [service.exhibition.add_panel(section.id, w, 1500.0).id for w in widths]


def _hall(project: Path, *args: str) -> int:
    return cli.main(["hall", args[0], str(project), *args[1:]])


def _json(project: Path, capsys, *args: str, code: int = 0):
    capsys.readouterr()
    assert _hall(project, *args, "--json") == code
    return json.loads(capsys.readouterr().out)


def test_walls_and_stands_are_added_and_listed(project_path: Path, capsys) -> None:
    assert _hall(project_path, "add-wall", "--from", "0,0", "--to", "6000,0", "--height",
                 "3000", "--door", "2000,900,2100") == 0  # fmt: skip
    assert "Added wall 1." in capsys.readouterr().err
    assert _hall(project_path, "add-wall", "--from=-500,0", "--to=-500,4000",
                 "--height", "3000") == 0  # fmt: skip
    assert _hall(project_path, "add-stand", "--at", "3000,3000", "--angle", "90",
                 "--length", "2400", "--height", "2000") == 0  # fmt: skip
    plan = _json(project_path, capsys, "list")
    assert [(w["number"], w["from"], w["length_mm"]) for w in plan["walls"]] == [
        (1, [0.0, 0.0], 6000.0),
        (2, [-500.0, 0.0], 4000.0),
    ]
    assert plan["walls"][0]["doors"] == [{"offset_mm": 2000.0, "width_mm": 900.0,
                                          "height_mm": 2100.0}]  # fmt: skip
    assert plan["stands"][0]["angle_deg"] == 90.0
    assert _hall(project_path, "list") == 0
    out = capsys.readouterr().out
    assert "wall 1: 6000 mm from 0,0 to 6000,0, 3000 mm high; door at 2000 mm" in out
    assert "stand 1: 2400 mm at 3000,3000, 90°, 2000 mm high" in out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--from", "0,0", "--to", "0,0", "--height", "3000"], "different points"),
        (["--from", "0,0", "--to", "1000,0", "--height", "0"], "height"),
        (
            ["--from", "0,0", "--to", "1000,0", "--height", "3000", "--door", "800,900,2000"],
            "does not fit",
        ),
    ],
)
def test_a_wrong_wall_is_refused_clearly(project_path: Path, capsys, args, words) -> None:
    assert _hall(project_path, "add-wall", *args) == 2
    assert words in capsys.readouterr().err
    assert _json(project_path, capsys, "list")["walls"] == []


def test_a_point_that_is_not_two_numbers_is_a_usage_error(project_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        _hall(project_path, "add-wall", "--from", "0;0", "--to", "1000,0", "--height", "3000")
    assert caught.value.code == 2
    assert "“0;0” is not X,Y (numbers in mm)" in capsys.readouterr().err


def test_auto_placement_reports_what_does_not_fit(project_path: Path, capsys) -> None:
    panels = _panels(project_path, [1500, 1500, 1500])
    assert _hall(project_path, "add-wall", "--from", "0,0", "--to", "4000,0",
                 "--height", "3000") == 0  # fmt: skip
    result = _json(project_path, capsys, "place", "--auto", code=1)
    assert [(p["panel_id"], p["offset_mm"]) for p in result["placements"]] == [
        (panels[0], 300.0),
        (panels[1], 2100.0),
    ]
    assert result["unplaced"] == [{"panel_id": panels[2], "reference": "1.3"}]
    assert _hall(project_path, "place", "--auto") == 1
    assert "1 panel did not fit on the walls: 1.3" in capsys.readouterr().err


def test_placing_by_hand_and_the_checks(project_path: Path, capsys) -> None:
    first, second = _panels(project_path, [1500, 1500])
    assert _hall(project_path, "add-wall", "--from", "0,0", "--to", "4000,0", "--height",
                 "3000", "--door", "3000,900,2100") == 0  # fmt: skip
    assert _hall(project_path, "add-stand", "--at", "2000,1000", "--length", "3000",
                 "--height", "1200") == 0  # fmt: skip
    assert _hall(project_path, "place", first, "--wall", "1", "--offset", "0") == 0
    assert _hall(project_path, "place", second, "--wall", "1", "--offset", "1000") == 0
    findings = _json(project_path, capsys, "check", code=2)
    assert sorted(f["code"] for f in findings) == ["aisle-too-narrow", "panel-overlap"]
    assert _hall(project_path, "place", second, "--wall", "1", "--offset", "2500") == 0
    assert _hall(project_path, "place", first, "--stand", "1", "--face", "B", "--offset",
                 "2000") == 0  # fmt: skip
    codes = sorted(f["code"] for f in _json(project_path, capsys, "check", code=2))
    assert codes == ["aisle-too-narrow", "panel-blocks-door", "panel-too-long", "panel-too-tall"]
    plan = _json(project_path, capsys, "list")
    assert {(p["on"], p["face"]) for p in plan["placements"]} == {("wall", None), ("stand", "B")}
    assert cli.main(["settings", str(project_path), "hall.aisle_mm", "900"]) == 0
    assert _hall(project_path, "unplace", first) == 0
    assert _hall(project_path, "place", second, "--wall", "1", "--offset", "300") == 0
    capsys.readouterr()
    assert _hall(project_path, "check") == 0
    assert "0 problems" in capsys.readouterr().out


def test_placing_needs_a_target_and_known_things(project_path: Path, capsys) -> None:
    (panel,) = _panels(project_path, [1000])
    assert _hall(project_path, "place", panel, "--offset", "0") == 2
    assert "--wall N or --stand N" in capsys.readouterr().err
    assert _hall(project_path, "place", panel, "--wall", "3", "--offset", "0") == 2
    assert "no wall 3" in capsys.readouterr().err
    assert _hall(project_path, "place", panel, "--auto") == 2
    assert "--auto places every panel" in capsys.readouterr().err
    assert _hall(project_path, "remove", "stand", "1") == 2
    assert "no stand 1" in capsys.readouterr().err


def test_removing_a_wall_renumbers_the_rest(project_path: Path, capsys) -> None:
    (panel,) = _panels(project_path, [1000])
    for y in ("0", "3000"):
        assert _hall(project_path, "add-wall", "--from", f"0,{y}", "--to", f"5000,{y}",
                     "--height", "3000") == 0  # fmt: skip
    assert _hall(project_path, "place", panel, "--wall", "2", "--offset", "100") == 0
    assert _hall(project_path, "remove", "wall", "1") == 0
    plan = _json(project_path, capsys, "list")
    assert [w["from"] for w in plan["walls"]] == [[0.0, 3000.0]]
    assert [(p["number"], p["offset_mm"]) for p in plan["placements"]] == [(1, 100.0)]
