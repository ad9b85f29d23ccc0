"""A FIFO given where Curator reads a person's file never hangs a command.

Photos, caption files and glossaries were read through the one opener that proves a file
regular; the other files a person names were not: a project, a hall's DXF, a colour profile,
a foreword, a logo, a signature and a translation memory. Each is given as a real FIFO
(``os.mkfifo``); the command must refuse it (exit 2 or 3, the file named, no traceback). A
command still blocked on the FIFO is let go and fails the test.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from curator import cli
from curator.demo import write_demo
from tests.test_special_originals import finishes

NOT_REGULAR = "not a regular file"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_demo(tmp_path_factory.mktemp("demo"))[0]


COMMANDS: dict[str, tuple[str, int, Callable[[Path, Path, Path], list[str]]]] = {
    "open-project": ("p.curator", 3, lambda _p, f, _o: ["info", str(f)]),
    "hall-dxf": ("hall.dxf", 2, lambda p, f, _o: ["hall", "import-dxf", str(p), str(f)]),
    "icc": (
        "shop.icc",
        2,
        lambda p, f, o: ["export", "proof", str(p), "-o", str(o / "x.pdf"), "--icc", str(f)],
    ),
    "foreword": (
        "foreword.txt",
        2,
        lambda p, f, _o: ["catalogue", "texts", str(p), "--set-file", "foreword", "vi", str(f)],
    ),
    "logo": ("logo.svg", 2, lambda p, f, _o: ["catalogue", "texts", str(p), "--add-logo", str(f)]),
    "signature": (
        "sign.png",
        2,
        lambda p, f, _o: ["catalogue", "texts", str(p), "--signature", str(f)],
    ),
    "memory-stats": ("m.sqlite", 2, lambda _p, f, _o: ["memory", "stats", "--memory", str(f)]),
    "pretranslate-memory": (
        "m.sqlite",
        2,
        lambda p, f, o: [
            *("exchange", "export", str(p), "--lang", "ru", "--format", "po"),
            *("-o", str(o / "ru.po"), "--pretranslate", "--memory", str(f)),
        ],
    ),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_fifo_given_as_an_input_is_refused_without_waiting(
    demo: Path, tmp_path: Path, command: str, capsys
) -> None:
    name, code, arguments = COMMANDS[command]
    fifo = tmp_path / name
    os.mkfifo(fifo)
    out = tmp_path / "out"
    out.mkdir()
    assert finishes(fifo, lambda: cli.main(arguments(demo, fifo, out))) == code
    err = capsys.readouterr().err
    assert NOT_REGULAR in err and fifo.name in err and "Traceback" not in err
    assert list(out.iterdir()) == []


def test_suggestions_for_an_unknown_photo_name_it(demo: Path, tmp_path: Path, capsys) -> None:
    memory = ["--memory", str(tmp_path / "m.sqlite")]
    command = ["memory", "suggest", str(demo), "nosuchphoto", "--lang", "ru", "--field", "caption"]
    assert cli.main([*command, *memory]) == 2
    err = capsys.readouterr().err
    assert "nosuchphoto" in err and "Traceback" not in err


def test_a_fifo_in_place_of_the_backups_index_never_stops_a_snapshot(
    tmp_path: Path, capsys
) -> None:
    project = write_demo(tmp_path / "demo")[0]
    assert cli.main(["backup", "take", str(project)]) == 0
    index = project.with_name(f"{project.name}-backups") / "index.json"
    index.unlink()
    os.mkfifo(index)
    assert finishes(index, lambda: cli.main(["backup", "take", str(project)])) == 0
    capsys.readouterr()
    assert finishes(index, lambda: cli.main(["backup", "list", str(project), "--json"])) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2
    assert index.is_fifo()
