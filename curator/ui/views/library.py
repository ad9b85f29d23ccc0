"""The photo library: a grid of thumbnails over the project's photos, with a filter bar.

The rows and their thumbnails are :mod:`curator.ui.views.library_model`'s; this module is
the panel around them: the grid, the size slider, the sort, the filter bar and the menu.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QObject,
    QPoint,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from curator.core.library.library_order import SORT_LABELS, LibrarySort
from curator.i18n import _
from curator.ui.tasks import TaskRunner
from curator.ui.views.filter_bar import FilterBar
from curator.ui.views.library_delegate import ThumbnailDelegate, text_lines
from curator.ui.views.library_model import (
    LARGEST_THUMBNAIL,
    PHOTO_ID_ROLE,
    SMALLEST_THUMBNAIL,
    THUMBNAIL_SIZE,
    LibraryItem,
    PhotoListModel,
)
from curator.ui.views.library_view import LibraryView
from curator.ui.views.thumbnail_loader import load_thumbnail as load_thumbnail  # the photo view's


class LibraryPanel(QWidget):
    """The library dock's content: a filter bar over a thumbnail grid.

    Emits the selected photo ids, and ``items_replaced`` when the project's photos were read
    again (so a filter that is on can run again).
    """

    selection_changed = Signal(list)
    #: A right click on the photos (global position): the section controller fills the menu.
    context_menu_requested = Signal(QPoint)
    files_dropped = Signal(list)  # list[Path]: files and folders dropped onto the library
    items_replaced = Signal()

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PhotoListModel(tasks, self)
        self.filter_bar = FilterBar()
        self.view = LibraryView()
        self.delegate = ThumbnailDelegate(THUMBNAIL_SIZE, self.view)
        self.view.setItemDelegate(self.delegate)
        self.sort_label = QLabel()
        self.sort_box = QComboBox()
        for order in LibrarySort:
            self.sort_box.addItem("", order.value)
        # As wide as its longest order in the interface language ("Порядок импорта" was cut
        # to the English width after a switch to Russian).
        self.sort_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sort_box.currentIndexChanged.connect(self._on_sort_box_current_index_changed)
        self.sort_label.setBuddy(self.sort_box)
        self.size_slider = QSlider(Qt.Orientation.Horizontal)
        self.size_slider.setRange(SMALLEST_THUMBNAIL, LARGEST_THUMBNAIL)
        self.size_slider.setSingleStep(16)
        self.size_slider.setPageStep(32)
        self.size_slider.setValue(THUMBNAIL_SIZE)
        self.size_slider.valueChanged.connect(self.set_thumbnail_size)
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setUniformItemSizes(True)
        # Lay out a large library in slices between events, not in one long call.
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        self.view.setBatchSize(200)
        self._apply_size(THUMBNAIL_SIZE)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setModel(self.model)
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)
        # Photos drag out onto the exhibition's sections; files drop in (eventFilter).
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDragEnabled(True)
        self.view.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.view.viewport().setAcceptDrops(True)
        self.view.viewport().installEventFilter(self)
        # The context menu: what can be done with the selected photos from here ("Add to
        # Section", "Remove from Section"), filled as it opens.
        self.remove_from_section_action = QAction(self.view)
        # For a photo whose original is missing or unreadable (the preflight controller).
        self.relink_action = QAction(self.view)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_view_context_menu_requested)
        self.menu = QMenu(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.filter_bar)
        tools = QHBoxLayout()
        tools.setContentsMargins(4, 0, 4, 0)
        tools.addWidget(self.sort_label)
        tools.addWidget(self.sort_box)
        tools.addStretch(1)
        self.size_slider.setMaximumWidth(180)
        tools.addWidget(self.size_slider)
        layout.addLayout(tools)
        layout.addWidget(self.view)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.view.setAccessibleName(_("Photo library"))
        self.remove_from_section_action.setText(_("Remove from &Section"))
        self.relink_action.setText(_("&Relink the Original…"))
        self.filter_bar.retranslate_ui()
        self.sort_label.setText(_("S&ort:"))
        for index in range(self.sort_box.count()):
            order = LibrarySort(self.sort_box.itemData(index))
            self.sort_box.setItemText(index, _(SORT_LABELS[order]))
        self.size_slider.setToolTip(_("Thumbnail size"))
        self.size_slider.setAccessibleName(_("Thumbnail size"))

    def set_thumbnail_size(self, size: int) -> None:
        """Show the thumbnails in a ``size`` pixel square (the slider's value)."""
        size = max(SMALLEST_THUMBNAIL, min(LARGEST_THUMBNAIL, size))
        if self.size_slider.value() != size:
            self.size_slider.setValue(size)  # comes back here through valueChanged
            return
        self._apply_size(size)

    def _apply_size(self, size: int) -> None:
        self.delegate.size = size
        self.model.set_display_size(size)
        # A contact sheet has no text under its pictures; small thumbnails one line, large two.
        lines = text_lines(size)
        text = self.view.fontMetrics().lineSpacing() * lines
        self.view.setWordWrap(lines > 1)
        self.view.setIconSize(QSize(size, size))
        self.view.setGridSize(QSize(size + 12, size + text + 12))

    def set_order(self, order: LibrarySort) -> None:
        """Sort the photos (the box shows it), keeping the selection and scrolling to it."""
        index = self.sort_box.findData(order.value)
        if index != self.sort_box.currentIndex():
            self.sort_box.setCurrentIndex(index)  # comes back here
            return
        selected = self.selected_photo_ids()
        self.model.set_order(order)
        self._select(selected)

    def _on_sort_box_current_index_changed(self, index: int) -> None:
        self.set_order(LibrarySort(self.sort_box.itemData(index)))

    def _select(self, photo_ids: list[str]) -> None:
        rows = [row for pid in photo_ids if (row := self.model.row_of(pid)) is not None]
        selection = self.view.selectionModel()
        if not rows:
            return
        self.view.setCurrentIndex(self.model.index(rows[0]))
        for row in rows[1:]:
            selection.select(self.model.index(row), selection.SelectionFlag.Select)
        self.view.scrollTo(self.model.index(rows[0]))

    def set_items(
        self,
        items: list[LibraryItem],
        order: LibrarySort | None = None,
        rows: dict[str, int] | None = None,
    ) -> None:
        """Show these photos and select the first (``order``: the one they are sorted in)."""
        self.model.set_items(items, order, rows)
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

    def step(self, delta: int) -> bool:
        """Select the photo ``delta`` places from the current one (the full-screen arrows)."""
        count = self.model.rowCount()
        if not count:
            return False
        row = min(max(self.view.currentIndex().row() + delta, 0), count - 1)
        return self.select_photo(self.model.item(row).photo.id)

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

    def _on_view_context_menu_requested(self, position: QPoint) -> None:
        index = self.view.indexAt(position)
        if index.isValid() and not self.view.selectionModel().isSelected(index):
            self.select_photo(str(index.data(PHOTO_ID_ROLE)))
        if self.selected_photo_ids():
            self.context_menu_requested.emit(self.view.viewport().mapToGlobal(position))

    def _on_view_selection_changed(self, *_args: object) -> None:
        self.selection_changed.emit(self.selected_photo_ids())
