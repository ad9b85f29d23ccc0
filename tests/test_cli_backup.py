"""``curator backup list|restore|take`` and ``--no-backup`` as CLI.md fixes them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from curator import cli
from curator.core.model import Photo
from curator.core.services import ProjectService
from curator.core.storage.backups import backup_folder


def _listed(project: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    assert cli.main(["backup", "list", str(project), "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


@pytest.fixture
def laid_out(project_path: Path) -> Path:
    with ProjectService.open(project_path) as service, service.store.transaction():
        for i in range(3):
            service.photos.add(
                Photo(id="", path=Path(f"/p/{i}.jpg"), sha256=f"h{i}", width=3000, height=2000)
            )
    assert cli.main(["layout", "auto", str(project_path)]) == 0
    return project_path


def test_layout_backs_up_and_restore_brings_the_panels_back(laid_out: Path, capsys) -> None:
    project = str(laid_out)
    assert _listed(laid_out, capsys) == []  # the first layout replaced nothing
    capsys.readouterr()
    cli.main(["layout", "show", project, "--json"])
    first_layout = json.loads(capsys.readouterr().out)
    assert cli.main(["layout", "auto", project, "--panel-size", "A1"]) == 0
    (snapshot,) = _listed(laid_out, capsys)
    assert snapshot["reason"] == "layout" and snapshot["schema_version"]
    assert set(snapshot) >= {"name", "path", "taken_at", "size_bytes", "detail"}
    assert cli.main(["backup", "restore", project, str(snapshot["name"])]) == 0
    out = capsys.readouterr().out
    assert "Restored" in out and "state before was saved" in out
    cli.main(["layout", "show", project, "--json"])
    assert json.loads(capsys.readouterr().out) == first_layout
    reasons = [s["reason"] for s in _listed(laid_out, capsys)]
    assert reasons == ["layout", "restore"]
    cli.main(["backup", "list", project])
    human = capsys.readouterr().out
    assert "Before laying out panels" in human and "2 snapshots in" in human


def test_take_and_unknown_snapshot(project_path: Path, capsys) -> None:
    assert cli.main(["backup", "take", str(project_path)]) == 0
    assert "Saved" in capsys.readouterr().out
    assert [s["reason"] for s in _listed(project_path, capsys)] == ["manual"]
    assert cli.main(["backup", "restore", str(project_path), "19990101"]) == 2
    assert "no backup named" in capsys.readouterr().err
    assert cli.main(["backup", "list", str(project_path.with_name("nothing.curator"))]) == 3


def test_restore_refuses_while_another_process_has_the_project(project_path: Path, capsys) -> None:
    cli.main(["backup", "take", str(project_path)])
    (snapshot,) = _listed(project_path, capsys)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path;"
            "from curator.core.storage.store import ProjectStore;"
            "s = ProjectStore.open(Path(sys.argv[1])); print('open', flush=True);"
            "time.sleep(60)",
            str(project_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        before = project_path.read_bytes()
        code = cli.main(["backup", "restore", str(project_path), str(snapshot["name"])])
        assert code == 3
        assert f"process {holder.pid}" in capsys.readouterr().err
        assert project_path.read_bytes() == before
        # Listing needs no lock: it works while the window has the project.
        assert len(_listed(project_path, capsys)) == 1
    finally:
        holder.kill()
        holder.wait()


def test_a_failed_backup_refuses_with_a_hint_and_no_backup_goes_on(laid_out: Path, capsys) -> None:
    backup_folder(laid_out).write_text("in the way")
    capsys.readouterr()
    assert cli.main(["layout", "auto", str(laid_out), "--panel-size", "A1"]) == 3
    err = capsys.readouterr().err
    assert "Could not save a backup" in err and "Nothing was changed" in err
    assert "--no-backup" in err
    assert cli.main(["layout", "auto", str(laid_out), "--panel-size", "A1", "--no-backup"]) == 0
