"""Translators' files from the window: export, the plan dialog, Apply, Undo, conflicts."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from PySide6.QtWidgets import QDialog

from curator.core.model import CaptionField, CaptionStatus, Photo
from curator.core.services import ProjectService
from curator.ui.views.exchange_dialogs import (
    ConflictsDialog,
    ExportChoice,
    ExportForTranslatorDialog,
    ImportPlanDialog,
)

pytestmark = pytest.mark.gui


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, list[str]]:
    path = tmp_path / "ex.curator"
    ids = []
    with ProjectService.create(path, title="T", languages=["vi", "ru", "en"]) as service:
        with service.store.transaction():
            for index in range(2):
                photo = Photo(
                    id="", path=tmp_path / f"{index}.jpg", sha256=str(index), width=40, height=30
                )
                ids.append(service.photos.add(photo).id)
        service.set_caption(ids[0], "vi", CaptionField.CAPTION, "Lễ ký kết", CaptionStatus.FINAL)
        service.set_caption(ids[1], "vi", CaptionField.CAPTION, "Hội đàm", CaptionStatus.FINAL)
        service.set_caption(ids[1], "ru", CaptionField.CAPTION, "Переговоры")
    return path, ids


def test_export_dialog_offers_the_project_languages(curator_window, project, dialogs) -> None:
    path, _ids = project
    curator_window.controller.open_project(path)
    seen = []

    def hook(dialog: QDialog) -> None:
        assert isinstance(dialog, ExportForTranslatorDialog)
        seen.append(dialog)
        assert dialog.target_combo.currentData() == "ru"
        dialog.target_combo.setCurrentIndex(0)  # vi: the source itself
        assert not dialog.export_button.isEnabled()
        dialog.reject()

    dialogs.dialog_hook = hook
    curator_window.exchange.export_action.trigger()
    assert seen


def test_export_plan_apply_undo_and_resolve(curator_window, project, dialogs, qtbot, tmp_path):
    path, ids = project
    exchange = curator_window.exchange
    curator_window.controller.open_project(path)
    po = tmp_path / "ru.po"
    choice = ExportChoice("ru", "vi", "po", None, False, ",")
    assert exchange.export_file(choice, po)
    qtbot.waitUntil(po.exists, timeout=10000)
    # The project recorded what the file sent; the import is matched against it.
    qtbot.waitUntil(lambda: curator_window.controller.service.exports.count() == 1)
    catalog = polib.pofile(str(po))
    by_key = {entry.msgctxt: entry for entry in catalog}
    by_key[f"{ids[0]}|caption"].msgstr = "Церемония подписания"
    by_key[f"{ids[1]}|caption"].msgstr = "Переговоры делегаций"
    catalog.save(str(po))
    service = curator_window.controller.service
    # Meanwhile the curator rewrites photo 2's Russian caption: a conflict.
    service.set_caption(ids[1], "ru", CaptionField.CAPTION, "Переговоры ВИА и ТАСС")
    shown: list[QDialog] = []

    def hook(dialog: QDialog) -> None:
        shown.append(dialog)
        if isinstance(dialog, ImportPlanDialog):
            assert dialog.table.rowCount() == 2  # one new, one conflict
            texts = {dialog.table.item(row, 3).text() for row in range(2)}
            assert any(text.startswith("New translation") for text in texts)
            assert any(text.startswith("Conflict") for text in texts)
            # The photo by file name beside its id; the conflict says why.
            photos = {dialog.table.item(row, 1).text() for row in range(2)}
            assert all(f"({photo_id})" in " ".join(photos) for photo_id in ids[:2])
            assert any("changed here after the export" in text for text in texts)
            dialog.accept()
        else:
            assert isinstance(dialog, ConflictsDialog)
            assert dialog.table.rowCount() == 1
            assert dialog.table.item(0, 3).text() == "Переговоры ВИА и ТАСС"
            assert dialog.table.item(0, 4).text() == "Переговоры делегаций"
            dialog.reject()

    dialogs.dialog_hook = hook
    assert exchange.plan_file(po)
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=10000)
    get = service.captions.get
    assert get(ids[0], "ru", CaptionField.CAPTION).text == "Церемония подписания"
    assert get(ids[1], "ru", CaptionField.CAPTION).text == "Переговоры ВИА и ТАСС"
    assert exchange.conflicts_action.isEnabled()
    # Edit > Undo takes the whole import back, kept translation included; Redo again.
    undo_stack = curator_window.captions.undo_stack
    assert undo_stack.undoText() == "Import ru.po"
    undo_stack.undo()
    assert get(ids[0], "ru", CaptionField.CAPTION).text == ""
    assert service.alternatives.count() == 0
    undo_stack.redo()
    assert get(ids[0], "ru", CaptionField.CAPTION).text == "Церемония подписания"
    [kept] = service.alternatives.all()
    exchange.resolve(kept.id, take=True)
    assert get(ids[1], "ru", CaptionField.CAPTION).text == "Переговоры делегаций"
    assert not exchange.conflicts_action.isEnabled()
    undo_stack.undo()
    assert get(ids[1], "ru", CaptionField.CAPTION).text == "Переговоры ВИА и ТАСС"
    assert service.alternatives.count() == 1


def test_a_foreign_file_gives_a_message_and_changes_nothing(
    curator_window, project, dialogs, qtbot, tmp_path
) -> None:
    path, _ids = project
    curator_window.controller.open_project(path)
    foreign = tmp_path / "de.po"
    foreign.write_text('msgid ""\nmsgstr ""\n\nmsgid "Hello"\nmsgstr "Hallo"\n', "utf-8")
    assert curator_window.exchange.plan_file(foreign)
    qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=10000)
    _title, text = dialogs.errors[0]
    assert "not a Curator caption file" in text and "line 4" in text


def test_translator_package_from_the_window(curator_window, project, qtbot, tmp_path) -> None:
    import zipfile

    path, _ids = project
    curator_window.controller.open_project(path)
    out = tmp_path / "ru.zip"
    choice = ExportChoice("ru", "vi", "xliff12", None, False, ",")
    assert curator_window.exchange.export_file(choice, out, package=True)
    qtbot.waitUntil(out.exists, timeout=15000)
    assert "captions-ru.xlf" in zipfile.ZipFile(out).namelist()


def test_catalogue_texts_in_the_plan_the_conflicts_and_undo(
    curator_window, project, dialogs, qtbot, tmp_path
) -> None:
    """The catalogue's own texts travel with the captions; a conflict waits in the dialog."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from curator.core.publishing.catalogue_texts import TextKey, read_texts, set_texts

    path, _ids = project
    exchange = curator_window.exchange
    curator_window.controller.open_project(path)
    service = curator_window.controller.service
    set_texts(service, [("title", "vi", "Việt Nam – Nga"), ("edition", "vi", "Lần thứ nhất")])
    po = tmp_path / "ru.po"
    assert exchange.export_file(ExportChoice("ru", "vi", "po", None, False, ","), po)
    qtbot.waitUntil(po.exists, timeout=10000)
    qtbot.waitUntil(lambda: service.exports.count() == 1)
    catalog = polib.pofile(str(po))
    by_key = {entry.msgctxt: entry for entry in catalog}
    by_key["catalogue:title"].msgstr = "Вьетнам – Россия"
    by_key["catalogue:edition"].msgstr = "Первое издание"
    catalog.save(str(po))
    # Meanwhile the curator writes the Russian title: a conflict.
    set_texts(service, [("title", "ru", "Вьетнам и Россия")])
    shown: list[QDialog] = []

    def hook(dialog: QDialog) -> None:
        shown.append(dialog)
        if isinstance(dialog, ImportPlanDialog):
            rows = {
                dialog.table.item(row, 2).text(): dialog.table.item(row, 3).text()
                for row in range(dialog.table.rowCount())
            }
            assert rows["Title"].startswith("Conflict")
            assert rows["Edition"].startswith("New translation")
            dialog.accept()
        else:
            assert isinstance(dialog, ConflictsDialog)
            assert dialog.table.rowCount() == 1
            assert dialog.table.item(0, 0).text() == "Catalogue"
            assert dialog.table.item(0, 2).text() == "Title"
            assert dialog.table.item(0, 3).text() == "Вьетнам и Россия"
            assert dialog.table.item(0, 4).text() == "Вьетнам – Россия"
            QTest.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
            assert dialog.table.rowCount() == 0
            dialog.reject()

    dialogs.dialog_hook = hook
    assert exchange.plan_file(po)
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=10000)
    texts = read_texts(service)
    assert texts.get(TextKey.TITLE, "ru") == "Вьетнам – Россия"
    assert texts.get(TextKey.EDITION, "ru") == "Первое издание"
    undo_stack = curator_window.captions.undo_stack
    undo_stack.undo()  # the choice
    assert read_texts(service).get(TextKey.TITLE, "ru") == "Вьетнам и Россия"
    assert [k.text for k in service.catalogue.kept()] == ["Вьетнам – Россия"]
    assert exchange.conflicts_action.isEnabled()
    undo_stack.undo()  # the import
    assert read_texts(service).get(TextKey.EDITION, "ru") == ""
    assert service.catalogue.kept() == []
    assert not exchange.conflicts_action.isEnabled()


def _translated(curator_window, ids: list[str], qtbot, tmp_path: Path) -> Path:
    """A Russian file exported from the window, photo 1's caption translated."""
    po = tmp_path / "ru.po"
    assert curator_window.exchange.export_file(ExportChoice("ru", "vi", "po", None, False, ","), po)
    qtbot.waitUntil(po.exists, timeout=10000)
    service = curator_window.controller.service
    qtbot.waitUntil(lambda: service.exports.count() == 1)
    catalog = polib.pofile(str(po))
    {entry.msgctxt: entry for entry in catalog}[f"{ids[0]}|caption"].msgstr = "Церемония"
    catalog.save(str(po))
    return po


def _apply_shown(curator_window, dialogs, ids: list[str], po: Path, qtbot):
    """Select photo 1, apply the file through its plan dialog; the Russian caption box."""
    library = curator_window.window.library
    library.view.selectionModel().select(
        library.model.index(library.model.row_of(ids[0])),
        library.view.selectionModel().SelectionFlag.ClearAndSelect,
    )
    box = curator_window.window.captions.cell("ru", CaptionField.CAPTION).editor
    assert box.toPlainText() == ""
    applied: list[QDialog] = []

    def hook(dialog: QDialog) -> None:
        assert isinstance(dialog, ImportPlanDialog)
        applied.append(dialog)
        dialog.accept()

    dialogs.dialog_hook = hook
    assert curator_window.exchange.plan_file(po)
    qtbot.waitUntil(lambda: bool(applied), timeout=10000)
    qtbot.waitUntil(lambda: box.toPlainText() == "Церемония", timeout=5000)  # shown at once
    return box


def test_ctrl_z_takes_an_applied_file_back_and_redo_brings_it_again(
    curator_window, project, dialogs, qtbot, tmp_path
) -> None:
    """The applied file is a change set on the window's undo stack, like any edit."""
    from PySide6.QtCore import Qt

    path, ids = project
    curator_window.controller.open_project(path)
    po = _translated(curator_window, ids, qtbot, tmp_path)
    box = _apply_shown(curator_window, dialogs, ids, po, qtbot)
    service = curator_window.controller.service
    captions = curator_window.captions
    assert captions.undo_action.text().endswith("Undo Import ru.po")
    window = curator_window.window
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert service.captions.get(ids[0], "ru", CaptionField.CAPTION).text == ""
    assert box.toPlainText() == ""
    assert captions.redo_action.isEnabled()
    captions.redo_action.trigger()
    assert service.captions.get(ids[0], "ru", CaptionField.CAPTION).text == "Церемония"
    assert box.toPlainText() == "Церемония"
    assert dialogs.errors == []


def test_undo_of_a_file_is_refused_once_the_caption_changed_since(
    curator_window, project, dialogs, qtbot, tmp_path
) -> None:
    from PySide6.QtCore import Qt

    path, ids = project
    curator_window.controller.open_project(path)
    po = _translated(curator_window, ids, qtbot, tmp_path)
    box = _apply_shown(curator_window, dialogs, ids, po, qtbot)
    service = curator_window.controller.service
    # Another writer (the command line, a colleague) rewrites the caption meanwhile.
    service.set_caption(ids[0], "ru", CaptionField.CAPTION, "Церемония подписания")
    window = curator_window.window
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [text[:42] for _title, text in dialogs.errors] == [
        "Cannot undo: someone else changed Caption "
    ]
    assert service.captions.get(ids[0], "ru", CaptionField.CAPTION).text == "Церемония подписания"
    assert box.toPlainText() == "Церемония подписания"
    assert not curator_window.captions.undo_stack.canUndo()  # the refused step left the stack
