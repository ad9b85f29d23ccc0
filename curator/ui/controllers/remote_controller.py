"""Other writers' changes in the open window: a server project's announcements, applied.

On a server project the store listens (on a thread of its own) to what other windows, the
command line or a translator's file write (:meth:`Store.listen`); each round arrives here on
the window's thread and is shown like one's own change: caption fields of the selected
photos, headlines, the readiness matrix, photos' marks, the layout canvas, and - when
sections, panels or the project's settings changed - the whole view read again. A file
project announces nothing (its one writing process is this window).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from curator.core.model import CaptionField
from curator.core.services import ProjectService
from curator.core.storage.database import Listening, RemoteChanges
from curator.ui.controllers.caption_controller import CaptionController
from curator.ui.controllers.layout_controller import LayoutController
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.controllers.shortlist_controller import ShortlistController
from curator.ui.main_window import MainWindow

#: Tables whose change means the tree, the library or the panels are read again.
_STRUCTURE = frozenset(
    {
        "project",
        "project_language",
        "setting",
        "section",
        "section_text",
        "section_photo",
        "panel",
        "slot",
        "catalogue_page_choice",
    }
)
#: Tables the layout canvas draws.
_CANVAS = frozenset({"section", "section_photo", "panel", "slot", "catalogue_page_choice"})


class RemoteChangesController(QObject):
    """Listens while a server project is open and shows what others changed."""

    #: A round of other writers' changes (emitted on the listener's thread, queued here).
    arrived = Signal(object)
    #: The hall's plan or the visit's routes changed (the Hall tab reads them again).
    plan_changed = Signal()

    def __init__(
        self,
        window: MainWindow,
        projects: ProjectController,
        captions: CaptionController,
        layout: LayoutController,
        shortlist: ShortlistController,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._projects = projects
        self._captions = captions
        self._layout = layout
        self._shortlist = shortlist
        self._listening: Listening | None = None
        #: How many rounds were shown (for tests and the status bar's honesty).
        self.rounds = 0
        self.arrived.connect(self._on_arrived)
        projects.project_opened.connect(self._on_project_opened)
        projects.project_closing.connect(self.stop)

    def _on_project_opened(self, service: ProjectService) -> None:
        self.stop()
        self._listening = service.store.listen(self.arrived.emit)

    @property
    def listening(self) -> Listening | None:
        """What listens to the open project (None: a file project, or none open)."""
        return self._listening

    def stop(self) -> None:
        """Stop listening (the project closes)."""
        if self._listening is not None:
            self._listening.stop()
            self._listening = None

    def _on_arrived(self, changes: RemoteChanges) -> None:
        projects = self._projects
        service = projects.service
        if service is None or self._listening is None:
            return  # a round that was under way when the project closed
        self.rounds += 1
        if changes.everything or any(t.startswith(("hall_", "visit_")) for t in changes.tables):
            self.plan_changed.emit()
        known = self._window.exhibition.file_names
        if (
            changes.everything
            or changes.tables & _STRUCTURE
            or any(photo_id not in known for photo_id in changes.photos)
        ):
            projects.refresh()
            self._captions.show_selection()
            self._redraw_canvas()
            return
        if changes.photos:
            self._shortlist.show_marks(sorted(changes.photos))
        if changes.captions:
            self._captions.follow_remote(changes.captions)
            projects.refresh_readiness()
            headlines = sorted(
                {
                    photo_id
                    for photo_id, _language, field in changes.captions
                    if field == CaptionField.HEADLINE.value
                }
            )
            if headlines:
                projects.update_headlines(headlines)
            self._redraw_canvas()  # the panels' captions
        elif changes.tables & _CANVAS:
            self._redraw_canvas()

    def _redraw_canvas(self) -> None:
        layout = self._layout
        if layout.section_id is not None and not layout.busy:
            layout.show_section(layout.section_id)
