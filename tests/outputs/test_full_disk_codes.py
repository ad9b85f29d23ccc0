"""A full disk is exit 3 from every command, with a message that says what was kept.

Each command runs against a real, tiny tmpfs filled to the last block: the outputs (PDFs,
caption files, packages, glossaries, deliveries) are written onto it, or the project lives
on it. Nothing half-written is left, and the project stays whole.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from curator import cli
from curator.core.services import ProjectService
from curator.demo import write_demo
from tests.crashes.test_full_disk_outputs import _mount
from tests.crashes.test_full_disk_outputs import noisy_photos as noisy_photos  # a fixture
from tests.crashes.test_kill_points import dump


@pytest.fixture
def tiny(tmp_path: Path) -> Iterator[Path]:
    yield from _mount(tmp_path / "tiny", "size=4m")


def _fill(folder: Path, leave: int = 0) -> None:
    """Fill the disk of ``folder``, leaving about ``leave`` bytes."""
    with (folder / "filler").open("wb", buffering=0) as handle:
        free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
        if leave:
            handle.write(b"\0" * max(free - leave, 0))
            return
        try:
            while True:
                handle.write(b"\0" * 16384)
        except OSError:
            pass


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = write_demo(tmp_path_factory.mktemp("demo"))[0]
    assert cli.main(["layout", "auto", str(project)]) == 0  # panels to export
    return project


OUTPUTS: dict[str, Callable[[Path, Path], list[str]]] = {
    "catalogue": lambda p, d: ["export", "catalogue", str(p), "-o", str(d / "c.pdf")],
    "panels": lambda p, d: ["export", "panels", str(p), "-o", str(d / "p.pdf")],
    "labels": lambda p, d: ["export", "labels", str(p), "-o", str(d / "l.pdf")],
    "proof": lambda p, d: ["export", "proof", str(p), "-o", str(d / "x.pdf")],
    "exchange-export": lambda p, d: [
        *("exchange", "export", str(p), "--lang", "ru", "--format", "xlsx"),
        *("-o", str(d / "ru.xlsx")),
    ],
    "exchange-package": lambda p, d: [
        *("exchange", "package", str(p), "--lang", "ru", "-o", str(d / "ru.zip")),
    ],
    "glossary-export": lambda p, d: ["glossary", "export", str(p), str(d / "g.tbx")],
    "deliver": lambda p, d: ["deliver", str(p), "--to", str(d / "out")],
}


@pytest.mark.parametrize("command", sorted(OUTPUTS))
def test_an_output_onto_a_full_disk_is_exit_3(demo: Path, tiny: Path, command: str, capsys) -> None:
    _fill(tiny)
    code = cli.main(OUTPUTS[command](demo, tiny))
    err = capsys.readouterr().err
    assert code == 3, err
    assert "full" in err and "Traceback" not in err
    leftovers = [p for p in tiny.rglob("*") if p.name != "filler" and p.is_file()]
    assert leftovers == []


@pytest.fixture
def full_project(tiny: Path, demo: Path, tmp_path: Path) -> Path:
    import polib

    from tests.test_cli_glossary import CSV

    project = tiny / "demo.curator"  # its originals stay where the demo wrote them
    shutil.copy(demo, project)
    assert cli.main(["backup", "take", str(project)]) == 0
    po = tmp_path / "ru.po"
    export = ["exchange", "export", str(project), "--lang", "ru", "--format", "po"]
    assert cli.main([*export, "-o", str(po)]) == 0
    catalog = polib.pofile(str(po))
    for entry in catalog:
        entry.msgstr = "Перевод"
    catalog.save(str(po))
    (tmp_path / "glossary.csv").write_bytes(CSV.encode("utf-8"))
    _fill(tiny)
    return project


PROJECT_WRITES: dict[str, Callable[[Path, str], list[str]]] = {
    "exchange-apply": lambda p, _i: [
        *("exchange", "import", str(p), str(p.parents[1] / "ru.po"), "--apply"),
    ],
    "glossary-import": lambda p, _i: [
        *("glossary", "import", str(p), str(p.parents[1] / "glossary.csv")),
    ],
    "backup-restore": lambda p, _i: ["backup", "restore", str(p), _snapshot(p)],
    "section-add": lambda p, _i: ["section", "add", str(p), "--title", "vi=Phần mới"],
    "rate": lambda p, i: ["rate", str(p), i, "--rating", "4"],
    "caption": lambda p, i: [
        *("caption", str(p), i, "--lang", "vi", "--field", "caption", "--text", "Chữ mới"),
    ],
    "layout": lambda p, _i: ["layout", "auto", str(p), "--panel-size", "700x1000"],
    "settings": lambda p, _i: ["settings", str(p), "delivery.naming", "{id}-{n}"],
    "backup-take": lambda p, _i: ["backup", "take", str(p)],
    "new": lambda p, _i: ["new", str(p.with_name("new.curator")), "--languages", "vi,en"],
}


@pytest.mark.parametrize("command", sorted(PROJECT_WRITES))
def test_a_project_on_a_full_disk_is_exit_3_and_stays_whole(
    full_project: Path, command: str, capsys
) -> None:
    with ProjectService.open(full_project, read_only=True) as service:
        photo_id = next(service.photos.all()).id
    before = dump(full_project)
    code = cli.main(PROJECT_WRITES[command](full_project, photo_id))
    err = capsys.readouterr().err
    assert code == 3, err
    assert "full" in err and "Traceback" not in err
    assert dump(full_project) == before
    assert not full_project.with_name("new.curator").exists()


def _snapshot(project: Path) -> str:
    from curator.core.storage.backups import list_snapshots

    return list_snapshots(project)[-1].name


def test_an_import_stopped_by_a_full_disk_says_what_it_kept(
    tiny: Path, noisy_photos: Path, capsys
) -> None:
    project = tiny / "p.curator"
    ProjectService.create(project, title="T", languages=["vi", "en"]).close()
    _fill(tiny, leave=120 * 1024)  # room for a few photos' thumbnails (~12 kB each), not for 24
    code = cli.main(["import", str(project), str(noisy_photos)])
    err = capsys.readouterr().err
    assert code == 3, err
    with ProjectService.open(project, read_only=True) as service:
        kept = service.photos.count()
    assert 0 < kept < 24
    said = f"{kept} photo{'s were' if kept > 1 else ' was'} imported before the disk filled"
    assert f"{said}; the rest were not." in err
    assert "Nothing was changed" not in err
