"""The layout canvas in the window: which section it shows, and "Lay Out This Section".

The geometry comes from ``curator.core.layout_service.section_geometry`` with the PDF's own
text measure (``curator.export``), so the canvas shows what will print.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QPixmap, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QPushButton

from curator.core.errors import BackupError, CuratorError
from curator.core.layout import PanelGeometry, TextMeasure
from curator.core.layout_service import auto_layout, section_geometry
from curator.core.model import Panel, Slot
from curator.export.text_measure import ReportlabMeasure
from curator.i18n import _
from curator.ui.dialogs import Dialogs
from curator.ui.main_window import MainWindow
from curator.ui.project_controller import ProjectController
from curator.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from curator.ui.backup_controller import BackupController

Snapshot = list[tuple[Panel, list[Slot]]]


class _LayoutCommand(QUndoCommand):
    """A layout already written; undo and redo put the remembered panels back."""

    def __init__(
        self, controller: LayoutController, section_id: str, before: Snapshot, after: Snapshot,
        text: str,
    ) -> None:  # fmt: skip
        super().__init__(text)
        self._controller = controller
        self._section_id = section_id
        self._before = before
        self._after = after
        self._done = True

    def redo(self) -> None:
        if self._done:  # pushed right after it was written
            self._done = False
            return
        self._controller.restore(self._section_id, self._after)

    def undo(self) -> None:
        self._controller.restore(self._section_id, self._before)


class LayoutController:
    """Shows the selected section's panels and lays sections out on request."""

    def __init__(
        self,
        window: MainWindow,
        projects: ProjectController,
        dialogs: Dialogs,
        tasks: TaskRunner,
        undo_stack: QUndoStack,
        backups: BackupController | None = None,
    ) -> None:
        self._window = window
        self._backups = backups
        self._undo_stack = undo_stack
        self._before: Snapshot | None = None
        self._projects = projects
        self._dialogs = dialogs
        self._tasks = tasks
        self.busy = False
        self._generation = 0
        #: The section whose geometry is on the canvas now (None while one is being computed).
        self.drawn_section_id: str | None = None
        self._measure: TextMeasure | None = None
        self._pictures: dict[str, QPixmap] = {}
        self.section_id: str | None = None
        canvas = window.layout_canvas
        self.lay_out_button = QPushButton()
        canvas.layout().itemAt(0).layout().insertWidget(0, self.lay_out_button)  # type: ignore[union-attr]
        self.lay_out_button.clicked.connect(self.lay_out_section)
        window.exhibition.tree.currentItemChanged.connect(lambda *_args: self._on_tree_changed())
        projects.project_opened.connect(lambda _service: self._reset())
        projects.project_closed.connect(self._reset)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.lay_out_button.setText(_("Lay Out This Section"))
        self._window.layout_canvas.retranslate_ui()

    @property
    def measure(self) -> TextMeasure:
        """The PDF's text measure (fonts registered on first use)."""
        if self._measure is None:
            self._measure = ReportlabMeasure()
        return self._measure

    def show_section(self, section_id: str | None) -> None:
        """Draw a section's panels (None: nothing); the geometry is computed off the GUI thread."""
        service = self._projects.service
        self.section_id = section_id
        self.drawn_section_id = None
        self._generation += 1
        generation = self._generation
        if service is None or section_id is None:
            self._window.layout_canvas.show_panels([], self._picture)
            return
        measure = self.measure
        self._projects.read_in_background(
            lambda reader: section_geometry(reader, section_id, measure),
            lambda panels: self._draw(generation, section_id, panels),
            _("Cannot show the layout"),
        )

    def _draw(self, generation: int, section_id: str, panels: list[PanelGeometry]) -> None:
        if generation != self._generation:
            return  # asked for before a newer request (another section, a new layout)
        self._window.layout_canvas.show_panels(panels, self._picture)
        self.drawn_section_id = section_id

    def lay_out_section(self, *, backup: bool = True) -> bool:
        """Auto-layout the shown section (or every section) in the background, then draw it.

        Panels already there are replaced after a snapshot of the project (on the worker);
        if it cannot be written the person chooses whether to go on (``backup=False``).
        """
        service = self._projects.service
        if service is None or service.read_only or self.busy:
            return False
        try:
            writer = service.for_thread()
        except CuratorError as error:
            self._dialogs.error(self._window, _("Cannot lay out the section"), error.message)
            return False
        section_id, measure = self.section_id, self.measure
        # One section's layout can be undone; laying out everything also gathers loose photos
        # into a new section, which Edit > Undo does not take back.
        before = service.exhibition.layout_snapshot(section_id) if section_id else None

        def job() -> str | None:
            try:
                auto_layout(writer, section_id, measure=measure, backup=backup)
                sections = writer.exhibition.sections()
                return section_id or (sections[0].id if sections else None)
            finally:
                writer.close()

        self._before = before

        self.busy = True
        self._generation += 1  # what was being drawn is about to change
        self.drawn_section_id = None
        self._tasks.submit(job, on_result=self._on_laid_out, on_error=self._on_layout_failed)
        return True

    def _on_laid_out(self, section_id: str | None) -> None:
        self.busy = False
        service = self._projects.service
        if self._before is not None and section_id is not None and service is not None:
            after = service.exhibition.layout_snapshot(section_id)
            self._undo_stack.push(
                _LayoutCommand(self, section_id, self._before, after, _("Lay out the section"))
            )
        self._before = None
        self._projects.refresh()
        self.show_section(section_id)
        self._window.workspace.setCurrentWidget(self._window.layout_canvas)

    def restore(self, section_id: str, snapshot: Snapshot) -> None:
        """Put a section's layout back as a snapshot had it (undo and redo)."""
        service = self._projects.service
        if service is None:
            return
        with service.store.transaction():
            service.exhibition.restore_layout(section_id, snapshot)
        self.show_section(section_id)

    def _on_layout_failed(self, error: Exception) -> None:
        self.busy = False
        if isinstance(error, BackupError) and self._backups is not None:
            if self._backups.go_on_without_backup(error):
                self.lay_out_section(backup=False)
            return
        message = error.message if isinstance(error, CuratorError) else str(error)
        self._dialogs.error(self._window, _("Cannot lay out the section"), message)

    def _picture(self, photo_id: str) -> QPixmap | None:
        if photo_id not in self._pictures:
            service = self._projects.service
            stored = service.media.thumbnail(photo_id) if service is not None else None
            pixmap = QPixmap()
            if stored is not None:
                pixmap.loadFromData(stored.jpeg, "JPEG")
            self._pictures[photo_id] = pixmap
        return self._pictures[photo_id]

    def _on_tree_changed(self) -> None:
        # A rebuilt tree has no current item for a moment: keep showing the section then.
        section_id = self._window.exhibition.selected_section_id()
        if section_id is not None and section_id != self.section_id:
            self.show_section(section_id)

    def _reset(self) -> None:
        self._pictures.clear()
        self.section_id = None
        self.show_section(None)
