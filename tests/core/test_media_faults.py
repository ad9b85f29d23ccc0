"""Media that fail under an open project: full disks, pulled disks, moved or replaced files."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from curator.core.editing import sections
from curator.core.errors import BackupError, ProjectGoneError
from curator.core.model import CaptionField, Photo
from curator.core.services import ProjectService
from curator.core.storage import backups
from curator.core.storage.backups import (
    SnapshotReason,
    backup_folder,
    list_snapshots,
    take_snapshot,
)


def _mount_available() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount") is not None


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs (root only; the CI machine runs as root)."""
    if not _mount_available():
        pytest.skip("needs root to mount a tmpfs")
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)):
        pytest.skip("cannot mount tmpfs here")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _fill(folder: Path, leave: int) -> None:
    """Fill a file system until about ``leave`` bytes are free."""
    free = shutil.disk_usage(folder).free - leave
    with (folder / "filler").open("wb") as handle:
        while free > 0:
            chunk = min(free, 64 * 1024)
            try:
                handle.write(b"\0" * chunk)
                handle.flush()
            except OSError:
                break
            free -= chunk


def _photo(service: ProjectService) -> str:
    with service.store.transaction():
        return service.photos.add(
            Photo(id="", path=Path("/p/a.jpg"), sha256="h", width=30, height=20)
        ).id


def test_a_full_disk_refuses_the_snapshot_and_the_deletion_it_guards(tiny_disk: Path) -> None:
    path = tiny_disk / "ex.curator"
    with ProjectService.create(path, title="T", languages=["vi"]) as service:
        section, _before = sections.add_section(service, {"vi": "Một"})
        _fill(tiny_disk, leave=64 * 1024)
        with pytest.raises(BackupError, match="disk is full") as caught:
            sections.delete_section(service, section.id)
        assert "Nothing was changed" in caught.value.message and caught.value.can_go_on
        assert [s.id for s in service.exhibition.sections()] == [section.id]
        assert list_snapshots(path) == []
        assert [p.name for p in backup_folder(path).iterdir()] == []  # nothing partial left
        # The person chose to go on without a backup: the deletion itself fits on the disk.
        sections.delete_section(service, section.id, backup=False)
        assert service.exhibition.sections() == []


def test_a_disk_that_fills_during_the_copy_leaves_no_partial_snapshot(
    tiny_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tiny_disk / "ex.curator"
    with ProjectService.create(path, title="T", languages=["vi"]) as service:
        photo_id = _photo(service)
        service.set_caption(photo_id, "vi", CaptionField.CAPTION, "chữ " * 20_000)
        _fill(tiny_disk, leave=200 * 1024)
        # Skip the free-space check so the copy itself runs into the full disk.
        monkeypatch.setattr(backups, "_HEADROOM_BYTES", -(10**9))
        with pytest.raises(BackupError, match="disk is full"):
            take_snapshot(service.store, SnapshotReason.MANUAL)
        assert [p.name for p in backup_folder(path).iterdir()] == []
        assert service.captions.get(photo_id, "vi", CaptionField.CAPTION).text.startswith("chữ")
        assert service.store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_moved_folder_refuses_writes_and_loses_nothing_when_it_returns(tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    path = folder / "ex.curator"
    ProjectService.create(path, title="T", languages=["vi"]).close()
    with ProjectService.open(path) as service:
        photo_id = _photo(service)
        service.set_caption(photo_id, "vi", CaptionField.HEADLINE, "trước")
        folder.rename(tmp_path / "elsewhere")
        with pytest.raises(ProjectGoneError, match="not there any more"):
            service.set_caption(photo_id, "vi", CaptionField.CAPTION, "lost while away")
        (tmp_path / "elsewhere").rename(folder)
        service.set_caption(photo_id, "vi", CaptionField.CAPTION, "sau")
    with ProjectService.open(path) as service:
        captions = {c.field: c.text for c in service.captions.for_photo(photo_id) if c.text}
        assert captions == {CaptionField.HEADLINE: "trước", CaptionField.CAPTION: "sau"}
        assert service.store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_lazily_unmounted_disk_refuses_writes_until_it_is_back(tmp_path: Path) -> None:
    """A pulled USB disk: the mount vanishes under the open project, then comes back."""
    if not _mount_available():
        pytest.skip("needs root to bind-mount")
    disk = tmp_path / "disk"
    disk.mkdir()
    mount_point = tmp_path / "media"
    mount_point.mkdir()
    ProjectService.create(disk / "ex.curator", title="T", languages=["vi"]).close()
    if not _mount("--bind", str(disk), str(mount_point)):
        pytest.skip("cannot bind-mount here")
    try:
        with ProjectService.open(mount_point / "ex.curator") as service:
            photo_id = _photo(service)
            service.set_caption(photo_id, "vi", CaptionField.HEADLINE, "before")
            subprocess.run(["umount", "-l", str(mount_point)], check=True)
            with pytest.raises(ProjectGoneError, match="disk removed"):
                service.set_caption(photo_id, "vi", CaptionField.CAPTION, "refused")
            assert _mount("--bind", str(disk), str(mount_point))
            service.set_caption(photo_id, "vi", CaptionField.CAPTION, "after")
        with ProjectService.open(disk / "ex.curator") as service:
            texts = {c.field: c.text for c in service.captions.for_photo(photo_id) if c.text}
            assert texts == {CaptionField.HEADLINE: "before", CaptionField.CAPTION: "after"}
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_a_file_replaced_under_the_open_project_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "ex.curator"
    ProjectService.create(path, title="T", languages=["vi"]).close()
    other = tmp_path / "other.curator"
    ProjectService.create(other, title="Other", languages=["vi"]).close()
    with ProjectService.open(path) as service:
        other.replace(path)
        with pytest.raises(ProjectGoneError, match="replaced by another file"):
            service.set_title("mine")
    with ProjectService.open(path) as service:
        assert service.project.get().title == "Other"
