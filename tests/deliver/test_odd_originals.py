"""Originals that import but could not be delivered: a JPEG comment that fills its segment.

A comment of 65,533 bytes (the most one segment holds; legal, and some archives' tools write
it) made exiv2 refuse the whole copy, because it writes the comment back with a NUL added.
The copy is written now, resized or not, with every comment byte for byte and in order.
"""

from __future__ import annotations

import io
import json
import struct
from pathlib import Path

import pytest
from PIL import Image

from curator import cli


def _comments(data: bytes) -> list[bytes]:
    """The payloads of a JPEG's comment segments, in order."""
    found, at = [], 2
    while data[at] == 0xFF and data[at + 1] != 0xDA:
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if data[at + 1] == 0xFE:
            found.append(data[at + 4 : at + 2 + length])
        at += 2 + length
    return found


def _with_comments(path: Path, comments: list[bytes]) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1200), (180, 90, 40)).save(buffer, "JPEG")
    data = buffer.getvalue()
    segments = b"".join(b"\xff\xfe" + struct.pack(">H", len(c) + 2) + c for c in comments)
    path.write_bytes(data[:2] + segments + data[2:])


FULL = (bytes(range(32, 127)) * 700)[:65530] + b"end"  # 65,533 bytes


@pytest.mark.parametrize("resize", [[], ["--long-edge", "800"]])
@pytest.mark.parametrize("comments", [[FULL], [FULL, b"second", FULL]])
def test_a_comment_that_fills_its_segment_is_delivered_whole(
    tmp_path: Path, comments: list[bytes], resize: list[str], capsys
) -> None:
    assert len(FULL) == 65533
    original = tmp_path / "full-comment.jpg"
    _with_comments(original, comments)
    before = original.read_bytes()
    project = tmp_path / "p.curator"
    assert cli.main(["new", str(project), "--languages", "vi,en"]) == 0
    assert cli.main(["import", str(project), str(original)]) == 0
    out = tmp_path / "out"
    capsys.readouterr()
    assert cli.main(["deliver", str(project), "--to", str(out), "--json", *resize]) == 0
    (copy,) = json.loads(capsys.readouterr().out)["files"]
    assert copy["status"] == "written", copy["problems"]
    assert (copy["resized"] is not None) == bool(resize)
    assert _comments(Path(copy["path"]).read_bytes()) == comments
    assert original.read_bytes() == before


def test_a_many_page_tiff_is_never_delivered_with_pages_missing(tmp_path: Path, capsys) -> None:
    """exiv2 writes a TIFF back with its first four pages: such a copy is refused by name."""
    original = tmp_path / "pages.tif"
    pages = [Image.new("RGB", (300, 200), (index * 20, 90, 40)) for index in range(12)]
    pages[0].save(original, save_all=True, append_images=pages[1:], compression="tiff_deflate")
    single = tmp_path / "single.tif"
    pages[0].save(single, compression="tiff_deflate")
    project = tmp_path / "p.curator"
    assert cli.main(["new", str(project), "--languages", "vi,en"]) == 0
    assert cli.main(["import", str(project), str(original), str(single)]) == 0
    capsys.readouterr()
    assert cli.main(["deliver", str(project), "--to", str(tmp_path / "out"), "--json"]) == 1
    files = {Path(f["source"]).name: f for f in json.loads(capsys.readouterr().out)["files"]}
    assert files["single.tif"]["status"] == "written"
    refused = files["pages.tif"]
    assert refused["status"] == "failed" and refused["path"] is None
    assert [p["code"] for p in refused["problems"]] == ["pages-lost"]
    assert "12 pages" in refused["problems"][0]["message"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [files["single.tif"]["name"]]
