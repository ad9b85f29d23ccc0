"""Catalogue export at scale: against the image work it cannot avoid, and two baselines.

    .venv/bin/python benchmarks/catalogue_bench.py [--photos 120] [--megapixels 24]
        [--workers N] [--repeat 2]

Makes ``--photos`` distinct JPEGs of ``--megapixels`` (a few drawn pictures, each copy
made distinct by bytes after its end marker, so their hashes differ), a project with
captions in vi/ru/en in sections of 20, and then measures, each in a fresh process so the
peak RSS is that run's own, one after another on the same cores:

- ``unavoidable``: the image work any catalogue export of these photos must do, on every
  core (a pool of threads, one per usable core): for each photo as the catalogue places
  it, decode with ``draft`` at the size needed, turn upright, resample to the placed pixel
  size (Lanczos) and encode (JPEG quality 92, no chroma subsampling), as the export does;
- ``unavoidable-processes``: the same on a pool of processes (started before the clock),
  to show whether threads are enough (Pillow releases the GIL in decode, resize, encode);
- ``curator``: ``curator export catalogue`` as a first export (the decode cache beside the
  project is emptied first): layout, preflight, whose decode check prepares each original
  for its pages on every core, drawing (photos the check did not prepare are prepared on
  every core ahead of their pages), join;
- ``curator-warm``: the same export again, preflight's decode check cached by content hash
  (it only hashes the files), as on every export after the first;
- ``curator-quarter``: a first export of a quarter of the photos, to show the peak does not
  grow with the photo count;
- ``reportlab-default``: one reportlab canvas with default settings (ASCII85 on), every
  photo drawn full page with ``drawImage(path)``, saved once at the end;
- ``img2pdf``: img2pdf placing the same files one per A4 page, no layout (skipped when
  img2pdf, the ``bench`` extra, is not installed).

With ``--repeat N`` the unavoidable work and the two exports run N times, interleaved, and
the fastest of each counts (the machine may be shared); each round's own ratios and their
median follow. Last come the ratios: the export
(cache warm, and first) over the unavoidable work, in wall time (the goal is at most 1.2)
and in CPU time (all threads; a process pool's children once they ended), which a shared,
loaded machine disturbs less. For the unavoidable runs ``pages`` counts the photos.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import multiprocessing
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

SECTION_SIZE = 20

# The Curator of this checkout (not one installed elsewhere), in this process and its runs.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _pictures(folder: Path, count: int, megapixels: float) -> list[Path]:
    from PIL import Image, ImageDraw, ImageFilter

    width = int((megapixels * 1e6 * 1.5) ** 0.5)
    height = int(width / 1.5)
    bases = []
    for index in range(min(count, 6)):
        rng = random.Random(index)
        small = Image.new("RGB", (width // 8, height // 8), (rng.randrange(256), 90, 120))
        draw = ImageDraw.Draw(small)
        for _shape in range(60):
            x, y = rng.randrange(small.width), rng.randrange(small.height)
            r = rng.randrange(10, 120)
            colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        picture = small.filter(ImageFilter.GaussianBlur(3)).resize((width, height))
        noise = Image.effect_noise((width, height), 40).convert("RGB")
        picture = Image.blend(picture, noise, 0.12)
        if index % 3 == 2:
            picture = picture.transpose(Image.Transpose.ROTATE_90)  # some portraits
        path = folder / f"base-{index}.jpg"
        picture.save(path, "JPEG", quality=88)
        bases.append(path.read_bytes())
    paths = []
    for index in range(count):
        path = folder / f"photo-{index:04d}.jpg"
        path.write_bytes(bases[index % len(bases)] + f"copy {index}".encode())
        paths.append(path)
    return paths


def _project(folder: Path, paths: list[Path]) -> Path:
    import hashlib

    from PIL import Image

    from curator.core.model import CaptionField, CaptionStatus, Photo
    from curator.core.services import ProjectService

    project = folder / "bench.curator"
    start = datetime(2026, 2, 24, 9, 0, tzinfo=timezone(timedelta(hours=7)))
    service = ProjectService.create(project, title="Bench", languages=["vi", "ru", "en"])
    with service, service.store.transaction():
        ids = []
        for index, path in enumerate(paths):
            with Image.open(path) as image:
                width, height = image.size
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            photo = service.photos.add(
                Photo(
                    "",
                    path,
                    digest,
                    width,
                    height,
                    captured_at=start + timedelta(minutes=index),
                )
            )
            ids.append(photo.id)
            service.photos.add_credit(
                photo.id,
                {
                    "vi": f"Tác giả {index % 7}",
                    "ru": f"Автор {index % 7}",
                    "en": f"Author {index % 7}",
                },
                {"en": "VNA"},
            )
            for lang, words in (("vi", "Ảnh số"), ("ru", "Снимок номер"), ("en", "Photo")):
                texts = {
                    CaptionField.HEADLINE: f"{words} {index}",
                    CaptionField.CAPTION: f"{words} {index}, " * 12,
                    CaptionField.CREDIT: f"{words}: VNA",
                }
                for field, text in texts.items():
                    service.captions.set(photo.id, lang, field, text, CaptionStatus.FINAL)
        for first in range(0, len(ids), SECTION_SIZE):
            section = service.exhibition.add_section({"en": f"Part {first // SECTION_SIZE}"})
            service.exhibition.assign(section.id, ids[first : first + SECTION_SIZE])
    return project


def _run_curator(project: Path, output: Path, workers: int | None) -> int:
    from curator.core.services import ProjectService
    from curator.export.catalogue import export_catalogue
    from curator.export.text_measure import ReportlabMeasure

    with ProjectService.open(project, read_only=True) as service:
        result = export_catalogue(
            service, output, ReportlabMeasure(), report=False, workers=workers
        )
        return result.pages


def _placements(project: Path) -> tuple[list[tuple[str, float, float, tuple[float, ...]]], float]:
    """Each photo as the catalogue places it (file, printed mm, crop), once; the target ppi."""
    from curator.core.publishing.catalogue_service import project_catalogue
    from curator.core.services import ProjectService
    from curator.export.text_measure import ReportlabMeasure

    with ProjectService.open(project, read_only=True) as service:
        geometry, resolved = project_catalogue(service, ReportlabMeasure())
        found: dict[object, tuple[str, float, float, tuple[float, ...]]] = {}
        for page in geometry.pages:
            for placed in page.photos:
                photo = service.photos.get(placed.photo_id)
                s = placed.source
                crop = (s.x_mm, s.y_mm, s.width_mm, s.height_mm) if s else (0.0, 0.0, 1.0, 1.0)
                w, h = placed.rect.width_mm, placed.rect.height_mm
                key = (photo.id, round(w, 4), round(h, 4), crop)
                found.setdefault(key, (str(photo.path), w, h, crop))
        return list(found.values()), resolved.target_ppi


_TURNS = {2: 0, 3: 3, 4: 1, 5: 4, 6: 4, 7: 6, 8: 2}  # EXIF orientation -> Image.Transpose


def _unavoidable_one(job: tuple[str, float, float, tuple[float, ...], float, str]) -> float:
    """Decode with draft, turn upright, crop, resample to the placed size, encode."""
    import shutil

    from PIL import Image

    path, width_mm, height_mm, crop, ppi, out = job
    with Image.open(path) as image:
        orientation = image.getexif().get(0x0112, 1)
        turned = orientation in (5, 6, 7, 8)
        full_w, full_h = (image.height, image.width) if turned else image.size
        crop_w, crop_h = max(1, round(full_w * crop[2])), max(1, round(full_h * crop[3]))
        whole = crop == (0.0, 0.0, 1.0, 1.0)
        fine = min(crop_w / (width_mm / 25.4), crop_h / (height_mm / 25.4))
        if fine <= 1.5 * ppi and whole and orientation == 1:
            shutil.copyfile(path, out)  # fine enough already: its bytes go in as they are
            return _peak_mb()
        width = max(1, round(width_mm / 25.4 * ppi))
        size = (width, max(1, round(width / (crop_w / crop_h))))
        box = (round(size[0] / crop[2]), round(size[1] / crop[3]))
        image.draft("RGB", (box[1], box[0]) if turned else box)
        image.load()
        upright: Image.Image = image
        if orientation in _TURNS:
            upright = image.transpose(Image.Transpose(_TURNS[orientation]))
        if not whole:
            w, h = upright.size
            upright = upright.crop(
                (round(crop[0] * w), round(crop[1] * h),
                 round((crop[0] + crop[2]) * w), round((crop[1] + crop[3]) * h))
            )  # fmt: skip
        upright.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0).save(
            out, "JPEG", quality=92, subsampling=0
        )
    return _peak_mb()


def _run_unavoidable(
    project: Path, folder: Path, workers: int | None, processes: bool
) -> tuple[int, float, float, float]:
    from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor

    from curator.export.workers import worker_count

    placements, ppi = _placements(project)
    folder.mkdir(exist_ok=True)
    jobs = [(*p, ppi, str(folder / f"{i}.jpg")) for i, p in enumerate(placements)]
    count = worker_count(workers)
    pool: Executor = (
        # spawned, so that each worker's peak is its own (a forked one counts its parent's)
        ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("spawn"))
        if processes
        else ThreadPoolExecutor(count)
    )
    with pool:
        list(pool.map(abs, range(count * 4)))  # the workers started, before the clock
        before = _cpu_seconds()
        started = time.perf_counter()
        peak = max(pool.map(_unavoidable_one, jobs), default=0.0)
        seconds = time.perf_counter() - started
    return len(jobs), seconds, _cpu_seconds() - before, peak  # CPU: the pool's once it ended


def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM), in MB.

    Not ``ru_maxrss``: Linux keeps that across ``exec``, so a child started by a parent of
    360 MB reported 360 MB whatever it did itself.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> float:
    """CPU time of this process's threads and of its children that ended."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _run_reportlab(paths: list[Path], output: Path) -> int:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(output), pagesize=A4)
    for path in paths:
        canvas.drawImage(str(path), 36, 36, A4[0] - 72, A4[1] - 72, preserveAspectRatio=True)
        canvas.showPage()
    canvas.save()
    return len(paths)


def _run_img2pdf(paths: list[Path], output: Path) -> int:
    import img2pdf

    layout = img2pdf.get_layout_fun((img2pdf.mm_to_pt(210), img2pdf.mm_to_pt(297)))
    output.write_bytes(img2pdf.convert([str(p) for p in paths], layout_fun=layout))
    return len(paths)


def _child(kind: str, folder: Path, count: int, workers: int | None) -> None:
    import shutil

    from curator.export.workers import worker_count

    paths = sorted(folder.glob("photo-*.jpg"))[:count]
    output = folder / f"{kind}.pdf"
    project = folder / "bench.curator"
    started = time.perf_counter()
    seconds: float | None = None
    cpu = _cpu_seconds()
    worker_peak = 0.0
    if kind.startswith("unavoidable"):
        pages, seconds, cpu, worker_peak = _run_unavoidable(
            project, folder / kind, workers, processes=kind.endswith("processes")
        )
    elif kind.startswith("curator"):
        # Loaded before the clock, as the unavoidable run loads Pillow before its own: the
        # window has them loaded when it exports (about 0.3 s of CPU here).
        import curator.export.catalogue
        import curator.export.text_measure  # noqa: F401

        if kind == "curator-quarter":
            project = _project(folder / kind, paths)
        if kind != "curator-warm":  # a first export: preflight decodes every original
            shutil.rmtree(project.with_name(project.name + "-cache"), ignore_errors=True)
        started = time.perf_counter()
        cpu = _cpu_seconds()
        pages = _run_curator(project, output, workers)
    elif kind == "reportlab-default":
        pages = _run_reportlab(paths, output)
    else:
        pages = _run_img2pdf(paths, output)
    if seconds is None:
        seconds = time.perf_counter() - started
        cpu = _cpu_seconds() - cpu
    peak = _peak_mb()
    if kind == "unavoidable-processes":  # this process and every worker at its own peak
        peak += worker_count(workers) * worker_peak
    size = output.stat().st_size / 1e6 if output.exists() else 0.0
    print(
        json.dumps(
            {
                "kind": kind,
                "photos": len(paths),
                "pages": pages,
                "seconds": seconds,
                "cpu": cpu,
                "peak_mb": peak,
                "size_mb": size,
            }
        )
    )


def _measure(kind: str, folder: Path, count: int, workers: int | None) -> dict[str, float] | str:
    command = [sys.executable, __file__, "--child", kind, str(folder), str(count)]
    if workers:
        command += ["--workers", str(workers)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return f"failed: {result.stderr.strip().splitlines()[-1:]}"
    row: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--photos", type=int, default=120)
    parser.add_argument("--megapixels", type=float, default=24.0)
    parser.add_argument("--workers", type=int, help="workers (default: every usable core)")
    parser.add_argument("--repeat", type=int, default=1, help="rounds of the timed runs")
    parser.add_argument(
        "--runs",
        default=",".join(RUNS),
        help="which runs, comma-separated",
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], Path(args.child[1]), int(args.child[2]), args.workers)
        return 0
    from curator.export.workers import available_memory, usable_cores, worker_count

    memory = available_memory()
    print(
        f"{usable_cores()} usable cores, {worker_count(args.workers)} workers, "
        f"{(memory or 0) / 2**30:.1f} GiB available; load average "
        + " ".join(f"{v:.1f}" for v in os.getloadavg())
    )
    wanted = [kind for kind in RUNS if kind in set(args.runs.split(","))]
    with tempfile.TemporaryDirectory(prefix="curator-bench-") as tmp:
        folder = Path(tmp)
        print(f"making {args.photos} photos of {args.megapixels:g} MP…", file=sys.stderr)
        paths = _pictures(folder, args.photos, args.megapixels)
        (folder / "curator-quarter").mkdir()
        _project(folder, paths)
        print(
            f"{'run':<22} {'photos':>6} {'pages':>6} {'s':>7} {'CPU s':>7} {'pages/s':>8} "
            f"{'peak MB':>8} {'PDF MB':>7}"
        )
        best: dict[str, dict[str, float]] = {}
        rounds: list[dict[str, dict[str, float]]] = []
        for round_ in range(max(1, args.repeat)):
            rounds.append({})
            for kind in wanted:
                if kind not in TIMED and round_ > 0:
                    continue
                if kind == "img2pdf" and importlib.util.find_spec("img2pdf") is None:
                    print(f"{kind:<22} skipped: img2pdf is not installed (pip install '.[bench]')")
                    continue
                count = max(1, args.photos // 4) if kind == "curator-quarter" else args.photos
                row = _measure(kind, folder, count, args.workers)
                if isinstance(row, str):
                    print(f"{kind:<22} {row}")
                    continue
                rounds[-1][kind] = row
                if kind not in best or row["seconds"] < best[kind]["seconds"]:
                    best[kind] = row
                rate = row["pages"] / row["seconds"] if row["seconds"] else 0.0
                print(
                    f"{kind:<22} {row['photos']:>6} {row['pages']:>6} {row['seconds']:>7.1f} "
                    f"{row['cpu']:>7.1f} {rate:>8.2f} {row['peak_mb']:>8.0f} {row['size_mb']:>7.1f}"
                )
        _ratios(best)
        _round_ratios(rounds)
    return 0


def _round_ratios(rounds: list[dict[str, dict[str, float]]]) -> None:
    """Each round's export over the same round's unavoidable work, and their median.

    The runs of one round follow each other within a minute or so, so on a shared machine
    the load each saw is closer than between the fastest of each over all rounds.
    """
    import statistics

    for kind, label in (("curator-warm", "second export"), ("curator", "first export")):
        walls, cpus = [], []
        for found in rounds:
            base, row = found.get("unavoidable"), found.get(kind)
            if base and row and base["seconds"] and base["cpu"]:
                walls.append(row["seconds"] / base["seconds"])
                cpus.append(row["cpu"] / base["cpu"])
        if walls:
            print(
                f"{label}, each round over its own unavoidable work: wall "
                + " ".join(f"{w:.2f}x" for w in walls)
                + f" (median {statistics.median(walls):.2f}x), CPU "
                + " ".join(f"{c:.2f}x" for c in cpus)
                + f" (median {statistics.median(cpus):.2f}x)"
            )


RUNS = (
    "unavoidable",
    "unavoidable-processes",
    "curator",
    "curator-warm",
    "curator-quarter",
    "reportlab-default",
    "img2pdf",
)
#: The runs repeated with --repeat (the fastest of each counts).
TIMED = ("unavoidable", "unavoidable-processes", "curator", "curator-warm")


def _ratios(best: dict[str, dict[str, float]]) -> None:
    base = best.get("unavoidable")
    if base is None or not base["seconds"]:
        return
    print(
        f"unavoidable image work (threads): {base['seconds']:.1f} s, "
        f"{base['cpu']:.1f} s of CPU; peak {base['peak_mb']:.0f} MB"
    )
    for kind, label in (
        ("unavoidable-processes", "the same on processes"),
        ("curator-warm", "export, decode check cached (goal <= 1.2)"),
        ("curator", "first export (preflight's decode check prepares the photos)"),
    ):
        if kind in best:
            row = best[kind]
            cpu = f"{row['cpu'] / base['cpu']:.2f}x" if base["cpu"] else "n/a"
            print(
                f"{label}: {row['seconds']:.1f} s = {row['seconds'] / base['seconds']:.2f}x "
                f"the unavoidable work ({cpu} its CPU time); "
                f"peak {row['peak_mb']:.0f} MB"
            )


if __name__ == "__main__":
    sys.exit(main())
