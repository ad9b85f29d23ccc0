"""The hall's plan drawn small on a walkthrough page: walls, doors, stands, panels, the route.

The plan is drawn to scale into a box of the page (the hall's x to the right, y up, as the
plan is kept): walls as dark lines with their door openings left white, stands as grey lines,
every placed panel as a short thick stroke on its wall or stand, the route as a line through
its stops' panels in order with each stop's number (marks that would hide one another set
side by side), and the page's stop highlighted. A scale bar in the box's top right corner
says how long a round number of metres is.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from reportlab.pdfgen.canvas import Canvas

from curator.core.hall.model import Hall, PanelSize, Point
from curator.core.layout import Rect
from curator.core.layout.catalogue_model import Tone
from curator.export.pdf import TONES, PageFrame, pt, set_fill
from curator.i18n import _

SANS, SANS_BOLD = "NotoSans-Regular", "NotoSans-Bold"
_PANEL = (0.0, 0.35, 0.9, 0.05)
_STAND = (0.0, 0.0, 0.0, 0.45)


class ThumbnailScale:
    """Plan millimetres to page millimetres inside a box, the whole hall fitted and centred."""

    def __init__(self, points: Sequence[Point], box: Rect) -> None:
        xs = [p[0] for p in points] or [0.0]
        ys = [p[1] for p in points] or [0.0]
        width, height = max(max(xs) - min(xs), 1.0), max(max(ys) - min(ys), 1.0)
        self.factor = min(box.width_mm / width, box.height_mm / height)
        self.left = box.x_mm + (box.width_mm - width * self.factor) / 2 - min(xs) * self.factor
        self.top = box.y_mm + (box.height_mm - height * self.factor) / 2 + max(ys) * self.factor

    def page(self, point: Point) -> Point:
        """Where a plan point lands on the page (mm from the trim's top left)."""
        return (self.left + point[0] * self.factor, self.top - point[1] * self.factor)


def _plan_points(hall: Hall, centres: dict[str, Point]) -> list[Point]:
    points = [p for wall in hall.walls for p in (wall.start, wall.end)]
    points += [p for stand in hall.stands for p in stand.ends]
    return points + list(centres.values())


def _along(start: Point, end: Point, length: float, offset: float) -> Point:
    share = offset / length if length else 0.0
    return (start[0] + (end[0] - start[0]) * share, start[1] + (end[1] - start[1]) * share)


def _line(canvas: Canvas, frame: PageFrame, a: Point, b: Point) -> None:
    canvas.line(frame.x(a[0]), frame.y(a[1]), frame.x(b[0]), frame.y(b[1]))


def _walls(canvas: Canvas, frame: PageFrame, hall: Hall, scale: ThumbnailScale) -> None:
    canvas.setLineCap(0)
    for wall in hall.walls:
        canvas.setStrokeColorCMYK(*TONES[Tone.LEAD])
        canvas.setLineWidth(1.4)
        _line(canvas, frame, scale.page(wall.start), scale.page(wall.end))
        canvas.setStrokeColorCMYK(0, 0, 0, 0)
        canvas.setLineWidth(2.0)
        for door in wall.doors:
            a = _along(wall.start, wall.end, wall.length_mm, door.offset_mm)
            b = _along(wall.start, wall.end, wall.length_mm, door.end_mm)
            _line(canvas, frame, scale.page(a), scale.page(b))
    canvas.setStrokeColorCMYK(*_STAND)
    canvas.setLineWidth(1.0)
    for stand in hall.stands:
        start, end = stand.ends
        _line(canvas, frame, scale.page(start), scale.page(end))


def _panels(
    canvas: Canvas,
    frame: PageFrame,
    hall: Hall,
    panels: dict[str, PanelSize],
    scale: ThumbnailScale,
) -> None:
    canvas.setStrokeColorCMYK(*_PANEL)
    canvas.setLineWidth(2.2)
    for placement in hall.placements:
        panel = panels.get(placement.panel_id)
        support = placement.support
        ends: tuple[Point, Point] | None = None
        if support.kind == "wall" and (wall := hall.wall(support.number)) is not None:
            ends = (wall.start, wall.end)
        elif support.kind == "stand" and (stand := hall.stand(support.number)) is not None:
            ends = stand.ends
        if panel is None or ends is None:
            continue
        length = ((ends[1][0] - ends[0][0]) ** 2 + (ends[1][1] - ends[0][1]) ** 2) ** 0.5
        a = _along(*ends, length, placement.offset_mm)
        b = _along(*ends, length, placement.offset_mm + panel.width_mm)
        _line(canvas, frame, scale.page(a), scale.page(b))


def _scale_bar(canvas: Canvas, frame: PageFrame, box: Rect, scale: ThumbnailScale) -> None:
    metres = next((m for m in (1, 2, 5, 10, 20, 50, 100) if m * 1000 * scale.factor >= 12), 100)
    length = metres * 1000 * scale.factor
    x, y = box.right_mm - length - 9, box.y_mm + 3.5
    set_fill(canvas, Tone.MUTED)
    canvas.setStrokeColorCMYK(*TONES[Tone.MUTED])
    canvas.setLineWidth(0.6)
    _line(canvas, frame, (x, y), (x + length, y))
    _line(canvas, frame, (x, y - 1), (x, y))
    _line(canvas, frame, (x + length, y - 1), (x + length, y))
    canvas.setFont(SANS, 6)
    canvas.drawString(
        frame.x(x + length + 1.5), frame.y(y + 0.3), _("%(metres)d m") % {"metres": metres}
    )


#: A stop mark's radius on the page (mm) and the distance between two marks' centres when
#: several stops are at one panel, so that every number stays readable.
_MARK_R = 1.7
_MARK_STEP = 4.4


def spread_marks(marks: Sequence[tuple[int, Point]]) -> list[tuple[int, Point]]:
    """``marks`` (stop index, page point) moved apart so that no mark hides another.

    Two stops at one panel (the panel, then a photo on it), or at neighbouring panels on a
    small plan, land on or near the same point: the later mark would hide the earlier. In
    the route's order, a mark closer than ``_MARK_STEP`` to one already set goes to the
    nearest free spot beside its own (across first, then into the room, then further out).
    """
    step = _MARK_STEP
    rings = [(0.0, 0.0)]
    for ring in range(1, 6):
        rings += [(ring * step, 0.0), (-ring * step, 0.0), (0.0, -ring * step),
                  (0.0, ring * step), (ring * step, -ring * step), (-ring * step, -ring * step),
                  (ring * step, ring * step), (-ring * step, ring * step)]  # fmt: skip
    placed: list[tuple[int, Point]] = []
    for index, (x, y) in sorted(marks):
        spot = (x, y)
        for dx, dy in rings:
            spot = (x + dx, y + dy)
            if all(math.dist(spot, other) >= step - 1e-6 for _i, other in placed):
                break
        placed.append((index, spot))
    return placed


def draw_plan(
    canvas: Canvas,
    frame: PageFrame,
    box: Rect,
    hall: Hall,
    panels: dict[str, PanelSize],
    stops: Sequence[Point | None],
    current: int,
) -> None:
    """The plan in ``box``, the route through ``stops``, stop ``current`` (from 0) marked.

    ``stops`` are the stops' panels' centres on the plan, None for a stop off the plan.
    """
    canvas.saveState()
    canvas.setStrokeColorCMYK(*TONES[Tone.MUTED])
    canvas.setLineWidth(0.4)
    canvas.rect(frame.x(box.x_mm), frame.y(box.bottom_mm), pt(box.width_mm), pt(box.height_mm))
    placed = {str(i): p for i, p in enumerate(stops) if p is not None}
    points = _plan_points(hall, placed)
    if not points:
        set_fill(canvas, Tone.MUTED)
        canvas.setFont(SANS, 8)
        canvas.drawCentredString(
            frame.x(box.x_mm + box.width_mm / 2),
            frame.y(box.y_mm + box.height_mm / 2),
            _("The hall has no plan yet."),
        )
        canvas.restoreState()
        return
    inner = Rect(box.x_mm + 4, box.y_mm + 7, box.width_mm - 8, box.height_mm - 11)
    scale = ThumbnailScale(points, inner)
    _walls(canvas, frame, hall, scale)
    _panels(canvas, frame, hall, panels, scale)
    on_page = spread_marks([(i, scale.page(p)) for i, p in enumerate(stops) if p is not None])
    canvas.setStrokeColorCMYK(*TONES[Tone.ACCENT])
    canvas.setLineWidth(0.9)
    canvas.setDash(2, 1.5)
    for (_i, a), (_j, b) in itertools.pairwise(on_page):
        _line(canvas, frame, a, b)
    canvas.setDash()
    # the page's own stop last, so that a later stop at the same panel does not hide it
    for index, (x, y) in sorted(on_page, key=lambda item: item[0] == current):
        here = index == current
        radius = 2.6 if here else _MARK_R
        if here:
            canvas.setFillColorCMYK(*TONES[Tone.ACCENT])
        else:
            canvas.setFillColorCMYK(0, 0, 0, 0)
        canvas.setStrokeColorCMYK(*TONES[Tone.ACCENT])
        canvas.setLineWidth(0.6)
        canvas.circle(frame.x(x), frame.y(y), pt(radius), stroke=1, fill=1)
        if here:
            set_fill(canvas, Tone.INVERSE)
        else:
            set_fill(canvas, Tone.ACCENT)
        canvas.setFont(SANS_BOLD, 6.5 if here else 5)
        canvas.drawCentredString(frame.x(x), frame.y(y + (0.8 if here else 0.6)), str(index + 1))
    _scale_bar(canvas, frame, box, scale)
    canvas.restoreState()
