"""``curator photo relink`` (issue 18.3): one photo pointed at a whole copy of its original.

The file must decode as the export decodes it; the same content is a move, other content
replaces the original only with ``--accept-different``; preflight's error is gone after.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image

from curator.cli import main
from curator.core.services import ProjectService
from curator.demo import write_demo

BROKEN = "03-signing.jpg"


@pytest.fixture
def broken(tmp_path: Path) -> tuple[Path, str, Path]:
    """The demo with one original cut in half; its photo id; a whole copy elsewhere."""
    path, _created = write_demo(tmp_path / "demo")
    original = next(path.parent.rglob(BROKEN))
    whole = tmp_path / "copies" / BROKEN
    whole.parent.mkdir()
    shutil.copyfile(original, whole)
    data = original.read_bytes()
    original.write_bytes(data[: len(data) // 2])
    with ProjectService.open(path, read_only=True) as service:
        photo_id = next(p.id for p in service.photos.all() if p.path.name == BROKEN)
    return path, photo_id, whole


def _unreadable(path: Path, capsys) -> list[str]:
    main(["check", str(path), "--product", "catalogue", "--json"])
    findings = json.loads(capsys.readouterr().out)
    return [f["photo_id"] for f in findings if f["code"] == "photo-unreadable"]


def _photo(path: Path, photo_id: str):
    with ProjectService.open(path, read_only=True) as service:
        return service.photos.get(photo_id)


def test_a_whole_copy_relinks_and_preflight_passes(broken, capsys) -> None:
    path, photo_id, whole = broken
    before = _photo(path, photo_id)
    assert _unreadable(path, capsys) == [photo_id]
    code = main(["photo", "relink", str(path), photo_id, str(whole), "--json"])
    assert code == 0
    done = json.loads(capsys.readouterr().out)
    assert done == {
        "photo_id": photo_id,
        "path": str(whole),
        "previous": str(before.path),
        "same_content": True,
    }
    after = _photo(path, photo_id)
    assert after.path == whole and after.sha256 == before.sha256
    assert _unreadable(path, capsys) == []


def test_a_truncated_or_missing_or_special_file_is_refused_naming_it(
    broken, tmp_path: Path, capsys
) -> None:
    path, photo_id, whole = broken
    before = _photo(path, photo_id)
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 3])
    fifo = tmp_path / "pipe.jpg"
    os.mkfifo(fifo)
    for bad in (cut, tmp_path / "nowhere.jpg", fifo, tmp_path / "copies"):
        assert main(["photo", "relink", str(path), photo_id, str(bad)]) == 2, bad
        err = capsys.readouterr().err
        assert str(bad) in err and "cannot be used as an original" in err, err
        assert "Traceback" not in err
    assert _photo(path, photo_id) == before


def test_other_content_needs_accept_different(broken, tmp_path: Path, capsys) -> None:
    path, photo_id, _whole = broken
    before = _photo(path, photo_id)
    other = tmp_path / "retouched.jpg"
    Image.new("RGB", (900, 600), (30, 90, 160)).save(other, quality=90)
    assert main(["photo", "relink", str(path), photo_id, str(other)]) == 2
    assert "content differs" in capsys.readouterr().err
    assert _photo(path, photo_id) == before
    assert main(["photo", "relink", str(path), photo_id, str(other), "--accept-different"]) == 0
    assert "other content" in capsys.readouterr().out
    after = _photo(path, photo_id)
    assert (after.path, after.width, after.height) == (other, 900, 600)
    assert after.sha256 != before.sha256 and after.file_size == other.stat().st_size
    with ProjectService.open(path, read_only=True) as service:
        thumbnail = service.media.thumbnail(photo_id)
        # The library shows the new picture: 900 × 600 scaled to its thumbnail.
        assert thumbnail is not None and thumbnail.width > thumbnail.height
        assert service.exhibition.section_of(photo_id) is not None  # layout kept
    assert _unreadable(path, capsys) == []


def test_another_photos_original_and_an_unknown_id_are_refused(broken, capsys) -> None:
    path, photo_id, _whole = broken
    with ProjectService.open(path, read_only=True) as service:
        other = next(p for p in service.photos.all() if p.id != photo_id)
    code = main(["photo", "relink", str(path), photo_id, str(other.path), "--accept-different"])
    assert code == 2
    assert f"already the original of photo {other.id}" in capsys.readouterr().err
    assert main(["photo", "relink", str(path), "nosuchphoto", str(other.path)]) == 2
    assert "no photo with id" in capsys.readouterr().err


def test_a_failed_snapshot_refuses_the_relink_unless_no_backup(broken, capsys) -> None:
    from curator.core.storage.backups import backup_folder, list_snapshots

    path, photo_id, whole = broken
    before = _photo(path, photo_id)
    folder = backup_folder(path)
    if folder.exists():
        shutil.rmtree(folder)
    folder.write_text("a file where the folder should be")
    code = main(["photo", "relink", str(path), photo_id, str(whole)])
    assert code != 0
    assert "Nothing was changed" in capsys.readouterr().err
    assert _photo(path, photo_id) == before
    assert main(["photo", "relink", str(path), photo_id, str(whole), "--no-backup"]) == 0
    assert _photo(path, photo_id).path == whole
    folder.unlink()
    # With the folder back, a refused relink takes no snapshot; a relink takes one first.
    assert main(["photo", "relink", str(path), photo_id, str(before.path.parent / "x.jpg")]) == 2
    capsys.readouterr()
    assert main(["photo", "relink", str(path), photo_id, str(whole)]) == 0
    (snapshot,) = list_snapshots(path)
    assert snapshot.reason == "relink"
