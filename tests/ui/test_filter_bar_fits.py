"""The library's filter lists read whole in every interface language at 1280 px (issue 21)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox

from curator.demo import write_demo

pytestmark = [pytest.mark.gui, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


def _text_fits(box: QComboBox) -> bool:
    """Whether the chosen entry's text is drawn whole in the box's field (not "…")."""
    option = QStyleOptionComboBox()
    box.initStyleOption(option)
    field = box.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, box
    )
    return box.fontMetrics().horizontalAdvance(box.currentText()) <= field.width()


@pytest.mark.parametrize("language", ["vi", "ru", "en"])
def test_at_1280_every_language_filter_entry_reads_whole(
    curator_window, tmp_path: Path, qtbot, language: str
) -> None:
    """ "Không lọc theo ngôn ngữ thiếu" was cut to "Không lọc theo ngôn ngữ th…" in Vietnamese."""
    path, _created = write_demo(tmp_path / "demo")
    curator_window.controller.open_project(path)
    window = curator_window.window
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.width() <= 1280, timeout=3000)
    curator_window.set_interface_language(language)
    try:
        filters = window.library.filter_bar
        box = filters.missing_combo
        assert box.count() == 4  # none missing, then the demo's three languages
        box.setFocus()
        for index in range(box.count()):  # every entry, chosen from the keyboard
            if index:
                QTest.keyClick(box, Qt.Key.Key_Down)
            assert box.currentIndex() == index
            qtbot.waitUntil(lambda: _text_fits(box), timeout=3000)
        # and the other lists still read whole beside it
        for other in filters._combos():
            assert _text_fits(other), (other.currentText(), other.width())
    finally:
        curator_window.set_interface_language("en")
