"""Drawing a library thumbnail with its shortlisting marks.

Stars along the bottom of the picture, a pick (green tick) or reject (red cross) badge in
its top right corner, the colour label as a dot in its top left; a rejected photo is drawn
faded, as in other photo tools, so the eye skips it. A photo whose file was imported
damaged (truncated) has an amber warning badge in its bottom right corner; its tooltip says
what is wrong.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QImage,
    QPainter,
    QPalette,
    QPen,
    QPolygonF,
    QStaticText,
    QTextLayout,
)
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


def cell_square(width: int, height: int, size: int, lines: int) -> QRect:
    """Where a cell's picture square sits, from the cell's top left corner.

    A contact sheet's picture fills the cell inside a 3 px margin; above text, the square
    of ``size`` is centred along the top.
    """
    if lines == 0:
        return QRect(3, 3, width - 6, height - 6)
    side = max(0, min(size, width - 6, height - 6))
    return QRect((width - side) // 2, 3, side, side)


def cell_text_rect(width: int, height: int, size: int, lines: int, spacing: int) -> QRect:
    """Where a cell's headline lines go, from the cell's top left corner (under the square)."""
    top = cell_square(width, height, size, lines).bottom() + 3
    return QRect(2, top, max(0, width - 4), max(0, min(lines * spacing, height - top)))


#: Laid-out headlines kept (a few screens of them; they are laid out again when dropped).
_LINES_KEPT = 4096


class HeadlineLines:
    """Headlines under thumbnails: wrapped, elided and laid out once per text and width.

    Laying a text out (shaping, wrapping, eliding) at every paint of every cell was most
    of a text grid's paint; a ``QStaticText`` keeps its layout, so a cell drawn again only
    draws glyphs.
    """

    def __init__(self) -> None:
        self._laid: dict[tuple[str, int, int, str], list[tuple[QStaticText, int]]] = {}

    def lines(self, text: str, width: int, count: int, font: QFont) -> list[str]:
        """``text`` in at most ``count`` lines of ``width`` pixels, the last elided (…)."""
        metrics = QFontMetrics(font)
        elide = Qt.TextElideMode.ElideRight
        if count <= 1 or metrics.horizontalAdvance(text) <= width:
            return [metrics.elidedText(text, elide, width)] if count >= 1 else []
        layout = QTextLayout(text, font)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(width)
        end = line.textStart() + line.textLength()  # in UTF-16 units, as Qt counts
        layout.endLayout()
        units = text.encode("utf-16-le")
        first = units[: end * 2].decode("utf-16-le", "replace").rstrip()
        rest = units[end * 2 :].decode("utf-16-le", "replace").lstrip()
        shown = [metrics.elidedText(first, elide, width)]
        if rest:
            shown += self.lines(rest, width, count - 1, font)
        return shown

    def draw(
        self, painter: QPainter, rect: QRect, text: str, count: int, colour: QBrush | QColor
    ) -> None:
        """Draw ``text`` in ``rect``, each line centred, in ``count`` lines at most."""
        if not text or count <= 0 or rect.width() <= 0:
            return
        font = painter.font()
        key = (text, rect.width(), count, font.key())
        laid = self._laid.get(key)
        if laid is None:
            if len(self._laid) >= _LINES_KEPT:
                self._laid.clear()
            laid = []
            for shown in self.lines(text, rect.width(), count, font):
                static = QStaticText(shown)
                static.setTextFormat(Qt.TextFormat.PlainText)
                static.prepare(painter.transform(), font)
                laid.append((static, round(static.size().width())))
            self._laid[key] = laid
        spacing = QFontMetrics(font).lineSpacing()
        painter.setPen(QPen(colour if isinstance(colour, QColor) else colour.color()))
        y = rect.top()
        for static, width in laid:
            if y + spacing > rect.bottom() + 1:
                break
            painter.drawStaticText(QPoint(rect.left() + (rect.width() - width) // 2, y), static)
            y += spacing


class ThumbnailDelegate(QStyledItemDelegate):
    """The default item, then the photo's stars, flag and colour label over its picture.

    Every cell has the same size (a ``size`` square for the picture, two lines of text
    under it) whatever the thumbnail's pixels, so the grid never re-flows as thumbnails
    arrive and the marks land on the picture.
    """

    def __init__(self, size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._size = size
        #: The headlines' layouts (shared with the view, which paints the grid at once).
        self.headlines = HeadlineLines()

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
        # A grid paints ~50–180 cells a scroll step: each is drawn here directly (the
        # selection, the picture, its marks, the headline laid out once), without the
        # style's item machinery, as the view draws its grid at once (``library_view``).
        photo = index.data(_PHOTO_ROLE)
        if not isinstance(photo, Photo):
            return
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, option.palette.highlight())
        lines = text_lines(self._size)
        if lines:
            spacing = option.fontMetrics.lineSpacing()
            place = cell_text_rect(rect.width(), rect.height(), self._size, lines, spacing)
            role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            painter.save()
            painter.setFont(option.font)
            self.headlines.draw(
                painter,
                place.translated(rect.topLeft()),
                str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
                lines,
                option.palette.brush(role),
            )
            painter.restore()
        image = index.data(Qt.ItemDataRole.DecorationRole)
        square = cell_square(rect.width(), rect.height(), self._size, lines)
        if square.isEmpty() or not isinstance(image, QImage) or image.isNull():
            return
        picture = fitted(image, square.translated(rect.topLeft()))
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
