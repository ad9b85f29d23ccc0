"""The demo exhibition's hall (issue #26): a room with a door, two stands, the panels hung.

A room of 14 × 9 m whose first wall has the entrance; its four walls in visit order
(counter-clockwise from the entrance), two free-standing stands down the middle, end to end.
The demo's sections are laid out into panels of the default size and the panels hung
automatically along the walls in visit order, so ``curator hall check`` finds nothing and
``curator export plan`` draws a full plan.
"""

from __future__ import annotations

from curator.core.editing.layout_service import DEFAULT_PANEL_SIZE_MM, auto_layout
from curator.core.hall.model import Door
from curator.core.services import ProjectService
from curator.export.text_measure import ReportlabMeasure

ROOM_MM = (14000.0, 9000.0)
WALL_HEIGHT_MM = 3200.0
#: The entrance: 600 mm from the first wall's start, 1200 mm wide, 2400 mm high.
ENTRANCE = Door(600.0, 1200.0, 2400.0)
STAND_LENGTH_MM, STAND_HEIGHT_MM = 3000.0, 2200.0


def build_demo_hall(service: ProjectService) -> None:
    """Lay the demo's sections out into panels and give it a hall with the panels hung."""
    auto_layout(service, None, DEFAULT_PANEL_SIZE_MM, None, ReportlabMeasure(), backup=False)
    hall = service.operations.hall
    width, depth = ROOM_MM
    corners = [(0.0, 0.0), (width, 0.0), (width, depth), (0.0, depth)]
    for index, start in enumerate(corners):
        end = corners[(index + 1) % len(corners)]
        doors = (ENTRANCE,) if index == 0 else ()
        hall.add_wall(start, end, WALL_HEIGHT_MM, doors)
    for x in (width * 0.35, width * 0.65):
        hall.add_stand((x, depth / 2), 0.0, STAND_LENGTH_MM, STAND_HEIGHT_MM)
    hall.place_auto()
