"""Faults in the middle of a multi-row write on a server project: all or nothing per operation.

A write is stopped inside its transaction, after some of its rows were sent and before the
rest: the client process killed (SIGKILL, a real ``curator`` command holding mid-transaction),
or the server killed (``pg_ctl stop -m immediate``) by the writer itself. Afterwards nothing
half-written remains: a section move and a translator's file applied leave the project exactly
as before (every table compared); an import leaves whole photos only (each with its thumbnail,
in one batch's transaction). The project opens, ``curator check`` finds what it found before,
and the same command run again completes.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from curator import cli
from curator.core.errors import CuratorError
from curator.core.services import ProjectService
from curator.core.storage.address import FileAddress, ServerAddress
from curator.demo import write_demo
from curator.server import store as server_store
from curator.server.copy import copy_project
from tests.pg.conftest import PgServer
from tests.pg.copy_dumps import server_address, server_dump
from tests.pg.faults import signal_when_midway, wait_for_backends_to_go
from tests.pg.restartable import RestartableServer, restartable_server
from tests.pg.workstations import originals

REPOSITORY = Path(__file__).resolve().parents[2]
#: The write statement of the operation's transaction before which the writer stops (the
#: ones before it are sent, the rest are not): a section assignment takes its photos out of
#: their sections (one DELETE), then puts them in (one batch of INSERTs).
STOP_AT_WRITE = 2

#: Runs ``curator ARGS…`` holding before the STOP_AT_WRITE-th write inside a transaction
#: (after writing a marker), to be killed there.
_HOLDING_COMMAND = """
import pathlib, sys, time
import psycopg
from curator.server import store

marker, stop_at = pathlib.Path(sys.argv[1]), int(sys.argv[2])
writes = [0]

def holding(method):
    def run(self, sql, *args):
        busy = self.raw.info.transaction_status == psycopg.pq.TransactionStatus.INTRANS
        if busy and sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            writes[0] += 1
            if writes[0] == stop_at and not marker.exists():
                marker.write_text(str(writes[0]))
                time.sleep(300)
        return method(self, sql, *args)
    return run

store.PgDatabase.execute = holding(store.PgDatabase.execute)
store.PgDatabase.executemany = holding(store.PgDatabase.executemany)
from curator.__main__ import main
sys.argv = ["curator", *sys.argv[3:]]
sys.exit(main())
"""


@pytest.fixture(scope="module")
def crashing(pg_server: PgServer) -> Iterator[RestartableServer]:
    with restartable_server(pg_server.bindir) as server:
        yield server


def _database(server: PgServer, name: str) -> str:
    with psycopg.connect(server.uri(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return server.uri(name)


def _demo_on(uri: str, tmp_path: Path, name: str) -> ServerAddress:
    demo = write_demo(tmp_path / f"demo-{name}")[0]
    address = server_address(uri, name)
    copy_project(FileAddress(demo), address)
    return address


def _curator(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "curator", *arguments],
        cwd=REPOSITORY,
        env={**os.environ, "PYTHONPATH": str(REPOSITORY)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _findings(address: ServerAddress) -> list[tuple[str, str, str]]:
    """What ``curator check`` finds (it opens the project afresh in its own process)."""
    done = _curator("check", address.display(), "--json")
    assert done.returncode in (0, 2), done.stderr
    return sorted(
        (f["severity"], f["code"], f.get("photo_id") or "") for f in json.loads(done.stdout)
    )


def _kill_midway(arguments: list[str], marker: Path) -> None:
    """Run ``curator ARGS…`` and SIGKILL it inside its write transaction."""
    process = subprocess.Popen(
        [sys.executable, "-c", _HOLDING_COMMAND, str(marker), str(STOP_AT_WRITE), *arguments],
        cwd=REPOSITORY,
        env={**os.environ, "PYTHONPATH": str(REPOSITORY)},
        stderr=subprocess.PIPE,
        text=True,
    )
    signal_when_midway(process, marker, signal.SIGKILL, seconds=180, what="the command")


# -- the operations ------------------------------------------------------------------------


def _move_everything_into_the_last_section(address: ServerAddress) -> list[str]:
    """``curator section assign``: every photo into the last section (rows in every section)."""
    with ProjectService.open(address, read_only=True) as service:
        sections = service.queries.sections()
        photo_ids = service.queries.import_order()
    assert len(sections) >= 2 and len(photo_ids) >= 4
    return ["section", "assign", address.display(), sections[-1].id, *photo_ids]


def _translation_file(address: ServerAddress, folder: Path) -> Path:
    """A translator's CSV filling every Russian caption with a new text."""
    exported = folder / "ru.csv"
    arguments = ["exchange", "export", address.display(), "--lang", "ru", "--format", "csv"]
    assert cli.main([*arguments, "-o", str(exported)]) == 0
    with exported.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    target = rows[0].index("target")
    for number, row in enumerate(rows[1:], start=1):
        row[target] = f"Перевод {number}"
    translated = folder / "ru-done.csv"
    with translated.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    assert len(rows) > STOP_AT_WRITE + 1
    return translated


def _apply(address: ServerAddress, translated: Path) -> list[str]:
    return ["exchange", "import", address.display(), str(translated), "--apply", "--no-backup"]


def test_the_client_killed_moving_photos_or_applying_a_translation_changes_nothing(
    pg_database: str, tmp_path: Path
) -> None:
    address = _demo_on(pg_database, tmp_path, "moves")
    translated = _translation_file(address, tmp_path)
    before, found = server_dump(address), _findings(address)
    for step, arguments in enumerate(
        [_move_everything_into_the_last_section(address), _apply(address, translated)]
    ):
        marker = tmp_path / f"midway-{step}"
        _kill_midway(arguments, marker)
        assert int(marker.read_text()) == STOP_AT_WRITE
        wait_for_backends_to_go(pg_database)
        assert server_dump(address) == before, arguments[:2]
        assert _findings(address) == found
    # Nothing is left locked: each command run again completes.
    for arguments in (_move_everything_into_the_last_section(address), _apply(address, translated)):
        done = _curator(*arguments)
        assert done.returncode == 0, done.stderr
    after = server_dump(address)
    assert after != before
    with ProjectService.open(address, read_only=True) as service:
        last = service.queries.sections()[-1]
        assert len(service.queries.section_photo_ids(last.id)) == service.queries.photo_count()


def test_the_client_killed_importing_leaves_whole_photos(pg_database: str, tmp_path: Path) -> None:
    address = _demo_on(pg_database, tmp_path, "imports")
    folder = tmp_path / "new"
    originals(folder, 12)
    with ProjectService.open(address, read_only=True) as service:
        had = service.queries.photo_count()
    found = _findings(address)
    _kill_midway(["import", address.display(), str(folder)], tmp_path / "midway")
    wait_for_backends_to_go(pg_database)
    _check_whole_photos(address, had, had + 12)
    # What came in is whole: check finds of the photos there before what it found before.
    with ProjectService.open(address, read_only=True) as service:
        new_ids = set(service.queries.import_order()[had:])
    assert [f for f in _findings(address) if f[2] not in new_ids] == found
    done = _curator("import", address.display(), str(folder))
    assert done.returncode == 0, done.stderr
    _check_whole_photos(address, had + 12, had + 12)


def _check_whole_photos(address: ServerAddress, least: int, most: int) -> None:
    with ProjectService.open(address, read_only=True) as service:
        photos = list(service.photos.all())
        assert least <= len(photos) <= most
        thumbnails = service.queries.thumbnail_jpegs([p.id for p in photos])
        assert sorted(thumbnails) == sorted(p.id for p in photos)


def test_the_server_killed_inside_a_translation_applied(
    crashing: RestartableServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    uri = _database(crashing.server, "killed")
    address = _demo_on(uri, tmp_path, "applied")
    translated = _translation_file(address, tmp_path)
    before, found = server_dump(address), _findings(address)
    writes: list[str] = []
    original = server_store.PgDatabase.execute

    def killing(self: server_store.PgDatabase, sql: str, parameters: object = (), /) -> object:
        busy = self.raw.info.transaction_status == psycopg.pq.TransactionStatus.INTRANS
        if busy and sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            writes.append(sql)
            if len(writes) == STOP_AT_WRITE:
                crashing.kill()
        return original(self, sql, parameters)

    monkeypatch.setattr(server_store.PgDatabase, "execute", killing)
    try:
        result: int | None = cli.main(_apply(address, translated))
    except (CuratorError, psycopg.Error):
        result = None
    finally:
        monkeypatch.undo()
        crashing.start()  # crash recovery
    assert result != 0  # the command failed, and said so
    assert len(writes) >= STOP_AT_WRITE
    assert server_dump(address) == before
    assert _findings(address) == found
    assert cli.main(_apply(address, translated)) == 0
    assert server_dump(address) != before
