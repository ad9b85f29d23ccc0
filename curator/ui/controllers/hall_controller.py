"""The Hall tab in the window: the plan read through ``operations.hall``, each edit undoable.

A thin layer: the view reports clicks and drags in plan millimetres; this writes them as
one operation each (a wall, a stand, a door, a panel moved, a deletion, automatic
placement) and pushes its undo data on the window's one undo stack. The plan is read again
(hall, panel sizes, checks) after every edit, undo or redo while the tab is shown, and when
it is brought forward; a hall of a few dozen walls and panels draws in a few milliseconds.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtGui import QUndoStack

from curator.core.errors import CuratorError
from curator.core.hall.checks import check_hall
from curator.core.hall.model import Door, Hall, Point
from curator.core.hall.snapping import nearest_support, snap_offset
from curator.core.operations import ChangeSet, Undo
from curator.core.services import ProjectService
from curator.i18n import _, ngettext
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.controllers.rights_gate import arrange_refusal
from curator.ui.main_window import MainWindow
from curator.ui.undo import ChangeCommand
from curator.ui.views.dialogs import Dialogs
from curator.ui.views.hall_scene import KEY_ROLE, KIND_ROLE
from curator.ui.views.hall_tab import DoorDialog


class HallController:
    """Draws the open project's hall and writes what is drawn on it."""

    def __init__(
        self,
        window: MainWindow,
        projects: ProjectController,
        dialogs: Dialogs,
        undo_stack: QUndoStack,
    ) -> None:
        self._window = window
        self._projects = projects
        self._dialogs = dialogs
        self.undo_stack = undo_stack
        #: Whether the plan waits for the tab to be shown to be read again.
        self._stale = True
        #: Whether the next drawing fits the hall in the view (after a project opens).
        self._fit_due = True
        #: The hall's gap between panels (``hall.gap_mm``) as read with the plan.
        self._gap_mm = 0.0
        #: Called after the plan is drawn again (the route is drawn over it).
        self.drawn: list[Callable[[], None]] = []
        tab = window.hall_tab
        view = tab.view
        view.segment_drawn.connect(self._on_segment)
        view.door_requested.connect(self._on_door)
        view.panel_dropped.connect(self._on_panel_dropped)
        view.delete_requested.connect(self.delete_selected)
        tab.length_field.returnPressed.connect(self._on_length_typed)
        tab.place_button.clicked.connect(self.place_automatically)
        window.workspace.currentChanged.connect(lambda _index: self._show_if_stale())
        undo_stack.indexChanged.connect(lambda _index: self.refresh())
        projects.project_opened.connect(self._on_opened)
        projects.project_closed.connect(self._on_closed)

    # -- reading ------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Draw the plan again: its summary and the findings' messages in the new language."""
        self.refresh()

    def _shown(self) -> bool:
        return self._window.workspace.currentWidget() is self._window.hall_tab

    def _on_opened(self, _service: object) -> None:
        self._fit_due = True
        self.refresh()

    def _on_closed(self) -> None:
        self._window.hall_tab.view.cancel_drawing()
        self._window.hall_tab.scene.show_hall(Hall(), [], [])
        self._window.hall_tab.message.clear()
        for follow in self.drawn:
            follow()

    def _show_if_stale(self) -> None:
        if self._stale and self._shown():
            self.refresh()

    def refresh(self) -> None:
        """Read the plan and draw it (when the tab is hidden: when it is shown)."""
        service = self._projects.service
        if service is None:
            return
        if not self._shown():
            self._stale = True
            return
        self._stale = False
        hall_ops = service.operations.hall
        hall, panels = hall_ops.get(), hall_ops.panels()
        self._gap_mm, aisle = hall_ops.lengths()
        findings = check_hall(hall, panels, aisle)  # what hall_ops.check() finds, read once
        tab = self._window.hall_tab
        tab.scene.show_hall(hall, panels, findings)
        placed = {placement.panel_id for placement in hall.placements}
        left = sum(1 for panel in panels if panel.panel_id not in placed)
        parts = [
            ngettext(
                "%(count)d problem on the plan (drawn red; point at it to read it).",
                "%(count)d problems on the plan (drawn red; point at one to read it).",
                len(findings),
            )
            % {"count": len(findings)}
            if findings
            else _("No problems on the plan.")
        ]
        if left:
            parts.append(
                ngettext(
                    "%(count)d panel is not on the plan.",
                    "%(count)d panels are not on the plan.",
                    left,
                )
                % {"count": left}
            )
        tab.message.setText(" ".join(parts))
        for follow in self.drawn:
            follow()
        if self._fit_due:
            self._fit_due = False
            tab.view.fit()

    # -- writing ------------------------------------------------------------------------------

    def _writable(self) -> ProjectService | None:
        service = self._projects.service
        if service is None:
            return None
        if not service.may_arrange:  # read-only, or a login that may only edit texts
            self._dialogs.error(
                self._window, _("The change was not saved"), arrange_refusal(service)
            )
            return None
        return service

    def _push(self, label: str, changes: ChangeSet) -> None:
        if changes.undo is None:
            self.refresh()  # nothing changed: the plan is drawn as stored (a drag undone)
        else:  # the stack's index changes: the plan is drawn again from there
            self.undo_stack.push(ChangeCommand(label, self._step, changes.undo))

    def _step(self, undo: Undo) -> ChangeSet | None:
        service = self._projects.service
        if service is None:
            return None
        return service.operations.undo(undo)

    def _refused(self, error: CuratorError) -> None:
        self._dialogs.error(self._window, _("The change was not saved"), error.message)
        self.refresh()

    def _on_segment(self, kind: str, start: Point, end: Point) -> None:
        service = self._writable()
        if service is None:
            return
        height = self._window.hall_tab.height_field.value()
        self._window.hall_tab.length_field.clear()
        hall_ops = service.operations.hall
        try:
            if kind == "wall":
                changes = hall_ops.add_wall(start, end, height)
                label = _("Draw a wall")
            else:
                centre = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
                angle = math.degrees(math.atan2(end[1] - start[1], end[0] - start[0]))
                changes = hall_ops.add_stand(centre, angle, math.dist(start, end), height)
                label = _("Draw a stand")
        except CuratorError as error:
            self._refused(error)
            return
        self._push(label, changes)

    def _on_length_typed(self) -> None:
        tab = self._window.hall_tab
        text = tab.length_field.text().strip().replace(",", ".")
        try:
            length = float(text)
        except ValueError:
            length = math.nan
        end = tab.view.end_at_length(length)
        if end is None:
            tab.message.setText(_("Type the length in mm, a number above 0, and press Enter."))
            return
        tab.view.finish(end)
        tab.view.setFocus()

    def _on_door(self, number: int, offset: float) -> None:
        service = self._writable()
        if service is None:
            return
        wall = service.operations.hall.get().wall(number)
        if wall is None:
            return
        dialog = DoorDialog(number, wall.length_mm, offset, self._window)
        if not self._dialogs.run(dialog):
            return
        door = Door(dialog.offset_box.value(), dialog.width_box.value(), dialog.height_box.value())
        try:
            changes = service.operations.hall.add_door(number, door)
        except CuratorError as error:
            self._refused(error)
            return
        self._push(_("Open a door in wall %(number)s") % {"number": number}, changes)

    def _on_panel_dropped(self, panel_id: str, centre: Point, tolerance_mm: float) -> None:
        service = self._writable()
        if service is None:
            self.refresh()  # the panel goes back where it hangs
            return
        scene = self._window.hall_tab.scene
        hall, widths = scene.hall, scene.panel_widths()  # the plan as drawn (read at refresh)
        landing = nearest_support(hall, centre)
        if landing is None or panel_id not in widths:
            self.refresh()
            return
        offset = landing.along_mm - widths[panel_id] / 2
        tolerance = max(tolerance_mm, 50.0)
        support = landing.support
        offset = snap_offset(hall, widths, panel_id, support, offset, self._gap_mm, tolerance)
        try:
            changes = service.operations.hall.place(panel_id, support, offset)
        except CuratorError as error:
            self._refused(error)
            return
        reference = self._window.hall_tab.scene.sizes[panel_id].reference
        self._push(_("Move panel %(panel)s") % {"panel": reference}, changes)

    def place_automatically(self) -> None:
        """Hang the panels along the walls in visit order (the operation's automatic placement)."""
        service = self._writable()
        if service is None:
            return
        try:
            changes, left = service.operations.hall.place_auto()
        except CuratorError as error:
            self._refused(error)
            return
        self._push(_("Place panels automatically"), changes)
        if left:
            self._dialogs.warning(
                self._window,
                _("Not every panel found room"),
                ngettext(
                    "%(count)d panel did not fit on the walls: %(panels)s.",
                    "%(count)d panels did not fit on the walls: %(panels)s.",
                    len(left),
                )
                % {"count": len(left), "panels": ", ".join(p.reference for p in left)},
            )

    def delete_selected(self) -> None:
        """Remove the selected walls, stands, doors and panels from the plan, as one edit."""
        service = self._writable()
        if service is None:
            return
        chosen: dict[str, list[object]] = {}
        for item in self._window.hall_tab.scene.selectedItems():
            chosen.setdefault(str(item.data(KIND_ROLE)), []).append(item.data(KEY_ROLE))
        doors = [_door_key(key) for key in chosen.get("door", [])]
        try:
            changes = service.operations.hall.delete(
                walls=[int(str(n)) for n in chosen.get("wall", [])],
                stands=[int(str(n)) for n in chosen.get("stand", [])],
                doors=doors,
                panels=[str(p) for p in chosen.get("panel", [])],
            )
        except CuratorError as error:
            self._refused(error)
            return
        self._push(_("Delete from the plan"), changes)


def _door_key(key: object) -> tuple[int, float]:
    """A drawn door's key: its wall's number and its offset."""
    number, offset = key if isinstance(key, tuple | list) else (0, 0.0)
    return int(number), float(offset)
