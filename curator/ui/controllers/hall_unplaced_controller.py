"""The Hall tab's list of panels not on the plan, and a panel dragged from it onto the plan.

The strip goes under the plan. Its list is read again after every edit, undo or redo and
when a project opens. A panel let go over the plan is handed to the plan's own drop (the
view's ``panel_dropped``): the Hall controller hangs it on the nearest wall or stand face,
snapped as a dragged panel is, as one undo step; let go elsewhere, nothing changes.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QUndoStack

from curator.ui.controllers.project_controller import ProjectController
from curator.ui.main_window import MainWindow
from curator.ui.views.hall_scene import plan_point
from curator.ui.views.hall_unplaced import UnplacedStrip


class HallUnplacedController:
    """Keeps the strip of unplaced panels and places what is dragged from it."""

    def __init__(
        self, window: MainWindow, projects: ProjectController, undo_stack: QUndoStack
    ) -> None:
        self._window = window
        self._projects = projects
        self.strip = UnplacedStrip()
        layout = window.hall_tab.layout()
        if layout is not None:
            layout.addWidget(self.strip)
        self.strip.hide()
        self.strip.panels.dropped.connect(self._on_dropped)
        self._stale = False
        undo_stack.indexChanged.connect(lambda _index: self.refresh())
        window.workspace.currentChanged.connect(lambda _index: self._show_if_stale())
        projects.project_opened.connect(lambda _service: self.refresh())
        projects.project_closed.connect(self.refresh)

    def retranslate_ui(self) -> None:
        """The heading in the interface language."""
        self.strip.retranslate_ui()

    def _show_if_stale(self) -> None:
        if self._stale and self._window.workspace.currentWidget() is self._window.hall_tab:
            self.refresh()

    def refresh(self) -> None:
        """List the panels the hall does not place (none without a project).

        Read only while the Hall tab is in front (a caption typed elsewhere reads nothing
        here); a hidden tab is read when it is shown.
        """
        service = self._projects.service
        if service is None:
            self._stale = False
            self.strip.panels.clear()
            self.strip.hide()
            return
        if self._window.workspace.currentWidget() is not self._window.hall_tab:
            self._stale = True
            return
        self._stale = False
        hall_ops = service.operations.hall
        hall, panels = hall_ops.get(), hall_ops.panels()
        self.strip.panels.show_panels(panels, {p.panel_id for p in hall.placements})
        self.strip.setVisible(self.strip.panels.count() > 0)

    def _on_dropped(self, panel_id: str, where: QPoint) -> None:
        view = self._window.hall_tab.view
        local = view.viewport().mapFromGlobal(where)
        if not view.viewport().rect().contains(local):
            return  # let go outside the plan
        view.panel_dropped.emit(panel_id, plan_point(view.mapToScene(local)), view.tolerance_mm())
        self.refresh()
