"""Workstations for the server tests: each its own data folder, its own originals."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.core.services import ProjectService
from curator.ingest.importer import import_paths
from curator.ingest.previews import build_previews
from tests.ingest.images import write_plain_jpeg


def as_workstation(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    """The next project opened is opened by the workstation whose data folder is ``home``."""
    monkeypatch.setenv("XDG_DATA_HOME", str(home))


def originals(folder: Path, count: int) -> list[Path]:
    """``count`` distinct JPEGs (distinct content, so distinct photos)."""
    folder.mkdir(parents=True, exist_ok=True)
    return [write_plain_jpeg(folder, f"p{i}.jpg", size=(800 + 8 * i, 600)) for i in range(count)]


def import_on_a(address: str, home: Path, monkeypatch: pytest.MonkeyPatch, count: int) -> Path:
    """Create the project on workstation A, import ``count`` photos, make the previews."""
    as_workstation(monkeypatch, home / "a-data")
    folder = home / "a-photos"
    originals(folder, count)
    with ProjectService.create(address, title="Expo", languages=["vi", "ru"]) as service:
        import_paths(service, [folder])
        report = build_previews(service, workers=1)
    assert (report.made, report.shared, report.failed) == (count, count, 0)
    return folder
