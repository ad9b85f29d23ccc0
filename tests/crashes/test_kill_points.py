"""SIGKILL at many points of the jobs that write a project; after each, nothing is half done.

Every kill point runs a job (``crash_worker.py``) in its own process and kills it after a
given number of committed steps, or a given time after it started. Then the project must
open for writing, pass ``PRAGMA integrity_check`` and ``foreign_key_check``, hold no change
half applied, and running the job again must finish it. The counts of kill points are in
the README's reliability section.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from curator.core.editing import sections
from curator.core.editing.layout_service import DEFAULT_PANEL_SIZE_MM, auto_layout
from curator.core.model import CaptionField, Photo
from curator.core.services import ProjectService
from curator.core.storage.backups import list_snapshots, take_snapshot

WORKER = Path(__file__).with_name("crash_worker.py")
LANGUAGES = ("vi", "ru", "en")
FIELDS = (CaptionField.HEADLINE, CaptionField.CAPTION)


def kill_at(project: Path, mode: str, *args: str, ticks: int = 0, delay: float = 0.0) -> int:
    """Run the worker; SIGKILL it after ``ticks`` committed steps plus ``delay`` seconds.

    Returns how many steps it reported (it may finish before the kill: then all of them).
    """
    process = subprocess.Popen(
        [sys.executable, str(WORKER), mode, str(project), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    try:
        assert process.stdout.readline().strip() == "ready"
        seen = 0
        while seen < ticks and process.stdout.readline():
            seen += 1
        if delay:
            time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(30)
        seen += sum(1 for line in process.stdout if line.startswith("tick"))
    finally:
        process.kill()
        process.wait()
        process.stdout.close()
    return seen


def finish(project: Path, mode: str, *args: str) -> None:
    """Run the job again, to its end."""
    subprocess.run([sys.executable, str(WORKER), mode, str(project), *args], check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip


def check_whole(project: Path) -> None:
    """The project opens for writing and SQLite finds nothing wrong in it."""
    with ProjectService.open(project) as service:
        conn = service.store.conn
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _add_photos(service: ProjectService, count: int) -> list[str]:
    with service.store.transaction():
        return [
            service.photos.add(
                Photo(id="", path=Path(f"/p/{i}.jpg"), sha256=f"h{i}", width=4000, height=3000)
            ).id
            for i in range(count)
        ]


# -- a burst of caption edits ---------------------------------------------------------------


def _caption_rounds(project: Path) -> dict[str, set[str]]:
    with ProjectService.open(project, read_only=True) as service:
        texts: dict[str, set[str]] = {}
        for photo in service.photos.all():
            captions = {
                (c.language, c.field): c.text
                for c in service.captions.for_photo(photo.id)
                if c.field in FIELDS
            }
            texts[photo.id] = {captions.get((t, f), "") for t in LANGUAGES for f in FIELDS}
    return texts


@pytest.mark.parametrize(("ticks", "delay"), [(0, 0.0), (1, 0.0), (7, 0.0), (23, 0.0),
                                              (40, 0.002), (55, 0.0005)])  # fmt: skip
def test_kill_during_a_burst_of_caption_edits(project_path: Path, ticks: int, delay: float):
    with ProjectService.open(project_path) as service:
        _add_photos(service, 4)
    kill_at(project_path, "captions", ticks=ticks, delay=delay)
    check_whole(project_path)
    for photo_id, texts in _caption_rounds(project_path).items():
        assert len(texts) == 1, f"edit half applied to {photo_id}: {texts}"
    finish(project_path, "captions")
    rounds = _caption_rounds(project_path)
    assert all(len(texts) == 1 and next(iter(texts)) for texts in rounds.values())
    last = {next(iter(texts)).split()[1] for texts in rounds.values()}
    assert last == {"56", "57", "58", "59"}  # the last edit of each photo


# -- import ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def photo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("photos")
    for index in range(16):
        Image.new("RGB", (900, 600), (index * 15, 90, 200 - index * 10)).save(
            folder / f"{index:02}.jpg", quality=85
        )
    return folder


@pytest.mark.parametrize(("ticks", "delay"), [(0, 0.0), (0, 0.3), (1, 0.0), (4, 0.0),
                                              (9, 0.01), (14, 0.0)])  # fmt: skip
def test_kill_during_an_import(project_path: Path, photo_folder: Path, ticks: int, delay: float):
    kill_at(project_path, "import", str(photo_folder), ticks=ticks, delay=delay)
    check_whole(project_path)
    with ProjectService.open(project_path) as service:
        for photo in service.photos.all():  # every photo there is whole
            assert service.media.thumbnail(photo.id) is not None
            assert photo.width == 900 and photo.height == 600
    finish(project_path, "import", str(photo_folder))
    with ProjectService.open(project_path) as service:
        assert service.photos.count() == 16
        assert all(service.media.thumbnail(p.id) is not None for p in service.photos.all())


# -- layout ---------------------------------------------------------------------------------


def _panel_sizes(project: Path) -> set[tuple[float, float]]:
    with ProjectService.open(project, read_only=True) as service:
        sizes = set()
        for section in service.exhibition.sections():
            placed = [
                slot.photo_id
                for panel in service.exhibition.panels(section.id)
                for slot in service.exhibition.slots(panel.id)
            ]
            assert sorted(placed) == sorted(service.exhibition.photo_ids(section.id))
            sizes |= {(p.width_mm, p.height_mm) for p in service.exhibition.panels(section.id)}
    return sizes


@pytest.mark.parametrize("delay", [0.0, 0.002, 0.005, 0.01, 0.02, 0.04, 0.08, 0.15])
def test_kill_during_a_layout_change(project_path: Path, delay: float):
    with ProjectService.open(project_path) as service:
        ids = _add_photos(service, 120)
        for start in range(0, 120, 30):
            sections.add_section(
                service, {"en": f"Part {start}"}, photo_ids=ids[start : start + 30]
            )
        auto_layout(service)
    old = {DEFAULT_PANEL_SIZE_MM}
    new = {(841.0, 1189.0)}
    kill_at(project_path, "layout", delay=delay)
    check_whole(project_path)
    assert _panel_sizes(project_path) in (old, new)  # one transaction: all or nothing
    for snapshot in list_snapshots(project_path):  # a killed snapshot is never listed
        conn = sqlite3.connect(snapshot.path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    finish(project_path, "layout")
    assert _panel_sizes(project_path) == new


# -- snapshots and restore ------------------------------------------------------------------


@pytest.mark.parametrize("delay", [0.0, 0.003, 0.01, 0.03, 0.1])
def test_kill_while_taking_a_snapshot(project_path: Path, delay: float):
    with ProjectService.open(project_path) as service:
        _add_photos(service, 200)
    before = dump(project_path)
    kill_at(project_path, "snapshot", delay=delay)
    check_whole(project_path)
    assert dump(project_path) == before
    listed = list_snapshots(project_path)
    for snapshot in listed:
        assert dump(snapshot.path) == before
    finish(project_path, "snapshot")
    assert len(list_snapshots(project_path)) == len(listed) + 1


@pytest.mark.parametrize("delay", [0.0, 0.002, 0.005, 0.01, 0.02, 0.05])
def test_kill_while_restoring(project_path: Path, delay: float):
    with ProjectService.open(project_path) as service:
        ids = _add_photos(service, 200)
        service.set_caption(ids[0], "vi", CaptionField.CAPTION, "bản cũ")
        snapshot = take_snapshot(service.store, "manual")
        service.set_caption(ids[0], "vi", CaptionField.CAPTION, "bản mới")
    old, current = dump(snapshot.path), dump(project_path)
    kill_at(project_path, "restore", snapshot.name, delay=delay)
    assert dump(project_path) in (old, current)  # either the project or the snapshot, whole
    check_whole(project_path)
    finish(project_path, "restore", snapshot.name)
    assert dump(project_path) == old
