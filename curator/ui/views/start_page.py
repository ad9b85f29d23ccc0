"""The start page shown when no project is open: new, open, demo, recent projects."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from curator.i18n import _


class StartPage(QWidget):
    """Buttons for the first steps and the list of recent projects."""

    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_chosen = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.blurb = QLabel()
        self.blurb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.blurb.setWordWrap(True)
        self.new_button = QPushButton()
        self.open_button = QPushButton()
        self.demo_button = QPushButton()
        self.recent_label = QLabel()
        self.recent_list = QListWidget()
        self.recent_list.setMaximumWidth(640)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.new_button, self.open_button, self.demo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.heading)
        layout.addWidget(self.blurb)
        layout.addSpacing(16)
        layout.addLayout(buttons)
        layout.addSpacing(16)
        layout.addWidget(self.recent_label, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.recent_list, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        self.recent_list.itemActivated.connect(self._on_recent_list_item_activated)
        # Shown alone (no docks), it has the window's width; it must not add its buttons'
        # width to the window's minimum while a project is open beside the docks.
        self.setMinimumWidth(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.heading.setText(f"<h1>{_('Curator')}</h1>")
        self.blurb.setText(_("Multilingual photo exhibitions: import, caption, arrange and print."))
        self.new_button.setText(_("New project…"))
        self.open_button.setText(_("Open project…"))
        self.demo_button.setText(_("Open the demo exhibition"))
        self.recent_label.setText(_("Recent projects"))

    def set_recent(self, paths: list[Path]) -> None:
        """Fill the recent list."""
        self.recent_list.clear()
        for path in paths:
            item = QListWidgetItem(f"{path.stem} — {path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.recent_list.addItem(item)
        self.recent_label.setVisible(bool(paths))
        self.recent_list.setVisible(bool(paths))

    def _on_recent_list_item_activated(self, item: QListWidgetItem) -> None:
        self.recent_chosen.emit(Path(item.data(Qt.ItemDataRole.UserRole)))
