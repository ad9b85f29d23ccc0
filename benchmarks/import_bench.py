"""Import speed: Curator's pipeline against a sequential full-decode baseline, same run.

Usage: ``.venv/bin/python benchmarks/import_bench.py [N] [--megapixels 24]``

Makes N JPEGs of the given size (textured, with EXIF and XMP) in a temporary folder, then:

- baseline: one process, per file: SHA-256, metadata, full decode, orientation,
  256 px thumbnail - what a naive importer does;
- curator: ``import_paths`` into a fresh project (process pool, ``draft()`` shrink-on-load,
  batched transactions);
- previews: the ~1600 px preview pass, measured separately.

Prints files/s, time to first thumbnail, peak RSS (this process and its workers) and the
ratio curator/baseline. Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageFilter, ImageOps

from curator.core.services import ProjectService
from curator.ingest.analysis import file_sha256
from curator.ingest.importer import import_paths
from curator.ingest.metadata.mapping import read_metadata


def make_jpeg(path: Path, index: int, megapixels: float) -> None:
    width = int((megapixels * 1_000_000 * 1.5) ** 0.5)
    height = int(width / 1.5)
    small = Image.effect_noise((width // 8, height // 8), 60 + index % 40).filter(
        ImageFilter.GaussianBlur(2)
    )
    channels = [small.resize((width, height), Image.Resampling.BILINEAR) for _ in range(3)]
    grain = Image.effect_noise((width, height), 12)
    image = Image.merge("RGB", [Image.blend(c, grain, 0.3) for c in channels])
    exif = Image.Exif()
    exif[0x0110] = "Canon EOS R5"
    exif[0x010F] = "Canon"
    exif[0x0132] = "2026:02:24 15:30:00"
    xmp = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf='
        '"http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description><rdf:Alt>'
        f'<rdf:li xml:lang="vi">Ảnh số {index}</rdf:li></rdf:Alt></dc:description>'
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    image.save(path, "JPEG", quality=88, exif=exif, xmp=xmp.encode())


def baseline(files: list[Path]) -> tuple[float, float]:
    started = time.perf_counter()
    first = 0.0
    for path in files:
        file_sha256(path)
        read_metadata(path)
        with Image.open(path) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail((256, 256))
            upright.save(io.BytesIO(), "JPEG", quality=80)
        if not first:
            first = time.perf_counter() - started
    return time.perf_counter() - started, first


def curator_import(files: list[Path], folder: Path) -> tuple[float, float]:
    project = folder / "bench.curator"
    started = time.perf_counter()
    first = [0.0]

    def on_progress(progress) -> None:  # type: ignore[no-untyped-def]
        if progress.items and not first[0]:
            first[0] = time.perf_counter() - started

    with ProjectService.create(project, title="bench", languages=["vi", "ru", "en"]) as service:
        report = import_paths(service, files, on_progress=on_progress)
    elapsed = time.perf_counter() - started
    assert len(report.added) == len(files), report.summary()
    return elapsed, first[0]


def preview_pass(folder: Path) -> float:
    from curator.ingest.previews import build_previews

    started = time.perf_counter()
    with ProjectService.open(folder / "bench.curator") as service:
        report = build_previews(service)
    assert report.failed == 0
    return time.perf_counter() - started


def peak_rss_mb() -> tuple[float, float]:
    """Peak RSS of this process and of its largest child, in MB.

    The process's own peak is VmHWM: Linux keeps ru_maxrss across exec, so it would report
    the parent's peak for a fresh child.
    """
    own = 0.0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            own = int(line.split()[1]) / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def run_phase(phase: str, folder: Path) -> dict[str, float]:
    """Run one phase in a fresh interpreter, so each peak RSS is its own."""
    result = subprocess.run(
        [sys.executable, __file__, "--phase", phase, str(folder)],
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def phase_main(phase: str, folder: Path) -> None:
    files = sorted(folder.glob("bench-*.jpg"))
    if phase == "baseline":
        elapsed, first = baseline(files)
    elif phase == "curator":
        elapsed, first = curator_import(files, folder)
    else:
        elapsed, first = preview_pass(folder), 0.0
    own, children = peak_rss_mb()
    print(json.dumps({"seconds": elapsed, "first": first, "rss": own, "child_rss": children}))


def main() -> int:
    if sys.argv[1:2] == ["--phase"]:
        phase_main(sys.argv[2], Path(sys.argv[3]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=24)
    parser.add_argument("--megapixels", type=float, default=24.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        made = time.perf_counter()
        for index in range(args.count):
            make_jpeg(folder / f"bench-{index:04}.jpg", index, args.megapixels)
        n = args.count
        print(f"made {n} x {args.megapixels:g} MP JPEGs in {time.perf_counter() - made:.1f} s")
        base = run_phase("baseline", folder)
        cur = run_phase("curator", folder)
        prev = run_phase("previews", folder)
        print(
            f"baseline (sequential full decode): {n / base['seconds']:6.2f} files/s,"
            f" first thumbnail {base['first']:.2f} s, peak RSS {base['rss']:.0f} MB"
        )
        print(
            f"curator import (pool + draft):     {n / cur['seconds']:6.2f} files/s,"
            f" first thumbnail {cur['first']:.2f} s, peak RSS {cur['rss']:.0f} MB"
            f" (largest worker {cur['child_rss']:.0f} MB)"
        )
        print(
            f"preview pass (1600 px, pool):      {n / prev['seconds']:6.2f} files/s,"
            f" largest worker {prev['child_rss']:.0f} MB"
        )
        print(f"ratio curator/baseline: {base['seconds'] / cur['seconds']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
