"""The photo library: a grid of thumbnails over the project's photos, with a filter bar.

``PhotoListModel`` adapts a list of photos; thumbnails load on the task runner only when
a view asks for them, so opening thousands of photos does not block the window. A filter
shows a subset of the photos (a set of ids worked out by the shortlist controller) without
reading anything again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QDropEvent, QImage, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView, QVBoxLayout, QWidget

from curator.core.model import Photo
from curator.core.problems import Problem
from curator.i18n import _
from curator.ui.exhibition_panel import PHOTO_IDS_MIME, photo_ids_mime
from curator.ui.filter_bar import FilterBar
from curator.ui.image_files import image_reader
from curator.ui.library_delegate import ThumbnailDelegate
from curator.ui.tasks import TaskRunner

THUMBNAIL_SIZE = 160
PHOTO_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: The photo itself (its rating, flag and label are drawn on the thumbnail).
PHOTO_ROLE = Qt.ItemDataRole.UserRole + 2
#: True when the photo's file was imported damaged (a badge on its thumbnail).
DAMAGED_ROLE = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex


def decode_jpeg(data: bytes) -> QImage:
    """Decode stored thumbnail bytes (on a worker thread)."""
    image = QImage.fromData(data, "JPEG")
    if image.isNull():
        raise OSError("damaged thumbnail")
    return image


def load_thumbnail(path: Path, size: int) -> QImage:
    """Decode a reduced, upright image (runs on a worker thread; QImage is thread-safe)."""
    with image_reader(path) as reader:
        reader.setAutoTransform(True)
        original = reader.size()
        if original.isValid() and max(original.width(), original.height()) > size:
            reader.setScaledSize(original.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if image.isNull():
            raise OSError(reader.errorString())
    return image


@dataclass(frozen=True, slots=True)
class LibraryItem:
    """One row of the library: the photo, its headline and whether its file is damaged.

    Damaged means imported truncated: the missing part of the picture is grey.
    """

    photo: Photo
    headline: str
    damaged: bool = False


class PhotoListModel(QAbstractListModel):
    """Photos with lazily loaded thumbnails."""

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        #: Reads a stored thumbnail (fast, on the GUI thread); decoding happens on a worker.
        self.fetch_thumbnail: Callable[[str], bytes | None] = lambda _photo_id: None
        #: Every photo of the project, in library order; ``_items`` are those shown.
        self._all: list[LibraryItem] = []
        self._all_rows: dict[str, int] = {}
        self._shown_ids: set[str] | None = None
        self._items: list[LibraryItem] = []
        self._rows: dict[str, int] = {}
        self._dirty_rows: set[int] = set()
        self._repaint_timer = QTimer(self)
        self._repaint_timer.setSingleShot(True)
        self._repaint_timer.setInterval(30)
        self._repaint_timer.timeout.connect(self._on_repaint_timer_timeout)
        self._thumbnails: dict[str, QPixmap] = {}
        self._pending: set[str] = set()
        self._placeholder = QPixmap(THUMBNAIL_SIZE, THUMBNAIL_SIZE * 2 // 3)
        self._placeholder.fill(QColor("#d8d8d8"))

    def set_items(self, items: list[LibraryItem]) -> None:
        """Replace the project's photos (all of them are shown until :meth:`show_only`)."""
        self._all = list(items)
        self._all_rows = {item.photo.id: row for row, item in enumerate(self._all)}
        self._shown_ids = None
        self._thumbnails = {k: v for k, v in self._thumbnails.items() if k in self._all_rows}
        self._reset_shown()

    def show_only(self, photo_ids: set[str] | None) -> None:
        """Show only these photos, in library order (None: every photo)."""
        self._shown_ids = None if photo_ids is None else set(photo_ids)
        self._reset_shown()

    def total_count(self) -> int:
        """How many photos the project has, shown or not."""
        return len(self._all)

    def is_filtered(self) -> bool:
        """Whether some photos are hidden by a filter."""
        return self._shown_ids is not None

    def _reset_shown(self) -> None:
        self.beginResetModel()
        shown = self._shown_ids
        self._items = (
            list(self._all)
            if shown is None
            else [item for item in self._all if item.photo.id in shown]
        )
        self._rows = {item.photo.id: row for row, item in enumerate(self._items)}
        self.endResetModel()

    def loaded_thumbnails(self) -> int:
        """How many thumbnails have been decoded so far."""
        return len(self._thumbnails)

    def item(self, row: int) -> LibraryItem:
        """The item in ``row``."""
        return self._items[row]

    def row_of(self, photo_id: str) -> int | None:
        """The row showing a photo, if any."""
        return self._rows.get(photo_id)

    def update_item(self, item: LibraryItem) -> None:
        """Replace the shown values of one photo (its headline changed, say)."""
        position = self._all_rows.get(item.photo.id)
        if position is not None:
            self._all[position] = item
        row = self._rows.get(item.photo.id)
        if row is None:
            return
        self._items[row] = item
        index = self.index(row)
        self.dataChanged.emit(index, index)

    def update_photo(self, photo: Photo) -> None:
        """Show a photo's new values (its rating or flag), keeping its headline."""
        position = self._all_rows.get(photo.id)
        if position is not None:
            old = self._all[position]
            self.update_item(LibraryItem(photo, old.headline, old.damaged))

    def append_items(self, items: list[LibraryItem]) -> None:
        """Add photos at the end (while an import streams them in).

        While a filter is on, new photos wait, hidden, for the filter to run again.
        """
        if not items:
            return
        start = len(self._all)
        self._all.extend(items)
        self._all_rows.update({item.photo.id: start + i for i, item in enumerate(items)})
        if self._shown_ids is not None:
            return
        first = len(self._items)
        self.beginInsertRows(QModelIndex(), first, first + len(items) - 1)
        self._items.extend(items)
        self._rows.update({item.photo.id: first + i for i, item in enumerate(items)})
        self.endInsertRows()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.headline or item.photo.path.name
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{item.photo.path.name}\n{item.photo.width} × {item.photo.height}"
            return tip + "\n" + Problem("truncated-file").message if item.damaged else tip
        if role == DAMAGED_ROLE:
            return item.damaged
        if role == PHOTO_ID_ROLE:
            return item.photo.id
        if role == PHOTO_ROLE:
            return item.photo
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumbnail(index.row(), item.photo)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        default = super().flags(index)
        return default | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else default

    def mimeTypes(self) -> list[str]:
        return [PHOTO_IDS_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        """The dragged photos' ids, in display order, for dropping onto a section."""
        rows = sorted({index.row() for index in indexes if index.isValid()})
        return photo_ids_mime([self._items[row].photo.id for row in rows])

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def _thumbnail(self, row: int, photo: Photo) -> QPixmap:
        cached = self._thumbnails.get(photo.id)
        if cached is not None:
            return cached
        if photo.id not in self._pending:
            self._pending.add(photo.id)
            stored = self.fetch_thumbnail(photo.id)
            on_result = lambda image, pid=photo.id: self._on_thumbnail_loaded(pid, image)  # noqa: E731
            on_error = lambda _error, pid=photo.id: self._pending.discard(pid)  # noqa: E731
            if stored:
                self._tasks.submit(decode_jpeg, stored, on_result=on_result, on_error=on_error)
            else:
                self._tasks.submit(
                    load_thumbnail,
                    photo.path,
                    THUMBNAIL_SIZE,
                    on_result=on_result,
                    on_error=on_error,
                )
        return self._placeholder

    def _on_thumbnail_loaded(self, photo_id: str, image: QImage) -> None:
        self._pending.discard(photo_id)
        row = self._rows.get(photo_id)
        if row is None:
            return  # the photo is no longer shown
        self._thumbnails[photo_id] = QPixmap.fromImage(image)
        # Thumbnails arrive in bursts: repaint once per burst, not once per photo.
        self._dirty_rows.add(row)
        if not self._repaint_timer.isActive():
            self._repaint_timer.start()

    def _on_repaint_timer_timeout(self) -> None:
        rows, self._dirty_rows = self._dirty_rows, set()
        rows = {row for row in rows if row < len(self._items)}
        if rows:
            first, last = self.index(min(rows)), self.index(max(rows))
            self.dataChanged.emit(first, last, [Qt.ItemDataRole.DecorationRole])


class LibraryPanel(QWidget):
    """The library dock's content: a filter bar over a thumbnail grid.

    Emits the selected photo ids, and ``items_replaced`` when the project's photos were read
    again (so a filter that is on can run again).
    """

    selection_changed = Signal(list)
    files_dropped = Signal(list)  # list[Path]: files and folders dropped onto the library
    items_replaced = Signal()

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PhotoListModel(tasks, self)
        self.filter_bar = FilterBar()
        self.view = QListView()
        self.view.setItemDelegate(ThumbnailDelegate(THUMBNAIL_SIZE, self.view))
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setUniformItemSizes(True)
        # Lay out a large library in slices between events, not in one long call.
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        self.view.setBatchSize(200)
        self.view.setIconSize(QSize(THUMBNAIL_SIZE, THUMBNAIL_SIZE))
        self.view.setGridSize(QSize(THUMBNAIL_SIZE + 24, THUMBNAIL_SIZE + 44))
        self.view.setWordWrap(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setModel(self.model)
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)
        # Photos drag out onto the exhibition's sections; files drop in (eventFilter).
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDragEnabled(True)
        self.view.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.view.viewport().setAcceptDrops(True)
        self.view.viewport().installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.view)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.view.setAccessibleName(_("Photo library"))
        self.filter_bar.retranslate_ui()

    def set_items(self, items: list[LibraryItem]) -> None:
        """Show these photos and select the first."""
        self.model.set_items(items)
        if items:
            self.view.setCurrentIndex(self.model.index(0))
        self.filter_bar.show_count(self.model.rowCount(), self.model.total_count())
        self.items_replaced.emit()

    def show_only(self, photo_ids: set[str] | None) -> None:
        """Show only these photos, keeping the selection where it can.

        When no selected photo stays, the photo now at the current row is selected, so
        rejecting a photo under a "not rejected" filter moves on to the next one.
        """
        selected = self.selected_photo_ids()
        current = self.view.currentIndex().row()
        self.model.show_only(photo_ids)
        rows = [row for pid in selected if (row := self.model.row_of(pid)) is not None]
        selection = self.view.selectionModel()
        if rows:
            self.view.setCurrentIndex(self.model.index(rows[0]))
            for row in rows[1:]:
                selection.select(self.model.index(row), selection.SelectionFlag.Select)
        elif self.model.rowCount():
            self.view.setCurrentIndex(
                self.model.index(min(max(current, 0), self.model.rowCount() - 1))
            )
        else:
            self.selection_changed.emit([])
        self.filter_bar.show_count(self.model.rowCount(), self.model.total_count())

    def select_photo(self, photo_id: str) -> bool:
        """Select one photo and scroll to it; False when it is not shown."""
        row = self.model.row_of(photo_id)
        if row is None:
            return False
        index = self.model.index(row)
        # Select exactly this one, whatever modifier keys are down (the view's own
        # setCurrentIndex toggles the photo off while Ctrl is held).
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.view.selectionModel().setCurrentIndex(index, flags)
        self.view.scrollTo(index)
        return True

    def selected_photo_ids(self) -> list[str]:
        """Ids of the selected photos in display order."""
        rows = sorted(index.row() for index in self.view.selectionModel().selectedIndexes())
        return [self.model.item(row).photo.id for row in rows]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() in (
            QEvent.Type.DragEnter,
            QEvent.Type.DragMove,
            QEvent.Type.Drop,
        ):
            drag = event  # a QDropEvent (QDragEnterEvent and QDragMoveEvent derive from it)
            assert isinstance(drag, QDropEvent)
            paths = [Path(url.toLocalFile()) for url in drag.mimeData().urls() if url.isLocalFile()]
            if not paths:
                return False
            drag.acceptProposedAction()
            if event.type() == QEvent.Type.Drop:
                self.files_dropped.emit(paths)
            return True
        return super().eventFilter(watched, event)

    def _on_view_selection_changed(self, *_args: object) -> None:
        self.selection_changed.emit(self.selected_photo_ids())
