"""Faults in the middle of ``curator copy``: the server killed, the client killed (SIGKILL).

Each time nothing half-written remains: the destination schema is absent (never partly
filled) and a destination file has not taken its name; a later copy to the same place works.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from curator.core.progress import Progress
from curator.core.storage.address import FileAddress
from curator.demo import write_demo
from curator.server.copy import CopyError, copy_project
from tests.pg.conftest import PgServer
from tests.pg.copy_dumps import as_on_a_server, file_dump, schemas, server_address, server_dump
from tests.pg.faults import signal_when_midway, wait_for_backends_to_go
from tests.pg.restartable import RestartableServer, restartable_server

REPOSITORY = Path(__file__).resolve().parents[2]

#: Copies, and at the first progress midway writes a marker and waits to be killed.
_HOLDING_COPY = """
import pathlib, sys, time
from curator.core.storage.address import parse_address
from curator.server.copy import copy_project

marker = pathlib.Path(sys.argv[3])

def hold(progress):
    if 0 < progress.done < progress.total and not marker.exists():
        marker.write_text(str(progress.done))
        time.sleep(300)

copy_project(parse_address(sys.argv[1]), parse_address(sys.argv[2]), on_progress=hold)
"""


@pytest.fixture(scope="module")
def crashing(pg_server: PgServer) -> Iterator[RestartableServer]:
    with restartable_server(pg_server.bindir) as server:
        yield server


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return write_demo(tmp_path / "demo")[0]


def _database(server: PgServer, name: str) -> str:
    with psycopg.connect(server.uri(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return server.uri(name)


def _kill_midway(crashing: RestartableServer) -> tuple[list[int], Callable[[Progress], None]]:
    killed: list[int] = []

    def kill(progress: Progress) -> None:
        if 0 < progress.done < progress.total and not killed:
            crashing.kill()
            killed.append(progress.done)

    return killed, kill


def test_the_server_killed_while_a_project_is_copied_onto_it(
    crashing: RestartableServer, demo: Path
):
    uri = _database(crashing.server, "onto")
    destination = server_address(uri, "arrived")
    killed, kill = _kill_midway(crashing)
    try:
        with pytest.raises(CopyError, match="Nothing was made"):
            copy_project(FileAddress(demo), destination, on_progress=kill)
    finally:
        crashing.start()  # crash recovery
    assert killed, "the server was killed midway"
    assert schemas(uri) == []
    copy_project(FileAddress(demo), destination)
    assert server_dump(destination) == as_on_a_server(file_dump(demo))


def test_the_server_killed_while_a_project_is_copied_from_it(
    crashing: RestartableServer, demo: Path, tmp_path: Path
):
    source = server_address(_database(crashing.server, "from_it"), "leaving")
    copy_project(FileAddress(demo), source)
    out = tmp_path / "out"
    out.mkdir()
    killed, kill = _kill_midway(crashing)
    try:
        with pytest.raises(CopyError):
            copy_project(source, FileAddress(out / "trip.curator"), on_progress=kill)
    finally:
        crashing.start()
    assert killed
    assert list(out.iterdir()) == []  # not even the temporary file


def _copy_until_killed(
    source: str, destination: str, marker: Path, sent: signal.Signals = signal.SIGKILL
) -> None:
    """Run a copy in a real process and send it ``sent`` once it is midway."""
    process = subprocess.Popen(
        [sys.executable, "-c", _HOLDING_COPY, source, destination, str(marker)],
        cwd=REPOSITORY,
        env={**os.environ, "PYTHONPATH": str(REPOSITORY)},
        stderr=subprocess.PIPE,
        text=True,
    )
    signal_when_midway(process, marker, sent, seconds=120, what="the copy")


def test_the_client_killed_while_copying_to_a_server(pg_database: str, demo: Path, tmp_path: Path):
    destination = server_address(pg_database, "sigkill")
    marker = tmp_path / "midway"
    _copy_until_killed(str(demo), destination.display(), marker)
    assert int(marker.read_text()) > 0
    wait_for_backends_to_go(pg_database)
    assert schemas(pg_database) == []
    copy_project(FileAddress(demo), destination)  # nothing is left locked or half-made
    assert server_dump(destination) == as_on_a_server(file_dump(demo))


def test_the_client_killed_while_copying_to_a_file(pg_database: str, demo: Path, tmp_path: Path):
    source = server_address(pg_database, "kept")
    copy_project(FileAddress(demo), source)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "trip.curator"
    _copy_until_killed(source.display(), str(target), tmp_path / "midway")
    assert not target.exists()
    leftovers = list(out.iterdir())
    assert len(leftovers) == 1  # the killed writer's temporary file, under a hidden name
    assert leftovers[0].name.startswith(".trip.curator.curator-")
    assert leftovers[0].name.endswith(".partial")
    # The next copy into the folder sweeps what the killed one left, and takes the name.
    copy_project(source, FileAddress(target))
    assert [p.name for p in out.iterdir()] == ["trip.curator"]
    assert as_on_a_server(file_dump(target)) == server_dump(source)


def test_ctrl_c_midway_leaves_no_server_project_and_no_file(
    pg_database: str, demo: Path, tmp_path: Path
):
    destination = server_address(pg_database, "interrupted")
    _copy_until_killed(str(demo), destination.display(), tmp_path / "one", signal.SIGINT)
    assert schemas(pg_database) == []  # rolled back by the client itself, at once
    source = server_address(pg_database, "source")
    copy_project(FileAddress(demo), source)
    out = tmp_path / "out"
    out.mkdir()
    _copy_until_killed(source.display(), str(out / "x.curator"), tmp_path / "two", signal.SIGINT)
    assert list(out.iterdir()) == []  # the temporary file removed too
