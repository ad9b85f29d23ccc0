"""Previews in a server project's database: made where the originals are, seen everywhere.

"Workstation A" imports from its originals folder; "workstation B" (another data folder, so
another workstation folder, and no originals) takes every preview from the server into its
own cache. A project file keeps its cache as before; ``curator copy`` carries the previews
both ways.
"""

from __future__ import annotations

import io
import re
import shutil
import uuid
from pathlib import Path

import pytest
from PIL import Image

from curator.core.services import ProjectService
from curator.core.storage.address import FileAddress, ServerAddress, parse_address
from curator.core.storage.preview_cache import PREVIEW_SIZE, preview_path
from curator.ingest.importer import import_paths
from curator.ingest.previews import build_previews
from curator.server import access_admin
from curator.server.connection import connect
from curator.server.copy import copy_project
from tests.ingest.images import BOTTOM_RIGHT, TOP_LEFT
from tests.pg.workstations import as_workstation, import_on_a, originals


def _corners(jpeg: bytes) -> tuple[tuple[int, ...], tuple[int, ...]]:
    with Image.open(io.BytesIO(jpeg)) as image:
        rgb = image.convert("RGB")
        return rgb.getpixel((5, 5)), rgb.getpixel((rgb.width - 5, rgb.height - 5))  # type: ignore[return-value]


def _close(found: tuple[int, ...], colour: tuple[int, ...]) -> bool:
    return all(abs(a - b) <= 12 for a, b in zip(found, colour, strict=True))


def _server_rows(address: str) -> dict[str, bytes]:
    parsed = parse_address(address)
    assert isinstance(parsed, ServerAddress)
    with connect(parsed) as conn:
        rows = conn.execute(
            "SELECT sha256, jpeg FROM shared_preview WHERE size = %s", (PREVIEW_SIZE,)
        )
        return {str(sha): bytes(jpeg) for sha, jpeg in rows}


def test_workstation_b_without_originals_sees_every_preview(
    server_project: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = import_on_a(server_project, tmp_path, monkeypatch, 3)
    stored = _server_rows(server_project)
    assert len(stored) == 3
    shutil.rmtree(folder)  # B has no originals (nor any path to them)

    as_workstation(monkeypatch, tmp_path / "b-data")
    with ProjectService.open(server_project) as service:
        photos = list(service.photos.all())
        assert not any(p.path.is_file() for p in photos)
        assert not any(preview_path(service.path, p.sha256).is_file() for p in photos)
        report = build_previews(service, workers=1)
        assert (report.fetched, report.made, report.shared, report.failed) == (3, 0, 0, 0)
        for photo in photos:
            jpeg = preview_path(service.path, photo.sha256).read_bytes()
            assert jpeg == stored[photo.sha256]
            top_left, bottom_right = _corners(jpeg)
            assert _close(top_left, TOP_LEFT) and _close(bottom_right, BOTTOM_RIGHT)
            with Image.open(io.BytesIO(jpeg)) as image:
                assert max(image.size) == max(photo.width, photo.height)  # under 1600: as is
            thumbnail = service.queries.thumbnail_jpeg(photo.id)
            assert thumbnail is not None and _close(_corners(thumbnail)[0], TOP_LEFT)
        # A second pass has nothing left to do.
        again = build_previews(service, workers=1)
        assert (again.fetched, again.made, again.shared) == (0, 0, 0)


def test_a_preview_made_where_the_original_is_reaches_the_server_once(
    server_project: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """B imports its own copy of a photo A has not previewed: B's preview goes to the server."""
    as_workstation(monkeypatch, tmp_path / "a-data")
    (only,) = originals(tmp_path / "a-photos", 1)
    with ProjectService.create(server_project, title="Expo", languages=["vi"]) as service:
        import_paths(service, [only.parent])  # no previews made on A
    as_workstation(monkeypatch, tmp_path / "b-data")
    shared_folder = tmp_path / "b-share"
    shared_folder.mkdir()
    shutil.copyfile(only, shared_folder / "same.jpg")
    with ProjectService.open(server_project) as service:
        import_paths(service, [shared_folder])  # the same content: B's own path to it
        report = build_previews(service, workers=1)
        assert (report.made, report.shared) == (1, 1)
    assert len(_server_rows(server_project)) == 1
    as_workstation(monkeypatch, tmp_path / "a-data")
    with ProjectService.open(server_project) as service:
        # A has the original but the server has the preview: taken, not made again.
        report = build_previews(service, workers=1)
        assert (report.fetched, report.made, report.shared) == (1, 0, 0)


def test_an_editors_workstation_adds_previews_and_a_viewers_only_reads(
    server_project: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_workstation(monkeypatch, tmp_path / "a-data")
    folder = originals(tmp_path / "photos", 2)[0].parent
    with ProjectService.create(server_project, title="Expo", languages=["vi", "ru"]) as service:
        import_paths(service, [folder])
    parsed = parse_address(server_project)
    assert isinstance(parsed, ServerAddress)
    logins = {role: f"{role}_{uuid.uuid4().hex[:8]}" for role in ("viewer", "editor")}
    with connect(parsed) as conn:
        for role, login in logins.items():
            conn.execute(f'CREATE ROLE "{login}" LOGIN')
            access_admin.grant(
                conn, parsed.schema, login, role, ("ru",) if role == "editor" else ()
            )

    def as_login(login: str) -> str:
        return re.sub(r"user=[^&]*", f"user={login}", server_project)

    as_workstation(monkeypatch, tmp_path / "viewer-data")
    with ProjectService.open(as_login(logins["viewer"])) as service:
        report = build_previews(service, workers=1)
        assert (report.made, report.shared) == (2, 0)  # made for itself, not given
    assert _server_rows(server_project) == {}
    as_workstation(monkeypatch, tmp_path / "editor-data")
    with ProjectService.open(as_login(logins["editor"])) as service:
        report = build_previews(service, workers=1)
        assert (report.made, report.shared) == (2, 2)
    assert len(_server_rows(server_project)) == 2


def test_copy_carries_the_previews_to_a_file_and_back(
    server_project: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = import_on_a(server_project, tmp_path, monkeypatch, 2)
    stored = _server_rows(server_project)
    shutil.rmtree(folder)
    trip = tmp_path / "trip" / "expo.curator"
    trip.parent.mkdir()
    source = parse_address(server_project)
    assert isinstance(source, ServerAddress)
    copy_project(source, FileAddress(trip))
    # The file keeps its previews in its cache folder, as a file project does.
    for sha256, jpeg in stored.items():
        assert preview_path(trip, sha256).read_bytes() == jpeg
    back = parse_address(f"{server_project}_back")
    other = parse_address(f"{server_project}_other")
    assert isinstance(back, ServerAddress) and isinstance(other, ServerAddress)
    try:
        copy_project(FileAddress(trip), back)
        assert _server_rows(f"{server_project}_back") == stored
        copy_project(source, other)  # server to server: the rows themselves
        assert _server_rows(f"{server_project}_other") == stored
    finally:
        with connect(back) as conn:
            for schema in (back.schema, other.schema):
                conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
