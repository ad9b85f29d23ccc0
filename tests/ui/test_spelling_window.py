"""Spell checking as one types in the caption panel, each field in its own language."""

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication

from curator.core.model import CaptionField, GlossaryKind, Photo
from curator.core.services import ProjectService
from curator.ui.views.spell_highlighter import MISSPELT_COLOUR

pytestmark = pytest.mark.gui


def type_text(widget, text: str) -> None:
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def underlined(editor) -> list[str]:
    """The words the highlighter marked red and wavy, read back from the document."""
    words = []
    block = editor.document().firstBlock()
    while block.isValid():
        for span in block.layout().formats():
            style = span.format.underlineStyle()
            if style == QTextCharFormat.UnderlineStyle.WaveUnderline:
                assert span.format.underlineColor() == MISSPELT_COLOUR
                words.append(block.text()[span.start : span.start + span.length])
        block = block.next()
    return words


@pytest.fixture
def opened(curator_window, tmp_path: Path, qtbot):
    path = tmp_path / "ex.curator"
    with ProjectService.create(path, title="T", languages=["vi", "ru", "en", "fr"]) as service:
        image = tmp_path / "0.jpg"
        Image.new("RGB", (40, 30)).save(image)
        with service.store.transaction():
            photo = service.photos.add(Photo(id="", path=image, sha256="0", width=40, height=30))
            service.glossary.add(
                GlossaryKind.PERSON,
                {"vi": "Vũ Việt Trang", "ru": "Ву Вьет Чанг", "en": "Vu Viet Trang"},
                variants={"ru": ("Ву Вьет Транг",)},
            )
    curator_window.controller.open_project(path)
    spelling = curator_window.spelling
    qtbot.waitUntil(lambda: spelling.checked_languages() == {"vi", "ru", "en"}, timeout=10000)
    qtbot.waitUntil(lambda: curator_window.window.library.selected_photo_ids() == [photo.id])
    qtbot.waitUntil(lambda: "чанг" in spelling.checker("ru").glossary, timeout=5000)
    return curator_window, path, photo.id


def test_misspelt_words_are_underlined_red_and_wavy_in_their_own_language(opened):
    bundle, _path, _photo = opened
    panel = bundle.window.captions
    ru = panel.cell("ru", CaptionField.HEADLINE).editor
    type_text(ru, "Перегаворы в Ханое")
    assert underlined(ru) == ["Перегаворы"]
    vi = panel.cell("vi", CaptionField.CAPTION).editor
    type_text(vi, "Hội đàmm tại Hà Nội, thủy điện Hòa Bình (TTXVN)")
    assert underlined(vi) == ["đàmm"]
    en = panel.cell("en", CaptionField.CAPTION).editor
    # The English word "talks" is not flagged in English, but would be in Russian.
    type_text(en, "Talks in Hanoi, the delegaton")
    assert underlined(en) == ["delegaton"]
    assert underlined(panel.cell("ru", CaptionField.CAPTION).editor) == []


def test_glossary_names_are_never_flagged(opened):
    bundle, _path, _photo = opened
    ru = bundle.window.captions.cell("ru", CaptionField.CAPTION).editor
    type_text(ru, "Ву Вьет Чанг и Ву Вьет Транг прибыли, Нгуен тоже")
    assert underlined(ru) == ["Нгуен"]


def test_a_language_without_a_dictionary_is_not_checked_and_says_so(opened):
    bundle, _path, _photo = opened
    spelling = bundle.spelling
    assert spelling.unavailable_languages() == {"fr": ""}
    editor = bundle.window.captions.cell("fr", CaptionField.HEADLINE).editor
    type_text(editor, "Bonjourr Hanoï")
    assert underlined(editor) == []
    assert "French" in editor.toolTip() and "not checked" in editor.toolTip()
    assert bundle.window.captions.cell("ru", CaptionField.HEADLINE).editor.toolTip() == ""


def _menu_at(bundle, cell, position: int):
    cursor = QTextCursor(cell.editor.document())
    cursor.setPosition(position)
    return bundle.spelling.context_menu(cell, cell.editor.cursorRect(cursor).center())


def test_the_menu_corrects_a_word_and_the_correction_is_saved(opened):
    bundle, _path, photo = opened
    cell = bundle.window.captions.cell("ru", CaptionField.HEADLINE)
    type_text(cell.editor, "Перегаворы в Ханое")
    menu = _menu_at(bundle, cell, 3)
    actions = [a for a in menu.actions() if not a.isSeparator()]
    assert actions[0].text() == "Переговоры" and actions[0].font().bold()
    texts = [a.text() for a in actions]
    assert "Add “Перегаворы” to the Glossary" in texts and "Ignore “Перегаворы”" in texts
    assert "&Copy" in texts or any("Copy" in t for t in texts)  # the editor's own actions stay
    actions[0].trigger()
    assert cell.editor.text() == "Переговоры в Ханое"
    assert underlined(cell.editor) == []
    cell.editor.editingFinished.emit()
    service = bundle.controller.service
    assert service.captions.get(photo, "ru", CaptionField.HEADLINE).text == "Переговоры в Ханое"


def test_a_correct_word_gets_only_the_editor_menu(opened):
    bundle, _path, _photo = opened
    cell = bundle.window.captions.cell("ru", CaptionField.HEADLINE)
    type_text(cell.editor, "Перегаворы в Ханое")
    texts = [a.text() for a in _menu_at(bundle, cell, 15).actions()]
    assert not any("Glossary" in t for t in texts)


def test_add_to_glossary_and_ignore(opened):
    bundle, _path, _photo = opened
    panel = bundle.window.captions
    caption = panel.cell("ru", CaptionField.CAPTION)
    headline = panel.cell("ru", CaptionField.HEADLINE)
    type_text(caption.editor, "Нгуен Ван Ан и Фам Минь Тинь")
    type_text(headline.editor, "Нгуен")
    # "Ван" and "Ан" are Russian words too.
    assert underlined(caption.editor) == ["Нгуен", "Фам", "Минь", "Тинь"]
    menu = _menu_at(bundle, caption, 2)
    add = next(a for a in menu.actions() if a.text().startswith("Add"))
    person = next(a for a in add.menu().actions() if a.text() == "Person")
    person.trigger()
    # Gone from every field of the language at once, and stored in the project.
    assert underlined(caption.editor) == ["Фам", "Минь", "Тинь"]
    assert underlined(headline.editor) == []
    service = bundle.controller.service
    added = [e for e in service.glossary.all() if e.terms == {"ru": "Нгуен"}]
    assert [e.kind for e in added] == [GlossaryKind.PERSON]
    assert bundle.window.glossary.table.rowCount() == 2  # the glossary dock shows it
    ignore = next(
        a for a in _menu_at(bundle, caption, 16).actions() if a.text().startswith("Ignore")
    )
    assert ignore.text() == "Ignore “Фам”"
    ignore.trigger()
    assert underlined(caption.editor) == ["Минь", "Тинь"]
    assert len(service.glossary.all()) == 2  # ignoring adds nothing to the project


def test_re_marking_words_never_takes_the_place_of_typing(opened, qtbot):
    bundle, _path, photo = opened
    panel = bundle.window.captions
    typed = panel.cell("ru", CaptionField.CAPTION)
    other = panel.cell("en", CaptionField.CAPTION)
    type_text(typed.editor, "Перегаворы в Ханое")
    # A dictionary arriving or a glossary change re-marks other fields meanwhile.
    bundle.spelling.highlighter(typed).rehighlight()
    bundle.spelling.highlighter(other).rehighlight()
    service = bundle.controller.service
    qtbot.waitUntil(
        lambda: service.captions.get(photo, "ru", CaptionField.CAPTION) is not None, timeout=3000
    )
    assert service.captions.get(photo, "ru", CaptionField.CAPTION).text == "Перегаворы в Ханое"
    assert service.captions.get(photo, "en", CaptionField.CAPTION) is None


def test_the_menu_opens_from_the_menu_key_and_from_a_right_click(opened, qtbot):
    from PySide6.QtGui import QContextMenuEvent

    bundle, _path, _photo = opened
    spelling = bundle.spelling
    editor = bundle.window.captions.cell("ru", CaptionField.CAPTION).editor
    type_text(editor, "Мы перегаворы ведём")
    cursor = editor.textCursor()
    cursor.setPosition(5)
    editor.setTextCursor(cursor)
    viewport = editor.viewport()
    at_cursor = editor.cursorRect().center()
    for target, pos, reason in (
        (editor, viewport.mapTo(editor, at_cursor), QContextMenuEvent.Reason.Keyboard),
        (viewport, at_cursor, QContextMenuEvent.Reason.Mouse),
    ):
        event = QContextMenuEvent(
            reason, pos, target.mapToGlobal(pos), Qt.KeyboardModifier.NoModifier
        )
        QApplication.sendEvent(target, event)
        menu = spelling.open_menu
        assert menu is not None and menu.isVisible()
        assert menu.actions()[0].text() == "переговоры"
        menu.close()
        qtbot.waitUntil(lambda: spelling.open_menu is None)


def test_a_read_only_project_is_checked_but_not_changed_from_the_menu(
    curator_window, dialogs, tmp_path, qtbot
):
    from curator.core.storage.store import ProjectStore

    path = tmp_path / "ro.curator"
    with ProjectService.create(path, title="T", languages=["ru"]) as service:
        image = tmp_path / "0.jpg"
        Image.new("RGB", (40, 30)).save(image)
        with service.store.transaction():
            photo = service.photos.add(Photo(id="", path=image, sha256="0", width=40, height=30))
        service.set_caption(photo.id, "ru", CaptionField.HEADLINE, "Перегаворы")
    with ProjectStore.open(path):  # another Curator has it: opened read-only
        dialogs.confirm_answer = True
        curator_window.controller.open_project(path)
        spelling = curator_window.spelling
        qtbot.waitUntil(lambda: spelling.checked_languages() == {"ru"}, timeout=10000)
        cell = curator_window.window.captions.cell("ru", CaptionField.HEADLINE)
        qtbot.waitUntil(lambda: underlined(cell.editor) == ["Перегаворы"], timeout=3000)
        menu = _menu_at(curator_window, cell, 2)
        actions = [a for a in menu.actions() if not a.isSeparator()]
        assert actions[0].text() == "Переговоры" and not actions[0].isEnabled()
        add = next(a for a in actions if a.text().startswith("Add"))
        assert not add.isEnabled()
        assert next(a for a in actions if a.text().startswith("Ignore")).isEnabled()


def test_names_in_generated_credit_lines_are_not_flagged(curator_window, tmp_path, qtbot):
    from curator.core.services import CaptionEdit

    path = tmp_path / "credits.curator"
    with ProjectService.create(path, title="T", languages=["ru", "en"]) as service:
        image = tmp_path / "0.jpg"
        Image.new("RGB", (40, 30)).save(image)
        with service.store.transaction():
            photo = service.photos.add(Photo(id="", path=image, sha256="0", width=40, height=30))
        service.set_captions(
            [
                CaptionEdit(
                    photo.id, "ru", CaptionField.CREDIT, "Фото: Туан Ань/ВИА", edited=False
                ),
                CaptionEdit(
                    photo.id, "en", CaptionField.CREDIT, "Photo: Tuan Anh/VNA", edited=False
                ),
            ]
        )
    curator_window.controller.open_project(path)
    spelling = curator_window.spelling
    qtbot.waitUntil(lambda: spelling.checked_languages() == {"ru", "en"}, timeout=10000)
    qtbot.waitUntil(lambda: "туан" in spelling.checker("ru").glossary, timeout=5000)
    panel = curator_window.window.captions
    assert underlined(panel.cell("ru", CaptionField.CREDIT).editor) == []
    assert underlined(panel.cell("en", CaptionField.CREDIT).editor) == []
    caption = panel.cell("en", CaptionField.CAPTION).editor
    type_text(caption, "Tuan Anh photographed the delegaton")
    assert underlined(caption) == ["delegaton"]


def test_names_of_credit_records_are_not_flagged_in_an_edited_credit_line(
    curator_window, tmp_path, qtbot
):
    from curator.core.model import CreditRole

    path = tmp_path / "edited.curator"
    with ProjectService.create(path, title="T", languages=["ru", "en"]) as service:
        image = tmp_path / "0.jpg"
        Image.new("RGB", (40, 30)).save(image)
        with service.store.transaction():
            photo = service.photos.add(Photo(id="", path=image, sha256="0", width=40, height=30))
            service.photos.add_credit(
                photo.id,
                {"ru": "Туан Ань", "en": "Tuan Anh"},
                {"ru": "ВИА", "en": "VNA"},
                CreditRole.PHOTO,
            )
        # Typed by the curator (as the demo's are): not generated, yet the names are known.
        service.set_caption(photo.id, "ru", CaptionField.CREDIT, "Снимок: Туан Ань, ВИА")
    curator_window.controller.open_project(path)
    spelling = curator_window.spelling
    qtbot.waitUntil(lambda: spelling.checked_languages() == {"ru", "en"}, timeout=10000)
    qtbot.waitUntil(lambda: "туан" in spelling.checker("ru").glossary, timeout=5000)
    panel = curator_window.window.captions
    assert underlined(panel.cell("ru", CaptionField.CREDIT).editor) == []
    caption = panel.cell("ru", CaptionField.CAPTION).editor
    type_text(caption, "Туан Ань снимал перегаворы")
    assert underlined(caption) == ["перегаворы"]
