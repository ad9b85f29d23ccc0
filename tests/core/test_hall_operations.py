"""The hall as operations on a real project: rules checked once, stored, undone."""

from __future__ import annotations

import pytest

from curator.core.editing import sections
from curator.core.errors import NotFoundError, UsageError
from curator.core.hall.model import Door, Support
from curator.core.services import ProjectService


def _panels(service: ProjectService, widths: list[float]) -> list[str]:
    section = service.add_section({"vi": "Một", "ru": "Один", "en": "One"})
    with service.store.transaction():
        return [service.exhibition.add_panel(section.id, w, 1500.0).id for w in widths]


def test_walls_stands_and_doors_are_stored_and_read_back(service: ProjectService):
    hall_ops = service.operations.hall
    change = hall_ops.add_wall((0, 0), (6000, 0), 3000, (Door(2000, 900, 2100),))
    assert change.hall and not change.empty
    hall_ops.add_wall((6000, 0), (6000, 4000), 3200)
    hall_ops.add_stand((3000, 2500), 90, 2400, 2000)
    hall = hall_ops.get()
    assert [(w.number, w.length_mm) for w in hall.walls] == [(1, 6000.0), (2, 4000.0)]
    assert hall.walls[0].doors == (Door(2000.0, 900.0, 2100.0),)
    assert [(s.number, s.angle_deg, s.length_mm) for s in hall.stands] == [(1, 90.0, 2400.0)]


@pytest.mark.parametrize(
    ("start", "end", "height", "doors", "words"),
    [
        ((0, 0), (1000, 0), 0, (), "height"),
        ((0, 0), (0, 0), 3000, (), "different"),
        ((0, 0), (1000, 0), 3000, (Door(500, 900, 2000),), "does not fit"),
        ((0, 0), (5000, 0), 2000, (Door(500, 900, 2100),), "taller"),
        ((0, 0), (5000, 0), 3000, (Door(500, 900, 2000), Door(1000, 900, 2000)), "overlap"),
        ((0, 0), (5000, 0), 3000, (Door(500, 0, 2000),), "width"),
    ],
)
def test_a_wrong_wall_is_refused_with_a_clear_message_and_nothing_is_written(
    service: ProjectService, start, end, height, doors, words
):
    with pytest.raises(UsageError, match=words):
        service.operations.hall.add_wall(start, end, height, doors)
    assert service.operations.hall.get().walls == ()


def test_a_stand_needs_a_length_and_a_height(service: ProjectService):
    with pytest.raises(UsageError, match="length"):
        service.operations.hall.add_stand((0, 0), 0, 0, 2000)
    with pytest.raises(UsageError, match="height"):
        service.operations.hall.add_stand((0, 0), 0, 2000, -1)


def test_placing_needs_a_panel_and_a_wall_that_exist(service: ProjectService):
    (panel,) = _panels(service, [1000])
    hall_ops = service.operations.hall
    hall_ops.add_wall((0, 0), (5000, 0), 3000)
    with pytest.raises(NotFoundError, match="no panel"):
        hall_ops.place("nope", Support("wall", 1), 0)
    with pytest.raises(NotFoundError, match="wall 2"):
        hall_ops.place(panel, Support("wall", 2), 0)
    with pytest.raises(NotFoundError, match="stand 1"):
        hall_ops.place(panel, Support("stand", 1, 1), 0)
    with pytest.raises(UsageError, match="0 mm or more"):
        hall_ops.place(panel, Support("wall", 1), -5)
    hall_ops.place(panel, Support("wall", 1), 400)
    assert [(p.panel_id, p.offset_mm) for p in hall_ops.get().placements] == [(panel, 400.0)]


def test_automatic_placement_follows_the_visit_and_reports_what_does_not_fit(
    service: ProjectService,
):
    panels = _panels(service, [1500, 1500, 1500, 4000])
    hall_ops = service.operations.hall
    hall_ops.add_wall((0, 0), (4000, 0), 3000)
    hall_ops.add_wall((4000, 0), (4000, 3000), 3000)
    change, left = hall_ops.place_auto()
    assert change.hall
    placed = {p.panel_id: (p.support.number, p.offset_mm) for p in hall_ops.get().placements}
    assert placed == {panels[0]: (1, 300.0), panels[1]: (1, 2100.0), panels[2]: (2, 300.0)}
    assert [(p.panel_id, p.reference) for p in left] == [(panels[3], "1.4")]
    service.operations.settings.change({"hall.gap_mm": 100.0})
    hall_ops.place_auto()
    placed = {p.panel_id: p.offset_mm for p in hall_ops.get().placements}
    assert placed[panels[1]] == 1700.0


def test_checks_use_the_aisle_setting(service: ProjectService):
    hall_ops = service.operations.hall
    hall_ops.add_wall((0, 0), (5000, 0), 3000)
    hall_ops.add_wall((5000, 1400), (0, 1400), 3000)
    assert [f.code for f in hall_ops.check()] == ["aisle-too-narrow"]
    service.operations.settings.change({"hall.aisle_mm": 1200.0})
    assert hall_ops.check() == []


def test_every_change_undoes_and_redoes(service: ProjectService):
    (panel,) = _panels(service, [1000])
    hall_ops = service.operations.hall
    hall_ops.add_wall((0, 0), (5000, 0), 3000)
    hall_ops.add_wall((0, 3000), (5000, 3000), 3000)
    hall_ops.place(panel, Support("wall", 2), 100)
    before = hall_ops.get()
    removed = hall_ops.remove("wall", 1)
    after = hall_ops.get()
    assert [w.start for w in after.walls] == [(0.0, 3000.0)]
    assert [p.support for p in after.placements] == [Support("wall", 1)]
    assert removed.undo is not None
    redo = service.operations.undo(removed.undo)
    assert hall_ops.get() == before
    assert redo.undo is not None
    service.operations.undo(redo.undo)
    assert hall_ops.get() == after


def test_deleting_a_panel_takes_it_off_the_wall(service: ProjectService):
    (panel,) = _panels(service, [1000])
    service.operations.hall.add_wall((0, 0), (5000, 0), 3000)
    service.operations.hall.place(panel, Support("wall", 1), 100)
    with service.store.transaction():
        service.exhibition.delete_panel(panel)
    assert service.operations.hall.get().placements == ()


def test_undoing_a_section_deletion_hangs_its_panels_again(service: ProjectService):
    (panel,) = _panels(service, [1000])
    service.operations.hall.add_wall((0, 0), (5000, 0), 3000)
    service.operations.hall.place(panel, Support("wall", 1), 100)
    section_id = service.exhibition.panel(panel).section_id
    snapshot = sections.delete_section(service, section_id)
    assert service.operations.hall.get().placements == ()
    sections.restore_section(service, snapshot)
    assert [(p.panel_id, p.offset_mm) for p in service.operations.hall.get().placements] == [
        (panel, 100.0)
    ]
