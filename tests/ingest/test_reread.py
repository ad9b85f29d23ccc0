"""An old project gets the new file facts: migration 11, then ``curator reread``."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from curator.cli import main
from curator.core.model import PhotoFlag
from curator.core.services import ProjectService
from curator.core.storage.migrations import SCHEMA_VERSION, migrate
from curator.ingest.reread import reread_metadata

EXIFTOOL = shutil.which("exiftool")
pytestmark = pytest.mark.skipif(EXIFTOOL is None, reason="exiftool is not installed")


def _photo(folder: Path, name: str, *tags: str) -> Path:
    path = folder / name
    Image.new("RGB", (40, 30), (10, 20, 30)).save(path, "JPEG")
    subprocess.run(
        [str(EXIFTOOL), "-q", "-overwrite_original", *tags, str(path)],
        check=True,
        capture_output=True,
    )
    return path


def _version_9_project(path: Path, photos: dict[str, Path]) -> None:
    """A project as Curator wrote it before schema 11: the photos' rows without new facts."""
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=9)
    conn.execute(
        "INSERT INTO project (singleton, uid, title, source_language, created_at)"
        " VALUES (1, 'u', 'Old', 'en', '2025-01-01T00:00:00+00:00')"
    )
    conn.execute("INSERT INTO project_language (tag, position) VALUES ('en', 0)")
    for photo_id, photo in photos.items():
        conn.execute(
            "INSERT INTO photo (id, sha256, path, width, height, camera, rating, label, flag,"
            " imported_at) VALUES (?, ?, ?, 40, 30, 'Canon EOS R5', 4, 'red', 'pick',"
            " '2025-01-01T00:00:00')",
            (photo_id, hashlib.sha256(photo.read_bytes()).hexdigest(), str(photo)),
        )
    conn.close()


def test_migration_11_adds_the_columns_and_keeps_the_photos(tmp_path: Path) -> None:
    photo = _photo(tmp_path, "a.jpg", "-ExposureTime=1/250")
    project = tmp_path / "old.curator"
    _version_9_project(project, {"pa": photo})
    with ProjectService.open(project) as service:
        assert service.store.schema_version == SCHEMA_VERSION >= 11
        stored = service.photos.get("pa")
    assert stored.camera == "Canon EOS R5" and stored.rating == 4
    # Not read yet: the new facts are empty until a re-read.
    assert stored.lens is None and stored.exposure.is_empty() and stored.job_id is None
    conn = sqlite3.connect(project)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE photo SET exposure_time = 0 WHERE id = 'pa'")


def test_reread_fills_the_new_facts_and_keeps_the_curators_marks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _photo(
        tmp_path,
        "good.jpg",
        "-Make=Canon",
        "-Model=Canon EOS R5",
        "-ExposureTime=1/500",
        "-FNumber=4",
        "-ISO=800",
        "-FocalLength=85",
        "-LensModel=RF85mm F1.2 L USM",
        "-IPTC:Province-State=Lào Cai",
        "-IPTC:CodedCharacterSet=UTF8",
        "-IPTC:OriginalTransmissionReference=VNA-0901",
    )
    edited = _photo(tmp_path, "edited.jpg", "-ExposureTime=1/60")
    gone = _photo(tmp_path, "gone.jpg", "-ExposureTime=1/30")
    project = tmp_path / "old.curator"
    _version_9_project(project, {"pgood": good, "pedited": edited, "pgone": gone})
    # Since the import: one original was edited by another tool, one was deleted.
    _photo(tmp_path, "edited.jpg", "-ExposureTime=1/30", "-Artist=Someone else")
    gone.unlink()

    assert main(["reread", str(project)]) == 1
    captured = capsys.readouterr()
    assert "pedited" in captured.err and "pgone" in captured.err
    with ProjectService.open(project, read_only=True) as service:
        fresh = service.photos.get("pgood")
        untouched = service.photos.get("pedited")
    assert fresh.lens == "RF85mm F1.2 L USM"
    assert fresh.exposure.time == pytest.approx(1 / 500)
    assert (fresh.exposure.f_number, fresh.exposure.iso, fresh.exposure.focal_length) == (
        4.0,
        800,
        85.0,
    )
    assert (fresh.state, fresh.job_id) == ("Lào Cai", "VNA-0901")
    # The curator's marks are the curator's.
    assert (fresh.rating, fresh.label, fresh.flag) == (4, "red", PhotoFlag.PICK)
    # A file that is no longer the one imported is not read into the photo.
    assert untouched.exposure.is_empty() and untouched.byline is None

    # Again: nothing left to change for the good photo; named photos only.
    with ProjectService.open(project) as service:
        report = reread_metadata(service, ["pgood"])
    assert report.unchanged == ["pgood"] and not report.updated


def test_reread_of_an_unknown_photo_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.curator"
    ProjectService.create(project, title="T", languages=["en"]).close()
    assert main(["reread", str(project), "nope"]) == 2
    assert "nope" in capsys.readouterr().err


def test_a_special_file_where_the_original_was_is_reported_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = _photo(tmp_path, "a.jpg", "-ExposureTime=1/250")
    project = tmp_path / "old.curator"
    _version_9_project(project, {"pa": photo})
    photo.unlink()
    os.mkfifo(photo)  # opening it for reading would wait for a writer forever
    assert main(["reread", str(project)]) == 1
    assert "pa:" in capsys.readouterr().err
    with ProjectService.open(project, read_only=True) as service:
        assert service.photos.get("pa").exposure.is_empty()
