"""Small photos say so (issue 18.6): one resolution threshold, and an error for a tiny one.

Auto-layout's floor and preflight's warning are one threshold, so photos auto-layout placed
get no routine "240 ppi (250 wanted)" warning; an 8 × 8 pixel original, which no placement
makes printable, is an error that gives its real size.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from curator import cli
from curator.core.services import ProjectService


@pytest.fixture
def small_and_fine(tmp_path: Path) -> Path:
    """A project of a tiny photo, a small one and a large one, imported and laid out."""
    photos = tmp_path / "photos"
    photos.mkdir()
    for name, size in (("tiny.jpg", (8, 8)), ("small.jpg", (400, 300)), ("big.jpg", (3000, 2000))):
        Image.new("RGB", size, (120, 90, 60)).save(photos / name, quality=90)
    project = tmp_path / "p.curator"
    assert cli.main(["new", str(project), "--languages", "en"]) == 0
    assert cli.main(["import", str(project), str(photos)]) == 0
    assert cli.main(["layout", "auto", str(project), "--no-backup"]) == 0
    return project


@pytest.mark.parametrize(("product", "minimum"), [("catalogue", "40 mm"), ("panels", "150 mm")])
def test_a_tiny_photo_is_an_error_with_its_real_size_and_no_routine_warnings(
    small_and_fine: Path, capsys, product: str, minimum: str
) -> None:
    capsys.readouterr()
    assert cli.main(["check", str(small_and_fine), "--product", product, "--json"]) == 2
    findings = json.loads(capsys.readouterr().out)
    with ProjectService.open(small_and_fine, read_only=True) as service:
        ids = {photo.path.name: photo.id for photo in service.photos.all()}
    tiny = [f for f in findings if f["code"] == "photo-too-small"]
    assert len(tiny) == 1 and tiny[0]["photo_id"] == ids["tiny.jpg"]
    assert tiny[0]["severity"] == "error"
    assert "tiny.jpg is only 8 × 8 pixels" in tiny[0]["message"]
    assert minimum in tiny[0]["message"]
    # the tiny photo's low resolution is not reported a second time, and the others,
    # placed by auto-layout at or above the one threshold, get no resolution warning
    assert not [f for f in findings if f["code"] == "low-resolution"]


def test_the_smallest_size_is_a_setting(small_and_fine: Path, capsys) -> None:
    assert (
        cli.main(["settings", str(small_and_fine), "preflight.catalogue.min_photo_mm", "100"]) == 0
    )
    capsys.readouterr()
    cli.main(["check", str(small_and_fine), "--product", "catalogue", "--json"])
    small = {
        f["message"].split(" ")[0]
        for f in json.loads(capsys.readouterr().out)
        if f["code"] == "photo-too-small"
    }
    assert small == {"tiny.jpg", "small.jpg"}  # 400 px at 150 ppi: 67.7 mm < 100 mm
