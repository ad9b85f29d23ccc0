"""One project, one writer, whatever its names: hard links refused, symbolic links resolved.

Two processes are real processes here: the test holds the project open for writing and a
second ``curator`` tries to write it through another name.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from curator import cli
from curator.core.errors import HardLinkedProjectError
from curator.core.services import ProjectService
from curator.core.storage.backups import backup_folder, list_snapshots, take_snapshot
from curator.core.storage.locking import lock_path_for

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "real" / "p.curator"
    path.parent.mkdir()
    ProjectService.create(path, title="Before", languages=["vi", "en"]).close()
    return path


def _curator(*arguments: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY), "LANGUAGE": "en"}
    return subprocess.run(
        [sys.executable, "-m", "curator", *arguments],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def test_a_hard_linked_project_is_not_opened_for_writing(project: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.curator"
    os.link(project, other)
    for name in (project, other):
        with pytest.raises(HardLinkedProjectError) as raised:
            ProjectService.open(name)
        message = raised.value.message
        assert "hard links" in message and "copy" in message and str(name.name) in message
        with ProjectService.open(name, read_only=True) as reader:  # reading is safe
            assert reader.project.get().title == "Before"
    assert not lock_path_for(project).exists() and not lock_path_for(other).exists()


def test_a_second_process_cannot_write_through_a_hard_link(project: Path, tmp_path: Path) -> None:
    with ProjectService.open(project) as writer:  # opened before the second name appeared
        other = tmp_path / "other.curator"
        os.link(project, other)
        result = _curator("section", "add", str(other), "--title", "vi=Phần")
        assert result.returncode == 3, result.stderr
        assert "hard links" in result.stderr and "Traceback" not in result.stderr
        writer.set_title("Kept")
    other.unlink()
    assert _integrity(project) == "ok"
    with ProjectService.open(project, read_only=True) as reader:
        assert reader.project.get().title == "Kept"
        assert reader.exhibition.sections() == []


def test_a_symlinked_project_shares_the_lock_of_its_file(project: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.curator"
    link.symlink_to(project)
    with ProjectService.open(project):
        result = _curator("section", "add", str(link), "--title", "vi=Phần")
        assert result.returncode == 3, result.stderr
        assert "already open in Curator" in result.stderr
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time; from pathlib import Path;"
            "from curator.core.services import ProjectService;"
            f"s = ProjectService.open(Path({str(link)!r})); print('open', flush=True);"
            "time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPOSITORY)},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        assert lock_path_for(project).exists() and not lock_path_for(link).exists()
        assert cli.main(["section", "add", str(project), "--title", "vi=Phần"]) == 3
    finally:
        holder.kill()
        holder.wait()
    assert _integrity(project) == "ok"


def test_backups_and_restore_through_a_symlink_reach_the_real_project(
    project: Path, tmp_path: Path, capsys
) -> None:
    link = tmp_path / "link.curator"
    link.symlink_to(project)
    with ProjectService.open(link) as service:
        snapshot = take_snapshot(service.store, "manual")
        service.set_title("After")
    assert snapshot.path.parent == backup_folder(project)
    assert not (tmp_path / "link.curator-backups").exists()
    assert [s.name for s in list_snapshots(link)] == [s.name for s in list_snapshots(project)]
    assert cli.main(["backup", "restore", str(link), snapshot.name]) == 0
    assert link.is_symlink() and link.resolve() == project
    with ProjectService.open(project, read_only=True) as reader:
        assert reader.project.get().title == "Before"
    assert _integrity(project) == "ok"


def test_restore_refuses_a_hard_linked_project(project: Path, tmp_path: Path, capsys) -> None:
    with ProjectService.open(project) as service:
        snapshot = take_snapshot(service.store, "manual")
        service.set_title("After")
    os.link(project, tmp_path / "other.curator")
    assert cli.main(["backup", "restore", str(project), snapshot.name]) == 3
    assert "hard links" in capsys.readouterr().err
    with ProjectService.open(project, read_only=True) as reader:
        assert reader.project.get().title == "After"
