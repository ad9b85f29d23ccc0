"""Long jobs stop when asked: nothing they were writing stays, and they say so."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from curator.core.checks.preflight import check
from curator.core.editing.layout_service import auto_layout
from curator.core.editing.sections import add_section
from curator.core.errors import CancelledError
from curator.core.layout.style import Product
from curator.core.model import CaptionField, Photo
from curator.core.services import ProjectService
from curator.core.translators.caption_exchange import (
    ExportScope,
    IncomingEntry,
    IncomingFile,
    build_export,
)
from curator.core.translators.exchange_plan import plan_import
from curator.export.text_measure import ReportlabMeasure


def _stopped() -> threading.Event:
    event = threading.Event()
    event.set()
    return event


def _photos(service: ProjectService, count: int) -> list[str]:
    with service.store.transaction():
        ids = [
            service.photos.add(
                Photo(id="", path=Path(f"/p/{i}.jpg"), sha256=f"h{i}", width=4000, height=3000)
            ).id
            for i in range(count)
        ]
    for photo_id in ids:
        service.set_caption(photo_id, "vi", CaptionField.CAPTION, "Hội đàm")
    return ids


def test_a_cancelled_layout_leaves_every_panel_as_it_was(service: ProjectService) -> None:
    ids = _photos(service, 12)
    add_section(service, {"vi": "Một"}, photo_ids=ids[:6])
    add_section(service, {"vi": "Hai"}, photo_ids=ids[6:])
    with pytest.raises(CancelledError, match="nothing was changed"):
        auto_layout(service, backup=False, cancel=_stopped())
    assert service.exhibition.counts()[1] == 0  # no panel was made
    seen = []
    auto_layout(service, backup=False, on_progress=seen.append)
    assert [p.done for p in seen] == [0, 1, 2] and seen[-1].total == 2


def test_checks_exports_and_plans_stop_when_asked(service: ProjectService) -> None:
    _photos(service, 3)
    with pytest.raises(CancelledError):
        check(service, Product.PANELS, ReportlabMeasure(), cancel=_stopped())
    with pytest.raises(CancelledError):
        build_export(service, ExportScope("ru"), cancel=_stopped())
    incoming = IncomingFile("po", (IncomingEntry(1, "x|caption", "y"),), target_language="ru")
    with pytest.raises(CancelledError):
        plan_import(service, incoming, Path("ru.po"), cancel=_stopped())
    with pytest.raises(CancelledError):
        service.glossary_findings(_stopped())
