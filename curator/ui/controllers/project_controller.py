"""Opening, creating and closing projects in the window, and showing what they hold.

The controller owns the open :class:`ProjectService`; the window's panels only get the
values they show. Every failure a person can cause becomes a message naming the file, and
leaves the project as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QMessageBox

from curator import __version__
from curator.core.checks.readiness import (
    ReadinessReport,
    after_caption_changes,
    readiness,
    reordered,
)
from curator.core.errors import CuratorError, ProjectLockedError
from curator.core.language.library_messages import explained
from curator.core.model import CaptionField, Photo
from curator.core.operations import ChangeSet
from curator.core.services import ProjectService
from curator.demo import write_demo
from curator.i18n import _
from curator.ingest.previews import preview_path
from curator.ui.collector import CollectorHold, hand_back
from curator.ui.controllers.project_showing import Step, SteppedShow, panel_steps, show_status
from curator.ui.controllers.project_view_data import (
    ViewData,
    headline,
    library_items,
    read_view_data,
    retitled,
)
from curator.ui.main_window import MainWindow
from curator.ui.settings import Preferences
from curator.ui.tasks import TaskRunner
from curator.ui.views.dialogs import Dialogs, message_box
from curator.ui.views.new_project_dialog import NewProjectDialog

log = logging.getLogger(__name__)


def demo_folder() -> Path:
    """Where the window writes the demo exhibition."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".local/share/curator") / "demo"


T = TypeVar("T")

#: Projects with at least this many photos are read on a worker thread when shown.
_READ_IN_BACKGROUND_FROM = 1500


class _StoredThumbnails:
    """The library worker's reader of stored thumbnails, over its own connection."""

    def __init__(self, service: ProjectService) -> None:
        self._service = service

    def read(self, photo_ids: list[str]) -> dict[str, bytes]:
        return self._service.queries.thumbnail_jpegs(photo_ids)

    def close(self) -> None:
        self._service.close()


class ProjectController(QObject):
    """The project lifecycle behind the File menu and the start page."""

    project_opened = Signal(object)
    project_closing = Signal()
    project_closed = Signal()
    rights_changed = Signal(object)  # the service, its login's rights read again and changed

    def __init__(
        self,
        window: MainWindow,
        preferences: Preferences,
        dialogs: Dialogs,
        tasks: TaskRunner,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._preferences = preferences
        self._dialogs = dialogs
        self._tasks = tasks
        self.service: ProjectService | None = None
        self._report: ReadinessReport | None = None
        self._section_of: dict[str, str] = {}
        #: A large project is shown a panel an event-loop turn, with the collector held
        #: from its reading until it is shown (``curator.ui.collector``).
        self.showing = SteppedShow(self)
        self._collector = CollectorHold()
        window.new_action.triggered.connect(self.new_project)
        window.open_action.triggered.connect(self.choose_and_open)
        window.demo_action.triggered.connect(self.open_demo)
        window.close_action.triggered.connect(self.close_project)
        window.quit_action.triggered.connect(window.close)
        window.about_action.triggered.connect(self._on_about_action_triggered)
        window.start_page.new_requested.connect(self.new_project)
        window.start_page.open_requested.connect(self.choose_and_open)
        window.start_page.demo_requested.connect(self.open_demo)
        window.start_page.recent_chosen.connect(self.open_project)
        window.recent_menu.aboutToShow.connect(self._on_recent_menu_about_to_show)
        window.library.selection_changed.connect(self._on_library_selection_changed)
        window.close_handler = self._on_window_closing
        # The library's thumbnails are read on a worker, through its own connection, which
        # closes before the project does.
        self.project_closing.connect(window.library.model.loader.stop)
        window.photo_view.preview_for = self._preview_for
        window.full_preview.view.preview_for = self._preview_for
        window.full_preview.step.connect(window.library.step)
        self._refresh_recent()

    # -- opening and closing --------------------------------------------------------------

    def open_project(self, path: Path) -> bool:
        """Open ``path`` in the window; on failure say why and keep what was open."""
        path = Path(path).expanduser().absolute()
        if self.service is not None and self.service.path == path:
            return True
        try:
            service = ProjectService.open(path)
        except ProjectLockedError as error:
            if not self._dialogs.confirm(
                self._window,
                _("Project in use"),
                error.message + "\n\n" + _("Open it read-only to look without changing it?"),
                _("Open Read-Only"),
            ):
                return False
            try:
                service = ProjectService.open(path, read_only=True)
            except CuratorError as second:
                self._dialogs.error(self._window, _("Cannot open project"), second.message)
                return False
        except CuratorError as error:
            self._dialogs.error(self._window, _("Cannot open project"), error.message)
            if not path.exists():
                self._preferences.remove_recent_project(path)
                self._refresh_recent()
            return False
        self.show_opened(service)
        return True

    def show_opened(self, service: ProjectService) -> None:
        """Show a project opened elsewhere (on a server, by a worker) in the window."""
        self._install(service)
        if service.setting_warnings:
            self._dialogs.warning(
                self._window,
                _("Some settings were not used"),
                "\n\n".join(service.setting_warnings),
            )

    def choose_and_open(self) -> None:
        """Ask for a project file and open it."""
        path = self._dialogs.choose_project(self._window, save=False)
        if path is not None:
            self.open_project(path)

    def new_project(self) -> None:
        """Ask for a new project's details, create it and open it."""
        folder = self._preferences.project_folder
        dialog = NewProjectDialog(
            self._dialogs,
            folder if folder is not None and folder.is_dir() else Path.home(),
            self._window,
            languages=self._preferences.new_project_languages,
        )
        request = dialog.request if self._dialogs.run(dialog) else None
        if request is not None and self.create_project(
            request.path, request.title, request.languages, request.source_language
        ):
            self._preferences.project_folder = request.path.parent
            self._preferences.new_project_languages = request.languages

    def create_project(
        self, path: Path, title: str, languages: list[str], source_language: str
    ) -> bool:
        """Create and open a project."""
        try:
            service = ProjectService.create(
                path, title=title, languages=languages, source_language=source_language
            )
        except CuratorError as error:
            self._dialogs.error(self._window, _("Cannot create project"), error.message)
            return False
        self._install(service)
        return True

    def open_demo(self) -> None:
        """Write the demo exhibition (off the GUI thread) and open it."""
        self._window.statusBar().showMessage(_("Preparing the demo exhibition…"))
        self._tasks.submit(
            partial(write_demo, hall=True),
            demo_folder(),
            on_result=lambda result: self._on_demo_written(result[0]),
            on_error=self._on_demo_failed,
        )

    def _on_demo_written(self, path: Path) -> None:
        self._window.statusBar().clearMessage()
        self.open_project(path)

    def _on_demo_failed(self, error: Exception) -> None:
        self._window.statusBar().clearMessage()
        message = explained(error)
        self._dialogs.error(self._window, _("Cannot open the demo"), message)

    def close_project(self) -> None:
        """Close the open project and show the start page."""
        if self.service is None:
            return
        self.project_closing.emit()
        self._tasks.forget_pending()
        self.showing.cancel()
        self._collector.drop()
        self.service.close()
        self.service = None
        window = self._window
        window.library.set_items([])
        window.exhibition.set_structure([], [], 0)
        window.captions.show_fields(None, 0)
        window.readiness.show_report(None)
        window.photo_view.show_photo(None)
        window.set_project_title("")
        window.project_label.clear()
        window.access_label.clear()
        window.show_start_page(True)
        self._refresh_recent()
        hand_back()  # cycles among the closed project's objects can be collected
        self.project_closed.emit()

    def _install(self, service: ProjectService) -> None:
        self.close_project()
        self.service = service
        self._window.library.model.loader.source = lambda: _StoredThumbnails(service.for_thread())
        if not service.store.is_server:  # a server's address goes to the recent servers
            self._preferences.add_recent_project(service.path)
        self._refresh_recent()
        self._window.captions.editable = not service.read_only
        self.follow_login_rights(service)
        self.refresh()
        self._window.show_start_page(False)
        self.project_opened.emit(service)

    def follow_login_rights(self, service: ProjectService) -> None:
        """On a server, only the fields of the login's languages accept typing."""
        rights = service.login_rights
        captions = self._window.captions
        if rights is None or rights.can_arrange:
            captions.set_writable_languages(None)
            return
        login = rights.login
        if rights.languages:
            reason = _(
                "Your login %(login)s may edit captions in %(languages)s only: ask a curator "
                "of the project for more."
            ) % {"login": login, "languages": ", ".join(rights.languages)}
        else:
            reason = _("Your login %(login)s may read this project but not change it.") % {
                "login": login
            }
        captions.set_writable_languages(list(rights.languages), reason)

    def _on_window_closing(self) -> bool:
        self.close_project()
        return True

    # -- showing the project ----------------------------------------------------------

    def refresh(self) -> None:
        """Show the open project's content in every panel.

        A large project is read on a worker thread (its own connection) and shown when
        ready, so opening 10,000 photos does not freeze the window.
        """
        service = self.service
        if service is None:
            return
        order = self._window.library.model.order
        if service.queries.photo_count() < _READ_IN_BACKGROUND_FROM:
            self._apply_view_data(service, read_view_data(service, order))
            return
        self._window.statusBar().showMessage(_("Reading the project…"))
        self._collector.hold()  # released once shown (or dropped: closed, failed)
        if not self.read_in_background(
            lambda reader: read_view_data(reader, order),
            lambda data: self._show_in_steps(service, data),
            _("Cannot open project"),
            on_failed=self._collector.drop,
        ):
            self._collector.drop()
            self._apply_view_data(service, read_view_data(service, order))

    def read_in_background(
        self,
        read: Callable[[ProjectService], T],
        on_result: Callable[[T], None],
        error_title: str,
        on_failed: Callable[[], None] | None = None,
    ) -> bool:
        """Run ``read`` on a worker with its own connection to the open project.

        The result arrives on the GUI thread; a failure is shown under ``error_title``
        (after ``on_failed``).
        """
        service = self.service
        if service is None:
            return False
        try:
            reader = service.for_thread()
        except CuratorError as error:
            self._dialogs.error(self._window, error_title, error.message)
            return False

        def run() -> T:
            try:
                return read(reader)
            finally:
                reader.close()

        def failed(error: Exception) -> None:
            if on_failed is not None:
                on_failed()
            self._dialogs.error(self._window, error_title, explained(error))

        self._tasks.submit(run, on_result=on_result, on_error=failed)
        return True

    def _apply_view_data(self, service: ProjectService, data: ViewData) -> None:
        """Show a project's data in every panel at once (a small project's)."""
        if service is not self.service:
            return  # another project was opened meanwhile
        for step in self._view_steps(data):
            step()

    def _show_in_steps(self, service: ProjectService, data: ViewData) -> None:
        """Show a large project's data a panel an event-loop turn (``project_showing``)."""
        if service is not self.service:
            return  # another project was opened meanwhile (its own hold stands)
        self._window.statusBar().showMessage(_("Showing the project…"))
        self.showing.run([*self._view_steps(data), self._collector.release])

    def _view_steps(self, data: ViewData) -> list[Step]:
        def rest() -> None:
            self._window.statusBar().clearMessage()
            self._shown(data)

        return [*panel_steps(self._window, data), rest]

    def _shown(self, data: ViewData) -> None:
        self._show_status(data.info.counts.photos)
        if data.report is None:
            self.refresh_readiness()
            return
        # Worked out with the rest (on the worker for a large project).
        self._report = data.report
        self._section_of = data.section_of
        self._window.readiness.show_report(self._report)

    def refresh_readiness(self) -> None:
        """Recount the readiness matrix (a few grouped queries, fast at any size)."""
        service = self.service
        self._report = readiness(service) if service is not None else None
        self._section_of = service.queries.section_map() if service is not None else {}
        self._window.readiness.show_report(self._report)

    def follow_section_order(self, section_ids: list[str]) -> None:
        """Show the sections' new order in readiness (no recount: no counts changed)."""
        if self._report is None:
            return
        try:
            self._report = reordered(self._report, section_ids)
        except ValueError:
            self.refresh_readiness()
            return
        self._window.readiness.show_order(self._report)

    def follow_captions(self, changes: ChangeSet) -> None:
        """Count a change set's caption changes into readiness; show changed headlines."""
        if self._report is not None and changes.captions:
            self._report = after_caption_changes(self._report, changes.captions, self._section_of)
            self._window.readiness.update_counts(self._report)
        if changes.touches_field(CaptionField.HEADLINE):
            self.update_headlines(changes.caption_photo_ids(CaptionField.HEADLINE))

    def append_photos(self, photo_ids: list[str]) -> None:
        """Show photos that were just added (an import streams them in)."""
        if self.service is None:
            return
        queries = self.service.queries
        photos = queries.photos(photo_ids)
        headlines = queries.texts(CaptionField.HEADLINE, photo_ids)
        damaged = queries.damaged_photo_ids()
        self._window.library.model.append_items(
            library_items(queries.project(), photos, headlines, damaged)
        )
        self._window.exhibition.file_names.update({p.id: p.path.name for p in photos})
        self._show_status(queries.photo_count())

    def _preview_for(self, photo: Photo) -> Path | None:
        service = self.service
        # A server project's cache is this workstation's own folder, written even read-only.
        if service is None or (service.read_only and not service.store.is_server):
            return None
        return preview_path(service.path, photo.sha256)

    def _show_status(self, photo_count: int) -> None:
        if self.service is not None:
            show_status(self._window, self.service, photo_count)

    def show_status(self) -> None:
        """Show the photo count, the address and the login's access again (rights changed)."""
        if self.service is not None:
            self._show_status(self.service.queries.photo_count())

    def retranslate(self) -> None:
        """Re-show the project's texts after an interface-language change."""
        if self.service is not None:
            self._show_status(self.service.queries.photo_count())
            project = self.service.queries.project()
            self._window.library.model.relabel(lambda item: headline(project, item.headlines))

    def _on_library_selection_changed(self, photo_ids: list[str]) -> None:
        service = self.service
        window = self._window
        photo = service.queries.photo(photo_ids[0]) if service and len(photo_ids) == 1 else None
        window.photo_view.show_photo(photo)
        rights = service.queries.photo_rights([photo.id])[0] if service and photo else None
        window.metadata.show_photo(photo, len(photo_ids), rights)
        if window.full_preview.isVisible():
            window.full_preview.view.show_photo(photo)

    def update_headlines(self, photo_ids: list[str]) -> None:
        """Show edited headlines in the library and in the exhibition tree."""
        service = self.service
        if service is None:
            return
        queries = service.queries
        languages, source = queries.language_order()
        headlines = queries.texts(CaptionField.HEADLINE, photo_ids)
        self._window.exhibition.show_headlines({pid: headlines.get(pid, {}) for pid in photo_ids})
        model = self._window.library.model
        hidden = []
        for photo_id in photo_ids:  # a shown photo keeps its photo and damage: no reads
            row = model.row_of(photo_id)
            if row is None:
                hidden.append(photo_id)
            else:
                texts = headlines.get(photo_id, {})
                model.update_item(retitled(model.item(row), texts, languages, source))
        if hidden:
            damaged = queries.damaged_photo_ids()
            for item in library_items(
                queries.project(), queries.photos(hidden), headlines, damaged
            ):
                model.update_item(item)

    def _refresh_recent(self) -> None:
        self._window.start_page.set_recent(self._preferences.recent_projects())

    def _on_recent_menu_about_to_show(self) -> None:
        menu = self._window.recent_menu
        menu.clear()
        recent = self._preferences.recent_projects()
        if not recent:
            action = menu.addAction(_("No recent projects"))
            action.setEnabled(False)
            return
        for path in recent:
            action = menu.addAction(f"{path.stem} — {path.parent}")
            action.triggered.connect(lambda _checked=False, p=path: self.open_project(p))

    def _on_about_action_triggered(self) -> None:
        message_box(
            self._window,
            QMessageBox.Icon.Information,
            _("About Curator"),
            _("Curator %(version)s") % {"version": __version__},
            _(
                "Multilingual photo exhibitions: import, caption, arrange and print. "
                "Licensed under the GNU General Public License, version 3 or later."
            ),
        ).exec()
