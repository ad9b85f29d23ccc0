import os
import shutil
import sqlite3
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from curator.core.errors import (
    NewerSchemaError,
    NotAProjectError,
    ProjectExistsError,
    ProjectLockedError,
    ProjectMissingError,
    ProjectOpenError,
    ReadOnlyProjectError,
)
from curator.core.model import CaptionField, GlossaryKind, Photo
from curator.core.services import ProjectService
from curator.core.storage.migrations import SCHEMA_VERSION
from curator.core.storage.store import ProjectStore


def _digest(path: Path) -> bytes:
    return path.read_bytes()


def test_new_project_is_one_sqlite_file_in_wal_with_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "ex.curator"
    with ProjectService.create(path, title="T", languages=["vi", "ru", "en"]) as service:
        conn = service.store.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    # Closed: one self-contained file, nothing beside it but what the user put there.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ex.curator"]
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_create_refuses_an_existing_file(project_path: Path) -> None:
    before = _digest(project_path)
    with pytest.raises(ProjectExistsError):
        ProjectService.create(project_path, title="again", languages=["en"])
    assert _digest(project_path) == before


def test_opening_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ProjectMissingError) as caught:
        ProjectStore.open(tmp_path / "gone.curator")
    assert "gone.curator" in caught.value.message
    assert caught.value.exit_code == 3


@pytest.mark.parametrize(
    "content", [b"", b"hello", b"\xff\xd8\xff\xe0" + b"\0" * 200, b"SQLite format 3\x00" + b"\0"]
)
def test_a_file_that_is_not_a_project_is_refused_unchanged(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "photo.curator"
    path.write_bytes(content)
    with pytest.raises(NotAProjectError) as caught:
        ProjectStore.open(path)
    assert caught.value.exit_code == 2
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photo.curator"]


def test_another_sqlite_database_is_not_a_project(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(NotAProjectError, match="not a Curator project"):
        ProjectStore.open(path)
    assert _digest(path) == before


def test_a_folder_is_not_a_project(tmp_path: Path) -> None:
    with pytest.raises(NotAProjectError):
        ProjectStore.open(tmp_path)


def test_newer_schema_is_refused_unchanged(project_path: Path) -> None:
    data = bytearray(project_path.read_bytes())
    data[60:64] = struct.pack(">I", SCHEMA_VERSION + 1)
    project_path.write_bytes(bytes(data))
    with pytest.raises(NewerSchemaError) as caught:
        ProjectStore.open(project_path)
    assert "newer version of Curator" in caught.value.message
    assert caught.value.exit_code == 3
    assert project_path.read_bytes() == bytes(data)


def test_second_writer_is_refused_with_the_holder_named(project_path: Path) -> None:
    with ProjectStore.open(project_path):
        with pytest.raises(ProjectLockedError) as caught:
            ProjectStore.open(project_path)
        assert "already open in Curator by" in caught.value.message
        assert str(os.getpid()) in caught.value.holder
        # A reader still gets in.
        with ProjectStore.open(project_path, read_only=True) as reader:
            assert reader.read_only
    with ProjectStore.open(project_path) as again:
        assert not again.read_only


def test_lock_held_by_another_process_and_freed_when_it_dies(project_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path;"
            "from curator.core.storage.store import ProjectStore;"
            f"s = ProjectStore.open(Path({str(project_path)!r})); print('open', flush=True);"
            "time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(ProjectLockedError, match=f"process {holder.pid}"):
            ProjectStore.open(project_path)
    finally:
        holder.kill()
        holder.wait()
    with ProjectStore.open(project_path) as store:  # a killed holder leaves no stale lock
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_read_only_store_refuses_changes(project_path: Path) -> None:
    with (
        ProjectService.open(project_path, read_only=True) as service,
        pytest.raises(ReadOnlyProjectError),
    ):
        service.set_title("changed")
    with ProjectService.open(project_path) as service:
        assert service.project.get().title == "Việt Nam – Nga"


def test_edit_is_one_transaction(service: ProjectService) -> None:
    with pytest.raises(RuntimeError), service.store.transaction():
        service.project.set_title("half")
        raise RuntimeError("crash in the middle")
    assert service.project.get().title == "Việt Nam – Nga"


def test_text_is_stored_nfc(service: ProjectService) -> None:
    decomposed = "Tha\u0300nh pho\u0302\u0301 Ho\u0302\u0300 Chi\u0301 Minh"
    with service.store.transaction():
        service.project.set_title(decomposed)
        photo = service.photos.add(
            Photo(id="", path=Path("/p.jpg"), sha256="h", width=1, height=1, byline=decomposed)
        )
        caption = service.captions.set(photo.id, "vi", CaptionField.CAPTION, decomposed)
    nfc = "Thành phố Hồ Chí Minh"
    assert service.project.get().title == nfc
    assert service.photos.get(photo.id).byline == nfc
    assert caption.text == nfc


def _mount_available() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount") is not None


@pytest.fixture
def read_only_mount(tmp_path: Path, project_path: Path):
    """The project on a real read-only tmpfs (root only)."""
    if not _mount_available():
        pytest.skip("needs root to mount a read-only tmpfs")
    mount_point = tmp_path / "ro"
    mount_point.mkdir()
    if subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount_point)]
    ).returncode:
        pytest.skip("cannot mount tmpfs here")
    try:
        shutil.copy(project_path, mount_point / "ex.curator")
        subprocess.run(["mount", "-o", "remount,ro", str(mount_point)], check=True)
        yield mount_point / "ex.curator"
    finally:
        # A descriptor still open keeps the mount busy: detach it lazily, so no read-only
        # mount is left behind for pytest's clean-up of old temporary folders.
        if subprocess.run(["umount", str(mount_point)], capture_output=True).returncode:
            subprocess.run(["umount", "-l", str(mount_point)], check=True)


def test_project_on_read_only_media_opens_read_only(read_only_mount: Path) -> None:
    before = read_only_mount.read_bytes()
    with ProjectService.open(read_only_mount) as service:
        assert service.read_only
        assert not service.store.writable
        assert service.project.get().title == "Việt Nam – Nga"
        with pytest.raises(ReadOnlyProjectError, match="read-only"):
            service.set_title("changed")
    assert read_only_mount.read_bytes() == before


def test_full_disk_gives_a_clear_error_and_keeps_the_project(tmp_path: Path) -> None:
    if not _mount_available():
        pytest.skip("needs root to mount a tiny tmpfs")
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    if subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)]
    ).returncode:
        pytest.skip("cannot mount tmpfs here")
    try:
        path = mount_point / "ex.curator"
        with ProjectService.create(path, title="T", languages=["vi"]) as service:
            with pytest.raises(ProjectOpenError, match="disk is full"), service.store.transaction():
                for index in range(10_000):
                    service.glossary.add(
                        GlossaryKind.TERM, {"vi": f"thuật ngữ {index} " + "x" * 200}
                    )
            assert service.glossary.count() == 0
            assert service.project.get().title == "T"
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    finally:
        # A descriptor still open keeps the mount busy: detach it lazily, so no read-only
        # mount is left behind for pytest's clean-up of old temporary folders.
        if subprocess.run(["umount", str(mount_point)], capture_output=True).returncode:
            subprocess.run(["umount", "-l", str(mount_point)], check=True)
