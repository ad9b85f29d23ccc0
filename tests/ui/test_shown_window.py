"""Photo ▸ People and Places Shown: picked with completion, a rectangle dragged, removed, undone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from curator.core.model import GlossaryKind
from curator.core.shown import Shown, ShownLocation
from curator.demo import write_demo
from curator.ui.views.shown_dialog import KINDS, ShownDialog

pytestmark = pytest.mark.gui


def _point(dialog: ShownDialog, x: float, y: float) -> QPoint:
    target = dialog.canvas.image_rect()
    return QPoint(
        round(target.left() + x * target.width()), round(target.top() + y * target.height())
    )


def test_a_person_is_picked_marked_on_the_photo_removed_and_undone(
    curator_window, dialogs, tmp_path: Path, qtbot
) -> None:
    path, _created = write_demo(tmp_path / "demo")
    bundle = curator_window
    shown = bundle.shown
    assert shown is not None and not shown.action.isEnabled()
    assert bundle.controller.open_project(path)
    service = bundle.controller.service
    photo_id = service.queries.all_photos()[0].id
    assert bundle.window.library.select_photo(photo_id)
    qtbot.waitUntil(lambda: shown.action.isEnabled(), timeout=5000)
    assert shown.action in bundle.shortlist.menu.actions()

    def use(dialog: ShownDialog) -> None:
        dialog.show()
        qtbot.waitExposed(dialog)
        # The name completes from the glossary's persons.
        QTest.keyClicks(dialog.name, "Kondr")
        assert "Andrey Kondrashov" in dialog.completer.model().stringList()  # type: ignore[attr-defined]
        dialog.name.setText("Андрей Кондрашов")
        QTest.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        (person,) = service.operations.shown.get(photo_id).persons
        assert person.region is None
        assert service.operations.shown.edited(photo_id)  # a re-read now leaves it alone
        assert "Andrey Kondrashov" in dialog.items.item(0).text()
        # A name the glossary lacks is refused under the list; nothing is written.
        dialog.name.setText("Nobody Known")
        QTest.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        assert "no person named “Nobody Known”" in dialog.status.text()
        # A drag with no person selected marks nobody.
        dialog.items.setCurrentRow(-1)
        canvas = dialog.canvas
        QTest.mousePress(canvas, Qt.MouseButton.LeftButton, pos=_point(dialog, 0.2, 0.2))
        QTest.mouseMove(canvas, _point(dialog, 0.5, 0.6))
        QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=_point(dialog, 0.5, 0.6))
        assert service.operations.shown.get(photo_id).persons[0].region is None
        # Selected, then dragged from (0.25, 0.1) to (0.75, 0.9) of the photo as shown.
        dialog.items.setCurrentRow(0)
        QTest.mousePress(canvas, Qt.MouseButton.LeftButton, pos=_point(dialog, 0.25, 0.1))
        QTest.mouseMove(canvas, _point(dialog, 0.5, 0.5))
        QTest.mouseMove(canvas, _point(dialog, 0.75, 0.9))
        QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=_point(dialog, 0.75, 0.9))
        region = service.operations.shown.get(photo_id).persons[0].region
        assert region is not None
        tolerance = 2 / canvas.image_rect().height()
        assert region.x == pytest.approx(0.25, abs=tolerance)
        assert region.y == pytest.approx(0.1, abs=tolerance)
        assert region.w == pytest.approx(0.5, abs=tolerance)
        assert region.h == pytest.approx(0.8, abs=tolerance)
        # The event, typed in English.
        event = dialog.events["en"]
        event.setFocus()
        QTest.keyClicks(event, "Talks in Hanoi")
        QTest.keyClick(event, Qt.Key.Key_Return)
        assert dict(service.operations.shown.get(photo_id).events) == {"en": "Talks in Hanoi"}
        # Undo takes back the event, then the rectangle; the dialog's Undo does the same.
        QTest.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
        assert service.operations.shown.get(photo_id).events == ()
        QTest.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
        assert service.operations.shown.get(photo_id).persons[0].region is None
        bundle.captions.undo_stack.redo()
        assert service.operations.shown.get(photo_id).persons[0].region == region
        # Removed from the list.
        dialog.items.setCurrentRow(0)
        QTest.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
        assert service.operations.shown.get(photo_id) == Shown()
        assert dialog.items.count() == 0
        dialog.reject()

    assert not service.operations.shown.edited(photo_id)
    dialogs.dialog_hook = use
    shown.action.trigger()
    assert not dialogs.errors
    assert service.operations.shown.edited(photo_id)  # emptied on purpose
    # The removal is taken back from the window's own undo stack (Edit ▸ Undo).
    bundle.captions.undo_stack.undo()
    (person,) = service.operations.shown.get(photo_id).persons
    assert person.region is not None
    # Undone to the start, the photo is as untouched as it was.
    while bundle.captions.undo_stack.canUndo():
        bundle.captions.undo_stack.undo()
    assert service.operations.shown.get(photo_id) == Shown()
    assert not service.operations.shown.edited(photo_id)


def test_a_location_is_given_its_parts_from_the_glossary_changed_and_undone(
    curator_window, dialogs, tmp_path: Path, qtbot
) -> None:
    path, _created = write_demo(tmp_path / "demo")
    bundle = curator_window
    shown = bundle.shown
    assert shown is not None
    assert bundle.controller.open_project(path)
    service = bundle.controller.service
    country = service.glossary.add(
        GlossaryKind.PLACE, {"en": "Vietnam", "vi": "Việt Nam", "ru": "Вьетнам"}
    )
    ids = {
        entry.terms["en"]: entry.id
        for entry in service.glossary.all()
        if entry.kind is GlossaryKind.PLACE
    }
    photo_id = service.queries.all_photos()[0].id
    assert bundle.window.library.select_photo(photo_id)
    qtbot.waitUntil(lambda: shown.action.isEnabled(), timeout=5000)

    def locations() -> tuple[ShownLocation, ...]:
        return service.operations.shown.get(photo_id).locations

    def use(dialog: ShownDialog) -> None:
        dialog.show()
        qtbot.waitExposed(dialog)
        # The parts show only for a place; each completes from the glossary's places.
        assert not dialog.place_box.isVisible()
        dialog.kind.setCurrentIndex(KINDS.index("place"))
        assert dialog.place_box.isVisible()
        QTest.keyClicks(dialog.parts["city"], "Ha")
        city_names = dialog.parts["city"].completer().model().stringList()  # type: ignore[attr-defined]
        assert "Hanoi" in city_names and "Việt Nam" in city_names
        dialog.parts["city"].setText("Hà Nội")
        dialog.parts["country"].setText("Viet Nam")  # without its accents, still one place
        dialog.name.setText("National News Centre")
        QTest.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        first = ShownLocation(
            (
                ("name", ids["National News Centre"]),
                ("city", ids["Hanoi"]),
                ("country", country.id),
            )
        )
        assert locations() == (first,)
        assert dialog.name.text() == ""
        # A second place, by its name only.
        for edit in dialog.parts.values():
            edit.clear()
        dialog.name.setText("sông Hồng")
        QTest.keyClick(dialog.name, Qt.Key.Key_Return)
        second = ShownLocation((("name", ids["Red River"]),))
        assert locations() == (first, second)
        # Selecting the first place fills its parts; changing them keeps it first.
        dialog.items.setCurrentRow(0)
        assert dialog.change_place_button.isEnabled()
        hanoi = service.glossary.get(ids["Hanoi"]).terms.values()
        assert dialog.parts["city"].text() in hanoi
        assert dialog.parts["sublocation"].text() == ""
        dialog.parts["sublocation"].setText("Ly Thuong Kiet")
        dialog.parts["city"].setText("Atlantis")  # not in the glossary: refused, nothing written
        QTest.mouseClick(dialog.change_place_button, Qt.MouseButton.LeftButton)
        assert "no place named “Atlantis”" in dialog.status.text()
        assert locations() == (first, second)
        dialog.parts["city"].setText("Hanoi")
        QTest.mouseClick(dialog.change_place_button, Qt.MouseButton.LeftButton)
        changed = ShownLocation(
            (
                ("name", ids["National News Centre"]),
                ("sublocation", ids["Ly Thuong Kiet"]),
                ("city", ids["Hanoi"]),
                ("country", country.id),
            )
        )
        assert locations() == (changed, second)
        assert dialog.status.text() == ""
        assert "Ly Thuong Kiet" in dialog.items.item(0).text()
        # The dialog's Undo takes the change back, then the second place.
        QTest.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
        assert locations() == (first, second)
        QTest.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
        assert locations() == (first,)
        dialog.reject()

    dialogs.dialog_hook = use
    shown.action.trigger()
    assert not dialogs.errors
