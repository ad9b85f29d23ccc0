"""The plan's view: zoom with the wheel, tools to draw walls, stands and doors, panels dragged.

The view only says what the pointer did, in plan millimetres; the Hall controller writes it
through ``operations.hall``. Drawing a wall or a stand takes two clicks, each snapped to the
end of a wall or stand near it, else to the 100 mm grid; after the first click a typed number
(with Enter) ends it at that length in the pointer's direction, turned to a multiple of 15°.
A placed panel dragged with the Select tool is dropped where the pointer lets go.
"""

from __future__ import annotations

import math
from enum import Enum

from PySide6.QtCore import QLineF, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import QGraphicsItem, QGraphicsLineItem, QGraphicsView

from curator.core.hall.model import Point
from curator.core.hall.snapping import snap_point
from curator.i18n import _
from curator.ui.views.hall_scene import (
    KEY_ROLE,
    KIND_ROLE,
    MINOR_MM,
    HallScene,
    plan_point,
    scene_point,
)

#: How near (in screen pixels) a click must come to a wall's end to snap to it.
SNAP_PX = 12.0
_ANGLE_STEP = 15.0


class Tool(Enum):
    """What a click on the plan does."""

    SELECT = "select"
    WALL = "wall"
    STAND = "stand"
    DOOR = "door"
    STOPS = "stops"


class HallView(QGraphicsView):
    """The plan, zoomed with the wheel; the tools' clicks and the panels' drags as signals."""

    #: A wall or stand drawn: kind ("wall" or "stand"), start and end on the plan.
    segment_drawn = Signal(str, object, object)
    #: The Door tool clicked: the wall's number and the offset along it.
    door_requested = Signal(int, float)
    #: A panel dragged: its id, where its middle was dropped (a plan point), the snap in mm.
    panel_dropped = Signal(str, object, float)
    #: The Stops tool clicked a placed panel (its id): add it to the route or take it off.
    stop_clicked = Signal(str)
    #: The Stops tool's right click on a placed panel: its id and where (global position).
    stop_menu_requested = Signal(str, QPoint)
    #: Delete pressed with items selected.
    delete_requested = Signal()
    #: A number typed while drawing (the first character; the field takes the rest).
    length_typed = Signal(str)
    #: The length in mm from the first click to the pointer while drawing (0: not drawing).
    measured = Signal(float)

    def __init__(self, scene: HallScene) -> None:
        super().__init__(scene)
        self.hall_scene = scene
        self.tool = Tool.SELECT
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.viewport().setMouseTracking(True)
        #: The first point of a wall or stand being drawn, and the line drawn to the pointer.
        self.start: Point | None = None
        self.pointer: Point = (0.0, 0.0)
        self._rubber: QGraphicsLineItem | None = None
        #: A panel being dragged: its item, its id and where the drag began (scene).
        self._drag: tuple[QGraphicsItem, str, QPointF, QPointF] | None = None

    # -- tools --------------------------------------------------------------------------------

    def set_tool(self, tool: Tool) -> None:
        """Choose what a click does; drawing in progress is dropped."""
        self.tool = tool
        self.cancel_drawing()
        drag = (
            QGraphicsView.DragMode.RubberBandDrag
            if tool is Tool.SELECT
            else QGraphicsView.DragMode.NoDrag
        )
        self.setDragMode(drag)
        cursor = Qt.CursorShape.ArrowCursor if tool is Tool.SELECT else Qt.CursorShape.CrossCursor
        self.viewport().setCursor(cursor)

    def cancel_drawing(self) -> None:
        """Forget the first click of a wall or stand."""
        self.start = None
        if self._rubber is not None:
            self.hall_scene.removeItem(self._rubber)
            self._rubber = None
            self.measured.emit(0.0)

    def tolerance_mm(self) -> float:
        """``SNAP_PX`` in plan millimetres at the present zoom."""
        scale = self.transform().m11() or 1.0
        return SNAP_PX / scale

    def snapped(self, position: QPoint) -> Point:
        """Where a pointer position lands: a wall's or stand's end near it, else the grid."""
        point = plan_point(self.mapToScene(position))
        return snap_point(point, self.hall_scene.hall, MINOR_MM, self.tolerance_mm())

    def end_at_length(self, length_mm: float) -> Point | None:
        """The end of the segment being drawn at ``length_mm`` towards the pointer."""
        if self.start is None or not math.isfinite(length_mm) or length_mm <= 0:
            return None
        dx, dy = self.pointer[0] - self.start[0], self.pointer[1] - self.start[1]
        angle = math.degrees(math.atan2(dy, dx)) if (dx or dy) else 0.0
        angle = round(angle / _ANGLE_STEP) * _ANGLE_STEP
        x = self.start[0] + length_mm * math.cos(math.radians(angle))
        y = self.start[1] + length_mm * math.sin(math.radians(angle))
        return (round(x, 1), round(y, 1))

    def finish(self, end: Point) -> None:
        """End the wall or stand being drawn at ``end``."""
        if self.start is None:
            return
        start = self.start
        self.cancel_drawing()
        if start != end:
            self.segment_drawn.emit(self.tool.value, start, end)

    # -- zoom ---------------------------------------------------------------------------------

    def zoom(self, factor: float) -> None:
        """Zoom by ``factor``, between 1 px for 200 mm and 1 px for 0.5 mm."""
        scale = self.transform().m11() * factor
        if 1 / 200 <= scale <= 2.0:
            self.scale(factor, factor)

    def fit(self) -> None:
        """Show the whole hall."""
        bounds = self.hall_scene.itemsBoundingRect()
        if bounds.isEmpty():
            bounds = self.hall_scene.sceneRect()
        self.fitInView(bounds.adjusted(-800, -800, 800, 800), Qt.AspectRatioMode.KeepAspectRatio)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom(1.15**steps)
        event.accept()

    # -- the pointer --------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.tool is Tool.STOPS:
            item = self._item_at(event.position().toPoint(), ("panel",))
            if item is not None and event.button() == Qt.MouseButton.LeftButton:
                self.stop_clicked.emit(str(item.data(KEY_ROLE)))
            elif item is not None and event.button() == Qt.MouseButton.RightButton:
                global_at = self.viewport().mapToGlobal(event.position().toPoint())
                self.stop_menu_requested.emit(str(item.data(KEY_ROLE)), global_at)
            event.accept()
            return
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        position = event.position().toPoint()
        if self.tool in (Tool.WALL, Tool.STAND):
            point = self.snapped(position)
            if self.start is None:
                self.start = point
                self.pointer = point
                self._rubber = self.hall_scene.addLine(
                    QLineF(scene_point(point), scene_point(point)), QPen(QColor(20, 90, 200), 0)
                )
                self._rubber.setZValue(20)
            else:
                self.finish(point)
            event.accept()
            return
        item = self._item_at(position, ("wall",) if self.tool is Tool.DOOR else ("panel",))
        if self.tool is Tool.DOOR:
            if item is not None:
                number = int(item.data(KEY_ROLE))
                wall = self.hall_scene.hall.wall(number)
                if wall is not None:
                    point = plan_point(self.mapToScene(position))
                    ux = (wall.end[0] - wall.start[0]) / wall.length_mm
                    uy = (wall.end[1] - wall.start[1]) / wall.length_mm
                    along = (point[0] - wall.start[0]) * ux + (point[1] - wall.start[1]) * uy
                    self.door_requested.emit(number, round(along / 10) * 10)
            event.accept()
            return
        if item is not None:
            origin = item.pos()
            self._drag = (item, str(item.data(KEY_ROLE)), self.mapToScene(position), origin)
            self.hall_scene.clearSelection()
            item.setSelected(True)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        position = event.position().toPoint()
        if self.start is not None and self._rubber is not None:
            self.pointer = self.snapped(position)
            self._rubber.setLine(QLineF(scene_point(self.start), scene_point(self.pointer)))
            self.measured.emit(math.dist(self.start, self.pointer))
        if self._drag is not None:
            item, _panel, began, origin = self._drag
            item.setPos(origin + self.mapToScene(position) - began)
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None and event.button() == Qt.MouseButton.LeftButton:
            item, panel_id, began, origin = self._drag
            self._drag = None
            moved = self.mapToScene(event.position().toPoint()) - began
            if math.hypot(moved.x(), moved.y()) * self.transform().m11() < 3:
                item.setPos(origin)  # a click selects, it does not move
                return
            centre = item.mapToScene(item.boundingRect().center())
            self.panel_dropped.emit(panel_id, plan_point(centre), self.tolerance_mm())
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape and self.start is not None:
            self.cancel_drawing()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.hall_scene.selectedItems():
            self.delete_requested.emit()
        elif self.start is not None and event.text() and event.text() in "0123456789":
            self.length_typed.emit(event.text())
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _item_at(self, position: QPoint, kinds: tuple[str, ...]) -> QGraphicsItem | None:
        for item in self.items(position):
            while item is not None and item.data(KIND_ROLE) == "label":
                item = item.parentItem()
            if item is not None and item.data(KIND_ROLE) in kinds:
                return item
        return None

    def drawForeground(self, painter: QPainter, rect: object) -> None:
        """A scale bar at the bottom left: 1, 2, 5, 10, 20 or 50 m, the first 40 px long."""
        scale = self.transform().m11()
        if scale <= 0:
            return
        metres = next((m for m in (1, 2, 5, 10, 20) if m * 1000 * scale >= 40), 50)
        length = metres * 1000 * scale
        painter.save()
        painter.resetTransform()
        height = self.viewport().height()
        x, y = 16.0, height - 18.0
        painter.setPen(QPen(QColor(30, 30, 30), 2))
        painter.drawLine(QPointF(x, y), QPointF(x + length, y))
        for end in (x, x + length):
            painter.drawLine(QPointF(end, y - 5), QPointF(end, y + 5))
        painter.drawText(QPointF(x + length + 6, y + 4), _("%(count)s m") % {"count": metres})
        painter.restore()
