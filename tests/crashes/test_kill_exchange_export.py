"""SIGKILL while a translator's file is applied and while the catalogue is exported.

After each kill the project is whole, the translations are all in or none, no PDF lies at
the output's name unless it is complete, and running the job again finishes it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from curator.core.model import CaptionField, CaptionStatus, Photo
from curator.core.services import CaptionEdit, ProjectService
from curator.core.translators.caption_exchange import ExportScope, build_export
from curator.demo import write_demo
from curator.exchange.captions import write_caption_file
from tests.crashes.test_kill_points import check_whole, finish, kill_at


def _translated_po(project: Path, folder: Path, count: int) -> Path:
    with ProjectService.open(project) as service:
        with service.store.transaction():
            ids = [
                service.photos.add(
                    Photo(id="", path=Path(f"/p/{i}.jpg"), sha256=f"h{i}", width=4000, height=3000)
                ).id
                for i in range(count)
            ]
        service.set_captions(
            [
                CaptionEdit(
                    pid, "vi", CaptionField.CAPTION, f"Chú thích số {i}", CaptionStatus.FINAL
                )
                for i, pid in enumerate(ids)
            ]
        )
        document = build_export(service, ExportScope("ru"))
    path = folder / "ru.po"
    write_caption_file(path, document, "po")
    catalog = polib.pofile(str(path))
    for entry in catalog:
        entry.msgstr = "Подпись " + entry.msgid.rsplit(" ", 1)[-1]
    catalog.save(str(path))
    return path


def _russian(project: Path) -> set[str]:
    with ProjectService.open(project, read_only=True) as service:
        return {
            caption.text
            for photo in service.photos.all()
            for caption in service.captions.for_photo(photo.id)
            if caption.language == "ru"
        }


@pytest.mark.parametrize("delay", [0.0, 0.005, 0.02, 0.06, 0.15])
def test_kill_while_applying_a_translators_file(project_path: Path, tmp_path: Path, delay: float):
    po = _translated_po(project_path, tmp_path, 400)
    kill_at(project_path, "apply", str(po), delay=delay)
    check_whole(project_path)
    texts = _russian(project_path)
    assert len(texts) in (0, 400), "an apply was half done"  # one transaction
    finish(project_path, "apply", str(po))
    assert len(_russian(project_path)) == 400


@pytest.fixture(scope="module")
def demo_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path, _created = write_demo(tmp_path_factory.mktemp("demo"))
    return path


@pytest.mark.parametrize(("ticks", "delay"), [(0, 0.0), (0, 0.5), (2, 0.0), (6, 0.0), (13, 0.0)])
def test_kill_while_exporting_the_catalogue(
    demo_project: Path, tmp_path: Path, ticks: int, delay: float
) -> None:
    project = tmp_path / "demo.curator"
    shutil.copy(demo_project, project)
    for photos in demo_project.parent.iterdir():
        if photos.is_dir() and not (tmp_path / photos.name).exists():
            (tmp_path / photos.name).symlink_to(photos)
    output = tmp_path / "catalogue.pdf"
    seen = kill_at(project, "export", str(output), ticks=ticks, delay=delay)
    check_whole(project)
    if output.exists():  # only a finished export takes the name
        assert seen >= 14
        assert subprocess.run(["qpdf", "--check", str(output)], capture_output=True).returncode == 0
    finish(project, "export", str(output))
    result = subprocess.run(["qpdf", "--check", str(output)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    # The run after a kill removed what the killed one left (its work folder, its partial).
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
