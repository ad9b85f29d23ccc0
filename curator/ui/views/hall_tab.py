"""The Hall tab: the plan with its tools, typed sizes, automatic placement, and the door dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from curator.i18n import _
from curator.ui.views.hall_scene import HallScene
from curator.ui.views.hall_view import HallView, Tool
from curator.ui.views.route_panel import RoutePanel


def _millimetres(maximum: float, value: float) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setDecimals(0)
    box.setRange(0.0, maximum)
    box.setSingleStep(10.0)
    box.setValue(value)
    box.setSuffix(" mm")
    return box


class HallTab(QWidget):
    """The plan under a bar: Select, Wall, Stand, Door; length and height; placement; Fit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene = HallScene()
        self.scene.setParent(self)
        self.view = HallView(self.scene)
        self.tool_buttons: dict[Tool, QToolButton] = {}
        self.tools = QButtonGroup(self)
        # The tools in a tool bar (what does not fit a narrow window goes under its »), the
        # typed sizes and what the checks found on a second row.
        self.toolbar = QToolBar()
        for tool in Tool:
            button = QToolButton()
            button.setCheckable(True)
            button.setChecked(tool is Tool.SELECT)
            self.tools.addButton(button)
            self.tool_buttons[tool] = button
            button.clicked.connect(lambda _checked=False, t=tool: self.view.set_tool(t))
            self.toolbar.addWidget(button)
        self.toolbar.addSeparator()
        self.place_button = QPushButton()
        self.fit_button = QPushButton()
        #: Shows the route's side panel (the Stops tool shows it too).
        self.route_button = QPushButton()
        self.route_button.setCheckable(True)
        self.toolbar.addWidget(self.place_button)
        self.toolbar.addWidget(self.fit_button)
        self.toolbar.addWidget(self.route_button)
        self.length_label = QLabel()
        self.length_field = QLineEdit()
        self.length_field.setFixedWidth(
            self.length_field.fontMetrics().horizontalAdvance("000000 mm")
        )
        self.height_label = QLabel()
        self.height_field = _millimetres(20000.0, 3000.0)
        self.message = QLabel()
        self.message.setWordWrap(True)
        sizes = QHBoxLayout()
        sizes.setContentsMargins(6, 0, 6, 0)
        for widget in (self.length_label, self.length_field, self.height_label, self.height_field):
            sizes.addWidget(widget)
        sizes.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addLayout(sizes)
        self.route_panel = RoutePanel()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.route_panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setCollapsible(0, False)
        self.route_panel.hide()
        self.route_button.toggled.connect(self._show_route)
        self.tool_buttons[Tool.STOPS].clicked.connect(lambda: self.route_button.setChecked(True))
        layout.addWidget(self.splitter, 1)
        self.fit_button.clicked.connect(self.view.fit)
        self.view.length_typed.connect(self._start_typing)
        self.view.measured.connect(self._show_measure)
        self.retranslate_ui()

    def _show_route(self, shown: bool) -> None:
        """Show or hide the route's panel; shown, it takes its width from the plan."""
        self.route_panel.setVisible(shown)
        if shown and self.splitter.sizes()[1] < self.route_panel.minimumSizeHint().width():
            width = max(self.route_panel.sizeHint().width(), 320)
            total = sum(self.splitter.sizes())
            self.splitter.setSizes([max(total - width, 200), width])

    def _show_measure(self, length_mm: float) -> None:
        """The length drawn so far, greyed in the field until a length is typed."""
        self.length_field.setPlaceholderText(f"{length_mm:.0f}" if length_mm else _("mm"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.view.start is not None:
            self.view.cancel_drawing()  # Escape in the Length field drops the wall begun
            self.length_field.clear()
            self.view.setFocus()
            event.accept()
            return
        super().keyPressEvent(event)

    def _start_typing(self, first: str) -> None:
        self.length_field.setText(first)
        self.length_field.setFocus()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        names = {
            Tool.SELECT: (_("Select"), _("Select walls, stands, doors and panels; drag a panel")),
            Tool.WALL: (
                _("Wall"),
                _("Click where the wall starts and where it ends, or type its length"),
            ),
            Tool.STAND: (
                _("Stand"),
                _("Click one end of the stand and the other, or type its length"),
            ),
            Tool.DOOR: (_("Door"), _("Click a wall to open a door in it")),
            Tool.STOPS: (
                _("Stops"),
                _(
                    "Click a panel to add it as the route's next stop, click a stop again to "
                    "remove it; right-click for more"
                ),
            ),
        }
        for tool, (text, tip) in names.items():
            self.tool_buttons[tool].setText(text)
            self.tool_buttons[tool].setToolTip(tip)
        self.length_label.setText(_("Length:"))
        self.length_field.setPlaceholderText(_("mm"))
        self.length_field.setToolTip(
            _("While drawing, type the length in mm and press Enter to end the wall there")
        )
        self.height_label.setText(_("Height:"))
        self.height_field.setToolTip(_("The height of the next wall or stand"))
        self.place_button.setText(_("Place Automatically"))
        self.place_button.setToolTip(
            _("Hang every panel not on a stand along the walls, in visit order")
        )
        self.fit_button.setText(_("Fit"))
        self.route_button.setText(_("Route"))
        self.route_button.setToolTip(
            _("Show the visit's routes beside the plan: stops, times and talking points")
        )
        self.route_panel.retranslate_ui()


class DoorDialog(QDialog):
    """Where a door opens in a wall: its offset from the wall's start, width and height."""

    def __init__(
        self, wall: int, length_mm: float, offset_mm: float, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setWindowTitle(_("Door in Wall %(number)s") % {"number": wall})
        self.offset_box = _millimetres(length_mm, max(0.0, min(offset_mm, length_mm - 900.0)))
        self.width_box = _millimetres(length_mm, min(900.0, length_mm))
        self.height_box = _millimetres(20000.0, 2100.0)
        form = QFormLayout(self)
        form.addRow(_("Offset from the wall's start:"), self.offset_box)
        form.addRow(_("Width:"), self.width_box)
        form.addRow(_("Height:"), self.height_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
