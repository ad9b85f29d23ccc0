"""Settings and patterns cannot run away: bounded before they are stored, and when opened.

A naming pattern or credit template that pads a field to a billion characters is refused
when typed, and a project whose ``setting`` table was written by hand (by sqlite3, as a
project from elsewhere may be) opens with that setting refused by name and its default
in use, the rest of the project usable.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from curator import cli
from curator.core.checks.preflight import ppi_thresholds
from curator.core.delivery_planning.naming import NameFields, check_pattern, expand_pattern
from curator.core.delivery_planning.settings import stored_options
from curator.core.errors import UsageError
from curator.core.language.credits import fill_template
from curator.core.language.generated import refresh_generated
from curator.core.layout.style import Product
from curator.core.services import ProjectService
from curator.core.settings.project_settings import apply_settings, read_setting, setting_specs
from curator.demo import write_demo

RUNAWAY_PATTERNS = [
    "{section:0999999999}",
    "{order:>99999999}",
    "{photographer:.99999999}",
    "{id:x^100000}",
    "{section:{order}}",
    "{date:%0999999999Y}",
    "{date:%_99Y}",
    "x" * 5000,
]


def _fields() -> NameFields:
    return NameFields(1, 1, 1, "Tuấn Anh", "p1", "IMG_0001", date(2024, 1, 2))


@pytest.mark.parametrize("pattern", RUNAWAY_PATTERNS)
def test_runaway_naming_patterns_are_refused_before_expanding(pattern: str) -> None:
    with pytest.raises(UsageError) as refused:
        check_pattern(pattern)
    assert "naming pattern" in refused.value.message
    assert len(refused.value.message) < 400  # a huge pattern is quoted short
    with pytest.raises(UsageError):
        expand_pattern(pattern, _fields())


def test_a_pattern_whose_fields_together_make_too_long_a_name_is_refused() -> None:
    with pytest.raises(UsageError) as refused:
        check_pattern("{n:064}" * 28)  # each field within bounds, together 1,792 characters
    assert "at most 500" in refused.value.message


@pytest.mark.parametrize(
    "pattern", ["{section:02}-{order:03}-{photographer}", "{date:%Y%m%d}-{n:04}", "{id:>20}"]
)
def test_ordinary_patterns_still_expand(pattern: str) -> None:
    check_pattern(pattern)
    assert expand_pattern(pattern, _fields())


@pytest.mark.parametrize(
    "template", ["Ảnh: {photographer:>999999999}", "{agency:.{photographer}}", "Фото " * 300]
)
def test_runaway_credit_templates_are_refused(template: str) -> None:
    with pytest.raises(UsageError):
        fill_template(template, "A", "B")


def test_a_credit_template_making_long_lines_is_refused_as_a_setting(service) -> None:
    with pytest.raises(UsageError) as refused:
        apply_settings(service, {"credits.vi.photo": "{photographer:x>60}" * 10})
    assert "credits.vi.photo" in refused.value.message
    assert "at most 500" in refused.value.message


def test_the_settings_command_refuses_the_runaway_pattern(project_path: Path, capsys) -> None:
    code = cli.main(["settings", str(project_path), "delivery.naming", "{section:0999999999}"])
    assert code == 2
    err = capsys.readouterr().err
    assert "delivery.naming" in err and "999999999" in err
    with ProjectService.open(project_path, read_only=True) as service:
        assert service.project.setting("delivery", None) is None


def _write_settings(path: Path, rows: dict[str, object]) -> None:
    """Write ``setting`` rows straight into the file, as another tool might."""
    with sqlite3.connect(path) as conn:
        for key, value in rows.items():
            text = value if isinstance(value, str) else json.dumps(value)
            conn.execute(
                "INSERT INTO setting (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, text),
            )
    conn.close()


def test_a_project_from_elsewhere_opens_with_the_bad_settings_refused(tmp_path: Path) -> None:
    path, _created = write_demo(tmp_path / "demo")
    _write_settings(
        path,
        {
            "delivery": {"naming": "{section:0999999999}", "long_edge": 2000},
            "credit_templates": {"vi": "Ảnh: {photographer:>999999999}", "ru": "Фото: {agency}"},
            "catalogue": {"trim_width_mm": 1e12, "bleed_mm": 5},
            "preflight": {"panels": {"ppi_warning": "lots", "ppi_error": 50}},
            "backups.budget_mb": json.dumps("x" * 1_200_000),
        },
    )
    with ProjectService.open(path) as service:
        warnings = service.setting_warnings
        text = "\n".join(warnings)
        for key in (
            "delivery.naming",
            "credits.vi.photo",
            "catalogue.trim_width_mm",
            "preflight.panels.ppi_warning",
            "backups.budget_mb",
        ):
            assert key in text, key
        assert len(warnings) == 5
        # Every reader sees the default in place of the refused value, the rest as stored.
        options = stored_options(service)
        assert options.naming == "{section:02}-{order:03}-{photographer}"
        assert options.long_edge == 2000
        settings = service.project.catalogue_settings()
        assert settings.trim_width_mm == 210.0 and settings.bleed_mm == 5
        assert ppi_thresholds(service, Product.PANELS) == (100.0, 50.0)
        specs = {spec.key: spec for spec in setting_specs(service)}
        assert read_setting(service, specs["credits.ru.photo"]).value == "Фото: {agency}"
        assert read_setting(service, specs["credits.vi.photo"]).is_default
        refresh_generated(service)  # credit lines regenerate with the default template
        # A worker's connection sees the same.
        worker = service.for_thread()
        try:
            assert stored_options(worker).naming == options.naming
        finally:
            worker.close()
        # Writing a checked value replaces the refused one.
        apply_settings(service, {"delivery.naming": "{n:03}"})
        assert stored_options(service).naming == "{n:03}"
        assert stored_options(service).long_edge == 2000
    with ProjectService.open(path, read_only=True) as service:
        assert not any("delivery.naming" in w for w in service.setting_warnings)


def test_a_language_the_project_dropped_is_not_a_warning(tmp_path: Path) -> None:
    path, _created = write_demo(tmp_path / "demo")
    _write_settings(path, {"delivery": {"languages": ["vi", "de"], "main_language": "de"}})
    with ProjectService.open(path, read_only=True) as service:
        assert service.setting_warnings == []
        options = stored_options(service)
        assert options.languages == ("vi",) and options.main_language == "vi"


def test_deliver_from_a_project_with_a_runaway_pattern_uses_the_default(
    tmp_path: Path, capsys
) -> None:
    path, _created = write_demo(tmp_path / "demo")
    _write_settings(path, {"delivery": {"naming": "{section:0999999999}"}})
    out = tmp_path / "out"
    assert cli.main(["deliver", str(path), "--to", str(out), "--json"]) == 0
    captured = capsys.readouterr()
    assert "delivery.naming" in captured.err
    names = [entry["name"] for entry in json.loads(captured.out)["files"]]
    assert names and all(len(name) < 120 for name in names)
    assert names[0].startswith("01-001-")
    code = cli.main(["settings", str(path), "delivery.naming"])
    assert code == 0
    assert "(default)" in capsys.readouterr().out
