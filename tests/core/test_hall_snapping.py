"""Where a click or a drag lands on the plan, and the Hall tab's door and deletion edits."""

from __future__ import annotations

import pytest

from curator.core.errors import NotFoundError, UsageError
from curator.core.hall.model import Door, Hall, Placement, Stand, Support, Wall
from curator.core.hall.snapping import nearest_support, snap_offset, snap_point
from curator.core.services import ProjectService

ROOM = Hall(
    walls=(
        Wall(1, (0.0, 0.0), (6000.0, 0.0), 3000.0),
        Wall(2, (6000.0, 0.0), (6000.0, 4000.0), 3000.0),
    ),
    stands=(Stand(1, (3000.0, 2000.0), 0.0, 2000.0, 2000.0),),
)


def test_a_point_snaps_to_a_wall_end_near_it_else_to_the_grid():
    assert snap_point((6040.0, 30.0), ROOM, 100.0, 60.0) == (6000.0, 0.0)
    assert snap_point((6070.0, 30.0), ROOM, 100.0, 60.0) == (6100.0, 0.0)
    assert snap_point((2020.0, 1960.0), ROOM, 100.0, 60.0) == (2000.0, 2000.0)  # a stand's end
    assert snap_point((123.0, 456.0), Hall(), 100.0, 60.0) == (100.0, 500.0)


def test_the_nearest_support_and_the_stands_face_by_side():
    on_wall = nearest_support(ROOM, (5800.0, 2500.0))
    assert on_wall is not None
    assert (on_wall.support, on_wall.along_mm, on_wall.distance_mm) == (
        Support("wall", 2),
        2500.0,
        200.0,
    )
    above = nearest_support(ROOM, (2500.0, 2200.0))  # left of a stand turned 0°: face A
    below = nearest_support(ROOM, (2500.0, 1800.0))
    assert above is not None and below is not None
    assert above.support == Support("stand", 1, 0) and above.along_mm == 500.0
    assert below.support == Support("stand", 1, 1)
    assert nearest_support(Hall(), (0.0, 0.0)) is None


def test_an_offset_keeps_the_gap_when_near_it_else_rounds_to_ten_mm():
    hall = Hall(ROOM.walls, ROOM.stands, (Placement("a", Support("wall", 1), 300.0),))
    widths = {"a": 1000.0, "b": 800.0}
    wall = Support("wall", 1)
    assert snap_offset(hall, widths, "b", wall, 1640.0, 300.0, 100.0) == 1600.0  # after a
    assert snap_offset(hall, widths, "b", wall, 4870.0, 300.0, 100.0) == 4900.0  # end - gap
    assert snap_offset(hall, widths, "b", wall, 3004.0, 300.0, 100.0) == 3000.0
    assert snap_offset(hall, widths, "a", wall, 350.0, 300.0, 100.0) == 300.0  # not itself
    assert snap_offset(hall, widths, "b", wall, -30.0, 0.0, 10.0) == 0.0


def test_a_door_opens_in_a_wall_and_is_checked(service: ProjectService):
    hall_ops = service.operations.hall
    hall_ops.add_wall((0, 0), (6000, 0), 3000)
    change = hall_ops.add_door(1, Door(1000, 900, 2100))
    assert hall_ops.get().walls[0].doors == (Door(1000.0, 900.0, 2100.0),)
    with pytest.raises(UsageError, match="overlap"):
        hall_ops.add_door(1, Door(1500, 900, 2100))
    with pytest.raises(NotFoundError):
        hall_ops.add_door(2, Door(1500, 900, 2100))
    assert change.undo is not None
    service.operations.undo(change.undo)
    assert hall_ops.get().walls[0].doors == ()


def test_walls_stands_doors_and_panels_are_deleted_as_one_edit(service: ProjectService):
    section = service.add_section({"vi": "Một", "ru": "Один", "en": "One"})
    with service.store.transaction():
        panel = service.exhibition.add_panel(section.id, 1000.0, 1500.0).id
    hall_ops = service.operations.hall
    for start, end in (((0, 0), (6000, 0)), ((6000, 0), (6000, 4000)), ((0, 4000), (0, 0))):
        hall_ops.add_wall(start, end, 3000, (Door(1000, 900, 2100),))
    hall_ops.add_stand((3000, 2000), 0, 2000, 2000)
    hall_ops.place(panel, Support("wall", 3), 2500)
    before = hall_ops.get()
    change = hall_ops.delete(walls=[1, 2], stands=[1], doors=[(3, 1000.0)])
    after = hall_ops.get()
    assert [(w.number, w.start, w.doors) for w in after.walls] == [(1, (0.0, 4000.0), ())]
    assert after.stands == ()
    assert after.placements == (Placement(panel, Support("wall", 1), 2500.0),)  # renumbered
    assert change.undo is not None
    service.operations.undo(change.undo)
    assert hall_ops.get() == before
    hall_ops.delete(panels=[panel])
    assert hall_ops.get().placements == ()
