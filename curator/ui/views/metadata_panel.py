"""The metadata dock: what the selected photo's file says, as the project recorded it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from curator.core.library.photo_info import metadata_rows
from curator.core.model import Photo
from curator.core.rights import PhotoRights, provenance_rows
from curator.i18n import _, current_language


class MetadataPanel(QWidget):
    """Two columns: what (camera, GPS coordinates, keywords…) and the value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        # Wrapped values take their lines again when the dock is made wider or narrower
        # (filled while hidden, the rows kept the height of a narrow column).
        self.table.horizontalHeader().sectionResized.connect(self._on_section_resized)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self._photo: Photo | None = None
        self._count = 0
        self._rights: PhotoRights | None = None
        self._rows_pending = False
        self.retranslate_ui()

    def show_photo(
        self, photo: Photo | None, count: int = 1, rights: PhotoRights | None = None
    ) -> None:
        """Show one photo's metadata (None: ``count`` photos or none selected).

        ``rights`` adds its rights template, digital source type and Content Credentials.
        """
        self._photo = photo
        self._count = count
        self._rights = rights if photo is not None else None
        self._fill()

    def update_photo(self, photo: Photo, rights: PhotoRights | None = None) -> None:
        """Show new values of the photo on view (its label changed, say)."""
        if self._photo is not None and self._photo.id == photo.id:
            self.show_photo(photo, rights=rights or self._rights)

    def rows(self) -> list[tuple[str, str]]:
        """The rows shown, as text."""
        return [
            (_text(self.table.item(row, 0)), _text(self.table.item(row, 1)))
            for row in range(self.table.rowCount())
        ]

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.table.setAccessibleName(_("Metadata"))
        self._fill()

    def _fill(self) -> None:
        photo = self._photo
        if photo is None:
            text = (
                _("Select one photo to see what its file says.")
                if self._count != 1
                else _("No photo selected.")
            )
            self.table.setRowCount(1)
            self.table.setItem(0, 0, QTableWidgetItem(""))
            self.table.setItem(0, 1, QTableWidgetItem(text))
            return
        rows = metadata_rows(photo, _, current_language())
        if self._rights is not None:
            rows += provenance_rows(self._rights, _)
        self.table.setRowCount(len(rows))
        for row, (label, value) in enumerate(rows):
            name = QTableWidgetItem(label)
            name.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            self.table.setItem(row, 0, name)
            item = QTableWidgetItem(value)
            # Level with its label, also when the value wraps onto more lines.
            item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            item.setToolTip(value)
            self.table.setItem(row, 1, item)
        self.table.resizeRowsToContents()

    def _on_section_resized(self, column: int, _old: int, _new: int) -> None:
        if column == 1 and not self._rows_pending:
            # Once the header has settled (it is still laying its sections out now).
            self._rows_pending = True
            QTimer.singleShot(0, self._resize_rows)

    def _resize_rows(self) -> None:
        self._rows_pending = False
        self.table.resizeRowsToContents()


def _text(item: QTableWidgetItem | None) -> str:
    return "" if item is None else item.text()
