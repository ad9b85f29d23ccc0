"""Relinking an unreadable original from the window (issue 18.3).

Preflight names the truncated original; the finding offers "Relink…" (its context menu and
the button under the list): a file dialog, the chosen file decoded, the curator asked before
a file with other content replaces the original, and the check run again without the error.
The library's context menu offers the same for the selected photo.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from curator.demo import write_demo

pytestmark = pytest.mark.gui

BROKEN = "03-signing.jpg"


@pytest.fixture
def opened(curator_window, tmp_path: Path):
    path, _created = write_demo(tmp_path / "demo")
    original = next(path.parent.rglob(BROKEN))
    whole = tmp_path / "copies" / BROKEN
    whole.parent.mkdir()
    shutil.copyfile(original, whole)
    data = original.read_bytes()
    original.write_bytes(data[: len(data) // 2])
    assert curator_window.controller.open_project(path)
    curator_window.whole_copy = whole
    return curator_window


def _texts(preflight) -> list[str]:
    return [preflight.list.item(row).text() for row in range(preflight.list.count())]


def _check(preflight, qtbot) -> list[str]:
    preflight.product.setCurrentIndex(preflight.product.findData("catalogue"))
    preflight.list.clear()
    QTest.mouseClick(preflight.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: preflight.list.count() > 0, timeout=60000)
    return _texts(preflight)


def _choose(dialogs, path: Path | None) -> list[QFileDialog]:
    """Answer the next file dialog with ``path`` (None: cancel); returns the dialogs seen."""
    seen: list[QFileDialog] = []

    def hook(dialog: QDialog) -> None:
        assert isinstance(dialog, QFileDialog)
        seen.append(dialog)
        if path is None:
            dialog.setResult(QDialog.DialogCode.Rejected)
            return
        dialog.selectFile(str(path))
        dialog.setResult(QDialog.DialogCode.Accepted)

    dialogs.dialog_hook = hook
    return seen


def _select_finding(preflight, qtbot) -> int:
    texts = _texts(preflight)
    (row,) = [i for i, text in enumerate(texts) if text.startswith(f"{BROKEN} (photo ")]
    item = preflight.list.item(row)
    rect = preflight.list.visualItemRect(item)
    QTest.mouseClick(preflight.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert preflight.current_finding() is not None
    return row


def _right_click_photo(library, photo_id: str, qtbot) -> None:
    """Right-click a photo in the library, as a person does; the context menu opens."""
    from PySide6.QtGui import QContextMenuEvent

    index = library.model.index(library.model.row_of(photo_id))
    library.view.scrollTo(index)
    centre = library.view.visualRect(index).center()
    QTest.mouseClick(library.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, centre, library.view.viewport().mapToGlobal(centre)
    )
    QApplication.sendEvent(library.view.viewport(), event)
    qtbot.waitUntil(library.menu.isVisible, timeout=5000)


def test_relink_from_the_finding_with_a_whole_copy_clears_the_error(opened, qtbot, dialogs) -> None:
    preflight = opened.window.preflight
    texts = _check(preflight, qtbot)
    assert any(t.startswith(f"{BROKEN} (photo ") and "cannot be decoded" in t for t in texts)
    assert not preflight.relink_action.isEnabled()
    _select_finding(preflight, qtbot)
    assert preflight.relink_action in preflight.list.actions()
    assert preflight.relink_action.isEnabled() and preflight.relink_button.isEnabled()
    service = opened.controller.service
    photo = next(p for p in service.photos.all() if p.path.name == BROKEN)
    # Cancelling the file dialog changes nothing.
    seen = _choose(dialogs, None)
    QTest.mouseClick(preflight.relink_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1 and service.photos.get(photo.id).path == photo.path
    # The whole copy has the same content: stored without a question, the error gone.
    _choose(dialogs, opened.whole_copy)
    QTest.mouseClick(preflight.relink_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: service.photos.get(photo.id).path == opened.whole_copy, timeout=30000)
    assert dialogs.questions == [] and dialogs.errors == []

    qtbot.waitUntil(
        lambda: (
            preflight.list.count() > 0
            and not any("cannot be decoded" in t for t in _texts(preflight))
        ),
        timeout=60000,
    )
    assert service.photos.get(photo.id).sha256 == photo.sha256


def test_a_truncated_file_is_refused_and_nothing_changes(opened, qtbot, dialogs) -> None:
    preflight = opened.window.preflight
    _check(preflight, qtbot)
    _select_finding(preflight, qtbot)
    service = opened.controller.service
    photo = next(p for p in service.photos.all() if p.path.name == BROKEN)
    cut = opened.whole_copy.parent / "cut.jpg"
    data = opened.whole_copy.read_bytes()
    cut.write_bytes(data[: len(data) // 3])
    _choose(dialogs, cut)
    preflight.relink_action.trigger()  # the finding's context-menu entry
    qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=30000)
    (_title, text) = dialogs.errors[0]
    assert "cut.jpg" in text and "cannot be used" in text
    assert service.photos.get(photo.id).path == photo.path


def test_other_content_is_used_only_when_the_curator_confirms(opened, qtbot, dialogs) -> None:
    library = opened.window.library
    # The library knows the original does not decode once preflight has said so.
    _check(opened.window.preflight, qtbot)
    service = opened.controller.service
    photo = next(p for p in service.photos.all() if p.path.name == BROKEN)
    other = opened.whole_copy.parent / "retouched.jpg"
    Image.new("RGB", (1200, 800), (120, 90, 60)).save(other, quality=90)
    # The library's context menu offers it for the photo whose original does not decode:
    # a right-click on the photo, then a click on the menu's entry.
    _right_click_photo(library, photo.id, qtbot)
    assert library.relink_action in library.menu.actions()
    assert library.relink_action.isEnabled() and library.relink_action.text()
    dialogs.confirm_answer = False
    _choose(dialogs, other)
    rect = library.menu.actionGeometry(library.relink_action)
    QTest.mouseClick(library.menu, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: bool(dialogs.questions), timeout=30000)
    assert "content differs" in dialogs.questions[0]
    assert service.photos.get(photo.id).path == photo.path
    dialogs.confirm_answer = True
    _choose(dialogs, other)
    library.relink_action.trigger()
    qtbot.waitUntil(lambda: service.photos.get(photo.id).path == other, timeout=30000)
    relinked = service.photos.get(photo.id)
    assert (relinked.width, relinked.height) == (1200, 800)
    assert relinked.sha256 != photo.sha256
    # The library shows the new file's picture, not the thumbnail it had decoded before.
    model = library.model

    def shows_new_picture() -> bool:
        if not model.has_thumbnail(photo.id):
            return False
        image = model.cell(model.row_of(photo.id))[1]  # the decoded picture, as drawn
        colour = image.pixelColor(image.width() // 2, image.height() // 2)
        wanted = (120, 90, 60)
        return all(abs(a - b) <= 12 for a, b in zip(colour.getRgb()[:3], wanted, strict=True))

    library.view.scrollTo(model.index(model.row_of(photo.id)))
    qtbot.waitUntil(shows_new_picture, timeout=30000)
    # A photo whose original is fine is not offered a relink.
    fine = next(p for p in service.photos.all() if p.path.name != BROKEN)
    assert library.select_photo(fine.id)
    opened.sections._fill_library_menu()
    library.menu.aboutToShow.emit()
    assert not library.relink_action.isEnabled()
    # ... and one whose original is missing is.
    fine.path.rename(fine.path.with_name("moved.jpg"))
    opened.sections._fill_library_menu()
    library.menu.aboutToShow.emit()
    assert library.relink_action.isEnabled()


def test_a_failed_snapshot_asks_before_relinking_without_one(opened, qtbot, dialogs) -> None:
    from curator.core.storage.backups import backup_folder

    service = opened.controller.service
    photo = next(p for p in service.photos.all() if p.path.name == BROKEN)
    folder = backup_folder(service.path)
    if folder.exists():
        shutil.rmtree(folder)
    folder.write_text("a file where the folder should be")
    dialogs.confirm_answer = False
    _choose(dialogs, opened.whole_copy)
    opened.preflight.relink_photo(photo.id)
    qtbot.waitUntil(lambda: bool(dialogs.questions), timeout=30000)
    assert "backup" in dialogs.questions[0].lower()
    assert service.photos.get(photo.id).path == photo.path
    dialogs.confirm_answer = True
    _choose(dialogs, opened.whole_copy)
    opened.preflight.relink_photo(photo.id)
    qtbot.waitUntil(lambda: service.photos.get(photo.id).path == opened.whole_copy, timeout=30000)
    assert opened.preflight.last_relinked == photo.id
    assert BROKEN in opened.window.statusBar().currentMessage()
