"""A workstation without the originals opens a server project: real thumbnails, real previews.

Workstation A imports three photos and hands their previews to the server; the originals are
then gone. Workstation B (another data folder), with a viewer's login (a read-only project),
opens the project in the window: the library
draws every thumbnail from the database and a click on a photo shows its preview, taken from
the server into B's own cache in the background.
"""

from __future__ import annotations

import re
import shutil
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest

from curator.core.services import ProjectService
from curator.core.storage.address import ServerAddress, parse_address
from curator.core.storage.preview_cache import preview_path
from curator.ingest.importer import import_paths
from curator.ingest.previews import build_previews
from curator.ui.app import CuratorWindow
from tests.ingest.images import BOTTOM_RIGHT, TOP_LEFT, write_plain_jpeg
from tests.pg.workstations import as_workstation, import_on_a

pytest.importorskip("psycopg")


def _near(colour: QColor, expected: tuple[int, int, int]) -> bool:
    found = (colour.red(), colour.green(), colour.blue())
    return all(abs(a - b) <= 16 for a, b in zip(found, expected, strict=True))


def _quadrants_shown(image: QImage) -> bool:
    """The picture is the photo's (red top left, yellow bottom right), not a grey placeholder."""
    w, h = image.width(), image.height()
    return _near(image.pixelColor(w // 4, h // 4), TOP_LEFT) and _near(
        image.pixelColor(3 * w // 4, 3 * h // 4), BOTTOM_RIGHT
    )


def test_workstation_b_sees_thumbnails_and_opens_previews_without_originals(
    curator_window: CuratorWindow,
    server_project: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot,
) -> None:
    from curator.server import access_admin
    from curator.server.connection import connect

    folder = import_on_a(server_project, tmp_path, monkeypatch, 3)
    shutil.rmtree(folder)
    as_workstation(monkeypatch, tmp_path / "b-data")
    owner = parse_address(server_project)
    assert isinstance(owner, ServerAddress)
    # B is a viewer: its project is read-only, and still takes the previews into its cache.
    viewer = f"viewer_{uuid.uuid4().hex[:8]}"
    with connect(owner) as conn:
        conn.execute(f'CREATE ROLE "{viewer}" LOGIN')
        access_admin.grant(conn, owner.schema, viewer, "viewer")
    address = parse_address(re.sub(r"user=[^&]*", f"user={viewer}", server_project))
    assert isinstance(address, ServerAddress)
    assert curator_window.servers is not None
    curator_window.servers.open_address(address)
    qtbot.waitUntil(lambda: curator_window.controller.service is not None, timeout=20000)
    service = curator_window.controller.service
    assert service is not None
    assert service.read_only
    photos = list(service.photos.all())
    assert len(photos) == 3 and not any(p.path.is_file() for p in photos)

    window = curator_window.window
    model = window.library.model
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=20000)
    for row in range(3):  # the grid asks for what is on screen: scroll to each
        window.library.view.scrollTo(model.index(row))
        qtbot.waitUntil(
            lambda row=row: model.has_thumbnail(model.item(row).photo.id), timeout=20000
        )
        assert _quadrants_shown(model.cell(row)[1]), row

    # B's background pass takes the previews from the server into B's own cache folder.
    qtbot.waitUntil(
        lambda: all(preview_path(service.path, p.sha256).is_file() for p in photos),
        timeout=30000,
    )
    assert str(tmp_path / "b-data") in str(service.path)
    view = window.library.view
    index = model.index(1)
    view.scrollTo(index)
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    photo_view = window.photo_view
    qtbot.waitUntil(lambda: photo_view.image_shown, timeout=20000)
    assert photo_view.photo is not None and photo_view.photo.id == model.item(1).photo.id
    shown = photo_view.image_label.pixmap()
    assert not shown.isNull() and _quadrants_shown(shown.toImage())

    # A imports one more photo while B's window is open; B shows it (its list read again)
    # and a click takes its preview from the server: asked when the photo cannot be shown.
    as_workstation(monkeypatch, tmp_path / "a-data")
    more = tmp_path / "a-more"
    more.mkdir()
    write_plain_jpeg(more, "late.jpg", size=(1000, 700))
    with ProjectService.open(server_project) as service_a:
        import_paths(service_a, [more])
        assert build_previews(service_a, workers=1).shared == 1
    shutil.rmtree(more)
    as_workstation(monkeypatch, tmp_path / "b-data")
    curator_window.controller.refresh()
    qtbot.waitUntil(lambda: model.rowCount() == 4, timeout=20000)
    late = next(row for row in range(4) if model.item(row).photo.path.name == "late.jpg")
    late_photo = model.item(late).photo
    assert not preview_path(service.path, late_photo.sha256).is_file()
    view.scrollTo(model.index(late))
    click_at = view.visualRect(model.index(late)).center()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=click_at)
    qtbot.waitUntil(
        lambda: photo_view.image_shown and photo_view.photo.id == late_photo.id,  # type: ignore[union-attr]
        timeout=30000,
    )
    assert preview_path(service.path, late_photo.sha256).is_file()
    assert _quadrants_shown(photo_view.image_label.pixmap().toImage())


def test_a_preview_made_while_viewing_reaches_the_server_when_made(
    curator_window: CuratorWindow,
    server_project: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot,
) -> None:
    from curator.core.storage.preview_cache import PREVIEW_SIZE
    from tests.pg.workstations import as_workstation, originals

    as_workstation(monkeypatch, tmp_path / "a-data")
    ProjectService.create(server_project, title="Expo", languages=["vi", "ru"]).close()
    curator_window.controller.show_opened(ProjectService.open(server_project))
    importer = curator_window.importer
    qtbot.waitUntil(lambda: importer._preview_job is None, timeout=20000)  # the opening pass
    # Another curator imports a photo from the shared folder, and makes no previews.
    (photo_path,) = originals(tmp_path / "shared-folder", 1)
    with ProjectService.open(server_project) as other:
        import_paths(other, [photo_path.parent])
    curator_window.controller.refresh()
    window = curator_window.window
    model = window.library.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=20000)
    sha256 = model.item(0).photo.sha256
    view = window.library.view
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(model.index(0)).center()
    )
    qtbot.waitUntil(lambda: window.photo_view.image_shown, timeout=20000)
    assert importer._preview_job is None  # no preview pass ran: the view made it
    service = curator_window.controller.service
    assert service is not None and preview_path(service.path, sha256).is_file()

    def on_server() -> bool:
        with ProjectService.open(server_project, read_only=True) as other:
            return sha256 in other.shared_previews.hashes(PREVIEW_SIZE)

    qtbot.waitUntil(on_server, timeout=20000)
