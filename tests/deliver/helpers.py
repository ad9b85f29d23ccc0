"""Reading delivered copies the way other tools do (exiftool), and comparing image data."""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "data" / "realworld" / "images"

needs_exiftool = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool missing")


def exiftool(path: Path) -> dict[str, Any]:
    """``exiftool -G1 -a -j``: every tag, grouped, duplicates kept."""
    out = subprocess.run(
        ["exiftool", "-G1", "-a", "-j", "-charset", "iptc=UTF8", str(path)],
        capture_output=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.decode("utf-8"))[0]
    return result


def validation_warnings(path: Path) -> set[str]:
    """``exiftool -validate -warning``: its warnings and errors, one string each."""
    out = subprocess.run(
        ["exiftool", "-validate", "-warning", "-error", "-a", "-s3", str(path)],
        capture_output=True,
        check=False,
    )
    lines = out.stdout.decode("utf-8").splitlines()
    return {line for line in lines if line and not line[0].isdigit() and line != "OK"}


def jpeg_scan(path: Path) -> bytes:
    """Everything from a JPEG's first SOS marker on: the compressed image data."""
    data = path.read_bytes()
    offset = 2
    while data[offset + 1] != 0xDA:
        offset += 2 + struct.unpack(">H", data[offset + 2 : offset + 4])[0]
    return data[offset:]


def corpus_file(relative: str) -> Path:
    """A file of the shared real-world corpus, or a clean skip when it is absent."""
    path = CORPUS / relative
    if not path.is_file():
        pytest.skip(f"the real-world corpus file {relative} is not here")
    return path
