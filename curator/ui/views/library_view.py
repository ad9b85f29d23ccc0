"""The library's grid view: it asks for the thumbnails on screen and paints them at once.

At every paint the view tells the model which rows are on screen (``want_rows``), so the
thumbnails decoded are those shown, newest screen first.

A grid shows 50 (large thumbnails with their headlines) to ~180 cells (a contact sheet);
painted the usual way, Qt calls into Python for every cell (the delegate, its ``data()``
calls, ``flags()``), and each call waits for the interpreter's lock whenever a worker holds
it to decode a thumbnail — and under load, for as long as the worker waits for a core:
hundreds of waits a scroll step. So the grid is painted here in one call, cell by cell,
with what the delegate draws (the selection, the picture, its marks, the headline laid out
once); a drag over the view is Qt's own painting.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from PySide6.QtCore import QModelIndex, QPoint, QRect
from PySide6.QtGui import QImage, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QRubberBand,
    QStyle,
    QStyleOptionRubberBand,
    QWidget,
)

from curator.core.model import Photo
from curator.ui.views.library_delegate import (
    HeadlineLines,
    cell_square,
    cell_text_rect,
    draw_marks,
    fitted,
    text_lines,
)

#: The view's states in which the sheet is painted here (Qt paints drags and the rest).
_OWN_STATES = (
    QAbstractItemView.State.NoState,
    QAbstractItemView.State.DragSelectingState,
)


class _Item(Protocol):
    photo: Photo
    damaged: bool
    headline: str


class SheetModel(Protocol):
    """What the view asks of its model (``library.PhotoListModel``)."""

    def rowCount(self, parent: QModelIndex = ...) -> int: ...

    def index(self, row: int, column: int = ..., parent: QModelIndex = ...) -> QModelIndex: ...

    def cell(self, row: int) -> tuple[_Item, QImage]: ...

    def want_rows(self, first: int, last: int) -> None: ...


class LibraryView(QListView):
    """A grid of thumbnails that asks for the ones on screen and paints a sheet at once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: Whether the grid is painted here at once (:meth:`_paint_sheet`), or by Qt a cell
        #: at a time through the delegate (the same pixels).
        self.sheet = True
        #: The headlines' layouts (the delegate's, when it is set: one cache for both).
        self.headlines = HeadlineLines()
        # The scroll bars' holders paint their own background: otherwise each move of a
        # scroll bar repaints everything behind it, the dock's title bar and its icons
        # included, at every scroll step (the bars cover the holders; nothing looks different).
        for bar in (self.verticalScrollBar(), self.horizontalScrollBar()):
            holder = bar.parentWidget()
            if holder is not None and holder is not self:
                holder.setAutoFillBackground(True)
        #: The rubber band being dragged out, in content coordinates (Qt's own while Qt paints).
        self._band_origin: QPoint | None = None
        self._band = QRect()
        #: Where a picture of a size sits in its cell's square, by sizes (a few kept).
        self._places: dict[
            tuple[int, int, float, int, int, int], tuple[int, int, int, int, bool]
        ] = {}
        self._columns_key: tuple[int, int, int, int] | None = None
        self._columns_count = 0

    def _sheet_model(self) -> SheetModel | None:
        model = self.model()
        return model if hasattr(model, "want_rows") else None  # type: ignore[return-value]

    def visible_rows(self) -> tuple[int, int] | None:
        """The first and last rows on screen (rows follow each other line by line).

        Worked out from the grid's geometry (the first row's place, the cell's size, the
        cells a line holds) and checked with two of Qt's places; searched for among Qt's
        places when they disagree (a layout not finished, say).
        """
        model = self.model()
        count = model.rowCount() if model is not None else 0
        if count == 0:
            return None
        height = self.viewport().height()
        index, rect = model.index, self.visualRect
        reckoned = self._reckoned_rows(count, height)
        if reckoned is not None:
            return reckoned
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

    def _reckoned_rows(self, count: int, height: int) -> tuple[int, int] | None:
        """The rows on screen from the grid's geometry, if Qt's places agree with it."""
        columns, step = self._columns_count, self.gridSize()
        model = self.model()
        if columns <= 0 or not step.isValid() or self._columns_key is None or model is None:
            return None
        if self._columns_key != (self.viewport().width(), step.width(), step.height(), count):
            return None
        index, rect = model.index, self.visualRect
        origin = rect(index(0, 0))
        if not origin.isValid():
            return None
        across, down = step.width(), step.height()
        # The first line whose cells reach below the top edge (a ceiling division), the
        # last whose cells start above the bottom edge.
        first_line = max(0, -((origin.top() + origin.height() - 1) // down))
        first = first_line * columns
        if first >= count:
            return None
        last_line = (height - 1 - origin.top()) // down
        last = min(count - 1, (last_line + 1) * columns - 1)
        if last < first:
            return None
        start, end = rect(index(first, 0)), rect(index(last, 0))
        expected_x = origin.x() + (last - first) % columns * across
        if (
            start.y() != origin.top() + first_line * down
            or start.x() != origin.x()
            or end.y() != origin.top() + (last // columns) * down
            or end.x() != expected_x
        ):
            return None
        return first, last

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
        selection = self.selectionModel()
        group = (
            QPalette.ColorGroup.Disabled
            if not self.isEnabled()
            else QPalette.ColorGroup.Active
            if self.isActiveWindow()
            else QPalette.ColorGroup.Inactive
        )
        highlight = self.palette().brush(group, QPalette.ColorRole.Highlight)
        clip = event.rect()
        left, top, right, bottom = clip.left(), clip.top(), clip.right(), clip.bottom()
        # The selected rows on screen, from the selection's spans (asking of each cell
        # calls the model's flags() once a cell).
        chosen: set[int] = set()
        spans = selection.selection() if selection is not None else None
        for index in range(spans.count() if spans is not None else 0):
            span = spans.at(index)
            chosen.update(range(max(span.top(), first), min(span.bottom(), last) + 1))
        width, height, cells = self._cells(model, first, last)
        size = self.iconSize().width()
        lines = text_lines(size)
        headlines = getattr(self.itemDelegate(), "headlines", self.headlines)
        text = cell_text_rect(width, height, size, lines, self.fontMetrics().lineSpacing())
        colours = (
            self.palette().brush(group, QPalette.ColorRole.Text),
            self.palette().brush(group, QPalette.ColorRole.HighlightedText),
        )
        painter.setFont(self.font())
        cell = model.cell
        for row, x, y in cells:
            if x > right or y > bottom or x + width <= left or y + height <= top:
                continue
            item, image = cell(row)
            if row in chosen:
                painter.fillRect(x, y, width, height, highlight)
            if lines:
                shown = item.headline or item.photo.path.name
                colour = colours[row in chosen]
                headlines.draw(painter, text.translated(x, y), shown, lines, colour)
            if image.isNull():
                continue
            dx, dy, shown_width, shown_height, exact = self._place(image, width, height, size)
            if shown_width <= 0 or shown_height <= 0:
                continue
            if exact:
                painter.drawImage(x + dx, y + dy, image)
            else:
                painter.drawImage(QRect(x + dx, y + dy, shown_width, shown_height), image)
            photo = item.photo
            if photo.rating or photo.flag is not None or photo.label or item.damaged:
                picture = QRect(x + dx, y + dy, shown_width, shown_height)
                draw_marks(painter, picture, photo, item.damaged)
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

    def _place(
        self, image: QImage, width: int, height: int, size: int
    ) -> tuple[int, int, int, int, bool]:
        """Where a picture sits in a cell, and whether it is drawn at its own size.

        Centred in the cell's square (``cell_square``), shrunk to fit, never enlarged: the
        delegate's place for the picture.
        """
        key = (image.width(), image.height(), image.devicePixelRatio(), width, height, size)
        place = self._places.get(key)
        if place is None:
            if len(self._places) > 64:
                self._places.clear()  # sizes seen come back; a few are kept
            square = cell_square(width, height, size, text_lines(size))
            picture = fitted(image, square)
            shown = image.size() / image.devicePixelRatio()
            exact = (picture.width(), picture.height()) == (shown.width(), shown.height())
            place = (picture.x(), picture.y(), picture.width(), picture.height(), exact)
            self._places[key] = place
        return place

    def _cells(
        self, model: SheetModel, first: int, last: int
    ) -> tuple[int, int, Iterator[tuple[int, int, int]]]:
        """The cells' size and each row's cell on screen (its top left corner).

        Every cell has the grid's size and the rows run in lines, so the places follow from
        the first cell's; when the last one is not where Qt puts it (a layout not finished,
        say), each place is asked of Qt instead.
        """
        index, rect_of = model.index, self.visualRect
        start = rect_of(index(first, 0))
        step = self.gridSize()
        columns = self._columns(model, first, start)
        end = rect_of(index(last, 0))
        offset = last - first
        x, y, across, down = start.x(), start.y(), step.width(), step.height()
        if (
            columns > 0
            and step.isValid()
            and (end.x(), end.y())
            == (x + (offset % columns) * across, y + (offset // columns) * down)
        ):
            places = (
                (row, x + (row - first) % columns * across, y + (row - first) // columns * down)
                for row in range(first, last + 1)
            )
            return start.width(), start.height(), places

        def asked() -> Iterator[tuple[int, int, int]]:
            for row in range(first, last + 1):
                rect = rect_of(index(row, 0))
                yield row, rect.x(), rect.y()

        return start.width(), start.height(), asked()

    def _columns(self, model: SheetModel, first: int, start: QRect) -> int:
        """How many cells a line holds (asked of Qt once per width, grid and count)."""
        grid = self.gridSize()
        key = (self.viewport().width(), grid.width(), grid.height(), model.rowCount())
        if self._columns_key != key:
            index, rect_of = model.index, self.visualRect
            count = model.rowCount()
            columns = 1
            while first + columns < count and rect_of(index(first + columns, 0)).y() == start.y():
                columns += 1
            # The first visible line may be the last, which can be short: only a full
            # line tells the width (otherwise the places are asked of Qt this time).
            if first + columns >= count:
                return 0
            self._columns_key, self._columns_count = key, columns
        return self._columns_count

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
