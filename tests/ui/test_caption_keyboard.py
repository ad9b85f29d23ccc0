"""Captioning without the mouse: photos, fields, languages and statuses from the keyboard."""

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from curator.core.model import PRINTED_FIELDS, CaptionField, CaptionStatus, Photo
from curator.core.services import ProjectService

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def focused():
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A key as the keyboard sends it: shortcuts first, then the focused widget."""
    qtbot.keyClick(focused(), key, modifiers)


def type_text(text: str) -> None:
    """Type into the focused widget, one key event per character (any script)."""
    widget = focused()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, list[str]]:
    path = tmp_path / "ex.curator"
    ids = []
    with ProjectService.create(path, title="T", languages=["vi", "ru", "en"]) as service:
        for index in range(3):
            image = tmp_path / f"{index}.jpg"
            Image.new("RGB", (40, 30), (index * 60, 0, 0)).save(image)
            with service.store.transaction():
                photo = Photo(id="", path=image, sha256=str(index), width=40, height=30)
                ids.append(service.photos.add(photo).id)
    return path, ids


@pytest.fixture
def opened(curator_window, project, qtbot):
    path, ids = project
    curator_window.controller.open_project(path)
    window = curator_window.window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    qtbot.waitUntil(lambda: window.library.selected_photo_ids() == [ids[0]], timeout=3000)
    return curator_window, curator_window.controller.service, ids


def current(bundle):
    cell = bundle.window.captions.current_cell()
    assert cell is not None and cell.editor is focused()
    return cell.language, cell.field


def test_a_sitting_of_captioning_by_keyboard_only(opened, qtbot):
    bundle, service, ids = opened
    window = bundle.window
    window.library.view.setFocus()
    press(qtbot, Qt.Key.Key_1, ALT)  # to the first language's column
    assert current(bundle) == ("vi", CaptionField.HEADLINE)
    type_text("Hội đàm Việt – Nga")
    press(qtbot, Qt.Key.Key_Tab)
    assert current(bundle) == ("vi", CaptionField.CAPTION)
    type_text("Chiều 24/2, tại Hà Nội.")
    press(qtbot, Qt.Key.Key_Return, CTRL)  # mark the caption final
    press(qtbot, Qt.Key.Key_2, ALT)  # the same field in Russian
    assert current(bundle) == ("ru", CaptionField.CAPTION)
    type_text("Переговоры в Ханое.")
    press(qtbot, Qt.Key.Key_Return, CTRL | SHIFT)  # needs review
    press(qtbot, Qt.Key.Key_Tab, SHIFT)
    assert current(bundle) == ("ru", CaptionField.HEADLINE)
    type_text("Переговоры")
    press(qtbot, Qt.Key.Key_PageDown, CTRL)  # the next photo; the headline saved first
    assert window.library.selected_photo_ids() == [ids[1]]
    assert current(bundle) == ("ru", CaptionField.HEADLINE)
    assert focused().toPlainText() == ""
    type_text("Встреча")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    press(qtbot, Qt.Key.Key_Down, ALT)  # the third photo
    press(qtbot, Qt.Key.Key_3, ALT)
    type_text("Talks")
    press(qtbot, Qt.Key.Key_PageDown, CTRL)  # already the last photo: stays, saves
    assert window.library.selected_photo_ids() == [ids[2]]
    press(qtbot, Qt.Key.Key_PageUp, CTRL)
    press(qtbot, Qt.Key.Key_PageUp, CTRL)
    assert window.library.selected_photo_ids() == [ids[0]]
    assert focused().toPlainText() == ""  # the first photo has no English headline

    def stored(index, language, field):
        caption = service.captions.get(ids[index], language, field)
        return (caption.text, caption.status) if caption else None

    assert stored(0, "vi", CaptionField.HEADLINE) == ("Hội đàm Việt – Nga", CaptionStatus.DRAFT)
    assert stored(0, "vi", CaptionField.CAPTION) == ("Chiều 24/2, tại Hà Nội.", CaptionStatus.FINAL)
    assert stored(0, "ru", CaptionField.CAPTION) == (
        "Переговоры в Ханое.",
        CaptionStatus.NEEDS_REVIEW,
    )
    assert stored(0, "ru", CaptionField.HEADLINE) == ("Переговоры", CaptionStatus.DRAFT)
    assert stored(1, "ru", CaptionField.HEADLINE) == ("Встреча", CaptionStatus.FINAL)
    assert stored(2, "en", CaptionField.HEADLINE) == ("Talks", CaptionStatus.DRAFT)
    assert stored(1, "vi", CaptionField.HEADLINE) is None


def test_tab_goes_down_each_language_then_on_to_the_next_and_round(opened, qtbot):
    bundle, _service, _ids = opened
    bundle.window.captions.focus_cell("vi", CaptionField.HEADLINE)
    seen = [current(bundle)]
    for _step in range(15):
        press(qtbot, Qt.Key.Key_Tab)
        seen.append(current(bundle))
    fields = list(PRINTED_FIELDS)  # the closed alt text group is skipped
    assert seen[:6] == [("vi", f) for f in fields] + [("ru", CaptionField.HEADLINE)]
    assert seen[10:12] == [("en", CaptionField.HEADLINE), ("en", CaptionField.CAPTION)]
    assert seen[15] == ("vi", CaptionField.HEADLINE)  # round again, never out of the panel
    press(qtbot, Qt.Key.Key_Tab, SHIFT)
    assert current(bundle) == ("en", CaptionField.CREDIT)


def test_every_shortcut_is_shown_in_the_captions_menu(opened):
    bundle, _service, _ids = opened
    keyboard = bundle.captions.keyboard
    titles = [action.text() for action in bundle.window.menuBar().actions()]
    assert titles.index("&Captions") == titles.index("&Edit") + 1
    shown = {
        action.text(): action.shortcut().toString()
        for action in keyboard.menu.actions()
        if not action.isSeparator()
    }
    assert shown["&Next Photo"] == "Ctrl+PgDown"
    assert shown["&Previous Photo"] == "Ctrl+PgUp"
    assert shown["Next &Field"] == "Tab"
    assert shown["Previous F&ield"] == "Shift+Tab"
    assert shown["Mark Field Fin&al"] == "Ctrl+Return"
    assert shown["Mark Field Needs &Review"] == "Ctrl+Shift+Return"
    languages = {a.text(): a.shortcut().toString() for a in keyboard.language_menu.actions()}
    assert languages == {
        "Vietnamese (vi)": "Alt+1",
        "Russian (ru)": "Alt+2",
        "English (en)": "Alt+3",
    }


def test_the_menu_works_where_the_keys_do(opened):
    bundle, service, ids = opened
    keyboard = bundle.captions.keyboard
    keyboard.language_actions[1].trigger()
    assert current(bundle) == ("ru", CaptionField.HEADLINE)
    keyboard.next_field_action.trigger()
    assert current(bundle) == ("ru", CaptionField.CAPTION)
    keyboard.final_action.trigger()
    assert service.captions.get(ids[0], "ru", CaptionField.CAPTION).status == CaptionStatus.FINAL
    keyboard.next_photo_action.trigger()
    assert bundle.window.library.selected_photo_ids() == [ids[1]]
    keyboard.draft_action.trigger()
    assert service.captions.get(ids[1], "ru", CaptionField.CAPTION).status == CaptionStatus.DRAFT


def test_alt_text_group_opens_takes_typing_and_joins_the_tab_order(opened, qtbot):
    bundle, service, ids = opened
    panel = bundle.window.captions
    toggle = panel.accessibility_toggle
    assert toggle is not None and not panel.accessibility_shown
    assert not panel.cell("vi", CaptionField.ALT).isVisible()
    assert panel.cell("vi", CaptionField.HEADLINE).isVisible()
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert panel.accessibility_shown
    assert panel.cell("ru", CaptionField.ALT).isVisible()
    assert panel.cell("ru", CaptionField.DESCRIPTION).isVisible()
    panel.focus_cell("ru", CaptionField.CREDIT)
    press(qtbot, Qt.Key.Key_Tab)
    assert current(bundle) == ("ru", CaptionField.ALT)
    type_text("Двое мужчин пожимают руки.")
    press(qtbot, Qt.Key.Key_Tab)  # leaving the box saves it
    assert current(bundle) == ("ru", CaptionField.DESCRIPTION)
    qtbot.waitUntil(
        lambda: service.captions.get(ids[0], "ru", CaptionField.ALT) is not None, timeout=3000
    )
    saved = service.captions.get(ids[0], "ru", CaptionField.ALT)
    assert saved is not None and saved.text == "Двое мужчин пожимают руки."
    assert saved.status is CaptionStatus.DRAFT
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)  # closed again: hidden, skipped
    assert not panel.cell("ru", CaptionField.ALT).isVisible()
    panel.focus_cell("ru", CaptionField.CREDIT)
    press(qtbot, Qt.Key.Key_Tab)
    assert current(bundle) == ("en", CaptionField.HEADLINE)
