"""Arranging sections in the window: drops, the tree's context menu, undo and redo.

Every change is written first (one operation of ``service.operations.sections``, one
transaction) and its change set's undo data is then pushed on the window's one undo stack (the
caption controller's), so Edit > Undo covers captions and sections alike, in the order they
were made.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMenu

from curator.core.errors import CuratorError
from curator.core.model import CaptionField
from curator.core.operations import ChangeSet, Undo
from curator.core.services import ProjectService
from curator.core.storage.backups import SnapshotReason
from curator.i18n import _, ngettext
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.main_window import MainWindow
from curator.ui.undo import ChangeCommand
from curator.ui.views.dialogs import Dialogs
from curator.ui.views.exhibition_panel import SectionDialog, pick_text

if TYPE_CHECKING:
    from curator.ui.controllers.backup_controller import BackupController


class SectionController:
    """Connects the exhibition tree to the project's sections and the undo stack."""

    def __init__(
        self,
        window: MainWindow,
        projects: ProjectController,
        dialogs: Dialogs,
        undo_stack: QUndoStack,
        backups: BackupController | None = None,
    ) -> None:
        self._window = window
        self._projects = projects
        self._dialogs = dialogs
        self._backups = backups
        self.undo_stack = undo_stack
        panel = window.exhibition
        panel.tree.photos_dropped.connect(self.place_photos)
        panel.tree.section_dropped.connect(self.move_section)
        panel.new_section_action.triggered.connect(self.ask_new_section)
        panel.rename_section_action.triggered.connect(self._on_rename_section_action_triggered)
        panel.remove_photos_action.triggered.connect(self._on_remove_photos_action_triggered)
        panel.delete_section_action.triggered.connect(self._on_delete_section_action_triggered)
        window.library.remove_from_section_action.triggered.connect(
            self._on_library_remove_from_section_action_triggered
        )
        projects.project_opened.connect(lambda service: panel.set_editable(service.may_arrange))
        projects.project_closed.connect(lambda: panel.set_editable(False))
        projects.project_closed.connect(self._forget_target)
        #: The section B sends photos to: the last one chosen from the library's menu.
        self.target_section_id: str | None = None
        self.add_to_section_menu = QMenu(window)
        self.add_to_target_action = QAction(window)
        self.add_to_target_action.triggered.connect(self.add_selection_to_target)
        window.library.context_menu_requested.connect(self._on_library_context_menu_requested)
        # B as in Lightroom's target collection: in the library and on the photo only
        # (window-wide, a bare letter would fire while typing a caption).
        for widget in (window.library, window.photo_view):
            shortcut = QAction(widget)
            shortcut.setShortcut(QKeySequence("B"))
            shortcut.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.triggered.connect(self.add_selection_to_target)
            widget.addAction(shortcut)

    # -- the library's "Add to Section" -------------------------------------------------

    def target(self) -> str | None:
        """Where B sends photos: the section chosen last, else the one current in the tree."""
        service = self._projects.service
        if service is None:
            return None
        existing = {section.id for section in service.queries.sections()}
        if self.target_section_id in existing:
            return self.target_section_id
        current = self._window.exhibition.current_section_id()
        return current if current in existing else None

    def add_selection_to_target(self) -> bool:
        """B: the library's selected photos join the target section."""
        section_id = self.target()
        if section_id is None:
            self._window.statusBar().showMessage(
                _(
                    "Choose a section first: right-click the photos and pick one under "
                    "Add to Section, or click a section in the Exhibition."
                ),
                8000,
            )
            return False
        return self.add_to_section(section_id, self._window.library.selected_photo_ids())

    def add_to_section(self, section_id: str, photo_ids: list[str]) -> bool:
        """Photos join a section at its end (those already in it stay where they are).

        The section becomes the target for B.
        """
        service = self._writable()
        if service is None or not photo_ids:
            return False
        self.target_section_id = section_id
        members = set(service.queries.section_photo_ids(section_id))
        joining = [pid for pid in photo_ids if pid not in members]
        title = self._title(service, section_id)
        if not joining:
            self._window.statusBar().showMessage(
                _("Already in “%(section)s”.") % {"section": title}, 5000
            )
            return False
        if not self.place_photos(joining, section_id, ""):
            return False
        self._window.statusBar().showMessage(
            ngettext(
                "%(count)d photo added to “%(section)s” (B adds more).",
                "%(count)d photos added to “%(section)s” (B adds more).",
                len(joining),
            )
            % {"count": len(joining), "section": title},
            8000,
        )
        return True

    def _fill_library_menu(self) -> None:
        window = self._window
        service = self._projects.service
        menu = window.library.menu
        menu.clear()
        self.add_to_section_menu.clear()
        self.add_to_section_menu.setTitle(_("&Add to Section"))
        menu.addMenu(self.add_to_section_menu)
        writable = service is not None and not service.read_only
        self.add_to_section_menu.setEnabled(writable)
        if service is None:
            menu.addAction(window.library.remove_from_section_action)
            return
        for number, section in enumerate(service.queries.sections(), start=1):
            title = pick_text(section.title, self._languages(service)) or _("Untitled section")
            action = self.add_to_section_menu.addAction(f"{number}. {title}")
            action.triggered.connect(partial(self._add_selection_to, section.id))
        self.add_to_section_menu.addSeparator()
        new = self.add_to_section_menu.addAction(_("&New Section…"))
        new.triggered.connect(self._add_selection_to_new_section)
        target = self.target()
        if target is not None:
            self.add_to_target_action.setText(
                _("Add to “%(section)s”") % {"section": self._title(service, target)} + "\tB"
            )
            self.add_to_target_action.setEnabled(writable)
            menu.addAction(self.add_to_target_action)
        menu.addAction(window.library.remove_from_section_action)

    def _on_library_context_menu_requested(self, position: QPoint) -> None:
        self._fill_library_menu()
        self._window.library.menu.popup(position)

    def _add_selection_to(self, section_id: str) -> None:
        self.add_to_section(section_id, self._window.library.selected_photo_ids())

    def _add_selection_to_new_section(self) -> None:
        photo_ids = self._window.library.selected_photo_ids()
        section_id = self.ask_new_section()
        if section_id is not None:
            self.add_to_section(section_id, photo_ids)

    def _forget_target(self) -> None:
        self.target_section_id = None

    # -- what drops and menu actions call ------------------------------------------------

    def place_photos(self, photo_ids: list[str], section_id: str, before_photo_id: str) -> bool:
        """Put photos in a section, before one of its photos ("": at the end)."""
        service = self._writable()
        if service is None or not photo_ids:
            return False
        try:
            changes = service.operations.sections.assign(
                section_id, photo_ids, before_photo_id or None
            )
        except CuratorError as error:
            return self._refused(error)
        title = self._title(service, section_id)
        label = ngettext(
            "Place %(count)d photo in “%(section)s”",
            "Place %(count)d photos in “%(section)s”",
            len(photo_ids),
        ) % {"count": len(photo_ids), "section": title}
        self._apply(changes, label)
        self._window.exhibition.select(photo_ids=photo_ids)
        return True

    def move_section(self, section_id: str, index: int) -> bool:
        """Move a section to ``index`` of the visit (0 first)."""
        service = self._writable()
        if service is None:
            return False
        try:
            changes = service.operations.sections.move(section_id, index)
        except CuratorError as error:
            return self._refused(error)
        label = _("Move section “%(section)s”") % {"section": self._title(service, section_id)}
        self._apply(changes, label)
        self._window.exhibition.select(section_id=section_id)
        return True

    def follow(self, changes: ChangeSet) -> None:
        """Show what a change set did to the sections.

        A new order of the visit is shown without reading anything else; sections or photos
        placed, named, added or deleted show the structure again.
        """
        service = self._projects.service
        if service is None:
            return
        if changes.section_order:
            order = service.queries.section_order()
            self._window.exhibition.reorder(order)
            self._projects.follow_section_order(order)
        elif changes.sections or changes.photos:
            self.show_structure()

    def _apply(self, changes: ChangeSet, label: str) -> None:
        """Show a change just written and keep its undo data on the stack."""
        self.follow(changes)
        if changes.undo is not None:
            self.undo_stack.push(ChangeCommand(label, self._step, changes.undo))

    def _step(self, undo: Undo) -> ChangeSet | None:
        service = self._projects.service
        if service is None:
            return None
        try:
            changes = service.operations.undo(undo)
        except CuratorError:
            self.show_structure()
            raise
        self.follow(changes)
        return changes

    def add_section(self, title: dict[str, str], intro: dict[str, str]) -> str | None:
        """Append a section; returns its id (None, and a message, when refused)."""
        service = self._writable()
        if service is None:
            return None
        try:
            section, changes = service.operations.sections.add(title, intro)
        except CuratorError as error:
            self._refused(error)
            return None
        label = _("New section “%(section)s”") % {"section": self._title(service, section.id)}
        self._apply(changes, label)
        self._window.exhibition.select(section_id=section.id)
        return section.id

    def rename_section(self, section_id: str, title: dict[str, str], intro: dict[str, str]) -> bool:
        """Replace a section's titles and introductions."""
        service = self._writable()
        if service is None:
            return False
        old = self._title(service, section_id)
        try:
            changes = service.operations.sections.set_texts(section_id, title, intro)
        except CuratorError as error:
            return self._refused(error)
        self._apply(changes, _("Rename section “%(section)s”") % {"section": old})
        self._window.exhibition.select(section_id=section_id)
        return True

    def remove_photos(self, photo_ids: list[str]) -> bool:
        """Take photos out of their sections; they stay in the project."""
        service = self._writable()
        if service is None or not photo_ids:
            return False
        try:
            changes = service.operations.sections.unassign(photo_ids)
        except CuratorError as error:
            return self._refused(error)
        label = ngettext(
            "Remove %(count)d photo from its section",
            "Remove %(count)d photos from their sections",
            len(photo_ids),
        ) % {"count": len(photo_ids)}
        self._apply(changes, label)
        return True

    def delete_section(self, section_id: str) -> bool:
        """Delete a section after asking; its photos stay in the project, in no section."""
        service = self._writable()
        if service is None:
            return False
        title = self._title(service, section_id)
        count = len(service.queries.section_photo_ids(section_id))
        question = ngettext(
            "Delete the section “%(section)s”? Its %(count)d photo stays in the project, "
            "in no section.",
            "Delete the section “%(section)s”? Its %(count)d photos stay in the project, "
            "in no section.",
            count,
        ) % {"section": title, "count": count}
        if not self._dialogs.confirm(
            self._window, _("Delete Section"), question, _("Delete Section")
        ):
            return False
        if self._backups is None:
            return self._delete_section(section_id, title, backup=True)
        # The snapshot is written on a worker; the section goes once it is safe.
        self._backups.guard(
            SnapshotReason.DELETE_SECTION,
            title,
            lambda: self._delete_section(section_id, title, backup=False),
        )
        return True

    def _delete_section(self, section_id: str, title: str, *, backup: bool) -> bool:
        service = self._writable()
        if service is None:
            return False
        try:
            changes = service.operations.sections.delete(section_id, backup=backup)
        except CuratorError as error:
            return self._refused(error)
        # Its redo puts back a state the person already left once: no second snapshot.
        self._apply(changes, _("Delete section “%(section)s”") % {"section": title})
        return True

    def ask_new_section(self) -> str | None:
        """Ask for a new section's title and introduction, then add it; returns its id."""
        service = self._writable()
        if service is None:
            return None
        dialog = SectionDialog(self._languages(service), None, self._window)
        if self._dialogs.run(dialog):
            return self.add_section(dialog.titles(), dialog.intros())
        return None

    # -- showing -------------------------------------------------------------------------

    def show_structure(self) -> None:
        """Show the sections as they are now, and recount readiness (it rolls up per section)."""
        service = self._projects.service
        if service is None:
            return
        headlines = service.queries.texts(CaptionField.HEADLINE)
        structure = []
        placed = 0
        for section in service.queries.sections():
            photo_ids = service.queries.section_photo_ids(section.id)
            placed += len(photo_ids)
            structure.append((section, [(pid, headlines.get(pid, {})) for pid in photo_ids]))
        unplaced = service.queries.photo_count() - placed
        self._window.exhibition.set_structure(structure, self._languages(service), unplaced)
        self._projects.refresh_readiness()

    # -- helpers ---------------------------------------------------------------------------

    def _writable(self) -> ProjectService | None:
        service = self._projects.service
        return None if service is None or service.read_only else service

    def _refused(self, error: CuratorError) -> bool:
        self._dialogs.error(self._window, _("The change was not saved"), error.message)
        self.show_structure()
        return False

    @staticmethod
    def _languages(service: ProjectService) -> list[str]:
        return service.queries.languages()

    def _title(self, service: ProjectService, section_id: str) -> str:
        try:
            section = service.queries.section(section_id)
        except KeyError:
            return section_id
        return pick_text(section.title, self._languages(service)) or section_id

    def _on_rename_section_action_triggered(self) -> None:
        service = self._writable()
        section_id = self._window.exhibition.selected_section_id()
        if service is None or section_id is None:
            return
        try:
            section = service.queries.section(section_id)
        except KeyError:
            return
        dialog = SectionDialog(self._languages(service), section, self._window)
        if self._dialogs.run(dialog):
            self.rename_section(section_id, dialog.titles(), dialog.intros())

    def _on_remove_photos_action_triggered(self) -> None:
        self.remove_photos(self._window.exhibition.selected_photo_ids())

    def _on_library_remove_from_section_action_triggered(self) -> None:
        self.remove_photos(self._window.library.selected_photo_ids())

    def _on_delete_section_action_triggered(self) -> None:
        section_id = self._window.exhibition.selected_section_id()
        if section_id is not None:
            self.delete_section(section_id)
