"""Project settings: declared once, checked, stored where the rest of core reads them."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from curator.core.checks.preflight import ppi_thresholds
from curator.core.delivery_planning.iim import IimPolicy
from curator.core.delivery_planning.settings import stored_options
from curator.core.editing.layout_service import min_effective_ppi
from curator.core.errors import ReadOnlyProjectError, UsageError
from curator.core.language.credits import template_for
from curator.core.language.generated import refresh_generated
from curator.core.layout.style import Product
from curator.core.model import CaptionField, CatalogueSettings, CreditRole, Photo
from curator.core.services import ProjectService
from curator.core.settings.project_settings import (
    apply_settings,
    find_spec,
    read_setting,
    read_settings,
    setting_specs,
)
from curator.core.settings.setting_values import parse_length, parse_text
from curator.core.storage.backups import interval_seconds


def _value(service: ProjectService, key: str):
    return read_setting(service, find_spec(service, key)).value


def test_every_setting_has_a_unique_key_and_a_default_that_passes_its_own_checks(service):
    specs = setting_specs(service)
    keys = [spec.key for spec in specs]
    assert len(keys) == len(set(keys))
    for state in read_settings(service):
        assert state.is_default
        assert state.value == state.spec.default
    assert apply_settings(service, {key: None for key in keys}) is not None


def test_every_catalogue_field_is_a_setting(service):
    keys = {spec.key for spec in setting_specs(service)}
    # the lowest resolution is one threshold for auto-layout and preflight (issue 18.6)
    wanted = {f"catalogue.{f.name}" for f in fields(CatalogueSettings)}
    assert wanted - {"catalogue.min_effective_ppi"} <= keys


def test_auto_layouts_floor_is_preflights_warning_threshold(service):
    for product in (Product.CATALOGUE, Product.PANELS, Product.LABELS):
        assert min_effective_ppi(service, product) == ppi_thresholds(service, product)[0]
    # the former separate floors are names for the same setting
    assert find_spec(service, "panels.min_effective_ppi").key == "preflight.panels.ppi_warning"
    apply_settings(service, {"catalogue.min_effective_ppi": 300})
    assert min_effective_ppi(service, Product.CATALOGUE) == 300
    assert ppi_thresholds(service, Product.CATALOGUE) == (300, 150)


def test_settings_land_where_the_services_read_them(service):
    apply_settings(
        service,
        {
            "catalogue.bleed_mm": parse_text(find_spec(service, "catalogue.bleed_mm"), "5mm"),
            "catalogue.trim_width_mm": 148.0,
            "preflight.catalogue.ppi_warning": 300,
            "preflight.panels.ppi_warning": 120,
            "preflight.panels.ppi_error": 80,
            "delivery.iim": "if-present",
            "delivery.long_edge": 2048,
            "backups.interval_minutes": 3,
        },
    )
    catalogue = service.project.catalogue_settings()
    assert catalogue.bleed_mm == 5.0 and catalogue.trim_width_mm == 148.0
    assert catalogue.margin_inner_mm == CatalogueSettings().margin_inner_mm
    assert min_effective_ppi(service, Product.CATALOGUE) == 300
    assert ppi_thresholds(service, Product.PANELS) == (120, 80)
    assert ppi_thresholds(service, Product.CATALOGUE) == (300, 150)
    assert min_effective_ppi(service, Product.PANELS) == 120
    options = stored_options(service)
    assert options.iim is IimPolicy.IF_PRESENT and options.long_edge == 2048
    assert interval_seconds(service.store) == 180


def test_undo_puts_back_exactly_what_was_there(service):
    undo = apply_settings(service, {"catalogue.bleed_mm": 0.0, "delivery.long_edge": 1000})
    assert undo == {"catalogue.bleed_mm": None, "delivery.long_edge": None}
    assert _value(service, "catalogue.bleed_mm") == 0.0
    redo = apply_settings(service, undo)
    assert read_setting(service, find_spec(service, "catalogue.bleed_mm")).is_default
    assert stored_options(service).long_edge is None
    apply_settings(service, redo)
    assert _value(service, "delivery.long_edge") == 1000
    # long edge 0 means "keep the size", stored as the delivery code expects it (null)
    apply_settings(service, {"delivery.long_edge": 0})
    assert service.project.setting("delivery")["long_edge"] is None
    assert stored_options(service).long_edge is None


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        ("catalogue.bleed_mm", "30mm", "more than the largest allowed, 20 mm"),
        ("catalogue.bleed_mm", "three", "is not a length"),
        ("catalogue.crop_marks", "perhaps", "neither yes nor no"),
        ("preflight.catalogue.ppi_warning", "12.5", "not a whole number"),
        ("preflight.catalogue.ppi_warning", "0", "less than the smallest allowed"),
        ("delivery.iim", "sometimes", "not one of: always, if-present, never"),
        ("delivery.naming", "{nonsense}", "nonsense"),
        ("delivery.long_edge", "8", "at least 16 pixels"),
        ("delivery.languages", "vi, de", "not one of the project's languages"),
        ("credits.vi.photo", "Ảnh: {fotografer}", "fotografer"),
        ("credits.vi.photo", "   ", "cannot be empty"),
    ],
)
def test_bad_values_are_refused_with_a_message_naming_the_setting(service, key, text, message):
    spec = find_spec(service, key)
    with pytest.raises(UsageError) as raised:
        apply_settings(service, {key: parse_text(spec, text)})
    assert message in raised.value.message
    assert key in raised.value.message
    assert read_setting(service, spec).is_default


def test_values_that_contradict_each_other_are_refused_and_nothing_is_written(service):
    with pytest.raises(UsageError, match="above the warning threshold"):
        apply_settings(service, {"preflight.panels.ppi_error": 200})
    with pytest.raises(UsageError, match=r"leave less than 20 mm of a 100 mm page"):
        apply_settings(
            service, {"catalogue.trim_width_mm": 100.0, "catalogue.margin_inner_mm": 70.0}
        )
    assert service.project.setting("catalogue") is None
    apply_settings(service, {"delivery.main_language": "ru"})
    with pytest.raises(UsageError, match="main language “ru” is not among"):
        apply_settings(service, {"delivery.languages": ("vi", "en")})
    # a main language left at its default follows the delivered languages
    apply_settings(service, {"delivery.main_language": None, "delivery.languages": ("en", "vi")})
    assert _value(service, "delivery.main_language") == "en"


def test_unknown_keys_are_refused_with_the_closest_names(service):
    with pytest.raises(UsageError, match=r"Did you mean: catalogue\.bleed_mm"):
        find_spec(service, "catalogue.bleed")


def test_a_credit_template_change_rewrites_unedited_credit_lines(service, tmp_path: Path):
    with service.store.transaction():
        photo = service.photos.add(
            Photo(id="", path=tmp_path / "a.jpg", sha256="1", width=4, height=3)
        )
        service.photos.add_credit(photo.id, {"vi": "Tuấn Anh"}, {"vi": "TTXVN"})
    refresh_generated(service)
    assert service.captions.get(photo.id, "vi", CaptionField.CREDIT).text == "Ảnh: Tuấn Anh/TTXVN"
    undo = apply_settings(service, {"credits.vi.photo": "Ảnh của {photographer} ({agency})"})
    assert service.captions.get(photo.id, "vi", CaptionField.CREDIT).text == (
        "Ảnh của Tuấn Anh (TTXVN)"
    )
    apply_settings(service, undo)
    assert service.captions.get(photo.id, "vi", CaptionField.CREDIT).text == "Ảnh: Tuấn Anh/TTXVN"
    assert service.project.setting("credit_templates") == {}


def test_credit_templates_cover_every_project_language_and_any_other(service):
    keys = [spec.key for spec in setting_specs(service) if spec.group.value == "credits"]
    assert keys[:3] == ["credits.vi.photo", "credits.vi.archive", "credits.vi.provided"]
    assert keys[-3:] == ["credits.other.photo", "credits.other.archive", "credits.other.provided"]
    apply_settings(service, {"credits.other.photo": "© {photographer}, {agency}"})
    assert service.project.setting("credit_templates") == {"*": "© {photographer}, {agency}"}
    assert template_for("de", CreditRole.PHOTO, service.project.setting("credit_templates")) == (
        "© {photographer}, {agency}"
    )


def test_damaged_stored_values_read_as_the_default(service):
    with service.store.transaction():
        service.project.set_setting("catalogue", {"bleed_mm": "lots", "crop_marks": True})
    assert _value(service, "catalogue.bleed_mm") == 3.0
    assert _value(service, "catalogue.crop_marks") is True


def test_a_read_only_project_refuses_the_change(project_path):
    with (
        ProjectService.open(project_path, read_only=True) as service,
        pytest.raises(ReadOnlyProjectError),
    ):
        apply_settings(service, {"catalogue.bleed_mm": 5.0})


@pytest.mark.parametrize(
    ("text", "mm"), [("3", 3.0), ("3mm", 3.0), ("0.5in", 12.7), ("1,5 cm", 15.0), ("72pt", 25.4)]
)
def test_lengths_take_a_unit_or_default_to_millimetres(text, mm):
    assert parse_length(text) == mm
