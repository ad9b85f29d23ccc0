"""The loupe: hold the mouse button on the photo to see it at 100 % around the pointer.

The photo view shows a reduced preview; sharpness can only be judged on the original's own
pixels. The first press on a photo starts decoding the original on the task runner (a 24 MP
JPEG takes a few hundred milliseconds); until it arrives the loupe magnifies the preview and
says so. Only the current photo's original is kept in memory.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QImage, QMouseEvent, QPixmap
from PySide6.QtWidgets import QFrame, QLabel

from curator.i18n import _
from curator.ui.image_files import image_reader
from curator.ui.tasks import TaskRunner

LOUPE_SIZE = 320


def load_original(path: Path) -> QImage:
    """The original at full size, upright (on a worker thread)."""
    with image_reader(path) as reader:
        reader.setAutoTransform(True)
        reader.setAllocationLimit(1024)  # MB: a 16-bit 100 MP TIFF still fits
        image = reader.read()
        if image.isNull():
            raise OSError(reader.errorString())
    return image


def fitted_rect(image: QSize, area: QSize) -> QRect:
    """Where an image of size ``image`` lands when fitted and centred in ``area``."""
    scaled = image.scaled(area, Qt.AspectRatioMode.KeepAspectRatio)
    left = (area.width() - scaled.width()) // 2
    top = (area.height() - scaled.height()) // 2
    return QRect(QPoint(left, top), scaled)


class Loupe(QObject):
    """A 100 % magnifier over ``surface``, which shows a photo fitted and centred.

    ``current`` tells which photo is shown (its id, original path and the shown pixmap);
    ``None`` when there is none.
    """

    def __init__(
        self,
        surface: QLabel,
        tasks: TaskRunner,
        current: Callable[[], tuple[str, Path, QPixmap] | None],
    ) -> None:
        super().__init__(surface)
        self._surface = surface
        self._tasks = tasks
        self._current = current
        self._original: tuple[str, QImage] | None = None
        self._loading: str | None = None
        self._pointer = QPoint()
        self.lens = QLabel(surface)
        self.lens.setFrameShape(QFrame.Shape.Box)
        self.lens.setLineWidth(2)
        self.lens.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lens.setStyleSheet(
            "QLabel { background: #202020; color: white; border: 2px solid white; }"
        )
        self.lens.setFixedSize(LOUPE_SIZE, LOUPE_SIZE)
        self.lens.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.lens.hide()
        surface.installEventFilter(self)
        surface.setCursor(Qt.CursorShape.CrossCursor)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self._surface.setToolTip(_("Hold the mouse button on the photo to see it at 100 %"))

    @property
    def at_full_size(self) -> bool:
        """Whether the lens shows the original's own pixels (not a magnified preview)."""
        return self.lens.isVisible() and self._original_for_current() is not None

    def forget(self) -> None:
        """Drop the kept original (another photo is shown)."""
        self._original = None
        self.lens.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self._surface or not isinstance(event, QMouseEvent):
            return False
        if (
            event.button() == Qt.MouseButton.LeftButton
            and event.type() == QEvent.Type.MouseButtonPress
        ):
            self._pointer = event.position().toPoint()
            self._open()
            return True
        if event.type() == QEvent.Type.MouseMove and self.lens.isVisible():
            self._pointer = event.position().toPoint()
            self._draw()
            return True
        if event.type() == QEvent.Type.MouseButtonRelease and self.lens.isVisible():
            self.lens.hide()
            return True
        return False

    def _open(self) -> None:
        current = self._current()
        if current is None:
            return
        photo_id, path, _pixmap = current
        if self._original_for_current() is None and self._loading != photo_id:
            self._loading = photo_id
            self._tasks.submit(
                load_original,
                path,
                on_result=partial(self._on_original_loaded, photo_id),
                on_error=partial(self._on_original_failed, photo_id),
            )
        self.lens.show()
        self.lens.raise_()
        self._draw()

    def _original_for_current(self) -> QImage | None:
        current = self._current()
        if current is None or self._original is None or self._original[0] != current[0]:
            return None
        return self._original[1]

    def _on_original_loaded(self, photo_id: str, image: QImage) -> None:
        if self._loading == photo_id:
            self._loading = None
        current = self._current()
        if current is None or current[0] != photo_id:
            return
        self._original = (photo_id, image)
        if self.lens.isVisible():
            self._draw()

    def _on_original_failed(self, photo_id: str, _error: Exception) -> None:
        if self._loading == photo_id:
            self._loading = None

    def _draw(self) -> None:
        current = self._current()
        if current is None:
            self.lens.hide()
            return
        _photo_id, _path, pixmap = current
        shown = fitted_rect(pixmap.size(), self._surface.size())
        if shown.isEmpty():
            return
        fx = min(max((self._pointer.x() - shown.left()) / shown.width(), 0.0), 1.0)
        fy = min(max((self._pointer.y() - shown.top()) / shown.height(), 0.0), 1.0)
        original = self._original_for_current()
        source: QImage | QPixmap = original if original is not None else pixmap
        # Without the original yet, the preview is shown at 2x: plainly magnified, not sharp.
        scale = 1 if original is not None else 2
        side = LOUPE_SIZE // scale
        cx, cy = int(fx * source.width()), int(fy * source.height())
        region = QRect(cx - side // 2, cy - side // 2, side, side)
        part = source.copy(region)
        piece = QPixmap.fromImage(part) if isinstance(part, QImage) else part
        if scale != 1:
            piece = piece.scaled(LOUPE_SIZE, LOUPE_SIZE)
        self.lens.setPixmap(piece)
        self.lens.setToolTip("" if original is not None else _("Loading the original…"))
        self._place()

    def _place(self) -> None:
        area = self._surface.rect()
        left = min(max(self._pointer.x() - LOUPE_SIZE // 2, 0), max(area.width() - LOUPE_SIZE, 0))
        top = min(max(self._pointer.y() - LOUPE_SIZE // 2, 0), max(area.height() - LOUPE_SIZE, 0))
        self.lens.move(left, top)
