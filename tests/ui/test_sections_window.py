"""Sections in the window: drops from the library and within the tree, the menu, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from curator.core.editing import sections
from curator.core.model import Photo
from curator.core.services import ProjectService
from curator.ui.views.exhibition_panel import SECTION_ID_MIME, SectionDialog

pytestmark = [pytest.mark.gui, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, list[str], list[str]]:
    path = tmp_path / "ex.curator"
    with ProjectService.create(path, title="T", languages=["vi", "ru", "en"]) as service:
        ids = []
        for index in range(4):
            image = tmp_path / f"{index}.jpg"
            Image.new("RGB", (40, 30), (index * 60, 0, 0)).save(image)
            with service.store.transaction():
                photo = Photo(id="", path=image, sha256=str(index), width=40, height=30)
                ids.append(service.photos.add(photo).id)
        a = sections.add_section(service, {"vi": "Hà Nội", "en": "Hanoi"}, photo_ids=ids[:2])[0]
        b = sections.add_section(service, {"ru": "Москва"})[0]
    return path, ids, [a.id, b.id]


def _drop(tree, mime, point: QPoint) -> bool:
    viewport = tree.viewport()
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, buttons, modifiers)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(point), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    QApplication.sendEvent(viewport, drop)
    return drop.isAccepted()


def _order(bundle) -> list[tuple[str, list[str]]]:
    service = bundle.controller.service
    return [(s.id, service.exhibition.photo_ids(s.id)) for s in service.exhibition.sections()]


def _undo(bundle) -> None:
    bundle.captions.undo_action.trigger()


def _redo(bundle) -> None:
    bundle.captions.redo_action.trigger()


def test_tree_shows_titles_in_interface_language(curator_window, project):
    path, _ids, _sections = project
    curator_window.controller.open_project(path)
    tree = curator_window.window.exhibition.tree
    assert tree.topLevelItem(0).text(0) == "1. Hanoi"
    assert tree.topLevelItem(1).text(0) == "2. Москва"
    assert tree.topLevelItem(2).text(0) == "2 photos in no section"


def test_library_photos_dropped_on_a_section_and_undone(curator_window, project):
    path, ids, (a, b) = project
    curator_window.controller.open_project(path)
    window = curator_window.window
    library = window.library
    mime = library.model.mimeData([library.model.index(3), library.model.index(2)])
    tree = window.exhibition.tree
    target = window.exhibition.item_for(b)
    assert _drop(tree, mime, tree.visualItemRect(target).center())
    assert _order(curator_window) == [(a, ids[:2]), (b, [ids[2], ids[3]])]
    assert window.exhibition.item_for(b).childCount() == 2
    _undo(curator_window)
    assert _order(curator_window) == [(a, ids[:2]), (b, [])]
    assert window.exhibition.item_for(b).childCount() == 0
    _redo(curator_window)
    assert _order(curator_window) == [(a, ids[:2]), (b, [ids[2], ids[3]])]


def test_photos_dropped_on_a_photo_go_before_it(curator_window, project):
    path, ids, (a, b) = project
    curator_window.controller.open_project(path)
    panel = curator_window.window.exhibition
    mime = panel.tree.mimeData([panel.item_for(a, ids[1])])
    assert _drop(panel.tree, mime, panel.tree.visualItemRect(panel.item_for(a, ids[0])).center())
    assert _order(curator_window)[0] == (a, [ids[1], ids[0]])
    # and between sections
    mime = panel.tree.mimeData([panel.item_for(a, ids[0])])
    assert _drop(panel.tree, mime, panel.tree.visualItemRect(panel.item_for(b)).center())
    assert _order(curator_window) == [(a, [ids[1]]), (b, [ids[0]])]
    _undo(curator_window)
    _undo(curator_window)
    assert _order(curator_window) == [(a, ids[:2]), (b, [])]


def test_dragging_a_section_moves_it_and_undo(curator_window, project):
    path, _ids, (a, b) = project
    curator_window.controller.open_project(path)
    panel = curator_window.window.exhibition
    mime = panel.tree.mimeData([panel.item_for(b)])
    assert mime.hasFormat(SECTION_ID_MIME)
    top = panel.tree.visualItemRect(panel.item_for(a)).topLeft() + QPoint(5, 1)
    assert _drop(panel.tree, mime, top)
    assert [s for s, _p in _order(curator_window)] == [b, a]
    assert panel.tree.topLevelItem(0).text(0) == "1. Москва"
    _undo(curator_window)
    assert [s for s, _p in _order(curator_window)] == [a, b]


def test_new_and_rename_section_through_the_dialog(curator_window, dialogs, project):
    path, _ids, (a, b) = project
    curator_window.controller.open_project(path)
    panel = curator_window.window.exhibition

    def fill(dialog: SectionDialog) -> None:
        dialog.title_edits["vi"].setText("Huế")
        dialog.intro_edits["en"].setPlainText("Imperial city")
        dialog.accept()

    dialogs.dialog_hook = fill
    panel.new_section_action.trigger()
    service = curator_window.controller.service
    new = service.exhibition.sections()[-1]
    assert new.title == {"vi": "Huế"} and new.intro == {"en": "Imperial city"}
    assert "Huế" in curator_window.captions.undo_action.text()
    _undo(curator_window)
    assert [s.id for s in service.exhibition.sections()] == [a, b]
    _redo(curator_window)
    assert service.exhibition.sections()[-1].id == new.id

    def rename(dialog: SectionDialog) -> None:
        assert dialog.title_edits["en"].text() == "Hanoi"
        dialog.title_edits["en"].setText("Ha Noi")
        dialog.accept()

    dialogs.dialog_hook = rename
    panel.select(section_id=a)
    panel.rename_section_action.trigger()
    assert service.exhibition.section(a).title == {"vi": "Hà Nội", "en": "Ha Noi"}
    assert panel.tree.topLevelItem(0).text(0) == "1. Ha Noi"
    _undo(curator_window)
    assert service.exhibition.section(a).title == {"vi": "Hà Nội", "en": "Hanoi"}


def test_empty_title_is_refused(curator_window, dialogs, project):
    path, _ids, (a, _b) = project
    curator_window.controller.open_project(path)
    assert not curator_window.sections.rename_section(a, {"vi": " "}, {})
    assert "title" in dialogs.errors[0][1]


def test_remove_from_section_and_delete_section(curator_window, dialogs, project, qtbot):
    path, ids, (a, b) = project
    curator_window.controller.open_project(path)
    panel = curator_window.window.exhibition
    service = curator_window.controller.service
    panel.select(photo_ids=[ids[0]])
    panel.remove_photos_action.trigger()
    assert _order(curator_window) == [(a, [ids[1]]), (b, [])]
    _undo(curator_window)
    assert _order(curator_window) == [(a, ids[:2]), (b, [])]

    panel.select(section_id=a)
    panel.delete_section_action.trigger()  # the person says no
    assert "2 photos stay" in dialogs.questions[0]
    assert len(_order(curator_window)) == 2
    dialogs.confirm_answer = True
    panel.delete_section_action.trigger()  # after a snapshot written on a worker
    qtbot.waitUntil(lambda: _order(curator_window) == [(b, [])], timeout=10000)
    assert service.photos.count() == 4
    assert panel.tree.topLevelItem(1).text(0) == "4 photos in no section"
    _undo(curator_window)
    assert _order(curator_window) == [(a, ids[:2]), (b, [])]
    _redo(curator_window)
    assert _order(curator_window) == [(b, [])]


def test_read_only_project_takes_no_drops(curator_window, dialogs, project):
    path, _ids, (a, _b) = project
    with ProjectService.open(path):
        dialogs.confirm_answer = True
        curator_window.controller.open_project(path)
        panel = curator_window.window.exhibition
        assert not panel.new_section_action.isEnabled()
        assert not curator_window.sections.move_section(a, 1)
