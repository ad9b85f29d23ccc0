"""Originals found by content hash: each workstation its own paths, "missing here" its own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from curator.core.services import ProjectService
from curator.ingest.importer import import_paths
from tests.ingest.images import write_plain_jpeg


def _as_workstation(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    """The next project opened is opened by the workstation whose data folder is ``home``."""
    monkeypatch.setenv("XDG_DATA_HOME", str(home))


def test_each_workstation_keeps_its_own_path_of_the_same_original(
    server_project: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hanoi, moscow = tmp_path / "hanoi", tmp_path / "moscow"
    (hanoi / "photos").mkdir(parents=True)
    (moscow / "share").mkdir(parents=True)
    original = write_plain_jpeg(hanoi / "photos", "bridge.jpg")
    _as_workstation(monkeypatch, hanoi / "data")
    with ProjectService.create(server_project, title="A", languages=["vi", "ru"]) as service:
        import_paths(service, [hanoi / "photos"])
        (photo,) = service.photos.all()
        assert photo.path == original
    # Moscow has no such folder: the photo is missing there (and only there) ...
    _as_workstation(monkeypatch, moscow / "data")
    with ProjectService.open(server_project) as service:
        (photo,) = service.photos.all()
        assert photo.path == original  # where it was first imported, the only hint there is
        shutil.copyfile(original, moscow / "share" / "most.jpg")
        original.rename(original.with_suffix(".moved"))  # not reachable from Moscow either
        assert not service.photos.get(photo.id).path.is_file()
        # ... until Moscow imports its own copy: the same content, so the same photo.
        report = import_paths(service, [moscow / "share"])
        assert report.relinked == [photo.id]
        assert [p.path for p in service.photos.all()] == [moscow / "share" / "most.jpg"]
        assert service.photos.find_by_hash(photo.sha256).path.is_file()  # type: ignore[union-attr]
    original.with_suffix(".moved").rename(original)
    # Hanoi still sees its own path; the server's row was not changed by Moscow's relink.
    _as_workstation(monkeypatch, hanoi / "data")
    with ProjectService.open(server_project, read_only=True) as service:
        (again,) = service.photos.all()
        assert again.path == original and again.path.is_file()
        assert service.info().counts.photos == 1
