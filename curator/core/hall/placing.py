"""Automatic placement: panels in visit order fill the walls in the hall's order.

Each wall is filled from its start; a panel keeps ``gap_mm`` from the wall's ends, from the panel
before it and from every door opening. A panel that does not fit on the rest of the current wall
(too long for what is left, or taller than the wall) goes to the next wall, so the visit order
is kept along the walls; panels left when the walls run out are reported, not placed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from curator.core.hall.model import Hall, PanelSize, Placement, Support, Wall


@dataclass(frozen=True, slots=True)
class AutoPlacement:
    """The placements made, and the panels that found no room (in visit order)."""

    placements: tuple[Placement, ...]
    unplaced: tuple[PanelSize, ...]


def _first_offset(wall: Wall, start: float, width: float, gap: float) -> float | None:
    """The first offset at or after ``start`` where ``width`` fits clear of doors and the end."""
    offset = start
    for door in sorted(wall.doors, key=lambda d: d.offset_mm):
        if offset + width + gap <= door.offset_mm:
            break
        if offset < door.end_mm + gap:
            offset = max(offset, door.end_mm + gap)
    if offset + width + gap > wall.length_mm:
        return None
    return offset


def auto_place(hall: Hall, panels: Sequence[PanelSize], gap_mm: float) -> AutoPlacement:
    """Place ``panels`` (in visit order) along ``hall``'s walls, ``gap_mm`` apart."""
    placements: list[Placement] = []
    walls = list(hall.walls)
    index = 0
    cursor = gap_mm
    remaining = list(panels)
    while remaining and index < len(walls):
        panel, wall = remaining[0], walls[index]
        offset = None
        if panel.height_mm <= wall.height_mm:
            offset = _first_offset(wall, cursor, panel.width_mm, gap_mm)
        if offset is None:
            index += 1
            cursor = gap_mm
            continue
        placements.append(Placement(panel.panel_id, Support("wall", wall.number), offset))
        cursor = offset + panel.width_mm + gap_mm
        remaining.pop(0)
    return AutoPlacement(tuple(placements), tuple(remaining))
