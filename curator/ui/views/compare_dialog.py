"""Two photos side by side, to choose between near-identical frames.

Each side is a full photo view (with its loupe). Clicking a side makes it the active one;
the rating and flag keys (0-5, P, X, U) act on the active side, Tab moves to the other.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from curator.core.model import Photo
from curator.i18n import _
from curator.ui.tasks import TaskRunner
from curator.ui.views.photo_view import PhotoView

_ACTIVE = "QFrame#CompareSide { border: 3px solid palette(highlight); }"
_INACTIVE = "QFrame#CompareSide { border: 3px solid transparent; }"


class CompareDialog(QDialog):
    """A window with two photo views; it stays open while the library is used."""

    def __init__(
        self,
        tasks: TaskRunner,
        preview_for: Callable[[Photo], Path | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CompareDialog")
        self.views = (PhotoView(tasks), PhotoView(tasks))
        self._frames: list[QFrame] = []
        row = QHBoxLayout()
        for view in self.views:
            view.preview_for = preview_for
            view.facts_label.setWordWrap(True)  # long facts must not widen one side
            frame = QFrame()
            frame.setObjectName("CompareSide")
            inner = QVBoxLayout(frame)
            inner.setContentsMargins(2, 2, 2, 2)
            inner.addWidget(view)
            row.addWidget(frame, 1)
            self._frames.append(frame)
            view.installEventFilter(self)
            view.image_label.installEventFilter(self)
        self.hint_label = QLabel()
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(self.hint_label)
        self._active = 0
        switch = QAction(self)
        switch.setShortcut(QKeySequence(Qt.Key.Key_Tab))
        switch.triggered.connect(lambda: self.set_active(1 - self._active))
        self.addAction(switch)
        self.resize(1200, 700)
        self.set_active(0)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.setWindowTitle(_("Compare"))
        self.hint_label.setText(
            _(
                "Click a photo (or press Tab) to choose it; 0–5 rate it, P picks, X rejects, "
                "U removes the flag. Hold the mouse button to see 100 %."
            )
        )
        for view in self.views:
            view.retranslate_ui()

    def add_key(self, key: str, slot: Callable[[], None]) -> None:
        """Make ``key`` call ``slot`` while this window is active."""
        action = QAction(self)
        action.setShortcut(QKeySequence(key))
        action.triggered.connect(slot)
        self.addAction(action)

    def show_photos(self, left: Photo, right: Photo) -> None:
        """Compare these two photos (the left one active)."""
        self.views[0].show_photo(left)
        self.views[1].show_photo(right)
        self.set_active(0)

    def update_photo(self, photo: Photo) -> None:
        """Show a photo's new rating or flag on whichever side shows it."""
        for view in self.views:
            view.update_photo(photo)

    def set_active(self, side: int) -> None:
        """Make the left (0) or right (1) photo the one the keys act on."""
        self._active = side
        for index, frame in enumerate(self._frames):
            frame.setStyleSheet(_ACTIVE if index == side else _INACTIVE)

    def active_photo_id(self) -> str | None:
        """The id of the photo the keys act on."""
        photo = self.views[self._active].photo
        return None if photo is None else photo.id

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress:
            for index, view in enumerate(self.views):
                if watched in (view, view.image_label):
                    self.set_active(index)
        return super().eventFilter(watched, event)
