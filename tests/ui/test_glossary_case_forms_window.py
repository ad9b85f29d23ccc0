"""Glossary case forms written in the window: a dialog from the glossary panel, one undo step.

Real clicks and typing: the entry's row is clicked, "Case Forms…" opens the dialog, the
forms are typed; a caption marker then writes the typed form, and Edit → Undo takes the
forms back (issue 21, point 8: until now only a CSV file could hold them).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from curator.core.language.glossary_cases import GrammaticalCase
from curator.core.model import CaptionField, GlossaryKind, Photo
from curator.core.services import ProjectService
from curator.ui.views.glossary_cases_dialog import CaseFormsDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "cases.curator"
    image = tmp_path / "a.jpg"
    Image.new("RGB", (40, 30)).save(image)
    with (
        ProjectService.create(path, title="T", languages=["vi", "ru", "en"]) as service,
        service.store.transaction(),
    ):
        photo = service.photos.add(Photo(id="", path=image, sha256="a", width=40, height=30))
        service.glossary.add(
            GlossaryKind.PLACE,
            {"vi": "Hà Nội", "ru": "Ханой", "en": "Hanoi"},
            code="hn",
            cases={"ru": {"gen": "Ханоя"}},
        )
    return path, photo.id


def type_text(widget, text: str) -> None:
    """Type one character at a time as key events (keyClicks aborts on non-ASCII)."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def _cases(path: Path) -> dict[str, dict[str, str]]:
    with ProjectService.open(path, read_only=True) as service:
        entry = service.queries.glossary_entry("hn")
        assert entry is not None
        return entry.cases


def test_case_forms_typed_in_the_dialog_are_written_used_and_undone(
    curator_window, dialogs, project, qtbot
) -> None:
    path, photo_id = project
    bundle = curator_window
    bundle.controller.open_project(path)
    panel = bundle.window.glossary
    table = panel.table
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=10000)
    assert not panel.cases_button.isEnabled()  # no entry selected yet
    cell = table.visualItemRect(table.item(0, 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell.center())
    assert panel.cases_button.isEnabled()
    seen: list[CaseFormsDialog] = []

    def type_forms(dialog: QDialog) -> None:
        assert isinstance(dialog, CaseFormsDialog)
        seen.append(dialog)
        assert dialog.editor("ru", GrammaticalCase.GENITIVE).text() == "Ханоя"
        # Vietnamese does not decline, but a curator may still write forms; Russian here.
        type_text(dialog.editor("ru", GrammaticalCase.PREPOSITIONAL), "Ханое")
        type_text(dialog.editor("ru", GrammaticalCase.DATIVE), "Ханою")
        dialog.accept()

    dialogs.dialog_hook = type_forms
    QTest.mouseClick(panel.cases_button, Qt.MouseButton.LeftButton)
    assert seen, "the dialog did not open"
    assert _cases(path) == {"ru": {"gen": "Ханоя", "pre": "Ханое", "dat": "Ханою"}}
    assert "Ханое" in table.item(0, 3).toolTip()  # the panel shows the new forms
    assert panel.selected_entry_id() is not None  # the row stays selected
    # A marker in a Russian caption now writes the typed form.
    bundle.window.library.select_photo(photo_id)
    editor = bundle.window.captions.cell("ru", CaptionField.HEADLINE).editor
    editor.setFocus()
    type_text(editor, "Выставка в =hn:pre=")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    with ProjectService.open(path, read_only=True) as service:
        caption = service.queries.caption(photo_id, "ru", CaptionField.HEADLINE)
    assert caption is not None and caption.text == "Выставка в Ханое"
    # Undo twice: the caption, then the case forms, as one step each.
    undo = bundle.captions.undo_action
    undo.trigger()
    assert "case forms" in undo.text().lower()
    undo.trigger()
    assert _cases(path) == {"ru": {"gen": "Ханоя"}}
    assert "Ханое" not in table.item(0, 3).toolTip()
    bundle.captions.redo_action.trigger()
    assert _cases(path) == {"ru": {"gen": "Ханоя", "pre": "Ханое", "dat": "Ханою"}}


def test_a_cancelled_dialog_changes_nothing_and_a_read_only_project_offers_none(
    curator_window, dialogs, project, qtbot
) -> None:
    path, _photo_id = project
    bundle = curator_window
    bundle.controller.open_project(path)
    panel = bundle.window.glossary
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=10000)
    panel.table.selectRow(0)

    def cancel(dialog: QDialog) -> None:
        type_text(dialog.editor("ru", GrammaticalCase.DATIVE), "Ханою")
        dialog.reject()

    dialogs.dialog_hook = cancel
    QTest.mouseClick(panel.cases_button, Qt.MouseButton.LeftButton)
    assert _cases(path) == {"ru": {"gen": "Ханоя"}}
    assert not bundle.captions.undo_stack.canUndo()
    bundle.controller.close_project()
    with ProjectService.open(path):  # another Curator has it: this one opens it read-only
        dialogs.confirm_answer = True
        assert bundle.controller.open_project(path)
        assert bundle.controller.service.read_only
        qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=10000)
        panel.table.selectRow(0)
        assert not panel.cases_button.isEnabled()
        assert not bundle.glossary.edit_cases(panel.table.rowCount())
        bundle.controller.close_project()
