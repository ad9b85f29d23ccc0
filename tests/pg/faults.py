"""Shared by the fault tests: a client process signalled midway, its server process gone."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import psycopg


def signal_when_midway(
    process: subprocess.Popen[str],
    marker: Path,
    sent: signal.Signals = signal.SIGKILL,
    *,
    seconds: float = 180,
    what: str = "the command",
) -> None:
    """Wait until ``process`` writes ``marker`` (it is midway), then send it ``sent``.

    The process ends here whatever happens (killed when a check fails), its stderr closed.
    """
    try:
        deadline = time.monotonic() + seconds
        while not marker.exists():
            if process.poll() is not None:
                problem = process.stderr.read() if process.stderr else ""
                raise AssertionError(f"{what} ended before midway: {problem}")
            assert time.monotonic() < deadline, f"{what} never got midway"
            time.sleep(0.05)
        process.send_signal(sent)
        assert process.wait(timeout=60) == -sent
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()


def wait_for_backends_to_go(uri: str) -> None:
    """The killed client's server process notices the closed socket and rolls back."""
    deadline = time.monotonic() + 60
    with psycopg.connect(uri, autocommit=True) as conn:
        while True:
            row = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
            ).fetchone()
            if row == (0,):
                return
            assert time.monotonic() < deadline, "the killed client's transaction lingers"
            time.sleep(0.05)
