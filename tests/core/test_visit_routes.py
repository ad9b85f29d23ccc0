"""Routes of the visit on a real project: stops in order, times over the plan, checks, undo."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.core.errors import NotFoundError, UsageError
from curator.core.hall.model import Support
from curator.core.model import Photo
from curator.core.services import ProjectService


def _hall(service: ProjectService) -> list[str]:
    """Four 1 m panels, three on a 12 m wall at 1, 4 and 10 m (centres 1.5, 4.5, 10.5 m)."""
    section = service.add_section({"vi": "Một", "ru": "Один", "en": "One"})
    with service.store.transaction():
        panels = [service.exhibition.add_panel(section.id, 1000.0, 1500.0).id for _ in range(4)]
    hall_ops = service.operations.hall
    hall_ops.add_wall((0, 0), (12000, 0), 3000)
    for panel, offset in zip(panels, (1000, 4000, 10000), strict=False):
        hall_ops.place(panel, Support("wall", 1), offset)
    return panels


def test_a_route_s_duration_is_its_walks_at_its_speed_plus_its_stops(service: ProjectService):
    panels = _hall(service)
    visit = service.operations.visit
    change = visit.add_route("State visit", speed_m_s=1.0, allotted_min=15)
    assert change.routes and not change.empty
    visit.add_stop("State visit", panel_id=panels[0], minutes=3)
    visit.add_stop("state visit", panel_id="1.3", minutes=2)  # by reference, any case
    visit.add_stop("State visit", panel_id=panels[1], minutes=4, at=2)
    plan = visit.plan("State visit")
    stops = plan.times.stops
    assert [s.stop.panel_id for s in stops] == [panels[0], panels[1], panels[2]]
    assert [s.walk_m for s in stops] == [0.0, pytest.approx(3.0), pytest.approx(6.0)]
    assert stops[1].walk_min == pytest.approx(3.0 / 60)
    assert plan.times.walk_m == pytest.approx(9.0)
    assert plan.times.total_min == pytest.approx(9 + 9.0 / 60)
    assert [s.cumulative_min for s in stops] == [
        pytest.approx(3.0),
        pytest.approx(7.05),
        pytest.approx(9.15),
    ]
    assert plan.findings == ()


def test_over_the_allotted_time_and_a_stop_off_the_plan_are_found(service: ProjectService):
    panels = _hall(service)
    visit = service.operations.visit
    visit.add_route("Press walk", allotted_min=5)
    visit.add_stop("Press walk", panel_id=panels[0], minutes=3)
    visit.add_stop("Press walk", panel_id=panels[3], minutes=3)  # never hung
    findings = visit.check()
    assert [(f.code, f.stops) for f in findings] == [
        ("stop-not-placed", (2,)),
        ("visit-over-time", ()),
    ]
    assert "1.4" in findings[0].message and "5" in findings[1].message
    assert visit.plan("Press walk").times.stops[1].walk_m is None


def test_stops_move_and_go_and_every_edit_is_undone(service: ProjectService):
    panels = _hall(service)
    visit = service.operations.visit
    visit.add_route("A")
    for panel in panels[:3]:
        visit.add_stop("A", panel_id=panel)
    before = visit.routes()
    change = visit.move_stop("A", 3, 1)
    assert [s.panel_id for s in visit.route("A").stops] == [panels[2], panels[0], panels[1]]
    assert change.undo is not None
    service.operations.undo(change.undo)
    assert visit.routes() == before
    visit.remove_stop("A", 2)
    assert [s.panel_id for s in visit.route("A").stops] == [panels[0], panels[2]]
    with pytest.raises(NotFoundError, match="no stop 3"):
        visit.remove_stop("A", 3)


def test_talking_points_are_kept_per_stop_and_language_in_nfc(service: ProjectService):
    panels = _hall(service)
    visit = service.operations.visit
    visit.add_route("A")
    visit.add_stop("A", panel_id=panels[0])
    stop_id = visit.route("A").stops[0].stop_id
    visit.set_points("A", 1, "vi", "Nha\u0300 ga Ha\u0300 Nô\u0323i")
    visit.set_points("A", 1, "ru", "Вокзал в Ханое")
    visit.move_stop("A", 1, 1)
    stop = visit.route("A").stops[0]
    assert stop.stop_id == stop_id
    assert stop.point("vi") == "Nhà ga Hà Nội"
    assert stop.points == (("vi", "Nhà ga Hà Nội"), ("ru", "Вокзал в Ханое"))
    visit.set_points("A", 1, "ru", "")
    assert visit.route("A").stops[0].points == (("vi", "Nhà ga Hà Nội"),)
    with pytest.raises(UsageError, match="not one of the project's languages"):
        visit.set_points("A", 1, "de", "Bahnhof")


def test_a_photo_stop_is_at_the_panel_holding_it(service: ProjectService):
    panels = _hall(service)
    with service.store.transaction():
        photo = service.photos.add(
            Photo(id="", path=Path("/p/1.jpg"), sha256="h1", width=30, height=20)
        ).id
        service.exhibition.add_slot(panels[1], photo, 0, 0, 500, 400)
    visit = service.operations.visit
    visit.add_route("A")
    visit.add_stop("A", photo_id=photo, minutes=1.5)
    (stop,) = visit.route("A").stops
    assert (stop.panel_id, stop.photo_id, stop.minutes) == (panels[1], photo, 1.5)


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda v: v.add_route(" "), "needs a name"),
        (lambda v: v.add_route("A"), "already a route"),
        (lambda v: v.add_route("B", speed_m_s=0), "walking speed"),
        (lambda v: v.add_route("B", allotted_min=0), "minutes"),
        (lambda v: v.add_stop("Nope", panel_id="1.1"), "no route"),
        (lambda v: v.add_stop("A", panel_id="9.9"), "no panel"),
        (lambda v: v.add_stop("A", photo_id="nope"), "no photo"),
        (lambda v: v.add_stop("A"), "panel or a photo"),
        (lambda v: v.add_stop("A", panel_id="1.1", minutes=-1), "minutes"),
    ],
)
def test_wrong_input_is_refused_and_nothing_changes(service: ProjectService, call, words):
    _hall(service)
    visit = service.operations.visit
    visit.add_route("A")
    before = visit.routes()
    with pytest.raises(UsageError, match=words):
        call(visit)
    assert visit.routes() == before
