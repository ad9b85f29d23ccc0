"""The one atomic writer: whole or nothing, never over a protected file, clear errors."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from curator.core.services import ProjectService
from curator.core.storage.atomic_write import (
    OutputError,
    OutputExistsError,
    atomic_output,
    write_atomically,
)
from curator.core.storage.protected_files import ProtectedFileError, ProtectedFiles

NOTHING = ProtectedFiles.nothing()


def test_a_write_leaves_the_file_and_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_atomically(target, b"one", guard=NOTHING)
    write_atomically(target, b"two", guard=NOTHING)
    assert target.read_bytes() == b"two"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_without_replace_an_existing_file_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "copy.jpg"
    target.write_bytes(b"first delivery")
    with pytest.raises(OutputExistsError) as raised:
        write_atomically(target, b"second", guard=NOTHING, replace=False)
    assert raised.value.exit_code == 2 and str(target) in raised.value.message
    assert target.read_bytes() == b"first delivery"
    assert [p.name for p in tmp_path.iterdir()] == ["copy.jpg"]


def test_a_folder_or_a_missing_folder_is_exit_2_naming_it(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as raised:
        write_atomically(tmp_path, b"x", guard=NOTHING)
    assert raised.value.exit_code == 2 and "is a folder" in raised.value.message
    with pytest.raises(OutputError) as raised:
        write_atomically(tmp_path / "nowhere" / "x.pdf", b"x", guard=NOTHING)
    assert raised.value.exit_code == 2
    assert str(tmp_path / "nowhere") in raised.value.message


def test_the_guard_is_asked_again_just_before_the_rename(tmp_path: Path) -> None:
    """A link to the project made while an export ran is still refused."""
    project = tmp_path / "p.curator"
    ProjectService.create(project, title="T", languages=["vi"]).close()
    before = project.read_bytes()
    with ProjectService.open(project, read_only=True) as service:
        from curator.core.storage.protected_files import protected_files

        guard = protected_files(service)
    target = tmp_path / "out.pdf"
    with pytest.raises(ProtectedFileError), atomic_output(target, guard=guard) as temporary:
        temporary.write_bytes(b"%PDF")
        target.symlink_to(project)  # appears while the output is being written
    assert project.read_bytes() == before and target.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf", "p.curator"]
