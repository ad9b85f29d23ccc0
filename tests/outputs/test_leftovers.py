"""What a killed export leaves is removed by the next one; nothing that is not Curator's is.

A catalogue export killed after its first chunk of pages leaves a hidden work folder with
``chunk-*.pdf`` in it; the next export into the folder removes it. Names that only look
alike - a folder of another running Curator, a person's own hidden files - are kept.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from curator.core.storage.atomic_write import sweep_leftovers
from curator.demo import write_demo
from tests.crashes.test_kill_points import WORKER, finish


@pytest.fixture(scope="module")
def demo_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_demo(tmp_path_factory.mktemp("demo"))[0]


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_a_killed_exports_chunks_are_removed_by_the_next_export(
    demo_project: Path, tmp_path: Path
) -> None:
    project = tmp_path / "demo.curator"
    shutil.copy(demo_project, project)
    output = tmp_path / "catalogue.pdf"
    # Pages are drawn beside the decode check and reported once it passed: the worker pauses
    # after each report, and is killed as soon as its first chunk of 12 pages is on disk.
    process = subprocess.Popen(
        [sys.executable, str(WORKER), "export", str(project), str(output)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "CURATOR_CRASH_PAUSE": "0.3"},
    )
    try:
        deadline = time.monotonic() + 120
        while not list(tmp_path.glob(".curator-work-*/chunk-*.pdf")):
            assert process.poll() is None, "the export ended before its first chunk was seen"
            assert time.monotonic() < deadline
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
    assert not output.exists()
    work = [p for p in tmp_path.iterdir() if p.name.startswith(".curator-work-")]
    assert len(work) == 1 and list(work[0].glob("chunk-*.pdf"))
    assert not output.exists()
    finish(project, "export", str(output))
    assert output.is_file()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_only_curators_own_leftovers_of_dead_processes_are_removed(tmp_path: Path) -> None:
    dead = _dead_pid()
    removed = {
        f".curator-work-{dead}-abc123": ["chunk-0000.pdf"],
        ".curator-k2j4h5g6": ["chunk-0000.pdf", "joined.pdf"],  # named by Curator before
    }
    kept = {
        f".curator-work-{os.getpid()}-abc123": ["chunk-0000.pdf"],  # a running export's
        ".curator-notes": ["chunk-0000.pdf"],
        ".curator-a1b2c3d4": ["chunk-0000.pdf", "my-notes.txt"],  # not only Curator's files
    }
    for name, files in {**removed, **kept}.items():
        (tmp_path / name).mkdir()
        for file in files:
            (tmp_path / name / file).write_bytes(b"%PDF")
    removed_files = [f".catalogue.pdf.curator-{dead}-x1y2.partial"]
    kept_files = [
        f".catalogue.pdf.curator-{os.getpid()}-x1y2.partial",
        ".holiday.jpg.partial",
        ".catalogue.pdf.1234.partial",
        "catalogue.pdf",
    ]
    for name in removed_files + kept_files:
        (tmp_path / name).write_bytes(b"data")
    assert sorted(sweep_leftovers(tmp_path)) == sorted([*removed, *removed_files])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*kept, *kept_files])


def test_a_delivery_removes_only_its_own_old_temporary_files(tmp_path: Path) -> None:
    """Deliveries before the one writer left ``.NAME.partial-XXXXXXXX``; nothing else goes."""
    from curator.deliver.files import prepare_folder

    old = [".01-001.jpg.partial-k2j4h5g6", ".02-003.jpg.partial-a_b1c2d3"]
    mine = [".notes.partial-draft", ".holiday.jpg.partial-final-version", ".x.partial-"]
    for name in old + mine:
        (tmp_path / name).write_bytes(b"data")
    prepare_folder(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(mine)
