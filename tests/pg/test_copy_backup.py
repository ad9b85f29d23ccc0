"""Backups of a server project: snapshot files like a project file's, from one consistent read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator import cli
from curator.core.services import ProjectService
from curator.core.storage.address import FileAddress, ServerAddress, parse_address
from curator.core.storage.migrations import SCHEMA_VERSION
from curator.demo import write_demo
from curator.server.copy import copy_project
from curator.server.copy_backup import server_backup_folder
from tests.pg.copy_dumps import as_on_a_server, file_dump, server_dump


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> object:
    capsys.readouterr()
    assert cli.main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def server(pg_database: str, tmp_path: Path) -> ServerAddress:
    address = parse_address(f"{pg_database}&project=shared")
    assert isinstance(address, ServerAddress)
    copy_project(FileAddress(write_demo(tmp_path / "demo")[0]), address)
    return address


def test_backups_of_a_server_project_are_project_files_that_restore_into_a_new_one(
    server: ServerAddress, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    folder, url = tmp_path / "backups", server.display()
    assert cli.main(["backup", "take", url, "--backups", str(folder)]) == 0
    assert cli.main(["backup", "take", url, "--backups", str(folder)]) == 0
    listed = _json(capsys, "backup", "list", url, "--backups", str(folder))
    assert isinstance(listed, list) and len(listed) == 2
    assert {item["reason"] for item in listed} == {"manual"}
    assert {item["schema_version"] for item in listed} == {SCHEMA_VERSION}
    snapshot = Path(listed[-1]["path"])
    assert snapshot.parent == folder and (folder / "index.json").is_file()
    assert as_on_a_server(file_dump(snapshot)) == server_dump(server)
    # Restoring: the snapshot into a new project file, which Curator opens and writes.
    restored = tmp_path / "restored.curator"
    assert cli.main(["copy", str(snapshot), str(restored)]) == 0
    assert file_dump(restored) == file_dump(snapshot)
    with ProjectService.open(restored) as service:
        assert service.info().counts.photos == len(server_dump(server)["photo"])
    capsys.readouterr()
    assert cli.main(["backup", "restore", url, listed[0]["name"]]) == 2
    assert "curator copy" in capsys.readouterr().err


def test_the_default_folder_is_under_the_data_directory_one_per_address(
    server: ServerAddress, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    folder = server_backup_folder(server)
    assert folder.parent == tmp_path / "data" / "curator" / "server-backups"
    other = parse_address(server.conninfo + "&project=other")
    assert isinstance(other, ServerAddress)
    assert server_backup_folder(other) != folder
    assert cli.main(["backup", "take", server.display()]) == 0
    listed = _json(capsys, "backup", "list", server.display())
    assert isinstance(listed, list) and [Path(item["path"]).parent for item in listed] == [folder]


def test_backups_flag_is_refused_for_a_project_file(tmp_path: Path, capsys):
    project = write_demo(tmp_path / "demo")[0]
    assert cli.main(["backup", "take", str(project), "--backups", str(tmp_path / "b")]) == 2
    assert "beside it" in capsys.readouterr().err
    assert not (tmp_path / "b").exists()
