"""A PostgreSQL server of the test session's own: started once, stopped and removed at the end.

``initdb`` makes a cluster in a temporary folder, owned by an unprivileged user (``nobody``
when the tests run as root: PostgreSQL refuses to run as root). The server listens only on a
Unix socket in that folder (``listen_addresses=''``: no TCP port is opened), trusts local
connections of its one superuser, and is stopped with ``pg_ctl stop`` when the session ends.
Without Debian's ``postgresql`` package (``initdb``/``pg_ctl`` not found) every test here is
skipped.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest

psycopg = pytest.importorskip("psycopg")

#: The cluster's superuser; the tests connect as it over the socket.
SUPERUSER = "curator_test"
#: The unprivileged account the server runs as when the tests run as root.
SERVER_ACCOUNT = "nobody"


@dataclass(frozen=True, slots=True)
class PgServer:
    """A running test server: where its socket is and who may connect."""

    bindir: Path
    socket_dir: Path
    user: str

    def uri(self, database: str = "postgres") -> str:
        """A libpq URI for ``database`` over the socket (no password: trust)."""
        return (
            f"postgresql:///{quote(database)}?host={quote(str(self.socket_dir), safe='/')}"
            f"&user={quote(self.user)}"
        )


def _bindir() -> Path | None:
    """Where ``initdb`` and ``pg_ctl`` are: ``$PG_BINDIR``, Debian's folder, or ``PATH``."""
    candidates: list[Path] = []
    if os.environ.get("PG_BINDIR"):
        candidates.append(Path(os.environ["PG_BINDIR"]))
    candidates.extend(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True))
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def _as_server_account(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", SERVER_ACCOUNT, "--", *command]


def _run(command: list[str], what: str, log: Path | None = None) -> None:
    result = subprocess.run(
        _as_server_account(command), capture_output=True, text=True, check=False, timeout=120
    )
    if result.returncode != 0:
        server_log = log.read_text(errors="replace")[-4000:] if log and log.exists() else ""
        raise RuntimeError(
            f"{what} failed ({result.returncode}): {result.stderr or result.stdout}{server_log}"
        )


def _server_folder() -> Path:
    """A new folder the server's account owns and can reach (its socket path stays short).

    Not under pytest's own temporary folder: that is private to the user running the tests.
    """
    for parent in (None, "/tmp"):
        base = Path(tempfile.mkdtemp(prefix="curator-pg-", dir=parent))
        (base / "run").mkdir()
        if os.geteuid() != 0:
            return base
        shutil.chown(base, user=SERVER_ACCOUNT)
        shutil.chown(base / "run", user=SERVER_ACCOUNT)
        reachable = (
            subprocess.run(
                _as_server_account(["test", "-w", str(base / "run")]), check=False
            ).returncode
            == 0
        )
        if reachable and len(str(base / "run" / ".s.PGSQL.5432")) < 100:
            return base
        shutil.rmtree(base, ignore_errors=True)
    pytest.skip(f"no temporary folder the {SERVER_ACCOUNT} account can reach")


def init_cluster(bindir: Path, data: Path) -> None:
    """Make a new cluster in ``data`` whose one superuser local connections are trusted."""
    _run(
        [
            str(bindir / "initdb"),
            "--pgdata",
            str(data),
            "--username",
            SUPERUSER,
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--locale",
            "C.UTF-8",
            "--no-sync",
        ],
        "initdb",
    )


def start_cluster(bindir: Path, base: Path, *options: str) -> None:
    """Start the cluster in ``base/data``, on a socket in ``base/run`` only, logging to
    ``base/server.log`` (``options``: more ``-c`` settings)."""
    log = base / "server.log"
    settings = " ".join((f"-c listen_addresses='' -k {base / 'run'} -c fsync=off", *options))
    _run(
        [
            str(bindir / "pg_ctl"),
            "start",
            "-w",
            "-t",
            "60",
            "-D",
            str(base / "data"),
            "-l",
            str(log),
            "-o",
            settings,
        ],
        "pg_ctl start",
        log,
    )


@contextlib.contextmanager
def running_server() -> Iterator[PgServer]:
    """Start a server, stopped and removed afterwards (or skip without PostgreSQL).

    The session's one server is the fixture ``pg_server`` of ``tests/conftest.py``: the core
    tests run on it too (``CURATOR_TEST_BACKENDS``).
    """
    bindir = _bindir()
    if bindir is None:
        pytest.skip("PostgreSQL's initdb/pg_ctl not found (Debian package postgresql)")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        pytest.skip("running as root without runuser: cannot start PostgreSQL unprivileged")
    base = _server_folder()
    data, sockets = base / "data", base / "run"
    started = False
    try:
        init_cluster(bindir, data)
        start_cluster(bindir, base, "-c max_connections=40")
        started = True
        yield PgServer(bindir=bindir, socket_dir=sockets, user=SUPERUSER)
    finally:
        if started:
            with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
                _run(
                    [str(bindir / "pg_ctl"), "stop", "-w", "-m", "fast", "-D", str(data)],
                    "pg_ctl stop",
                )
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def pg_database(pg_server: PgServer) -> Iterator[str]:
    """A fresh, empty database for one test; its libpq URI. Dropped afterwards."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server.uri(), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield pg_server.uri(name)
    finally:
        with psycopg.connect(pg_server.uri(), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
