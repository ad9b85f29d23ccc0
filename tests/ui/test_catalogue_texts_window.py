"""File ▸ Catalogue Texts: typed per language, spell-checked, refused inline, undone; images."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QApplication

from curator.core.publishing.catalogue_texts import AssetRole, TextKey, read_texts
from curator.ui.views.catalogue_texts_dialog import CatalogueTextsDialog
from tests.ui.test_spelling_window import type_text, underlined

pytestmark = pytest.mark.gui

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
    b'<rect width="40" height="20"/></svg>'
)


def press_return(widget) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(
            widget, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
        )


def leave(widget) -> None:
    QApplication.sendEvent(widget, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason))


def test_texts_are_typed_checked_refused_and_undone(
    curator_window, dialogs, project_path, qtbot, tmp_path: Path
):
    bundle = curator_window
    texts = bundle.catalogue_texts
    assert texts is not None and not texts.action.isEnabled()
    bundle.controller.open_project(project_path)
    assert texts.action.isEnabled() and texts.action in bundle.window.file_menu.actions()
    service = bundle.controller.service
    spelling = bundle.spelling
    qtbot.waitUntil(lambda: {"vi", "ru", "en"} <= spelling.checked_languages(), timeout=10000)
    logo = tmp_path / "logo.svg"
    logo.write_bytes(SVG)
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 8)

    def use(dialog: CatalogueTextsDialog) -> None:
        dialog.show()
        assert not dialog.undo_button.isEnabled()  # nothing changed here yet
        assert [dialog.tabs.tabText(i) for i in range(3)] == ["Vietnamese", "Russian", "English"]
        title = dialog.field(TextKey.TITLE, "ru").editor
        type_text(title, "Вьетнам – Россия, перегаворы")
        qtbot.waitUntil(lambda: underlined(title) == ["перегаворы"], timeout=5000)
        press_return(title)
        assert read_texts(service).get(TextKey.TITLE, "ru") == "Вьетнам – Россия, перегаворы"
        foreword = dialog.field(TextKey.FOREWORD, "en").editor
        type_text(foreword, "In 1958 the agencies signed")
        leave(foreword)
        assert read_texts(service).get(TextKey.FOREWORD, "en") == "In 1958 the agencies signed"
        isbn = dialog.field(TextKey.ISBN, "").editor
        type_text(isbn, "978-3-16-148410-1")
        press_return(isbn)
        assert "check digit should be 0" in dialog.status.text()
        assert read_texts(service).get(TextKey.ISBN, "vi") == ""
        assert texts.add_image(AssetRole.LOGO, logo)
        assert not texts.add_image(AssetRole.LOGO, broken)
        assert dialog.status.text() == (
            "The catalogue's image broken.png cannot be read: it is damaged, or not the image "
            "it says"
        )
        assert [dialog.images.item(i).text() for i in range(dialog.images.count())] == [
            "Logo: logo.svg"
        ]
        assert dialog.undo_button.isEnabled()
        dialog.undo_button.click()  # the logo
        assert dialog.images.count() == 0
        texts.undo_stack.undo()  # the foreword
        assert read_texts(service).get(TextKey.FOREWORD, "en") == ""
        assert dialog.field(TextKey.FOREWORD, "en").text() == ""
        texts.undo_stack.redo()
        assert dialog.field(TextKey.FOREWORD, "en").text() == "In 1958 the agencies signed"
        dialog.reject()

    dialogs.dialog_hook = use
    texts.open_dialog()
    assert read_texts(service).get(TextKey.TITLE, "ru") == "Вьетнам – Россия, перегаворы"
    assert not dialogs.errors
