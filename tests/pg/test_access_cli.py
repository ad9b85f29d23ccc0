"""``curator access grant|revoke|list`` on a real server, and its JSON against docs/cli.md."""

from __future__ import annotations

import contextlib
import io
import json

import psycopg
import pytest

from curator import cli
from curator.cli import access_commands
from curator.server import access
from tests.pg.access_project import Project, make_project
from tests.pg.conftest import SUPERUSER
from tests.test_cli_contract import DOC, json_differences, parse_doc


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main([*args, "--ui-language", "en"])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def project(pg_database: str) -> Project:
    return make_project(pg_database)


def _url(project: Project, user: str = SUPERUSER) -> str:
    return project.address.display().replace(f"user={SUPERUSER}", f"user={user}")


def test_grant_list_revoke_from_the_command_line(project: Project):
    tass, ttxvn = project.new_login("tass"), project.new_login("ttxvn")
    url = _url(project)
    code, out, err = _run("access", "grant", url, tass, "--role", "editor", "--languages", "ru")
    assert (code, err) == (0, "")
    assert out == f"{tass} is an editor of {url}: writes texts in ru.\n"
    assert _run("access", "grant", url, ttxvn, "--role", "curator")[0] == 0
    code, out, _err = _run("access", "list", url, "--json")
    assert code == 0
    listed = json.loads(out)
    assert listed == [
        {"login": SUPERUSER, "role": "owner", "languages": []},
        {"login": ttxvn, "role": "curator", "languages": []},
        {"login": tass, "role": "editor", "languages": ["ru"]},
    ]
    blocks, _common = parse_doc(DOC.read_text(encoding="utf-8"))
    block = blocks[("access", "list")]
    assert json_differences(block.fields, listed) == []
    for role in (access.OWNER, *access.ROLE_KINDS):
        assert f"`{role}`" in block.field_rows["role"]
    code, out, _err = _run("access", "list", url)
    assert out.splitlines()[-1].split() == [tass, "editor", "ru"]
    # The role holds on the server: the TASS login's own SQL cannot touch Vietnamese.
    with project.login(tass) as conn:
        assert conn.execute("UPDATE caption SET text = 'x' WHERE language = 'vi'").rowcount == 0
    code, out, _err = _run("access", "revoke", url, tass)
    assert (code, out) == (0, f"{tass} no longer has access to {url}.\n")
    assert [m["login"] for m in json.loads(_run("access", "list", url, "--json")[1])] == [
        SUPERUSER,
        ttxvn,
    ]


def test_a_login_without_the_right_is_refused_by_the_server(project: Project):
    tass, other = project.new_login("tass"), project.new_login("other")
    assert (
        _run("access", "grant", _url(project), tass, "--role", "editor", "--languages", "ru")[0]
        == 0
    )
    code, out, err = _run("access", "grant", _url(project, tass), other, "--role", "curator")
    assert (code, out) == (2, "")
    assert "may not change who has access" in err
    code, out, err = _run("access", "list", _url(project, other))
    assert (code, out) == (2, "")
    assert "no part in this project" in err
    with project.admin() as conn:
        held = conn.execute(
            "SELECT count(*) FROM pg_auth_members a JOIN pg_roles m ON m.oid = a.member"
            " WHERE m.rolname = %s",
            (other,),
        ).fetchone()
    assert held == (0,)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--role", "editor", "--languages", "de"], "“de” is not one of the project's languages"),
        (["--role", "editor"], "--languages"),
        (["--role", "viewer", "--languages", "ru"], "Only an editor"),
    ],
)
def test_bad_grants_exit_2_with_the_reason(project: Project, arguments: list[str], message: str):
    login = project.new_login("someone")
    code, out, err = _run("access", "grant", _url(project), login, *arguments)
    assert (code, out) == (2, "")
    assert message in err


def test_an_unknown_role_is_refused_by_the_parser(project: Project):
    with pytest.raises(SystemExit) as exit_:
        _run("access", "grant", _url(project), "x", "--role", "owner")
    assert exit_.value.code == 2
    assert access_commands.ROLE_KINDS == access.ROLE_KINDS


def test_addresses_that_are_not_a_reachable_server_project(project: Project, tmp_path):
    code, _out, err = _run("access", "list", str(tmp_path / "expo.curator"))
    assert code == 2 and "project file" in err
    secret = "hunter2"
    code, out, err = _run("access", "list", f"postgresql://curator:{secret}@localhost/db")
    assert code == 2 and "contains a password" in err
    assert secret not in out + err
    code, _out, err = _run("access", "list", _url(project).replace("project=expo", "project=none"))
    assert code == 2 and "no project in schema curator_none" in err
    missing = _url(project).split("?")[0] + f"?host={tmp_path}&user={SUPERUSER}"
    code, _out, err = _run("access", "list", missing)
    assert code == 3 and "Could not connect" in err


def test_nothing_is_granted_when_the_login_does_not_exist(project: Project):
    code, _out, err = _run("access", "grant", _url(project), "nobody_here", "--role", "viewer")
    assert code == 2 and "no login nobody_here" in err
    with pytest.raises(psycopg.OperationalError):
        project.login("nobody_here")
