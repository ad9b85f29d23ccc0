"""The window follows change sets: an edit reads back only what it changed.

Statement counts are SQLite's trace of the window's own connection: deterministic, and the
same for a small project and a ten times larger one.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QItemSelectionModel

from curator.core.checks.readiness import readiness
from curator.core.model import CaptionField, CaptionStatus, GlossaryKind, Photo
from curator.core.repositories.media import StoredThumbnail
from curator.core.services import ProjectService
from curator.ui.views.exhibition_panel import _moved

pytestmark = pytest.mark.gui

_buffer = io.BytesIO()
Image.new("RGB", (96, 64), (90, 120, 200)).save(_buffer, "JPEG")
_JPEG = _buffer.getvalue()

#: At most this many statements for one caption commit (issue 20).
CAPTION_COMMIT_STATEMENTS = 10


def _build(path: Path, photos: int, sections: int, terms: int) -> None:
    with (
        ProjectService.create(path, title="T", languages=["vi", "ru", "en"]) as service,
        service.store.transaction(),
    ):
        ids = [
            service.photos.add(
                Photo(id="", path=path.parent / f"{i}.jpg", sha256=f"{i:064x}", width=6, height=4)
            ).id
            for i in range(photos)
        ]
        for photo_id in ids:  # a stored thumbnail: the library reads it once, then keeps it
            service.media.put_thumbnail(photo_id, StoredThumbnail(96, 64, _JPEG))
            for tag in ("vi", "ru", "en"):
                service.captions.set(photo_id, tag, CaptionField.HEADLINE, f"{tag} {photo_id}")
        per = photos // (sections + 1)  # the last share stays in no section
        for number in range(sections):
            section = service.exhibition.add_section({"en": f"Section {number}"})
            service.exhibition.assign(section.id, ids[number * per : (number + 1) * per])
        for number in range(terms):
            service.glossary.add(GlossaryKind.PLACE, {"en": f"Place {number}"}, code=f"p{number}")


def _select(bundle, rows: range) -> None:
    library = bundle.window.library
    selection = library.view.selectionModel()
    flag = QItemSelectionModel.SelectionFlag
    selection.setCurrentIndex(library.model.index(rows[0]), flag.ClearAndSelect)
    for row in rows[1:]:
        selection.select(library.model.index(row), flag.Select)


def _sql(statement: str) -> bool:
    # SQLite traces the statements FTS5 runs inside the caption index too; they are its own.
    return not statement.startswith("--") and "'main'." not in statement


def _commit_counts(bundle, qtbot, path: Path) -> dict[str, int]:
    bundle.controller.open_project(path)
    qtbot.waitUntil(lambda: bundle.window.library.model.rowCount() > 0, timeout=20000)
    service = bundle.controller.service
    _select(bundle, range(3, 4))
    qtbot.wait(300)  # the thumbnails on view arrive
    counts = {}
    for field in ("caption", "headline"):
        statements: list[str] = []
        service.store.conn.set_trace_callback(statements.append)
        bundle.window.captions.text_edited.emit(field, "en", f"A new {field}")
        qtbot.wait(50)  # what the commit set off (repaints, queued signals) runs too
        service.store.conn.set_trace_callback(None)
        counts[field] = len([s for s in statements if _sql(s)])
    bundle.controller.close_project()
    return counts


def test_a_caption_commit_runs_a_few_statements_at_any_size(
    curator_window, qtbot, tmp_path: Path
) -> None:
    small, large = tmp_path / "small.curator", tmp_path / "large.curator"
    _build(small, 60, 3, 20)
    _build(large, 600, 30, 200)
    small_counts = _commit_counts(curator_window, qtbot, small)
    large_counts = _commit_counts(curator_window, qtbot, large)
    assert small_counts == large_counts
    assert max(large_counts.values()) <= CAPTION_COMMIT_STATEMENTS, large_counts


@pytest.fixture
def opened(curator_window, qtbot, tmp_path: Path):
    path = tmp_path / "p.curator"
    _build(path, 40, 3, 5)
    curator_window.controller.open_project(path)
    qtbot.waitUntil(lambda: curator_window.window.library.model.rowCount() == 40, timeout=20000)
    return curator_window, curator_window.controller.service


def test_edits_and_undo_keep_readiness_and_panels_as_a_full_read_would(opened, qtbot) -> None:
    bundle, service = opened
    window = bundle.window
    _select(bundle, range(0, 4))
    qtbot.wait(20)
    photo_ids = window.library.selected_photo_ids()
    window.captions.text_edited.emit("caption", "ru", "Переговоры")
    window.captions.status_chosen.emit("caption", "ru", CaptionStatus.FINAL.value)
    window.captions.text_edited.emit("headline", "en", "Talks")
    state = window.captions.field_state("ru", CaptionField.CAPTION)
    assert (state.text, state.status) == ("Переговоры", CaptionStatus.FINAL)
    assert window.readiness._report == readiness(service)
    assert window.readiness.table.item(1, 1).text() == "4/40"  # ru captions final
    model = window.library.model
    assert {model.item(model.row_of(pid)).headlines["en"] for pid in photo_ids} == {"Talks"}
    bundle.captions.undo_action.trigger()  # the headline
    bundle.captions.undo_action.trigger()  # the status
    state = window.captions.field_state("ru", CaptionField.CAPTION)
    assert (state.text, state.status) == ("Переговоры", CaptionStatus.DRAFT)
    assert window.readiness._report == readiness(service)
    assert window.readiness.table.item(1, 1).text() == "0/40"
    assert {model.item(model.row_of(pid)).headlines["en"] for pid in photo_ids} == {
        f"en {pid}" for pid in photo_ids
    }
    bundle.captions.redo_action.trigger()
    assert service.queries.caption(photo_ids[0], "ru", CaptionField.CAPTION).status == (
        CaptionStatus.FINAL
    )
    assert window.readiness._report == readiness(service)


def test_a_section_move_reorders_the_tree_and_readiness_without_a_rebuild(opened) -> None:
    bundle, service = opened
    window = bundle.window
    tree = window.exhibition.tree
    first, second, third = service.queries.section_order()
    kept = tree.topLevelItem(0)  # the rows are moved, not made anew
    assert bundle.sections.move_section(first, 2)
    shown = [tree.topLevelItem(i).text(0) for i in range(3)]
    assert shown == ["1. Section 1", "2. Section 2", "3. Section 0"]
    assert tree.topLevelItem(2) is kept and kept.childCount() == 10 and kept.isExpanded()
    assert [s.section_id for s in window.readiness._report.sections] == [second, third, first]
    assert window.readiness.scope.itemText(3) == "3. Section 0"
    bundle.captions.undo_action.trigger()
    assert service.queries.section_order() == [first, second, third]
    assert tree.topLevelItem(0).text(0) == "1. Section 0"
    assert window.readiness._report == readiness(service)


def test_a_section_chosen_in_readiness_stays_chosen_when_it_moves(opened) -> None:
    bundle, service = opened
    panel = bundle.window.readiness
    first, _second, _third = service.queries.section_order()
    panel.scope.setCurrentIndex(1)  # "1. Section 0"
    cells = [panel.table.item(row, 0) for row in range(panel.table.rowCount())]
    counts = [cell.text() for cell in cells]
    assert bundle.sections.move_section(first, 2)
    assert panel.scope.currentIndex() == 3
    assert panel.scope.currentText() == "3. Section 0"
    # The same counts of the same scope: the cells are kept, not made anew.
    assert [panel.table.item(row, 0) for row in range(panel.table.rowCount())] == cells
    assert [cell.text() for cell in cells] == counts
    bundle.captions.undo_action.trigger()
    assert panel.scope.currentText() == "1. Section 0"


def test_only_the_rows_out_of_place_move() -> None:
    assert _moved(list("abcd"), list("bcad")) == ["a"]  # dragged down
    assert _moved(list("abcd"), list("dabc")) == ["d"]  # dragged up
    assert _moved(list("abcd"), list("abcd")) == []
    assert _moved(list("abcd"), list("badc")) == list("badc")  # two swaps: each to its place
