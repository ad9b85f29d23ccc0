"""The pixels the layout canvas draws: stored thumbnails, and sharper previews when zoomed in.

Thumbnails (256 px) come from the project file at once. When the canvas is zoomed in far
enough that a picture would be drawn wider than its thumbnail, the section's screen previews
(~1600 px, ``curator.ingest.previews``' cache, made from the original when missing) are
loaded on the task runner and replace the thumbnails as they arrive.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtGui import QImage, QPixmap

from curator.core.model import Photo
from curator.core.services import ProjectService
from curator.ui.tasks import TaskRunner
from curator.ui.views.photo_view import load_for_view

#: The stored thumbnails' long edge; a picture drawn wider than this wants its preview.
THUMBNAIL_PX = 256


def _keep_thumbnail(_error: Exception) -> None:
    """A preview that cannot be made: the thumbnail stays."""


class CanvasPictures:
    """Pixmaps per photo for the canvas: a thumbnail, or the preview once loaded."""

    def __init__(
        self,
        tasks: TaskRunner,
        service: Callable[[], ProjectService | None],
        preview_for: Callable[[Photo], Path | None],
        on_sharper: Callable[[str, QPixmap], None],
    ) -> None:
        self._tasks = tasks
        self._service = service
        self._preview_for = preview_for
        self._on_sharper = on_sharper
        self._thumbnails: dict[str, QPixmap] = {}
        self._previews: dict[str, QPixmap] = {}
        self._asked: set[str] = set()

    def clear(self) -> None:
        """Forget every pixmap (another project)."""
        self._thumbnails.clear()
        self._previews.clear()
        self._asked.clear()

    def picture(self, photo_id: str) -> QPixmap | None:
        """The sharpest pixmap loaded for a photo (None: none stored)."""
        if photo_id in self._previews:
            return self._previews[photo_id]
        if photo_id not in self._thumbnails:
            service = self._service()
            jpeg = service.queries.thumbnail_jpeg(photo_id) if service is not None else None
            pixmap = QPixmap()
            if jpeg is not None:
                pixmap.loadFromData(jpeg, "JPEG")
            self._thumbnails[photo_id] = pixmap
        return self._thumbnails[photo_id]

    @property
    def sharp(self) -> set[str]:
        """The photos whose preview is loaded."""
        return set(self._previews)

    def sharpen(self, photo_ids: list[str]) -> int:
        """Load the previews of these photos in the background; returns how many were asked."""
        service = self._service()
        if service is None:
            return 0
        asked = 0
        for photo_id in photo_ids:
            if photo_id in self._asked:
                continue
            self._asked.add(photo_id)
            photo = service.queries.photo(photo_id)
            self._tasks.submit(
                load_for_view,
                photo.path,
                self._preview_for(photo),
                on_result=partial(self._loaded, photo_id),
                on_error=_keep_thumbnail,
            )
            asked += 1
        return asked

    def _loaded(self, photo_id: str, image: QImage) -> None:
        if image.isNull() or photo_id not in self._asked:
            return
        pixmap = QPixmap.fromImage(image)
        self._previews[photo_id] = pixmap
        self._on_sharper(photo_id, pixmap)
