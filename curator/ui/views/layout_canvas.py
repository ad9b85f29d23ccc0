"""The layout canvas: a section's panels drawn from the geometry the PDF will print.

One scene unit is one millimetre. Frames, pictures and caption lines are placed exactly
where ``curator.core.layout`` put them - the canvas never re-flows text - so a caption that
overflows here overflows in print (its lines are drawn red). Panels stand side by side with
a millimetre ruler along their top and left edges; Ctrl+wheel zooms, Fit shows them all.
A slot shows only the part of its photo that ``core`` says is printed (its crop). The view
(:mod:`curator.ui.views.layout_view`) asks the canvas what lies under the pointer for drag and drop.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from curator.core.layout import CaptionLine, PanelGeometry, Rect, SlotGeometry
from curator.i18n import _, ngettext
from curator.resources import resource
from curator.ui.views.layout_view import CanvasView, Spot

#: Gap between panels on the canvas, in millimetres.
PANEL_GAP_MM = 120.0
#: Qt sizes fonts in whole pixels: text is drawn ten times larger and scaled down.
_TEXT_SCALE = 10.0
_RULER_STEP_MM = 100.0

_font_families: dict[str, str] = {}


def _family(font: str) -> QFont:
    """A Qt font for a bundled font's file stem ("NotoSerif-Bold")."""
    if font not in _font_families:
        path = resource("fonts", f"{font}.ttf")
        font_id = QFontDatabase.addApplicationFont(str(path)) if path.is_file() else -1
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _font_families[font] = families[0] if families else "Noto Sans"
    qfont = QFont(_font_families[font])
    qfont.setBold("Bold" in font)
    qfont.setItalic("Italic" in font)
    return qfont


def _rect(rect: Rect, dx: float) -> QRectF:
    return QRectF(rect.x_mm + dx, rect.y_mm, rect.width_mm, rect.height_mm)


def _part(pixmap: QPixmap, source: Rect) -> QPixmap:
    """The part of a picture a slot prints (``source`` in fractions of the picture)."""
    if source == Rect(0.0, 0.0, 1.0, 1.0):
        return pixmap
    width, height = pixmap.width(), pixmap.height()
    part = QRect(
        round(source.x_mm * width),
        round(source.y_mm * height),
        max(1, round(source.width_mm * width)),
        max(1, round(source.height_mm * height)),
    )
    return pixmap.copy(part)


#: A picture item, the slot it is drawn in and its panel's offset in the scene.
Placed = tuple[QGraphicsPixmapItem, SlotGeometry, float]


@dataclass
class DrawnPanel:
    """One panel on the canvas: its geometry, where it stands and the items drawing it."""

    panel: PanelGeometry
    offset: float
    items: list[QGraphicsItem] = field(default_factory=list)
    pictures: dict[str, list[Placed]] = field(default_factory=dict)
    #: Photos drawn grey for want of pixels.
    missing: list[str] = field(default_factory=list)
    overflowing_lines: int = 0

    def waits_for_picture(self, picture: Callable[[str], QPixmap | None]) -> bool:
        """Whether a photo drawn grey has pixels now."""
        for photo_id in self.missing:
            pixmap = picture(photo_id)
            if pixmap is not None and not pixmap.isNull():
                return True
        return False

    def remove(self, scene: QGraphicsScene) -> None:
        """Take the panel's items off the scene."""
        for item in self.items:
            scene.removeItem(item)
        self.items.clear()


class LayoutCanvas(QWidget):
    """The view with a small toolbar (Fit, zoom in, zoom out) and a status line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene = QGraphicsScene(self)
        self.view = CanvasView(self.scene)
        self.view.locate = self.locate
        self.fit_button = QPushButton()
        self.zoom_in_button = QPushButton("+")
        self.zoom_out_button = QPushButton("−")
        self.message = QLabel()
        # The message wraps and "+" / "−" stay narrow, so the canvas never sets the
        # window's width (it made the window wider than a 1280-pixel screen).
        self.message.setWordWrap(True)
        for button in (self.zoom_in_button, self.zoom_out_button):
            button.setFixedWidth(round(button.sizeHint().height() * 1.6))
        bar = QHBoxLayout()
        for button in (self.fit_button, self.zoom_in_button, self.zoom_out_button):
            bar.addWidget(button)
        bar.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.fit_button.clicked.connect(self.fit)
        self.zoom_in_button.clicked.connect(lambda: self.view.zoom(1.25))
        self.zoom_out_button.clicked.connect(lambda: self.view.zoom(0.8))
        self._panels: list[PanelGeometry] = []
        #: The section drawn (set by the controller).
        self.section_id: str | None = None
        #: The slot outlined by :meth:`focus`, until the next drawing.
        self.marked_slot: str | None = None
        #: Each drawn panel with its horizontal offset in the scene.
        self._placed: list[tuple[PanelGeometry, float]] = []
        #: The picture items of each photo, with the slot they are drawn in.
        self._pictures: dict[str, list[Placed]] = {}
        #: The items of each panel drawn, in order.
        self._drawn: list[DrawnPanel] = []
        #: The outline :meth:`focus` drew.
        self._mark: QGraphicsItem | None = None
        self.overflowing_lines = 0
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.fit_button.setText(_("Fit"))
        self.zoom_in_button.setToolTip(_("Zoom in"))
        self.zoom_out_button.setToolTip(_("Zoom out"))
        self._update_message()

    def show_panels(
        self, panels: list[PanelGeometry], picture: Callable[[str], QPixmap | None]
    ) -> None:
        """Draw these panels; ``picture(photo_id)`` gives each photo's pixels, if known.

        Panel by panel: one drawn before with the same geometry at the same place keeps its
        items (an edit redraws the panels it changed, a move only those that shift).
        """
        self._panels = panels
        self.view.forget_highlight()
        if self._mark is not None:
            self.scene.removeItem(self._mark)
            self._mark = None
        self.marked_slot = None
        old = {(drawn.panel, drawn.offset): drawn for drawn in self._drawn}
        self._drawn = []
        offset = 0.0
        for panel in panels:
            drawn = old.pop((panel, offset), None)
            if drawn is None or drawn.waits_for_picture(picture):
                if drawn is not None:
                    drawn.remove(self.scene)
                drawn = self._draw_panel(panel, offset, picture)
            self._drawn.append(drawn)
            offset += panel.width_mm + PANEL_GAP_MM
        for gone in old.values():
            gone.remove(self.scene)
        self._placed = [(drawn.panel, drawn.offset) for drawn in self._drawn]
        self._pictures = {}
        for drawn in self._drawn:
            for photo_id, placed in drawn.pictures.items():
                self._pictures.setdefault(photo_id, []).extend(placed)
        self.overflowing_lines = sum(drawn.overflowing_lines for drawn in self._drawn)
        self.scene.setSceneRect(self.scene.itemsBoundingRect().adjusted(-60, -60, 60, 60))
        self._update_message()
        self.fit()

    def fit(self) -> None:
        """Show every panel."""
        if not self.scene.items():
            return
        self.view.fitInView(self.scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        self.view.zoomed.emit(self.view.pixels_per_mm())

    def focus(self, panel_id: str | None, slot_id: str | None = None) -> bool:
        """Show one panel whole, its slot (if any) outlined: where a finding points."""
        for panel, dx in self._placed:
            if panel.panel_id != panel_id:
                continue
            sheet = QRectF(dx, 0, panel.width_mm, panel.height_mm).adjusted(-60, -60, 60, 60)
            self.view.fitInView(sheet, Qt.AspectRatioMode.KeepAspectRatio)
            self.view.zoomed.emit(self.view.pixels_per_mm())
            for slot in panel.slots:
                if slot.slot_id == slot_id:
                    pen = QPen(QColor("#1e88e5"), 0)
                    pen.setWidthF(4.0)
                    pen.setCosmetic(True)
                    if self._mark is not None:
                        self.scene.removeItem(self._mark)
                    mark = self.scene.addRect(_rect(slot.frame, dx).adjusted(-4, -4, 4, 4), pen)
                    mark.setZValue(5)
                    self._mark = mark
                    self.marked_slot = slot_id
            return True
        return False

    @property
    def panels(self) -> list[PanelGeometry]:
        """The panels drawn, in order."""
        return list(self._panels)

    def locate(self, point: QPointF) -> Spot | None:
        """The panel (and the slot whose frame holds the point) at a scene point."""
        for panel, dx in self._placed:
            sheet = QRectF(dx, 0, panel.width_mm, panel.height_mm)
            if not sheet.contains(point):
                continue
            left = point.x() < sheet.center().x()
            for slot in panel.slots:
                frame = _rect(slot.frame, dx)
                if frame.contains(point):
                    return Spot(panel.panel_id, slot.slot_id, sheet, frame, left)
            return Spot(panel.panel_id, None, sheet, sheet, left)
        return None

    def slot(self, slot_id: str) -> SlotGeometry | None:
        """A slot drawn, by id."""
        for panel in self._panels:
            for slot in panel.slots:
                if slot.slot_id == slot_id:
                    return slot
        return None

    def panel_of(self, slot_id: str) -> str | None:
        """The id of the panel a slot drawn is on."""
        for panel in self._panels:
            if any(slot.slot_id == slot_id for slot in panel.slots):
                return panel.panel_id
        return None

    def scene_point(self, slot_id: str | None = None, panel_id: str | None = None) -> QPointF:
        """The centre of a slot's picture, or of a panel's empty top margin, in the scene."""
        for panel, dx in self._placed:
            for slot in panel.slots:
                if slot.slot_id == slot_id:
                    return _rect(slot.image, dx).center()
            if panel.panel_id == panel_id:
                return QPointF(dx + panel.width_mm / 2, panel.content.y_mm / 2)
        raise KeyError(slot_id or panel_id)

    def set_picture(self, photo_id: str, pixmap: QPixmap) -> None:
        """Draw a photo's slots with other pixels (a sharper preview when zoomed in)."""
        for item, slot, dx in self._pictures.get(photo_id, []):
            self._place_picture(item, pixmap, slot, dx)

    @staticmethod
    def _place_picture(
        item: QGraphicsPixmapItem, pixmap: QPixmap, slot: SlotGeometry, dx: float
    ) -> None:
        part = _part(pixmap, slot.source)
        image_rect = _rect(slot.image, dx)
        item.setPixmap(part)
        item.setScale(image_rect.width() / max(part.width(), 1))
        item.setPos(image_rect.topLeft())

    def _update_message(self) -> None:
        if not self._panels:
            self.message.setText(_("Choose a section with panels, or lay it out."))
        elif self.overflowing_lines:
            self.message.setText(
                ngettext(
                    "%(count)d caption line does not fit (red)",
                    "%(count)d caption lines do not fit (red)",
                    self.overflowing_lines,
                )
                % {"count": self.overflowing_lines}
            )
        else:
            self.message.setText(_("Every caption fits."))

    def _draw_panel(
        self, panel: PanelGeometry, dx: float, picture: Callable[[str], QPixmap | None]
    ) -> DrawnPanel:
        scene = self.scene
        drawn = DrawnPanel(panel, dx)
        sheet = scene.addRect(
            QRectF(dx, 0, panel.width_mm, panel.height_mm),
            QPen(QColor("#777777"), 1.0),
            QBrush(Qt.GlobalColor.white),
        )
        sheet.setZValue(-1)
        drawn.items.append(sheet)
        drawn.items.append(
            scene.addRect(
                _rect(panel.content, dx), QPen(QColor("#c8d8f0"), 0.8, Qt.PenStyle.DashLine)
            )
        )
        self._draw_rulers(drawn)
        for block in panel.titles:  # the section's title, on its first panel
            for line in block.lines:
                self._draw_line(line, drawn)
        for slot in panel.slots:
            drawn.items.append(
                scene.addRect(
                    _rect(slot.frame, dx), QPen(QColor("#d0d0d0"), 0.8, Qt.PenStyle.DotLine)
                )
            )
            image_rect = _rect(slot.image, dx)
            pixmap = picture(slot.photo_id) if slot.photo_id else None
            if slot.photo_id and pixmap is not None and not pixmap.isNull():
                item = scene.addPixmap(QPixmap())
                item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
                self._place_picture(item, pixmap, slot, dx)
                drawn.items.append(item)
                drawn.pictures.setdefault(slot.photo_id, []).append((item, slot, dx))
            else:
                if slot.photo_id:
                    drawn.missing.append(slot.photo_id)
                drawn.items.append(
                    scene.addRect(image_rect, QPen(Qt.PenStyle.NoPen), QBrush(QColor("#bbbbbb")))
                )
            for block in slot.captions:
                for line in block.lines:
                    self._draw_line(line, drawn)
            if slot.code is not None:  # where the QR code prints (web.base_url is set)
                code = scene.addRect(_rect(slot.code.rect, dx), QPen(QColor("#555555"), 0.8),
                                     QBrush(QColor("#e6e6e6")))  # fmt: skip
                code.setToolTip(slot.code.url)
                drawn.items.append(code)
        return drawn

    def _draw_line(self, line: CaptionLine, drawn: DrawnPanel) -> None:
        font = _family(line.font)
        size_mm = line.size_pt * 25.4 / 72.0
        font.setPixelSize(max(1, round(size_mm * _TEXT_SCALE)))
        item = QGraphicsSimpleTextItem(line.text)
        item.setFont(font)
        item.setScale(1.0 / _TEXT_SCALE)
        if line.overflows:
            item.setBrush(QBrush(QColor("#c62828")))
            drawn.overflowing_lines += 1
        ascent_mm = QFontMetricsF(font).ascent() / _TEXT_SCALE
        item.setPos(line.x_mm + drawn.offset, line.baseline_mm - ascent_mm)
        self.scene.addItem(item)
        drawn.items.append(item)

    def _draw_rulers(self, drawn: DrawnPanel) -> None:
        panel, dx = drawn.panel, drawn.offset
        pen = QPen(QColor("#888888"), 0.6)
        font = QFont("Noto Sans")
        font.setPixelSize(int(12 * _TEXT_SCALE))
        steps_x = int(panel.width_mm // _RULER_STEP_MM)
        for index in range(steps_x + 1):
            x = dx + index * _RULER_STEP_MM
            drawn.items.append(self.scene.addLine(x, -14, x, 0, pen))
            self._ruler_label(f"{int(index * _RULER_STEP_MM)}", x + 2, -30, font, drawn)
        steps_y = int(panel.height_mm // _RULER_STEP_MM)
        for index in range(steps_y + 1):
            y = index * _RULER_STEP_MM
            drawn.items.append(self.scene.addLine(dx - 14, y, dx, y, pen))
            self._ruler_label(f"{int(index * _RULER_STEP_MM)}", dx - 50, y + 2, font, drawn)

    def _ruler_label(self, text: str, x: float, y: float, font: QFont, drawn: DrawnPanel) -> None:
        item = QGraphicsSimpleTextItem(text)
        item.setFont(font)
        item.setScale(1.0 / _TEXT_SCALE)
        item.setBrush(QBrush(QColor("#888888")))
        item.setPos(x, y)
        self.scene.addItem(item)
        drawn.items.append(item)
