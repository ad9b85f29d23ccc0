"""No output replaces a FIFO, a device or a socket, and a folder that is a file is named so.

Every write ends with a rename over the target's name. Over a FIFO or a device that puts a
regular file in its place: ``-o /dev/null`` or ``-o /dev/stdout`` run as root would replace the
system's device with a PDF. Each command that writes a file the person names is pointed at a
FIFO, a device node, a link to a FIFO and a name inside a file; it must refuse (exit 2) with a
message naming what the target is, before any work, and leave the target as it was.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from curator import cli
from curator.demo import write_demo

COMMANDS: dict[str, tuple[str, Callable[[Path, Path], list[str]]]] = {
    "proof": (".pdf", lambda p, o: ["export", "proof", str(p), "-o", str(o)]),
    "cover": (".pdf", lambda p, o: ["export", "cover", str(p), "-o", str(o)]),
    "plan": (".pdf", lambda p, o: ["export", "plan", str(p), "-o", str(o)]),
    "walkthrough": (".pdf", lambda p, o: ["export", "walkthrough", str(p), "-o", str(o)]),
    "exchange-po": (
        ".po",
        lambda p, o: ["exchange", "export", str(p), "--lang", "ru", "--format", "po", "-o", str(o)],
    ),
    "exchange-xlsx": (
        ".xlsx",
        lambda p, o: [
            *("exchange", "export", str(p), "--lang", "ru", "--format", "xlsx", "-o", str(o))
        ],
    ),
    "exchange-package": (
        ".zip",
        lambda p, o: ["exchange", "package", str(p), "--lang", "ru", "-o", str(o)],
    ),
    "glossary-export": (".csv", lambda p, o: ["glossary", "export", str(p), str(o)]),
    "memory-export": (".tmx", lambda _p, o: ["memory", "export", str(o)]),
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_demo(tmp_path_factory.mktemp("demo"), hall=True)[0]


def _special(folder: Path, kind: str, suffix: str) -> Path:
    target = folder / f"{kind}{suffix}"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "device":
        try:  # a node of /dev/null's device, in the test's own folder
            os.mknod(target, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("making a device node needs root")
    else:
        fifo = folder / "a-fifo"
        os.mkfifo(fifo)
        target.symlink_to(fifo)
    return target


@pytest.mark.parametrize("kind", ["fifo", "device", "link-to-fifo"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_output_onto_a_special_file_is_refused_and_left_as_it_is(
    demo: Path, tmp_path: Path, command: str, kind: str, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # the person's memory
    suffix, arguments = COMMANDS[command]
    target = _special(tmp_path, kind, suffix)
    before = os.lstat(target)
    assert cli.main(arguments(demo, target)) == 2
    err = capsys.readouterr().err
    assert "not a file Curator can write" in err and "Traceback" not in err
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "data") == sorted(
        {target.name, "a-fifo"} if kind == "link-to-fifo" else {target.name}
    )


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_output_inside_a_file_names_the_file_in_the_way(
    demo: Path, tmp_path: Path, command: str, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    suffix, arguments = COMMANDS[command]
    blocker = tmp_path / "notes"
    blocker.write_text("a file, not a folder")
    assert cli.main(arguments(demo, blocker / f"out{suffix}")) == 2
    err = capsys.readouterr().err
    assert f"{blocker} is a file, not a folder" in err and "does not exist" not in err
    assert blocker.read_text() == "a file, not a folder"
