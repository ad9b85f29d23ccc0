"""A full or read-only disk under a translator's file being applied and a catalogue export.

Each ends with a clear message; the project is intact and no output is left looking complete.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from curator.core.errors import CuratorError
from curator.core.services import ProjectService
from curator.core.translators.exchange_apply import apply_plan
from curator.core.translators.exchange_plan import plan_import
from curator.demo import write_demo
from curator.exchange.captions import read_caption_file
from curator.export.catalogue import export_catalogue
from curator.export.text_measure import ReportlabMeasure
from tests.crashes.test_kill_exchange_export import _russian, _translated_po


def _mount(point: Path, options: str) -> Iterator[Path]:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a tmpfs")
    point.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)]).returncode:
        pytest.skip("cannot mount tmpfs here")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)])


@pytest.fixture
def tiny(tmp_path: Path) -> Iterator[Path]:
    yield from _mount(tmp_path / "tiny", "size=4m")


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    yield from _mount(tmp_path / "ro", "size=1m,ro")


def test_applying_on_a_full_disk_says_so_and_keeps_the_project(tiny: Path, tmp_path: Path):
    project = tiny / "p.curator"
    ProjectService.create(project, title="T", languages=["vi", "ru"]).close()
    po = _translated_po(project, tmp_path, 1500)
    with ProjectService.open(project) as service:
        plan = plan_import(service, read_caption_file(po), po)
        # The disk fills up while the project is open.
        filler = tiny / "filler"
        with filler.open("wb", buffering=0) as handle:
            try:
                while True:
                    handle.write(b"\0" * 16384)
            except OSError:
                pass
        with pytest.raises(CuratorError) as raised:
            apply_plan(service, plan)  # the snapshot before it cannot be written
        message = raised.value.message.lower()
        assert "backup" in message and "nothing was changed" in message
        with pytest.raises(CuratorError, match="disk is full"):
            apply_plan(service, plan, backup=False)
        assert not list(tiny.glob("*.curator-backups/*.curator"))  # no partial snapshot
    conn = sqlite3.connect(project)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert _russian(project) == set()  # nothing half applied
    filler.unlink()  # room again: the same file applies
    with ProjectService.open(project) as service:
        apply_plan(service, plan_import(service, read_caption_file(po), po), backup=False)
    assert len(_russian(project)) == 1500


@pytest.fixture(scope="module")
def noisy_photos(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Photos whose thumbnails and previews do not compress away (random pixels)."""
    from PIL import Image

    folder = tmp_path_factory.mktemp("noisy")
    for index in range(24):
        Image.frombytes("RGB", (1200, 800), os.urandom(1200 * 800 * 3)).save(
            folder / f"{index:02}.jpg", quality=90
        )
    return folder


def test_importing_onto_a_full_disk_says_so_and_keeps_every_photo_whole(
    tiny: Path, noisy_photos: Path
) -> None:
    from curator.ingest.importer import import_paths

    project = tiny / "p.curator"
    ProjectService.create(project, title="T", languages=["vi", "ru"]).close()
    with ProjectService.open(project) as service:
        with (tiny / "filler").open("wb", buffering=0) as handle:
            handle.write(b"\0" * (3900 * 1024))  # leaves about 200 kB: a few thumbnails
        with pytest.raises(CuratorError, match="disk is full"):
            import_paths(service, [noisy_photos])
        kept = service.photos.count()
        assert all(service.media.thumbnail(p.id) is not None for p in service.photos.all())
    conn = sqlite3.connect(project)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert kept < 24
    (tiny / "filler").unlink()
    with ProjectService.open(project) as service:  # with room again, importing completes it
        import_paths(service, [noisy_photos])
        assert service.photos.count() == 24


@pytest.fixture(scope="module")
def demo_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path, _created = write_demo(tmp_path_factory.mktemp("demo"))
    return path


def test_exporting_onto_a_full_disk_leaves_no_pdf(tiny: Path, demo_project: Path) -> None:
    output = tiny / "catalogue.pdf"
    # Fill the disk but for 200 kB: the PDF runs out of room half way.
    with (tiny / "filler").open("wb") as handle:
        handle.write(b"\0" * (4 * 1024 * 1024 - 200 * 1024))
    with (
        ProjectService.open(demo_project, read_only=True) as service,
        pytest.raises(CuratorError, match=r"catalogue\.pdf.*(full|space)"),
    ):
        export_catalogue(service, output, ReportlabMeasure(), preflight=False, report=False)
    assert [path.name for path in tiny.iterdir()] == [
        "filler"
    ]  # no PDF, no partial file  # neither the PDF nor a partial file


def test_exporting_into_a_read_only_folder_says_so(read_only: Path, demo_project: Path) -> None:
    output = read_only / "catalogue.pdf"
    with (
        ProjectService.open(demo_project, read_only=True) as service,
        pytest.raises(CuratorError, match=r"catalogue\.pdf"),
    ):
        export_catalogue(service, output, ReportlabMeasure(), preflight=False, report=False)
    assert list(read_only.iterdir()) == []
