"""An unreadable original in the window (issue 18.3): the finding offers to take it out.

Preflight names the truncated original; the finding's own context menu removes the photo
from its section (one undoable edit) and the check runs again without the error; the
library's context menu has the same command for the selected photos.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from curator.demo import write_demo

pytestmark = pytest.mark.gui

BROKEN = "03-signing.jpg"


@pytest.fixture
def opened(curator_window, tmp_path: Path):
    path, _created = write_demo(tmp_path / "demo")
    original = path.parent / "photos" / BROKEN
    if not original.is_file():
        original = next(path.parent.rglob(BROKEN))
    data = original.read_bytes()
    original.write_bytes(data[: len(data) // 2])
    assert curator_window.controller.open_project(path)
    return curator_window


def _findings(preflight, qtbot, product_index: int) -> list[str]:
    preflight.product.setCurrentIndex(product_index)
    preflight.list.clear()
    preflight.check_button.click()
    qtbot.waitUntil(lambda: preflight.list.count() > 0, timeout=30000)
    return [preflight.list.item(row).text() for row in range(preflight.list.count())]


def test_the_finding_removes_the_photo_from_its_section(opened, qtbot) -> None:
    preflight = opened.window.preflight
    catalogue = preflight.product.findData("catalogue")
    texts = _findings(preflight, qtbot, catalogue)
    (row,) = [i for i, text in enumerate(texts) if text.startswith(f"{BROKEN} (photo ")]
    assert "cannot be decoded" in texts[row]
    assert not preflight.remove_from_section_action.isEnabled()
    preflight.list.setCurrentRow(row)
    action = preflight.remove_from_section_action
    assert action in preflight.list.actions() and action.isEnabled()
    assert preflight.list.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    service = opened.controller.service
    photo = next(p for p in service.photos.all() if p.path.name == BROKEN)
    action.trigger()
    assert service.exhibition.section_of(photo.id) is None

    def texts() -> list[str]:
        return [preflight.list.item(r).text() for r in range(preflight.list.count())]

    # the check runs again by itself: the error is gone, the photo is named as unplaced
    qtbot.waitUntil(
        lambda: any(text.startswith(f"{BROKEN} is in no section") for text in texts()),
        timeout=30000,
    )
    assert not any("cannot be decoded" in text for text in texts())
    opened.captions.undo_stack.undo()
    assert service.exhibition.section_of(photo.id) is not None


def test_the_library_removes_the_selected_photo_from_its_section(opened) -> None:
    library = opened.window.library
    service = opened.controller.service
    photo = next(p for p in service.photos.all() if p.path.name == BROKEN)
    assert library.select_photo(photo.id)
    action = library.remove_from_section_action
    opened.sections._fill_library_menu()  # what a right-click on the photo shows
    assert action in library.menu.actions() and action.text()
    action.trigger()
    assert service.exhibition.section_of(photo.id) is None
