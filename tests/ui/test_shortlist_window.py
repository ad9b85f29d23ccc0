"""Shortlisting in the window: keys rate and flag, the filter bar and search narrow the
library, the loupe shows the original's pixels, compare shows two photos."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication

from curator.core.library.photo_filter import FlagFilter, StatusFilter
from curator.core.model import CaptionField, CaptionStatus, Photo, PhotoFlag
from curator.core.services import ProjectService
from curator.ui.views.filter_bar import FilterBar

pytestmark = pytest.mark.gui

NAMES = ("talks", "river", "snow", "lanterns")


def type_text(widget, text: str) -> None:
    """One key event per character (keyClicks aborts on non-ASCII)."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "ex.curator"
    ids: dict[str, str] = {}
    with ProjectService.create(path, title="T", languages=["vi", "ru", "en"]) as service:
        for index, name in enumerate(NAMES):
            image = tmp_path / f"{name}.jpg"
            Image.new("RGB", (60, 40), (index * 60, 90, 30)).save(image)
            with service.store.transaction():
                ids[name] = service.photos.add(
                    Photo(
                        id="",
                        path=image,
                        sha256=name * 8,
                        width=60,
                        height=40,
                        captured_at=datetime(2026, 2, 20 + index, 9),
                        byline="Tuấn Anh" if name in ("talks", "river") else "Ivan Petrov",
                    )
                ).id
        service.set_caption(ids["talks"], "vi", CaptionField.HEADLINE, "Hội đàm ở Đà Nẵng")
        service.set_caption(ids["snow"], "ru", CaptionField.HEADLINE, "Ёлка в Москве")
        for tag in ("vi", "ru", "en"):
            service.set_caption(
                ids["river"], tag, CaptionField.HEADLINE, "Hà Nội", CaptionStatus.FINAL
            )
        service.add_section({"vi": "Hà Nội"}, [ids["river"], ids["lanterns"]])
    return path, ids


def _shown(bundle, ids: dict[str, str]) -> set[str]:
    names = {pid: name for name, pid in ids.items()}
    model = bundle.window.library.model
    return {names[model.item(row).photo.id] for row in range(model.rowCount())}


def _select(bundle, rows: list[int]) -> None:
    view = bundle.window.library.view
    view.setCurrentIndex(bundle.window.library.model.index(rows[0]))
    for row in rows[1:]:
        view.selectionModel().select(
            bundle.window.library.model.index(row), view.selectionModel().SelectionFlag.Select
        )


def _marks(bundle, photo_id: str) -> tuple[int | None, PhotoFlag | None]:
    photo = bundle.controller.service.photos.get(photo_id)
    return photo.rating, photo.flag


def test_keys_rate_and_flag_the_selection_as_one_undoable_edit(
    curator_window, project, qtbot
) -> None:
    path, _ids = project
    curator_window.controller.open_project(path)
    library = curator_window.window.library
    _select(curator_window, [0, 1])
    library.view.setFocus()
    selected = library.selected_photo_ids()
    qtbot.keyClick(library.view, Qt.Key.Key_4)
    assert {_marks(curator_window, pid) for pid in selected} == {(4, None)}
    qtbot.keyClick(library.view, Qt.Key.Key_P)
    assert {_marks(curator_window, pid) for pid in selected} == {(4, PhotoFlag.PICK)}
    # The thumbnails carry the marks (the delegate draws what the model gives it).
    photo = library.model.data(library.model.index(0), Qt.ItemDataRole.UserRole + 2)
    assert (photo.rating, photo.flag) == (4, PhotoFlag.PICK)
    qtbot.keyClick(library.view, Qt.Key.Key_X)
    qtbot.keyClick(library.view, Qt.Key.Key_U)
    assert {_marks(curator_window, pid) for pid in selected} == {(4, None)}
    undo = curator_window.captions.undo_action
    undo.trigger()  # the unflag
    assert {_marks(curator_window, pid) for pid in selected} == {(4, PhotoFlag.REJECT)}
    undo.trigger()
    undo.trigger()
    assert {_marks(curator_window, pid) for pid in selected} == {(4, None)}
    undo.trigger()
    assert {_marks(curator_window, pid) for pid in selected} == {(None, None)}
    photo = library.model.data(library.model.index(0), Qt.ItemDataRole.UserRole + 2)
    assert (photo.rating, photo.flag) == (None, None)
    curator_window.captions.redo_action.trigger()
    assert {_marks(curator_window, pid) for pid in selected} == {(4, None)}


def test_keys_on_the_photo_view_and_not_while_typing_a_caption(
    curator_window, project, qtbot
) -> None:
    path, _ids = project
    curator_window.controller.open_project(path)
    window = curator_window.window
    _select(curator_window, [2])
    photo_id = window.library.selected_photo_ids()[0]
    window.photo_view.setFocus()
    qtbot.keyClick(window.photo_view, Qt.Key.Key_5)
    assert _marks(curator_window, photo_id) == (5, None)
    assert "★★★★★" in window.photo_view.facts_label.text()
    search = window.library.filter_bar.search_edit
    search.setFocus()
    qtbot.keyClick(search, Qt.Key.Key_X)
    assert search.text() == "x"
    assert _marks(curator_window, photo_id) == (5, None)


def test_filter_bar_narrows_the_library(curator_window, project, qtbot) -> None:
    path, ids = project
    curator_window.controller.open_project(path)
    window = curator_window.window
    bar = window.library.filter_bar
    service = curator_window.controller.service
    from curator.core.editing.shortlist import set_marks

    set_marks(service, [ids["talks"]], rating=5, flag=PhotoFlag.PICK)
    set_marks(service, [ids["snow"]], flag=PhotoFlag.REJECT)
    window.library.model.update_photo(service.photos.get(ids["talks"]))
    window.library.model.update_photo(service.photos.get(ids["snow"]))
    assert _shown(curator_window, ids) == set(NAMES)
    assert "4 photos" in bar.count_label.text()

    bar.rating_combo.setCurrentIndex(bar.rating_combo.findData(3))
    assert _shown(curator_window, ids) == {"talks"}
    assert "1 of 4 photos" in bar.count_label.text()
    bar.rating_combo.setCurrentIndex(0)
    bar.flag_combo.setCurrentIndex(bar.flag_combo.findData(FlagFilter.NOT_REJECTED))
    assert _shown(curator_window, ids) == {"talks", "river", "lanterns"}
    bar.status_combo.setCurrentIndex(bar.status_combo.findData(StatusFilter.UNCAPTIONED))
    assert _shown(curator_window, ids) == {"lanterns"}
    bar.clear_button.click()
    assert _shown(curator_window, ids) == set(NAMES)

    bar.section_combo.showPopup()  # fills the sections
    bar.section_combo.hidePopup()
    section_id = service.exhibition.sections()[0].id
    bar.section_combo.setCurrentIndex(bar.section_combo.findData(section_id))
    assert _shown(curator_window, ids) == {"river", "lanterns"}
    bar.clear()
    bar.photographer_combo.showPopup()
    bar.photographer_combo.hidePopup()
    bar.photographer_combo.setCurrentIndex(bar.photographer_combo.findData("Ivan Petrov"))
    assert _shown(curator_window, ids) == {"snow", "lanterns"}
    bar.clear()
    bar.missing_combo.setCurrentIndex(bar.missing_combo.findData("en"))
    assert _shown(curator_window, ids) == {"talks", "snow", "lanterns"}
    bar.clear()
    bar.date_from.setDate(bar.date_from.date().fromString("2026-02-22", "yyyy-MM-dd"))
    assert _shown(curator_window, ids) == {"snow", "lanterns"}
    bar.date_to.setDate(bar.date_to.date().fromString("2026-02-22", "yyyy-MM-dd"))
    assert _shown(curator_window, ids) == {"snow"}


def test_rejecting_under_a_not_rejected_filter_moves_on(curator_window, project, qtbot) -> None:
    path, _ids = project
    curator_window.controller.open_project(path)
    library = curator_window.window.library
    bar = library.filter_bar
    bar.flag_combo.setCurrentIndex(bar.flag_combo.findData(FlagFilter.NOT_REJECTED))
    _select(curator_window, [0])
    first = library.selected_photo_ids()[0]
    second = library.model.item(1).photo.id
    library.view.setFocus()
    qtbot.keyClick(library.view, Qt.Key.Key_X)
    assert first not in {library.model.item(r).photo.id for r in range(library.model.rowCount())}
    assert library.selected_photo_ids() == [second]
    curator_window.captions.undo_action.trigger()
    assert library.model.row_of(first) is not None


def test_search_box_finds_da_nang_as_you_type(curator_window, project, qtbot) -> None:
    path, ids = project
    curator_window.controller.open_project(path)
    bar = curator_window.window.library.filter_bar
    type_text(bar.search_edit, "da nang")
    qtbot.waitUntil(lambda: _shown(curator_window, ids) == {"talks"}, timeout=2000)
    assert curator_window.window.library.selected_photo_ids() == [ids["talks"]]
    bar.search_edit.clear()
    type_text(bar.search_edit, "ЕЛКА")
    qtbot.waitUntil(lambda: _shown(curator_window, ids) == {"snow"}, timeout=2000)
    bar.search_edit.clear()
    type_text(bar.search_edit, "ha noi")
    qtbot.waitUntil(lambda: _shown(curator_window, ids) == {"river"}, timeout=2000)
    bar.search_edit.clear()
    qtbot.waitUntil(lambda: _shown(curator_window, ids) == set(NAMES), timeout=2000)


def test_a_large_project_is_filtered_off_the_gui_thread(
    curator_window, project, qtbot, monkeypatch
) -> None:
    from curator.ui.controllers import shortlist_controller

    monkeypatch.setattr(shortlist_controller, "FILTER_IN_BACKGROUND_FROM", 1)
    path, ids = project
    curator_window.controller.open_project(path)
    bar = curator_window.window.library.filter_bar
    bar.search_edit.setText("đà")
    bar.search_edit.returnPressed.emit()
    bar.rating_combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: _shown(curator_window, ids) == {"talks"}, timeout=3000)


def test_the_loupe_shows_the_originals_own_pixels(curator_window, tmp_path, qtbot) -> None:
    path = tmp_path / "big.curator"
    original = tmp_path / "big.png"
    image = Image.new("RGB", (2400, 1600))
    pixels = image.load()
    for x in range(2400):
        for y in range(770, 831):
            pixels[x, y] = (x % 256, x // 256 * 20, 77)
    image.save(original)
    with (
        ProjectService.create(path, title="T", languages=["en"]) as service,
        service.store.transaction(),
    ):
        service.photos.add(Photo(id="", path=original, sha256="b" * 64, width=2400, height=1600))
    curator_window.controller.open_project(path)
    view = curator_window.window.photo_view
    curator_window.window.workspace.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.image_shown, timeout=5000)
    label = view.image_label
    centre = QPointF(label.width() / 2, label.height() / 2)
    press = QMouseEvent(
        QEvent.Type.MouseButtonPress,
        centre,
        label.mapToGlobal(centre),
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(label, press)
    assert view.loupe.lens.isVisible()
    qtbot.waitUntil(lambda: view.loupe.at_full_size, timeout=5000)
    shown = view.loupe.lens.pixmap().toImage()
    assert shown.width() == 320
    # The middle of the lens is the original's centre pixel at 1:1: neighbours differ by one.
    middle = shown.pixelColor(160, 160)
    right = shown.pixelColor(161, 160)
    assert middle.blue() == 77 and (right.red() - middle.red()) % 256 == 1
    assert abs(middle.red() - 1200 % 256) <= 3
    release = QMouseEvent(
        QEvent.Type.MouseButtonRelease,
        centre,
        label.mapToGlobal(centre),
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(label, release)
    assert not view.loupe.lens.isVisible()


def test_compare_shows_two_photos_and_rates_the_chosen_one(curator_window, project, qtbot) -> None:
    path, _ids = project
    curator_window.controller.open_project(path)
    library = curator_window.window.library
    _select(curator_window, [0])
    library.view.setFocus()
    qtbot.keyClick(library.view, Qt.Key.Key_C)
    assert curator_window.shortlist.compare_dialog is None  # one photo: nothing to compare
    assert "two photos" in curator_window.window.statusBar().currentMessage()
    _select(curator_window, [0, 1])
    left, right = library.selected_photo_ids()
    qtbot.keyClick(library.view, Qt.Key.Key_C)
    dialog = curator_window.shortlist.compare_dialog
    assert dialog is not None and dialog.isVisible()
    assert [view.photo.id for view in dialog.views] == [left, right]
    qtbot.waitUntil(lambda: all(view.image_shown for view in dialog.views), timeout=5000)
    dialog.set_active(1)
    dialog.activateWindow()
    qtbot.keyClick(dialog, Qt.Key.Key_P)
    assert _marks(curator_window, right) == (None, PhotoFlag.PICK)
    assert _marks(curator_window, left) == (None, None)
    assert "Picked" in dialog.views[1].facts_label.text()
    dialog.close()


def test_the_filter_bar_turns_its_widgets_into_a_filter(qtbot) -> None:
    bar = FilterBar()
    qtbot.addWidget(bar)
    assert bar.current_filter().is_empty()
    bar.set_languages([("vi", "Vietnamese")])
    bar.missing_combo.setCurrentIndex(1)
    assert bar.current_filter().missing_language == "vi"
    assert bar.missing_combo.currentText() == "Missing Vietnamese"


def test_the_photo_count_follows_a_change_of_interface_language(curator_window, tmp_path) -> None:
    from curator.demo import write_demo

    project, _created = write_demo(tmp_path / "demo")
    curator_window.controller.open_project(project)
    count = curator_window.window.library.filter_bar.count_label
    assert count.text() == "9 photos"
    curator_window.set_interface_language("ru")
    assert count.text() == "9 фотографий"
