"""No menu repeats an accelerator letter, in any interface language.

The real window is built with a project open (so every controller has added its menus and
actions), switched to each interface language, and every menu of the menu bar, and the bar
itself, is read: two entries that share an Alt letter make that letter do nothing useful.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from curator import i18n
from curator.core.services import ProjectService
from curator.demo import write_demo

pytestmark = pytest.mark.gui

_MNEMONIC = re.compile(r"&(?!&)(.)")


def _letter(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def _repeats(title: str, actions: list[QAction]) -> list[str]:
    by_letter: dict[str, list[str]] = defaultdict(list)
    for action in actions:
        if action.isSeparator() or not action.isVisible():
            continue
        letter = _letter(action.text())
        if letter is not None:
            by_letter[letter].append(action.text())
    return [
        f"{title}: “{letter}” in " + ", ".join(texts)
        for letter, texts in sorted(by_letter.items())
        if len(texts) > 1
    ]


def _menu_repeats(title: str, menu: QMenu) -> list[str]:
    menu.aboutToShow.emit()  # menus filled when shown (recent projects) are filled now
    found = _repeats(title, menu.actions())
    for action in menu.actions():
        if action.menu() is not None:
            found += _menu_repeats(f"{title} › {action.text()}", action.menu())
    return found


def every_repeat(window) -> list[str]:
    bar = window.menuBar()
    found = _repeats("menu bar", bar.actions())
    for action in bar.actions():
        if action.menu() is not None:
            found += _menu_repeats(action.text(), action.menu())
    return found


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path, _created = write_demo(tmp_path / "demo")
    with ProjectService.open(path):
        pass
    return path


@pytest.mark.parametrize("language", ["en", "vi", "ru", i18n.PSEUDO_LANGUAGE])
def test_no_menu_repeats_an_accelerator_letter(curator_window, demo, language) -> None:
    assert curator_window.set_interface_language(language) == language
    assert curator_window.controller.open_project(demo)
    menus = [a for a in curator_window.window.menuBar().actions() if a.menu() is not None]
    assert len(menus) >= 4  # the window's own menus and the controllers' are all there
    assert not every_repeat(curator_window.window), "\n".join(every_repeat(curator_window.window))


def test_the_check_sees_a_repeated_letter(curator_window) -> None:
    """The check itself: two entries with one letter in one menu are caught."""
    menu = curator_window.window.menuBar().addMenu("&Probe")
    menu.addAction("&Alpha")
    menu.addAction("&Another")
    assert any("Probe" in line for line in every_repeat(curator_window.window))
