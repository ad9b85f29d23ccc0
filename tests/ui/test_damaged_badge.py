"""A photo imported from a truncated file is flagged in the library (issue 16, point 5)."""

import os
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt

from curator.core.services import ProjectService
from curator.ui.views.library_delegate import DAMAGED_BADGE
from curator.ui.views.library_model import DAMAGED_ROLE
from tests.ingest import images

pytestmark = pytest.mark.gui


def _badge_pixels(view) -> int:
    picture = view.viewport().grab().toImage()
    found = 0
    for y in range(0, picture.height()):
        for x in range(0, picture.width(), 2):
            colour = picture.pixelColor(x, y)
            if (
                abs(colour.red() - DAMAGED_BADGE.red()) < 12
                and abs(colour.green() - DAMAGED_BADGE.green()) < 12
                and colour.blue() < 40
            ):
                found += 1
    return found


def test_truncated_photo_has_a_badge_a_tooltip_and_its_problem(
    curator_window, project_path: Path, tmp_path: Path, qtbot
) -> None:
    folder = tmp_path / "card"
    folder.mkdir()
    whole = images.write_textured_jpeg(folder, size=(800, 600), name="whole.jpg")
    images.write_truncated(whole, "cut.jpg", keep=0.6)
    Image.open(whole).save(folder / "sound.jpg", quality=70)  # a different, intact photo
    whole.unlink()
    assert curator_window.controller.open_project(project_path)
    assert curator_window.importer.start_import([folder])
    qtbot.waitUntil(lambda: not curator_window.importer.running, timeout=60000)
    library = curator_window.window.library
    model = library.model
    assert model.rowCount() == 2
    rows = {model.index(row).data(Qt.ItemDataRole.ToolTipRole).split("\n")[0]: row
            for row in range(2)}  # fmt: skip
    damaged = model.index(rows["cut.jpg"])
    sound = model.index(rows["sound.jpg"])
    assert damaged.data(DAMAGED_ROLE) is True and sound.data(DAMAGED_ROLE) is False
    assert "truncated" in damaged.data(Qt.ItemDataRole.ToolTipRole)
    assert "truncated" not in sound.data(Qt.ItemDataRole.ToolTipRole)
    qtbot.waitUntil(lambda: model.loaded_thumbnails() >= 2, timeout=10000)
    library.view.viewport().repaint()
    assert _badge_pixels(library.view) > 20  # the amber badge is drawn
    # Stored where preflight and `curator photos --json` read it: the photo's problems.
    photo_id = damaged.data(Qt.ItemDataRole.UserRole + 1)
    with ProjectService.open(project_path, read_only=True) as service:
        assert "truncated-file" in [p.code for p in service.media.photo_problems(photo_id)]
        assert service.media.photos_with_problem("truncated-file") == {photo_id}
    # A headline edited elsewhere is shown; the flag stays.
    curator_window.controller.update_headlines([photo_id])
    assert damaged.data(DAMAGED_ROLE) is True
    # Opened again (not streamed in by the import), it is still flagged.
    curator_window.controller.close_project()
    assert curator_window.controller.open_project(project_path)
    model = curator_window.window.library.model
    flagged = [model.index(row).data(DAMAGED_ROLE) for row in range(model.rowCount())]
    assert sorted(flagged) == [False, True]


def test_a_name_that_is_not_utf8_is_named_with_its_bytes_in_the_window(
    curator_window, dialogs, project_path: Path, tmp_path: Path, qtbot
) -> None:
    folder = tmp_path / "card"
    folder.mkdir()
    Image.new("RGB", (64, 48), (1, 2, 3)).save(folder / "fine.jpg")
    Image.new("RGB", (64, 48), (90, 2, 3)).save(os.fsdecode(os.fsencode(folder) + b"/Hu\xe9.jpg"))
    assert curator_window.controller.open_project(project_path)
    assert curator_window.importer.start_import([folder])
    qtbot.waitUntil(lambda: not curator_window.importer.running, timeout=60000)
    assert curator_window.window.library.model.rowCount() == 1
    _title, text = dialogs.warnings[0]
    assert "Hu\\xe9.jpg:" in text and "1 file refused" in text
