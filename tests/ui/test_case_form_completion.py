"""Typing ``=code:`` in a Russian field offers the glossary's case forms, labelled by case.

Keys go where a keyboard sends them: to the open list while it is up (Qt hands the list's
keys to the field), else to the field. Names from the VNA–TASS talks (/work/shared/context).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from curator.core.model import CaptionField, GlossaryKind, Photo
from curator.core.services import ProjectService

pytestmark = [pytest.mark.gui, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


def _send(widget, key: Qt.Key | int, text: str = "") -> None:
    target = QApplication.activePopupWidget() or widget
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))


def _type(widget, text: str) -> None:
    widget.setFocus()
    for char in text:
        _send(widget, 0, char)


@pytest.fixture
def opened(curator_window, tmp_path: Path, qtbot):
    path = tmp_path / "talks.curator"
    with ProjectService.create(path, title="T", languages=["vi", "ru", "en"]) as service:
        image = tmp_path / "talks.jpg"
        Image.new("RGB", (40, 30)).save(image)
        with service.store.transaction():
            photo = service.photos.add(Photo(id="", path=image, sha256="0", width=40, height=30))
            service.glossary.add(
                GlossaryKind.PERSON,
                {"vi": "Andrey Kondrashov", "ru": "Андрей Кондрашов", "en": "Andrey Kondrashov"},
                code="kd",
                cases={
                    "ru": {
                        "gen": "Андрея Кондрашова",
                        "dat": "Андрею Кондрашову",
                        "ins": "Андреем Кондрашовым",
                        "pre": "Андрее Кондрашове",
                    }
                },
            )
            service.glossary.add(
                GlossaryKind.PERSON,
                {"vi": "Vũ Việt Trang", "ru": "Ву Вьет Чанг", "en": "Vu Viet Trang"},
                code="vvt",
            )
    curator_window.controller.open_project(path)
    qtbot.waitUntil(lambda: curator_window.window.library.selected_photo_ids() == [photo.id])
    return curator_window, path, photo.id


def test_the_forms_are_offered_by_case_and_the_chosen_one_is_written(opened, qtbot) -> None:
    bundle, path, photo_id = opened
    cell = bundle.window.captions.cell("ru", CaptionField.HEADLINE)
    editor = cell.editor
    completer = bundle.case_forms.completers[("ru", "headline")]
    _type(editor, "Встреча с =kd:")
    qtbot.waitUntil(completer.is_open, timeout=5000)
    assert completer.offered() == [
        "Андрей Кондрашов — nominative",
        "Андрея Кондрашова — genitive",
        "Андрею Кондрашову — dative",
        "Андреем Кондрашовым — instrumental",
        "Андрее Кондрашове — prepositional",
    ]
    _type(editor, "тв")  # the Russian abbreviation narrows the list to the instrumental
    assert completer.offered() == ["Андреем Кондрашовым — instrumental"]
    _send(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "Встреча с Андреем Кондрашовым"
    assert not completer.is_open()
    _send(editor, Qt.Key.Key_Return)  # now Return ends the field, which is saved
    with ProjectService.open(path, read_only=True) as service:
        saved = service.captions.get(photo_id, "ru", CaptionField.HEADLINE)
    assert saved is not None and saved.text == "Встреча с Андреем Кондрашовым"


def test_escape_closes_the_list_and_a_typed_marker_is_expanded(opened, qtbot) -> None:
    bundle, path, photo_id = opened
    editor = bundle.window.captions.cell("ru", CaptionField.CAPTION).editor
    completer = bundle.case_forms.completers[("ru", "caption")]
    _type(editor, "Переговоры с =kd:")
    qtbot.waitUntil(completer.is_open, timeout=5000)
    _send(editor, Qt.Key.Key_Escape)
    assert not completer.is_open()
    _type(editor, "dat= и =vvt:dat=")
    assert not completer.is_open()
    headline = bundle.window.captions.cell("ru", CaptionField.HEADLINE).editor
    headline.setFocus()  # leaving the caption saves it, markers expanded
    qtbot.waitUntil(
        lambda: editor.toPlainText() == "Переговоры с Андрею Кондрашову и Ву Вьет Чанг",
        timeout=5000,
    )
    with ProjectService.open(path, read_only=True) as service:
        saved = service.captions.get(photo_id, "ru", CaptionField.CAPTION)
    assert saved is not None and saved.text == editor.toPlainText()


def test_no_list_where_there_is_nothing_to_choose(opened, qtbot) -> None:
    bundle, _path, _photo_id = opened
    english = bundle.window.captions.cell("en", CaptionField.HEADLINE).editor
    _type(english, "Talks with =kd:")
    assert not bundle.case_forms.completers[("en", "headline")].is_open()
    russian = bundle.window.captions.cell("ru", CaptionField.PLACE).editor
    _type(russian, "=vvt:")  # a name that does not decline
    assert not bundle.case_forms.completers[("ru", "place")].is_open()


def test_the_glossary_panel_shows_a_terms_case_forms(opened, qtbot) -> None:
    bundle, _path, _photo_id = opened
    table = bundle.window.glossary.table
    qtbot.waitUntil(lambda: table.rowCount() == 2, timeout=5000)
    headers = [table.horizontalHeaderItem(column).text() for column in range(table.columnCount())]
    ru = headers.index("ru")
    codes = [table.item(row, 0).text() for row in range(table.rowCount())]
    kondrashov = table.item(codes.index("kd"), ru)
    assert kondrashov.text() == "Андрей Кондрашов"
    assert kondrashov.toolTip().splitlines() == [
        "nominative: Андрей Кондрашов",
        "genitive: Андрея Кондрашова",
        "dative: Андрею Кондрашову",
        "instrumental: Андреем Кондрашовым",
        "prepositional: Андрее Кондрашове",
    ]
    assert table.item(codes.index("vvt"), ru).toolTip() == "Ву Вьет Чанг"
