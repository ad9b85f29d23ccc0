"""Shared fixtures for the print products: the demo laid out, with a crop and a glossary slip."""

from __future__ import annotations

from pathlib import Path

import pytest
from printing import SLIP

from curator.core.editing.layout_service import auto_layout
from curator.core.model import CaptionField, Crop, GlossaryKind
from curator.core.services import ProjectService
from curator.demo import write_demo
from curator.export.text_measure import ReportlabMeasure


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo, laid out on panels; one slot cropped; one caption with a forbidden form."""
    path, _created = write_demo(tmp_path_factory.mktemp("print"))
    with ProjectService.open(path) as service:
        auto_layout(service, measure=ReportlabMeasure(), backup=False)
        slots = [
            slot
            for section in service.exhibition.sections()
            for panel in service.exhibition.panels(section.id)
            for slot in service.exhibition.slots(panel.id)
        ]
        # the finest slot, so that its crop keeps the resolution above preflight's minimum
        finest = max(slots, key=lambda s: service.photos.get(s.photo_id).width / s.width_mm)
        with service.store.transaction():
            service.exhibition.set_slot_crop(finest.id, Crop(0.1, 0.15, 0.8, 0.8))
            service.glossary.add(
                GlossaryKind.ORGANISATION,
                {"en": "TASS", "ru": "ТАСС"},
                forbidden={"en": ("ITAR-TASS",)},
            )
        talks = next(p for p in service.photos.all() if p.path.name == "01-talks.jpg")
        service.set_caption(talks.id, "en", CaptionField.CAPTION, SLIP)
    return path
