"""Folders as they are on real disks (issue 16, point 6): special files, names that are not
UTF-8, very deep folders, 255-byte names, Ctrl-C during a pooled import, and file names
printed to a terminal.

Whatever is odd is reported on its own, and the rest of the batch always imports.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from curator.cli.terminal import shown
from curator.core.services import ProjectService
from curator.ingest.analysis import SpecialFileError, analyse_file, file_size_and_sha256
from curator.ingest.importer import ImportOptions, import_paths
from tests.decode import hostile

REPO = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="Linux file types and signals")


def photo(path: Path, shade: int = 0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (120, 80), (shade * 40 % 256, 100, 200)).save(path, "JPEG")
    return path


def codes(report_refused: list[tuple[Path, object]]) -> dict[str, str]:
    return {os.fsencode(path.name).decode("utf-8", "replace"): problem.code  # type: ignore[attr-defined]
            for path, problem in report_refused}  # fmt: skip


_IMPORT = """
import json, sys
from pathlib import Path
from curator.core.services import ProjectService
from curator.ingest.importer import ImportOptions, import_paths
project = Path(sys.argv[1])
if not project.exists():
    ProjectService.create(project, title="T", languages=["en"]).close()
with ProjectService.open(project) as service:
    report = import_paths(service, [Path(p) for p in sys.argv[3:]],
                          ImportOptions(workers=int(sys.argv[2])))
    photos = len(list(service.photos.all()))
print(json.dumps({"added": len(report.added), "photos": photos,
                  "refused": sorted(problem.code for _path, problem in report.refused)}))
"""


def run_import(project: Path, *paths: Path, workers: int = 2) -> dict[str, object]:
    """Import in a subprocess, so a hang fails the test instead of stopping the suite."""
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT, str(project), str(workers), *map(str, paths)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=ENV,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


def test_special_files_named_like_photos_are_skipped_and_the_rest_imports(tmp_path: Path) -> None:
    folder = tmp_path / "card"
    for index in range(3):
        photo(folder / f"good{index}.jpg", index)
    os.mkfifo(folder / "pipe.jpg")
    (folder / "zero.jpg").symlink_to("/dev/zero")
    (folder / "nowhere.jpg").symlink_to(tmp_path / "gone.jpg")
    try:
        os.mknod(folder / "device.png", 0o600 | 0o020000, os.makedev(1, 3))  # like /dev/null
        devices = ["special-file"]
    except (PermissionError, OSError):
        devices = []
    explicit_fifo = tmp_path / "named.jpg"
    os.mkfifo(explicit_fifo)
    for workers in (1, 2):  # in this process, and pooled
        project = tmp_path / f"p{workers}.curator"
        result = run_import(project, folder, explicit_fifo, workers=workers)
        assert result["added"] == 3
        assert result["refused"] == sorted(
            ["special-file", "special-file", "special-file", "unreadable-file", *devices]
        )
        with ProjectService.open(project, read_only=True) as service:  # `curator problems`
            listed = {item.path.name: item.problem.code for item in service.media.file_problems()}
        assert listed["pipe.jpg"] == listed["zero.jpg"] == listed["named.jpg"] == "special-file"


def test_a_file_swapped_for_a_fifo_after_the_scan_is_refused_without_blocking(
    tmp_path: Path,
) -> None:
    fifo = tmp_path / "swapped.jpg"
    os.mkfifo(fifo)
    with pytest.raises(SpecialFileError):  # O_NONBLOCK: the open does not wait for a writer
        file_size_and_sha256(fifo)
    assert analyse_file(fifo).problem.code == "special-file"  # type: ignore[union-attr]


_DECODE_FIFO = """
import sys
from pathlib import Path
from curator.core.layout import Rect
from curator.decode.bounded import ImagingError
from curator.deliver.resize import resize_copy
from curator.export.images import prepare_image
from curator.ingest.imaging import make_thumbnail, probe
path = Path(sys.argv[1])
for step in (probe, make_thumbnail, lambda p: prepare_image(p, Rect(0, 0, 10, 10), 300, p.parent)):
    try:
        step(path)
    except ImagingError as error:
        print(error.problem.code)
"""


def test_the_decoder_refuses_a_photo_swapped_for_a_fifo_without_blocking(tmp_path: Path) -> None:
    """The analysis hashed a regular file; by the time the decoder opens it, it is a FIFO."""
    fifo = tmp_path / "swapped.jpg"
    os.mkfifo(fifo)
    result = subprocess.run(
        [sys.executable, "-c", _DECODE_FIFO, str(fifo)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=ENV,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["special-file"] * 3


def test_a_name_that_is_not_utf8_is_reported_alone(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    photo(folder / "before.jpg", 1)
    photo(Path(os.fsdecode(os.fsencode(folder) + b"/Hu\xe9 flood.jpg")), 2)  # Latin-1 name
    photo(folder / "zafter.jpg", 3)
    project = tmp_path / "p.curator"
    first = run_import(project, folder)
    assert first["added"] == 2 and first["refused"] == ["file-name-encoding"]
    again = run_import(project, folder)  # re-running adds nothing more (it once added one)
    assert again["added"] == 0 and again["photos"] == 2
    assert again["refused"] == ["file-name-encoding"]


def test_cli_prints_the_odd_name_escaped_and_imports_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    photo(folder / "fine.jpg")
    photo(Path(os.fsdecode(os.fsencode(folder) + b"/bad\xff.jpg")), 5)
    project = tmp_path / "p.curator"
    curator = [sys.executable, "-m", "curator"]
    subprocess.run([*curator, "new", str(project), "--languages", "en"], env=ENV, check=True)
    result = subprocess.run(
        [*curator, "import", str(project), str(folder)], env=ENV, capture_output=True, timeout=120
    )
    assert result.returncode == 1  # done in part
    assert b"bad\\xff.jpg" in result.stderr and b"\xff" not in result.stderr
    assert b"Traceback" not in result.stderr
    assert b"1 photo added" in result.stdout


def test_a_folder_1100_levels_deep_imports(
    tmp_path: Path, service: ProjectService, monkeypatch: pytest.MonkeyPatch
) -> None:
    deep = tmp_path / "top"
    deep.mkdir()
    monkeypatch.chdir(deep)  # built relatively, one level at a time
    for _level in range(1_100):
        Path("d").mkdir()
        os.chdir("d")
    Image.new("RGB", (60, 40), (9, 9, 9)).save("bottom.jpg")
    photo(deep / "top.jpg")
    try:
        report = import_paths(service, [deep], ImportOptions(workers=1))
    finally:
        _remove_deep(deep)
    assert len(report.added) == 2, report.refused


def _remove_deep(top: Path) -> None:
    """Remove the chain bottom-up (shutil.rmtree itself recurses, and would fail on it)."""
    os.chdir(top)
    depth = 0
    while Path("d").is_dir():
        os.chdir("d")
        depth += 1
    for entry in Path().iterdir():
        entry.unlink()
    for _level in range(depth):
        os.chdir("..")
        Path("d").rmdir()


def test_a_legal_255_byte_name_is_not_damaged(tmp_path: Path, service: ProjectService) -> None:
    names = ["x" * 251 + ".jpg", "ả" * 83 + ".jpg", "z" * 250 + ".jpeg"]
    paths = [photo(tmp_path / name, index) for index, name in enumerate(names)]
    assert all(len(os.fsencode(path.name)) in (253, 255) for path in paths)
    for path in paths:
        assert analyse_file(path).problem is None
    report = import_paths(service, [tmp_path], ImportOptions(workers=1))
    assert len(report.added) == 3 and report.refused == []


# --- Ctrl-C ---------------------------------------------------------------------------------


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text() if (task / "children").exists() else ""
        found.update(int(child) for child in text.split())
    return found


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except FileNotFoundError:
        return f"{pid} (gone)"


def _alive(pid: int) -> bool:
    """Running, not a zombie waiting for init to reap it (its memory is already freed)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return False
    return bool(command) and "State:\tZ" not in status and "State:\tX" not in status


@pytest.mark.parametrize(
    ("group", "after"),
    [(True, 1.0), (False, 1.0), (True, 0.0)],
    ids=["terminal-ctrl-c", "kill-int-pid", "ctrl-c-while-workers-start"],
)
def test_ctrl_c_ends_a_pooled_import_and_its_workers(
    tmp_path: Path, group: bool, after: float
) -> None:
    folder = tmp_path / "big"
    folder.mkdir()
    for index in range(16):  # 16 different large PNGs: several seconds of decoding
        hostile.write_palette_png(
            folder, side=9_000, name=f"a{index:02}.png", colour=(index * 10, 30, 30)
        )
    os.mkfifo(folder / "waiting.jpg")  # once hung a worker forever
    project = tmp_path / "p.curator"
    curator = [sys.executable, "-m", "curator"]
    subprocess.run([*curator, "new", str(project), "--languages", "en"], env=ENV, check=True)
    process = subprocess.Popen(
        [*curator, "import", str(project), str(folder)],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    wanted = 2 if after else 1  # the first child to appear, or the workers and tracker
    while len(workers) < wanted and time.monotonic() < deadline and process.poll() is None:
        workers = {pid for pid in _children(process.pid) if _alive(pid)}
        time.sleep(0.02)
    assert process.poll() is None and workers, "the import should be running with its workers"
    time.sleep(after)  # inside the decoding, or while the pool is still starting
    if group:
        os.killpg(process.pid, signal.SIGINT)  # what a terminal's Ctrl-C does
    else:
        os.kill(process.pid, signal.SIGINT)
    try:
        _out, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # leave nothing running behind a failed test
        process.communicate()
        raise
    assert process.returncode == 130, err.decode()
    assert b"Traceback" not in err
    survivors = [_command(pid) for pid in workers if _alive(pid)]
    assert not survivors, f"outlived the import: {survivors}"
    with ProjectService.open(project, read_only=True) as service:
        imported = len(list(service.photos.all()))
    assert imported < 16  # it stopped, it did not finish the batch first


# --- terminal output ------------------------------------------------------------------------


def test_shown_escapes_what_would_act_on_a_terminal() -> None:
    assert shown("ctl\x1b[31mred\x07.jpg") == "ctl\\x1b[31mred\\x07.jpg"
    assert shown("a\nb\rc\td") == "a\\nb\\rc\\td"
    assert shown("evil\u202egpj.exe") == "evil\\u202egpj.exe"
    assert shown(os.fsdecode(b"Hu\xe9.jpg")) == "Hu\\xe9.jpg"
    assert shown("Ảnh hội đàm — Đà Nẵng.jpg") == "Ảnh hội đàm — Đà Nẵng.jpg"
    assert shown("\x9b31m") == "\\x9b31m"  # the one-byte CSI of C1
