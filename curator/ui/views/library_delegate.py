"""Drawing a library thumbnail with its shortlisting marks.

Stars along the bottom of the picture, a pick (green tick) or reject (red cross) badge in
its top right corner, the colour label as a dot in its top left; a rejected photo is drawn
faded, as in other photo tools, so the eye skips it. A photo whose file was imported
damaged (truncated) has an amber warning badge in its bottom right corner; its tooltip says
what is wrong.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QImage, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from curator.core.model import Photo, PhotoFlag

_PHOTO_ROLE = Qt.ItemDataRole.UserRole + 2  # library.PHOTO_ROLE (library imports this module)
_DAMAGED_ROLE = Qt.ItemDataRole.UserRole + 3  # library.DAMAGED_ROLE

#: Colour labels as Lightroom, Bridge and Photo Mechanic write them (xmp:Label).
LABEL_COLOURS: dict[str, str] = {
    "red": "#d93025",
    "yellow": "#f2c200",
    "green": "#2e9e44",
    "blue": "#2f6fde",
    "purple": "#8e44ad",
}

_PICK = QColor("#2e9e44")
_REJECT = QColor("#c62828")
#: The damaged-file badge (amber, as a warning).
DAMAGED_BADGE = QColor("#f29900")


def text_lines(size: int) -> int:
    """Lines of headline under a thumbnail of ``size``: none on a contact sheet, 1, or 2."""
    if size < 96:
        return 0
    return 1 if size < 128 else 2


def _decoration_rect(option: QStyleOptionViewItem, widget: QWidget | None) -> QRect:
    style = widget.style() if widget is not None else None
    if style is None:
        return QRect(option.rect)
    return style.subElementRect(QStyle.SubElement.SE_ItemViewItemDecoration, option, widget)


class ThumbnailDelegate(QStyledItemDelegate):
    """The default item, then the photo's stars, flag and colour label over its picture.

    Every cell has the same size (a ``size`` square for the picture, two lines of text
    under it) whatever the thumbnail's pixels, so the grid never re-flows as thumbnails
    arrive and the marks land on the picture.
    """

    def __init__(self, size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._size = size
        self._squares: dict[tuple[int, int, int], QRect] = {}

    def _square(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QRect:
        """Where the style puts the picture's square in this cell.

        Every cell has the same size, so the square's place within a cell is asked of the
        style once per cell size, not at every paint of every cell (a dense grid paints
        ~150 cells a scroll step).
        """
        key = (option.rect.width(), option.rect.height(), self._size)
        offset = self._squares.get(key)
        if offset is None:
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            view = self.parent()
            found = _decoration_rect(opt, view if isinstance(view, QWidget) else None)
            offset = found.translated(-option.rect.topLeft())
            self._squares[key] = offset
        return offset.translated(option.rect.topLeft())

    @property
    def size(self) -> int:
        """The picture's square, in pixels."""
        return self._size

    @size.setter
    def size(self, size: int) -> None:
        self._size = size
        self.sizeHintChanged.emit(QModelIndex())

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        # A square for every picture: upright and landscape photos line up, text under them.
        option.decorationSize = QSize(self._size, self._size)
        # The picture is a QImage drawn by :meth:`paint` into the square the style keeps for
        # it: the style would turn it into a QPixmap for every cell at every paint.
        option.icon = QIcon()
        if text_lines(self._size) == 0:
            # A contact sheet: pictures only (the headline is in the tooltip and the editor).
            option.text = ""
            option.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDisplay

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        lines = option.fontMetrics.lineSpacing() * text_lines(self._size)
        return QSize(self._size + 16, self._size + lines + 8)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        sheet = text_lines(self._size) == 0
        if not sheet:
            super().paint(painter, option, index)
        photo = index.data(_PHOTO_ROLE)
        if not isinstance(photo, Photo):
            return
        image = index.data(Qt.ItemDataRole.DecorationRole)
        if sheet:
            # A contact sheet paints ~180 cells a scroll step: its cells are drawn here
            # directly (selection, picture), without the style's item machinery.
            square = QRect(option.rect)
            square.adjust(3, 3, -3, -3)
            if option.state & QStyle.StateFlag.State_Selected:
                painter.fillRect(option.rect, option.palette.highlight())
        else:
            square = self._square(option, index)
        if square.isEmpty() or not isinstance(image, QImage) or image.isNull():
            return
        picture = fitted(image, square)
        painter.drawImage(picture, image)
        draw_marks(painter, picture, photo, bool(index.data(_DAMAGED_ROLE)))


def draw_marks(painter: QPainter, picture: QRect, photo: Photo, damaged: bool) -> None:
    """The photo's marks over its picture: faded when rejected, stars, flag, label, damage."""
    colour = LABEL_COLOURS.get(photo.label.strip().lower()) if photo.label else None
    if not (photo.rating or photo.flag is not None or colour is not None or damaged):
        return  # nothing over the picture (most photos of a large library)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if photo.flag == PhotoFlag.REJECT:
        painter.fillRect(picture, QColor(255, 255, 255, 150))
    if photo.rating:
        _draw_stars(painter, picture, photo.rating)
    if photo.flag is not None:
        _draw_flag(painter, picture, photo.flag)
    if colour is not None:
        painter.setPen(QPen(QColor("white"), 1.5))
        painter.setBrush(QColor(colour))
        painter.drawEllipse(QPointF(picture.left() + 10, picture.top() + 10), 6, 6)
    if damaged:
        _draw_damaged(painter, picture)
    painter.restore()


def fitted(image: QImage, square: QRect) -> QRect:
    """Where a picture is drawn in its square: centred, shrunk to fit, never enlarged."""
    shown = image.size() / image.devicePixelRatio()
    if shown.width() > square.width() or shown.height() > square.height():
        shown = shown.scaled(square.size(), Qt.AspectRatioMode.KeepAspectRatio)
    return QStyle.alignedRect(
        Qt.LayoutDirection.LeftToRight, Qt.AlignmentFlag.AlignCenter, shown, square
    )


def _draw_damaged(painter: QPainter, picture: QRect) -> None:
    """An amber triangle with an exclamation mark in the bottom right corner."""
    right, bottom = picture.right() - 4.0, picture.bottom() - 4.0
    triangle = QPolygonF(
        [QPointF(right - 18, bottom), QPointF(right, bottom), QPointF(right - 9, bottom - 16)]
    )
    painter.setPen(QPen(QColor("white"), 1.5))
    painter.setBrush(DAMAGED_BADGE)
    painter.drawPolygon(triangle)
    pen = QPen(QColor("white"), 2.0)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.drawLine(QPointF(right - 9, bottom - 11), QPointF(right - 9, bottom - 6))
    painter.drawPoint(QPointF(right - 9, bottom - 3))


def _draw_stars(painter: QPainter, picture: QRect, rating: int) -> None:
    font = QFont(painter.font())
    font.setPixelSize(14)
    painter.setFont(font)
    text = "★" * rating
    width = painter.fontMetrics().horizontalAdvance(text) + 8
    band = QRectF(picture.left() + 3, picture.bottom() - 20, width, 18)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(0, 0, 0, 150))
    painter.drawRoundedRect(band, 4, 4)
    painter.setPen(QColor("#ffd54f"))
    painter.drawText(band, Qt.AlignmentFlag.AlignCenter, text)


def _draw_flag(painter: QPainter, picture: QRect, flag: PhotoFlag) -> None:
    centre = QPointF(picture.right() - 11, picture.top() + 11)
    painter.setPen(QPen(QColor("white"), 1.5))
    painter.setBrush(_PICK if flag == PhotoFlag.PICK else _REJECT)
    painter.drawEllipse(centre, 9, 9)
    pen = QPen(QColor("white"), 2.2)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    x, y = centre.x(), centre.y()
    if flag == PhotoFlag.PICK:
        painter.drawLine(QPointF(x - 4, y), QPointF(x - 1, y + 3))
        painter.drawLine(QPointF(x - 1, y + 3), QPointF(x + 4, y - 3))
    else:
        painter.drawLine(QPointF(x - 3.5, y - 3.5), QPointF(x + 3.5, y + 3.5))
        painter.drawLine(QPointF(x - 3.5, y + 3.5), QPointF(x + 3.5, y - 3.5))
