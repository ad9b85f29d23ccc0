"""A PostgreSQL server of a test's own that the test may kill and start again.

The session's server (``tests/pg/conftest.py``) is shared by every test, so a test that stops
a server abruptly (``pg_ctl stop -m immediate``: no shutdown checkpoint, crash recovery at the
next start, as a power cut or a killed postmaster) gets its own cluster from here.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.pg.conftest import (
    SUPERUSER,
    PgServer,
    _run,
    _server_folder,
    init_cluster,
    start_cluster,
)


@dataclass
class RestartableServer:
    """A cluster in ``base`` listening on a socket in ``base/run``."""

    bindir: Path
    base: Path

    @property
    def server(self) -> PgServer:
        return PgServer(bindir=self.bindir, socket_dir=self.base / "run", user=SUPERUSER)

    def _pg_ctl(self, *arguments: str) -> None:
        _run(
            [str(self.bindir / "pg_ctl"), *arguments, "-D", str(self.base / "data")],
            f"pg_ctl {arguments[0]}",
            self.base / "server.log",
        )

    def start(self) -> None:
        start_cluster(self.bindir, self.base)

    def kill(self) -> None:
        """Stop at once, as a crash would: every backend gone, nothing flushed."""
        self._pg_ctl("stop", "-m", "immediate", "-w")

    def stop(self) -> None:
        self._pg_ctl("stop", "-m", "fast", "-w")


@contextlib.contextmanager
def restartable_server(bindir: Path) -> Iterator[RestartableServer]:
    """A new cluster, started; stopped and removed afterwards."""
    base = _server_folder()
    running = RestartableServer(bindir, base)
    try:
        init_cluster(bindir, base / "data")
        running.start()
        yield running
    finally:
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            running.stop()
        shutil.rmtree(base, ignore_errors=True)
