"""The Keywords dialog in the real window: add, rename and remove keywords, undone by Ctrl+Z."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from curator.demo import write_demo

pytestmark = pytest.mark.gui


@pytest.fixture
def opened(curator_window, tmp_path: Path, qtbot):
    project, _created = write_demo(tmp_path / "demo")
    curator_window.controller.open_project(project)
    window = curator_window.window
    qtbot.waitUntil(lambda: bool(window.library.selected_photo_ids()), timeout=5000)
    return curator_window


def _type(widget: QWidget, text: str) -> None:
    """Key events with their text, one per character (any script, as a keyboard sends them)."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def _holders(bundle, word: str) -> set[str]:
    service = bundle.controller.service
    return {pid for pid, words in service.operations.keywords.of(
        [p.id for p in service.photos.all()]).items() if word in words}  # fmt: skip


def _choose(keywords, word: str) -> None:
    tree = keywords.view.tree
    item = next(
        tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(0) == word
    )  # fmt: skip
    tree.setCurrentItem(item)


def test_keywords_are_edited_in_the_dialog_and_undone(opened, qtbot) -> None:
    bundle = opened
    keywords = bundle.keywords
    assert keywords is not None
    menu = bundle.captions.keyboard.menu
    action = next(a for a in menu.actions() if a.text() == "Key&words…")
    action.trigger()
    view = keywords.view
    qtbot.waitUntil(view.isVisible, timeout=3000)
    assert "TTXVN" in keywords.keywords()
    row = next(
        view.tree.topLevelItem(i) for i in range(view.tree.topLevelItemCount())
        if view.tree.topLevelItem(i).text(0) == "TTXVN"
    )  # fmt: skip
    assert "ru: ВИА" in row.text(2) and row.text(1) == "4"

    selected = bundle.window.library.selected_photo_ids()
    view.keyword.clear()
    _type(view.keyword, "Triển lãm ảnh")
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    assert _holders(bundle, "Triển lãm ảnh") == set(selected)
    assert "Triển lãm ảnh" in keywords.keywords()
    shown = dict(bundle.window.metadata.rows())
    assert "Triển lãm ảnh" in shown["Keywords"]  # the Metadata panel follows

    _choose(keywords, "hội đàm")
    before = _holders(bundle, "hội đàm")
    view.keyword.clear()
    _type(view.keyword, "Hội đàm")
    qtbot.mouseClick(view.rename_button, Qt.MouseButton.LeftButton)
    assert _holders(bundle, "Hội đàm") == before and not _holders(bundle, "hội đàm")

    _choose(keywords, "Hội đàm")
    qtbot.mouseClick(view.remove_button, Qt.MouseButton.LeftButton)
    assert not _holders(bundle, "Hội đàm") and "Hội đàm" not in keywords.keywords()

    view.keyword.setText("a, b")
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    assert "“,”" in view.message.text()  # refused, said under the list, nothing written

    stack = bundle.captions.undo_stack
    stack.undo()  # the removal
    assert _holders(bundle, "Hội đàm") == before and "Hội đàm" in keywords.keywords()
    stack.undo()  # the rename
    assert _holders(bundle, "hội đàm") == before
    stack.undo()  # the addition
    assert not _holders(bundle, "Triển lãm ảnh")
    assert "Triển lãm ảnh" not in dict(bundle.window.metadata.rows())["Keywords"]
    stack.redo()
    assert _holders(bundle, "Triển lãm ảnh") == set(selected)
    QApplication.processEvents()
