import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from curator.core.storage.store import ProjectStore
from curator.ingest.previews import preview_path

pytestmark = pytest.mark.gui


def _photos(folder: Path, count: int, size=(640, 480)) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        Image.new("RGB", size, (index * 7 % 255, 90, 160)).save(folder / f"ảnh {index:03}.jpg")
    return folder


def _wait_done(qtbot, bundle) -> None:
    qtbot.waitUntil(lambda: not bundle.importer.running, timeout=60000)


def test_import_a_folder_streams_into_the_library(curator_window, project_path, tmp_path, qtbot):
    folder = _photos(tmp_path / "in", 8)
    assert curator_window.controller.open_project(project_path)
    assert curator_window.importer.start_import([folder])
    _wait_done(qtbot, curator_window)
    window = curator_window.window
    assert window.library.model.rowCount() == 8
    assert "8 photos added" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.library.model.loaded_thumbnails() >= 1, timeout=10000)
    report = curator_window.importer.last_report
    assert report is not None and len(report.added) == 8


# Qt 6 offers QDragEnterEvent only with the QPoint constructor, which PySide marks deprecated.
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_drop_files_on_the_library_imports_them(curator_window, project_path, tmp_path, qtbot):
    folder = _photos(tmp_path / "drop", 2)
    curator_window.controller.open_project(project_path)
    viewport = curator_window.window.library.view.viewport()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in sorted(folder.iterdir())])
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    # Qt delivers a drop only to the widget that accepted the drag entering it.
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    QApplication.sendEvent(viewport, drop)
    assert drop.isAccepted()
    _wait_done(qtbot, curator_window)
    assert curator_window.window.library.model.rowCount() == 2


def test_refused_files_are_listed_and_good_ones_kept(
    curator_window, dialogs, project_path, tmp_path, qtbot
):
    folder = _photos(tmp_path / "mixed", 1)
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really")
    curator_window.controller.open_project(project_path)
    curator_window.importer.start_import([folder])
    _wait_done(qtbot, curator_window)
    assert curator_window.window.library.model.rowCount() == 1
    _title, text = dialogs.warnings[0]
    assert "broken.jpg" in text and "1 file refused" in text


def test_read_only_project_refuses_import(curator_window, dialogs, project_path, tmp_path):
    folder = _photos(tmp_path / "ro", 1)
    with ProjectStore.open(project_path):
        dialogs.confirm_answer = True
        curator_window.controller.open_project(project_path)
        assert not curator_window.importer.start_import([folder])
        assert "read-only" in dialogs.warnings[0][1]
        assert not curator_window.importer.import_files_action.isEnabled()


def test_cancel_keeps_the_photos_already_imported(curator_window, project_path, tmp_path, qtbot):
    folder = _photos(tmp_path / "many", 60, size=(2400, 1600))
    curator_window.controller.open_project(project_path)
    curator_window.importer.start_import([folder])
    model = curator_window.window.library.model
    qtbot.waitUntil(lambda: model.rowCount() >= 1, timeout=30000)
    curator_window.importer.cancel()  # what the dialog's Cancel button calls
    _wait_done(qtbot, curator_window)
    report = curator_window.importer.last_report
    assert report.cancelled
    assert 1 <= len(report.added) < 60
    assert curator_window.controller.service.photos.count() == len(report.added)
    assert model.rowCount() == len(report.added)


def test_previews_are_made_after_import_and_shown(curator_window, project_path, tmp_path, qtbot):
    folder = _photos(tmp_path / "pv", 2, size=(2000, 1500))
    curator_window.controller.open_project(project_path)
    curator_window.importer.start_import([folder])
    _wait_done(qtbot, curator_window)
    service = curator_window.controller.service
    photos = list(service.photos.all())
    qtbot.waitUntil(
        lambda: all(preview_path(service.path, p.sha256).is_file() for p in photos), timeout=30000
    )
    with Image.open(preview_path(service.path, photos[0].sha256)) as preview:
        assert max(preview.size) == 1600
    qtbot.waitUntil(lambda: curator_window.window.photo_view.image_shown, timeout=10000)


def test_locate_missing_originals_finds_moved_files(curator_window, project_path, tmp_path, qtbot):
    folder = _photos(tmp_path / "before", 3)
    curator_window.controller.open_project(project_path)
    curator_window.importer.start_import([folder])
    _wait_done(qtbot, curator_window)
    window = curator_window.window
    first = window.library.model.item(0).photo.id
    assert window.library.select_photo(first)
    qtbot.waitUntil(lambda: window.photo_view.photo is not None, timeout=10000)
    folder.rename(tmp_path / "after")
    service = curator_window.controller.service
    assert all(not photo.path.exists() for photo in service.photos.all())
    assert curator_window.importer.locate_missing([tmp_path / "after"])
    qtbot.waitUntil(lambda: curator_window.importer.last_relink is not None, timeout=30000)
    assert len(curator_window.importer.last_relink.relinked) == 3
    assert all(photo.path.exists() for photo in service.photos.all())
    assert "3 found again" in curator_window.window.statusBar().currentMessage()
    # The window shows the files where they are now: the library's rows, the photo on view.
    window = curator_window.window
    model = window.library.model
    shown = [model.item(row).photo.path for row in range(model.rowCount())]
    assert len(shown) == 3 and all(path.parent == tmp_path / "after" for path in shown), shown
    assert window.photo_view.photo is not None
    assert window.photo_view.photo.path.parent == tmp_path / "after"


@pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool is not installed")
def test_names_shown_the_glossary_lacks_are_listed_after_import(
    curator_window, dialogs, project_path, tmp_path, qtbot
):
    folder = _photos(tmp_path / "shown", 2)
    subprocess.run(
        [
            str(shutil.which("exiftool")),
            "-q",
            "-overwrite_original",
            "-XMP-iptcExt:PersonInImage=Nobody Known",
            str(folder / "ảnh 001.jpg"),
        ],
        check=True,
        capture_output=True,
    )
    curator_window.controller.open_project(project_path)
    curator_window.importer.start_import([folder])
    _wait_done(qtbot, curator_window)
    assert curator_window.window.library.model.rowCount() == 2
    ((title, text),) = dialogs.warnings
    assert title == "Some names shown are not in the glossary"
    assert "ảnh 001.jpg" in text and "Nobody Known" in text and "ảnh 000.jpg" not in text
