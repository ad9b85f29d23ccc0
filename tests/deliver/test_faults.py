"""Deliveries that go wrong: a read-only or full target, an original vanishing, Ctrl-C.

The mounts are real tmpfs file systems (the tests need root and skip cleanly without it).
Whatever happens, no half-written copy and no temporary file is left in the target.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from curator import cli
from curator.core.delivery_planning.settings import resolve_options
from curator.core.progress import Progress
from curator.core.services import ProjectService
from curator.core.storage.atomic_write import write_atomically
from curator.core.storage.protected_files import ProtectedFiles
from curator.deliver.service import FAILED, MISMATCH, WRITTEN, deliver
from curator.demo import write_demo
from tests.deliver.helpers import needs_exiftool, validation_warnings

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path, _created = write_demo(tmp_path / "demo")
    return path


@pytest.fixture
def mount(tmp_path: Path) -> Iterator[object]:
    """``mount(options)``: a fresh tmpfs mounted with ``options``; unmounted afterwards."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mounted: list[Path] = []

    def make(options: str) -> Path:
        point = tmp_path / f"mnt{len(mounted)}"
        point.mkdir()
        result = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True
        )
        if result.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {result.stderr.decode().strip()}")
        mounted.append(point)
        return point

    yield make
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], check=False)


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".")]


def test_read_only_target_exit_3_nothing_written(demo: Path, mount, capsys) -> None:
    target = mount("size=4m,ro")
    assert cli.main(["deliver", str(demo), "--to", str(target)]) == 3
    err = capsys.readouterr().err
    assert "cannot be written to (read-only or no permission)" in err
    assert str(target) in err
    assert list(target.iterdir()) == []


@needs_exiftool
def test_full_disk_exit_3_whole_copies_only(demo: Path, mount, capsys) -> None:
    target = mount("size=1200k")
    assert cli.main(["deliver", str(demo), "--to", str(target), "--json"]) == 3
    report = json.loads(capsys.readouterr().out)
    assert "is full" in report["stopped"]
    written = [f for f in report["files"] if f["status"] == WRITTEN]
    assert 1 <= len(written) < 9
    assert report["files"][-1]["status"] == FAILED
    assert report["files"][-1]["problems"][0]["code"] == "target"
    assert leftovers(target) == []
    assert sorted(p.name for p in target.iterdir()) == sorted(f["name"] for f in written)
    for entry in written:  # what is there is whole and valid
        path = Path(entry["path"])
        assert validation_warnings(path) <= validation_warnings(Path(entry["source"]))


def test_original_vanishing_mid_delivery(demo: Path, tmp_path: Path) -> None:
    with ProjectService.open(demo, read_only=True) as service:
        photos = [
            service.photos.get(p)
            for s in service.exhibition.sections()
            for p in service.exhibition.photo_ids(s.id)
        ]
        victim = photos[3].path

        def on_progress(progress: Progress) -> None:
            if progress.done == 2:
                victim.unlink()

        report = deliver(
            service, tmp_path / "out", resolve_options(service), on_progress=on_progress
        )
    statuses = [f.status for f in report.files]
    assert statuses.count(FAILED) == 1 and statuses[3] == FAILED
    problem = report.files[3].problems[0]
    assert problem.code == "missing-original"
    assert str(victim) in problem.message
    assert not report.files[3].path.exists()
    assert leftovers(tmp_path / "out") == []
    assert len(list((tmp_path / "out").iterdir())) == 8


def test_missing_original_exit_1_named(demo: Path, tmp_path: Path, capsys) -> None:
    victim = next((demo.parent / "photos").iterdir())
    victim.unlink()
    assert cli.main(["deliver", str(demo), "--to", str(tmp_path / "out")]) == 1
    captured = capsys.readouterr()
    assert str(victim) in captured.err
    assert "8 of 9 photos delivered" in captured.out


def test_a_difference_on_reading_back_is_an_error(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setattr(
        "curator.deliver.service.verify_copy",
        lambda path, plan, iim: ["dc:title [ru]: meant “a”, the file says “b”."],
    )
    assert cli.main(["deliver", str(demo), "--to", str(tmp_path / "out"), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert {f["status"] for f in report["files"]} == {MISMATCH}
    assert report["files"][0]["problems"][0]["code"] == "verify-mismatch"


def test_interrupt_while_writing_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "copy.jpg"

    def interrupt(_path: Path) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, b"data", guard=ProtectedFiles.nothing(), check=interrupt)
    assert list(tmp_path.iterdir()) == []


def test_cancel_stops_between_photos(demo: Path, tmp_path: Path) -> None:
    cancel = threading.Event()

    def on_progress(progress: Progress) -> None:
        if progress.done == 3:
            cancel.set()

    with ProjectService.open(demo, read_only=True) as service:
        out = tmp_path / "out"
        report = deliver(service, out, resolve_options(service), None, on_progress, cancel)
    assert report.cancelled
    assert len(report.files) == 3
    assert len(list(out.iterdir())) == 3


def test_ctrl_c_exit_130_nothing_half_written(demo: Path, tmp_path: Path) -> None:
    target = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY), "LANGUAGE": "en"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "curator",
            "deliver",
            str(demo),
            "--to",
            str(target),
            "--long-edge",
            "1500",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (target.is_dir() and any(target.iterdir())):
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err.decode()
    assert "cancelled" in err.decode()
    assert leftovers(target) == []
    names = sorted(p.name for p in target.iterdir())
    assert 1 <= len(names) < 9
    for name in names:
        with Image.open(target / name) as image:
            image.load()  # whole, decodable
