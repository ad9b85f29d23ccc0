from __future__ import annotations

import stat
from pathlib import Path

import psycopg

from tests.pg.conftest import PgServer


def test_the_server_runs_unprivileged_on_a_socket_only(pg_server: PgServer, pg_database: str):
    with psycopg.connect(pg_database) as conn:
        listen = conn.execute("SHOW listen_addresses").fetchone()
        sockets = conn.execute("SHOW unix_socket_directories").fetchone()
        data_dir = conn.execute("SHOW data_directory").fetchone()
    assert listen == ("",)
    assert sockets == (str(pg_server.socket_dir),)
    assert data_dir is not None
    owner = Path(str(data_dir[0])).stat().st_uid
    assert owner != 0
    assert stat.S_ISSOCK((pg_server.socket_dir / ".s.PGSQL.5432").stat().st_mode)
