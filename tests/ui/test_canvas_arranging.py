"""Arranging the exhibition on the layout canvas: drops, swaps, panel moves, crops, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QGraphicsPixmapItem, QGraphicsSimpleTextItem

from curator.core.editing.layout_service import auto_layout
from curator.core.model import CaptionField, Crop
from curator.demo import write_demo
from curator.ui.views.layout_view import CanvasView
from tests.ui.test_caption_editor import finish, type_text

pytestmark = [pytest.mark.gui, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


@pytest.fixture
def shown(curator_window, tmp_path: Path, qtbot):
    """The demo laid out two photos a panel; its third section (two panels) on the canvas."""
    path, _created = write_demo(tmp_path / "demo")
    curator_window.controller.open_project(path)
    service = curator_window.controller.service
    sections = service.exhibition.sections()
    for section in sections:
        auto_layout(service, section.id, template="two-side-by-side")
    window = curator_window.window
    window.workspace.setCurrentWidget(window.layout_canvas)
    _show(curator_window, qtbot, sections[2].id)
    return curator_window, service, [s.id for s in sections]


def _show(bundle, qtbot, section_id: str) -> None:
    bundle.layout.show_section(section_id)
    _drawn(bundle, qtbot, section_id)


def _drawn(bundle, qtbot, section_id: str) -> None:
    qtbot.waitUntil(lambda: bundle.layout.drawn_section_id == section_id, timeout=20000)


def _drop(view: CanvasView, mime, scene_point: QPointF) -> bool:
    point = view.mapFromScene(scene_point)
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point, Qt.DropAction.MoveAction, mime, buttons, modifiers)
    QApplication.sendEvent(view.viewport(), enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(point), Qt.DropAction.MoveAction, mime, buttons, modifiers)
    QApplication.sendEvent(view.viewport(), drop)
    return drop.isAccepted()


def _slots(service, section_id: str) -> list[list[str]]:
    return [
        [slot.photo_id or "" for slot in service.exhibition.slots(panel.id)]
        for panel in service.exhibition.panels(section_id)
    ]


def _texts(canvas) -> set[str]:
    return {i.text() for i in canvas.scene.items() if isinstance(i, QGraphicsSimpleTextItem)}


def _pictures(canvas) -> list[QGraphicsPixmapItem]:
    return [i for i in canvas.scene.items() if isinstance(i, QGraphicsPixmapItem)]


def test_a_library_photo_dropped_on_a_panel_joins_it(shown, qtbot) -> None:
    bundle, service, (_first, second, first) = shown
    canvas = bundle.window.layout_canvas
    before = _slots(service, first)
    stranger = service.exhibition.photo_ids(second)[0]
    library = bundle.window.library
    mime = library.model.mimeData([library.model.index(library.model.row_of(stranger))])
    panel = canvas.panels[0]
    assert _drop(canvas.view, mime, canvas.scene_point(panel_id=panel.panel_id))
    _drawn(bundle, qtbot, first)
    # The photo is on that panel now, and in its section (the tree says so too).
    assert _slots(service, first)[0] == [*before[0], stranger]
    assert service.exhibition.section_of(stranger) == first
    assert stranger not in {pid for row in _slots(service, second) for pid in row}
    assert len(_pictures(canvas)) == sum(len(row) for row in before) + 1
    tree_item = bundle.window.exhibition.item_for(first)
    assert tree_item.childCount() == len(service.exhibition.photo_ids(first))
    assert "Place 1 photo" in bundle.captions.undo_action.text()
    bundle.captions.undo_action.trigger()
    _drawn(bundle, qtbot, first)
    assert _slots(service, first) == before
    assert service.exhibition.section_of(stranger) == second
    bundle.captions.redo_action.trigger()
    assert _slots(service, first)[0] == [*before[0], stranger]


def test_dragging_a_slot_onto_another_swaps_their_photos(shown, qtbot) -> None:
    bundle, service, (_first, _second, first) = shown
    canvas = bundle.window.layout_canvas
    (a, b), (c, *_rest) = _slots(service, first)[:2]
    one = canvas.panels[0].slots[0]
    other = canvas.panels[1].slots[0]
    spot = canvas.locate(canvas.scene_point(slot_id=one.slot_id))
    assert spot is not None and spot.slot_id == one.slot_id
    assert _drop(canvas.view, CanvasView.mime_for(spot), canvas.scene_point(slot_id=other.slot_id))
    _drawn(bundle, qtbot, first)
    rows = _slots(service, first)
    assert rows[0][0] == c and rows[1][0] == a
    assert service.exhibition.photo_ids(first)[:3] == [c, b, a]
    bundle.captions.undo_action.trigger()
    assert _slots(service, first)[0][:2] == [a, b]


def test_dragging_a_panel_before_another_reorders_the_visit(shown, qtbot) -> None:
    bundle, service, (_first, _second, first) = shown
    canvas = bundle.window.layout_canvas
    panels = [p.panel_id for p in canvas.panels]
    second_panel_photos = _slots(service, first)[1]
    assert len(panels) >= 2 and canvas.panels[0].titles and not canvas.panels[1].titles
    spot = canvas.locate(canvas.scene_point(panel_id=panels[1]))
    assert spot is not None and spot.slot_id is None
    left_half = QPointF(40, 10)  # the first panel's top margin, left of its middle
    assert _drop(canvas.view, CanvasView.mime_for(spot), left_half)
    _drawn(bundle, qtbot, first)
    assert [p.panel_id for p in canvas.panels][:2] == [panels[1], panels[0]]
    # The visit follows the panels: the moved panel's photos come first now.
    assert service.exhibition.photo_ids(first)[:2] == second_panel_photos
    # The section's title moved to the panel that now opens it.
    assert canvas.panels[0].titles and not canvas.panels[1].titles
    bundle.captions.undo_action.trigger()
    _drawn(bundle, qtbot, first)
    assert [p.panel_id for p in canvas.panels] == panels


def test_crop_dialog_sets_a_rectangle_the_canvas_draws(shown, qtbot, dialogs) -> None:
    bundle, service, (_first, _second, first) = shown
    canvas = bundle.window.layout_canvas
    slot = canvas.panels[0].slots[0]

    def choose(dialog: QDialog) -> None:
        # The thumbnail first, then the sharper preview as soon as it is read.
        qtbot.waitUntil(lambda: dialog.scene.sceneRect().width() > 256, timeout=20000)
        dialog.size_slider.setValue(50)
        dialog.move_to(QPointF(0, 0))  # as far up and left as it goes
        dialog.accept()

    dialogs.dialog_hook = choose
    assert bundle.layout.edit_crop(slot.slot_id)
    _drawn(bundle, qtbot, first)
    stored = service.exhibition.slots(canvas.panels[0].panel_id)[0].crop
    assert stored.x == pytest.approx(0) and stored.y == pytest.approx(0)
    assert stored.w == pytest.approx(0.5, abs=0.01)
    cropped = canvas.panels[0].slots[0]
    assert cropped.source.width_mm == pytest.approx(0.5, abs=0.01)
    # Only the cropped part of the picture is drawn, over the whole slot.
    (item,) = [
        i for i in _pictures(canvas) if i.pos() == QPointF(cropped.image.x_mm, cropped.image.y_mm)
    ]
    whole = bundle.layout.pictures.picture(cropped.photo_id)
    assert item.pixmap().width() == pytest.approx(whole.width() / 2, abs=2)
    assert item.pixmap().width() * item.scale() == pytest.approx(cropped.image.width_mm)
    bundle.captions.undo_action.trigger()
    assert service.exhibition.slots(canvas.panels[0].panel_id)[0].crop == Crop()


def test_undo_of_laying_out_everything_leaves_unsorted_photos_unsorted(
    curator_window, tmp_path, qtbot
):
    path, _created = write_demo(tmp_path / "demo")
    curator_window.controller.open_project(path)
    service = curator_window.controller.service
    sections = [s.id for s in service.exhibition.sections()]
    loose = service.exhibition.photo_ids(sections[0])[0]
    with service.store.transaction():
        service.exhibition.unassign([loose])
    curator_window.layout.section_id = None
    assert curator_window.layout.lay_out_section()  # every section
    qtbot.waitUntil(lambda: not curator_window.layout.busy, timeout=20000)
    # sections exist: the photo in no section stays there (it is not printed)
    assert [s.id for s in service.exhibition.sections()] == sections
    assert service.exhibition.section_of(loose) is None
    assert all(service.exhibition.panels(s) for s in sections)
    undo = curator_window.captions.undo_action
    assert "every section" in undo.text()
    undo.trigger()
    assert [s.id for s in service.exhibition.sections()] == sections
    assert all(service.exhibition.panels(s) == [] for s in sections)
    tree = curator_window.window.exhibition.tree
    assert tree.topLevelItem(tree.topLevelItemCount() - 1).text(0) == "1 photo in no section"
    curator_window.captions.redo_action.trigger()
    assert all(service.exhibition.panels(s) for s in sections)


def test_zooming_in_draws_the_sharper_previews(shown, qtbot) -> None:
    bundle, _service, _sections = shown
    canvas = bundle.window.layout_canvas
    assert all(item.pixmap().width() <= 256 for item in _pictures(canvas))
    canvas.view.zoom(8.0)
    qtbot.waitUntil(lambda: bool(bundle.layout.pictures.sharp), timeout=20000)
    qtbot.waitUntil(
        lambda: any(item.pixmap().width() > 256 for item in _pictures(canvas)), timeout=20000
    )


def test_a_read_only_canvas_refuses_drops(shown) -> None:
    bundle, _service, _sections = shown
    canvas = bundle.window.layout_canvas
    canvas.view.editable = False
    spot = canvas.locate(canvas.scene_point(panel_id=canvas.panels[1].panel_id))
    assert not _drop(
        canvas.view,
        CanvasView.mime_for(spot),
        canvas.scene_point(panel_id=canvas.panels[0].panel_id),
    )


def test_a_photo_left_on_its_old_sections_panel_is_found_and_shown(shown, qtbot) -> None:
    bundle, service, (first, second, _third) = shown
    moved = service.exhibition.photo_ids(first)[0]
    bundle.sections.place_photos([moved], second, "")  # dragged in the tree, not laid out
    (slot,) = service.exhibition.slots_of_photo(moved)
    preflight = bundle.window.preflight
    preflight.check_button.click()
    qtbot.waitUntil(lambda: preflight.list.count() > 0, timeout=20000)
    items = [preflight.list.item(row) for row in range(preflight.list.count())]
    (item,) = [i for i in items if "now belongs to" in i.text()]
    preflight.list.itemActivated.emit(item)
    _drawn(bundle, qtbot, first)
    canvas = bundle.window.layout_canvas
    assert canvas.marked_slot == slot.id
    seen = canvas.view.mapToScene(canvas.view.viewport().rect()).boundingRect()
    spot = canvas.locate(canvas.scene_point(slot_id=slot.id))
    assert spot is not None and spot.panel_id == slot.panel_id
    assert seen.contains(spot.panel_rect)  # that panel whole
    assert bundle.window.library.selected_photo_ids() == [moved]


def test_a_focus_point_fills_the_frame_and_survives_sharper_pixels(shown, qtbot, dialogs):
    from PySide6.QtGui import QColor, QPixmap

    from curator.ui.views.crop_dialog import CropDialog

    small = QPixmap(200, 100)
    small.fill(QColor("white"))
    dialog = CropDialog(small, 2.0, Crop(0.25, 0.25, 0.5, 0.5))
    large = QPixmap(400, 200)
    large.fill(QColor("white"))
    dialog.set_picture(large)
    assert dialog.crop() == pytest.approx(Crop(0.25, 0.25, 0.5, 0.5))
    bundle, service, (_first, _second, first) = shown
    canvas = bundle.window.layout_canvas
    slot = canvas.panels[0].slots[0]

    def pick_point(dialog: QDialog) -> None:
        dialog.point_button.setChecked(True)
        dialog.move_to(QPointF(0, dialog.scene.sceneRect().height() / 2))  # the left edge
        dialog.accept()

    dialogs.dialog_hook = pick_point
    assert bundle.layout.edit_crop(slot.slot_id)
    _drawn(bundle, qtbot, first)
    stored = service.exhibition.slots(canvas.panels[0].panel_id)[0].crop
    assert (stored.x, stored.w, stored.h) == (0, 0, 0)
    filled = canvas.panels[0].slots[0]
    assert filled.image.width_mm == pytest.approx(filled.frame.width_mm)  # fills the frame
    assert filled.source.x_mm == pytest.approx(0)  # the left edge kept in view


def test_a_caption_typed_shows_on_the_canvas(shown, qtbot) -> None:
    bundle, service, _sections = shown
    canvas = bundle.window.layout_canvas
    photo_id = canvas.panels[0].slots[0].photo_id
    bundle.window.library.select_photo(photo_id)
    editor = bundle.window.captions.cell("en", CaptionField.HEADLINE).editor
    editor.clear()
    type_text(editor, "Typed just now")
    finish(editor)
    assert service.captions.get(photo_id, "en", CaptionField.HEADLINE).text == "Typed just now"
    qtbot.waitUntil(lambda: "Typed just now" in _texts(canvas), timeout=20000)
