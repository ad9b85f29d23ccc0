"""File ▸ Open from Server…: a PostgreSQL address typed or picked from the recent servers.

The address is a libpq URI (``postgresql://host/db?project=NAME``); the dialog says inline
what is wrong with it (not a server address, a password in it, a bad project name) and keeps
Open disabled until it is right. A password is never typed here: libpq finds it in
``~/.pgpass``, ``PGPASSWORD`` or a service file, so the recent list never holds one.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator.core.storage.address import (
    AddressError,
    ServerAddress,
    is_server_address,
    parse_address,
)
from curator.i18n import _

ERROR_STYLE = "color: #b00020;"


def server_address(text: str) -> tuple[ServerAddress | None, str]:
    """The address typed, or None and why not (an empty text: no reason shown)."""
    raw = text.strip()
    if not raw:
        return None, ""
    if not is_server_address(raw):
        return None, _("A server address starts with postgresql:// or postgres://.")
    try:
        address = parse_address(raw)
    except AddressError as error:
        return None, error.message
    return (address, "") if isinstance(address, ServerAddress) else (None, "")


class OpenFromServerDialog(QDialog):
    """Asks for a server address; :attr:`address` is the one chosen after ``accept``."""

    def __init__(self, recent: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.address: ServerAddress | None = None
        self.setWindowTitle(_("Open from Server"))
        self.intro = QLabel(
            _(
                "A PostgreSQL address, such as postgresql://server/exhibitions?project=hanoi."
                " Without project= it opens the database's default project. Passwords come"
                " from ~/.pgpass, PGPASSWORD or a service file, never from the address."
            )
        )
        self.intro.setWordWrap(True)
        self.field = QLineEdit()
        self.field.setPlaceholderText("postgresql://server/database?project=name")
        self.problem = QLabel()
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        self.recent_label = QLabel(_("Recent servers:"))
        self.recent = QListWidget()
        for text in recent:
            self.recent.addItem(QListWidgetItem(text))
        self.recent_label.setVisible(bool(recent))
        self.recent.setVisible(bool(recent))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        for widget in (
            self.intro,
            self.field,
            self.problem,
            self.recent_label,
            self.recent,
            self.buttons,
        ):
            layout.addWidget(widget)
        self.field.textChanged.connect(self._on_field_text_changed)
        self.recent.currentTextChanged.connect(self.field.setText)
        self.recent.itemDoubleClicked.connect(self._on_recent_item_double_clicked)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        if recent:
            self.field.setText(recent[0])
        self._on_field_text_changed(self.field.text())

    def _on_field_text_changed(self, text: str) -> None:
        address, problem = server_address(text)
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        button = self.buttons.button(QDialogButtonBox.StandardButton.Open)
        button.setEnabled(address is not None)

    def _on_recent_item_double_clicked(self, item: QListWidgetItem) -> None:
        self.field.setText(item.text())
        self.accept()

    def accept(self) -> None:
        """Close with the address, if it is one (Enter on a bad one does nothing)."""
        address, _problem = server_address(self.field.text())
        if address is None:
            return
        self.address = address
        super().accept()
