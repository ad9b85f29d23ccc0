"""The exhibition tree: sections in visit order with their photos, arranged by drag and drop.

The panel only shows and reports: a drop becomes a signal (photos onto a section, a section
to a new place) and the context menu's actions are public, for the section controller to
act on. Photos travel as ``PHOTO_IDS_MIME`` (from the library or within the tree), a
section as ``SECTION_ID_MIME`` (see :mod:`curator.ui.views.section_tree`).

The panel follows changes where they are: a new structure replaces only the sections whose
title or photos differ (a photo placed in a section makes that section's rows and its old
section's anew, not the other 10,000), a moved section moves its row, and an edited
headline changes its photo's row alone.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QMenu, QTreeWidgetItem, QVBoxLayout, QWidget

from curator.core.model import Section
from curator.i18n import _, current_language, ngettext
from curator.ui.views.section_dialog import SectionDialog as SectionDialog  # its old home
from curator.ui.views.section_tree import PHOTO_ID_ROLE as PHOTO_ID_ROLE
from curator.ui.views.section_tree import PHOTO_IDS_MIME as PHOTO_IDS_MIME
from curator.ui.views.section_tree import SECTION_ID_MIME as SECTION_ID_MIME
from curator.ui.views.section_tree import SECTION_ID_ROLE as SECTION_ID_ROLE
from curator.ui.views.section_tree import SectionTree as SectionTree
from curator.ui.views.section_tree import _child, _moved, _top
from curator.ui.views.section_tree import photo_ids_mime as photo_ids_mime
from curator.ui.views.tree_filler import TreeFiller

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
        #: Every photo row made so far, by photo id.
        self._photo_items: dict[str, QTreeWidgetItem] = {}
        #: The file names the rows were made with (a project opened brings new ones).
        self._names_shown: dict[str, str] = self.file_names
        #: Headlines edited while their photo's row was still to be made (by the filler).
        self._edited: dict[str, dict[str, str]] = {}
        self.retranslate_ui()

    def set_structure(
        self,
        sections: list[tuple[Section, list[tuple[str, dict[str, str]]]]],
        languages: list[str],
        unplaced: int,
    ) -> None:
        """Sections with ``(photo id, headline by language)`` rows, and the unplaced count.

        Only the sections that differ from what is shown are made anew (see
        :meth:`_update`); a new project, new languages or a large change rebuild the tree.
        """
        old, self._sections = self._sections, sections
        same_languages = languages == self._languages
        self._languages = languages
        self._unplaced = unplaced
        if not (same_languages and self._update(old)):
            self._rebuild()

    def show_headlines(self, headlines: dict[str, dict[str, str]]) -> None:
        """Show photos' edited headlines (by language) in their rows, and nothing else.

        A photo without a headline left shows its file name again. Each row changes alone
        (one ``dataChanged``): the tree lays nothing out anew.
        """
        changed: dict[str, dict[str, dict[str, str]]] = {}  # by section
        for photo_id, texts in headlines.items():
            item = self._photo_items.get(photo_id)
            if item is None:  # still to be made by the filler, or in no section
                if self.filler.busy:
                    self._edited[photo_id] = texts
                continue
            name = self.file_names.get(photo_id, photo_id)
            text = pick_text(texts, self._languages) or name
            if item.text(0) != text:
                item.setText(0, text)
            changed.setdefault(str(item.data(0, SECTION_ID_ROLE)), {})[photo_id] = texts
        # What is shown is remembered, so that the next structure finds these rows unchanged.
        for number, (section, photos) in enumerate(self._sections):
            edited = changed.get(section.id)
            if edited:
                rows = [(pid, edited.get(pid, texts)) for pid, texts in photos]
                self._sections[number] = (section, rows)

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
        if section_id is not None:
            top = self._find(section_id, None)
            if top is not None:
                top.setSelected(True)
                self.tree.setCurrentItem(top)
        for photo_id in wanted:
            child = self._photo_items.get(photo_id)
            if child is not None:
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
            child = self._photo_items.get(photo_id)
            return child if child is not None and child.parent() is top else None
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
        keep = self._place(self.tree.currentItem())
        blocked = self.tree.blockSignals(True)
        try:
            self._fill()
            restored = self._find(*keep) if keep else None
            if restored is None and keep:
                restored = self._find(keep[0], None)
                if keep[1] and self.filler.busy:  # its row comes with a later slice
                    self._restore = (keep[0], keep[1])
            if restored is not None:
                self.tree.setCurrentItem(restored, 0, QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            self.tree.blockSignals(blocked)
        self.update_actions()

    def _fill(self) -> None:
        """The sections at once; their photos too, or in slices for a large exhibition."""
        self.filler.cancel()
        self._restore = None
        self._edited = {}
        self.tree.clear()
        self._photo_items = {}
        self._names_shown = self.file_names
        sliced = sum(len(photos) for _section, photos in self._sections) > FILL_AT_ONCE
        jobs: list[tuple[QTreeWidgetItem, list[object]]] = []
        for number, (section, photos) in enumerate(self._sections, start=1):
            item = QTreeWidgetItem()
            item.setData(0, SECTION_ID_ROLE, section.id)
            self._label(item, number, section)
            self.tree.addTopLevelItem(item)
            if sliced:
                jobs.append((item, [(section.id, photo_id, texts) for photo_id, texts in photos]))
            else:
                self._set_photos(item, section.id, photos)
        self._add_unplaced_row()
        if jobs:
            self.filler.start(jobs, self._photo_row)

    def _update(self, old: list[tuple[Section, list[tuple[str, dict[str, str]]]]]) -> bool:
        """Change only what differs from ``old``; False when rebuilding is the better way.

        Sections that went are taken out, new ones put in, rows out of place moved (as
        :meth:`reorder` does), titles relabelled, and the photo rows of a section made anew
        only when its photos (or their headlines) changed. The current row stays.
        """
        if self.filler.busy or not old or self.tree.topLevelItemCount() == 0:
            return False
        if self.file_names is not self._names_shown:  # another project's names: all anew
            return False
        before = {section.id: photos for section, photos in old}
        remade = [
            (section, photos)
            for section, photos in self._sections
            if before.get(section.id) != photos
        ]
        if sum(len(photos) for _section, photos in remade) > FILL_AT_ONCE:
            return False
        current = self.tree.currentItem()
        keep = self._place(current)
        blocked = self.tree.blockSignals(True)
        try:
            wanted = {section.id for section, _photos in self._sections}
            items: dict[str, QTreeWidgetItem] = {}
            for index in reversed(range(self.tree.topLevelItemCount())):
                item = _top(self.tree, index)
                section_id = item.data(0, SECTION_ID_ROLE)
                if section_id in wanted:
                    items[str(section_id)] = item
                    continue
                self._forget_photos(item)  # a section deleted, or the row of unplaced photos
                self.tree.takeTopLevelItem(index)
            for section, _photos in self._sections:
                if section.id not in items:
                    item = QTreeWidgetItem()
                    item.setData(0, SECTION_ID_ROLE, section.id)
                    self.tree.addTopLevelItem(item)
                    items[section.id] = item
            order = [section.id for section, _photos in self._sections]
            shown = [
                str(_top(self.tree, index).data(0, SECTION_ID_ROLE))
                for index in range(self.tree.topLevelItemCount())
            ]
            for section_id in _moved(shown, order):
                item = items[section_id]
                self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(item))
                self.tree.insertTopLevelItem(order.index(section_id), item)
                item.setExpanded(True)
            for number, (section, photos) in enumerate(self._sections, start=1):
                item = items[section.id]
                self._label(item, number, section)
                if before.get(section.id) != photos:
                    self._forget_photos(item)
                    item.takeChildren()
                    self._set_photos(item, section.id, photos)
            self._add_unplaced_row()
            if current is not None and self.tree.currentItem() is not current and keep:
                restored = self._find(*keep) or self._find(keep[0], None)
                if restored is not None:
                    flag = QItemSelectionModel.SelectionFlag.NoUpdate
                    self.tree.setCurrentItem(restored, 0, flag)
        finally:
            self.tree.blockSignals(blocked)
        self.update_actions()
        return True

    @staticmethod
    def _place(item: QTreeWidgetItem | None) -> tuple[str, str | None] | None:
        """``(section id, photo id or None)`` of a row; None for no row or the unplaced one."""
        if item is None or not item.data(0, SECTION_ID_ROLE):
            return None
        photo_id = item.data(0, PHOTO_ID_ROLE)
        return str(item.data(0, SECTION_ID_ROLE)), str(photo_id) if photo_id else None

    def _label(self, item: QTreeWidgetItem, number: int, section: Section) -> None:
        """A section's row text: its number in the visit and its title; its intro as tip."""
        title = pick_text(section.title, self._languages) or _("Untitled section")
        text, tip = f"{number}. {title}", pick_text(section.intro, self._languages)
        if item.text(0) != text:  # an unchanged row is not repainted
            item.setText(0, text)
        if item.toolTip(0) != tip:
            item.setToolTip(0, tip)

    def _set_photos(
        self, item: QTreeWidgetItem, section_id: str, photos: list[tuple[str, dict[str, str]]]
    ) -> None:
        item.addChildren([self._photo_row((section_id, pid, texts)) for pid, texts in photos])
        item.setExpanded(True)

    def _forget_photos(self, item: QTreeWidgetItem) -> None:
        for row in range(item.childCount()):
            photo_id = _child(item, row).data(0, PHOTO_ID_ROLE)
            if self._photo_items.get(photo_id) is _child(item, row):
                del self._photo_items[photo_id]

    def _add_unplaced_row(self) -> None:
        if not self._unplaced:
            return
        text = ngettext(
            "%(count)d photo in no section", "%(count)d photos in no section", self._unplaced
        ) % {"count": self._unplaced}
        unplaced = QTreeWidgetItem([text])
        unplaced.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.tree.addTopLevelItem(unplaced)

    def _photo_row(self, row: object) -> QTreeWidgetItem:
        """A photo's row: its headline (else its file name), its section and id."""
        section_id, photo_id, texts = cast(tuple[str, str, dict[str, str]], row)
        texts = self._edited.pop(photo_id, texts) if self._edited else texts
        name = self.file_names.get(photo_id, photo_id)
        child = QTreeWidgetItem([pick_text(texts, self._languages) or name])
        child.setToolTip(0, name)
        child.setData(0, SECTION_ID_ROLE, section_id)
        child.setData(0, PHOTO_ID_ROLE, photo_id)
        self._photo_items[photo_id] = child
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
