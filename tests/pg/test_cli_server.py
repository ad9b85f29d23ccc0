"""The command line on a project on the server: every PROJECT also takes an address."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from curator import cli

ROOT = Path(__file__).resolve().parents[2]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_new_info_caption_and_search_on_a_server_project(
    server_project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = _run(
        capsys, "new", server_project, "--title", "Hà Nội", "--languages", "vi,ru,en"
    )
    assert code == 0 and server_project in out
    code, out, _err = _run(capsys, "info", server_project, "--json")
    info = json.loads(out)
    assert code == 0
    assert (info["path"], info["title"], info["languages"]) == (
        server_project,
        "Hà Nội",
        ["vi", "ru", "en"],
    )
    assert info["counts"]["photos"] == 0
    code, _out, err = _run(capsys, "new", server_project, "--title", "again", "--languages", "vi")
    assert code == 2 and "already holds a project" in err


def test_a_password_in_an_address_is_refused_and_never_printed(
    server_project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = server_project.replace("postgresql:///", "postgresql://curator_test:hunter2@/")
    with pytest.raises(SystemExit) as usage:
        cli.main(["info", secret])
    out, err = capsys.readouterr()
    assert usage.value.code == 2
    assert "hunter2" not in out + err and "***" in err and "~/.pgpass" in err


def test_an_address_naming_no_project_fails_with_exit_3(
    server_project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = _run(capsys, "info", server_project)
    assert code == 3 and "There is no project at" in err


def test_the_installed_command_loads_the_server_store_itself(server_project: str) -> None:
    """``curator`` (the composition root), not a test's import, makes addresses work."""
    run = subprocess.run(
        [sys.executable, "-m", "curator", "new", server_project, "--languages", "vi,ru"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert server_project in run.stdout
