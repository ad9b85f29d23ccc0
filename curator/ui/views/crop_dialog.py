"""The crop dialog: which part of a photo a slot prints.

Two ways, as ``curator.core`` stores them: a crop rectangle of the slot's own shape (moved by
dragging on the photo, sized with the slider), or a focus point (placed by clicking) that
makes the picture fill its frame, cut around that point. Fractions are of the upright photo.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QMouseEvent, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGraphicsEllipseItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from curator.core.model import Crop
from curator.i18n import _

_MIN_PERCENT = 10


class _PhotoView(QGraphicsView):
    """The photo; pressing or dragging on it moves the crop's centre or the focus point."""

    def __init__(self, scene: QGraphicsScene, dialog: CropDialog) -> None:
        super().__init__(scene)
        self._dialog = dialog
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setMinimumSize(480, 360)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._dialog.move_to(self.mapToScene(event.position().toPoint()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._dialog.move_to(self.mapToScene(event.position().toPoint()))

    def resizeEvent(self, event: object) -> None:
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)


class CropDialog(QDialog):
    """Choose a slot's crop rectangle (its shape kept) or focus point."""

    def __init__(
        self, pixmap: QPixmap, slot_aspect: float, crop: Crop, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._width = float(max(pixmap.width(), 1))
        self._height = float(max(pixmap.height(), 1))
        self._aspect = slot_aspect if slot_aspect > 0 else self._width / self._height
        self.scene = QGraphicsScene(self)
        self._picture = self.scene.addPixmap(pixmap)
        self.scene.setSceneRect(0, 0, self._width, self._height)
        self.view = _PhotoView(self.scene, self)
        self._shade = QGraphicsPathItem()
        self._shade.setBrush(QBrush(QColor(0, 0, 0, 150)))
        self._shade.setPen(QPen(Qt.PenStyle.NoPen))
        self.scene.addItem(self._shade)
        outline = QPen(QColor("#ffffff"), 0)
        outline.setCosmetic(True)
        outline.setWidthF(2.0)
        self.rect_item = QGraphicsRectItem()
        self.rect_item.setPen(outline)
        self.scene.addItem(self.rect_item)
        self.point_item = QGraphicsEllipseItem()
        self._size_point()
        self.point_item.setPen(outline)
        self.point_item.setBrush(QBrush(QColor(229, 57, 53, 180)))
        self.scene.addItem(self.point_item)
        self.rectangle_button = QRadioButton()
        self.point_button = QRadioButton()
        self.size_label = QLabel()
        self.size_slider = QSlider(Qt.Orientation.Horizontal)
        self.size_slider.setRange(_MIN_PERCENT, 100)
        self.whole_button = QPushButton()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self._build_layout()
        self._centre = QPointF(self._width / 2, self._height / 2)
        self._point = QPointF(self._width / 2, self._height / 2)
        self._load(crop)
        self.rectangle_button.toggled.connect(lambda _on: self._update())
        self.size_slider.valueChanged.connect(lambda _value: self._update())
        self.whole_button.clicked.connect(self.reset)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.retranslate_ui()
        self._update()

    def _build_layout(self) -> None:
        modes = QHBoxLayout()
        modes.addWidget(self.rectangle_button)
        modes.addWidget(self.point_button)
        modes.addStretch(1)
        size = QHBoxLayout()
        size.addWidget(self.size_label)
        size.addWidget(self.size_slider, 1)
        size.addWidget(self.whole_button)
        layout = QVBoxLayout(self)
        layout.addLayout(modes)
        layout.addWidget(self.view, 1)
        layout.addLayout(size)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.setWindowTitle(_("Crop"))
        self.rectangle_button.setText(_("Crop to a rectangle"))
        self.point_button.setText(_("Fill the frame around a point"))
        self.size_label.setText(_("Size"))
        self.whole_button.setText(_("Whole Photo"))
        self.hint.setText(
            _("Drag on the photo to move the rectangle; it keeps the slot's shape.")
            if self.rectangle_button.isChecked()
            else _("Click the part of the photo that must stay in view when it fills its frame.")
        )

    def _size_point(self) -> None:
        radius = max(self._width, self._height) / 40
        self.point_item.setRect(-radius, -radius, 2 * radius, 2 * radius)

    def set_picture(self, pixmap: QPixmap) -> None:
        """Show sharper pixels of the same photo (the crop stays where it was)."""
        if pixmap.isNull():
            return
        scale_x = pixmap.width() / self._width
        scale_y = pixmap.height() / self._height
        self._centre = QPointF(self._centre.x() * scale_x, self._centre.y() * scale_y)
        self._point = QPointF(self._point.x() * scale_x, self._point.y() * scale_y)
        self._width, self._height = float(pixmap.width()), float(pixmap.height())
        self._picture.setPixmap(pixmap)
        self.scene.setSceneRect(0, 0, self._width, self._height)
        self._size_point()
        self.view.fitInView(self.scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        self._update()

    def _load(self, crop: Crop) -> None:
        if crop.w == 0 and crop.h == 0:
            self.point_button.setChecked(True)
            self._point = QPointF(crop.x * self._width, crop.y * self._height)
            self.size_slider.setValue(100)
            return
        self.rectangle_button.setChecked(True)
        self._centre = QPointF(
            (crop.x + crop.w / 2) * self._width, (crop.y + crop.h / 2) * self._height
        )
        largest = self._largest()
        percent = round(100 * crop.w * self._width / max(largest.width(), 1e-9))
        self.size_slider.setValue(max(_MIN_PERCENT, min(100, percent)))

    def _largest(self) -> QRectF:
        """The largest rectangle of the slot's shape inside the photo."""
        if self._width / self._height > self._aspect:
            return QRectF(0, 0, self._height * self._aspect, self._height)
        return QRectF(0, 0, self._width, self._width / self._aspect)

    def crop_rect(self) -> QRectF:
        """The crop rectangle in the photo's pixels (as shown)."""
        largest = self._largest()
        scale = self.size_slider.value() / 100
        width, height = largest.width() * scale, largest.height() * scale
        x = min(max(self._centre.x() - width / 2, 0.0), self._width - width)
        y = min(max(self._centre.y() - height / 2, 0.0), self._height - height)
        return QRectF(x, y, width, height)

    def move_to(self, point: QPointF) -> None:
        """Put the rectangle's centre, or the focus point, at a point of the photo."""
        x = min(max(point.x(), 0.0), self._width)
        y = min(max(point.y(), 0.0), self._height)
        if self.rectangle_button.isChecked():
            self._centre = QPointF(x, y)
        else:
            self._point = QPointF(x, y)
        self._update()

    def reset(self) -> None:
        """The whole photo, as the layout first placed it."""
        self.rectangle_button.setChecked(True)
        self._centre = QPointF(self._width / 2, self._height / 2)
        self.size_slider.setValue(100)
        self._update()

    def crop(self) -> Crop:
        """The crop chosen, in fractions of the photo."""
        if self.point_button.isChecked():
            return Crop(self._point.x() / self._width, self._point.y() / self._height, 0.0, 0.0)
        rect = self.crop_rect()
        crop = Crop(
            rect.x() / self._width,
            rect.y() / self._height,
            rect.width() / self._width,
            rect.height() / self._height,
        )
        whole = abs(crop.w - 1) < 1e-3 and abs(crop.h - 1) < 1e-3
        return Crop() if whole else crop

    def _update(self) -> None:
        rectangle = self.rectangle_button.isChecked()
        self.size_slider.setEnabled(rectangle)
        self.rect_item.setVisible(rectangle)
        self.point_item.setVisible(not rectangle)
        shade = QPainterPath()
        shade.addRect(QRectF(0, 0, self._width, self._height))
        if rectangle:
            rect = self.crop_rect()
            self.rect_item.setRect(rect)
            hole = QPainterPath()
            hole.addRect(rect)
            shade = shade.subtracted(hole)
        else:
            self.point_item.setPos(self._point)
            shade = QPainterPath()
        self._shade.setPath(shade)
        self.retranslate_ui()
