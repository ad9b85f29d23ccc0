"""``curator visit``: routes, stops, talking points, times and checks from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from curator import cli
from curator.core.hall.model import Support
from curator.core.services import ProjectService


def _room(project: Path) -> list[str]:
    """Three panels 1 m wide hung 2 m and 8 m along a 10 m wall, the third not hung."""
    with ProjectService.open(project) as service:
        section = service.add_section({"vi": "Một", "ru": "Один", "en": "One"})
        with service.store.transaction():
            panels = [service.exhibition.add_panel(section.id, 1000, 1500).id for _ in range(3)]
        service.operations.hall.add_wall((0, 0), (10000, 0), 3000)
        service.operations.hall.place(panels[0], Support("wall", 1), 1500)
        service.operations.hall.place(panels[1], Support("wall", 1), 7500)
    return panels


def _visit(project: Path, *args: str) -> int:
    return cli.main(["visit", *args[:2], str(project), *args[2:]])


def test_a_route_is_made_shown_with_its_times_and_checked(project_path: Path, capsys) -> None:
    panels = _room(project_path)
    assert _visit(project_path, "route", "add", "State visit", "--speed", "1", "--allotted",
                  "5") == 0  # fmt: skip
    assert _visit(project_path, "stop", "add", "State visit", "1.1", "--minutes", "2") == 0
    assert _visit(project_path, "stop", "add", "State visit", panels[1], "--minutes", "2") == 0
    assert "has 2 stops" in capsys.readouterr().err
    assert _visit(project_path, "points", "set", "State visit", "2", "vi", "Đây là Hà Nội") == 0
    capsys.readouterr()
    assert cli.main(["visit", "show", str(project_path), "State visit"]) == 0
    shown = capsys.readouterr().out
    assert "2 stops, 6 m on foot, 4.1 of 5 minutes" in shown
    assert "2. panel 1.2: 2 min (6 m on foot, 6 s), 4.1 min so far" in shown
    assert "[vi] Đây là Hà Nội" in shown
    assert cli.main(["visit", "check", str(project_path)]) == 0
    # a third stop at a panel not hung, and over the time allotted
    assert _visit(project_path, "stop", "add", "State visit", "1.3", "--at", "1") == 0
    capsys.readouterr()
    assert cli.main(["visit", "check", str(project_path), "--json"]) == 2
    found = json.loads(capsys.readouterr().out)
    assert [(f["code"], f["stops"]) for f in found] == [
        ("stop-not-placed", [1]),
        ("visit-over-time", []),
    ]
    assert _visit(project_path, "stop", "move", "State visit", "1", "--to", "3") == 0
    assert _visit(project_path, "stop", "time", "State visit", "3", "0.5") == 0
    capsys.readouterr()
    assert cli.main(["visit", "show", str(project_path), "State visit", "--json"]) == 0
    route = json.loads(capsys.readouterr().out)
    assert [(s["reference"], s["minutes"]) for s in route["stops"]] == [
        ("1.1", 2.0),
        ("1.2", 2.0),
        ("1.3", 0.5),
    ]
    assert route["stops"][1]["points"] == {"vi": "Đây là Hà Nội"}


def test_bad_input_is_refused_with_exit_2_and_a_clear_message(project_path: Path, capsys):
    _room(project_path)
    assert _visit(project_path, "route", "add", "A") == 0
    assert _visit(project_path, "stop", "add", "B", "1.1") == 2
    assert "There is no route “B” (routes: A)." in capsys.readouterr().err
    assert _visit(project_path, "stop", "add", "A", "1.1", "--photo", "p1") == 2
    assert "give one of them" in capsys.readouterr().err
    assert _visit(project_path, "stop", "remove", "A", "1") == 2
    assert "has no stop 1" in capsys.readouterr().err
    assert _visit(project_path, "route", "add", "a") == 2  # names are told apart without case
    assert _visit(project_path, "route", "remove", "A") == 0
    capsys.readouterr()
    assert _visit(project_path, "route", "list", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_a_walk_reads_in_seconds_under_a_minute_and_in_minutes_above(
    project_path: Path, capsys
) -> None:
    """Issue 26: 6 m at 0.2 m/s is "30 s" (not "0.5 min"); at 0.04 m/s it is "2.5 min"."""
    panels = _room(project_path)
    assert _visit(project_path, "route", "add", "Slow", "--speed", "0.2") == 0
    assert _visit(project_path, "stop", "add", "Slow", "1.1") == 0
    assert _visit(project_path, "stop", "add", "Slow", panels[1]) == 0
    capsys.readouterr()
    assert cli.main(["visit", "show", str(project_path), "Slow"]) == 0
    assert "(6 m on foot, 30 s)" in capsys.readouterr().out
    assert cli.main(["visit", "route", "set", str(project_path), "Slow", "--speed", "0.04"]) == 0
    capsys.readouterr()
    assert cli.main(["visit", "show", str(project_path), "Slow"]) == 0
    assert "(6 m on foot, 2.5 min)" in capsys.readouterr().out
