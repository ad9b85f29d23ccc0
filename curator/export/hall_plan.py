"""The installers' plan (issue #26): the hall to scale with every panel numbered, then the lists.

Page 1 draws the hall at the scale :func:`~curator.core.hall.installers.choose_scale` picks
for the paper (turned landscape when that draws it larger), with a scale bar and the scale
written: walls with their doors, stands, every wall and stand named and every panel drawn on
its side of the wall (the side facing the hall's middle; a stand's face A on its left, B on its
right) with its reference as the labels give it (``2.3``) and, where there is room, its size.
The pages after it list each wall's and stand's panels in hanging order (reference, the
section's title in the chosen languages, width × height, the offset from the support's start,
the bottom edge's height) and the hall's check findings. Text is in the bundled Noto faces,
embedded, so Vietnamese and Russian print as typed.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from curator.core.errors import UsageError
from curator.core.hall.checks import HallFinding
from curator.core.hall.installers import Hung, choose_scale, extent, hanging_order
from curator.core.hall.model import Hall, Point, Support, Wall
from curator.core.progress import ProgressCallback, no_progress
from curator.core.publishing.catalogue_service import organisers
from curator.core.publishing.labels_service import resolve_languages
from curator.core.services import ProjectService
from curator.export.colour import OutputProfile
from curator.export.doc_info import DocumentInfo
from curator.export.document import Document, guard_output, write_document
from curator.export.pdf import PageFrame, pt
from curator.export.product_spec import export_title
from curator.i18n import _, number_text

REGULAR, BOLD = "NotoSans-Regular", "NotoSans-Bold"
A3 = (297.0, 420.0)
MARGIN_MM = 12.0
#: Above the drawing: the title; below it: the scale bar; around it: room for names.
TOP_MM, BOTTOM_MM, PAD_MM = 16.0, 16.0, 10.0
ROW_MM = 5.5
PANEL_DEPTH_MM = 2.0
INK = (0.0, 0.0, 0.0, 1.0)
PANEL_INK = (0.0, 0.9, 0.85, 0.12)
GREY = (0.0, 0.0, 0.0, 0.45)


@dataclass(frozen=True, slots=True)
class _Row:
    kind: str  # "heading", "support", "panel" or "finding"
    cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Page:
    number: int
    rows: tuple[_Row, ...] = ()  # none: the plan


@dataclass(frozen=True, slots=True)
class PlanResult:
    """What the installers' plan wrote."""

    path: Path
    pages: int
    scale: int
    paper_mm: tuple[float, float]
    landscape: bool
    placed: int
    unplaced: int
    findings: tuple[HallFinding, ...]


class _Drawing:
    """The plan's page: hall millimetres to page millimetres, and what is drawn there."""

    def __init__(self, hall: Hall, hung: Sequence[Hung], denominator: int,
                 page: tuple[float, float]) -> None:  # fmt: skip
        self.hall, self.hung, self.scale = hall, hung, denominator
        (self.min_x, self.min_y), (max_x, self.max_y) = extent(hall)
        width = (max_x - self.min_x) / denominator
        height = (self.max_y - self.min_y) / denominator
        area_w = page[0] - 2 * MARGIN_MM
        area_h = page[1] - 2 * MARGIN_MM - TOP_MM - BOTTOM_MM
        self.left = MARGIN_MM + (area_w - width) / 2
        self.top = MARGIN_MM + TOP_MM + (area_h - height) / 2
        points = [p for w in hall.walls for p in (w.start, w.end)]
        self.middle = (
            (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
            if points
            else ((self.min_x + max_x) / 2, (self.min_y + self.max_y) / 2)
        )

    def at(self, point: Point) -> Point:
        """A point of the hall on the page, mm from the page's top left."""
        return (
            self.left + (point[0] - self.min_x) / self.scale,
            self.top + (self.max_y - point[1]) / self.scale,
        )

    def inward(self, start: Point, end: Point) -> tuple[float, float]:
        """The unit normal (hall mm) of a wall pointing to the hall's middle."""
        dx, dy = end[0] - start[0], end[1] - start[1]
        length = math.hypot(dx, dy)
        nx, ny = -dy / length, dx / length
        mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
        toward = (self.middle[0] - mx) * nx + (self.middle[1] - my) * ny
        return (nx, ny) if toward >= 0 else (-nx, -ny)


def _line(canvas: Canvas, frame: PageFrame, a: Point, b: Point) -> None:
    canvas.line(frame.x(a[0]), frame.y(a[1]), frame.x(b[0]), frame.y(b[1]))


def _text(canvas: Canvas, frame: PageFrame, at: Point, text: str, size: float,
          font: str = REGULAR, align: str = "centre") -> None:  # fmt: skip
    canvas.setFont(font, size)
    x, y = frame.x(at[0]), frame.y(at[1]) - size * 0.35
    if align == "centre":
        canvas.drawCentredString(x, y, text)
    elif align == "right":
        canvas.drawRightString(x, y, text)
    else:
        canvas.drawString(x, y, text)


def _along(start: Point, end: Point, offset: float) -> Point:
    length = math.dist(start, end)
    t = offset / length
    return (start[0] + (end[0] - start[0]) * t, start[1] + (end[1] - start[1]) * t)


def _shift(point: Point, normal: tuple[float, float], mm: float) -> Point:
    """``point`` (page mm) moved ``mm`` along a hall normal (page y runs down)."""
    return (point[0] + normal[0] * mm, point[1] - normal[1] * mm)


def _draw_wall(canvas: Canvas, frame: PageFrame, view: _Drawing, wall: Wall) -> None:
    cuts = [0.0]
    for door in wall.doors:
        cuts += [door.offset_mm, door.end_mm]
    cuts.append(wall.length_mm)
    canvas.setLineWidth(pt(0.9))
    for index in range(0, len(cuts), 2):
        a, b = (
            _along(wall.start, wall.end, cuts[index]),
            _along(wall.start, wall.end, cuts[index + 1]),
        )
        _line(canvas, frame, view.at(a), view.at(b))
    normal = view.inward(wall.start, wall.end)
    canvas.setLineWidth(pt(0.2))
    for door in wall.doors:  # the leaf, opened into the hall, and the opening dashed
        hinge = view.at(_along(wall.start, wall.end, door.offset_mm))
        other = view.at(_along(wall.start, wall.end, door.end_mm))
        _line(canvas, frame, hinge, _shift(hinge, normal, door.width_mm / view.scale))
        canvas.setDash(pt(1.0), pt(1.0))
        _line(canvas, frame, hinge, other)
        canvas.setDash()
    middle = view.at(_along(wall.start, wall.end, wall.length_mm / 2))
    name = Support("wall", wall.number).name()
    outside = _shift(middle, normal, -4.0)
    align = "centre" if abs(normal[0]) < 0.5 else ("right" if normal[0] > 0 else "left")
    if align == "centre":  # below a wall whose outside is down, above one whose outside is up
        outside = _shift(middle, normal, -5.0)
    _text(canvas, frame, outside, name[:1].upper() + name[1:], 8, BOLD, align)


def _draw_panel(canvas: Canvas, frame: PageFrame, view: _Drawing, hung: Hung,
                ends: tuple[Point, Point], normal: Point, base: float) -> None:  # fmt: skip
    start, end = ends
    a = view.at(_along(start, end, hung.offset_mm))
    b = view.at(_along(start, end, hung.offset_mm + hung.panel.width_mm))
    a, b = _shift(a, normal, base), _shift(b, normal, base)
    c, d = _shift(b, normal, PANEL_DEPTH_MM), _shift(a, normal, PANEL_DEPTH_MM)
    canvas.setFillColorCMYK(*PANEL_INK)
    path = canvas.beginPath()
    path.moveTo(frame.x(a[0]), frame.y(a[1]))
    for corner in (b, c, d):
        path.lineTo(frame.x(corner[0]), frame.y(corner[1]))
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.setFillColorCMYK(*INK)
    centre = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    _text(canvas, frame, _shift(centre, normal, base + PANEL_DEPTH_MM + 3.0),
          hung.panel.reference, 7, BOLD)  # fmt: skip
    size = (
        f"{number_text(hung.panel.width_mm)}×{number_text(hung.panel.height_mm)}"
        f" / {number_text(hung.bottom_mm)}"
    )
    if stringWidth(size, REGULAR, 5) / pt(1.0) <= math.dist(a, b) + 2.0:
        _text(canvas, frame, _shift(centre, normal, base + PANEL_DEPTH_MM + 6.0), size, 5)


def _draw_plan(canvas: Canvas, frame: PageFrame, view: _Drawing, title: str) -> None:
    canvas.setStrokeColorCMYK(*INK)
    canvas.setFillColorCMYK(*INK)
    _text(canvas, frame, (MARGIN_MM, MARGIN_MM + 4.0), title, 13, BOLD, "left")
    legend = _(
        "Each panel is drawn on the side it faces, with its reference as on its label, and "
        "where there is room its width × height / the height of its bottom edge above the "
        "floor, in mm."
    )
    _text(canvas, frame, (MARGIN_MM, MARGIN_MM + 10.0), legend, 8, align="left")
    for wall in view.hall.walls:
        _draw_wall(canvas, frame, view, wall)
    for stand in view.hall.stands:
        first, second = stand.ends
        angle = math.radians(stand.angle_deg)
        left = (-math.sin(angle), math.cos(angle))
        thick = max(0.6, 80.0 / view.scale) / 2
        a, b = view.at(first), view.at(second)
        canvas.setLineWidth(pt(0.5))
        corners = [_shift(a, left, thick), _shift(b, left, thick),
                   _shift(b, left, -thick), _shift(a, left, -thick)]  # fmt: skip
        for index, corner in enumerate(corners):
            _line(canvas, frame, corner, corners[(index + 1) % 4])
        # the name beside the stand's middle on face A's side, clear of the panels' labels
        # there (beyond an end it ran into the next stand of a row on a small paper)
        on_a = any(h.support.kind == "stand" and h.support.number == stand.number
                   and h.support.face == 0 for h in view.hung)  # fmt: skip
        away = thick + (PANEL_DEPTH_MM + 10.0 if on_a else 3.5)
        middle = _shift(((a[0] + b[0]) / 2, (a[1] + b[1]) / 2), left, away)
        side = "centre" if abs(left[0]) < 0.5 else ("left" if left[0] > 0 else "right")
        name = _("stand %(number)d") % {"number": stand.number}
        _text(canvas, frame, middle, name[:1].upper() + name[1:], 8, BOLD, side)
        for hung in view.hung:
            if hung.support.kind == "stand" and hung.support.number == stand.number:
                normal = left if hung.support.face == 0 else (-left[0], -left[1])
                _draw_panel(canvas, frame, view, hung, (first, second), normal, thick)
    for hung in view.hung:
        on = view.hall.wall(hung.support.number) if hung.support.kind == "wall" else None
        if on is not None:
            normal = view.inward(on.start, on.end)
            _draw_panel(canvas, frame, view, hung, (on.start, on.end), normal, 0.6)
    _draw_scale(canvas, frame, view)


def _draw_scale(canvas: Canvas, frame: PageFrame, view: _Drawing) -> None:
    """A bar of whole metres in alternating blocks, and the scale written beside it."""
    step_m = next(s for s in (0.5, 1, 2, 5, 10) if s * 1000 / view.scale >= 10.0)
    step = step_m * 1000 / view.scale
    y = frame.trim_height_mm - MARGIN_MM - 6.0
    x = MARGIN_MM
    canvas.setLineWidth(pt(0.3))
    for index in range(5):
        canvas.setFillColorCMYK(*(INK if index % 2 == 0 else (0.0, 0.0, 0.0, 0.0)))
        canvas.rect(frame.x(x + index * step), frame.y(y), pt(step), pt(2.0), stroke=1, fill=1)
    canvas.setFillColorCMYK(*INK)
    for index in range(6):
        _text(canvas, frame, (x + index * step, y + 3.5), number_text(index * step_m), 6)
    _text(canvas, frame, (x + 5 * step + 4.0, y - 1.0), _("m"), 7, align="left")
    scale = _("Scale 1:%(scale)d (on this paper, printed at 100%%)") % {"scale": view.scale}
    _text(canvas, frame, (x + 5 * step + 12.0, y - 1.0), scale, 9, BOLD, "left")


def _fit(text: str, font: str, size: float, width_mm: float) -> str:
    if stringWidth(text, font, size) <= pt(width_mm):
        return text
    while text and stringWidth(text + "…", font, size) > pt(width_mm):
        text = text[:-1]
    return text + "…"


def _draw_rows(canvas: Canvas, frame: PageFrame, rows: Sequence[_Row]) -> None:
    width = frame.trim_width_mm - 2 * MARGIN_MM
    columns = (0.0, 14.0, width - 78.0, width - 48.0, width - 24.0)
    y = MARGIN_MM + 4.0
    canvas.setFillColorCMYK(*INK)
    for row in rows:
        if row.kind in ("heading", "support"):
            y += 2.0 if row.kind == "support" or y > MARGIN_MM + 4.0 else 0.0
            size = 12 if row.kind == "heading" else 9
            _text(canvas, frame, (MARGIN_MM, y), _fit(row.cells[0], BOLD, size, width), size,
                  BOLD, "left")  # fmt: skip
        elif row.kind == "finding":
            _text(canvas, frame, (MARGIN_MM, y), _fit(row.cells[0], REGULAR, 8, width), 8,
                  align="left")  # fmt: skip
        else:
            ends = (*columns[1:], width)
            for cell, start, end in zip(row.cells, columns, ends, strict=True):
                font = BOLD if start == 0.0 else REGULAR
                _text(canvas, frame, (MARGIN_MM + start, y), _fit(cell, font, 8, end - start - 2),
                      8, font, "left")  # fmt: skip
        y += ROW_MM if row.kind != "heading" else ROW_MM + 2.0


def _titles(service: ProjectService, languages: Sequence[str]) -> dict[str, str]:
    """Each panel's section title in the chosen languages, ``Một / Один / One``."""
    titles = {}
    for section in service.exhibition.sections():
        words = [section.title.get(tag, "").strip() for tag in languages]
        text = " / ".join(word for word in words if word)
        for panel in service.exhibition.panels(section.id):
            titles[panel.id] = text
    return titles


def _support_line(hall: Hall, support: Support) -> str:
    length, height = hall.extent(support) or (0.0, 0.0)
    name = support.name()
    text = _("%(support)s: %(length)s mm long, %(height)s mm high") % {
        "support": name[:1].upper() + name[1:],
        "length": number_text(length, 0, grouped=True),
        "height": number_text(height, 0, grouped=True),
    }
    wall = hall.wall(support.number) if support.kind == "wall" else None
    for door in wall.doors if wall else ():
        text += "; " + _("door at %(offset)s mm, %(width)s mm wide") % {
            "offset": number_text(door.offset_mm, 0, grouped=True),
            "width": number_text(door.width_mm, 0, grouped=True),
        }
    return text


def _rows(hall: Hall, hung: Sequence[Hung], titles: dict[str, str],
          findings: Sequence[HallFinding], unplaced: Sequence[str]) -> list[_Row]:  # fmt: skip
    rows = [_Row("heading", (_("Panels in hanging order"),))]
    header = _Row("panel", (_("Panel"), _("Section"), _("Width × height"), _("From start"),
                            _("Bottom edge")))  # fmt: skip
    current: Support | None = None
    for item in hung:
        if item.support != current:
            current = item.support
            rows += [_Row("support", (_support_line(hall, current),)), header]
        rows.append(_Row("panel", (
            item.panel.reference, titles.get(item.panel.panel_id, ""),
            _("%(width)s × %(height)s mm") % {
                "width": number_text(item.panel.width_mm, grouped=True),
                "height": number_text(item.panel.height_mm, grouped=True)},
            _("%(length)s mm") % {"length": number_text(item.offset_mm, 0, grouped=True)},
            _("%(length)s mm") % {"length": number_text(item.bottom_mm, 0, grouped=True)},
        )))  # fmt: skip
    if unplaced:
        rows.append(_Row("support", (_("Not on the plan: %(panels)s") % {
            "panels": ", ".join(unplaced)},)))  # fmt: skip
    rows.append(_Row("heading", (_("Checks of the hall"),)))
    rows += [_Row("finding", (f"{f.code}: {f.message}",)) for f in findings] or [
        _Row("finding", (_("No problems found."),))
    ]
    return rows


def _area(page: tuple[float, float]) -> tuple[float, float]:
    """The room for the hall on a page, inside the margins, bands and the names' room."""
    return (page[0] - 2 * MARGIN_MM - 2 * PAD_MM,
            page[1] - 2 * MARGIN_MM - TOP_MM - BOTTOM_MM - 2 * PAD_MM)  # fmt: skip


def export_hall_plan(
    service: ProjectService,
    output: Path,
    languages: Sequence[str] | None = None,
    paper_mm: tuple[float, float] | None = None,
    on_progress: ProgressCallback = no_progress,
    cancel: threading.Event | None = None,
    *,
    profile: OutputProfile | None = None,
) -> PlanResult:
    """Write the installers' plan of the hall to ``output``.

    Raises:
        UsageError: a hall without walls or stands, one too large for the paper at 1:200,
            a language the project lacks.
        ExportCancelledError: ``cancel`` was set.
        CuratorError: the output could not be written.
    """
    guard = guard_output(service, output)
    chosen = resolve_languages(service, languages)
    ops = service.operations.hall
    hall, panels = ops.get(), ops.panels()
    if not hall.walls and not hall.stands:
        raise UsageError(_("The hall has no walls or stands yet; there is no plan to print."))
    upright = (min(paper_mm or A3), max(paper_mm or A3))
    (x0, y0), (x1, y1) = extent(hall)
    scale = choose_scale((max(x1 - x0, 1.0), max(y1 - y0, 1.0)), _area(upright),
                         _area((upright[1], upright[0])))  # fmt: skip
    if scale is None:
        raise UsageError(
            _("The hall (%(width)s × %(height)s m) does not fit this paper at 1:200; choose a "
              "larger paper.") % {"width": number_text((x1 - x0) / 1000, 1),
                                  "height": number_text((y1 - y0) / 1000, 1)}
        )  # fmt: skip
    page = (upright[1], upright[0]) if scale.landscape else upright
    hung = hanging_order(hall, panels, ops.centre_mm())
    findings = tuple(ops.check())
    placed = {item.panel.panel_id for item in hung}
    unplaced = [panel.reference for panel in panels if panel.panel_id not in placed]
    rows = _rows(hall, hung, _titles(service, chosen), findings, unplaced)
    per_page = int((page[1] - 2 * MARGIN_MM - 10.0) // (ROW_MM + 1.0))
    pages = [_Page(1)] + [
        _Page(index // per_page + 2, tuple(rows[index : index + per_page]))
        for index in range(0, len(rows), per_page)
    ]
    name = export_title(service)
    title = _("Installers' plan: %(title)s") % {"title": name}
    view = _Drawing(hall, hung, scale.denominator, page)
    frame = PageFrame(page[0], page[1], 0.0, False)

    def draw(canvas: Canvas, current: _Page, _workdir: Path) -> None:
        canvas.setStrokeColorCMYK(*INK)
        if current.rows:
            _draw_rows(canvas, frame, current.rows)
        else:
            _draw_plan(canvas, frame, view, title)
        canvas.setFillColorCMYK(*GREY)
        _text(canvas, frame, (page[0] - MARGIN_MM, page[1] - MARGIN_MM / 2),
              _("Page %(page)d") % {"page": current.number}, 7, align="right")  # fmt: skip

    lead = chosen[0]
    document = Document(
        pages=pages,
        frame=lambda _page: frame,
        draw=draw,
        label=lambda current: _("Page %(page)d") % {"page": current.number},
        title=title,
        info=DocumentInfo(title, organisers(service, lead), _("Installers' plan"), lead),
    )
    written = write_document(document, output, on_progress, cancel, profile, guard=guard)
    return PlanResult(written, len(pages), scale.denominator, page, scale.landscape,
                      len(placed), len(unplaced), findings)  # fmt: skip
