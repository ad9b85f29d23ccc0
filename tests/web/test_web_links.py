"""A web edition's folder never takes the export, or its clean-up, outside itself.

And an export stopped by a full disk leaves no half-made site behind.

The folder keeps the list of the files Curator wrote there (``.curator-site.json``); a
re-export removes those it no longer writes. A folder received from someone else, or one a
web master rearranged with symbolic links, may list names that lead elsewhere on the disk:
through a link to the originals' folder or the project's. Nothing there is removed or
written, and the project and every original stay as they were.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from curator import cli
from curator.demo import write_demo
from curator.export.web_pages import IMAGES
from curator.export.web_site import MANIFEST
from tests.crashes.test_full_disk_outputs import _mount
from tests.outputs.test_full_disk_codes import _fill


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_manifest_naming_files_through_links_removes_none_of_them(tmp_path: Path) -> None:
    project = write_demo(tmp_path / "demo")[0]
    before = _digests(project.parent)
    site = tmp_path / "site"
    site.mkdir()
    (site / "project").symlink_to(project.parent)
    (site / "originals").symlink_to(project.parent / "photos")
    listed = [f"project/{project.name}", "originals/01-talks.jpg", "originals/08-lotus.jpg"]
    manifest = {"kind": "curator-web-edition", "files": listed}
    (site / MANIFEST).write_text(json.dumps(manifest))
    assert cli.main(["export", "web", str(project), "-o", str(site)]) == 0
    assert _digests(project.parent) == before
    assert (site / "project").is_symlink() and (site / "originals").is_symlink()


def test_the_project_saved_into_the_site_and_listed_there_is_kept(tmp_path: Path) -> None:
    project = write_demo(tmp_path / "demo")[0]
    site = tmp_path / "site"
    assert cli.main(["export", "web", str(project), "-o", str(site)]) == 0
    moved = site / project.name  # the curator keeps the project with its site
    shutil.move(project, moved)
    manifest = json.loads((site / MANIFEST).read_text())
    manifest["files"].append(project.name)
    (site / MANIFEST).write_text(json.dumps(manifest))
    before = hashlib.sha256(moved.read_bytes()).hexdigest()
    assert cli.main(["export", "web", str(moved), "-o", str(site)]) == 0
    assert hashlib.sha256(moved.read_bytes()).hexdigest() == before


def test_a_site_folder_linked_elsewhere_is_refused_and_nothing_written_there(
    tmp_path: Path, capsys
) -> None:
    project = write_demo(tmp_path / "demo")[0]
    site = tmp_path / "site"
    assert cli.main(["export", "web", str(project), "-o", str(site)]) == 0
    elsewhere = tmp_path / "elsewhere"
    shutil.move(site / IMAGES, elsewhere)  # the web master moved the images and linked them
    for image in elsewhere.iterdir():
        image.write_bytes(b"someone else's file")
    (site / IMAGES).symlink_to(elsewhere)
    before = _digests(elsewhere)
    assert cli.main(["export", "web", str(project), "-o", str(site)]) == 2
    assert "outside the web edition's folder" in capsys.readouterr().err
    assert _digests(elsewhere) == before


@pytest.fixture
def tiny(tmp_path: Path) -> Iterator[Path]:
    yield from _mount(tmp_path / "tiny", "size=4m")


@pytest.mark.parametrize("room", [0, 100_000])
def test_a_full_disk_leaves_no_half_made_site(tmp_path: Path, tiny: Path, room: int, capsys):
    """Stopped by a full disk at once or midway: exit 3, the new folder is gone."""
    project = write_demo(tmp_path / "demo")[0]
    _fill(tiny, leave=room)
    site = tiny / "site"
    assert cli.main(["export", "web", str(project), "-o", str(site)]) == 3
    err = capsys.readouterr().err
    assert "full" in err and "Traceback" not in err
    assert sorted(p.name for p in tiny.iterdir()) == ["filler"]
