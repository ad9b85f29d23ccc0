"""The metadata panel shows lens, exposure, location with state and job id (issue 21, point 4).

A photo written by exiftool is imported, the window opens the project and a real mouse
click selects it in the library; the panel then reads what the project stored.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from curator import i18n
from curator.core.services import ProjectService
from curator.ingest.importer import ImportOptions, import_paths

pytestmark = [
    pytest.mark.gui,
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
    pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool is not installed"),
]


def _photo(path: Path, size: tuple[int, int], colour: tuple[int, int, int], *tags: str) -> Path:
    """A JPEG at ``path`` with ``tags`` (exiftool's ``-TAG=VALUE``) written into it."""
    Image.new("RGB", size, colour).save(path, "JPEG")
    subprocess.run(
        ["exiftool", "-q", "-overwrite_original", *tags, str(path)],
        check=True,
        capture_output=True,
    )
    return path


def _open_and_click_the_photo(curator_window, qtbot, project: Path, row: str) -> None:
    """Open the one-photo ``project`` in the window, click its photo, wait for ``row``."""
    window = curator_window.window
    curator_window.controller.open_project(project)
    library = window.library
    qtbot.waitUntil(lambda: library.model.rowCount() == 1, timeout=20000)
    view = library.view
    QTest.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.visualRect(library.model.index(0, 0)).center(),
    )
    qtbot.waitUntil(lambda: row in dict(window.metadata.rows()), timeout=10000)


def test_a_clicked_photo_shows_its_lens_exposure_location_and_job(
    curator_window, tmp_path: Path, qtbot
) -> None:
    photo = _photo(
        tmp_path / "hanoi.jpg",
        (120, 80),
        (200, 150, 90),
        "-Make=FUJIFILM",
        "-Model=X-T5",
        "-LensModel=XF16-55mmF2.8 R LM WR",
        "-ExposureTime=1/125",
        "-FNumber=8",
        "-ISO=320",
        "-FocalLength=23.5",
        "-GPSLatitude=20.95",
        "-GPSLatitudeRef=S",
        "-GPSLongitude=105.85",
        "-GPSLongitudeRef=W",
        "-IPTC:CodedCharacterSet=UTF8",
        "-IPTC:Sub-location=Hồ Gươm",
        "-IPTC:City=Hà Nội",
        "-IPTC:Province-State=Hoàn Kiếm",
        "-IPTC:Country-PrimaryLocationName=Việt Nam",
        "-IPTC:OriginalTransmissionReference=VNA-2025-0815",
    )
    project = tmp_path / "p.curator"
    with ProjectService.create(project, title="T", languages=["vi", "en"]) as service:
        import_paths(service, [photo], ImportOptions(workers=1))
    window = curator_window.window
    _open_and_click_the_photo(curator_window, qtbot, project, "Lens")
    rows = dict(window.metadata.rows())
    assert rows["Camera"] == "FUJIFILM X-T5"
    assert rows["Lens"] == "XF16-55mmF2.8 R LM WR"
    assert rows["Shutter speed"] == "1/125 s"
    assert rows["Aperture"] == "f/8"
    assert rows["ISO"] == "320"
    assert rows["Focal length"] == "23.5 mm"
    assert rows["GPS coordinates"] == "20.950000° S, 105.850000° W"
    assert rows["Location"] == "Hồ Gươm, Hà Nội, Hoàn Kiếm, Việt Nam"
    assert rows["Job ID"] == "VNA-2025-0815"


def test_an_old_project_gets_the_new_facts_from_the_file_menu(
    curator_window, tmp_path: Path, qtbot
) -> None:
    import hashlib
    import sqlite3

    from curator.core.storage.migrations import migrate

    photo = _photo(
        tmp_path / "old.jpg",
        (60, 40),
        (20, 90, 160),
        "-LensModel=EF70-200mm f/2.8L IS USM",
        "-ExposureTime=1/1000",
        "-FNumber=2.8",
    )
    project = tmp_path / "old.curator"
    conn = sqlite3.connect(project, isolation_level=None)
    migrate(conn, target=9)  # as Curator wrote projects before lens and exposure were kept
    conn.execute(
        "INSERT INTO project (singleton, uid, title, source_language, created_at)"
        " VALUES (1, 'u', 'Old', 'en', '2025-01-01T00:00:00+00:00')"
    )
    conn.execute("INSERT INTO project_language (tag, position) VALUES ('en', 0)")
    conn.execute(
        "INSERT INTO photo (id, sha256, path, width, height, imported_at)"
        " VALUES ('pold', ?, ?, 60, 40, '2025-01-01T00:00:00')",
        (hashlib.sha256(photo.read_bytes()).hexdigest(), str(photo)),
    )
    conn.close()
    window = curator_window.window
    _open_and_click_the_photo(curator_window, qtbot, project, "File")
    assert "Lens" not in dict(window.metadata.rows())
    action = curator_window.reread.reread_action
    assert action in window.file_menu.actions() and action.isEnabled()
    action.trigger()
    qtbot.waitUntil(lambda: curator_window.reread.last_report is not None, timeout=20000)
    assert curator_window.reread.last_report.updated == ["pold"]
    window.library.select_photo("pold")
    qtbot.waitUntil(lambda: "Lens" in dict(window.metadata.rows()), timeout=10000)
    rows = dict(window.metadata.rows())
    assert rows["Lens"] == "EF70-200mm f/2.8L IS USM"
    assert rows["Shutter speed"] == "1/1000 s" and rows["Aperture"] == "f/2.8"


def test_exposure_numbers_follow_the_interface_language(
    curator_window, tmp_path: Path, qtbot
) -> None:
    """f/5.6 and 23.5 mm in English, f/5,6 and 23,5 in Vietnamese and Russian (babel)."""
    photo = _photo(
        tmp_path / "dusk.jpg",
        (60, 40),
        (90, 40, 20),
        "-ExposureTime=0.3",
        "-FNumber=5.6",
        "-FocalLength=23.5",
        "-ISO=12800",
    )
    project = tmp_path / "dusk.curator"
    with ProjectService.create(project, title="T", languages=["vi", "ru"]) as service:
        import_paths(service, [photo], ImportOptions(workers=1))
    window = curator_window.window
    _open_and_click_the_photo(curator_window, qtbot, project, "Aperture")
    values = [value for _label, value in window.metadata.rows()]
    assert {"f/5.6", "0.3 s", "23.5 mm", "12800"} <= set(values)
    for language in ("vi", "ru"):
        curator_window.set_interface_language(language)
        values = [value for _label, value in window.metadata.rows()]
        assert "f/5,6" in values, language
        assert any(value.startswith("0,3") for value in values), (language, values)
        assert any(value.startswith("23,5") for value in values), (language, values)
        assert not any("5.6" in value or "23.5" in value for value in values), values


def test_file_sizes_name_their_unit_in_the_interface_language(
    curator_window, tmp_path: Path, qtbot
) -> None:
    """Issue 21: a 2 MB photo reads «МБ» in Russian, not MB; the KB unit is translated too."""
    path = tmp_path / "noise.jpg"
    Image.frombytes("RGB", (1400, 1400), random.Random(21).randbytes(1400 * 1400 * 3)).save(
        path, "JPEG", quality=95
    )
    assert path.stat().st_size > 1024 * 1024
    small = _photo(tmp_path / "small.jpg", (60, 40), (90, 40, 20), "-Model=X100V")
    project = tmp_path / "sizes.curator"
    with ProjectService.create(project, title="T", languages=["vi", "ru"]) as service:
        import_paths(service, [path], ImportOptions(workers=1))
    window = curator_window.window
    _open_and_click_the_photo(curator_window, qtbot, project, "File size")
    assert dict(window.metadata.rows())["File size"].endswith(" MB")
    curator_window.set_interface_language("ru")
    size = dict(window.metadata.rows())["Размер файла"]
    assert size.endswith(" МБ") and "," in size, size
    curator_window.set_interface_language("vi")
    assert any(value.endswith(" MB") for _label, value in window.metadata.rows())

    curator_window.set_interface_language("en")
    other = tmp_path / "small.curator"
    with ProjectService.create(other, title="T", languages=["en"]) as service:
        import_paths(service, [small], ImportOptions(workers=1))
    _open_and_click_the_photo(curator_window, qtbot, other, "Camera")
    assert dict(window.metadata.rows())["File size"].endswith(" KB")
    curator_window.set_interface_language(i18n.PSEUDO_LANGUAGE)
    values = [value for _label, value in window.metadata.rows()]
    assert not any(value.endswith(" KB") for value in values), values
    assert any(value.endswith("]") and value[0].isdigit() for value in values), values
