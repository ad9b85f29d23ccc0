"""Translation-memory suggestions in the caption editor (issue 22, point 2), on the demo
exhibition after a second exhibition with a like caption went into the person's memory."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from curator.core.model import CaptionField, CaptionStatus, Photo
from curator.core.services import CaptionEdit, ProjectService
from curator.core.storage.data_folder import data_home
from curator.demo import write_demo
from curator.memory import MemoryStore, default_memory_path
from curator.memory.projects import project_drafts
from curator.ui.views.memory_suggestions import highlighted_source

pytestmark = pytest.mark.gui

TRANSLATION = "Цветы лотоса в пруду – летний символ Вьетнама."


def _second_exhibition(tmp_path: Path, source: str) -> None:
    """An earlier exhibition whose caption differs from ``source`` by one word, in memory."""
    words = source.split()
    words[-1] = "xưa."
    path = tmp_path / "2024.curator"
    with ProjectService.create(path, title="Triển lãm 2024", languages=["vi", "ru"]) as service:
        with service.store.transaction():
            photo = service.photos.add(
                Photo(id="", path=Path("/p/old.jpg"), sha256="old", width=6, height=4)
            )
        service.set_captions(
            [
                CaptionEdit(
                    photo.id, "vi", CaptionField.CAPTION, " ".join(words), CaptionStatus.FINAL
                ),
                CaptionEdit(photo.id, "ru", CaptionField.CAPTION, TRANSLATION, CaptionStatus.FINAL),
            ]
        )
        with MemoryStore(default_memory_path()) as memory:
            assert memory.add(project_drafts(service)) == (1, 0)


def test_suggestions_show_under_an_empty_translation_and_ctrl_m_inserts(
    curator_window, tmp_path: Path, qtbot, monkeypatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_memory_path().is_relative_to(data_home())
    demo, _created = write_demo(tmp_path / "demo")
    with ProjectService.open(demo, read_only=True) as service:
        photo_id = next(
            p.id
            for p in service.photos.all()
            if (c := service.captions.get(p.id, "ru", CaptionField.CAPTION)) is None or not c.text
        )
        source = service.captions.get(photo_id, "vi", CaptionField.CAPTION).text
    _second_exhibition(tmp_path, source)
    bundle = curator_window
    assert bundle.controller.open_project(demo)
    window = bundle.window
    row = window.library.model.row_of(photo_id)
    view = window.library.view
    view.clearSelection()
    view.selectionModel().select(
        window.library.model.index(row), view.selectionModel().SelectionFlag.Select
    )
    cell = window.captions.cell("ru", CaptionField.CAPTION)
    cell.editor.setFocus()
    qtbot.waitUntil(lambda: bundle.memory.box.isVisible(), timeout=10000)
    found = bundle.memory.suggestions()
    assert found[0].text == TRANSLATION and 80 <= found[0].score < 100
    assert found[0].origin == "Triển lãm 2024"
    first = bundle.memory.box.rows[0].text()
    assert TRANSLATION in first and "Triển lãm 2024" in first and "background-color" in first
    # The source language never gets suggestions; focus moves the list away.
    window.captions.cell("vi", CaptionField.CAPTION).editor.setFocus()
    qtbot.waitUntil(lambda: not bundle.memory.box.isVisible(), timeout=5000)
    cell.editor.setFocus()
    qtbot.waitUntil(lambda: bundle.memory.box.isVisible(), timeout=10000)
    qtbot.keyClick(cell.editor, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert cell.editor.toPlainText() == TRANSLATION
    with ProjectService.open(demo, read_only=True) as service:
        caption = service.captions.get(photo_id, "ru", CaptionField.CAPTION)
    assert caption.text == TRANSLATION and caption.status == CaptionStatus.DRAFT


def test_the_differing_words_are_marked() -> None:
    marked = highlighted_source("Hoa sen nở trong ao xưa.", "Hoa sen nở trong ao làng.")
    assert marked.startswith("Hoa sen nở trong ao ")
    assert marked.endswith('<span style="background-color: #ffe08a;">xưa.</span>')


def test_the_checks_view_lists_goes_to_and_accepts_findings(
    curator_window, tmp_path: Path, qtbot
) -> None:
    demo, _created = write_demo(tmp_path / "demo")
    bundle = curator_window
    assert bundle.controller.open_project(demo)
    service = bundle.controller.service
    photo_id = next(
        p.id for p in service.photos.all() if p.path.name == "05-exhibition.jpg"
    )  # the exhibition in Moscow
    service.set_captions(
        [
            CaptionEdit(
                photo_id,
                "ru",
                CaptionField.CAPTION,
                "Посетители фотовыставки ВИА и ТАСС в Москве в 1957 году.",
            )
        ]
    )
    assert bundle.checks.action in bundle.captions.keyboard.menu.actions()
    bundle.checks.action.trigger()
    qtbot.waitUntil(lambda: bundle.checks.findings() != [], timeout=15000)
    found = bundle.checks.findings()
    assert [(f.photo_id, f.language, f.field, f.code) for f in found] == [
        (photo_id, "ru", "caption", "number-mismatch")
    ]
    tree = bundle.checks.view.tree
    bundle.checks.go_to(tree.topLevelItem(0))
    assert bundle.window.library.selected_photo_ids() == [photo_id]
    qtbot.waitUntil(
        lambda: (
            bundle.window.captions.current_cell()
            is bundle.window.captions.cell("ru", CaptionField.CAPTION)
        ),
        timeout=5000,
    )
    tree.topLevelItem(0).setSelected(True)
    bundle.checks.view.accept_button.click()
    assert tree.topLevelItemCount() == 0
    # Kept in the project: a fresh check finds nothing.
    bundle.checks.action.trigger()
    qtbot.waitUntil(lambda: "nothing found" in bundle.checks.view.summary.text(), timeout=15000)
    with ProjectService.open(demo, read_only=True) as reader:
        assert len(reader.memory_units.accepted()) == 1
