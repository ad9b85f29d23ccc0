"""Issue 19.6: wall type sizes are project settings per product, chosen by viewing distance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator import cli
from curator.core.layout.style import PANEL_MIN_PT, PANEL_STYLE, Product, TextRole, lead_style
from curator.core.layout.wall_sizes import (
    LABEL_DISTANCE_BOUNDS_CM,
    LABEL_MIN_PT,
    PANEL_DISTANCE_BOUNDS_CM,
    label_styles,
    panel_style,
    reading_pt,
)
from curator.core.services import ProjectService
from curator.core.settings.project_settings import apply_settings
from curator.core.settings.wall_type import project_label_styles, project_panel_style, wall_type


def _sizes(style) -> list[float]:
    return [style.size_pt(role) for role in TextRole]


def test_the_rule_gives_about_18_pt_per_metre_and_the_defaults_are_todays_sizes() -> None:
    # 0.2° of x-height at 1 m in Noto Sans (x-height 0.536 em): 3.49 mm, 18.5 pt.
    assert reading_pt(100) == pytest.approx(18.5, abs=0.1)
    assert reading_pt(300) == pytest.approx(3 * reading_pt(100))
    assert panel_style() == PANEL_STYLE  # 120 cm: 22 pt text, 30 pt headlines
    lead, others = label_styles()
    assert (lead.headline_pt, lead.body_pt, others.body_pt) == (18.0, 14.0, 12.0)


@pytest.mark.parametrize("distance", range(PANEL_DISTANCE_BOUNDS_CM[0], 501, 25))
def test_panel_type_grows_with_distance_and_never_goes_below_18_pt(distance: int) -> None:
    style = panel_style(distance)
    assert min(_sizes(style)) >= PANEL_MIN_PT
    assert style.body_pt == max(PANEL_MIN_PT, round(reading_pt(distance) * 2) / 2)
    lead = lead_style(style)
    assert lead.body_pt > style.body_pt and lead.headline_pt > style.headline_pt
    if distance > PANEL_DISTANCE_BOUNDS_CM[0]:
        assert style.body_pt >= panel_style(distance - 25).body_pt


@pytest.mark.parametrize("distance", range(LABEL_DISTANCE_BOUNDS_CM[0], 201, 10))
def test_label_type_grows_with_distance_and_never_goes_below_12_pt(distance: int) -> None:
    lead, others = label_styles(distance)
    assert min(_sizes(lead) + _sizes(others)) >= LABEL_MIN_PT
    assert lead.body_pt > others.body_pt and lead.headline_pt > others.headline_pt
    assert others.body_pt == max(LABEL_MIN_PT, round(reading_pt(distance) * 2) / 2)


def test_a_size_chosen_directly_wins_over_the_distance_but_not_over_the_floor() -> None:
    assert panel_style(400, chosen_pt=24).body_pt == 24
    assert panel_style(120, chosen_pt=10).body_pt == PANEL_MIN_PT
    assert label_styles(60, chosen_pt=16)[1].body_pt == 16
    assert label_styles(60, chosen_pt=8)[1].body_pt == LABEL_MIN_PT


def test_settings_round_trip_in_the_cli_and_reach_the_styles(project_path: Path, capsys) -> None:
    path = str(project_path)
    assert cli.main(["settings", path, "wall.panels.viewing_distance_cm", "250"]) == 0
    assert "wall.panels.viewing_distance_cm = 250 cm (was 120 cm)" in capsys.readouterr().out
    assert cli.main(["settings", path, "wall.labels.text_pt", "16pt"]) == 0
    capsys.readouterr()
    assert cli.main(["settings", path, "--json"]) == 0
    entries = {e["key"]: e for e in json.loads(capsys.readouterr().out)}
    assert entries["wall.panels.viewing_distance_cm"]["value"] == 250
    assert entries["wall.panels.viewing_distance_cm"]["group"] == "wall"
    assert entries["wall.labels.text_pt"]["value"] == 16
    assert entries["wall.labels.viewing_distance_cm"]["is_default"] is True
    with ProjectService.open(project_path, read_only=True) as service:
        assert wall_type(service, Product.PANELS) == (250, 0)
        assert project_panel_style(service).body_pt == 46.0  # 250 cm by the rule
        assert project_label_styles(service)[1].body_pt == 16
    assert cli.main(["settings", path, "wall.panels.viewing_distance_cm", "--reset"]) == 0
    with ProjectService.open(project_path, read_only=True) as service:
        assert project_panel_style(service) == PANEL_STYLE


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("wall.panels.text_pt", "12", "12 pt is smaller than panels allow (18 pt"),
        ("wall.labels.text_pt", "9", "9 pt is smaller than wall labels allow (12 pt"),
        ("wall.panels.viewing_distance_cm", "20", "20 cm is less than the smallest allowed, 50"),
        ("wall.labels.viewing_distance_cm", "900", "900 cm is more than the largest allowed"),
        ("wall.labels.text_pt", "big", "“big” is not a whole number"),
    ],
)
def test_values_out_of_bounds_are_refused_clearly(
    project_path: Path, capsys, key: str, value: str, says: str
) -> None:
    assert cli.main(["settings", str(project_path), key, value]) == 2
    err = capsys.readouterr().err
    assert key in err and says in err
    with ProjectService.open(project_path, read_only=True) as service:
        assert project_panel_style(service) == PANEL_STYLE
        assert project_label_styles(service) == label_styles()


def test_a_damaged_stored_value_reads_as_the_default(service: ProjectService) -> None:
    service.project.set_setting("wall", {"panels": {"viewing_distance_cm": "far", "text_pt": 3}})
    assert project_panel_style(service) == PANEL_STYLE
    apply_settings(service, {"wall.panels.text_pt": 20})
    assert project_panel_style(service).body_pt == 20
