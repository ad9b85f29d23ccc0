"""The Keywords dialog: the project's keywords, added, removed and renamed as undoable edits.

*Captions → Keywords…* lists every keyword with how many photos have it and its rendering in
each project language (from the glossary). **Add to Selected Photos** gives the photos chosen
in the library the keyword typed; **Rename To** renames the keyword chosen in the list on every
photo; **Remove** takes it off every photo. Each is one edit of
:mod:`curator.core.operations.keywords` on the window's undo stack (*Edit → Undo*); a refusal
is shown under the list and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator.core.errors import CuratorError
from curator.core.operations import ChangeSet, Operations, Undo
from curator.i18n import _
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.main_window import MainWindow
from curator.ui.undo import ChangeCommand

_KEYWORD = Qt.ItemDataRole.UserRole


class KeywordsView(QDialog):
    """Layout only: the list, the keyword typed, the three actions and a message line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.keyword = QLineEdit()
        self.add_button = QPushButton()
        self.rename_button = QPushButton()
        self.remove_button = QPushButton()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.close)
        row = QHBoxLayout()
        row.addWidget(self.keyword, 1)
        for button in (self.add_button, self.rename_button, self.remove_button):
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(720, 440)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Every visible text in the interface language."""
        self.setWindowTitle(_("Keywords"))
        self.tree.setHeaderLabels([_("Keyword"), _("Photos"), _("In each language")])
        self.keyword.setPlaceholderText(_("A keyword"))
        self.add_button.setText(_("Add to Selected Photos"))
        self.rename_button.setText(_("Rename To"))
        self.rename_button.setToolTip(_("Rename the keyword chosen in the list to the one typed"))
        self.remove_button.setText(_("Remove"))
        self.remove_button.setToolTip(_("Take the keyword chosen in the list off every photo"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(_("Close"))


class KeywordsController:
    """Fills the Keywords dialog and turns its buttons into undoable edits."""

    def __init__(
        self, window: MainWindow, projects: ProjectController, undo_stack: QUndoStack
    ) -> None:
        self._window = window
        self._projects = projects
        self.undo_stack = undo_stack
        self.view = KeywordsView(window)
        self.action = QAction(window)
        self.action.setEnabled(False)
        self.action.triggered.connect(self.show_keywords)
        view = self.view
        view.add_button.clicked.connect(self.add_to_selected)
        view.rename_button.clicked.connect(self.rename_chosen)
        view.remove_button.clicked.connect(self.remove_chosen)
        view.tree.currentItemChanged.connect(lambda item, _old: self._choose(item))
        undo_stack.indexChanged.connect(lambda _index: self.refresh())
        projects.project_opened.connect(lambda _service: self.action.setEnabled(True))
        projects.project_closing.connect(view.close)
        projects.project_closed.connect(lambda: self.action.setEnabled(False))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """The action's and the view's texts."""
        self.action.setText(_("Key&words…"))
        self.view.retranslate_ui()

    def attach(self, menu_owner: QWidget) -> None:
        """Put the action into a menu (the Captions menu)."""
        menu_owner.addAction(self.action)

    def show_keywords(self) -> None:
        """Open the dialog on the project's keywords."""
        self.view.message.clear()
        self.view.show()
        self.view.raise_()
        self.refresh()

    def keywords(self) -> list[str]:
        """The keywords listed now, in order (for tests)."""
        tree = self.view.tree
        items = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
        return [str(item.data(0, _KEYWORD)) for item in items if item is not None]

    def refresh(self) -> None:
        """List the keywords again (after an edit, an undo or a redo)."""
        service = self._projects.service
        if service is None:
            self.view.tree.clear()
            return
        if not self.view.isVisible():
            return  # listed when the dialog opens
        tree = self.view.tree
        chosen = self._chosen()
        tree.clear()
        editable = service.may_arrange
        for use in service.operations.keywords.uses():
            renderings = " · ".join(f"{tag}: {text}" for tag, text in use.renderings.items())
            item = QTreeWidgetItem([use.keyword, str(len(use.photo_ids)), renderings])
            item.setData(0, _KEYWORD, use.keyword)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            tree.addTopLevelItem(item)
            if use.keyword == chosen:
                tree.setCurrentItem(item)
        tree.resizeColumnToContents(0)
        for button in (self.view.add_button, self.view.rename_button, self.view.remove_button):
            button.setEnabled(editable)

    def add_to_selected(self) -> None:
        """Give the photos selected in the library the keyword typed."""
        photo_ids = self._window.library.selected_photo_ids()
        word = self.view.keyword.text()
        self._edit(_("Add Keyword"), lambda ops: ops.keywords.add(word, photo_ids))

    def rename_chosen(self) -> None:
        """Rename the keyword chosen in the list to the one typed, on every photo."""
        chosen, word = self._chosen(), self.view.keyword.text()
        if chosen is not None:
            self._edit(_("Rename Keyword"), lambda ops: ops.keywords.rename(chosen, word))

    def remove_chosen(self) -> None:
        """Take the keyword chosen in the list off every photo."""
        chosen = self._chosen()
        if chosen is not None:
            self._edit(_("Remove Keyword"), lambda ops: ops.keywords.remove(chosen))

    def _edit(self, label: str, write: Callable[[Operations], ChangeSet]) -> None:
        service = self._projects.service
        if service is None:
            return
        try:
            changes = write(service.operations)
        except CuratorError as error:
            self.view.message.setText(error.message)
            return
        self.view.message.clear()
        self._show_photos(changes)
        if changes.undo is not None:
            self.undo_stack.push(ChangeCommand(label, self._step, changes.undo))
        self.refresh()

    def _step(self, undo: Undo) -> ChangeSet | None:
        service = self._projects.service
        if service is None:
            return None
        changes = service.operations.undo(undo)
        self._show_photos(changes)
        return changes

    def _show_photos(self, changes: ChangeSet) -> None:
        """The Metadata panel shows the new keywords of the photo it shows."""
        service = self._projects.service
        if service is not None and changes.photos:
            for photo in service.queries.photos(sorted(changes.photos)):
                self._window.metadata.update_photo(photo)

    def _chosen(self) -> str | None:
        item = self.view.tree.currentItem()
        return None if item is None else str(item.data(0, _KEYWORD))

    def _choose(self, item: QTreeWidgetItem | None) -> None:
        if item is not None:
            self.view.keyword.setText(str(item.data(0, _KEYWORD)))
