"""No raw control byte from a file name ever reaches the terminal, whichever command prints it.

A real ``curator`` process runs each command on a project, photos and outputs whose names
hold an ANSI colour sequence (ESC ``[31m``), a right-to-left override (U+202E) and a byte
that is not UTF-8. What it writes to stdout and stderr is read as bytes: no ESC, no U+202E,
nothing that is not UTF-8 - the names arrive escaped (``\\x1b``, ``\\u202e``, ``\\xff``), in
sentences, in tables, in argparse's errors and in JSON.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

ODD = os.fsdecode(b"odd-\x1b[31m-\xe2\x80\xae-\xff")
#: What import takes (a name that is not UTF-8 is refused, and named, on its own).
TEXT = "odd-\x1b[31m-\u202e"
FORBIDDEN = (b"\x1b", "\u202e".encode())


def _curator(*args: str) -> tuple[int, bytes, bytes]:
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "CURATOR_NO_PROGRESS": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "curator", *args, "--ui-language", "en"],
        capture_output=True,
        env=env,
        timeout=600,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def _clean(command: str, out: bytes, err: bytes) -> None:
    for name, data in (("stdout", out), ("stderr", err)):
        for raw in FORBIDDEN:
            assert raw not in data, f"curator {command}: raw {raw!r} on {name}: {data[:400]!r}"
        data.decode("utf-8")  # strictly: a byte that is not UTF-8 fails here


@pytest.fixture(scope="module")
def odd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("names") / TEXT
    (base / "photos").mkdir(parents=True)
    for index, colour in enumerate(("red", "green")):
        Image.new("RGB", (120, 80), colour).save(base / "photos" / f"{TEXT}-{index}.jpg")
    (base / "photos" / f"{TEXT}-broken.jpg").write_bytes(b"\xff\xd8 not a photo")
    Image.new("RGB", (120, 80), "blue").save(base / "photos" / f"{ODD}.jpg")
    return base


def test_every_command_escapes_odd_names(odd: Path) -> None:
    # The project's own file name gives its default title, which must be text: its name
    # keeps the ESC and the override but not the undecodable byte (the folders keep it).
    project = str(odd / f"{TEXT}.curator")
    code, out, err = _curator("new", project, "--languages", "vi,en")
    _clean("new", out, err)
    assert code == 0
    code, out, err = _curator("import", project, str(odd / "photos"))
    _clean("import", out, err)
    assert code == 1  # the broken one is refused, and named
    assert b"\\x1b[31m" in err and b"\\u202e" in err and b"\\xff" in err
    runs = [
        ("info", project),
        ("info", project, "--json"),
        ("status", project),
        ("photos", project),
        ("photos", project, "--json"),
        ("problems", project),
        ("problems", project, "--json"),
        ("search", project, "odd"),
        ("check", project),
        ("check", project, "--json"),
        ("section", "list", project),
        ("backup", "list", project),
        ("deliver", project, "--to", str(odd / f"{ODD}-out")),
        ("deliver", project, "--to", str(odd / f"{ODD}-out"), "--json"),
        ("export", "proof", project, "-o", str(odd / f"{ODD}-proof.pdf")),
        ("export", "labels", project, "-o", str(odd / f"{ODD}-labels.pdf"), "--json"),
        ("info", str(odd / f"{ODD}-missing.curator")),  # an error naming the file
        ("import", str(odd / f"{ODD}-missing.curator"), str(odd)),
        ("glossary", "import", project, str(odd / f"{ODD}.csv")),
        ("info", project, f"--no-such-flag-{ODD}"),  # argparse's own error
    ]
    for args in runs:
        code, out, err = _curator(*args)
        _clean(" ".join(args[:2]), out, err)
        if "--json" in args and code in (0, 1):
            assert out.strip(), f"curator {args[:2]} ({code}): {err[-300:]!r}"
            json.loads(out)  # still JSON, the names inside it escaped JSON's way
    code, out, _err = _curator("photos", project, "--json")
    sources = json.dumps(json.loads(out))
    assert "\\u001b[31m" in sources and "\\u202e" in sources
