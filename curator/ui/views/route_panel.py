"""The route beside the plan: a route picker, its speed and time, its stops and talking points.

Only widgets: the Route controller fills them from ``operations.visit`` and writes what is
edited in them. The stops' table lists each stop's panel, minutes (editable), the walk to it
and the running total; under it the total against the time allotted, and the check's
warning when the route is over it.
"""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from curator.i18n import _

#: The stops' table's columns; only the minutes are edited in place.
STOP_COLUMN, PANEL_COLUMN, MINUTES_COLUMN, WALK_COLUMN, TOTAL_COLUMN = range(5)


def _spin(minimum: float, maximum: float, step: float, decimals: int) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(minimum, maximum)
    box.setSingleStep(step)
    box.setDecimals(decimals)
    box.setKeyboardTracking(False)
    return box


class RoutePanel(QWidget):
    """The chosen route's settings, stops and talking points, beside the hall's plan."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.route_label = QLabel()
        self.route_box = QComboBox()
        self.new_button = QPushButton()
        self.rename_button = QPushButton()
        self.delete_button = QPushButton()
        self.speed_box = _spin(0.1, 5.0, 0.1, 2)
        self.allotted_box = _spin(1.0, 24 * 60.0, 1.0, 0)
        self.stops_table = QTableWidget(0, 5)
        self.stops_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.stops_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.stops_table.verticalHeader().hide()
        header = self.stops_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.earlier_button = QPushButton()
        self.later_button = QPushButton()
        self.remove_button = QPushButton()
        self.total_label = QLabel()
        self.total_label.setWordWrap(True)
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        palette = self.warning_label.palette()
        palette.setColor(self.warning_label.foregroundRole(), QColor(180, 30, 30))
        self.warning_label.setPalette(palette)
        self.warning_label.hide()
        self.points_group = QGroupBox()
        self.points_form = QFormLayout(self.points_group)
        #: The talking points' fields by language, in the project's order.
        self.points_fields: dict[str, QPlainTextEdit] = {}
        self.save_points_button = QPushButton()
        self.points_form.addRow(self.save_points_button)

        picker = QHBoxLayout()
        picker.addWidget(self.route_label)
        picker.addWidget(self.route_box, 1)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.rename_button, self.delete_button):
            buttons.addWidget(button)
        self.settings_form = QFormLayout()
        self.speed_label = QLabel()
        self.allotted_label = QLabel()
        self.settings_form.addRow(self.speed_label, self.speed_box)
        self.settings_form.addRow(self.allotted_label, self.allotted_box)
        moves = QHBoxLayout()
        for button in (self.earlier_button, self.later_button, self.remove_button):
            moves.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 6)
        layout.addLayout(picker)
        layout.addLayout(buttons)
        layout.addLayout(self.settings_form)
        layout.addWidget(self.stops_table, 1)
        layout.addLayout(moves)
        layout.addWidget(self.total_label)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.points_group)
        self.retranslate_ui()

    def set_languages(self, languages: list[str]) -> None:
        """One talking points field per project language (kept when the languages are the same)."""
        if list(self.points_fields) == languages:
            return
        for field in self.points_fields.values():
            self.points_form.removeRow(field)
        self.points_fields = {}
        for row, language in enumerate(languages):
            field = QPlainTextEdit()
            field.setTabChangesFocus(True)
            field.setFixedHeight(field.fontMetrics().lineSpacing() * 3 + 12)
            field.setObjectName(f"points-{language}")
            self.points_form.insertRow(row, language, field)
            self.points_fields[language] = field

    def selected_stop(self) -> int | None:
        """The number (from 1) of the stop selected in the table, if any."""
        rows = self.stops_table.selectionModel().selectedRows()
        return rows[0].row() + 1 if rows else None

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.route_label.setText(_("Route:"))
        self.route_box.setToolTip(_("The route drawn on the plan and edited with the Stops tool"))
        self.new_button.setText(_("New Route…"))
        self.rename_button.setText(_("Rename…"))
        self.delete_button.setText(_("Delete"))
        self.speed_label.setText(_("Walking speed:"))
        self.speed_box.setSuffix(" " + _("m/s"))
        self.allotted_label.setText(_("Time allotted:"))
        self.allotted_box.setSuffix(" " + _("min"))
        self.stops_table.setHorizontalHeaderLabels(
            [_("Stop"), _("Panel"), _("Minutes"), _("Walk"), _("Total (min)")]
        )
        self.stops_table.setToolTip(_("Double-click the minutes to change them"))
        self.earlier_button.setText(_("Earlier"))
        self.later_button.setText(_("Later"))
        self.remove_button.setText(_("Remove Stop"))
        self.save_points_button.setText(_("Save Talking Points"))
        self.save_points_button.setToolTip(
            _("Keep what the guide and the interpreter say at the selected stop")
        )
        self.points_group.setTitle(_("Talking points"))


class RouteNameDialog(QDialog):
    """A route's name: for a new route (with its speed and time) or to rename one."""

    def __init__(self, title: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.name_field = QLineEdit(name)
        self.name_field.selectAll()
        form = QFormLayout(self)
        form.addRow(_("Name:"), self.name_field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class StopMinutesDialog(QDialog):
    """The minutes spent at one stop."""

    def __init__(self, stop: int, minutes: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Minutes at Stop %(stop)d") % {"stop": stop})
        self.minutes_box = _spin(0.0, 24 * 60.0, 0.5, 1)
        self.minutes_box.setValue(minutes)
        self.minutes_box.setSuffix(" " + _("min"))
        form = QFormLayout(self)
        form.addRow(_("Minutes at the stop:"), self.minutes_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
