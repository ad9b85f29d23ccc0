"""The layout canvas's view: zoom, and arranging panels and slots by drag and drop.

What lies under the pointer comes from the canvas (:class:`Spot`): a panel, and the slot
whose frame holds the point. Dragging a slot's picture carries ``SLOT_ID_MIME``; dragging a
panel anywhere outside its slots carries ``PANEL_ID_MIME``; the grey background pans. Photos
come from the library or the exhibition tree as ``PHOTO_IDS_MIME``. Drops only emit signals:
the controller writes them through ``service.operations.panels``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QMimeData, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
)

from curator.core.layout.catalogue_model import PageChoice
from curator.i18n import _
from curator.ui.views.exhibition_panel import PHOTO_IDS_MIME

SLOT_ID_MIME = "application/x-curator-slot-id"
PANEL_ID_MIME = "application/x-curator-panel-id"


@dataclass(frozen=True, slots=True)
class Spot:
    """What lies under a point of the scene."""

    panel_id: str
    slot_id: str | None
    #: The panel's rectangle in the scene, and the slot's frame (or the panel again).
    panel_rect: QRectF
    target_rect: QRectF
    #: Whether the point is in the left half of the panel (a panel dropped there goes before).
    left_half: bool


def _mime(kind: str, value: str) -> QMimeData:
    mime = QMimeData()
    mime.setData(kind, value.encode())
    return mime


def _text(mime: QMimeData, kind: str) -> str:
    return bytes(mime.data(kind).data()).decode()


class CanvasView(QGraphicsView):
    """Ctrl+wheel zooms, the background pans; slots and panels are dragged and dropped on."""

    #: Photo ids dropped on a panel (from the library or the tree): ``(photo_ids, panel_id)``.
    photos_dropped = Signal(list, str)
    #: Photo ids dropped beside the panels (or on a section without any): ``(photo_ids)``.
    photos_dropped_beside = Signal(list)
    #: A slot dropped: ``(slot_id, target panel_id, target slot_id or "")``.
    slot_dropped = Signal(str, str, str)
    #: A panel dropped beside another: ``(panel_id, target panel_id, after target)``.
    panel_dropped = Signal(str, str, bool)
    #: A slot clicked (``slot_id``), or double-clicked to edit its crop.
    slot_clicked = Signal(str)
    slot_double_clicked = Signal(str)
    #: A slot's context menu asked for: ``(slot_id, global position)``.
    slot_menu_requested = Signal(str, QPoint)
    #: The zoom changed: scene units (millimetres) per screen pixel, inverted.
    zoomed = Signal(float)

    def __init__(self, scene: QGraphicsScene) -> None:
        super().__init__(scene)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setBackgroundBrush(QColor("#e4e4e4"))
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        #: Set by the canvas: what lies under a scene point (None: the background).
        self.locate: Callable[[QPointF], Spot | None] = lambda _point: None
        #: Whether drops change anything (a read-only project: no).
        self.editable = False
        #: Whether a section is shown, so photos dropped outside its panels can join it.
        self.section_shown = False
        self._pressed: tuple[QPoint, Spot] | None = None
        self._highlight: QGraphicsRectItem | None = None

    # -- zoom -------------------------------------------------------------------------------

    def zoom(self, factor: float) -> None:
        """Zoom by ``factor`` about the view's centre."""
        self.scale(factor, factor)
        self.zoomed.emit(self.pixels_per_mm())

    def pixels_per_mm(self) -> float:
        """Screen pixels per millimetre of the panels at the current zoom."""
        return float(self.transform().m11())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
            event.accept()
            return
        super().wheelEvent(event)

    # -- starting a drag --------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        spot = self.locate(self.mapToScene(event.position().toPoint()))
        if event.button() == Qt.MouseButton.LeftButton and spot is not None:
            self._pressed = (event.position().toPoint(), spot)
            event.accept()
            return
        self._pressed = None
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pressed is None:
            super().mouseMoveEvent(event)
            return
        start, spot = self._pressed
        distance = (event.position().toPoint() - start).manhattanLength()
        if distance < QApplication.startDragDistance() or not self.editable:
            return
        self._pressed = None
        drag = QDrag(self)
        drag.setMimeData(self.mime_for(spot))
        drag.exec(Qt.DropAction.MoveAction)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pressed is not None:
            _start, spot = self._pressed
            self._pressed = None
            if spot.slot_id:
                self.slot_clicked.emit(spot.slot_id)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        spot = self.locate(self.mapToScene(event.pos()))
        if spot is not None and spot.slot_id:
            self._pressed = None
            self.slot_menu_requested.emit(spot.slot_id, event.globalPos())
            event.accept()
            return
        super().contextMenuEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        spot = self.locate(self.mapToScene(event.position().toPoint()))
        if spot is not None and spot.slot_id:
            self._pressed = None
            self.slot_double_clicked.emit(spot.slot_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    @staticmethod
    def mime_for(spot: Spot) -> QMimeData:
        """What dragging from this spot carries: its slot, or else its panel."""
        if spot.slot_id:
            return _mime(SLOT_ID_MIME, spot.slot_id)
        return _mime(PANEL_ID_MIME, spot.panel_id)

    # -- dropping ---------------------------------------------------------------------------

    def _target(self, mime: QMimeData, point: QPointF) -> Spot | None:
        if not self.editable:
            return None
        if not any(mime.hasFormat(k) for k in (PHOTO_IDS_MIME, SLOT_ID_MIME, PANEL_ID_MIME)):
            return None
        return self.locate(self.mapToScene(point.toPoint()))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._follow(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._follow(event)

    def _beside(self, mime: QMimeData, spot: Spot | None) -> bool:
        """Photos outside every panel, while a section is shown: they join the section."""
        return (
            spot is None and self.editable and self.section_shown and mime.hasFormat(PHOTO_IDS_MIME)
        )

    def _follow(self, event: QDragMoveEvent) -> None:
        spot = self._target(event.mimeData(), event.position())
        if self._beside(event.mimeData(), spot):
            self._show_highlight(self.mapToScene(self.viewport().rect()).boundingRect())
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            return
        if spot is None:
            self._show_highlight(None)
            event.ignore()
            return
        if event.mimeData().hasFormat(PANEL_ID_MIME):
            rect = spot.panel_rect
            edge = rect.left() if spot.left_half else rect.right()
            self._show_highlight(QRectF(edge - 8, rect.top(), 16, rect.height()))
        elif event.mimeData().hasFormat(SLOT_ID_MIME):
            self._show_highlight(spot.target_rect)
        else:
            self._show_highlight(spot.panel_rect)
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._show_highlight(None)
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        self._show_highlight(None)
        mime = event.mimeData()
        spot = self._target(mime, event.position())
        if self._beside(mime, spot):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self.photos_dropped_beside.emit(
                [pid for pid in _text(mime, PHOTO_IDS_MIME).split("\n") if pid]
            )
            return
        if spot is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        if mime.hasFormat(SLOT_ID_MIME):
            self.slot_dropped.emit(_text(mime, SLOT_ID_MIME), spot.panel_id, spot.slot_id or "")
        elif mime.hasFormat(PANEL_ID_MIME):
            self.panel_dropped.emit(_text(mime, PANEL_ID_MIME), spot.panel_id, not spot.left_half)
        else:
            photo_ids = [pid for pid in _text(mime, PHOTO_IDS_MIME).split("\n") if pid]
            self.photos_dropped.emit(photo_ids, spot.panel_id)

    def forget_highlight(self) -> None:
        """Take the drop highlight away (the canvas is drawn again)."""
        self._show_highlight(None)

    def _show_highlight(self, rect: QRectF | None) -> None:
        if self._highlight is not None and self._highlight.scene() is not None:
            self.scene().removeItem(self._highlight)
        self._highlight = None
        if rect is None:
            return
        pen = QPen(QColor("#1e88e5"), 0)
        pen.setWidthF(3.0)
        pen.setCosmetic(True)
        self._highlight = self.scene().addRect(rect, pen, QBrush(QColor(30, 136, 229, 40)))
        self._highlight.setZValue(10)


def page_choice_label(choice: PageChoice) -> str:
    """A page template's name in the interface language."""
    labels = {
        PageChoice.AUTO: _("Automatic"),
        PageChoice.SINGLE: _("Alone on a Page"),
        PageChoice.FULL_BLEED: _("Full Bleed"),
        PageChoice.SPREAD: _("Across a Spread"),
        PageChoice.TWO_UP: _("Two on a Page"),
        PageChoice.BESIDE: _("Captions Beside"),
    }
    return labels[choice]
