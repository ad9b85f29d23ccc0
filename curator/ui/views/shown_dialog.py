"""Photo ▸ People and Places Shown: who and what the selected photo shows, and where.

The dialog only shows and asks: the photo with each person's rectangle, the list of persons,
organisations and locations, the event per language, and a name field that completes from the
glossary. A location has parts besides its name (sublocation, city, province, country), each a
glossary place with completion; a location selected in the list fills them for changing.
A rectangle dragged on the photo belongs to the person selected in the list; its coordinates
are fractions of the photo as displayed (the thumbnail is already upright).
:class:`~curator.ui.controllers.shown_controller.ShownController` writes every change.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from curator.core.shown import LOCATION_PARTS, Region
from curator.i18n import N_, _

#: The kinds the name field adds, as the controller understands them.
KINDS = ("person", "organisation", "place")

#: A location's parts besides its name, with their labels.
_PART_LABELS = {
    "sublocation": N_("Sublocation:"),
    "city": N_("City:"),
    "province": N_("Province or state:"),
    "country": N_("Country:"),
}


@dataclass(frozen=True, slots=True)
class ShownItem:
    """One line of the list: what it is (kind), its glossary entry, its text, its region.

    A location also gives its place in the photo's list of locations (``position``) and its
    parts as (part, name) pairs, the name one the glossary knows.
    """

    kind: str
    entry_id: int
    text: str
    region: Region | None = None
    position: int = -1
    parts: tuple[tuple[str, str], ...] = ()


class RegionCanvas(QWidget):
    """The photo, the persons' rectangles, and a rectangle drawn with the mouse."""

    region_drawn = Signal(float, float, float, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(QSize(320, 240))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._pixmap = QPixmap()
        self._regions: list[tuple[str, Region, bool]] = []
        self._start: QPointF | None = None
        self._end: QPointF | None = None

    def set_photo(self, pixmap: QPixmap) -> None:
        """Show ``pixmap`` (an upright picture of the photo)."""
        self._pixmap = pixmap
        self.update()

    def set_regions(self, regions: list[tuple[str, Region, bool]]) -> None:
        """The rectangles to draw: name, region, whether it is the selected person's."""
        self._regions = regions
        self.update()

    def image_rect(self) -> QRectF:
        """Where the photo is drawn: fitted in the widget, centred, its shape kept."""
        if self._pixmap.isNull():
            return QRectF(self.rect())
        size = self._pixmap.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        left = (self.width() - size.width()) / 2
        top = (self.height() - size.height()) / 2
        return QRectF(left, top, size.width(), size.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        target = self.image_rect()
        if not self._pixmap.isNull():
            painter.drawPixmap(target, self._pixmap, QRectF(self._pixmap.rect()))
        for name, region, selected in self._regions:
            box = QRectF(
                target.left() + region.x * target.width(),
                target.top() + region.y * target.height(),
                region.w * target.width(),
                region.h * target.height(),
            )
            painter.setPen(QPen(QColor("#ffd400" if selected else "#ffffff"), 2))
            painter.drawRect(box)
            painter.drawText(box.adjusted(4, 2, 0, 0), Qt.AlignmentFlag.AlignTop, name)
        if self._start is not None and self._end is not None:
            painter.setPen(QPen(QColor("#ffd400"), 1, Qt.PenStyle.DashLine))
            painter.drawRect(QRectF(self._start, self._end).normalized())
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._start = self._end = event.position()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._start is not None:
            self._end = event.position()
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._start is None or event.button() != Qt.MouseButton.LeftButton:
            return
        start, end = self._start, event.position()
        self._start = self._end = None
        self.update()
        target = self.image_rect()
        box = QRectF(start, end).normalized().intersected(target)
        if box.width() < 3 or box.height() < 3:  # a click, not a rectangle
            return
        self.region_drawn.emit(
            (box.left() - target.left()) / target.width(),
            (box.top() - target.top()) / target.height(),
            box.width() / target.width(),
            box.height() / target.height(),
        )


class ShownDialog(QDialog):
    """The persons, organisations, locations and event of one photo."""

    add_requested = Signal(str, str)  # kind, name
    remove_requested = Signal(object)  # ShownItem
    region_requested = Signal(int, object)  # person's entry id, Region
    event_edited = Signal(str, str)  # language, text
    location_requested = Signal(object, object)  # position to change or None, {part: name}

    def __init__(self, languages: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = RegionCanvas(self)
        self.items = QListWidget(self)
        self.kind = QComboBox(self)
        self.name = QLineEdit(self)
        self.completer = QCompleter([], self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.name.setCompleter(self.completer)
        self.add_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.undo_button = QPushButton(self)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.events: dict[str, QLineEdit] = {tag: QLineEdit(self) for tag in languages}
        self._event_labels = {tag: QLabel(tag, self) for tag in languages}
        self._completions: dict[str, list[str]] = {}
        self._editable = True
        self.place_box = QGroupBox(self)
        self.parts: dict[str, QLineEdit] = {}
        self._part_labels: dict[str, QLabel] = {}
        parts_form = QFormLayout(self.place_box)
        for part in _PART_LABELS:
            edit = QLineEdit(self.place_box)
            completer = QCompleter([], edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            edit.setCompleter(completer)
            edit.returnPressed.connect(self._on_add_clicked)
            self.parts[part] = edit
            self._part_labels[part] = QLabel(self.place_box)
            parts_form.addRow(self._part_labels[part], edit)
        self.change_place_button = QPushButton(self.place_box)
        self.change_place_button.setEnabled(False)
        parts_form.addRow(self.change_place_button)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)

        adding = QHBoxLayout()
        adding.addWidget(self.kind)
        adding.addWidget(self.name, 1)
        adding.addWidget(self.add_button)
        side = QVBoxLayout()
        side.addLayout(adding)
        side.addWidget(self.place_box)
        side.addWidget(self.items, 1)
        row = QHBoxLayout()
        row.addWidget(self.remove_button)
        row.addWidget(self.undo_button)
        side.addLayout(row)
        form = QFormLayout()
        for tag, edit in self.events.items():
            form.addRow(self._event_labels[tag], edit)
        self._event_title = QLabel(self)
        side.addWidget(self._event_title)
        side.addLayout(form)
        side.addWidget(self.hint)
        side.addWidget(self.status)
        body = QHBoxLayout()
        body.addWidget(self.canvas, 3)
        body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)

        self.add_button.clicked.connect(self._on_add_clicked)
        self.name.returnPressed.connect(self._on_add_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.kind.currentIndexChanged.connect(lambda _index: self._update_completions())
        self.items.currentItemChanged.connect(lambda *_args: self._on_selection_changed())
        self.change_place_button.clicked.connect(self._on_change_place_clicked)
        self.canvas.region_drawn.connect(self._on_canvas_region_drawn)
        for tag, edit in self.events.items():
            edit.editingFinished.connect(
                lambda tag=tag, edit=edit: self.event_edited.emit(tag, edit.text().strip())
            )
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.setWindowTitle(_("People and Places Shown"))
        current = self.kind.currentIndex()
        self.kind.clear()
        self.kind.addItems([_("Person"), _("Organisation"), _("Place")])
        self.kind.setCurrentIndex(max(current, 0))
        self.name.setPlaceholderText(_("A name from the glossary"))
        self.add_button.setText(_("&Add"))
        self.remove_button.setText(_("&Remove"))
        self.undo_button.setText(_("&Undo"))
        self.place_box.setTitle(_("The place's parts, from the glossary"))
        for part, label in _PART_LABELS.items():
            self._part_labels[part].setText(_(label))
        self.change_place_button.setText(_("&Change the Selected Place"))
        self._event_title.setText(_("Event, per language:"))
        self.hint.setText(
            _("Select a person in the list, then drag a rectangle on the photo to mark them.")
        )

    # -- what the controller shows ----------------------------------------------------------

    def set_completions(self, names: dict[str, list[str]]) -> None:
        """The glossary's names per kind (``person``, ``organisation``, ``place``)."""
        self._completions = names
        self._update_completions()

    def show_items(self, items: list[ShownItem], events: dict[str, str]) -> None:
        """List what the photo shows, keeping the selection on the same entry."""
        current = self.selected_item()
        self.items.clear()
        for item in items:
            line = QListWidgetItem(item.text, self.items)
            line.setData(Qt.ItemDataRole.UserRole, item)
            if current is not None and (item.kind, item.entry_id) == (
                current.kind,
                current.entry_id,
            ):
                self.items.setCurrentItem(line)
        for tag, edit in self.events.items():
            if not edit.hasFocus():
                edit.setText(events.get(tag, ""))
        self._update_regions()

    def show_status(self, text: str) -> None:
        """A line under the list: what was refused, or what to do."""
        self.status.setText(text)

    def selected_item(self) -> ShownItem | None:
        """The list's selected line."""
        line = self.items.currentItem()
        if line is None:
            return None
        item = line.data(Qt.ItemDataRole.UserRole)
        return item if isinstance(item, ShownItem) else None

    def set_editable(self, editable: bool) -> None:
        """Allow changes (not in a project open read-only)."""
        self._editable = editable
        for widget in (self.name, self.add_button, self.remove_button, self.canvas):
            widget.setEnabled(editable)
        for edit in self.parts.values():
            edit.setReadOnly(not editable)
        self._on_selection_changed()
        for edit in self.events.values():
            edit.setReadOnly(not editable)

    # -- what the person does ---------------------------------------------------------------

    def place_parts(self) -> dict[str, str]:
        """The place typed: its name and parts, each given one (in the order of the IPTC)."""
        typed = {part: edit.text().strip() for part, edit in self.parts.items()}
        typed["name"] = self.name.text().strip()
        return {part: typed[part] for part in LOCATION_PARTS if typed.get(part)}

    def _update_completions(self) -> None:
        kind = KINDS[max(self.kind.currentIndex(), 0)]
        model = self.completer.model()
        names = self._completions.get(kind, [])
        model.setStringList(names)  # type: ignore[attr-defined]
        places = self._completions.get("place", [])
        for edit in self.parts.values():
            completer = edit.completer()
            completer.model().setStringList(places)  # type: ignore[attr-defined]
        self.place_box.setVisible(kind == "place")

    def _on_selection_changed(self) -> None:
        self._update_regions()
        item = self.selected_item()
        is_place = item is not None and item.kind == "place"
        self.change_place_button.setEnabled(is_place and self._editable)
        if item is None or not is_place:
            return
        self.kind.setCurrentIndex(KINDS.index("place"))
        parts = dict(item.parts)
        self.name.setText(parts.get("name", ""))
        for part, edit in self.parts.items():
            edit.setText(parts.get(part, ""))

    def _on_change_place_clicked(self) -> None:
        item = self.selected_item()
        if item is None or item.kind != "place":
            return
        parts = self.place_parts()
        if not parts:
            self.show_status(_("Give the place's name or at least one of its parts."))
            return
        self.location_requested.emit(item.position, parts)

    def _update_regions(self) -> None:
        selected = self.selected_item()
        regions = [
            (item.text, item.region, selected is not None and item.entry_id == selected.entry_id)
            for index in range(self.items.count())
            if isinstance(item := self.items.item(index).data(Qt.ItemDataRole.UserRole), ShownItem)
            and item.region is not None
        ]
        self.canvas.set_regions(regions)

    def _on_add_clicked(self) -> None:
        kind = KINDS[max(self.kind.currentIndex(), 0)]
        if kind == "place":
            parts = self.place_parts()
            if parts:
                self.location_requested.emit(None, parts)
            else:
                self.show_status(_("Give the place's name or at least one of its parts."))
            return
        name = self.name.text().strip()
        if name:
            self.add_requested.emit(kind, name)

    def _on_remove_clicked(self) -> None:
        item = self.selected_item()
        if item is not None:
            self.remove_requested.emit(item)

    def _on_canvas_region_drawn(self, x: float, y: float, w: float, h: float) -> None:
        item = self.selected_item()
        if item is None or item.kind != "person":
            self.show_status(_("Select a person in the list first, then draw their rectangle."))
            return
        self.region_requested.emit(item.entry_id, Region(x, y, w, h))
