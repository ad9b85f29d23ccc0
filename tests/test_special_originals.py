"""An original swapped for a FIFO after it was imported (or planned) never hangs Curator.

Every reader of an original - delivery, the print's decoders (Pillow and libvips), the
metadata reader, the window's photo view and loupe - opens it through the one opener that
proves a file regular. The FIFOs are real (``os.mkfifo``). Should a reader block anyway, the
test opens the FIFO's other end, which lets the reader go, and fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from curator.core.delivery_planning.settings import resolve_options
from curator.core.services import ProjectService
from curator.decode.bounded import ImagingError, open_header, sniff
from curator.decode.streaming import shrink_with_vips
from curator.deliver.service import FAILED, WRITTEN, deliver
from curator.ingest.importer import ImportOptions, import_paths
from curator.ingest.metadata.containers import read_blocks

#: Long enough for any real read of these small files on a loaded machine; only a reader
#: blocked on the FIFO is still running after it.
_PATIENCE = 120.0


def _swap_for_fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _release(fifo: Path) -> None:
    """Open the FIFO's writing end and close it: a reader blocked on it sees the end."""
    try:
        descriptor = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:
        return  # nobody is reading it
    os.close(descriptor)


def finishes(fifo: Path, work: Callable[[], Any]) -> Any:
    """``work()``'s result or exception; a failure if it was still blocked on ``fifo``."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["result"] = work()
        except BaseException as error:  # handed to the test
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(_PATIENCE)
    if thread.is_alive():
        while thread.is_alive():
            _release(fifo)
            thread.join(0.5)
        pytest.fail(f"reading {fifo.name} blocked on the FIFO")
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")


@pytest.fixture
def project(tmp_path: Path) -> Iterator[tuple[ProjectService, list[Path]]]:
    folder = tmp_path / "originals"
    folder.mkdir()
    originals = [folder / "a.jpg", folder / "b.tif", folder / "c.png", folder / "d.jpg"]
    for index, path in enumerate(originals):
        Image.new("RGB", (80, 60), (60 * index, 90, 120)).save(path)
    service = ProjectService.create(tmp_path / "p.curator", title="t", languages=["en"])
    assert not import_paths(service, originals, ImportOptions(workers=1)).refused
    yield service, originals
    service.close()


@pytest.mark.parametrize("swapped", ["b.tif", "d.jpg"])
def test_delivery_reports_the_fifo_and_delivers_the_rest(
    project: tuple[ProjectService, list[Path]], tmp_path: Path, swapped: str
) -> None:
    service, originals = project
    fifo = next(path for path in originals if path.name == swapped)
    _swap_for_fifo(fifo)
    out = tmp_path / "out"
    report = finishes(fifo, lambda: deliver(service, out, resolve_options(service)))
    by_source = {f.item.photo.path.name: f for f in report.files}
    assert len(by_source) == 4
    failed = by_source.pop(swapped)
    assert failed.status == FAILED
    assert [p.code for p in failed.problems] == ["special-file"]
    assert "named pipe (FIFO)" in failed.problems[0].message
    assert swapped in failed.problems[0].message
    assert {name: f.status for name, f in by_source.items()} == dict.fromkeys(by_source, WRITTEN)
    assert len(list(out.iterdir())) == 3


def test_libvips_reads_through_the_proven_descriptor(tmp_path: Path) -> None:
    pytest.importorskip("pyvips")
    path = tmp_path / "photo.png"
    Image.new("RGB", (400, 300), "teal").save(path)
    image_format = sniff(path)
    with open_header(path, image_format) as header:
        shrunk = shrink_with_vips(path, header, image_format, (400, 300), (100, 75))
        assert shrunk.size == (100, 75)
        _swap_for_fifo(path)  # after the header was read, before libvips opens it
        with pytest.raises(ImagingError) as caught:
            finishes(
                path, lambda: shrink_with_vips(path, header, image_format, (400, 300), (100, 75))
            )
    assert caught.value.problem.code == "special-file"


def test_tiff_metadata_read_once_from_the_opened_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.tif"
    Image.new("RGB", (40, 30), "olive").save(path)
    assert read_blocks(path).complete
    _swap_for_fifo(path)
    blocks = finishes(path, lambda: read_blocks(path))
    assert [problem.code for problem in blocks.problems] == ["unreadable-file"]


_WINDOW_READER = """
import sys
from pathlib import Path
from curator.decode.files import SpecialFileError
from curator.ui.views.thumbnail_loader import load_thumbnail
from curator.ui.views.loupe import load_original
path = Path(sys.argv[2])
load = load_original if sys.argv[1] == "loupe" else (lambda p: load_thumbnail(p, 32))
try:
    image = load(path)
except SpecialFileError as error:
    print("special-file", error.kind)
else:
    print("read", image.isNull())
"""


@pytest.mark.parametrize("reader", ["loupe", "view"])
def test_window_readers_refuse_a_fifo(tmp_path: Path, reader: str) -> None:
    """In a process of its own: Qt blocked in ``open`` holds the interpreter's lock."""
    pytest.importorskip("PySide6")
    path = tmp_path / "photo.jpg"
    Image.new("RGB", (64, 48), "maroon").save(path)

    def run() -> str:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        command = [sys.executable, "-c", _WINDOW_READER, reader, str(path)]
        try:
            done = subprocess.run(command, capture_output=True, env=env, timeout=_PATIENCE)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the {reader} blocked on the FIFO")
        assert done.returncode == 0, done.stderr.decode(errors="replace")
        return done.stdout.decode().strip()

    assert run() == "read False"
    _swap_for_fifo(path)
    assert run() == "special-file named pipe (FIFO)"
