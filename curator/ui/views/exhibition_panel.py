"""The exhibition tree: sections in visit order with their photos, arranged by drag and drop.

The panel only shows and reports: a drop becomes a signal (photos onto a section, a section
to a new place) and the context menu's actions are public, for the section controller to
act on. Photos travel as ``PHOTO_IDS_MIME`` (from the library or within the tree), a
section as ``SECTION_ID_MIME``.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QItemSelectionModel, QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QDrag,
    QDragMoveEvent,
    QDropEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator.core.model import Section
from curator.i18n import _, current_language, ngettext
from curator.ui.views.section_dialog import SectionDialog as SectionDialog  # its old home
from curator.ui.views.tree_filler import TreeFiller

PHOTO_IDS_MIME = "application/x-curator-photo-ids"
SECTION_ID_MIME = "application/x-curator-section-id"
SECTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PHOTO_ID_ROLE = Qt.ItemDataRole.UserRole + 2
#: Up to this many photo rows the tree is filled at once; more are added in slices.
FILL_AT_ONCE = 1000


def pick_text(texts: dict[str, str], languages: list[str]) -> str:
    """The text in the interface language if the project has it, else the first language."""
    ui_language = current_language()
    if texts.get(ui_language):
        return texts[ui_language]
    for tag in languages:
        if texts.get(tag):
            return texts[tag]
    return next(iter(texts.values()), "")


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


class ExhibitionPanel(QWidget):
    """Sections and their photos as a tree, with a context menu to edit them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = SectionTree()
        self.menu = QMenu(self)
        self.new_section_action = QAction(self)
        self.rename_section_action = QAction(self)
        self.remove_photos_action = QAction(self)
        self.delete_section_action = QAction(self)
        self.menu.addAction(self.new_section_action)
        self.menu.addAction(self.rename_section_action)
        self.menu.addSeparator()
        self.menu.addAction(self.remove_photos_action)
        self.menu.addAction(self.delete_section_action)
        self.tree.context_menu_requested.connect(self._on_tree_context_menu_requested)
        self.tree.itemSelectionChanged.connect(self.update_actions)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        self._sections: list[tuple[Section, list[tuple[str, dict[str, str]]]]] = []
        self._languages: list[str] = []
        self._unplaced = 0
        #: File names by photo id: what a photo without a headline is called in the tree.
        self.file_names: dict[str, str] = {}
        self.editable = False
        #: Adds a large exhibition's photo rows in slices (the sections show at once).
        self.filler = TreeFiller(parent=self)
        self.filler.finished.connect(self._on_filler_finished)
        #: The row to make current again once its photo's row is there.
        self._restore: tuple[str, str] | None = None
        self.retranslate_ui()

    def set_structure(
        self,
        sections: list[tuple[Section, list[tuple[str, dict[str, str]]]]],
        languages: list[str],
        unplaced: int,
    ) -> None:
        """Sections with ``(photo id, headline by language)`` rows, and the unplaced count."""
        self._sections = sections
        self._languages = languages
        self._unplaced = unplaced
        self._rebuild()

    def reorder(self, section_ids: list[str]) -> None:
        """Show the sections in this order (after a move): rows moved, none made anew."""
        by_id = {section.id: (section, photos) for section, photos in self._sections}
        if set(by_id) != set(section_ids):
            self._rebuild()
            return
        self._sections = [by_id[section_id] for section_id in section_ids]
        blocked = self.tree.blockSignals(True)
        try:
            current = self.tree.currentItem()
            rows = {
                _top(self.tree, index).data(0, SECTION_ID_ROLE): index
                for index in range(len(section_ids))
            }
            items = [_top(self.tree, rows[section_id]) for section_id in section_ids]
            # A row holds its photos and moving it costs as much as they are many: only the
            # rows out of place move (one, after a drag), each straight to its place.
            old = sorted(rows, key=rows.__getitem__)
            for section_id in _moved(old, section_ids):
                item = items[section_ids.index(section_id)]
                self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(item))
                self.tree.insertTopLevelItem(section_ids.index(section_id), item)
                item.setExpanded(True)
            for number, (item, (section, _photos)) in enumerate(
                zip(items, self._sections, strict=True), start=1
            ):
                title = pick_text(section.title, self._languages) or _("Untitled section")
                item.setText(0, f"{number}. {title}")
            if current is not None and self.tree.currentItem() is not current:
                self.tree.setCurrentItem(current, 0, QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            self.tree.blockSignals(blocked)
        self.update_actions()

    def set_editable(self, editable: bool) -> None:
        """Allow drops and the editing actions (not for a read-only project)."""
        self.editable = editable
        self.tree.setDragDropMode(
            QAbstractItemView.DragDropMode.DragDrop
            if editable
            else QAbstractItemView.DragDropMode.NoDragDrop
        )
        self.tree.viewport().setAcceptDrops(editable)
        self.update_actions()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.tree.setHeaderLabels([_("Sections in visit order")])
        self.tree.setAccessibleName(_("Sections"))
        self.new_section_action.setText(_("&New Section…"))
        self.rename_section_action.setText(_("&Rename Section…"))
        self.remove_photos_action.setText(_("Remove from &Section"))
        self.delete_section_action.setText(_("&Delete Section"))
        self._rebuild()

    def selected_section_id(self) -> str | None:
        """The section selected, or the section of the first selected photo."""
        for item in self.tree.selectedItems():
            if item.data(0, SECTION_ID_ROLE):
                return str(item.data(0, SECTION_ID_ROLE))
        return None

    def current_section_id(self) -> str | None:
        """The section of the current row (the one clicked last), whatever the selection.

        A mouse click makes the row current before it updates the selection, so whoever
        follows ``currentItemChanged`` reads this, never the selection of a moment ago.
        """
        item = self.tree.currentItem()
        if item is None or not item.data(0, SECTION_ID_ROLE):
            return None
        return str(item.data(0, SECTION_ID_ROLE))

    def selected_photo_ids(self) -> list[str]:
        """The photos selected in the tree, top to bottom."""
        # Qt lists the selected rows (in the order they were selected); only those are
        # visited, never the thousands of photos in the tree.
        rows = []
        for item in self.tree.selectedItems():
            parent = item.parent()
            if parent is not None and item.data(0, PHOTO_ID_ROLE):
                place = (self.tree.indexOfTopLevelItem(parent), parent.indexOfChild(item))
                rows.append((place, str(item.data(0, PHOTO_ID_ROLE))))
        return [photo_id for _place, photo_id in sorted(rows)]

    def select(self, section_id: str | None = None, photo_ids: list[str] | None = None) -> None:
        """Select a section, or photos, by id (after a change shows them elsewhere)."""
        wanted = set(photo_ids or [])
        if section_id is not None and not wanted:
            top = self.item_for(section_id)
            if top is not None:  # one selection change, not a clear and a select
                flags = QItemSelectionModel.SelectionFlag
                self.tree.setCurrentItem(top, 0, flags.ClearAndSelect | flags.Rows)
                return
        self.filler.finish()
        self.tree.clearSelection()
        for index in range(self.tree.topLevelItemCount()):
            top = _top(self.tree, index)
            if section_id is not None and top.data(0, SECTION_ID_ROLE) == section_id:
                top.setSelected(True)
                self.tree.setCurrentItem(top)
            if not wanted:
                continue
            for row in range(top.childCount()):
                child = _child(top, row)
                if child.data(0, PHOTO_ID_ROLE) in wanted:
                    child.setSelected(True)

    def item_for(self, section_id: str, photo_id: str | None = None) -> QTreeWidgetItem | None:
        """The row showing a section or one of its photos (rows still to come made now)."""
        if photo_id is not None:
            self.filler.finish()
        return self._find(section_id, photo_id)

    def _find(self, section_id: str, photo_id: str | None) -> QTreeWidgetItem | None:
        for index in range(self.tree.topLevelItemCount()):
            top = _top(self.tree, index)
            if top.data(0, SECTION_ID_ROLE) != section_id:
                continue
            if photo_id is None:
                return top
            for row in range(top.childCount()):
                if _child(top, row).data(0, PHOTO_ID_ROLE) == photo_id:
                    return _child(top, row)
        return None

    def update_actions(self) -> None:
        """Enable the actions that apply to what is selected."""
        self.new_section_action.setEnabled(self.editable)
        has_section = self.selected_section_id() is not None
        self.rename_section_action.setEnabled(self.editable and has_section)
        self.delete_section_action.setEnabled(self.editable and has_section)
        self.remove_photos_action.setEnabled(self.editable and bool(self.selected_photo_ids()))

    def _rebuild(self) -> None:
        # The rows are made anew; the current row stays on the same section (or photo), and
        # nobody is told of a change in between (Qt makes the first row current as it clears,
        # which would draw section 1 on the layout after every edit).
        current = self.tree.currentItem()
        keep = (
            (current.data(0, SECTION_ID_ROLE), current.data(0, PHOTO_ID_ROLE))
            if current is not None
            else None
        )
        blocked = self.tree.blockSignals(True)
        try:
            self._fill()
            restored = self._find(str(keep[0]), keep[1] or None) if keep and keep[0] else None
            if restored is None and keep and keep[0]:
                restored = self._find(str(keep[0]), None)
                if keep[1] and self.filler.busy:  # its row comes with a later slice
                    self._restore = (str(keep[0]), str(keep[1]))
            if restored is not None:
                self.tree.setCurrentItem(restored, 0, QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            self.tree.blockSignals(blocked)
        self.update_actions()

    def _fill(self) -> None:
        """The sections at once; their photos too, or in slices for a large exhibition."""
        self.filler.cancel()
        self._restore = None
        self.tree.clear()
        sliced = sum(len(photos) for _section, photos in self._sections) > FILL_AT_ONCE
        jobs: list[tuple[QTreeWidgetItem, list[object]]] = []
        for number, (section, photos) in enumerate(self._sections, start=1):
            title = pick_text(section.title, self._languages) or _("Untitled section")
            item = QTreeWidgetItem([f"{number}. {title}"])
            item.setData(0, SECTION_ID_ROLE, section.id)
            item.setToolTip(0, pick_text(section.intro, self._languages))
            rows: list[object] = [(section.id, photo_id, texts) for photo_id, texts in photos]
            self.tree.addTopLevelItem(item)
            if sliced:
                jobs.append((item, rows))
            else:
                item.addChildren([self._photo_row(row) for row in rows])
                item.setExpanded(True)
        if self._unplaced:
            unplaced = QTreeWidgetItem(
                [
                    ngettext(
                        "%(count)d photo in no section",
                        "%(count)d photos in no section",
                        self._unplaced,
                    )
                    % {"count": self._unplaced}
                ]
            )
            unplaced.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(unplaced)
        if jobs:
            self.filler.start(jobs, self._photo_row)

    def _photo_row(self, row: object) -> QTreeWidgetItem:
        """A photo's row: its headline (else its file name), its section and id."""
        section_id, photo_id, texts = cast(tuple[str, str, dict[str, str]], row)
        name = self.file_names.get(photo_id, photo_id)
        child = QTreeWidgetItem([pick_text(texts, self._languages) or name])
        child.setToolTip(0, name)
        child.setData(0, SECTION_ID_ROLE, section_id)
        child.setData(0, PHOTO_ID_ROLE, photo_id)
        return child

    def _on_filler_finished(self) -> None:
        restore, self._restore = self._restore, None
        current = self.tree.currentItem()
        if restore is None or current is None or current.data(0, PHOTO_ID_ROLE):
            return
        if current.data(0, SECTION_ID_ROLE) != restore[0]:
            return  # the person moved on meanwhile
        item = self._find(*restore)
        if item is not None:
            blocked = self.tree.blockSignals(True)
            self.tree.setCurrentItem(item, 0, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.tree.blockSignals(blocked)

    def _on_tree_context_menu_requested(self, position: QPoint) -> None:
        self.update_actions()
        self.menu.popup(position)
