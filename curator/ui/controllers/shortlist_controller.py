"""Shortlisting in the window: ratings and flags from the keyboard, the filter bar, compare.

Keys as in Lightroom, in the library and on the photo: 0-5 give stars, P picks, X rejects,
U takes the flag away; they act on every selected photo as one undoable edit. The filter bar's
criteria and search run through :func:`~curator.core.library.photo_filter.matching_photo_ids`: at
once
for a small project, on a worker with its own connection for a large one (one query in
flight; the newest criteria win).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMenu

from curator.core.editing.shortlist import (
    KEEP,
    LABEL_KEYS,
    Keep,
    PhotoLabel,
    PhotoMarks,
    restore_labels,
    restore_marks,
    set_label,
    set_marks,
)
from curator.core.errors import CuratorError
from curator.core.language.languages import heading_name
from curator.core.language.library_messages import explained
from curator.core.library.photo_filter import PhotoFilter, matching_photo_ids, photographers
from curator.core.library.photo_info import LABEL_NAMES
from curator.core.model import PhotoFlag
from curator.core.services import ProjectService
from curator.i18n import _, current_language, ngettext
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.controllers.worker_controller import WorkerController
from curator.ui.main_window import MainWindow
from curator.ui.tasks import TaskRunner
from curator.ui.undo import WrittenCommand
from curator.ui.views.compare_dialog import CompareDialog
from curator.ui.views.dialogs import Dialogs

#: Projects with at least this many photos are filtered on a worker thread.
FILTER_IN_BACKGROUND_FROM = 1500


def _filter_in(service: ProjectService, photo_filter: PhotoFilter) -> set[str]:
    """Run a filter on a worker's own connection, closing it after."""
    try:
        return matching_photo_ids(service, photo_filter)
    finally:
        service.close()


class ShortlistController(WorkerController):
    """Ratings, flags, the filter bar and the compare view."""

    def __init__(
        self,
        window: MainWindow,
        projects: ProjectController,
        dialogs: Dialogs,
        tasks: TaskRunner,
        undo_stack: QUndoStack,
    ) -> None:
        super().__init__(window, projects, dialogs, tasks)
        self._undo_stack = undo_stack
        self._running: PhotoFilter | None = None
        self._waiting: PhotoFilter | None = None
        self._applied = PhotoFilter()
        self.compare_dialog: CompareDialog | None = None
        self._build_actions()
        bar = window.library.filter_bar
        bar.changed.connect(self.apply_filter)
        bar.options_wanted.connect(self._fill_options)
        window.library.items_replaced.connect(self._on_library_items_replaced)
        projects.project_opened.connect(self._on_projects_project_opened)
        projects.project_closing.connect(self._on_projects_project_closing)
        self.retranslate_ui()

    # -- actions -----------------------------------------------------------------------------

    def _build_actions(self) -> None:
        window = self._window
        #: Every action and key made by :meth:`_action`.
        self.key_actions: list[QAction] = []
        self.menu = QMenu(window)
        window.menuBar().insertMenu(window.view_menu.menuAction(), self.menu)
        self.rating_actions = [self._action(str(n), self._rater(n)) for n in range(6)]
        self.pick_action = self._action("P", lambda: self.mark(flag=PhotoFlag.PICK))
        self.reject_action = self._action("X", lambda: self.mark(flag=PhotoFlag.REJECT))
        self.unflag_action = self._action("U", lambda: self.mark(flag=None))
        before = len(self.key_actions)
        self.compare_action = self._action("C", self.compare_selected)
        compare_keys = set(self.key_actions[before:])
        self.label_actions = [
            self._action(key, partial(self.label, label)) for key, label in LABEL_KEYS.items()
        ]
        #: The actions and keys that change marks (all of the above but Compare).
        self.marking_actions = [a for a in self.key_actions if a not in compare_keys]
        self.filter_action = QAction(window)
        self.filter_action.setShortcut(QKeySequence.StandardKey.Find)
        self.filter_action.triggered.connect(self._on_filter_action_triggered)
        for action in self.rating_actions:
            self.menu.addAction(action)
        self.menu.addSeparator()
        for action in (self.pick_action, self.reject_action, self.unflag_action):
            self.menu.addAction(action)
        self.menu.addSeparator()
        for action in self.label_actions:
            self.menu.addAction(action)
        self.menu.addSeparator()
        self.menu.addAction(self.compare_action)
        self.menu.addAction(self.filter_action)

    def _action(self, key: str, slot: Callable[[], None]) -> QAction:
        """An action whose one-letter key works in the library and on the photo only.

        (Window-wide, a bare letter would also fire in the exhibition tree or a list.) The
        menu shows the key after a tab, the way Qt menus show shortcuts.
        """
        action = QAction(self._window)
        action.setData(key)
        action.triggered.connect(slot)
        self.key_actions.append(action)
        for widget in self._window.photo_widgets():
            shortcut = QAction(widget)
            self.key_actions.append(shortcut)
            shortcut.setShortcut(QKeySequence(key))
            shortcut.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.triggered.connect(slot)
            widget.addAction(shortcut)
        return action

    def _rater(self, rating: int) -> Callable[[], None]:
        return lambda: self.mark(rating=rating)

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.menu.setTitle(_("&Photo"))
        texts = [_("No Stars")] + [
            ngettext("%(count)d Star", "%(count)d Stars", n) % {"count": n} for n in range(1, 6)
        ]
        for action, text in zip(self.rating_actions, texts, strict=True):
            action.setText(f"{text}\t{action.data()}")
        self.pick_action.setText(_("Pick") + "\tP")
        self.reject_action.setText(_("Reject") + "\tX")
        self.unflag_action.setText(_("Remove Flag") + "\tU")
        self.compare_action.setText(_("Compare Two Photos") + "\tC")
        for action, label in zip(self.label_actions, LABEL_KEYS.values(), strict=True):
            name = _(LABEL_NAMES[label])
            action.setText(_("Label %(colour)s") % {"colour": name} + f"\t{action.data()}")
        self.filter_action.setText(_("Search Captions"))
        if self.compare_dialog is not None:
            self.compare_dialog.retranslate_ui()
        self._fill_languages()

    @property
    def _service(self) -> ProjectService | None:
        return self._projects.service

    # -- marks -----------------------------------------------------------------------------

    def mark(
        self, *, rating: int | Keep | None = KEEP, flag: PhotoFlag | Keep | None = KEEP
    ) -> None:
        """Rate and/or flag the selected photos, as one undoable edit."""
        service = self._service
        photo_ids = self._window.library.selected_photo_ids()
        if service is None or not photo_ids:
            return
        try:
            before, after = set_marks(service, photo_ids, rating=rating, flag=flag)
        except CuratorError as error:
            self._dialogs.error(self._window, _("The change was not saved"), error.message)
            return
        if not after:
            return
        self._undo_stack.push(
            WrittenCommand(
                self._label(rating, flag), partial(self._apply, before), partial(self._apply, after)
            )
        )
        self._show_marks([m.photo_id for m in after])

    def label(self, colour: str) -> None:
        """6-9: give the selected photos a colour label (the same key again takes it off)."""
        service = self._service
        photo_ids = self._window.library.selected_photo_ids()
        if service is None or not photo_ids:
            return
        try:
            before, after = set_label(service, photo_ids, colour, toggle=True)
        except CuratorError as error:
            self._dialogs.error(self._window, _("The change was not saved"), error.message)
            return
        if not after:
            return
        text = (
            _("Label %(colour)s") % {"colour": _(LABEL_NAMES[colour])}
            if after[0].label
            else _("Remove label")
        )
        self._undo_stack.push(
            WrittenCommand(
                text, partial(self._apply_labels, before), partial(self._apply_labels, after)
            )
        )
        self._show_marks([item.photo_id for item in after])

    def _apply_labels(self, labels: list[PhotoLabel]) -> None:
        service = self._service
        if service is None:
            return
        restore_labels(service, labels)
        self._show_marks([item.photo_id for item in labels])

    @staticmethod
    def _label(rating: int | Keep | None, flag: PhotoFlag | Keep | None) -> str:
        if not isinstance(rating, Keep):
            return ngettext("Rate %(count)d star", "Rate %(count)d stars", rating or 0) % {
                "count": rating or 0
            }
        if flag == PhotoFlag.PICK:
            return _("Pick")
        if flag == PhotoFlag.REJECT:
            return _("Reject")
        return _("Remove flag")

    def _apply(self, marks: list[PhotoMarks]) -> None:
        service = self._service
        if service is None:
            return
        restore_marks(service, marks)
        self._show_marks([m.photo_id for m in marks])

    def show_marks(self, photo_ids: list[str]) -> None:
        """Redraw photos whose marks changed elsewhere (another window on a server)."""
        self._show_marks(photo_ids)

    def _show_marks(self, photo_ids: list[str]) -> None:
        """Redraw changed photos; a filter on marks runs again.

        So a photo rejected under "not rejected" leaves the library, and the next is selected.
        """
        service = self._service
        if service is None:
            return
        window = self._window
        for photo in service.queries.photos(photo_ids):
            window.library.model.update_photo(photo)
            window.photo_view.update_photo(photo)
            window.full_preview.view.update_photo(photo)
            window.metadata.update_photo(photo)
            if self.compare_dialog is not None:
                self.compare_dialog.update_photo(photo)
        applied = self._applied
        if applied.min_rating or applied.flag != PhotoFilter().flag:
            self.apply_filter()

    # -- filtering ------------------------------------------------------------------------

    def apply_filter(self) -> None:
        """Run the filter bar's criteria and show the photos they let through."""
        service = self._service
        if service is None:
            return
        photo_filter = self._window.library.filter_bar.current_filter()
        if photo_filter.is_empty():
            self._waiting = None
            self._show(PhotoFilter(), None)
            return
        if self._running is not None:
            self._waiting = photo_filter  # the newest criteria run when this one is back
            return
        if service.queries.photo_count() < FILTER_IN_BACKGROUND_FROM or service.read_only:
            self._show(photo_filter, matching_photo_ids(service, photo_filter))
            return
        try:
            reader = service.for_thread()
        except CuratorError:
            self._show(photo_filter, matching_photo_ids(service, photo_filter))
            return
        self._running = photo_filter
        self._tasks.submit(
            _filter_in,
            reader,
            photo_filter,
            on_result=lambda ids: self._on_filter_done(service, photo_filter, ids),
            on_error=lambda error: self._on_filter_failed(service, error),
        )

    def _on_filter_done(
        self, service: ProjectService, photo_filter: PhotoFilter, ids: object
    ) -> None:
        self._running = None
        if service is not self._service:
            return
        waiting, self._waiting = self._waiting, None
        if waiting is not None and waiting != photo_filter:
            self.apply_filter()
            return
        assert isinstance(ids, set)
        self._show(photo_filter, ids)

    def _on_filter_failed(self, service: ProjectService, error: Exception) -> None:
        self._running = None
        if service is self._service:
            message = explained(error)
            self._dialogs.error(self._window, _("Cannot filter the photos"), message)

    def _show(self, photo_filter: PhotoFilter, ids: set[str] | None) -> None:
        self._applied = photo_filter
        library = self._window.library
        if ids is None and not library.model.is_filtered():
            return  # every photo is shown already: no reset, the selection stays
        library.show_only(ids)

    def _on_library_items_replaced(self) -> None:
        self._fill_languages()
        if not self._window.library.filter_bar.current_filter().is_empty():
            self.apply_filter()

    def _on_filter_action_triggered(self) -> None:
        window = self._window
        window.library_dock.show()
        window.library_dock.raise_()
        window.library.filter_bar.search_edit.setFocus()
        window.library.filter_bar.search_edit.selectAll()

    # -- lists ------------------------------------------------------------------------------

    def _fill_options(self) -> None:
        service = self._service
        bar = self._window.library.filter_bar
        if service is None:
            bar.set_sections([])
            bar.set_photographers([])
            return
        languages = service.queries.languages()
        bar.set_sections(
            [
                (section.id, self._title(section.title, languages))
                for section in service.queries.sections()
            ]
        )
        bar.set_photographers(photographers(service))

    @staticmethod
    def _title(titles: dict[str, str], languages: list[str]) -> str:
        return next((titles[tag] for tag in languages if titles.get(tag)), "")

    def _fill_languages(self) -> None:
        service = self._service
        tags = service.queries.languages() if service is not None else []
        self._window.library.filter_bar.set_languages(
            [(tag, heading_name(tag, current_language())) for tag in tags]
        )

    def _on_projects_project_opened(self, _service: ProjectService) -> None:
        self._running = self._waiting = None
        bar = self._window.library.filter_bar
        # Language names come with the photos (``items_replaced``): the project's reader
        # loads babel's locale data on a worker, and loading it here would hold the GUI.
        # Sections and photographers are read when their list opens (a pass over every
        # credit is too slow for opening a 10,000-photo project); the old project's go now.
        bar.set_sections([])
        bar.set_photographers([])
        bar.clear()

    def _on_projects_project_closing(self) -> None:
        self._running = self._waiting = None
        self._applied = PhotoFilter()
        if self.compare_dialog is not None:
            self.compare_dialog.close()

    # -- compare ----------------------------------------------------------------------------

    def compare_selected(self) -> None:
        """Show the two selected photos side by side (or the first two of a selection)."""
        service = self._service
        photo_ids = self._window.library.selected_photo_ids()
        if service is None or len(photo_ids) < 2:
            self._window.statusBar().showMessage(
                _("Select two photos in the library to compare them."), 5000
            )
            return
        if self.compare_dialog is None:
            self.compare_dialog = CompareDialog(
                self._tasks, self._window.photo_view.preview_for, self._window
            )
            for key, slot in self._compare_keys():
                self.compare_dialog.add_key(key, slot)
        self.compare_dialog.show_photos(
            service.queries.photo(photo_ids[0]), service.queries.photo(photo_ids[1])
        )
        self.compare_dialog.show()
        self.compare_dialog.raise_()

    def _compare_keys(self) -> list[tuple[str, Callable[[], None]]]:
        keys: list[tuple[str, Callable[[], None]]] = [
            (str(n), self._compare_marker(rating=n)) for n in range(6)
        ]
        keys += [
            ("P", self._compare_marker(flag=PhotoFlag.PICK)),
            ("X", self._compare_marker(flag=PhotoFlag.REJECT)),
            ("U", self._compare_marker(flag=None)),
        ]
        return keys

    def _compare_marker(
        self, *, rating: int | Keep | None = KEEP, flag: PhotoFlag | Keep | None = KEEP
    ) -> Callable[[], None]:
        def mark_active() -> None:
            dialog = self.compare_dialog
            service = self._service
            if dialog is None or service is None or dialog.active_photo_id() is None:
                return
            photo_id = dialog.active_photo_id()
            assert photo_id is not None
            try:
                before, after = set_marks(service, [photo_id], rating=rating, flag=flag)
            except CuratorError as error:
                self._dialogs.error(dialog, _("The change was not saved"), error.message)
                return
            if after:
                self._undo_stack.push(
                    WrittenCommand(
                        self._label(rating, flag),
                        partial(self._apply, before),
                        partial(self._apply, after),
                    )
                )
                self._show_marks([photo_id])

        return mark_active
