import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from curator.core.model import CaptionField, CaptionStatus, Photo
from curator.core.services import ProjectService
from curator.core.storage.migrations import SCHEMA_VERSION
from curator.core.storage.store import ProjectStore
from curator.ui.views.dialogs import message_box

pytestmark = pytest.mark.gui


def _project_with_photo(path: Path, image: Path) -> str:
    with ProjectService.create(
        path, title="Việt Nam – Nga", languages=["vi", "ru", "en"]
    ) as service:
        with service.store.transaction():
            photo = service.photos.add(
                Photo(id="", path=image, sha256="abc", width=64, height=48, byline="Tuấn Anh/TTXVN")
            )
        service.set_caption(photo.id, "vi", CaptionField.HEADLINE, "Hội đàm", CaptionStatus.FINAL)
        service.set_caption(photo.id, "ru", CaptionField.HEADLINE, "Переговоры")
        service.add_section({"vi": "Hội đàm tại TTXVN", "en": "Talks at VNA"}, [photo.id])
        return photo.id


@pytest.fixture
def image(tmp_path: Path) -> Path:
    from PIL import Image

    path = tmp_path / "ảnh hội đàm.jpg"
    Image.new("RGB", (64, 48), (200, 30, 30)).save(path)
    return path


def test_opens_a_project_into_library_exhibition_and_captions(
    curator_window, tmp_path, image, qtbot
):
    path = tmp_path / "ex.curator"
    _project_with_photo(path, image)
    window = curator_window.window
    assert curator_window.controller.open_project(path)
    assert window.windowTitle() == "Việt Nam – Nga — Curator"
    assert window.central.currentWidget() is window.workspace
    assert window.library.model.rowCount() == 1
    assert window.library.model.item(0).headline == "Hội đàm"
    section = window.exhibition.tree.topLevelItem(0)
    assert section.text(0) == "1. Talks at VNA"
    assert section.child(0).text(0) == "Hội đàm"
    qtbot.waitUntil(lambda: window.library.model.loaded_thumbnails() == 1, timeout=5000)
    texts = [w.text() for w in window.captions.grid_host.findChildren(type(window.project_label))]
    assert any("Vietnamese (vi)" in t for t in texts)
    assert window.captions.cell("vi", CaptionField.HEADLINE).editor.text() == "Hội đàm"
    assert window.captions.cell("ru", CaptionField.HEADLINE).editor.text() == "Переговоры"
    assert window.captions.cell("vi", CaptionField.HEADLINE).status_text == "Final"
    assert "1 photo" in window.project_label.text()


def test_interface_language_switches_live(curator_window, tmp_path, image):
    path = tmp_path / "ex.curator"
    _project_with_photo(path, image)
    curator_window.controller.open_project(path)
    window = curator_window.window
    curator_window.set_interface_language("ru")
    assert window.file_menu.title() == "&Файл"
    assert window.library_dock.windowTitle() == "Фототека"
    assert "1 фотография" in window.project_label.text()
    assert window.exhibition.tree.topLevelItem(0).text(0) == "1. Hội đàm tại TTXVN"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert (
        "Отмена" in box.button(QDialogButtonBox.StandardButton.Cancel).text()
    )  # Qt's own catalogue
    assert window.language_actions["ru"].isChecked()
    curator_window.set_interface_language("vi")
    assert window.file_menu.title() == "&Tệp"
    assert curator_window.preferences.interface_language == "vi"
    curator_window.set_interface_language("en")
    assert window.file_menu.title() == "&File"


def test_vietnamese_message_boxes_have_vietnamese_buttons(curator_window):
    curator_window.set_interface_language("vi")
    box = message_box(None, QMessageBox.Icon.Critical, "Lỗi", "…")
    assert box.button(QMessageBox.StandardButton.Ok).text() == "Đồng ý"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"just some text", "is not a Curator project"),
        (b"\xff\xd8\xff" + b"\0" * 300, "is not a Curator project"),
    ],
)
def test_opening_something_else_says_so_and_changes_nothing(
    curator_window, dialogs, tmp_path, content, words
):
    path = tmp_path / "notes.curator"
    path.write_bytes(content)
    assert not curator_window.controller.open_project(path)
    assert dialogs.errors and words in dialogs.errors[0][1] and str(path) in dialogs.errors[0][1]
    assert path.read_bytes() == content
    assert curator_window.window.central.currentWidget() is curator_window.window.start_page


def test_newer_project_is_refused(curator_window, dialogs, project_path):
    data = bytearray(project_path.read_bytes())
    data[60:64] = struct.pack(">I", SCHEMA_VERSION + 5)
    project_path.write_bytes(bytes(data))
    assert not curator_window.controller.open_project(project_path)
    assert "newer version of Curator" in dialogs.errors[0][1]
    assert project_path.read_bytes() == bytes(data)


def test_project_open_elsewhere_names_the_holder_and_can_open_read_only(
    curator_window, dialogs, project_path
):
    with ProjectStore.open(project_path):
        assert not curator_window.controller.open_project(project_path)
        assert "already open in Curator by" in dialogs.questions[0]
        assert curator_window.controller.service is None
        dialogs.confirm_answer = True
        assert curator_window.controller.open_project(project_path)
        assert curator_window.controller.service.read_only
        assert "Read-only" in curator_window.window.access_label.text()


def test_project_on_read_only_media(curator_window, project_path, tmp_path):
    import os

    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("needs root to mount a read-only tmpfs")
    mount = tmp_path / "ro"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)]).returncode:
        pytest.skip("cannot mount tmpfs")
    try:
        shutil.copy(project_path, mount / "ex.curator")
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        assert curator_window.controller.open_project(mount / "ex.curator")
        assert curator_window.controller.service.read_only
        assert "Read-only" in curator_window.window.access_label.text()
        curator_window.controller.close_project()
    finally:
        # A file the window still holds open keeps the mount busy: detach it lazily, so no
        # read-only mount is left behind for pytest's clean-up of old temporary folders.
        if subprocess.run(["umount", str(mount)], capture_output=True).returncode:
            subprocess.run(["umount", "-l", str(mount)], check=True)


def test_missing_recent_project_is_reported_and_forgotten(curator_window, dialogs, tmp_path):
    gone = tmp_path / "gone.curator"
    curator_window.preferences.add_recent_project(gone)
    assert not curator_window.controller.open_project(gone)
    assert "There is no project" in dialogs.errors[0][1]
    assert gone not in curator_window.preferences.recent_projects()


def test_closing_returns_to_start_page_with_recent(curator_window, project_path):
    curator_window.controller.open_project(project_path)
    curator_window.controller.close_project()
    window = curator_window.window
    assert window.central.currentWidget() is window.start_page
    assert window.start_page.recent_list.count() == 1
    with ProjectStore.open(project_path):  # the lock was released
        pass


def test_a_caption_can_be_filed_under_another_language(curator_window, tmp_path, image):
    path = tmp_path / "ex.curator"
    photo_id = _project_with_photo(path, image)
    curator_window.controller.open_project(path)
    service = curator_window.controller.service
    service.set_caption(photo_id, "vi", CaptionField.CAPTION, "Talks at the VNA headquarters")
    curator_window.captions.show_selection()
    panel = curator_window.window.captions
    menu = panel.status_menu(panel.cell("vi", CaptionField.CAPTION))
    (submenu,) = [a.menu() for a in menu.actions() if a.menu()]
    english = next(a for a in submenu.actions() if a.text().endswith("(en)"))
    english.trigger()
    assert service.captions.get(photo_id, "en", CaptionField.CAPTION).text == (
        "Talks at the VNA headquarters"
    )
    assert service.captions.get(photo_id, "vi", CaptionField.CAPTION).text == ""
    assert panel.cell("en", CaptionField.CAPTION).editor.toPlainText() == (
        "Talks at the VNA headquarters"
    )
    curator_window.captions.undo_action.trigger()
    assert service.captions.get(photo_id, "vi", CaptionField.CAPTION).text == (
        "Talks at the VNA headquarters"
    )
    assert service.captions.get(photo_id, "en", CaptionField.CAPTION) is None or (
        service.captions.get(photo_id, "en", CaptionField.CAPTION).text == ""
    )
