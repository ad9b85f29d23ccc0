"""Auto-layout over a real project file, and the report of ``layout show --json``."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from curator.core.editing.layout_service import auto_layout, layout_report, min_effective_ppi
from curator.core.errors import NotFoundError, UsageError
from curator.core.layout import MM_PER_POINT
from curator.core.model import CaptionField, Photo
from curator.core.services import ProjectService


class MonoMeasure:
    """Monospaced metrics (half an em a character)."""

    def width_mm(self, text: str, font: str, size_pt: float) -> float:
        return len(text) * 0.5 * size_pt * MM_PER_POINT

    def line_height_mm(self, font: str, size_pt: float) -> float:
        return 1.2 * size_pt * MM_PER_POINT

    def ascent_mm(self, font: str, size_pt: float) -> float:
        return 0.9 * size_pt * MM_PER_POINT

    def missing_characters(self, text: str, font: str) -> str:
        return ""


def _add_photos(service: ProjectService, hours: list[int | None]) -> list[str]:
    ids = []
    with service.store.transaction():
        for index, hour in enumerate(hours):
            captured = (
                datetime(2026, 2, 24, hour, tzinfo=timezone(timedelta(hours=7)))
                if hour is not None
                else None
            )
            size = (6000, 4000) if index % 2 else (4000, 6000)
            photo = service.photos.add(
                Photo(
                    "", Path(f"/photos/{index}.jpg"), f"{index:064x}", *size, captured_at=captured
                )
            )
            ids.append(photo.id)
    return ids


def _placed(service: ProjectService) -> list[str]:
    return [
        slot.photo_id or ""
        for section in service.exhibition.sections()
        for panel in service.exhibition.panels(section.id)
        for slot in service.exhibition.slots(panel.id)
    ]


def test_unplaced_photos_are_gathered_in_capture_order(service: ProjectService) -> None:
    ids = _add_photos(service, [12, None, 9, 10, 11, 8, 13])
    panels = auto_layout(service, measure=MonoMeasure())
    assert panels
    (section,) = service.exhibition.sections()
    assert section.title == {tag: "Việt Nam – Nga" for tag in ("vi", "ru", "en")}
    expected = [ids[5], ids[2], ids[3], ids[4], ids[0], ids[6], ids[1]]
    assert service.exhibition.photo_ids(section.id) == expected
    assert _placed(service) == expected


def test_rerun_replaces_panels(service: ProjectService) -> None:
    _add_photos(service, [1, 2, 3])
    first = auto_layout(service)
    second = auto_layout(service, template="hero")
    assert set(first).isdisjoint(second)
    assert len(second) == 3
    assert service.exhibition.counts() == (1, 3, 3)


def test_one_section_only(service: ProjectService) -> None:
    ids = _add_photos(service, [1, 2, 3, 4])
    a = service.add_section({"en": "A"}, ids[:2])
    b = service.add_section({"en": "B"}, ids[2:])
    auto_layout(service, section_id=b.id)
    assert service.exhibition.panels(a.id) == []
    assert service.exhibition.panels(b.id)
    assert len(service.exhibition.sections()) == 2


def test_refusals(service: ProjectService) -> None:
    with pytest.raises(UsageError, match="grid-4"):
        auto_layout(service, template="nonsense")
    with pytest.raises(NotFoundError):
        auto_layout(service, section_id="nope")
    with pytest.raises(UsageError):
        auto_layout(service, panel_size=(30, 30))


def test_min_ppi_setting(service: ProjectService) -> None:
    assert min_effective_ppi(service) == 100
    with service.store.transaction():
        service.project.set_setting("preflight", {"panels": {"ppi_warning": 150}})
    assert min_effective_ppi(service) == 150


def test_report_shape(service: ProjectService) -> None:
    ids = _add_photos(service, [1, 2])
    service.set_caption(ids[0], "vi", CaptionField.CAPTION, "Hội đàm " * 5)
    auto_layout(service)
    report = layout_report(service, MonoMeasure())
    (section,) = report["sections"]
    assert set(section) >= {"id", "title", "panels"}
    slots = [slot for panel in section["panels"] for slot in panel["slots"]]
    assert {slot["photo_id"] for slot in slots} == set(ids)
    for panel in section["panels"]:
        assert set(panel) >= {"id", "width_mm", "height_mm", "slots"}
    for slot in slots:
        assert set(slot) >= {"id", "photo_id", "x_mm", "y_mm", "width_mm", "height_mm"}
        assert slot["effective_ppi"] > 0
        assert list(slot["captions"]) == ["vi", "ru", "en"]
        for block in slot["captions"].values():
            assert isinstance(block["fits"], bool)
            assert isinstance(block["budget_chars"], int) and block["budget_chars"] > 0
