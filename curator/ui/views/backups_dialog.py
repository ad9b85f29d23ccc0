"""The Backups dialog: a project's snapshots (when, why, how large) and Restore.

A view only: it shows the list it is given and says which snapshot the person wants back
through :attr:`BackupsDialog.restore_requested`; the :class:`BackupController` asks for
confirmation and does the work off the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator.core.storage.backups import Snapshot, reason_label
from curator.i18n import _, ngettext, number_text

NAME_ROLE = Qt.ItemDataRole.UserRole


def size_text(size: int) -> str:
    """A snapshot's size for people."""
    return _("%(size)s MB") % {"size": number_text(size / 1024 / 1024, 1)}


def when_text(snapshot: Snapshot) -> str:
    """When a snapshot was taken, in local time."""
    return snapshot.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


class BackupsDialog(QDialog):
    """Lists snapshots newest first; Restore asks for the selected one."""

    restore_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BackupsDialog")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.buttons = QDialogButtonBox()
        self.restore_button = QPushButton()
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.clicked.connect(self.reject)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)
        self.resize(720, 420)
        self._snapshots: list[Snapshot] | None = None
        self._folder = ""
        self.busy = False
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.setWindowTitle(_("Backups"))
        self.table.setHorizontalHeaderLabels([_("Taken"), _("Why"), _("Size")])
        self.restore_button.setText(_("&Restore…"))
        self.close_button.setText(_("Close"))
        self._show_summary()
        if self._snapshots is not None:
            self.set_snapshots(self._snapshots, self._folder)

    def set_snapshots(self, snapshots: list[Snapshot], folder: str) -> None:
        """Show these snapshots (given oldest first, shown newest first)."""
        self._snapshots = list(snapshots)
        self._folder = folder
        newest_first = list(reversed(snapshots))
        self.table.setRowCount(len(newest_first))
        for row, snapshot in enumerate(newest_first):
            reason = reason_label(snapshot.reason)
            if snapshot.detail:
                reason += f" — {snapshot.detail}"
            cells = (when_text(snapshot), reason, size_text(snapshot.size))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(NAME_ROLE, snapshot.name)
                item.setToolTip(snapshot.name)
                self.table.setItem(row, column, item)
        self._show_summary()
        self._update_buttons()

    def set_busy(self, busy: bool) -> None:
        """Disable Restore while a restore runs."""
        self.busy = busy
        self._update_buttons()

    def selected_name(self) -> str | None:
        """The selected snapshot's name, if any."""
        items = self.table.selectedItems()
        return str(items[0].data(NAME_ROLE)) if items else None

    def select_name(self, name: str) -> None:
        """Select the row of a snapshot."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(NAME_ROLE) == name:
                self.table.selectRow(row)
                return

    def _show_summary(self) -> None:
        if self._snapshots is None:
            self.summary.setText(_("Reading the backups…"))
            return
        count = len(self._snapshots)
        total = sum(snapshot.size for snapshot in self._snapshots)
        self.summary.setText(
            ngettext(
                "%(count)d snapshot (%(size)s) in %(folder)s.",
                "%(count)d snapshots (%(size)s) in %(folder)s.",
                count,
            )
            % {"count": count, "size": size_text(total), "folder": self._folder}
            + " "
            + _(
                "Curator takes one before every change that replaces or deletes work, and "
                "every few minutes while you work."
            )
        )

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(not self.busy and self.selected_name() is not None)

    def _on_restore_button_clicked(self) -> None:
        name = self.selected_name()
        if name is not None:
            self.restore_requested.emit(name)
