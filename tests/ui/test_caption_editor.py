from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent, QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from curator.core.model import CaptionField, CaptionStatus, Photo
from curator.core.services import ProjectService
from curator.core.storage.store import ProjectStore

pytestmark = pytest.mark.gui


def type_text(widget, text: str) -> None:
    """Type one character at a time as key events (keyClicks aborts on non-ASCII)."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def commit_through_input_method(widget, preedit: str, commit: str) -> None:
    """What an IME (ibus-unikey, a Russian layout via fcitx) sends: preedit, then commit."""
    widget.setFocus()
    QApplication.sendEvent(widget, QInputMethodEvent(preedit, []))
    event = QInputMethodEvent("", [])
    event.setCommitString(commit)
    QApplication.sendEvent(widget, event)


def finish(widget) -> None:
    """Leave the field, as a click elsewhere would."""
    if isinstance(widget, QLineEdit):
        widget.editingFinished.emit()
    else:
        QApplication.sendEvent(widget, QFocusEvent(QEvent.Type.FocusOut))


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, list[str]]:
    path = tmp_path / "ex.curator"
    ids = []
    with ProjectService.create(path, title="T", languages=["vi", "ru", "en"]) as service:
        for index in range(3):
            image = tmp_path / f"{index}.jpg"
            Image.new("RGB", (40, 30), (index * 60, 0, 0)).save(image)
            with service.store.transaction():
                ids.append(
                    service.photos.add(
                        Photo(id="", path=image, sha256=str(index), width=40, height=30)
                    ).id
                )
        service.set_caption(ids[0], "vi", CaptionField.PLACE, "Hà Nội")
        service.set_caption(ids[1], "vi", CaptionField.PLACE, "Hà Nội")
        service.set_caption(ids[2], "vi", CaptionField.PLACE, "Moskva")
    return path, ids


def _select(bundle, rows: list[int]) -> None:
    view = bundle.window.library.view
    view.clearSelection()
    for row in rows:
        view.selectionModel().select(
            bundle.window.library.model.index(row),
            view.selectionModel().SelectionFlag.Select,
        )


def test_typing_vietnamese_saves_at_once_and_undoes(curator_window, project):
    path, ids = project
    curator_window.controller.open_project(path)
    _select(curator_window, [0])
    panel = curator_window.window.captions
    editor = panel.cell("vi", CaptionField.HEADLINE).editor
    type_text(editor, "Hội đàm Việt – Nga")
    assert editor.text() == "Hội đàm Việt – Nga"
    finish(editor)
    service = curator_window.controller.service
    saved = service.captions.get(ids[0], "vi", CaptionField.HEADLINE)
    assert (saved.text, saved.status) == ("Hội đàm Việt – Nga", CaptionStatus.DRAFT)
    # The other languages stayed in view, untouched.
    assert panel.cell("ru", CaptionField.HEADLINE).editor.text() == ""
    assert curator_window.window.library.model.item(0).headline == "Hội đàm Việt – Nga"
    undo = curator_window.captions.undo_action
    assert undo.isEnabled() and "Headline" in undo.text()
    undo.trigger()
    assert service.captions.get(ids[0], "vi", CaptionField.HEADLINE).text == ""
    assert editor.text() == ""
    curator_window.captions.redo_action.trigger()
    assert service.captions.get(ids[0], "vi", CaptionField.HEADLINE).text == "Hội đàm Việt – Nga"
    assert editor.text() == "Hội đàm Việt – Nga"


def test_russian_through_an_input_method_in_the_caption_box(curator_window, project, qtbot):
    path, ids = project
    curator_window.controller.open_project(path)
    _select(curator_window, [0])
    box = curator_window.window.captions.cell("ru", CaptionField.CAPTION).editor
    commit_through_input_method(box, "Переговор", "Переговоры в Ханое")
    assert box.toPlainText() == "Переговоры в Ханое"
    service = curator_window.controller.service
    # Saved after a pause in typing, without leaving the field.
    qtbot.waitUntil(
        lambda: service.captions.get(ids[0], "ru", CaptionField.CAPTION) is not None, timeout=3000
    )
    assert service.captions.get(ids[0], "ru", CaptionField.CAPTION).text == "Переговоры в Ханое"


def test_decomposed_input_is_stored_nfc(curator_window, project):
    path, ids = project
    curator_window.controller.open_project(path)
    _select(curator_window, [0])
    editor = curator_window.window.captions.cell("vi", CaptionField.CREDIT).editor
    type_text(editor, "A\u0309nh: Tu\u00e2\u0301n Anh/TTXVN")
    finish(editor)
    stored = curator_window.controller.service.captions.get(ids[0], "vi", CaptionField.CREDIT)
    assert stored.text == "Ảnh: Tuấn Anh/TTXVN"


def test_several_photos_show_mixed_and_write_only_touched_fields(curator_window, project):
    path, ids = project
    curator_window.controller.open_project(path)
    _select(curator_window, [0, 1, 2])
    panel = curator_window.window.captions
    place = panel.cell("vi", CaptionField.PLACE)
    assert place.editor.text() == "" and place.editor.placeholderText() == "(mixed)"
    assert panel.cell("vi", CaptionField.DATE).editor.placeholderText() == ""
    finish(place.editor)  # leaving a mixed field untouched writes nothing
    service = curator_window.controller.service
    assert service.captions.get(ids[2], "vi", CaptionField.PLACE).text == "Moskva"
    type_text(panel.cell("en", CaptionField.CREDIT).editor, "Photo: VNA")
    finish(panel.cell("en", CaptionField.CREDIT).editor)
    assert {service.captions.get(i, "en", CaptionField.CREDIT).text for i in ids} == {"Photo: VNA"}
    assert service.captions.get(ids[2], "vi", CaptionField.PLACE).text == "Moskva"
    curator_window.captions.undo_action.trigger()
    assert all(service.captions.get(i, "en", CaptionField.CREDIT).text == "" for i in ids)


def test_a_field_can_be_marked_final_and_back(curator_window, project):
    path, ids = project
    curator_window.controller.open_project(path)
    _select(curator_window, [0])
    panel = curator_window.window.captions
    cell = panel.cell("vi", CaptionField.PLACE)
    final = next(a for a in panel.status_menu(cell).actions() if a.text() == "Final")
    final.trigger()
    service = curator_window.controller.service
    assert service.captions.get(ids[0], "vi", CaptionField.PLACE).status == CaptionStatus.FINAL
    assert cell.status_text == "Final"
    curator_window.captions.undo_action.trigger()
    assert service.captions.get(ids[0], "vi", CaptionField.PLACE).status == CaptionStatus.DRAFT


def test_read_only_project_does_not_take_edits(curator_window, dialogs, project):
    path, _ids = project
    with ProjectStore.open(path):
        dialogs.confirm_answer = True
        curator_window.controller.open_project(path)
        _select(curator_window, [0])
        editor = curator_window.window.captions.cell("vi", CaptionField.HEADLINE).editor
        assert editor.isReadOnly()
        type_text(editor, "x")
        finish(editor)
    assert not curator_window.captions.undo_action.isEnabled()


def test_readiness_follows_edits(curator_window, project):
    path, _ids = project
    curator_window.controller.open_project(path)
    table = curator_window.window.readiness.table
    # Rows are fields (headline, caption, place, date, credit), columns languages (vi, ru, en).
    assert table.item(2, 0).text() == "0/3"
    _select(curator_window, [0, 1, 2])
    panel = curator_window.window.captions
    cell = panel.cell("vi", CaptionField.PLACE)
    next(a for a in panel.status_menu(cell).actions() if a.text() == "Final").trigger()
    assert table.item(2, 0).text() == "3/3"
    scope = curator_window.window.readiness.scope
    assert scope.itemText(0) == "Whole exhibition"
    curator_window.captions.undo_action.trigger()
    assert table.item(2, 0).text() == "0/3"


def test_glossary_code_expands_in_each_language(curator_window, project):
    from curator.core.model import GlossaryKind

    path, ids = project
    curator_window.controller.open_project(path)
    service = curator_window.controller.service
    with service.store.transaction():
        service.glossary.add(
            GlossaryKind.PERSON,
            {"vi": "Vũ Việt Trang", "ru": "Ву Вьет Чанг", "en": "Vu Viet Trang"},
            code="vvt",
        )
    _select(curator_window, [0])
    panel = curator_window.window.captions
    for language, expected in (("vi", "Vũ Việt Trang"), ("ru", "Ву Вьет Чанг")):
        editor = panel.cell(language, CaptionField.HEADLINE).editor
        type_text(editor, "=vvt= phát biểu")
        finish(editor)
        stored = service.captions.get(ids[0], language, CaptionField.HEADLINE).text
        assert stored == f"{expected} phát biểu"
        assert editor.text() == stored
