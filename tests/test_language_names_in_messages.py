"""A language's name inside a sentence follows the interface language's own rules: Vietnamese
writes "bằng tiếng Anh" in lower case (babel gives "Tiếng Anh"); a list entry or a heading
starts with a capital."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator import cli
from curator.demo import write_demo


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path, _created = write_demo(tmp_path / "demo")
    assert cli.main(["layout", "auto", str(path)]) == 0
    return path


def test_preflight_in_vietnamese_says_bang_tieng_in_lower_case(
    demo: Path, capsys, monkeypatch
) -> None:
    capsys.readouterr()
    monkeypatch.setenv("LANGUAGE", "vi")
    assert cli.main(["check", str(demo), "--json"]) == 0
    messages = [finding["message"] for finding in json.loads(capsys.readouterr().out)]
    missing = [m for m in messages if " bằng " in m]
    assert missing, messages
    assert all("bằng tiếng " in m for m in missing), missing
    assert not any("bằng Tiếng" in m for m in messages)


def test_preflight_in_russian_keeps_babels_lower_case(demo: Path, capsys, monkeypatch) -> None:
    capsys.readouterr()
    monkeypatch.setenv("LANGUAGE", "ru")
    assert cli.main(["check", str(demo), "--json"]) == 0
    messages = [finding["message"] for finding in json.loads(capsys.readouterr().out)]
    named = [m.split("(язык: ")[1] for m in messages if "(язык: " in m]
    assert named, messages
    assert all(name[:1].islower() and name[:1] != name[:1].upper() for name in named), named
