"""What the window offers for a file it has written: **Open** and **Show in Folder**.

*Open* hands the file to the program the desktop opens it with (``QDesktopServices``).
*Show in Folder* asks the file manager to show the folder with the file selected, through
``org.freedesktop.FileManager1.ShowItems`` on the session bus (Nautilus, Dolphin, Nemo,
Caja, Thunar…); with no session bus, or no file manager answering it, the folder itself is
opened. The offer is made twice after an export: in the status bar, where it stays until the
next one, and in a notification: a non-modal message with the same buttons.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusPendingCallWatcher
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from curator.i18n import _

FILE_MANAGER = "org.freedesktop.FileManager1"
FILE_MANAGER_PATH = "/org/freedesktop/FileManager1"
#: How long the file manager may take to answer before the folder is opened instead (ms).
FILE_MANAGER_TIMEOUT_MS = 5000
#: The widest the status bar shows a written file's name.
NAME_WIDTH_PX = 260


class FileOpener(QObject):
    """Opens a file, or its folder with the file selected where the file manager allows."""

    def __init__(
        self,
        bus: Callable[[], QDBusConnection] = QDBusConnection.sessionBus,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._bus = bus
        #: Called with a sentence when the desktop could not do what was asked.
        self.on_failure: Callable[[str], None] = lambda _sentence: None

    def open(self, path: Path) -> bool:
        """Open ``path`` with the desktop's program for it."""
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            return True
        self.on_failure(_("No program opened %(file)s.") % {"file": path})
        return False

    def show_in_folder(self, path: Path) -> None:
        """Show ``path`` selected in its folder; the folder alone when that cannot be done."""
        if not path.exists():  # moved or deleted since: its folder, if that is still there
            self._open_folder(path)
            return
        bus = self._bus()
        if not bus.isConnected():
            self._open_folder(path)
            return
        message = QDBusMessage.createMethodCall(
            FILE_MANAGER, FILE_MANAGER_PATH, FILE_MANAGER, "ShowItems"
        )
        message.setArguments([[QUrl.fromLocalFile(str(path)).toString()], ""])
        watcher = QDBusPendingCallWatcher(bus.asyncCall(message, FILE_MANAGER_TIMEOUT_MS), self)
        watcher.finished.connect(lambda done, shown=path: self._answered(done, shown))

    def _answered(self, watcher: QDBusPendingCallWatcher, path: Path) -> None:
        if watcher.isError():  # no file manager on the bus, or it refused
            self._open_folder(path)
        watcher.deleteLater()

    def _open_folder(self, path: Path) -> None:
        folder = path.parent
        if not folder.is_dir() or not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self.on_failure(_("Cannot show the folder %(folder)s.") % {"folder": folder})


class WrittenFileBar(QWidget):
    """The status bar's offer: "Wrote FILE." with Open and Show in Folder."""

    def __init__(self, opener: FileOpener, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WrittenFileBar")
        self._opener = opener
        self.path: Path | None = None
        self.label = QLabel()
        self.open_button = QPushButton()
        self.show_button = QPushButton()
        for button in (self.open_button, self.show_button):
            button.setFlat(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(self.show_button)
        self.open_button.clicked.connect(self._open)
        self.show_button.clicked.connect(self._show)
        self.setVisible(False)
        self.retranslate_ui()

    def offer(self, path: Path) -> None:
        """Offer the file just written."""
        self.path = path
        self.retranslate_ui()
        self.setVisible(True)

    def withdraw(self) -> None:
        """Offer nothing (the project was closed)."""
        self.path = None
        self.setVisible(False)

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.open_button.setText(_("Open"))
        self.show_button.setText(_("Show in Folder"))
        if self.path is not None:
            # a long title makes a long name: shown elided, so the window never widens for it
            name = self.label.fontMetrics().elidedText(
                self.path.name, Qt.TextElideMode.ElideMiddle, NAME_WIDTH_PX
            )
            self.label.setText(_("Wrote %(file)s.") % {"file": name})
            self.label.setToolTip(str(self.path))

    def _open(self) -> None:
        if self.path is not None:
            self._opener.open(self.path)

    def _show(self) -> None:
        if self.path is not None:
            self._opener.show_in_folder(self.path)


def written_notice(parent: QWidget, opener: FileOpener, path: Path) -> QMessageBox:
    """A non-modal message that ``path`` was written, with Open, Show in Folder and Close."""
    box = QMessageBox(QMessageBox.Icon.Information, _("Export Finished"),
                      _("Wrote %(file)s.") % {"file": path.name},
                      QMessageBox.StandardButton.NoButton, parent)  # fmt: skip
    box.setObjectName("WrittenFileNotice")
    box.setInformativeText(str(path.parent))
    box.setModal(False)
    open_button = box.addButton(_("Open"), QMessageBox.ButtonRole.ActionRole)
    show_button = box.addButton(_("Show in Folder"), QMessageBox.ButtonRole.ActionRole)
    close_button = box.addButton(_("Close"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(close_button)
    open_button.clicked.connect(lambda: opener.open(path))
    show_button.clicked.connect(lambda: opener.show_in_folder(path))
    return box
