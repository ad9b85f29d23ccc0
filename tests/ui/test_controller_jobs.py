"""What the window's controllers do, without a window: their jobs and reports on a real project.

Each controller hands its work to a job (run on a worker by the window) or turns a result into
what the person reads. These tests call those directly on the demo exhibition, so what the
window does with a project is checked in milliseconds and without a main window.
"""

from __future__ import annotations

import csv
import hashlib
import sqlite3
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from curator.core.delivery_planning.settings import stored_options
from curator.core.editing.shortlist import set_marks
from curator.core.errors import CancelledError
from curator.core.library.photo_filter import FlagFilter, PhotoFilter
from curator.core.model import CaptionField, Photo, PhotoFlag
from curator.core.services import ProjectService
from curator.core.storage.protected_files import ProtectedFileError
from curator.core.translators.exchange_plan import PlanAction
from curator.deliver.service import deliver
from curator.demo import write_demo
from curator.ui.controllers.deliver_controller import default_folder, report_lines, report_summary
from curator.ui.controllers.exchange_controller import _export_job, _plan_job
from curator.ui.controllers.project_settings_controller import _slow
from curator.ui.controllers.project_view_data import read_view_data as _read_view_data
from curator.ui.controllers.shortlist_controller import _filter_in
from curator.ui.controllers.spell_controller import _read_known_words
from curator.ui.views.exchange_dialogs import ExportChoice


def _no_progress(_done: int, _total: int) -> None:
    """The job's progress, which these tests do not watch."""


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[ProjectService]:
    path, created = write_demo(tmp_path / "demo")
    assert created
    with ProjectService.open(path) as service:
        yield service


def _photos(service: ProjectService) -> list[Photo]:
    return list(service.photos.all())


def _choice(fmt: str = "csv") -> ExportChoice:
    return ExportChoice(
        target_language="ru",
        source_language="vi",
        fmt=fmt,
        section_id=None,
        only_unfinished=False,
        csv_separator=",",
    )


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- the translator's files (ExchangeController) --------------------------------------------


def test_translator_export_job_writes_every_caption_of_the_language(demo, tmp_path) -> None:
    target = tmp_path / "ru.csv"
    count = _export_job(_choice(), target, package=False)(demo, _no_progress, threading.Event())
    with target.open(encoding="utf-8-sig", newline="") as handle:
        every = list(csv.DictReader(handle))
    # The captions, then the catalogue's own texts (the demo has a title and a foreword).
    rows = [row for row in every if not row["key"].startswith("catalogue:")]
    texts = {row["key"]: row["source"] for row in every if row["key"].startswith("catalogue:")}
    assert every[: len(rows)] == rows and texts["catalogue:title"]
    assert count == len(rows) > 0
    for row in rows:  # each caption with its Vietnamese source, as the project holds it
        photo_id, field_name = row["key"].split("|")
        source = demo.captions.get(photo_id, "vi", CaptionField(field_name))
        assert source is not None and row["source"] == source.text
    assert {row["key"].split("|")[0] for row in rows} == {p.id for p in _photos(demo)}


def test_translator_package_job_zips_what_the_translator_needs(demo, tmp_path) -> None:
    target = tmp_path / "ru.zip"
    _export_job(_choice("po"), target, package=True)(demo, _no_progress, threading.Event())
    with zipfile.ZipFile(target) as archive:
        suffixes = sorted(Path(name).suffix for name in archive.namelist())
    assert ".po" in suffixes and ".pdf" in suffixes and ".tbx" in suffixes


def test_translator_export_job_never_writes_over_the_project(demo) -> None:
    before = _digest(demo.path)
    job = _export_job(_choice(), demo.path, package=False)
    with pytest.raises(ProtectedFileError):
        job(demo, _no_progress, threading.Event())
    assert _digest(demo.path) == before
    assert len(_photos(demo)) == 9


def test_a_cancelled_translator_export_leaves_no_file(demo, tmp_path) -> None:
    target = tmp_path / "ru.csv"
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(CancelledError):
        _export_job(_choice(), target, package=False)(demo, _no_progress, cancel)
    assert list(tmp_path.glob("ru.csv*")) == []


def test_plan_job_reads_a_translators_file_and_names_its_photos(demo, tmp_path) -> None:
    target = tmp_path / "ru.csv"
    _export_job(_choice(), target, package=False)(demo, _no_progress, threading.Event())
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    body[0][header.index("target")] = "Новый перевод"
    with target.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *body])
    plan, names = _plan_job(demo, target, threading.Event())
    changed = [e for e in plan.entries if e.action in (PlanAction.NEW, PlanAction.CHANGED)]
    assert [e.key for e in changed] == [body[0][header.index("key")]]
    assert changed[0].incoming_text == "Новый перевод"
    assert names == {photo.id: photo.path.name for photo in _photos(demo)}


# -- the delivery report (DeliverController) -------------------------------------------------


def test_delivery_report_says_what_was_delivered_and_what_failed(demo, tmp_path) -> None:
    missing = _photos(demo)[0]
    missing.path.rename(tmp_path / "away.jpg")
    folder = default_folder(demo)
    assert folder == demo.path.parent / "vietnam-russia-demo-delivery"
    folder.mkdir()
    report = deliver(demo, folder, stored_options(demo))
    summary = report_summary(report)
    assert f"8 of 9 photos delivered to {folder}." in summary
    assert "1 photo has errors." in summary
    lines = report_lines(report)
    delivered = [line for line in lines if " → " in line]
    assert len(delivered) == 8
    names = [line.split(" → ")[1].split("  ")[0] for line in delivered]
    assert sorted(names) == sorted(path.name for path in folder.iterdir())
    errors = [line for line in lines if line.startswith("  error: ")]
    assert len(errors) == 1


# -- what the window shows of a project (ProjectController, ShortlistController) -------------


def test_view_data_gives_each_photo_a_headline_in_the_interface_language_or_else(demo) -> None:
    first, second = _photos(demo)[:2]
    # English interface: the English headline; without one the source language's (vi),
    # then the first project language that has one.
    demo.set_caption(first.id, "en", CaptionField.HEADLINE, "")
    demo.set_caption(first.id, "vi", CaptionField.HEADLINE, "")
    demo.set_caption(first.id, "ru", CaptionField.HEADLINE, "Заголовок")
    demo.set_caption(second.id, "en", CaptionField.HEADLINE, "")
    demo.set_caption(second.id, "vi", CaptionField.HEADLINE, "Tiêu đề")
    data = _read_view_data(demo)
    headlines = {item.photo.id: item.headline for item in data.items}
    assert headlines[first.id] == "Заголовок"
    assert headlines[second.id] == "Tiêu đề"
    assert data.info.counts.photos == 9
    assert [len(ids) for _section, ids in data.sections] == [2, 3, 4]


def test_filter_job_finds_the_picked_photos_and_closes_its_connection(demo) -> None:
    picked = [photo.id for photo in _photos(demo)[:3]]
    set_marks(demo, picked, rating=4, flag=PhotoFlag.PICK)
    worker = ProjectService.open(demo.path, read_only=True)
    found = _filter_in(worker, PhotoFilter(min_rating=4, flag=FlagFilter.PICKED))
    assert found == set(picked)
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        worker.store.conn.execute("SELECT 1")


# -- spelling and settings (SpellController, ProjectSettingsController) ----------------------


def test_known_words_are_the_glossarys_and_the_credited_names_per_language(demo) -> None:
    known = _read_known_words(demo)
    assert set(known) == {"vi", "ru", "en"}
    # Glossary names (Kondrashov) and credited photographers (Morozov), each in its script,
    # as the spell checker compares them: folded to lower case.
    assert {"кондрашов", "морозов", "москва"} <= known["ru"]
    assert {"kondrashov", "morozov", "moscow"} <= known["en"]
    assert not {"кондрашов", "морозов"} & known["en"]
    assert "moskva" in known["vi"]


def test_only_a_credit_template_change_is_written_with_progress(demo) -> None:
    assert _slow(demo, {"credits.vi.photo": "Ảnh: {photographer}"})
    assert not _slow(demo, {"catalogue.bleed_mm": 5.0})
    assert not _slow(demo, {"delivery.iim": "never"})
