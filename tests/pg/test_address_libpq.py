"""The address as libpq itself reads it."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict

from curator.core.errors import ProjectOpenError
from curator.core.storage.address import ServerAddress, parse_address
from curator.server.connection import connect
from tests.pg.conftest import PgServer


def test_libpq_refuses_the_project_parameter_so_curator_takes_it_out():
    text = "postgresql:///expo?host=/run/pg&user=anna&project=tass"
    with pytest.raises(psycopg.ProgrammingError):
        conninfo_to_dict(text)
    address = parse_address(text)
    assert isinstance(address, ServerAddress)
    assert conninfo_to_dict(address.conninfo) == {
        "dbname": "expo",
        "host": "/run/pg",
        "user": "anna",
    }


def test_a_password_comes_from_pgpass_never_from_the_address(
    pg_server: PgServer, tmp_path, monkeypatch: pytest.MonkeyPatch
):
    with psycopg.connect(pg_server.uri(), autocommit=True) as admin:
        admin.execute("DROP ROLE IF EXISTS editor_ru")
        admin.execute("CREATE ROLE editor_ru LOGIN PASSWORD 'pa55-word'")
    # The test cluster trusts local connections; this role must give its password.
    hba = _hba(pg_server)
    original = hba.read_text()
    hba.write_text("local all editor_ru scram-sha-256\n" + original)
    try:
        _reload(pg_server)
        uri = pg_server.uri().replace(f"user={pg_server.user}", "user=editor_ru")
        address = parse_address(uri + "&project=ru")
        assert isinstance(address, ServerAddress)
        monkeypatch.setenv("PGPASSFILE", str(tmp_path / "nothing"))
        monkeypatch.delenv("PGPASSWORD", raising=False)
        with pytest.raises(ProjectOpenError, match="password") as refused:
            connect(address)
        assert "pa55" not in str(refused.value)
        passfile = tmp_path / "pgpass"
        passfile.write_text("*:*:*:editor_ru:pa55-word\n")
        passfile.chmod(0o600)
        monkeypatch.setenv("PGPASSFILE", str(passfile))
        with connect(address) as conn:
            assert conn.execute("SELECT current_user").fetchone() == ("editor_ru",)
            assert "pa55" not in address.display()
    finally:
        hba.write_text(original)
        _reload(pg_server)


def _hba(server: PgServer) -> Path:
    with psycopg.connect(server.uri()) as conn:
        row = conn.execute("SHOW hba_file").fetchone()
    assert row is not None
    return Path(str(row[0]))


def _reload(server: PgServer) -> None:
    with psycopg.connect(server.uri(), autocommit=True) as conn:
        conn.execute("SELECT pg_reload_conf()")
