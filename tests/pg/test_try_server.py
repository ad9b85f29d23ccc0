"""``bootstrap.py try-server``: a local server with the demo project and two editor logins.

Runs ``.ci/try_server.py --no-window`` (what ``try-server`` runs once set up) in a temporary
HOME, opens each printed address, runs it again (the cluster and project are reused) and stops
it with ``--stop``. Skipped without Debian's postgresql.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from curator.core.storage.address import ServerAddress, parse_address
from curator.server.access import rights
from curator.server.connection import connect
from tests.pg.conftest import _bindir

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / ".ci" / "try_server.py"


@pytest.fixture
def home() -> Iterator[Path]:
    if _bindir() is None:
        pytest.skip("PostgreSQL's initdb/pg_ctl not found (Debian package postgresql)")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        pytest.skip("running as root without runuser")
    # Reachable by the server's account when run as root (mkdtemp's folder is private).
    base = Path(tempfile.mkdtemp(prefix="curator-try-", dir="/tmp"))
    base.chmod(0o755)
    try:
        yield base
    finally:
        try_server(base, "--stop")
        shutil.rmtree(base, ignore_errors=True)


def try_server(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / "share"))
    env["PYTHONPATH"] = str(ROOT)
    env.pop("DISPLAY", None)
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=540,
        stdin=subprocess.DEVNULL,
    )


def addresses(output: str) -> dict[str, str]:
    found = re.findall(r"curator open '(postgresql:///[^']+)'", output)
    return {re.search(r"user=([^&]+)", uri).group(1): uri for uri in found}  # type: ignore[union-attr]


def test_try_server_starts_a_demo_project_each_printed_login_opens(home: Path) -> None:
    first = try_server(home, "--no-window")
    assert first.returncode == 0, first.stderr
    printed = addresses(first.stdout)
    assert set(printed) >= {"ttxvn_vi", "tass_ru"} and len(printed) == 3
    seen = {}
    for login, uri in printed.items():
        address = parse_address(uri)
        assert isinstance(address, ServerAddress)
        with connect(address) as conn:
            seen[login] = rights(conn)
            photos = conn.execute("SELECT count(*) FROM photo").fetchone()
        assert photos is not None and photos[0] > 0  # the demo's photos, readable by each
    assert seen["ttxvn_vi"].role == "editor" and seen["ttxvn_vi"].languages == ("vi",)
    assert seen["tass_ru"].role == "editor" and seen["tass_ru"].languages == ("ru",)
    (owner,) = set(printed) - {"ttxvn_vi", "tass_ru"}
    assert seen[owner].can_manage_access and not seen["tass_ru"].can_arrange
    # A socket only: the server opened no TCP port.
    assert (home / "share/curator/try-server/run/.s.PGSQL.5432").exists()

    again = try_server(home, "--no-window")
    assert again.returncode == 0, again.stderr
    assert "making a PostgreSQL cluster" not in again.stderr
    assert "copying the demo" not in again.stderr
    assert addresses(again.stdout) == printed

    stopped = try_server(home, "--stop")
    assert stopped.returncode == 0 and "stopped" in stopped.stdout
    assert not (home / "share/curator/try-server/run/.s.PGSQL.5432").exists()
