"""The hall's plan drawn to scale: grid, walls with doors, stands, panels, findings, a route.

One scene unit is one millimetre; the plan's y runs up, the scene's down, so a plan point
(x, y) is drawn at (x, -y). Walls are thick lines broken at their doors, each door drawn with
its swing; a stand is a thin board with its faces A (left of its direction) and B; a placed
panel is a thick bar along the face it hangs on, labelled with its reference ("2.3"). Walls,
stands and panels with a check finding are drawn red, the finding's message as their tooltip.
``set_route`` draws an ordered path over the plan (the visit's route).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QLineF, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from curator.core.hall.checks import HallFinding
from curator.core.hall.model import Hall, PanelSize, Placement, Point, Stand, Support, Wall
from curator.core.hall.snapping import segment
from curator.i18n import _

#: Grid lines: a minor one every 100 mm, a major one every metre.
MINOR_MM = 100.0
MAJOR_MM = 1000.0
WALL_MM = 120.0
STAND_MM = 100.0
PANEL_MM = 150.0
#: Item data: what an item is ("wall", "stand", "door", "panel") and which one.
KIND_ROLE = 0
KEY_ROLE = 1
_RED = QColor(200, 30, 30)
_INK = QColor(40, 40, 40)
_PANEL = QColor(40, 90, 160)


def scene_point(point: Point) -> QPointF:
    """A plan point in scene coordinates."""
    return QPointF(point[0], -point[1])


def plan_point(point: QPointF) -> Point:
    """A scene point on the plan."""
    return (point.x(), -point.y())


def support_name(support: Support) -> str:
    """A wall or a stand's face as the window names it, in the interface language."""
    if support.kind == "wall":
        return _("wall %(number)s") % {"number": support.number}
    return _("stand %(number)s, face %(face)s") % {
        "number": support.number,
        "face": "AB"[support.face],
    }


class _Label(QGraphicsSimpleTextItem):
    """A label of constant size on screen, centred on its position whatever the zoom.

    With ``away`` (a direction on screen) it stands beside its position instead, clear of it
    by 3 px: a panel's reference outside the panel at any zoom.
    """

    away = QPointF(0.0, 0.0)

    def _shift(self) -> QPointF:
        rect = super().boundingRect()
        half_w, half_h = rect.width() / 2, rect.height() / 2
        return QPointF(
            -half_w + self.away.x() * (half_w + 3), -half_h + self.away.y() * (half_h + 3)
        )

    def boundingRect(self) -> QRectF:
        return super().boundingRect().translated(self._shift())

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.translate(self._shift())
        super().paint(painter, option, widget)  # type: ignore[arg-type]


def _label(
    text: str, parent: QGraphicsItem, colour: QColor, away: QPointF | None = None
) -> QGraphicsSimpleTextItem:
    """A label of ``parent`` in ``colour`` (beside its position ``away``); it takes no click."""
    label = _Label(text, parent)
    if away is not None:
        label.prepareGeometryChange()
        label.away = away
    label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
    label.setBrush(QBrush(colour))
    label.setData(KIND_ROLE, "label")
    label.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    return label


class HallScene(QGraphicsScene):
    """The plan of one hall; ``show_hall`` draws it again from scratch."""

    def __init__(self) -> None:
        super().__init__()
        self.hall = Hall()
        self.sizes: dict[str, PanelSize] = {}
        self.findings: list[HallFinding] = []
        self._route: QGraphicsPathItem | None = None
        self._route_at: list[Point] = []
        self._stop_marks: list[QGraphicsItem] = []
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)

    # -- drawing ------------------------------------------------------------------------------

    def show_hall(
        self, hall: Hall, panels: Sequence[PanelSize], findings: Sequence[HallFinding]
    ) -> None:
        """Draw ``hall`` with its panels' sizes, marking ``findings`` red."""
        route = self._route_points()
        self.clear()
        self._route = None
        self._stop_marks = []
        self.hall = hall
        self.sizes = {panel.panel_id: panel for panel in panels}
        self.findings = list(findings)
        by_panel: dict[str, list[str]] = {}
        by_support: dict[str, list[str]] = {}
        for finding in findings:
            for panel_id in finding.panel_ids:
                by_panel.setdefault(panel_id, []).append(finding.message)
            if not finding.panel_ids:
                for support in finding.supports:
                    by_support.setdefault(support, []).append(finding.message)
        for wall in hall.walls:
            self._wall(wall, by_support.get(f"wall {wall.number}", []))
        for stand in hall.stands:
            self._stand(stand, by_support.get(f"stand {stand.number}", []))
        for placement in hall.placements:
            self._panel(placement, by_panel.get(placement.panel_id, []))
        if route:
            self.set_route(route)
        bounds = self.itemsBoundingRect()
        if bounds.isEmpty():
            bounds = QRectF(-1000, -6000, 10000, 7000)
        self.setSceneRect(bounds.adjusted(-3000, -3000, 3000, 3000))

    def _wall(self, wall: Wall, messages: Sequence[str]) -> None:
        colour = _RED if messages else _INK
        path = QPainterPath()
        (ax, ay), (bx, by) = wall.start, wall.end
        length = wall.length_mm
        ux, uy = (bx - ax) / length, (by - ay) / length
        cuts = [0.0]
        for door in sorted(wall.doors, key=lambda d: d.offset_mm):
            cuts += [door.offset_mm, door.end_mm]
        cuts.append(length)
        for start, end in zip(cuts[::2], cuts[1::2], strict=True):
            if end > start:
                path.moveTo(scene_point((ax + ux * start, ay + uy * start)))
                path.lineTo(scene_point((ax + ux * end, ay + uy * end)))
        item = QGraphicsPathItem(path)
        pen = QPen(colour, WALL_MM, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap)
        item.setPen(pen)
        title = _("Wall %(number)s: %(length)s mm long, %(height)s mm high") % {
            "number": wall.number,
            "length": round(wall.length_mm),
            "height": round(wall.height_mm),
        }
        self._selectable(item, "wall", wall.number, messages, title)
        item.setZValue(1)
        self.addItem(item)
        # a hairline along the whole wall, so that a door's gap still shows where the wall runs
        line = self.addLine(QLineF(scene_point(wall.start), scene_point(wall.end)), QPen(colour, 0))
        line.setZValue(0)
        for door in wall.doors:
            self._door(wall, door.offset_mm, door.width_mm, (ux, uy))
        middle = ((ax + bx) / 2 + uy * 450, (ay + by) / 2 - ux * 450)  # outside
        number = _label(str(wall.number), item, colour)
        number.setPos(scene_point(middle))

    def _door(self, wall: Wall, offset: float, width: float, unit: tuple[float, float]) -> None:
        """The door's gap with its leaf open at right angles and the arc it swings."""
        ux, uy = unit
        hinge = (wall.start[0] + ux * offset, wall.start[1] + uy * offset)
        leaf = (hinge[0] - uy * width, hinge[1] + ux * width)
        closed = (hinge[0] + ux * width, hinge[1] + uy * width)
        path = QPainterPath(scene_point(closed))
        path.lineTo(scene_point(hinge))
        path.lineTo(scene_point(leaf))
        centre = scene_point(hinge)
        box = QRectF(centre.x() - width, centre.y() - width, 2 * width, 2 * width)
        start_angle = math.degrees(math.atan2(uy, ux))
        path.arcMoveTo(box, start_angle)
        path.arcTo(box, start_angle, 90.0)
        item = QGraphicsPathItem(path)
        item.setPen(QPen(_INK, 0))
        item.setBrush(QBrush(QColor(0, 0, 0, 0)))
        self._selectable(item, "door", (wall.number, offset), ())
        item.setZValue(2)
        self.addItem(item)

    def _stand(self, stand: Stand, messages: Sequence[str]) -> None:
        colour = _RED if messages else _INK
        first, second = stand.ends
        item = QGraphicsRectItem(QRectF(0, -STAND_MM / 2, stand.length_mm, STAND_MM))
        item.setPos(scene_point(first))
        item.setRotation(-math.degrees(math.atan2(second[1] - first[1], second[0] - first[0])))
        item.setPen(QPen(colour, 0))
        item.setBrush(QBrush(QColor(colour.red(), colour.green(), colour.blue(), 90)))
        title = _("Stand %(number)s: %(length)s mm long, %(height)s mm high") % {
            "number": stand.number,
            "length": round(stand.length_mm),
            "height": round(stand.height_mm),
        }
        self._selectable(item, "stand", stand.number, messages, title)
        item.setZValue(1)
        self.addItem(item)
        for face, side in ((0, -1.0), (1, 1.0)):
            mark = _label("AB"[face], item, colour)
            mark.setPos(-300, side * 300)  # beyond its first end, clear of its panels
        number = _label(f"S{stand.number}", item, colour)
        number.setPos(stand.length_mm + 450, 0)

    def _panel(self, placement: Placement, messages: Sequence[str]) -> None:
        size = self.sizes.get(placement.panel_id)
        frame = self.face_frame(placement.support)
        if size is None or frame is None:
            return
        origin, angle, side = frame
        colour = _RED if messages else _PANEL
        inset = (WALL_MM if placement.support.kind == "wall" else STAND_MM) / 2 + 10
        top = -(inset + PANEL_MM) if side > 0 else inset
        item = QGraphicsRectItem(QRectF(placement.offset_mm, top, size.width_mm, PANEL_MM))
        item.setPos(origin)
        item.setRotation(angle)
        item.setPen(QPen(colour.darker(130), 0))
        item.setBrush(QBrush(colour))
        title = _("Panel %(panel)s: %(width)s × %(height)s mm, %(offset)s mm along %(support)s") % {
            "panel": size.reference,
            "width": round(size.width_mm),
            "height": round(size.height_mm),
            "offset": round(placement.offset_mm),
            "support": support_name(placement.support),
        }
        self._selectable(item, "panel", placement.panel_id, messages, title)
        item.setZValue(3)
        self.addItem(item)
        # outside the panel: along the face's normal on its side, as the screen shows it
        turn = math.radians(angle)
        normal = QPointF(math.sin(turn) * side, -math.cos(turn) * side)
        label = _label(size.reference, item, colour.darker(120), normal)
        label.setPos(placement.offset_mm + size.width_mm / 2, top if side > 0 else top + PANEL_MM)

    def face_frame(self, support: Support) -> tuple[QPointF, float, float] | None:
        """A support's start in the scene, its rotation in the scene and the side panels hang on.

        The side is 1 for the left of the support's direction (a wall; a stand's face A), -1
        for the right (face B); in the item's frame the left is up (negative y).
        """
        ends = segment(self.hall, support)
        if ends is None:
            return None
        (ax, ay), (bx, by) = ends
        angle = -math.degrees(math.atan2(by - ay, bx - ax))
        side = -1.0 if support.kind == "stand" and support.face == 1 else 1.0
        return scene_point((ax, ay)), angle, side

    def _selectable(
        self,
        item: QGraphicsItem,
        kind: str,
        key: object,
        messages: Sequence[str],
        title: str = "",
    ) -> None:
        """Make ``item`` selectable; its tooltip says what it is, then what the checks found."""
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        item.setData(KIND_ROLE, kind)
        item.setData(KEY_ROLE, key)
        item.setToolTip("\n".join([title, *messages] if title else messages))

    # -- reading back -------------------------------------------------------------------------

    def items_of(self, kind: str) -> dict[object, QGraphicsItem]:
        """The drawn walls, stands, doors or panels by their key (number, offset or panel id)."""
        found: dict[object, QGraphicsItem] = {}
        for item in self.items():
            if item.data(KIND_ROLE) == kind:
                found[item.data(KEY_ROLE)] = item
        return found

    def panel_widths(self) -> Mapping[str, float]:
        """The width of every panel, by id."""
        return {panel_id: size.width_mm for panel_id, size in self.sizes.items()}

    # -- the route ----------------------------------------------------------------------------

    def set_route(self, points: Sequence[Point]) -> None:
        """Draw an ordered path through the plan over everything (empty: no route).

        For the visit's route: the points are plan points in mm, in walking order; the first
        is marked by a dot.
        """
        if self._route is not None:
            self.removeItem(self._route)
            self._route = None
        if len(points) < 2:
            return
        path = QPainterPath(scene_point(points[0]))
        for point in points[1:]:
            path.lineTo(scene_point(point))
        start = scene_point(points[0])
        path.addEllipse(start, 150, 150)
        item = QGraphicsPathItem(path)
        pen = QPen(QColor(20, 140, 60), 60, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap)
        item.setPen(pen)
        item.setZValue(10)
        item.setData(KIND_ROLE, "route")
        item.setData(KEY_ROLE, 0)
        self.addItem(item)
        self._route = item
        self._route_at = [(float(x), float(y)) for x, y in points]

    def set_stops(self, stops: Sequence[tuple[Point, str]]) -> None:
        """Number the route's stops on the plan: a green disc with its label at each point.

        Several stops at one panel share the disc, their numbers joined ("1, 4").
        """
        for mark in self._stop_marks:
            self.removeItem(mark)
        self._stop_marks = []
        joined: dict[Point, list[str]] = {}
        for point, text in stops:
            joined.setdefault(point, []).append(text)
        for point, texts in joined.items():
            disc = QGraphicsEllipseItem(QRectF(-260, -260, 520, 520))
            disc.setPos(scene_point(point))
            disc.setBrush(QBrush(QColor(20, 140, 60)))
            disc.setPen(QPen(QColor(255, 255, 255), 0))
            disc.setZValue(11)
            disc.setData(KIND_ROLE, "stop")
            disc.setData(KEY_ROLE, ", ".join(texts))
            disc.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            _label(", ".join(texts), disc, QColor(255, 255, 255))
            self.addItem(disc)
            self._stop_marks.append(disc)

    def _route_points(self) -> list[Point]:
        return list(self._route_at) if self._route is not None else []

    # -- the grid -----------------------------------------------------------------------------

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        rect = QRectF(rect)
        painter.fillRect(rect, QColor(252, 252, 250))
        scale = painter.worldTransform().m11()
        for step, shade in ((MINOR_MM, 235), (MAJOR_MM, 200)):
            if step * scale < 6:  # closer than 6 px: a grey wash, not a grid
                continue
            painter.setPen(QPen(QColor(shade, shade, shade), 0))
            left = math.floor(rect.left() / step) * step
            top = math.floor(rect.top() / step) * step
            lines = [
                QLineF(x, rect.top(), x, rect.bottom()) for x in _steps(left, rect.right(), step)
            ]
            lines += [
                QLineF(rect.left(), y, rect.right(), y) for y in _steps(top, rect.bottom(), step)
            ]
            painter.drawLines(lines)


def _steps(start: float, stop: float, step: float) -> list[float]:
    count = int((stop - start) / step) + 1
    return [start + index * step for index in range(max(0, count))]
