"""The library's model: the project's photos as rows, their thumbnails decoded on demand.

Thumbnails are kept as the worker decoded them (``QImage``, in the screen's format), drawn
as they are: no conversion on the window's thread as they arrive or as they are painted.

``PhotoListModel`` adapts a list of photos; thumbnails are read and decoded on one worker
(``thumbnail_loader``) for the rows the view has on screen (``want_rows``), so opening
thousands of photos does not block the window. A filter
shows a subset of the photos (a set of ids worked out by the shortlist controller) without
reading anything again.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QWidget,
)

from curator.core.checks.problems import Problem
from curator.core.library.library_order import LibrarySort, sorted_positions
from curator.core.model import Photo
from curator.ui.tasks import TaskRunner
from curator.ui.views.exhibition_panel import PHOTO_IDS_MIME, photo_ids_mime
from curator.ui.views.thumbnail_loader import Decoded, ThumbnailLoader

THUMBNAIL_SIZE = 160
#: The thumbnail sizes the library's slider offers: a dense contact sheet to large.
SMALLEST_THUMBNAIL, LARGEST_THUMBNAIL = 64, 256
#: Decoded thumbnails kept; the least recently shown go first (stored bytes stay on disk).
THUMBNAILS_KEPT = 3000
#: Arrived thumbnails repainted cell by cell up to this many (more: the grid at once).
_ROWS_UPDATED_ALONE = 8
PHOTO_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: The photo itself (its rating, flag and label are drawn on the thumbnail).
PHOTO_ROLE = Qt.ItemDataRole.UserRole + 2
#: True when the photo's file was imported damaged (a badge on its thumbnail).
DAMAGED_ROLE = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex
#: A photo's flags, worked out once (asked of every cell at every repaint).
_ITEM_FLAGS = (
    Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemNeverHasChildren
    | Qt.ItemFlag.ItemIsDragEnabled
)
_SERVED_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        PHOTO_ID_ROLE,
        DAMAGED_ROLE,
        PHOTO_ROLE,
    )
)


def sorted_items(items: list[LibraryItem], order: LibrarySort) -> list[LibraryItem]:
    """``items`` in library ``order`` (run on a worker for a large project)."""
    positions = sorted_positions(
        [item.photo for item in items],
        [item.headline for item in items],
        [item.rank for item in items],
        order,
    )
    return [items[i] for i in positions]


@dataclass(frozen=True, slots=True)
class LibraryItem:
    """One row of the library: the photo, its headline and whether its file is damaged.

    Damaged means imported truncated: the missing part of the picture is grey. For sorting
    and relabelling: its headline in every language, its rank in import order.
    """

    photo: Photo
    headline: str
    damaged: bool = False
    headlines: dict[str, str] = field(default_factory=dict)
    rank: int = 0


class PhotoListModel(QAbstractListModel):
    """Photos with lazily loaded thumbnails."""

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: Reads and decodes thumbnails on a worker (its ``source`` is the open project's).
        self.loader = ThumbnailLoader(tasks, self)
        self.loader.loaded.connect(self._on_thumbnails_loaded)
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
        self._thumbnails: OrderedDict[str, QImage] = OrderedDict()
        #: Photos whose thumbnail could not be decoded at this size (their placeholder stays).
        self._failed: set[str] = set()
        #: The photos last asked of the loader (asked again only when it changes).
        self._asked: list[str] = []
        #: How the photos are ordered (``curator.core.library.library_order``).
        self.order = LibrarySort.IMPORT
        #: The square thumbnails are decoded to fit (the library's size slider).
        self.display_size = THUMBNAIL_SIZE
        self._placeholder = self._make_placeholder(THUMBNAIL_SIZE)

    @staticmethod
    def _make_placeholder(size: int) -> QImage:
        placeholder = QImage(size, size * 2 // 3, QImage.Format.Format_RGB32)
        placeholder.fill(QColor("#d8d8d8"))
        return placeholder

    def set_display_size(self, size: int) -> None:
        """Decode thumbnails for a ``size`` square from now on (placeholders until then)."""
        if size == self.display_size:
            return
        self.display_size = size
        self._placeholder = self._make_placeholder(size)
        self._thumbnails.clear()  # those of the old size; what is on its way is dropped
        self._failed.clear()
        self._asked = []
        if self._items:
            self.dataChanged.emit(
                self.index(0), self.index(len(self._items) - 1), [Qt.ItemDataRole.DecorationRole]
            )

    def set_items(
        self,
        items: list[LibraryItem],
        order: LibrarySort | None = None,
        rows: dict[str, int] | None = None,
    ) -> None:
        """Replace the project's photos (all of them are shown until :meth:`show_only`).

        ``order``: the order ``items`` are already in (sorted on a worker by
        :func:`sorted_items`), with ``rows`` each photo's row in it; they are sorted here
        when it is not the library's.
        """
        presorted = order == self.order
        self._all = list(items) if presorted else self._sorted(items)
        self._all_rows = (
            rows
            if presorted and rows is not None
            else {item.photo.id: row for row, item in enumerate(self._all)}
        )
        self._shown_ids = None
        self._thumbnails = OrderedDict(
            (k, v) for k, v in self._thumbnails.items() if k in self._all_rows
        )
        self._reset_shown()

    def _sorted(self, items: list[LibraryItem]) -> list[LibraryItem]:
        return sorted_items(items, self.order)

    def set_order(self, order: LibrarySort) -> None:
        """Show the photos in another order (a filter that is on stays on)."""
        self.order = order
        self._all = self._sorted(self._all)
        self._all_rows = {item.photo.id: row for row, item in enumerate(self._all)}
        self._reset_shown()

    def relabel(self, headline: Callable[[LibraryItem], str]) -> None:
        """Choose every photo's headline again (the interface language changed).

        The photos keep their places and the selection stays; choosing the sort again
        sorts by the new headlines.
        """
        self._all = [replace(item, headline=headline(item)) for item in self._all]
        self._items = [self._all[self._all_rows[item.photo.id]] for item in self._items]
        if self._items:
            self.dataChanged.emit(self.index(0), self.index(len(self._items) - 1))

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
        self._rows = (
            dict(self._all_rows)  # a copy: far quicker than counting 10,000 rows again
            if shown is None
            else {item.photo.id: row for row, item in enumerate(self._items)}
        )
        self._failed.clear()
        self._asked = []
        self.endResetModel()

    def forget_thumbnail(self, photo_id: str) -> None:
        """Decode a photo's thumbnail again (its original was replaced by another file)."""
        self._thumbnails.pop(photo_id, None)
        self._failed.discard(photo_id)
        self._asked = []
        row = self._rows.get(photo_id)
        if row is not None:
            index = self.index(row)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def loaded_thumbnails(self) -> int:
        """How many thumbnails have been decoded so far."""
        return len(self._thumbnails)

    def has_thumbnail(self, photo_id: str) -> bool:
        """Whether a photo's thumbnail is decoded (drawn instead of its placeholder)."""
        return photo_id in self._thumbnails

    def item(self, row: int) -> LibraryItem:
        """The item in ``row``."""
        return self._items[row]

    def row_of(self, photo_id: str) -> int | None:
        """The row showing a photo, if any."""
        return self._rows.get(photo_id)

    def update_item(self, item: LibraryItem) -> None:
        """Replace the shown values of one photo (its headline changed, say).

        The photo keeps its place (a sort is not run again under the person's hands).
        """
        position = self._all_rows.get(item.photo.id)
        if position is not None:
            item = replace(item, rank=self._all[position].rank)
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
            self.update_item(replace(self._all[position], photo=photo))

    def append_items(self, items: list[LibraryItem]) -> None:
        """Add photos at the end (while an import streams them in).

        While a filter is on, new photos wait, hidden, for the filter to run again.
        """
        if not items:
            return
        start = len(self._all)
        first_rank = max((item.rank for item in self._all), default=-1) + 1
        items = [replace(item, rank=first_rank + i) for i, item in enumerate(items)]
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
        # A dense grid asks ~16 roles of ~150 cells at every repaint: the ones not served
        # leave before anything else is looked at.
        if role not in _SERVED_ROLES:
            return None
        row = index.row()
        if row < 0 or row >= len(self._items):
            return None
        item = self._items[row]
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
            return self._thumbnail(item.photo.id)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return _ITEM_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def mimeTypes(self) -> list[str]:
        return [PHOTO_IDS_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        """The dragged photos' ids, in display order, for dropping onto a section."""
        rows = sorted({index.row() for index in indexes if index.isValid()})
        return photo_ids_mime([self._items[row].photo.id for row in rows])

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def _thumbnail(self, photo_id: str) -> QImage:
        cached = self._thumbnails.get(photo_id)
        if cached is None:
            return self._placeholder
        self._thumbnails.move_to_end(photo_id)
        return cached

    def cell(self, row: int) -> tuple[LibraryItem, QImage]:
        """What a cell shows: the row's item and its picture (a placeholder until decoded)."""
        item = self._items[row]
        return item, self._thumbnail(item.photo.id)

    def want_rows(self, first: int, last: int) -> None:
        """The rows ``first`` to ``last`` are on screen: decode the thumbnails they lack.

        Called at every paint of the view; what was asked for before and is no longer on
        screen is dropped, so a jump shows its own screen first and rows scrolled past are
        never decoded.
        """
        last = min(last, len(self._items) - 1)
        cached, failed = self._thumbnails, self._failed
        jobs = [
            (item.photo.id, item.photo.path)
            for item in self._items[max(first, 0) : last + 1]
            if item.photo.id not in cached and item.photo.id not in failed
        ]
        ids = [photo_id for photo_id, _path in jobs]
        if ids != self._asked:
            self._asked = ids
            self.loader.want(jobs, self.display_size)

    def _on_thumbnails_loaded(self, images: Decoded, size: int) -> None:
        for photo_id, image in images:
            row = self._rows.get(photo_id)
            if row is None:
                continue  # the photo is no longer shown
            # One decoded for another size is asked for again when its row is painted.
            self._dirty_rows.add(row)
            if size != self.display_size:
                continue
            if image is None:
                self._failed.add(photo_id)
                continue
            self._thumbnails[photo_id] = image
            while len(self._thumbnails) > THUMBNAILS_KEPT:
                self._thumbnails.popitem(last=False)
        # Thumbnails arrive in bursts: repaint once per burst, not once per photo.
        if self._dirty_rows and not self._repaint_timer.isActive():
            self._repaint_timer.start()

    def _on_repaint_timer_timeout(self) -> None:
        """Repaint the cells whose thumbnails arrived: one repaint for the burst.

        A few rows are repainted alone; more (a screen's batches) as one span, which the
        view repaints at once: one paint of the sheet (a single call) instead of a
        ``dataChanged`` and an update per cell, each a call from Python into Qt.
        """
        rows, self._dirty_rows = self._dirty_rows, set()
        rows = {row for row in rows if row < len(self._items)}
        roles = [Qt.ItemDataRole.DecorationRole]
        if len(rows) > _ROWS_UPDATED_ALONE:
            self.dataChanged.emit(self.index(min(rows)), self.index(max(rows)), roles)
            return
        for row in sorted(rows):
            index = self.index(row)
            self.dataChanged.emit(index, index, roles)
