"""The hall's plan in pure Python: automatic placement and the checks' stable codes."""

from __future__ import annotations

from dataclasses import replace

from curator.core.hall.checks import check_hall
from curator.core.hall.model import Door, Hall, PanelSize, Placement, Stand, Support, Wall
from curator.core.hall.placing import auto_place

WALL_1 = Wall(1, (0.0, 0.0), (5000.0, 0.0), 3000.0)
WALL_2 = Wall(2, (5000.0, 0.0), (5000.0, 4000.0), 3000.0, (Door(1000.0, 900.0, 2100.0),))


def panel(number: int, width: float = 1000.0, height: float = 1500.0) -> PanelSize:
    return PanelSize(f"p{number}", f"1.{number}", width, height)


def codes(hall: Hall, panels: list[PanelSize], aisle: float = 1500.0) -> list[str]:
    return [finding.code for finding in check_hall(hall, panels, aisle)]


def test_panels_fill_the_walls_in_order_keeping_the_gap_and_skipping_doors():
    hall = Hall((WALL_1, WALL_2))
    panels = [panel(n) for n in range(1, 7)]
    result = auto_place(hall, panels, 300.0)
    placed = {(p.panel_id, p.support.number, p.offset_mm) for p in result.placements}
    # Wall 1 (5 m) takes three 1 m panels at 300, 1600, 2900 (a fourth would end past 4700).
    assert {("p1", 1, 300.0), ("p2", 1, 1600.0), ("p3", 1, 2900.0)} <= placed
    # Wall 2 has a door from 1000 to 1900: p4 cannot go at 300 (it would end at 1300 + gap),
    # so it goes after the door, at 2200; p5 would end at 4500 > 3700, so it is left over.
    assert ("p4", 2, 2200.0) in placed
    assert [p.panel_id for p in result.unplaced] == ["p5", "p6"]
    assert codes(Hall((WALL_1, WALL_2), placements=result.placements), panels) == []


def test_a_panel_taller_than_a_wall_goes_to_the_next_and_order_is_kept():
    low = Wall(1, (0.0, 0.0), (5000.0, 0.0), 1200.0)
    result = auto_place(
        Hall((low, replace(WALL_1, number=2))), [panel(1), panel(2, height=1000.0)], 300.0
    )
    assert [(p.panel_id, p.support.number) for p in result.placements] == [("p1", 2), ("p2", 2)]
    assert result.unplaced == ()


def test_a_panel_longer_than_its_wall_or_past_its_end_is_too_long():
    hall = Hall((WALL_1,), placements=(Placement("p1", Support("wall", 1), 0.0),))
    assert codes(hall, [panel(1, width=6000.0)]) == ["panel-too-long"]
    hall = Hall((WALL_1,), placements=(Placement("p1", Support("wall", 1), 4500.0),))
    assert codes(hall, [panel(1)]) == ["panel-too-long"]


def test_a_panel_taller_than_its_wall_is_found():
    hall = Hall((WALL_1,), placements=(Placement("p1", Support("wall", 1), 0.0),))
    assert codes(hall, [panel(1, height=3200.0)]) == ["panel-too-tall"]


def test_overlapping_panels_on_one_face_are_found_but_not_on_two_faces():
    stand = Stand(1, (2000.0, 2000.0), 0.0, 2400.0, 2000.0)
    same = (
        Placement("p1", Support("stand", 1, 0), 0.0),
        Placement("p2", Support("stand", 1, 0), 900.0),
    )
    findings = check_hall(Hall(stands=(stand,), placements=same), [panel(1), panel(2)], 1500.0)
    assert [(f.code, f.panel_ids) for f in findings] == [("panel-overlap", ("p1", "p2"))]
    both = (same[0], Placement("p2", Support("stand", 1, 1), 900.0))
    assert codes(Hall(stands=(stand,), placements=both), [panel(1), panel(2)]) == []


def test_a_panel_across_a_door_blocks_it():
    hall = Hall((WALL_2,), placements=(Placement("p1", Support("wall", 2), 1500.0),))
    assert codes(hall, [panel(1)]) == ["panel-blocks-door"]
    hall = Hall((WALL_2,), placements=(Placement("p1", Support("wall", 2), 1900.0),))
    assert codes(hall, [panel(1)]) == []


def test_facing_walls_and_stands_closer_than_the_aisle_are_found():
    far = Wall(2, (0.0, 2000.0), (5000.0, 2000.0), 3000.0)
    assert codes(Hall((WALL_1, far)), []) == []
    near = Wall(2, (5000.0, 1200.0), (0.0, 1200.0), 3000.0)  # drawn the other way round
    findings = check_hall(Hall((WALL_1, near)), [], 1500.0)
    assert [(f.code, f.supports) for f in findings] == [("aisle-too-narrow", ("wall 1", "wall 2"))]
    assert "1200" in findings[0].message
    stand = Stand(1, (2500.0, 1000.0), 5.0, 2000.0, 2000.0)
    assert codes(Hall((WALL_1,), (stand,)), []) == ["aisle-too-narrow"]
    assert codes(Hall((WALL_1,), (stand,)), [], aisle=900.0) == []


def test_walls_meeting_at_a_corner_or_end_to_end_leave_no_aisle():
    after = Wall(3, (6000.0, 0.0), (9000.0, 0.0), 3000.0)
    assert codes(Hall((WALL_1, WALL_2, after)), []) == []


def test_a_placement_on_a_missing_wall_is_reported():
    hall = Hall((WALL_1,), placements=(Placement("p1", Support("wall", 9), 0.0),))
    assert codes(hall, [panel(1)]) == ["placement-unknown"]
