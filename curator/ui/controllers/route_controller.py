"""The visit's routes in the Hall tab: picked, drawn on the plan, stops edited by clicking.

A thin layer over ``operations.visit``: every edit (a route made, renamed, removed, its
speed or time; a stop added, removed, moved, its minutes; talking points) is one operation
whose undo data goes on the window's one undo stack. The route is drawn again each time the
Hall controller draws the plan (after an edit, an undo or redo, when the tab is brought
forward), reading only the routes and their times over the plan.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMenu, QTableWidgetItem

from curator.core.errors import CuratorError
from curator.core.hall.visit import Route, format_walk_time
from curator.core.operations import ChangeSet, Undo
from curator.core.operations.visit import RoutePlan
from curator.core.services import ProjectService
from curator.i18n import _, number_text
from curator.ui.controllers.hall_controller import HallController
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.controllers.rights_gate import arrange_refusal
from curator.ui.main_window import MainWindow
from curator.ui.undo import ChangeCommand
from curator.ui.views.dialogs import Dialogs
from curator.ui.views.route_panel import (
    MINUTES_COLUMN,
    RouteNameDialog,
    RoutePanel,
    StopMinutesDialog,
)


def _cell(text: str, *, editable: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    if editable:
        flags |= Qt.ItemFlag.ItemIsEditable
    item.setFlags(flags)
    return item


def _number(minutes: float) -> str:
    """Minutes with at most two decimals in the interface language's sign (read back either)."""
    return number_text(round(minutes, 2))


class RouteController:
    """Shows the chosen route beside the plan and over it, and writes what is edited."""

    def __init__(
        self,
        window: MainWindow,
        projects: ProjectController,
        dialogs: Dialogs,
        undo_stack: QUndoStack,
        hall: HallController,
    ) -> None:
        self._window = window
        self._projects = projects
        self._dialogs = dialogs
        self._hall = hall
        self.undo_stack = undo_stack
        #: The chosen route's name (None: the first one), its stops as last read.
        self.route_name: str | None = None
        self.route: Route | None = None
        self.plan: RoutePlan | None = None
        #: The stop whose talking points the fields show (its id), and whether filling.
        self._points_stop: str | None = None
        self._filling = False
        panel = self.panel
        panel.route_box.activated.connect(self._on_route_chosen)
        panel.new_button.clicked.connect(self.new_route)
        panel.rename_button.clicked.connect(self.rename_route)
        panel.delete_button.clicked.connect(self.delete_route)
        panel.speed_box.editingFinished.connect(self._on_speed)
        panel.allotted_box.editingFinished.connect(self._on_allotted)
        panel.stops_table.itemChanged.connect(self._on_item_changed)
        panel.stops_table.itemSelectionChanged.connect(self._on_stop_selected)
        panel.earlier_button.clicked.connect(lambda: self._move_selected(-1))
        panel.later_button.clicked.connect(lambda: self._move_selected(1))
        panel.remove_button.clicked.connect(self._remove_selected)
        panel.save_points_button.clicked.connect(self.save_points)
        delete = QAction(panel.stops_table)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self._remove_selected)
        panel.stops_table.addAction(delete)
        view = window.hall_tab.view
        view.stop_clicked.connect(self.toggle_stop)
        view.stop_menu_requested.connect(self._on_stop_menu)
        hall.drawn.append(self.refresh)

    @property
    def panel(self) -> RoutePanel:
        """The route's side panel in the Hall tab."""
        return self._window.hall_tab.route_panel

    # -- reading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the routes and draw the chosen one on the plan and in the side panel."""
        service = self._projects.service
        scene = self._window.hall_tab.scene
        panel = self.panel
        self._filling = True
        try:
            routes = service.operations.visit.routes() if service is not None else ()
            wanted = (self.route_name or "").casefold()
            route = next((r for r in routes if r.name.casefold() == wanted), None)
            if route is None and routes:
                route = routes[0]
            self.route = route
            self.route_name = route.name if route is not None else None
            panel.route_box.clear()
            panel.route_box.addItems([r.name for r in routes])
            if route is not None:
                panel.route_box.setCurrentIndex(routes.index(route))
            panel.new_button.setEnabled(service is not None)
            for widget in (
                panel.rename_button,
                panel.delete_button,
                panel.speed_box,
                panel.allotted_box,
                panel.stops_table,
            ):
                widget.setEnabled(route is not None)
            if service is None or route is None:
                self.plan = None
                scene.set_route([])
                scene.set_stops([])
                panel.stops_table.setRowCount(0)
                panel.total_label.setText(
                    _("No route yet: New Route… makes one; then click panels with the Stops tool.")
                    if service is not None
                    else ""
                )
                panel.warning_label.hide()
                self._show_points(None)
                return
            self.plan = service.operations.visit.plan(route.name)
            panel.set_languages(service.queries.languages())
            self._draw(route, self.plan)
        finally:
            self._filling = False

    def _draw(self, route: Route, plan: RoutePlan) -> None:
        panel = self.panel
        panel.speed_box.setValue(route.speed_m_s)
        panel.allotted_box.setValue(route.allotted_min)
        centres = plan.centres
        placed = [(n, s) for n, s in enumerate(route.stops, 1) if s.panel_id in centres]
        scene = self._window.hall_tab.scene
        scene.set_route([centres[stop.panel_id] for _n, stop in placed])
        scene.set_stops([(centres[stop.panel_id], str(number)) for number, stop in placed])
        selected = panel.selected_stop()
        table = panel.stops_table
        table.setRowCount(len(plan.times.stops))
        for row, timed in enumerate(plan.times.stops):
            size = plan.panels.get(timed.stop.panel_id)
            reference = size.reference if size is not None else timed.stop.panel_id
            if timed.stop.photo_id is not None:
                reference = _("%(panel)s, a photo") % {"panel": reference}
            walk = "—" if timed.walk_min is None else format_walk_time(timed.walk_min)
            table.setItem(row, 0, _cell(str(row + 1)))
            table.setItem(row, 1, _cell(reference))
            table.setItem(row, MINUTES_COLUMN, _cell(_number(timed.stay_min), editable=True))
            table.setItem(row, 3, _cell(walk))
            table.setItem(row, 4, _cell(_number(timed.cumulative_min)))
        if selected is not None and selected > len(route.stops):
            selected = len(route.stops) or None
        if selected is not None:
            table.selectRow(selected - 1)
        panel.total_label.setText(
            _(
                "Total %(total)s of %(allotted)s minutes allotted: %(walk)s min walking "
                "%(metres)d m, %(stay)s min at %(count)d stops."
            )
            % {
                "total": _number(plan.times.total_min),
                "allotted": _number(route.allotted_min),
                "walk": _number(plan.times.total_min - sum(s.minutes for s in route.stops)),
                "metres": round(plan.times.walk_m),
                "stay": _number(sum(s.minutes for s in route.stops)),
                "count": len(route.stops),
            }
        )
        messages = [finding.message for finding in plan.findings]
        panel.warning_label.setText("\n".join("⚠ " + message for message in messages))
        panel.warning_label.setVisible(bool(messages))
        self._show_points(panel.selected_stop())

    def _show_points(self, number: int | None) -> None:
        """Fill the talking points' fields with stop ``number``'s (None: none chosen)."""
        panel = self.panel
        route = self.route
        stop = route.stops[number - 1] if route is not None and number is not None else None
        self._points_stop = stop.stop_id if stop is not None else None
        panel.points_group.setEnabled(stop is not None)
        if stop is None or number is None:
            panel.points_group.setTitle(_("Talking points (choose a stop)"))
        else:
            panel.points_group.setTitle(_("Talking points at stop %(stop)d") % {"stop": number})
        for language, field in panel.points_fields.items():
            text = stop.point(language) if stop is not None else ""
            if field.toPlainText() != text or field.document().isModified():
                field.setPlainText(text)
            field.document().setModified(False)

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

    def _write(self, label: str, write: Callable[[], ChangeSet]) -> bool:
        """Run ``write`` (an operation) and push its change set as one undo step."""
        try:
            changes = write()
        except CuratorError as error:
            self._dialogs.error(self._window, _("The change was not saved"), error.message)
            self._hall.refresh()
            return False
        if changes.undo is None:
            self._hall.refresh()
        else:  # the stack's index changes: the plan and the route are drawn again
            self.undo_stack.push(ChangeCommand(label, self._step, changes.undo))
        return True

    def _step(self, undo: Undo) -> ChangeSet | None:
        service = self._projects.service
        return None if service is None else service.operations.undo(undo)

    def _on_route_chosen(self, index: int) -> None:
        self.save_points()
        self.route_name = self.panel.route_box.itemText(index) or None
        self._hall.refresh()

    def new_route(self) -> None:
        """Ask for a name and make a route without stops; it becomes the chosen one."""
        service = self._writable()
        if service is None:
            return
        dialog = RouteNameDialog(_("New Route"), _("State visit"), self._window)
        if not self._dialogs.run(dialog):
            return
        name = dialog.name_field.text()
        self.save_points()
        if self._write(_("New route"), lambda: service.operations.visit.add_route(name)):
            self.route_name = name.strip()
            self._hall.refresh()

    def rename_route(self) -> None:
        """Give the chosen route another name."""
        service = self._writable()
        if service is None or self.route is None:
            return
        old = self.route.name
        dialog = RouteNameDialog(_("Rename Route"), old, self._window)
        if not self._dialogs.run(dialog):
            return
        name = dialog.name_field.text()
        if self._write(
            _("Rename route %(route)s") % {"route": old},
            lambda: service.operations.visit.rename_route(old, name),
        ):
            self.route_name = name.strip()
            self._hall.refresh()

    def delete_route(self) -> None:
        """Remove the chosen route with its stops (Undo brings it back)."""
        service = self._writable()
        if service is None or self.route is None:
            return
        name = self.route.name
        self.route_name = None
        self._write(
            _("Delete route %(route)s") % {"route": name},
            lambda: service.operations.visit.remove_route(name),
        )

    def _on_speed(self) -> None:
        service = self._writable()
        route = self.route
        value = self.panel.speed_box.value()
        if service is None or route is None or abs(value - route.speed_m_s) < 1e-9:
            return
        self._write(
            _("Change the walking speed"),
            lambda: service.operations.visit.set_route(route.name, speed_m_s=value),
        )

    def _on_allotted(self) -> None:
        service = self._writable()
        route = self.route
        value = self.panel.allotted_box.value()
        if service is None or route is None or abs(value - route.allotted_min) < 1e-9:
            return
        self._write(
            _("Change the time allotted"),
            lambda: service.operations.visit.set_route(route.name, allotted_min=value),
        )

    def toggle_stop(self, panel_id: str) -> None:
        """The Stops tool's click: a panel becomes the next stop; a stop's panel leaves."""
        service = self._writable()
        route = self.route
        if service is None:
            return
        if route is None:
            self._window.hall_tab.message.setText(
                _("Make a route first (New Route…), then click its stops in order.")
            )
            return
        ops = service.operations.visit
        numbers = [n for n, s in enumerate(route.stops, 1) if s.panel_id == panel_id]
        self.save_points()
        if numbers:
            self._write(
                _("Remove stop %(stop)d") % {"stop": numbers[-1]},
                lambda: ops.remove_stop(route.name, numbers[-1]),
            )
            return
        if self._write(
            _("Add stop %(stop)d") % {"stop": len(route.stops) + 1},
            lambda: ops.add_stop(route.name, panel_id=panel_id),
        ):
            self.panel.stops_table.selectRow(len(route.stops))

    def _stop_numbers(self, panel_id: str) -> list[int]:
        route = self.route
        if route is None:
            return []
        return [n for n, s in enumerate(route.stops, 1) if s.panel_id == panel_id]

    def stop_menu(self, panel_id: str) -> QMenu | None:
        """The menu of a stop's panel: remove, move earlier or later, minutes (None: no stop)."""
        numbers = self._stop_numbers(panel_id)
        route = self.route
        if not numbers or route is None:
            return None
        number = numbers[-1]
        menu = QMenu(self._window)
        remove = menu.addAction(_("Remove Stop %(stop)d") % {"stop": number})
        remove.triggered.connect(lambda: self.remove_stop(number))
        earlier = menu.addAction(_("Move Earlier"))
        earlier.setEnabled(number > 1)
        earlier.triggered.connect(lambda: self.move_stop(number, number - 1))
        later = menu.addAction(_("Move Later"))
        later.setEnabled(number < len(route.stops))
        later.triggered.connect(lambda: self.move_stop(number, number + 1))
        minutes = menu.addAction(_("Minutes…"))
        minutes.triggered.connect(lambda: self.ask_minutes(number))
        return menu

    def _on_stop_menu(self, panel_id: str, where: QPoint) -> None:
        menu = self.stop_menu(panel_id)
        if menu is not None:
            menu.exec(where)
            menu.deleteLater()

    def remove_stop(self, number: int) -> None:
        """Take stop ``number`` off the chosen route."""
        service = self._writable()
        route = self.route
        if service is None or route is None:
            return
        self.save_points()
        self._write(
            _("Remove stop %(stop)d") % {"stop": number},
            lambda: service.operations.visit.remove_stop(route.name, number),
        )

    def move_stop(self, number: int, to: int) -> None:
        """Make stop ``number`` stop ``to``."""
        service = self._writable()
        route = self.route
        if service is None or route is None or not 1 <= to <= len(route.stops):
            return
        self.save_points()
        if self._write(
            _("Move stop %(stop)d") % {"stop": number},
            lambda: service.operations.visit.move_stop(route.name, number, to),
        ):
            self.panel.stops_table.selectRow(to - 1)

    def ask_minutes(self, number: int) -> None:
        """Ask for the minutes at stop ``number`` and write them."""
        route = self.route
        if route is None or not 1 <= number <= len(route.stops):
            return
        dialog = StopMinutesDialog(number, route.stops[number - 1].minutes, self._window)
        if self._dialogs.run(dialog):
            self.set_minutes(number, dialog.minutes_box.value())

    def set_minutes(self, number: int, minutes: float) -> None:
        """Write the minutes at stop ``number``."""
        service = self._writable()
        route = self.route
        if service is None or route is None:
            return
        self._write(
            _("Minutes at stop %(stop)d") % {"stop": number},
            lambda: service.operations.visit.set_minutes(route.name, number, minutes),
        )

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != MINUTES_COLUMN:
            return
        text = item.text().strip().replace(",", ".")
        try:
            minutes = float(text)
        except ValueError:
            self._dialogs.error(
                self._window,
                _("The change was not saved"),
                _("“%(value)s” is not a number of minutes.") % {"value": item.text()},
            )
            self._hall.refresh()
            return
        self.set_minutes(item.row() + 1, minutes)

    def _move_selected(self, step: int) -> None:
        number = self.panel.selected_stop()
        if number is not None:
            self.move_stop(number, number + step)

    def _remove_selected(self) -> None:
        number = self.panel.selected_stop()
        if number is not None:
            self.remove_stop(number)

    def _on_stop_selected(self) -> None:
        if self._filling:
            return
        self.save_points()
        self._show_points(self.panel.selected_stop())

    def save_points(self) -> None:
        """Write the talking points edited in the fields, all languages as one step."""
        route = self.route
        stop_id = self._points_stop
        fields = self.panel.points_fields
        if route is None or stop_id is None or self._filling:
            return
        numbers = [n for n, s in enumerate(route.stops, 1) if s.stop_id == stop_id]
        if not numbers:
            return
        stop = route.stops[numbers[0] - 1]
        edits = {
            language: field.toPlainText()
            for language, field in fields.items()
            if field.toPlainText().strip() != stop.point(language).strip()
        }
        if not edits:
            return
        service = self._writable()
        if service is None:
            return
        ops = service.operations.visit
        number = numbers[0]
        label = _("Talking points at stop %(stop)d") % {"stop": number}
        if len(edits) > 1:  # every language's in one undo step
            self.undo_stack.beginMacro(label)
        try:
            for language, text in edits.items():
                write = lambda tag=language, words=text: ops.set_points(  # noqa: E731
                    route.name, number, tag, words
                )
                if not self._write(label, write):
                    break
        finally:
            if len(edits) > 1:
                self.undo_stack.endMacro()
