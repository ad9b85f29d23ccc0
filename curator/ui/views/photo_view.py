"""The central photo view: the selected photo, upright and fitted, with its facts.

Decoding a full-size photo takes longer than a frame, so it happens on the task runner.
Holding the mouse button on the photo shows it at 100 % in a loupe (``ui/views/loupe.py``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path

from babel.dates import format_datetime
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from curator.core.errors import CuratorError
from curator.core.language.library_messages import reason as library_reason
from curator.core.model import Photo, PhotoFlag
from curator.core.storage.atomic_write import atomic_output
from curator.core.storage.protected_files import ProtectedFiles
from curator.i18n import PSEUDO_LANGUAGE, _, current_language
from curator.ui.image_files import image_reader
from curator.ui.tasks import TaskRunner
from curator.ui.views.loupe import Loupe
from curator.ui.views.thumbnail_loader import load_thumbnail

PREVIEW_SIZE = 1600


def format_moment(moment: datetime) -> str:
    """A capture time as the interface language writes it (its clock time as the photo says)."""
    language = current_language()
    locale = "en" if language == PSEUDO_LANGUAGE else language
    return format_datetime(moment.replace(tzinfo=None), "medium", locale=locale)


def load_for_view(original: Path, preview: Path | None) -> QImage:
    """The cached preview, or the original reduced (and cached for next time).

    Runs on a worker thread; QImage and QImageReader are safe there.
    """
    return load_and_cache(original, preview)[0]


def load_and_cache(original: Path, preview: Path | None) -> tuple[QImage, bool]:
    """:func:`load_for_view`, also saying whether it made the cached preview just now."""
    if preview is not None and preview.is_file():
        with contextlib.suppress(OSError), image_reader(preview) as reader:
            image = reader.read()
            if not image.isNull():
                return image, False
    image = load_thumbnail(original, PREVIEW_SIZE)
    made = False
    if preview is not None:
        with contextlib.suppress(OSError, CuratorError):
            preview.parent.mkdir(parents=True, exist_ok=True)
            # Curator's own cache: nothing there a person named, so nothing to protect.
            with atomic_output(preview, guard=ProtectedFiles.nothing(), sweep=False) as unfinished:
                if not image.save(str(unfinished), "JPEG", 85):  # type: ignore[call-overload]  # str, as above
                    raise OSError("QImage.save wrote no preview")
            made = True
    return image, made


class PhotoView(QWidget):
    """Shows one photo scaled to fit."""

    #: A photo's pixels could not be shown (no preview here and no original): its id.
    image_failed = Signal(str)
    #: A photo's preview was made here while showing it (not cached before): its content hash.
    preview_made = Signal(str)

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        #: Where a photo's cached preview lives (set by the controller for the open project).
        self.preview_for: Callable[[Photo], Path | None] = lambda _photo: None
        self._photo: Photo | None = None
        self._pixmap: QPixmap | None = None
        self._error = ""
        self.image_label = QLabel()
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.image_label.setMinimumSize(200, 150)
        self.facts_label = QLabel()
        self.facts_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.facts_label.setWordWrap(True)  # a long credit must not widen the window
        layout = QVBoxLayout(self)
        layout.addWidget(self.image_label, 1)
        layout.addWidget(self.facts_label)
        self.loupe = Loupe(self.image_label, tasks, self._shown)
        self.retranslate_ui()

    @property
    def photo(self) -> Photo | None:
        """The photo shown (None: none)."""
        return self._photo

    def _shown(self) -> tuple[str, Path, QPixmap] | None:
        if self._photo is None or self._pixmap is None:
            return None
        return self._photo.id, self._photo.path, self._pixmap

    def update_photo(self, photo: Photo) -> None:
        """Show new facts (a rating or flag) of the photo on view, without reloading it."""
        if self._photo is not None and self._photo.id == photo.id:
            self._photo = photo
            self.retranslate_ui()

    def show_photo(self, photo: Photo | None) -> None:
        """Show ``photo`` (loading in the background), or the empty state."""
        shown = self._photo
        if (
            photo is not None
            and shown is not None
            and self._pixmap is not None
            and (photo.id, photo.path) == (shown.id, shown.path)
        ):
            self.update_photo(photo)  # already on view (a filter ran again, say)
            return
        self._photo = photo
        self._pixmap = None
        self._error = ""
        self.loupe.forget()
        self.image_label.clear()
        if photo is not None:
            self._tasks.submit(
                load_and_cache,
                photo.path,
                self.preview_for(photo),
                on_result=partial(self._on_image_loaded, photo),
                on_error=partial(self._on_image_failed, photo.id),
            )
        self.retranslate_ui()

    @property
    def image_shown(self) -> bool:
        """Whether the photo's pixels are on screen (not a message)."""
        return self._pixmap is not None

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        photo = self._photo
        if photo is None:
            self.image_label.setText(_("No photo selected."))
            self.facts_label.clear()
            return
        if self._error:
            self.image_label.setText(
                _("Cannot show %(file)s: %(reason)s")
                % {"file": photo.path.name, "reason": self._error}
            )
        elif self._pixmap is None:
            self.image_label.setText(_("Loading…"))
        facts = [photo.path.name, f"{photo.width} × {photo.height} px"]
        if photo.captured_at:
            facts.append(format_moment(photo.captured_at))
        if photo.byline:
            facts.append(photo.byline)
        if photo.rating:
            facts.append("★" * photo.rating)
        if photo.flag == PhotoFlag.PICK:
            facts.append(_("Picked"))
        elif photo.flag == PhotoFlag.REJECT:
            facts.append(_("Rejected"))
        self.facts_label.setText("  ·  ".join(facts))
        self.loupe.retranslate_ui()

    def _on_image_loaded(self, photo: Photo, loaded: tuple[QImage, bool]) -> None:
        image, made = loaded
        if made:  # shown or not by now, the cache has it
            self.preview_made.emit(photo.sha256)
        if self._photo is None or self._photo.id != photo.id:
            return
        self._pixmap = QPixmap.fromImage(image)
        self._fit()

    def _on_image_failed(self, photo_id: str, error: Exception) -> None:
        if self._photo is None or self._photo.id != photo_id:
            return
        self._error = library_reason(error)
        self.retranslate_ui()
        self.image_failed.emit(photo_id)

    def _fit(self) -> None:
        if self._pixmap is None:
            return
        self.image_label.setPixmap(
            self._pixmap.scaled(
                self.image_label.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()
