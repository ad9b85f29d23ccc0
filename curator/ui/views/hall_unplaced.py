"""The panels not yet on the hall's plan, in visit order, each dragged from here onto it.

A strip under the plan: one entry per panel the hall does not place, by its number as its
label gives it ("2.3") with its size. A panel is pressed here and released over the plan:
:attr:`UnplacedPanels.dropped` then says which panel and where the pointer was let go (a
global position); the controller hangs it on the wall or stand face nearest that point,
as a panel dragged on the plan is. The drag is the list's own mouse grab, so it needs no
platform drag and drop.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QListView, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from curator.core.hall.model import PanelSize
from curator.i18n import _, number_text

#: The item's data: the panel's id.
PANEL_ROLE = Qt.ItemDataRole.UserRole + 1


class UnplacedPanels(QListWidget):
    """The unplaced panels, side by side; a press and a release over the plan places one."""

    #: A panel's id and the global position where it was let go outside the list.
    dropped = Signal(str, QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setSpacing(2)
        self.setFixedHeight(self.fontMetrics().height() * 2 + 16)
        self._pressed: str | None = None

    def show_panels(self, panels: Sequence[PanelSize], placed: set[str]) -> None:
        """List the panels of ``panels`` (in visit order) not in ``placed``."""
        self.clear()
        for panel in panels:
            if panel.panel_id in placed:
                continue
            item = QListWidgetItem(panel.reference)
            item.setData(PANEL_ROLE, panel.panel_id)
            item.setToolTip(
                _("Panel %(panel)s, %(width)s × %(height)s mm: drag it onto a wall or a stand")
                % {
                    "panel": panel.reference,
                    "width": number_text(panel.width_mm),
                    "height": number_text(panel.height_mm),
                }
            )
            self.addItem(item)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        item = self.itemAt(event.position().toPoint())
        left = event.button() == Qt.MouseButton.LeftButton
        self._pressed = str(item.data(PANEL_ROLE)) if item is not None and left else None
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pressed is not None:
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        panel, self._pressed = self._pressed, None
        self.viewport().unsetCursor()
        position = event.position().toPoint()
        super().mouseReleaseEvent(event)
        if panel is not None and not self.viewport().rect().contains(position):
            self.dropped.emit(panel, self.viewport().mapToGlobal(position))


class UnplacedStrip(QWidget):
    """A heading and the list; hidden while every panel is on the plan."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.panels = UnplacedPanels()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.heading)
        layout.addWidget(self.panels)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.heading.setText(_("Not on the plan yet (drag a panel onto a wall or a stand):"))
