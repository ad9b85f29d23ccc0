"""The window follows the connected login's rights on a server project (real logins, real server).

A viewer finds every caption field read-only and importing and arranging greyed; an editor
edits only the fields of the languages granted (the others read-only, their tooltip says why);
a curator edits everything.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from curator.core.model import CaptionField, Photo
from curator.core.publishing.catalogue_texts import TextKey
from curator.core.services import ProjectService
from curator.core.storage.address import ServerAddress, parse_address
from curator.ui.app import CuratorWindow
from curator.ui.views.catalogue_texts_dialog import CatalogueTextsDialog
from tests.ui.conftest import RecordingDialogs

psycopg = pytest.importorskip("psycopg")


def _project_with_logins(address: str) -> tuple[str, dict[str, str]]:
    """A vi/ru/en project with one captioned photo; a viewer, a ru editor and a curator."""
    from curator.server import access_admin
    from curator.server.connection import connect

    with ProjectService.create(address, title="Expo", languages=["vi", "ru", "en"]) as service:
        with service.store.transaction():
            photo = service.photos.add(
                Photo(id="", path=Path("/nowhere/a.jpg"), sha256="a1", width=30, height=20)
            )
        for tag in ("vi", "ru", "en"):
            service.set_caption(photo.id, tag, CaptionField.CAPTION, f"text {tag}")
    parsed = parse_address(address)
    assert isinstance(parsed, ServerAddress)
    logins = {role: f"{role}_{uuid.uuid4().hex[:8]}" for role in ("viewer", "editor", "curator")}
    with connect(parsed) as conn:
        for role, login in logins.items():
            conn.execute(f'CREATE ROLE "{login}" LOGIN')
            languages = ("ru",) if role == "editor" else ()
            access_admin.grant(conn, parsed.schema, login, role, languages)
    return photo.id, logins


def _open_as(bundle: CuratorWindow, address: str, login: str, qtbot) -> ProjectService:
    as_login = parse_address(re.sub(r"user=[^&]*", f"user={login}", address))
    assert isinstance(as_login, ServerAddress)
    assert bundle.servers is not None
    bundle.servers.open_address(as_login)
    qtbot.waitUntil(lambda: bundle.controller.service is not None, timeout=20000)
    service = bundle.controller.service
    assert service is not None
    bundle.window.library.view.selectAll()
    qtbot.waitUntil(
        lambda: bool(bundle.window.captions.field_state("vi", CaptionField.CAPTION).text)
    )
    return service


def _import_and_sections_enabled(bundle: CuratorWindow) -> tuple[bool, bool]:
    return (
        bundle.importer.import_files_action.isEnabled(),
        bundle.window.exhibition.new_section_action.isEnabled(),
    )


def test_each_login_edits_what_its_role_allows(
    curator_window: CuratorWindow, server_project: str, qtbot
) -> None:
    _photo, logins = _project_with_logins(server_project)
    captions = curator_window.window.captions

    _open_as(curator_window, server_project, logins["editor"], qtbot)
    ru, vi = captions.cell("ru", CaptionField.CAPTION), captions.cell("vi", CaptionField.CAPTION)
    assert not ru.editor.isReadOnly() and vi.editor.isReadOnly()
    assert logins["editor"] in vi.toolTip() and "ru" in vi.toolTip()
    assert ru.toolTip() == ""
    assert _import_and_sections_enabled(curator_window) == (False, False)
    assert "Editor (ru)" in curator_window.window.access_label.text()
    # Typing into the Vietnamese field changes nothing; into the Russian one, it is saved.
    vi.editor.setFocus()
    QTest.keyClicks(vi.editor, "X")
    ru.editor.setFocus()
    QTest.keyClicks(ru.editor, " da")
    captions.flush()
    qtbot.waitUntil(lambda: captions.field_state("ru", CaptionField.CAPTION).text == "text ru da")
    assert vi.editor.toPlainText() == "text vi"
    assert captions.field_state("vi", CaptionField.CAPTION).text == "text vi"
    curator_window.controller.close_project()

    _open_as(curator_window, server_project, logins["viewer"], qtbot)
    assert all(
        captions.cell(tag, field).editor.isReadOnly()
        for tag in ("vi", "ru", "en")
        for field in CaptionField
    )
    assert "may read" in captions.cell("ru", CaptionField.CAPTION).toolTip()
    assert _import_and_sections_enabled(curator_window) == (False, False)
    # A viewer's project is read-only throughout: every editing action greys as for a
    # read-only file (glossary, layout, project settings…), and the window says so.
    assert "Read-only" in curator_window.window.access_label.text()
    assert not curator_window.window.glossary.import_button.isEnabled()
    curator_window.controller.close_project()

    _open_as(curator_window, server_project, logins["curator"], qtbot)
    assert not any(
        captions.cell(tag, CaptionField.CAPTION).editor.isReadOnly() for tag in ("vi", "ru", "en")
    )
    assert _import_and_sections_enabled(curator_window) == (True, True)


def _arranging(bundle: CuratorWindow) -> list[QAction]:
    """Actions a login that may not arrange finds greyed (a sample across the window)."""
    window = bundle.window
    assert bundle.shortlist is not None
    return [
        bundle.importer.import_files_action,
        window.exhibition.new_section_action,
        bundle.shortlist.pick_action,
        window.library.relink_action,
    ]


def test_an_editors_window_greys_arranging_and_says_why(
    curator_window: CuratorWindow, server_project: str, dialogs: RecordingDialogs, qtbot
) -> None:
    photo_id, logins = _project_with_logins(server_project)
    service = _open_as(curator_window, server_project, logins["editor"], qtbot)
    window = curator_window.window
    for action in _arranging(curator_window):
        assert not action.isEnabled(), action.text()
        assert logins["editor"] in action.toolTip() and "ru" in action.toolTip()
    assert not window.layout_canvas.view.editable
    # The key P (Pick) in the library does nothing: the photo stays unflagged, no error.
    assert window.library.select_photo(photo_id)
    window.library.view.setFocus()
    QTest.keyClick(window.library.view, Qt.Key.Key_P)
    assert service.queries.photo(photo_id).flag is None
    assert dialogs.errors == []
    # Catalogue texts: the editor writes its own language there, the others are read-only.
    assert curator_window.catalogue_texts is not None
    seen: list[tuple[bool, bool, str]] = []

    def look(dialog: CatalogueTextsDialog) -> None:
        ru = dialog.field(TextKey.TITLE, "ru").editor
        vi = dialog.field(TextKey.TITLE, "vi")
        seen.append((ru.isReadOnly(), vi.editor.isReadOnly(), vi.label.toolTip()))
        dialog.reject()

    dialogs.dialog_hook = look
    curator_window.catalogue_texts.open_dialog()
    assert seen and seen[0][:2] == (False, True) and logins["editor"] in seen[0][2]


def test_a_grant_changed_while_the_window_is_open_takes_effect_on_focus(
    curator_window: CuratorWindow, server_project: str, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from curator.server import access_admin
    from curator.server.connection import connect
    from curator.ui.controllers import rights_gate

    monkeypatch.setattr(rights_gate, "FOCUS_REREAD_AFTER_S", 0.0)
    _photo, logins = _project_with_logins(server_project)
    _open_as(curator_window, server_project, logins["editor"], qtbot)
    window = curator_window.window
    captions = window.captions
    assert not any(a.isEnabled() for a in _arranging(curator_window))
    assert logins["editor"] in window.preflight.relink_action.toolTip()
    parsed = parse_address(server_project)
    assert isinstance(parsed, ServerAddress)

    def regain_focus() -> None:
        QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))

    with connect(parsed) as conn:  # the owner makes the editor a curator meanwhile
        access_admin.grant(conn, parsed.schema, logins["editor"], "curator")
    regain_focus()
    qtbot.waitUntil(lambda: curator_window.importer.import_files_action.isEnabled(), timeout=10000)
    assert window.exhibition.new_section_action.isEnabled()
    assert curator_window.importer.import_files_action.toolTip() != ""  # Qt's default: text
    assert logins["editor"] not in curator_window.importer.import_files_action.toolTip()
    assert not captions.cell("vi", CaptionField.CAPTION).editor.isReadOnly()
    assert window.layout_canvas.view.editable
    # An action's own tooltip comes back once it is no longer held off.
    assert window.preflight.relink_action.toolTip().startswith("Choose a whole copy")
    assert "Editor" not in window.access_label.text()

    with connect(parsed) as conn:  # and back to a Vietnamese editor
        access_admin.grant(conn, parsed.schema, logins["editor"], "editor", ("vi",))
    regain_focus()
    qtbot.waitUntil(lambda: not window.exhibition.new_section_action.isEnabled(), timeout=10000)
    assert not curator_window.importer.import_files_action.isEnabled()
    assert captions.cell("ru", CaptionField.CAPTION).editor.isReadOnly()
    assert not captions.cell("vi", CaptionField.CAPTION).editor.isReadOnly()
    assert "Editor (vi)" in window.access_label.text()


def test_a_revocation_takes_effect_within_the_minute_without_focus(
    curator_window: CuratorWindow, server_project: str, qtbot
) -> None:
    from curator.server import access_admin
    from curator.server.connection import connect

    _photo, logins = _project_with_logins(server_project)
    _open_as(curator_window, server_project, logins["curator"], qtbot)
    window = curator_window.window
    assert window.exhibition.new_section_action.isEnabled()
    gate = curator_window.gate
    assert gate is not None and gate.timer.isActive()
    assert gate.timer.interval() == 60_000
    gate.timer.setInterval(200)  # the minute, shortened for the test
    parsed = parse_address(server_project)
    assert isinstance(parsed, ServerAddress)
    with connect(parsed) as conn:
        access_admin.revoke(conn, parsed.schema, logins["curator"])
        access_admin.grant(conn, parsed.schema, logins["curator"], "viewer")
    qtbot.waitUntil(lambda: not window.exhibition.new_section_action.isEnabled(), timeout=10000)
    assert not curator_window.importer.import_files_action.isEnabled()
    assert "may read" in curator_window.importer.import_files_action.toolTip()
    assert window.captions.cell("vi", CaptionField.CAPTION).editor.isReadOnly()
    assert "Read-only" in window.access_label.text()


def test_a_grant_changed_while_a_dialog_is_open_shows_in_it_and_in_the_panels(
    curator_window: CuratorWindow,
    server_project: str,
    dialogs: RecordingDialogs,
    qtbot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from curator.server import access_admin
    from curator.server.connection import connect
    from curator.ui.controllers import rights_gate

    monkeypatch.setattr(rights_gate, "FOCUS_REREAD_AFTER_S", 0.0)
    _photo, logins = _project_with_logins(server_project)
    _open_as(curator_window, server_project, logins["viewer"], qtbot)
    window = curator_window.window
    exchange, texts = curator_window.exchange, curator_window.catalogue_texts
    assert exchange is not None and texts is not None
    assert not window.glossary.import_button.isEnabled()
    assert not exchange.import_action.isEnabled()
    parsed = parse_address(server_project)
    assert isinstance(parsed, ServerAddress)
    seen: list[tuple[bool, bool]] = []

    def while_open(dialog: CatalogueTextsDialog) -> None:
        vi = dialog.field(TextKey.TITLE, "vi").editor
        ru = dialog.field(TextKey.TITLE, "ru").editor
        seen.append((vi.isReadOnly(), ru.isReadOnly()))
        with connect(parsed) as conn:  # the owner makes the viewer a Vietnamese editor
            access_admin.grant(conn, parsed.schema, logins["viewer"], "editor", ("vi",))
        QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))  # back to the window
        qtbot.waitUntil(lambda: not vi.isReadOnly(), timeout=10000)
        seen.append((vi.isReadOnly(), ru.isReadOnly()))
        dialog.reject()

    dialogs.dialog_hook = while_open
    texts.open_dialog()
    assert seen == [(True, True), (False, True)]
    # The panels that read the rights on opening follow them too.
    assert window.glossary.import_button.isEnabled()
    assert exchange.import_action.isEnabled()
