"""A whole exhibition on a server project, from the command line: new, import real photos,
caption, search, section, export the catalogue, deliver."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from curator import cli
from curator.demo import write_demo

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils needed")


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> object:
    capsys.readouterr()  # what earlier commands printed
    code = cli.main([*args, "--json"])
    out = capsys.readouterr().out
    assert code == 0, out
    return json.loads(out)


def test_new_import_caption_export_on_a_server_project(
    server_project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photos = write_demo(tmp_path / "demo")[0].parent / "photos"
    url = server_project
    assert cli.main(["new", url, "--title", "Việt Nam – Nga", "--languages", "vi,ru,en"]) == 0
    assert cli.main(["import", url, str(photos)]) in (0, 1)  # 1: a demo file kept as damaged
    capsys.readouterr()
    listed = _json(capsys, "photos", url)
    assert isinstance(listed, list)
    ids = [photo["id"] for photo in listed]
    on_disk = sorted(p.name for p in photos.iterdir() if p.is_file())
    assert len(ids) >= 3 and len(ids) <= len(on_disk)
    first = ids[0]
    night = "Cầu Rồng ở Đà Nẵng trong đêm"
    assert cli.main(["caption", url, first, "--lang", "vi", "--field", "caption",
                     "--text", night, "--status", "final"]) == 0  # fmt: skip
    assert cli.main(["caption", url, first, "--lang", "ru", "--field", "headline",
                     "--text", "Мост Дракона"]) == 0  # fmt: skip
    found = _json(capsys, "search", url, "da nang")
    assert isinstance(found, list)
    assert [match["id"] for match in found] == [first]
    assert cli.main(["section", "add", url, "--title", "vi=Đà Nẵng", "--title", "ru=Дананг",
                     "--photos", ",".join(ids[:3])]) == 0  # fmt: skip
    capsys.readouterr()
    out = tmp_path / "catalogue.pdf"
    exported = _json(capsys, "export", "catalogue", url, "-o", str(out))
    assert isinstance(exported, dict) and exported["exported"] and exported["pages"] > 3
    text = subprocess.run(
        ["pdftotext", str(out), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert night in text and "Мост Дракона" in text
    # The translators' round trip and the translation memory take the address too.
    xliff = tmp_path / "en.xlf"
    assert cli.main(["exchange", "export", url, "--lang", "en", "--format", "xliff12",
                     "-o", str(xliff)]) == 0  # fmt: skip
    applied = _json(capsys, "exchange", "import", url, str(xliff), "--apply")
    assert isinstance(applied, dict)
    added = _json(capsys, "memory", "add", url, "--memory", str(tmp_path / "memory.sqlite"))
    assert isinstance(added, dict)
    assert [(f["file"], f["kind"]) for f in added["files"]] == [(url, "project")]
    info = _json(capsys, "info", url)
    assert isinstance(info, dict)
    assert info["counts"]["sections"] == 1 and info["counts"]["photos"] == len(ids)
    assert info["counts"]["captions"]["final"] == 1
