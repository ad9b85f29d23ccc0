"""``curator settings``: list, show, set and reset a project's settings."""

import json
from pathlib import Path

from curator import cli
from curator.core.checks.preflight import ppi_thresholds
from curator.core.layout.style import Product
from curator.core.services import ProjectService
from curator.core.storage.store import ProjectStore


def test_lists_every_setting_by_group(project_path: Path, capsys) -> None:
    assert cli.main(["settings", str(project_path)]) == 0
    out = capsys.readouterr().out
    for heading in ("Credits", "Preflight", "Catalogue", "Delivery", "Backups"):
        assert f"{heading}\n" in out
    assert "credits.vi.photo = Ảnh: {photographer}/{agency}  (default)" in out
    assert "catalogue.bleed_mm = 3 mm  (default)" in out
    assert "delivery.languages = vi, ru, en  (default)" in out


def test_json_lists_keys_values_and_defaults(project_path: Path, capsys) -> None:
    assert cli.main(["settings", str(project_path), "--json"]) == 0
    entries = {e["key"]: e for e in json.loads(capsys.readouterr().out)}
    assert entries["backups.budget_mb"]["value"] == 500
    assert entries["backups.budget_mb"]["unit"] == "MB"
    assert entries["delivery.iim"]["choices"] == ["always", "if-present", "never"]
    assert entries["catalogue.crop_marks"] == {
        "key": "catalogue.crop_marks",
        "group": "catalogue",
        "kind": "boolean",
        "value": False,
        "default": False,
        "is_default": True,
    }


def test_sets_shows_and_resets_one_setting(project_path: Path, capsys) -> None:
    assert cli.main(["settings", str(project_path), "preflight.panels.ppi_warning", "150"]) == 0
    assert capsys.readouterr().out == "preflight.panels.ppi_warning = 150 ppi (was 100 ppi)\n"
    with ProjectService.open(project_path, read_only=True) as service:
        assert ppi_thresholds(service, Product.PANELS) == (150, 60)
    assert cli.main(["settings", str(project_path), "preflight.panels.ppi_warning", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["value"] == 150 and shown["is_default"] is False
    assert cli.main(["settings", str(project_path), "preflight.panels.ppi_warning", "--reset"]) == 0
    assert capsys.readouterr().out.startswith("preflight.panels.ppi_warning = 100 ppi")


def test_a_length_takes_a_unit(project_path: Path, capsys) -> None:
    assert cli.main(["settings", str(project_path), "catalogue.bleed_mm", "0.125in"]) == 0
    assert "= 3.175 mm" in capsys.readouterr().out


def test_bad_input_exits_2_names_the_problem_and_changes_nothing(
    project_path: Path, capsys
) -> None:
    before = _setting_rows(project_path)
    assert cli.main(["settings", str(project_path), "catalogue.bleed_mm", "50"]) == 2
    assert "Bleed (catalogue.bleed_mm): 50 mm is more than" in capsys.readouterr().err
    assert cli.main(["settings", str(project_path), "catalogue.bleed", "5"]) == 2
    assert "Did you mean: catalogue.bleed_mm" in capsys.readouterr().err
    assert cli.main(["settings", str(project_path), "preflight.panels.ppi_error", "500"]) == 2
    assert "above the warning threshold" in capsys.readouterr().err
    assert cli.main(["settings", str(project_path), "--reset"]) == 2
    with ProjectService.open(project_path, read_only=True) as service:
        rows = service.store.conn.execute("SELECT key, value FROM setting").fetchall()
    assert rows == before  # nothing changed


def test_a_project_open_elsewhere_exits_3(project_path: Path, capsys) -> None:
    with ProjectStore.open(project_path):
        assert cli.main(["settings", str(project_path), "catalogue.bleed_mm", "5"]) == 3
    # reading needs no lock
    with ProjectStore.open(project_path):
        assert cli.main(["settings", str(project_path), "catalogue.bleed_mm"]) == 0


def test_messages_follow_the_interface_language(project_path: Path, capsys) -> None:
    code = cli.main(
        ["settings", str(project_path), "catalogue.crop_marks", "maybe", "--ui-language", "ru"]
    )
    assert code == 2
    assert "catalogue.crop_marks" in capsys.readouterr().err


def _setting_rows(project_path: Path) -> list[tuple[str, str]]:
    with ProjectService.open(project_path) as service:  # opening may record internal state
        pass
    with ProjectService.open(project_path, read_only=True) as service:
        return service.store.conn.execute("SELECT key, value FROM setting").fetchall()


def test_every_settings_group_is_listed_by_the_cli_and_has_a_tab(project_path: Path, capsys):
    from curator.cli.settings_command import GROUP_TITLES
    from curator.core.settings.setting_values import SettingGroup
    from curator.ui.views.project_settings_dialog import TAB_INTROS, TAB_TITLES

    for titles in (GROUP_TITLES, TAB_TITLES, TAB_INTROS):
        assert set(titles) == set(SettingGroup)
    assert cli.main(["settings", str(project_path)]) == 0
    out = capsys.readouterr().out
    assert "Wall type\n" in out
    assert "wall.panels.viewing_distance_cm = 120 cm  (default)" in out
    assert "wall.labels.text_pt = 0 pt  (default)" in out
    assert "catalogue.cover_photo = " in out
