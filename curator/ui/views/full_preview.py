"""The photo over the whole screen (F), with the library's keys.

Arrow keys go through the library, the rating, flag and label keys work as in the library,
Escape or F comes back.

It is a second :class:`~curator.ui.views.photo_view.PhotoView` in a window of its own, following
the library's selection; decoding stays on the task runner as in the main view.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from curator.i18n import _
from curator.ui.tasks import TaskRunner
from curator.ui.views.photo_view import PhotoView


class FullScreenPreview(QWidget):
    """One photo, full screen, on black."""

    #: Left/Up: -1, Right/Down: +1 (the library moves its selection).
    step = Signal(int)
    #: Escape (or the F key's action again): back to the window.
    leave = Signal()

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("FullScreenPreview")
        self.view = PhotoView(tasks)
        self.view.setStyleSheet("background: black; color: #dddddd;")
        self.setStyleSheet("QWidget#FullScreenPreview { background: black; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.setWindowTitle(_("Preview"))
        self.view.retranslate_ui()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self.step.emit(-1)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Space):
            self.step.emit(1)
        elif key == Qt.Key.Key_Escape:
            self.leave.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()
