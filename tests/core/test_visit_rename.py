"""A route renamed: its stops and talking points stay, a taken or empty name is refused, undo."""

from __future__ import annotations

import pytest

from curator.core.errors import NotFoundError, UsageError
from curator.core.services import ProjectService


def test_a_renamed_route_keeps_its_stops_and_undo_gives_the_name_back(service: ProjectService):
    section = service.add_section({"vi": "Một", "ru": "Один", "en": "One"})
    with service.store.transaction():
        panel = service.exhibition.add_panel(section.id, 1000.0, 1500.0).id
    visit = service.operations.visit
    visit.add_route("State visit")
    visit.add_route("Press walk")
    visit.add_stop("State visit", panel_id=panel, minutes=3)
    visit.set_points("State visit", 1, "ru", "Здесь")
    change = visit.rename_route("state visit", "  Official visit ")
    assert change.routes
    renamed = visit.route("Official visit")
    assert [s.panel_id for s in renamed.stops] == [panel]
    assert renamed.stops[0].point("ru") == "Здесь"
    assert [r.name for r in visit.routes()] == ["Official visit", "Press walk"]
    for name in ("press walk", " "):
        with pytest.raises(UsageError):
            visit.rename_route("Official visit", name)
    with pytest.raises(NotFoundError):
        visit.rename_route("No such route", "Other")
    assert change.undo is not None
    service.operations.undo(change.undo)
    assert [r.name for r in visit.routes()] == ["State visit", "Press walk"]
