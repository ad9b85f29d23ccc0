"""The glossary controller without a shown window: import, export and the check, on a real project.

The controller is built as the window builds it (a main window that is never shown, the
project controller, recording dialogs); what is asserted is what the person would see: the
terms in the dock, the status line, the message that names the file, the project unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from curator.core.model import CaptionField, Photo
from curator.core.services import ProjectService
from curator.core.storage.backups import list_snapshots
from curator.ui.controllers.backup_controller import BackupController
from curator.ui.controllers.glossary_controller import GlossaryController
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.main_window import MainWindow
from curator.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui

TERMS = (
    "code;kind;vi;ru;en;forbidden:ru\n"
    "vvt;person;Vũ Việt Trang;Ву Вьет Чанг;Vu Viet Trang;Ву Вьет Транг\n"
)


@dataclass
class Bench:
    window: MainWindow
    projects: ProjectController
    tasks: TaskRunner
    glossary: GlossaryController


def _bench(w, *, backups: bool) -> Bench:
    guard = BackupController(w.window, w.projects, w.dialogs, w.tasks) if backups else None
    glossary = GlossaryController(w.window, w.projects, w.dialogs, w.tasks, guard)
    return Bench(w.window, w.projects, w.tasks, glossary)


@pytest.fixture
def bench(hidden_window) -> Bench:
    return _bench(hidden_window, backups=False)


@pytest.fixture
def guarded(hidden_window) -> Bench:
    return _bench(hidden_window, backups=True)


@pytest.fixture
def terms(tmp_path: Path) -> Path:
    path = tmp_path / "names.csv"
    path.write_text(TERMS, encoding="utf-8-sig")
    return path


@pytest.fixture
def photo_id(project_path: Path, tmp_path: Path) -> str:
    """A photo whose Russian caption uses the forbidden spelling of a name."""
    from PIL import Image

    image = tmp_path / "a.jpg"
    Image.new("RGB", (40, 30)).save(image)
    with ProjectService.open(project_path) as service:
        with service.store.transaction():
            photo = service.photos.add(Photo(id="", path=image, sha256="a", width=40, height=30))
        service.set_caption(photo.id, "ru", CaptionField.CAPTION, "Директор Ву Вьет Транг")
    return photo.id


def _table(bench: Bench) -> list[list[str]]:
    table = bench.window.glossary.table
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def _stored(path: Path) -> list[dict[str, str]]:
    with ProjectService.open(path, read_only=True) as service:
        return [dict(entry.terms) for entry in service.glossary.all()]


def test_an_import_shows_the_terms_and_says_how_many_were_added(bench, project_path, terms):
    reloaded: list[bool] = []
    bench.glossary.on_reloaded = lambda: reloaded.append(True)
    assert bench.projects.open_project(project_path)
    assert bench.glossary.import_file(terms)
    assert _table(bench) == [
        ["vvt", "person", "Vũ Việt Trang", "Ву Вьет Чанг", "Vu Viet Trang"],
    ]
    assert bench.window.statusBar().currentMessage() == "Glossary: 1 added, 0 replaced"
    assert reloaded  # spelling follows the glossary
    terms.write_text(TERMS.replace("Vu Viet Trang", "Vu Viet Trang (Ms)"), encoding="utf-8-sig")
    assert bench.glossary.import_file(terms)
    assert bench.window.statusBar().currentMessage() == "Glossary: 0 added, 1 replaced"
    assert _table(bench)[0][4] == "Vu Viet Trang (Ms)"
    bench.projects.close_project()
    assert _stored(project_path)[0]["en"] == "Vu Viet Trang (Ms)"


def test_an_import_that_changes_the_glossary_waits_for_its_backup(
    guarded, project_path, terms, qtbot
):
    assert guarded.projects.open_project(project_path)
    assert list_snapshots(project_path) == []
    assert guarded.glossary.import_file(terms)
    qtbot.waitUntil(lambda: guarded.window.glossary.table.rowCount() == 1, timeout=10000)
    [snapshot] = list_snapshots(project_path)
    assert snapshot.detail == "names.csv"
    # The snapshot is the project as it was before the import: without the term.
    with ProjectService.open(snapshot.path, read_only=True) as before:
        assert before.glossary.all() == []


def test_a_malformed_file_is_refused_naming_its_line_and_nothing_changes(
    bench, dialogs, project_path, terms, tmp_path
):
    assert bench.projects.open_project(project_path)
    assert bench.glossary.import_file(terms)
    bad = tmp_path / "bad.csv"
    bad.write_text("code,kind,vi\nx,spaceship,Tàu\n", encoding="utf-8")
    assert not bench.glossary.import_file(bad)
    [(title, text)] = dialogs.errors
    assert title == "Cannot import the glossary"
    assert "bad.csv" in text and "2" in text
    assert [row[0] for row in _table(bench)] == ["vvt"]


def test_a_read_only_project_refuses_an_import_and_greys_the_button(
    bench, dialogs, project_path, terms, qtbot
):
    with ProjectService.open(project_path):  # someone else has it open: the window asks
        dialogs.confirm_answer = True
        assert bench.projects.open_project(project_path)
        assert bench.projects.service is not None and bench.projects.service.read_only
        assert not bench.window.glossary.import_button.isEnabled()
        assert not bench.glossary.import_file(terms)
        assert _table(bench) == [] and dialogs.errors == []  # the button was greyed anyway
        bench.glossary.check()  # but the captions can be checked: a worker reads them
        label = bench.window.glossary.findings_label
        qtbot.waitUntil(lambda: label.text() == "No problems found.", timeout=10000)
        assert dialogs.errors == []
        bench.projects.close_project()
    assert _stored(project_path) == []


def test_the_import_button_asks_for_a_file_and_a_cancel_imports_nothing(
    bench, dialogs, project_path, terms
):
    assert bench.projects.open_project(project_path)
    shown: list[QFileDialog] = []

    def cancel(dialog: QFileDialog) -> None:
        shown.append(dialog)
        dialog.reject()

    dialogs.dialog_hook = cancel
    bench.window.glossary.import_requested.emit()
    assert len(shown) == 1 and shown[0].fileMode() == QFileDialog.FileMode.ExistingFile
    assert _table(bench) == [] and dialogs.errors == []

    def choose(dialog: QFileDialog) -> None:
        dialog.selectFile(str(terms))
        dialog.accept()

    dialogs.dialog_hook = choose
    bench.window.glossary.import_requested.emit()
    assert [row[0] for row in _table(bench)] == ["vvt"]


def test_the_export_button_writes_the_chosen_file(bench, dialogs, project_path, terms, tmp_path):
    assert bench.projects.open_project(project_path)
    assert bench.glossary.import_file(terms)
    target = tmp_path / "out" / "glossary.tbx"
    target.parent.mkdir()

    def choose(dialog: QFileDialog) -> None:
        assert dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
        dialog.selectFile(str(target))
        dialog.accept()

    dialogs.dialog_hook = choose
    bench.window.glossary.export_requested.emit()
    assert "Ву Вьет Чанг" in target.read_text(encoding="utf-8")
    assert bench.window.statusBar().currentMessage() == f"Glossary written to {target}"


def test_an_export_onto_the_project_file_is_refused_and_the_project_kept(
    bench, dialogs, project_path, terms, tmp_path
):
    assert bench.projects.open_project(project_path)
    assert bench.glossary.import_file(terms)
    link = tmp_path / "glossary.csv"  # a name that looks harmless, but is the project file
    link.symlink_to(project_path)
    before = project_path.read_bytes()
    assert not bench.glossary.export_file(link)
    [(title, text)] = dialogs.errors
    assert title == "Cannot export the glossary"
    assert "glossary.csv is the project file" in text
    assert project_path.read_bytes() == before and link.is_symlink()
    bench.projects.close_project()
    assert _stored(project_path)[0]["ru"] == "Ву Вьет Чанг"


def test_without_a_project_nothing_is_imported_exported_or_checked(bench, terms, tmp_path):
    assert not bench.glossary.import_file(terms)
    assert not bench.glossary.export_file(tmp_path / "out.csv")
    bench.glossary.check()
    assert not (tmp_path / "out.csv").exists()
    assert bench.window.glossary.findings_label.text() != "Checking…"
    assert not bench.window.glossary.check_button.isEnabled()


def test_the_check_finds_a_forbidden_spelling_and_leads_to_its_photo(
    bench, project_path, photo_id, terms, qtbot
):
    assert bench.projects.open_project(project_path)
    assert bench.glossary.import_file(terms)
    findings = bench.window.glossary.findings
    bench.glossary.check()
    qtbot.waitUntil(lambda: findings.count() == 1, timeout=10000)
    assert "Ву Вьет Транг" in findings.item(0).text()
    assert bench.window.glossary.findings_label.text() == "1 problem found"
    bench.window.library.view.clearSelection()
    assert bench.window.library.selected_photo_ids() == []
    bench.window.glossary.finding_activated.emit(photo_id)
    assert bench.window.library.selected_photo_ids() == [photo_id]
    bench.projects.close_project()  # closing forgets the findings
    assert findings.count() == 0 and _table(bench) == []
