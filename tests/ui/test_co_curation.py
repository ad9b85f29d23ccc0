"""Two real windows on one server project: each sees the other's edits; conflicts are chosen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from curator.core.editing import sections
from curator.core.model import CaptionField, CaptionStatus, Photo
from curator.core.services import ProjectService
from curator.ui.app import CuratorWindow, build_window
from curator.ui.settings import Preferences
from curator.ui.views.caption_conflict_dialog import CaptionConflictDialog
from tests.ui.conftest import RecordingDialogs

pytestmark = pytest.mark.gui

#: Generous for a loaded CI machine; the announcement itself takes a tenth of a second.
_PATIENCE_MS = 15000


def _type(widget, text: str) -> None:
    """Type one character at a time as key events (keyClicks aborts on non-ASCII)."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def _leave(widget) -> None:
    QApplication.sendEvent(widget, QFocusEvent(QEvent.Type.FocusOut))


@pytest.fixture
def shared(server_project: str, tmp_path: Path) -> tuple[str, str]:
    """A server project with one photo: its address and the photo's id."""
    image = tmp_path / "a.jpg"
    Image.new("RGB", (40, 30), (90, 0, 0)).save(image)
    with (
        ProjectService.create(server_project, title="Đà Nẵng", languages=["vi", "ru"]) as service,
        service.store.transaction(),
    ):
        photo = service.photos.add(Photo(id="", path=image, sha256="a1", width=40, height=30)).id
    return server_project, photo


@pytest.fixture
def other_window(qtbot, tmp_path: Path) -> Iterator[tuple[CuratorWindow, RecordingDialogs]]:
    """A second window in the same process (another curator's workstation)."""
    settings = QSettings(str(tmp_path / "other.ini"), QSettings.Format.IniFormat)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    dialogs = RecordingDialogs()
    bundle = build_window(app, Preferences(settings), dialogs)
    qtbot.addWidget(bundle.window)
    bundle.window.show()
    yield bundle, dialogs
    bundle.controller.close_project()
    bundle.tasks.wait(5000)


def _open(bundle: CuratorWindow, address: str, qtbot) -> None:
    bundle.controller.show_opened(ProjectService.open(address))
    qtbot.waitUntil(lambda: bundle.window.library.model.rowCount() == 1, timeout=_PATIENCE_MS)
    view = bundle.window.library.view
    view.selectionModel().select(
        bundle.window.library.model.index(0), view.selectionModel().SelectionFlag.Select
    )
    assert bundle.remote is not None and bundle.remote.listening is not None
    assert bundle.remote.listening.ready.wait(_PATIENCE_MS / 1000)  # type: ignore[attr-defined]


def _readiness(bundle: CuratorWindow) -> list[str]:
    table = bundle.window.readiness.table
    return [
        item.text() if (item := table.item(row, column)) else ""
        for row in range(table.rowCount())
        for column in range(table.columnCount())
    ]


def _shown(bundle: CuratorWindow, language: str, field: CaptionField) -> str:
    return bundle.window.captions.cell(language, field).editor.toPlainText()


def test_a_caption_typed_in_one_window_appears_in_the_other(
    curator_window: CuratorWindow, other_window, shared, qtbot
) -> None:
    address, photo = shared
    tass, _tass_dialogs = other_window
    _open(curator_window, address, qtbot)
    _open(tass, address, qtbot)
    rounds = tass.remote.rounds if tass.remote else 0
    readiness = _readiness(tass)
    editor = curator_window.window.captions.cell("vi", CaptionField.HEADLINE).editor
    _type(editor, "Cầu Rồng")
    _leave(editor)
    qtbot.waitUntil(
        lambda: _shown(tass, "vi", CaptionField.HEADLINE) == "Cầu Rồng", timeout=_PATIENCE_MS
    )
    assert tass.remote is not None and tass.remote.rounds > rounds
    # The other window's library shows the new headline too.
    model = tass.window.library.model
    qtbot.waitUntil(lambda: model.item(0).headline == "Cầu Rồng", timeout=_PATIENCE_MS)
    assert model.item(0).photo.id == photo
    # A status made final elsewhere (the command line, say) is counted in its readiness.
    with ProjectService.open(address) as elsewhere:
        elsewhere.operations.captions.set_status(
            [photo], "vi", CaptionField.HEADLINE, CaptionStatus.FINAL
        )
    qtbot.waitUntil(lambda: _readiness(tass) != readiness, timeout=_PATIENCE_MS)
    # And back: the second window's edit reaches the first.
    ru = tass.window.captions.cell("ru", CaptionField.CAPTION).editor
    _type(ru, "Мост Дракона")
    _leave(ru)
    qtbot.waitUntil(
        lambda: _shown(curator_window, "ru", CaptionField.CAPTION) == "Мост Дракона",
        timeout=_PATIENCE_MS,
    )


@pytest.mark.parametrize("keep_mine", [True, False])
def test_a_stale_edit_asks_keep_mine_or_take_theirs(
    curator_window: CuratorWindow, dialogs: RecordingDialogs, shared, qtbot, keep_mine: bool
) -> None:
    address, photo = shared
    _open(curator_window, address, qtbot)
    editor = curator_window.window.captions.cell("vi", CaptionField.CAPTION).editor
    _type(editor, "Cầu Sông Hàn")
    # Meanwhile another workstation saves the same field (its announcement is not yet shown:
    # the window's event loop has not run since).
    with ProjectService.open(address) as other:
        other.set_caption(photo, "vi", CaptionField.CAPTION, "Cầu Rồng")
    shown: list[tuple[str, str]] = []

    def choose(dialog: CaptionConflictDialog) -> None:
        shown.append((dialog.mine_view.toPlainText(), dialog.theirs_view.toPlainText()))
        button = dialog.keep_button if keep_mine else dialog.take_button
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    dialogs.dialog_hook = choose
    _leave(editor)
    assert shown == [("Cầu Sông Hàn", "Cầu Rồng")]
    expected = "Cầu Sông Hàn" if keep_mine else "Cầu Rồng"
    service = curator_window.controller.service
    assert service is not None
    assert service.queries.caption(photo, "vi", CaptionField.CAPTION).text == expected
    assert _shown(curator_window, "vi", CaptionField.CAPTION) == expected
    assert dialogs.errors == []
    assert curator_window.captions.undo_stack.canUndo() == keep_mine


def test_undo_refuses_once_someone_else_changed_the_field(
    curator_window: CuratorWindow, dialogs: RecordingDialogs, shared, qtbot
) -> None:
    address, photo = shared
    _open(curator_window, address, qtbot)
    editor = curator_window.window.captions.cell("vi", CaptionField.CAPTION).editor
    _type(editor, "Cầu Sông Hàn")
    _leave(editor)
    captions = curator_window.captions
    assert captions.undo_stack.canUndo()
    with ProjectService.open(address) as other:
        other.set_caption(photo, "vi", CaptionField.CAPTION, "Cầu Rồng")
    captions.undo_action.trigger()
    assert len(dialogs.errors) == 1
    assert dialogs.errors[0][1].startswith("Cannot undo: someone else changed Caption (vi)")
    service = curator_window.controller.service
    assert service is not None
    assert service.queries.caption(photo, "vi", CaptionField.CAPTION).text == "Cầu Rồng"
    assert not captions.undo_stack.canUndo()  # the refused step left the stack
    qtbot.waitUntil(
        lambda: _shown(curator_window, "vi", CaptionField.CAPTION) == "Cầu Rồng",
        timeout=_PATIENCE_MS,
    )


def _top_level_texts(bundle: CuratorWindow) -> list[str]:
    tree = bundle.window.exhibition.tree
    return [
        item.text(0) if (item := tree.topLevelItem(i)) else ""
        for i in range(tree.topLevelItemCount())
    ]


def test_a_section_and_a_rating_made_elsewhere_reach_the_window(
    curator_window: CuratorWindow, shared, qtbot
) -> None:
    address, photo = shared
    _open(curator_window, address, qtbot)
    assert not any("Miền Trung" in text for text in _top_level_texts(curator_window))
    with ProjectService.open(address) as other:
        sections.add_section(other, {"vi": "Miền Trung"})
        other.operations.photos.set_marks([photo], rating=4)
    qtbot.waitUntil(
        lambda: any("Miền Trung" in text for text in _top_level_texts(curator_window)),
        timeout=_PATIENCE_MS,
    )
    model = curator_window.window.library.model
    qtbot.waitUntil(lambda: model.item(0).photo.rating == 4, timeout=_PATIENCE_MS)


def test_undoing_a_find_and_replace_refuses_once_someone_else_changed_a_field(
    curator_window: CuratorWindow, dialogs: RecordingDialogs, shared, qtbot
) -> None:
    address, photo = shared
    with ProjectService.open(address) as setup:
        setup.set_caption(photo, "vi", CaptionField.CAPTION, "Phố cổ Ha Noi")
    _open(curator_window, address, qtbot)
    window = curator_window.window
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    view = curator_window.batch.find_view if curator_window.batch else None
    assert view is not None
    qtbot.waitUntil(view.isVisible)
    _type(view.find_edit, "ha noi")
    _type(view.replace_edit, "Hà Nội")
    qtbot.keyClick(view.replace_edit, Qt.Key.Key_Return)
    qtbot.keyClick(view.replace_button, Qt.Key.Key_Space)
    service = curator_window.controller.service
    assert service is not None
    assert service.queries.caption(photo, "vi", CaptionField.CAPTION).text == "Phố cổ Hà Nội"
    with ProjectService.open(address) as other:  # TASS's editor corrects it meanwhile
        other.set_caption(photo, "vi", CaptionField.CAPTION, "Phố cổ Hà Nội, 1990")
    view.close()
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [text[:40] for _title, text in dialogs.errors] == [
        "Cannot undo: someone else changed Captio"
    ]
    assert service.queries.caption(photo, "vi", CaptionField.CAPTION).text == "Phố cổ Hà Nội, 1990"
    assert not curator_window.captions.undo_stack.canUndo()  # the refused step left the stack


@pytest.mark.parametrize("keep_mine", [True, False])
def test_a_status_chosen_over_a_changed_text_asks_keep_mine_or_take_theirs(
    curator_window: CuratorWindow, dialogs: RecordingDialogs, shared, qtbot, keep_mine: bool
) -> None:
    address, photo = shared
    with ProjectService.open(address) as setup:
        setup.set_caption(photo, "vi", CaptionField.CAPTION, "Cầu Rồng")
    _open(curator_window, address, qtbot)
    window = curator_window.window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=_PATIENCE_MS)
    assert window.captions.focus_cell("vi", CaptionField.CAPTION)
    with ProjectService.open(address) as other:  # the other side rewrites it meanwhile
        other.set_caption(photo, "vi", CaptionField.CAPTION, "Cầu Rồng, Đà Nẵng")
    shown: list[tuple[str, str, str]] = []

    def choose(dialog: CaptionConflictDialog) -> None:
        shown.append(
            (
                dialog.mine_view.toPlainText(),
                dialog.theirs_view.toPlainText(),
                dialog.keep_button.text(),
            )
        )
        button = dialog.keep_button if keep_mine else dialog.take_button
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    dialogs.dialog_hook = choose
    focused = QApplication.focusWidget()
    assert focused is window.captions.cell("vi", CaptionField.CAPTION).editor
    qtbot.keyClick(focused, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # final
    assert shown == [("Cầu Rồng", "Cầu Rồng, Đà Nẵng", "Keep My Status")]
    assert dialogs.errors == []
    service = curator_window.controller.service
    assert service is not None
    stored = service.queries.caption(photo, "vi", CaptionField.CAPTION)
    assert stored.text == "Cầu Rồng, Đà Nẵng"  # their text either way
    assert stored.status == (CaptionStatus.FINAL if keep_mine else CaptionStatus.DRAFT)
    assert curator_window.captions.undo_stack.canUndo() == keep_mine
