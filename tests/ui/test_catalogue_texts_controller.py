"""The catalogue texts controller without a shown window: texts and images as undoable edits.

Built as the window builds it (a main window never shown, the project controller, recording
dialogs, the window's undo stack), on a real project; the dialog is handed to the test by the
recording dialogs and is never shown either.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog

from curator.core.publishing.catalogue_texts import MAX_ASSET_BYTES, AssetRole, TextKey, read_texts
from curator.core.services import ProjectService
from curator.ui.controllers.catalogue_texts_controller import CatalogueTextsController
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.main_window import MainWindow
from curator.ui.tasks import TaskRunner
from curator.ui.views.catalogue_texts_dialog import CatalogueTextsDialog

pytestmark = pytest.mark.gui

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
    b'<rect width="40" height="20"/></svg>'
)


@dataclass
class Bench:
    window: MainWindow
    projects: ProjectController
    tasks: TaskRunner
    undo: QUndoStack
    texts: CatalogueTextsController


@pytest.fixture
def bench(hidden_window) -> Bench:
    w = hidden_window
    texts = CatalogueTextsController(w.window, w.projects, w.dialogs, w.undo)
    return Bench(w.window, w.projects, w.tasks, w.undo, texts)


@pytest.fixture
def logo(tmp_path: Path) -> Path:
    path = tmp_path / "logo.svg"
    path.write_bytes(SVG)
    return path


def _stored(path: Path, key: TextKey, language: str) -> str:
    with ProjectService.open(path, read_only=True) as service:
        return read_texts(service).get(key, language)


def _images(bench: Bench) -> list[str]:
    service = bench.projects.service
    assert service is not None
    return [f"{asset.role}:{asset.name}" for asset in read_texts(service).assets()]


def test_a_text_is_saved_and_an_undo_restores_the_previous_one(bench, project_path):
    assert not bench.texts.action.isEnabled()
    assert bench.projects.open_project(project_path)
    assert bench.texts.action.isEnabled()
    assert bench.texts.set_text("title", "ru", "Вьетнам – Россия")
    assert bench.texts.set_text("title", "ru", "Вьетнам и Россия")
    assert bench.undo.count() == 2
    assert bench.undo.undoText() == "Edit the catalogue's texts"
    bench.undo.undo()
    assert read_texts(bench.projects.service).get(TextKey.TITLE, "ru") == "Вьетнам – Россия"
    bench.undo.undo()
    assert read_texts(bench.projects.service).get(TextKey.TITLE, "ru") == ""
    bench.undo.redo()
    bench.projects.close_project()
    assert _stored(project_path, TextKey.TITLE, "ru") == "Вьетнам – Россия"


def test_the_same_text_again_adds_no_undo_step(bench, project_path):
    assert bench.projects.open_project(project_path)
    assert bench.texts.set_text("subtitle", "en", "Fifty years")
    assert bench.texts.set_text("subtitle", "en", "Fifty years")
    assert bench.undo.count() == 1


def test_a_refused_text_is_said_in_the_dialog_and_nothing_is_written(bench, dialogs, project_path):
    assert bench.projects.open_project(project_path)
    assert bench.texts.set_text("isbn", "", "978-3-16-148410-0")
    seen: list[str] = []

    def use(dialog: CatalogueTextsDialog) -> None:
        assert dialog.field(TextKey.ISBN, "").editor.text() == "978-3-16-148410-0"
        assert dialog.undo_button.isEnabled()  # the edit above is on top of the stack
        dialog.text_entered.emit("isbn", "", "978-3-16-148410-9")  # a wrong check digit
        seen.append(dialog.status.text())
        dialog.text_entered.emit("subtitle", "vi", "Năm mươi năm")
        seen.append(dialog.status.text())
        dialog.reject()

    dialogs.dialog_hook = use
    bench.texts.action.trigger()
    assert "ISBN" in seen[0] and seen[1] == ""
    assert bench.texts.dialog is None  # forgotten once closed
    service = bench.projects.service
    assert read_texts(service).get(TextKey.ISBN, "") == "978-3-16-148410-0"
    assert read_texts(service).get(TextKey.SUBTITLE, "vi") == "Năm mươi năm"
    assert bench.undo.count() == 2 and dialogs.errors == []


def test_a_read_only_project_shows_the_texts_but_refuses_changes(
    bench, dialogs, project_path, logo
):
    with ProjectService.open(project_path) as other:
        from curator.core.publishing.catalogue_texts import set_texts

        set_texts(other, [("title", "en", "Vietnam – Russia")])
        dialogs.confirm_answer = True
        assert bench.projects.open_project(project_path)
        assert bench.projects.service is not None and bench.projects.service.read_only

        def look(dialog: CatalogueTextsDialog) -> None:
            editor = dialog.field(TextKey.TITLE, "en").editor
            assert editor.text() == "Vietnam – Russia" and editor.isReadOnly()
            assert not dialog.add_logo_button.isEnabled()
            assert not bench.texts.set_text("title", "en", "Changed")
            assert not bench.texts.add_image(AssetRole.LOGO, logo)
            assert dialog.status.text() == (  # still the reason, not a failed write
                "The project is open read-only; its catalogue texts cannot be changed."
            )
            dialog.reject()

        dialogs.dialog_hook = look
        bench.texts.open_dialog()
        assert not bench.texts.set_text("title", "en", "Changed")
        assert not bench.texts.add_image(AssetRole.LOGO, Path(__file__))
        assert bench.undo.count() == 0
        bench.projects.close_project()
    assert _stored(project_path, TextKey.TITLE, "en") == "Vietnam – Russia"


def test_an_image_is_kept_and_an_undo_removes_it(bench, dialogs, project_path, logo):
    assert bench.projects.open_project(project_path)

    def choose(chooser: QFileDialog) -> None:
        chooser.selectFile(str(logo))
        chooser.accept()

    def use(dialog: CatalogueTextsDialog) -> None:
        dialogs.dialog_hook = choose
        dialog.add_logo_button.click()
        assert [dialog.images.item(i).text() for i in range(dialog.images.count())] == [
            "Logo: logo.svg"
        ]
        dialog.reject()

    dialogs.dialog_hook = use
    bench.texts.open_dialog()
    assert _images(bench) == ["logo:logo.svg"]
    assert bench.undo.undoText() == "Add a catalogue image"
    bench.undo.undo()
    assert _images(bench) == []
    bench.undo.redo()
    assert _images(bench) == ["logo:logo.svg"]


def test_a_new_signature_replaces_the_old_and_an_undo_brings_it_back(
    bench, project_path, logo, tmp_path
):
    assert bench.projects.open_project(project_path)
    other = tmp_path / "other.svg"
    other.write_bytes(SVG.replace(b'width="40"', b'width="60"'))
    assert bench.texts.add_image(AssetRole.SIGNATURE, logo)
    assert bench.texts.add_image(AssetRole.SIGNATURE, other)
    assert _images(bench) == ["signature:other.svg"]
    bench.undo.undo()
    assert _images(bench) == ["signature:logo.svg"]


def test_removing_an_image_from_the_list_can_be_undone(bench, dialogs, project_path, logo):
    assert bench.projects.open_project(project_path)
    assert bench.texts.add_image(AssetRole.LOGO, logo)

    def use(dialog: CatalogueTextsDialog) -> None:
        dialog.remove_image_button.click()  # nothing chosen in the list: nothing removed
        assert dialog.images.count() == 1 and dialog.status.text() == ""
        dialog.images.setCurrentRow(0)
        dialog.remove_image_button.click()
        assert dialog.images.count() == 0
        dialog.reject()

    dialogs.dialog_hook = use
    bench.texts.open_dialog()
    assert _images(bench) == []
    assert bench.undo.undoText() == "Remove a catalogue image"
    bench.undo.undo()
    assert _images(bench) == ["logo:logo.svg"]


@pytest.mark.parametrize("kind", ["folder", "broken", "too large"])
def test_an_image_that_cannot_be_used_is_refused_in_the_dialog(
    bench, dialogs, project_path, tmp_path, kind
):
    assert bench.projects.open_project(project_path)
    if kind == "folder":
        path = tmp_path / "logos.png"
        path.mkdir()
    elif kind == "broken":
        path = tmp_path / "broken.png"
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 8)
    else:
        path = tmp_path / "huge.svg"
        path.write_bytes(SVG[:-6] + b" " * MAX_ASSET_BYTES + b"</svg>")
    status: list[str] = []

    def use(dialog: CatalogueTextsDialog) -> None:
        assert not bench.texts.add_image(AssetRole.LOGO, path)
        status.append(dialog.status.text())
        dialog.reject()

    dialogs.dialog_hook = use
    bench.texts.open_dialog()
    assert path.name in status[0]
    assert _images(bench) == [] and bench.undo.count() == 0


def test_without_a_project_nothing_opens_or_changes(bench, project_path, logo):
    bench.texts.open_dialog()  # the recording dialogs would fail on an unexpected dialog
    assert not bench.texts.set_text("title", "en", "X")
    assert not bench.texts.add_image(AssetRole.LOGO, logo)
    bench.texts.remove_image(1)
    assert bench.undo.count() == 0
