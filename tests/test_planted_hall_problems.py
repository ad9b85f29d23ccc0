"""Problems planted in a copy of the demo through the CLI: each check finds its own, translated."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from curator import cli
from curator.demo import write_demo

HALL_A = {"panel-blocks-door", "panel-too-long"}
HALL_B = {"panel-too-tall", "panel-overlap", "aisle-too-narrow"}


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main(list(argv))
    return code, capsys.readouterr().out


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project, _created = write_demo(tmp_path_factory.mktemp("planted") / "demo", hall=True)
    return project


def _copies(demo: Path, tmp_path: Path) -> tuple[str, str]:
    """A: a panel off the plan, one longer than its wall, one over the door; B: the rest."""
    a, b = tmp_path / "a.curator", tmp_path / "b.curator"
    shutil.copy(demo, a)
    shutil.copy(demo, b)
    steps = [
        [str(a), "hall unplace", "1.1"],
        [str(a), "hall add-wall", "--from", "20000,0", "--to", "20800,0", "--height", "3200"],
        [str(a), "hall place", "2.1", "--wall", "5", "--offset", "0"],
        [str(a), "hall place", "3.1", "--wall", "1", "--offset", "500"],  # the door: 600 mm
        [str(b), "hall place", "2.1", "--wall", "1", "--offset", "2300"],  # onto 1.1
        [str(b), "hall add-wall", "--from", "20000,0", "--to", "25000,0", "--height", "1000"],
        [str(b), "hall place", "3.1", "--wall", "5", "--offset", "100"],
        [str(b), "hall add-stand", "--at", "7000,8500", "--length", "3000", "--height", "2200"],
        [str(b), "visit route set", "State visit", "--allotted", "5"],
    ]
    for project, command, *rest in steps:
        assert cli.main([*command.split(), project, *rest]) == 0, (command, rest)
    return str(a), str(b)


def test_every_planted_problem_is_found_with_its_code(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = _copies(demo, tmp_path)
    for project, hall, visit in (
        (a, HALL_A, {"stop-not-placed"}),
        (b, HALL_B, {"visit-over-time"}),
    ):
        code, out = _run(capsys, "hall", "check", project, "--json")
        assert code == 2 and {f["code"] for f in json.loads(out)} == hall
        code, out = _run(capsys, "visit", "check", project, "--json")
        assert code == 2 and {f["code"] for f in json.loads(out)} == visit


@pytest.mark.parametrize("language", ["vi", "ru"])
def test_the_findings_speak_the_interface_language(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], language: str
) -> None:
    a, b = _copies(demo, tmp_path)
    for project in (a, b):
        for group in ("hall", "visit"):
            _code, english = _run(capsys, group, "check", project, "--json", "--ui-language", "en")
            _code, local = _run(
                capsys, group, "check", project, "--json", "--ui-language", language
            )
            found = {f["code"]: f["message"] for f in json.loads(english)}
            translated = {f["code"]: f["message"] for f in json.loads(local)}
            assert translated.keys() == found.keys() and found
            for code, message in translated.items():
                assert message != found[code], f"{group} {code} is not translated into {language}"
            if language == "ru":
                assert all(any("а" <= c <= "я" for c in m) for m in translated.values())
