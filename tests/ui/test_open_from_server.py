"""File ▸ Open from Server…: an address typed, opened off the window's thread, remembered."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from curator.core.model import CaptionField, Photo
from curator.core.services import ProjectService
from curator.ui.app import CuratorWindow
from curator.ui.views.server_dialog import OpenFromServerDialog
from tests.ui.conftest import RecordingDialogs


def _server_project_with_a_caption(address: str) -> str:
    with ProjectService.create(address, title="Đà Nẵng", languages=["vi", "ru"]) as service:
        with service.store.transaction():
            photo = service.photos.add(
                Photo(id="", path=Path("/nowhere/a.jpg"), sha256="a1", width=30, height=20)
            )
        service.set_caption(photo.id, "vi", CaptionField.CAPTION, "Cầu Rồng")
    return photo.id


def test_an_address_typed_in_the_dialog_opens_the_server_project(
    curator_window: CuratorWindow, dialogs: RecordingDialogs, server_project: str, qtbot
) -> None:
    _server_project_with_a_caption(server_project)
    window = curator_window.window
    seen: list[tuple[bool, bool]] = []

    def type_address(dialog: OpenFromServerDialog) -> None:
        open_button = dialog.buttons.button(QDialogButtonBox.StandardButton.Open)
        seen.append((dialog.recent.isHidden(), open_button.isEnabled()))
        QTest.keyClicks(dialog.field, server_project)
        assert open_button.isEnabled() and not dialog.problem.isVisible()
        QTest.mouseClick(open_button, Qt.MouseButton.LeftButton)

    dialogs.dialog_hook = type_address
    window.open_server_action.trigger()
    qtbot.waitUntil(lambda: curator_window.controller.service is not None, timeout=20000)
    service = curator_window.controller.service
    assert service is not None and service.store.is_server
    assert window.windowTitle().startswith("Đà Nẵng")
    assert server_project in window.project_label.text()
    assert "1 photo" in window.project_label.text()
    assert dialogs.errors == []
    # Remembered without a password (it cannot hold one) and offered first next time.
    assert curator_window.preferences.recent_servers == [server_project]
    assert seen == [(True, False)]  # no recent servers yet, nothing to open

    def take_the_recent_one(dialog: OpenFromServerDialog) -> None:
        assert not dialog.recent.isHidden() and dialog.recent.count() == 1
        assert dialog.field.text() == server_project
        dialog.reject()

    dialogs.dialog_hook = take_the_recent_one
    window.open_server_action.trigger()


def test_a_password_in_the_address_is_refused_in_the_dialog(
    curator_window: CuratorWindow, dialogs: RecordingDialogs, server_project: str
) -> None:
    secret = server_project.replace("postgresql:///", "postgresql://curator_test:hunter2@/")

    def type_address(dialog: OpenFromServerDialog) -> None:
        QTest.keyClicks(dialog.field, secret)
        assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Open).isEnabled()
        assert not dialog.problem.isHidden()
        assert "hunter2" not in dialog.problem.text() and "***" in dialog.problem.text()
        dialog.accept()  # as Enter would: a bad address is not taken
        assert dialog.address is None and dialog.result() != dialog.DialogCode.Accepted
        dialog.reject()

    dialogs.dialog_hook = type_address
    curator_window.window.open_server_action.trigger()
    assert curator_window.controller.service is None
    assert curator_window.preferences.recent_servers == []


def test_a_server_that_cannot_be_reached_is_said_and_the_window_stays(
    curator_window: CuratorWindow, dialogs: RecordingDialogs, qtbot, tmp_path: Path
) -> None:
    address = f"postgresql:///nowhere?host={tmp_path}&connect_timeout=2"

    def type_address(dialog: OpenFromServerDialog) -> None:
        QTest.keyClicks(dialog.field, address)
        QTest.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Open), Qt.MouseButton.LeftButton
        )

    dialogs.dialog_hook = type_address
    curator_window.window.open_server_action.trigger()
    qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=20000)
    title, text = dialogs.errors[0]
    assert title == "Cannot open project" and "Could not connect to" in text
    assert curator_window.controller.service is None
