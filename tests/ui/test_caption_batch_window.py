"""Find and Replace and caption templates in the window (issue 21, point 5), by the keyboard."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QTableWidgetItem

from curator.core.editing import caption_batch
from curator.core.model import CaptionField, Photo
from curator.core.services import ProjectService

pytestmark = pytest.mark.gui


def _project(tmp_path: Path) -> tuple[Path, list[str]]:
    path = tmp_path / "batch.curator"
    with ProjectService.create(path, title="Đà Nẵng", languages=["vi", "ru", "en"]) as service:
        ids = []
        with service.store.transaction():
            for name in ("a", "b"):
                ids.append(
                    service.photos.add(
                        Photo(
                            id="",
                            path=Path(f"/p/{name}.jpg"),
                            sha256=name * 9,
                            width=3,
                            height=2,
                            captured_at=datetime(2024, 3, 8),
                            city="Hà Nội",
                        )
                    ).id
                )
        service.set_caption(ids[0], "vi", CaptionField.CAPTION, "Phố cổ Hà Nội")
        service.set_caption(ids[1], "vi", CaptionField.HEADLINE, "Ha Noi về đêm")
    return path, ids


def type_text(widget, text: str) -> None:
    """Type one character at a time as key events (keyClicks aborts on non-ASCII)."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def _text(path: Path, photo_id: str, language: str, field: CaptionField) -> str:
    with ProjectService.open(path, read_only=True) as service:
        caption = service.captions.get(photo_id, language, field)
        return caption.text if caption else ""


def test_find_and_replace_previews_then_replaces_as_one_undo_step(
    curator_window, tmp_path: Path, qtbot
) -> None:
    path, ids = _project(tmp_path)
    bundle = curator_window
    assert bundle.controller.open_project(path)
    window = bundle.window
    window.activateWindow()
    QTest.qWaitForWindowActive(window)  # on a real X display nothing else activates it
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    view = bundle.batch.find_view
    qtbot.waitUntil(view.isVisible)
    # Languages by name, never a bare code.
    assert [view.language.itemText(i) for i in range(view.language.count())] == [
        "Vietnamese (vi)", "Russian (ru)", "English (en)"
    ]  # fmt: skip
    assert [label.text() for label in view.labels] == [
        "Fi&nd:", "Replace wit&h:", "&Language:", "Fi&eld:"
    ]  # fmt: skip
    assert view.labels[1].buddy() is view.replace_edit
    type_text(view.find_edit, "ha noi")
    type_text(view.replace_edit, "Hà Nội xưa")
    qtbot.keyClick(view.replace_edit, Qt.Key.Key_Return)
    rows = [
        [view.preview.topLevelItem(i).text(c) for c in range(5)]
        for i in range(view.preview.topLevelItemCount())
    ]
    assert rows == [
        ["a.jpg", "Caption", "Vietnamese (vi)", "Phố cổ Hà Nội", "Phố cổ Hà Nội xưa"],
        ["b.jpg", "Headline", "Vietnamese (vi)", "Ha Noi về đêm", "Hà Nội xưa về đêm"],
    ] or rows == [
        ["b.jpg", "Headline", "Vietnamese (vi)", "Ha Noi về đêm", "Hà Nội xưa về đêm"],
        ["a.jpg", "Caption", "Vietnamese (vi)", "Phố cổ Hà Nội", "Phố cổ Hà Nội xưa"],
    ]
    assert _text(path, ids[0], "vi", CaptionField.CAPTION) == "Phố cổ Hà Nội"  # preview only
    view.replace_button.setFocus()
    qtbot.keyClick(view.replace_button, Qt.Key.Key_Space)
    assert "2 fields changed" in view.summary.text()
    assert _text(path, ids[0], "vi", CaptionField.CAPTION) == "Phố cổ Hà Nội xưa"
    assert _text(path, ids[1], "vi", CaptionField.HEADLINE) == "Hà Nội xưa về đêm"
    stack = bundle.captions.undo_stack
    assert stack.undoText() == "Replace “ha noi” with “Hà Nội xưa”"
    stack.undo()  # one step takes both back
    assert _text(path, ids[0], "vi", CaptionField.CAPTION) == "Phố cổ Hà Nội"
    assert _text(path, ids[1], "vi", CaptionField.HEADLINE) == "Ha Noi về đêm"
    stack.redo()
    assert _text(path, ids[1], "vi", CaptionField.HEADLINE) == "Hà Nội xưa về đêm"


def test_templates_are_made_in_a_dialog_and_applied_to_the_selection(
    curator_window, tmp_path: Path, qtbot
) -> None:
    path, ids = _project(tmp_path)
    bundle = curator_window
    assert bundle.controller.open_project(path)
    batch = bundle.batch
    batch.templates_action.trigger()
    view = batch.templates_view
    qtbot.waitUntil(view.isVisible)
    view.name.lineEdit().selectAll()
    type_text(view.name.lineEdit(), "Phố")
    row = list(CaptionField).index(CaptionField.PLACE)
    view.table.setCurrentCell(row, 0)  # vi
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    editor = view.table.viewport().findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    type_text(editor, "{place}, {date}")
    # Save while the cell is still being edited: what was typed is saved
    qtbot.keyClick(view.save_button, Qt.Key.Key_Space)
    with ProjectService.open(path, read_only=True) as service:
        assert caption_batch.templates(service) == {"Phố": {"vi": {"place": "{place}, {date}"}}}
    assert bundle.window.library.select_photo(ids[1])
    qtbot.keyClick(view.apply_button, Qt.Key.Key_Space)
    text = _text(path, ids[1], "vi", CaptionField.PLACE)
    assert text.startswith("Hà Nội, ") and "2024" in text
    assert _text(path, ids[0], "vi", CaptionField.PLACE) != text  # not selected: untouched
    bundle.captions.undo_stack.undo()
    assert _text(path, ids[1], "vi", CaptionField.PLACE) != text


def test_saving_and_deleting_a_template_are_undo_steps(
    curator_window, tmp_path: Path, qtbot
) -> None:
    path, _ids = _project(tmp_path)
    bundle = curator_window
    assert bundle.controller.open_project(path)
    batch = bundle.batch
    batch.templates_action.trigger()
    view = batch.templates_view
    qtbot.waitUntil(view.isVisible)
    view.name.lineEdit().selectAll()
    type_text(view.name.lineEdit(), "Sông")
    view.table.setItem(list(CaptionField).index(CaptionField.PLACE), 0, QTableWidgetItem("{place}"))
    qtbot.keyClick(view.save_button, Qt.Key.Key_Space)
    qtbot.keyClick(view.delete_button, Qt.Key.Key_Space)
    assert view.name.findText("Sông") < 0
    undo = bundle.captions.undo_action
    assert undo.text().endswith("Delete template “Sông”")
    undo.trigger()  # Edit ▸ Undo: the template is back, and listed in the open dialog
    with ProjectService.open(path, read_only=True) as service:
        assert caption_batch.templates(service) == {"Sông": {"vi": {"place": "{place}"}}}
    assert view.name.findText("Sông") >= 0
    assert undo.text().endswith("Save template “Sông”")
    undo.trigger()  # and before it was saved there was none
    with ProjectService.open(path, read_only=True) as service:
        assert caption_batch.templates(service) == {}
    bundle.captions.redo_action.trigger()
    with ProjectService.open(path, read_only=True) as service:
        assert caption_batch.templates(service) == {"Sông": {"vi": {"place": "{place}"}}}


def test_what_is_being_typed_in_the_editor_is_found_and_replaced(
    curator_window, tmp_path: Path, qtbot
) -> None:
    path, ids = _project(tmp_path)
    bundle = curator_window
    assert bundle.controller.open_project(path)
    window = bundle.window
    assert window.library.select_photo(ids[0])
    assert window.captions.focus_cell("en", CaptionField.HEADLINE)
    editor = window.captions._cells[("en", CaptionField.HEADLINE)].editor
    type_text(editor, "Old Hanoi")  # within the typing pause: not saved yet
    bundle.batch.find_action.trigger()
    view = bundle.batch.find_view
    view.language.setCurrentIndex(view.language.findData("en"))
    type_text(view.find_edit, "hanoi")
    type_text(view.replace_edit, "Hà Nội")
    qtbot.keyClick(view.find_edit, Qt.Key.Key_Return)
    assert view.preview.topLevelItemCount() == 1
    assert view.preview.topLevelItem(0).text(4) == "Old Hà Nội"
    qtbot.keyClick(view.replace_button, Qt.Key.Key_Space)
    assert _text(path, ids[0], "en", CaptionField.HEADLINE) == "Old Hà Nội"


def test_in_russian_both_dialogs_name_the_languages(curator_window, tmp_path: Path, qtbot) -> None:
    path, _ids = _project(tmp_path)
    bundle = curator_window
    assert bundle.controller.open_project(path)
    assert bundle.set_interface_language("ru") == "ru"
    window = bundle.window
    window.activateWindow()
    QTest.qWaitForWindowActive(window)  # on a real X display nothing else activates it
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    view = bundle.batch.find_view
    qtbot.waitUntil(view.isVisible)
    view.language.setFocus()
    qtbot.keyClick(view.language, Qt.Key.Key_Down)
    assert view.language.currentText() == "Русский (ru)"
    assert view.language.currentData() == "ru"
    view.close()
    bundle.batch.templates_action.trigger()
    table = bundle.batch.templates_view.table
    qtbot.waitUntil(table.isVisible)
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["Вьетнамский (vi)", "Русский (ru)", "Английский (en)"]
