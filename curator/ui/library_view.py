"""The library's grid view: it asks for the thumbnails on screen and paints a contact sheet.

At every paint the view tells the model which rows are on screen (``want_rows``), so the
thumbnails decoded are those shown, newest screen first.

A contact sheet (the smallest thumbnails, no text) shows ~180 cells; painted the usual way,
Qt calls into Python for every cell (the delegate, its ``data()`` calls, ``flags()``), and
each call waits for the interpreter's lock whenever a worker holds it to decode a
thumbnail: hundreds of waits a scroll step. So the sheet is painted here in one call, cell
by cell, with what the delegate draws (the selection, the picture, its marks); everything
else (larger thumbnails with their text, a drag over the view) is Qt's own painting.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QModelIndex, QPoint, QRect
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QRubberBand,
    QStyle,
    QStyleOptionRubberBand,
    QWidget,
)

from curator.core.model import Photo
from curator.ui.library_delegate import draw_marks, fitted

#: The view's states in which the sheet is painted here (Qt paints drags and the rest).
_OWN_STATES = (
    QAbstractItemView.State.NoState,
    QAbstractItemView.State.DragSelectingState,
)


class _Item(Protocol):
    photo: Photo
    damaged: bool


class SheetModel(Protocol):
    """What the view asks of its model (``library.PhotoListModel``)."""

    def rowCount(self, parent: QModelIndex = ...) -> int: ...

    def index(self, row: int, column: int = ..., parent: QModelIndex = ...) -> QModelIndex: ...

    def cell(self, row: int) -> tuple[_Item, QPixmap]: ...

    def want_rows(self, first: int, last: int) -> None: ...


class LibraryView(QListView):
    """A grid of thumbnails that asks for the ones on screen and paints a sheet at once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: Whether the grid is a contact sheet (pictures only): painted by :meth:`_paint_sheet`.
        self.sheet = False
        #: The rubber band being dragged out, in content coordinates (Qt's own while Qt paints).
        self._band_origin: QPoint | None = None
        self._band = QRect()

    def _sheet_model(self) -> SheetModel | None:
        model = self.model()
        return model if hasattr(model, "want_rows") else None  # type: ignore[return-value]

    def visible_rows(self) -> tuple[int, int] | None:
        """The first and last rows on screen (rows follow each other line by line)."""
        model = self.model()
        count = model.rowCount() if model is not None else 0
        if count == 0:
            return None
        height = self.viewport().height()
        index, rect = model.index, self.visualRect
        low, high = 0, count  # the first row not wholly above the viewport
        while low < high:
            middle = (low + high) // 2
            found = rect(index(middle, 0))
            if found.isValid() and found.bottom() < 0:
                low = middle + 1
            else:
                high = middle
        first = low
        high = count  # the first row below the viewport (or not laid out yet)
        while low < high:
            middle = (low + high) // 2
            found = rect(index(middle, 0))
            if found.isValid() and found.top() < height:
                low = middle + 1
            else:
                high = middle
        return (first, low - 1) if low > first else None

    def paintEvent(self, event: QPaintEvent) -> None:
        model = self._sheet_model()
        rows = self.visible_rows() if model is not None else None
        if model is not None and rows is not None:
            model.want_rows(*rows)
        if model is None or rows is None or not self.sheet or self.state() not in _OWN_STATES:
            super().paintEvent(event)
            return
        self._paint_sheet(event, model, *rows)

    def _paint_sheet(self, event: QPaintEvent, model: SheetModel, first: int, last: int) -> None:
        """Each cell on screen as the delegate draws a sheet's cell, then the rubber band."""
        painter = QPainter(self.viewport())
        area = event.rect()
        selection = self.selectionModel()
        group = (
            QPalette.ColorGroup.Disabled
            if not self.isEnabled()
            else QPalette.ColorGroup.Active
            if self.isActiveWindow()
            else QPalette.ColorGroup.Inactive
        )
        highlight = self.palette().brush(group, QPalette.ColorRole.Highlight)
        index, rect_of = model.index, self.visualRect
        for row in range(first, last + 1):
            cell = index(row, 0)
            rect = rect_of(cell)
            if not rect.intersects(area):
                continue
            item, pixmap = model.cell(row)
            if selection is not None and selection.isSelected(cell):
                painter.fillRect(rect, highlight)
            square = rect.adjusted(3, 3, -3, -3)
            if square.isEmpty() or pixmap.isNull():
                continue
            picture = fitted(pixmap, square)
            painter.drawPixmap(picture, pixmap)
            draw_marks(painter, picture, item.photo, item.damaged)
        if self.state() == QAbstractItemView.State.DragSelectingState and self._band.isValid():
            band = QStyleOptionRubberBand()
            band.initFrom(self)
            band.shape = QRubberBand.Shape.Rectangle
            band.opaque = False
            offset = QPoint(self.horizontalOffset(), self.verticalOffset())
            band.rect = self._band.translated(-offset).intersected(
                self.viewport().rect().adjusted(-16, -16, 16, 16)
            )
            self.style().drawControl(QStyle.ControlElement.CE_RubberBand, band, painter, self)
        painter.end()

    # The rubber band, as QListView keeps it (its own is private).

    def mousePressEvent(self, event: QMouseEvent) -> None:
        offset = QPoint(self.horizontalOffset(), self.verticalOffset())
        self._band_origin = event.position().toPoint() + offset
        self._band = QRect()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if (
            self.state() == QAbstractItemView.State.DragSelectingState
            and self._band_origin is not None
            and self.isSelectionRectVisible()
        ):
            offset = QPoint(self.horizontalOffset(), self.verticalOffset())
            self._band = QRect(self._band_origin, event.position().toPoint() + offset).normalized()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self._band_origin = None
        self._band = QRect()
