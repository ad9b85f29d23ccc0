from pathlib import Path

import pytest
from PySide6.QtWidgets import QGraphicsPixmapItem, QGraphicsSimpleTextItem

from curator.core.editing.layout_service import section_geometry
from curator.demo import write_demo

pytestmark = pytest.mark.gui


def test_lay_out_a_section_and_draw_what_will_print(curator_window, tmp_path: Path, qtbot) -> None:
    path, _created = write_demo(tmp_path / "demo")
    curator_window.controller.open_project(path)
    window = curator_window.window
    tree = window.exhibition.tree
    tree.setCurrentItem(tree.topLevelItem(0))
    layout = curator_window.layout
    section_id = layout.section_id
    assert section_id is not None
    assert layout.lay_out_section()
    qtbot.waitUntil(
        lambda: not layout.busy and layout.drawn_section_id == section_id, timeout=20000
    )
    service = curator_window.controller.service
    panels = section_geometry(service, section_id, layout.measure)
    slots = [slot for panel in panels for slot in panel.slots]
    assert slots and all(slot.photo_id for slot in slots)
    scene = window.layout_canvas.scene
    pictures = [i for i in scene.items() if isinstance(i, QGraphicsPixmapItem)]
    assert len(pictures) == len(slots)
    texts = {i.text() for i in scene.items() if isinstance(i, QGraphicsSimpleTextItem)}
    first_lines = {block.lines[0].text for slot in slots for block in slot.captions if block.lines}
    assert first_lines <= texts  # the canvas draws the lines core broke, not its own
    assert window.workspace.currentWidget() is window.layout_canvas
    assert window.layout_canvas.message.text() == "Every caption fits."


def test_canvas_is_empty_without_a_project(curator_window) -> None:
    assert curator_window.window.layout_canvas.scene.items() == []
    assert not curator_window.layout.lay_out_section()


def test_preflight_lists_findings_and_goes_to_them(curator_window, tmp_path: Path, qtbot) -> None:
    from curator.core.model import CaptionField

    path, _created = write_demo(tmp_path / "demo")
    curator_window.controller.open_project(path)
    assert curator_window.layout.lay_out_section()  # lays out every section
    qtbot.waitUntil(
        lambda: (
            not curator_window.layout.busy and curator_window.layout.drawn_section_id is not None
        ),
        timeout=20000,
    )
    service = curator_window.controller.service
    section = service.exhibition.sections()[1]
    photo_id = service.exhibition.photo_ids(section.id)[0]
    service.set_caption(photo_id, "ru", CaptionField.CAPTION, "Очень длинная подпись. " * 150)
    panel = curator_window.window.preflight
    panel.check_button.click()
    qtbot.waitUntil(lambda: panel.list.count() > 0, timeout=20000)
    assert panel.summary.text().startswith("1 error")
    first = panel.list.item(0)
    assert "does not fit" in first.text()
    panel.list.itemActivated.emit(first)
    assert curator_window.window.library.selected_photo_ids() == [photo_id]
    qtbot.waitUntil(lambda: curator_window.layout.drawn_section_id == section.id, timeout=20000)
    assert curator_window.window.workspace.currentWidget() is curator_window.window.layout_canvas


def test_laying_out_a_section_can_be_undone_and_redone(curator_window, tmp_path: Path, qtbot):
    path, _created = write_demo(tmp_path / "demo")
    curator_window.controller.open_project(path)
    tree = curator_window.window.exhibition.tree
    tree.setCurrentItem(tree.topLevelItem(0))
    layout = curator_window.layout
    section_id = layout.section_id
    service = curator_window.controller.service
    assert service.exhibition.panels(section_id) == []
    layout.lay_out_section()
    qtbot.waitUntil(
        lambda: not layout.busy and layout.drawn_section_id == section_id, timeout=20000
    )
    laid_out = service.exhibition.layout_snapshot(section_id)
    assert laid_out
    undo = curator_window.captions.undo_action
    assert "Lay out" in undo.text()
    undo.trigger()
    assert service.exhibition.panels(section_id) == []
    curator_window.captions.redo_action.trigger()
    assert service.exhibition.layout_snapshot(section_id) == laid_out  # the same ids again


def test_a_slots_menu_chooses_its_catalogue_page_with_undo(
    curator_window, tmp_path: Path, qtbot
) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    from curator.core.layout.catalogue_model import PageChoice
    from curator.core.publishing.page_choices import page_choices

    path, _created = write_demo(tmp_path / "demo")
    curator_window.controller.open_project(path)
    tree = curator_window.window.exhibition.tree
    tree.setCurrentItem(tree.topLevelItem(0))
    layout = curator_window.layout
    section_id = layout.section_id
    layout.lay_out_section()
    qtbot.waitUntil(
        lambda: not layout.busy and layout.drawn_section_id == section_id, timeout=20000
    )
    canvas = curator_window.window.layout_canvas
    slot = canvas.panels[0].slots[0]
    view = canvas.view
    # a right click on the slot's picture asks for its menu
    point = view.mapFromScene(canvas.scene_point(slot.slot_id))
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, view.mapToGlobal(point))
    with qtbot.waitSignal(view.slot_menu_requested, timeout=2000) as signal:
        view.contextMenuEvent(event)
    assert signal.args[0] == slot.slot_id
    shown = layout.menu
    assert shown is not None and shown.isVisible()
    assert [a.text() for a in shown.actions()[0].menu().actions()][:2] == [
        "Automatic",
        "Alone on a Page",
    ]
    shown.close()
    view.contextMenuEvent(
        QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(1, 1), QPoint(1, 1))
    )  # the background has no menu (and nothing breaks)
    QApplication.processEvents()
    menu = layout.slot_menu(slot.slot_id)
    assert menu is not None
    pages = menu.actions()[0].menu()
    checked = [a.data() for a in pages.actions() if a.isChecked()]
    assert checked == ["auto"]
    spread = next(a for a in pages.actions() if a.data() == "spread")
    spread.trigger()
    service = curator_window.controller.service
    assert page_choices(service) == {slot.photo_id: PageChoice.SPREAD}
    undo = curator_window.captions.undo_action
    assert "Across a Spread" in undo.text()
    undo.trigger()
    assert page_choices(service) == {}
    curator_window.captions.redo_action.trigger()
    assert page_choices(service) == {slot.photo_id: PageChoice.SPREAD}
    again = layout.slot_menu(slot.slot_id)
    assert again is not None
    assert [a.data() for a in again.actions()[0].menu().actions() if a.isChecked()] == ["spread"]


def _demo_panels(tmp_path: Path):
    from curator.core.editing.layout_service import auto_layout
    from curator.core.services import ProjectService
    from curator.export.text_measure import ReportlabMeasure

    path, _created = write_demo(tmp_path / "demo")
    with ProjectService.open(path) as service:
        measure = ReportlabMeasure()
        drawn = []
        for section in service.queries.sections():
            auto_layout(service, section.id, template="two-side-by-side")
            drawn.append(section_geometry(service, section.id, measure))
        return max(drawn, key=len)  # the section with the most panels


def test_a_redraw_replaces_only_the_panels_that_changed(qtbot, tmp_path: Path) -> None:
    from dataclasses import replace

    from PySide6.QtGui import QPixmap

    from curator.ui.views.layout_canvas import LayoutCanvas

    panels = _demo_panels(tmp_path)
    assert len(panels) >= 2
    canvas = LayoutCanvas()
    qtbot.addWidget(canvas)
    canvas.show_panels(panels, lambda _photo_id: None)  # no pixels yet: grey slots
    first = set(canvas.scene.items())
    assert not any(isinstance(i, QGraphicsPixmapItem) for i in first)
    # The last panel loses its photos: only its items are drawn again.
    changed = [*panels[:-1], replace(panels[-1], slots=())]
    canvas.show_panels(changed, lambda _photo_id: None)
    second = set(canvas.scene.items())
    fresh = LayoutCanvas()
    qtbot.addWidget(fresh)
    fresh.show_panels(changed, lambda _photo_id: None)
    assert len(second) == len(fresh.scene.items())  # nothing left over from the old panel
    kept = first & second
    assert kept and len(kept) < len(first)
    from curator.ui.views.layout_canvas import PANEL_GAP_MM

    last = sum(panel.width_mm + PANEL_GAP_MM for panel in panels[:-1])
    assert all(item.sceneBoundingRect().right() < last - PANEL_GAP_MM / 2 for item in kept)
    assert canvas.panels == changed
    # Pixels arrive: the panels that drew grey slots are drawn with the pictures.
    pixmap = QPixmap(40, 30)
    pixmap.fill()
    canvas.show_panels(changed, lambda _photo_id: pixmap)
    pictures = [i for i in canvas.scene.items() if isinstance(i, QGraphicsPixmapItem)]
    assert len(pictures) == sum(1 for p in changed for s in p.slots if s.photo_id)
    # Panels moved: each stands where a fresh drawing puts it, nothing drawn twice.
    moved = list(reversed(changed))
    canvas.show_panels(moved, lambda _photo_id: pixmap)
    fresh.show_panels(moved, lambda _photo_id: pixmap)
    assert len(canvas.scene.items()) == len(fresh.scene.items())
    assert canvas.scene.itemsBoundingRect() == fresh.scene.itemsBoundingRect()


def test_the_canvas_shows_where_each_qr_code_prints(qtbot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QGraphicsRectItem

    from curator.core.editing.layout_service import auto_layout
    from curator.core.services import ProjectService
    from curator.core.settings.web_address import remember_base_url
    from curator.export.text_measure import ReportlabMeasure
    from curator.ui.views.layout_canvas import LayoutCanvas

    path, _created = write_demo(tmp_path / "demo")
    with ProjectService.open(path) as service:
        section = service.queries.sections()[0]
        auto_layout(service, section.id)
        remember_base_url(service, "https://example.org/expo")
        panels = section_geometry(service, section.id, ReportlabMeasure())
    codes = [slot.code for panel in panels for slot in panel.slots if slot.code]
    assert codes and all(c.url.startswith("https://example.org/expo/vi/") for c in codes)
    canvas = LayoutCanvas()
    qtbot.addWidget(canvas)
    canvas.show_panels(panels, lambda _photo_id: None)
    tips = {i.toolTip() for i in canvas.scene.items() if isinstance(i, QGraphicsRectItem)}
    assert {code.url for code in codes} <= tips
