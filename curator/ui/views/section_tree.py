"""The exhibition's tree widget: drops become signals, rows are never moved by Qt itself.

Photos travel as ``PHOTO_IDS_MIME`` (from the library or within the tree), a section as
``SECTION_ID_MIME``. The exhibition panel (:mod:`curator.ui.views.exhibition_panel`) fills
the tree and keeps it in step with the project.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QDrag, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

PHOTO_IDS_MIME = "application/x-curator-photo-ids"
SECTION_ID_MIME = "application/x-curator-section-id"
SECTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PHOTO_ID_ROLE = Qt.ItemDataRole.UserRole + 2


def photo_ids_mime(photo_ids: list[str]) -> QMimeData:
    """Photos as they travel in a drag."""
    mime = QMimeData()
    mime.setData(PHOTO_IDS_MIME, "\n".join(photo_ids).encode())
    return mime


def _photo_ids_of(mime: QMimeData) -> list[str]:
    raw = bytes(mime.data(PHOTO_IDS_MIME).data()).decode()
    return [line for line in raw.split("\n") if line]


def _top(tree: QTreeWidget, index: int) -> QTreeWidgetItem:
    """The top-level row at ``index`` (which the caller took from the tree's count)."""
    item = tree.topLevelItem(index)
    assert item is not None
    return item


def _child(parent: QTreeWidgetItem, row: int) -> QTreeWidgetItem:
    """The child row at ``row`` (which the caller took from the parent's count)."""
    item = parent.child(row)
    assert item is not None
    return item


def _moved(old: list[str], new: list[str]) -> list[str]:
    """The ids to move, in ``new``'s order, to turn ``old`` into ``new``.

    One id moved (a drag) gives that id alone; any other change gives every id, each put
    at its place in turn.
    """
    differing = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    if not differing:
        return []
    first, last = differing[0], differing[-1]
    for moved in (old[last], old[first]):
        rest = [section_id for section_id in old if section_id != moved]
        if rest == [section_id for section_id in new if section_id != moved]:
            return [moved]
    return list(new)


class SectionTree(QTreeWidget):
    """A tree that turns drops into signals instead of moving its own items."""

    photos_dropped = Signal(list, str, str)  # photo ids, section id, before photo id ("": end)
    section_dropped = Signal(str, int)  # section id, its new index in the visit
    context_menu_requested = Signal(QPoint)  # global position

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(1)
        # Every row is one line of text: Qt lays out 10,000 photo rows without asking each
        # for its height (a section move or a selection no longer waits for that).
        self.setUniformRowHeights(True)
        # The scroll bar's holder paints its own background: otherwise a move that scrolls
        # the tree repaints everything behind the bar, up to the window (as in the library).
        holder = self.verticalScrollBar().parentWidget()
        if holder is not None and holder is not self:
            holder.setAutoFillBackground(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDragEnabled(True)
        self.viewport().setAcceptDrops(True)

    def mimeTypes(self) -> list[str]:
        return [PHOTO_IDS_MIME, SECTION_ID_MIME]

    def mimeData(self, items: list[QTreeWidgetItem]) -> QMimeData:  # type: ignore[override]
        """Photos when only photos are picked; else the first picked section."""
        photos = [str(item.data(0, PHOTO_ID_ROLE)) for item in items if item.data(0, PHOTO_ID_ROLE)]
        if photos and len(photos) == len(items):
            return photo_ids_mime(photos)
        mime = QMimeData()
        sections = [item for item in items if item.data(0, SECTION_ID_ROLE)]
        if sections:
            mime.setData(SECTION_ID_MIME, str(sections[0].data(0, SECTION_ID_ROLE)).encode())
        return mime

    def startDrag(self, supportedActions: Qt.DropAction) -> None:  # noqa: N803 - Qt's name
        mime = self.mimeData(self.selectedItems())
        if not mime.formats():
            return
        drag = QDrag(self)
        drag.setMimeData(mime)
        # The controller rebuilds the tree after a drop; Qt must not remove items itself.
        drag.exec(Qt.DropAction.CopyAction | Qt.DropAction.MoveAction, Qt.DropAction.MoveAction)

    def dragEnterEvent(self, event: QDragMoveEvent) -> None:
        mime = event.mimeData()
        if mime.hasFormat(PHOTO_IDS_MIME) or mime.hasFormat(SECTION_ID_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._target(event) is None:
            event.ignore()
        else:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        target = self._target(event)
        if target is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        mime = event.mimeData()
        if mime.hasFormat(PHOTO_IDS_MIME):
            section_id, before = target
            self.photos_dropped.emit(_photo_ids_of(mime), section_id, before)
        else:
            self.section_dropped.emit(bytes(mime.data(SECTION_ID_MIME).data()).decode(), target[1])

    def _target(self, event: QDropEvent) -> tuple[str, object] | None:
        """``(section id, before photo id)`` for photos; ``("", index)`` for a section."""
        mime = event.mimeData()
        point = event.position().toPoint()
        item = self.itemAt(point)
        if mime.hasFormat(PHOTO_IDS_MIME):
            if item is None or not item.data(0, SECTION_ID_ROLE):
                return None
            return str(item.data(0, SECTION_ID_ROLE)), str(item.data(0, PHOTO_ID_ROLE) or "")
        if not mime.hasFormat(SECTION_ID_MIME):
            return None
        moving = bytes(mime.data(SECTION_ID_MIME).data()).decode()
        return "", self._section_index_at(item, point, moving)

    def _section_index_at(self, item: QTreeWidgetItem | None, point: QPoint, moving_id: str) -> int:
        moving = self._section_index(moving_id)
        if item is None or not item.data(0, SECTION_ID_ROLE):
            index = self.topLevelItemCount()
        else:
            top = item.parent() or item
            index = self.indexOfTopLevelItem(top)
            rect = self.visualItemRect(top)
            if item is not top or point.y() > rect.center().y():
                index += 1
        # The section leaves its place first: below it, everything moves up one.
        return index - 1 if moving is not None and moving < index else index

    def _section_index(self, section_id: str) -> int | None:
        for index in range(self.topLevelItemCount()):
            if _top(self, index).data(0, SECTION_ID_ROLE) == section_id:
                return index
        return None

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        item = self.itemAt(event.pos())
        if item is not None and not item.isSelected():
            self.setCurrentItem(item)
        self.context_menu_requested.emit(event.globalPos())
