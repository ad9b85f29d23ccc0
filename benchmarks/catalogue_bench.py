"""Catalogue export at scale: pages per second and peak memory, against two baselines.

    .venv/bin/python benchmarks/catalogue_bench.py [--photos 200] [--megapixels 24]

Makes ``--photos`` distinct JPEGs of ``--megapixels`` (a few drawn pictures, each copy
made distinct by bytes after its end marker, so their hashes differ), a project with
captions in vi/ru/en in sections of 20, and then measures, each in a fresh process so the
peak RSS is that run's own:

- ``curator``: ``curator export catalogue`` (preflight, layout, chunked render, join);
- ``curator-quarter``: the same with a quarter of the photos, to show the peak does not
  grow with the photo count;
- ``reportlab-default``: one reportlab canvas with default settings (ASCII85 on), every
  photo drawn full page with ``drawImage(path)``, saved once at the end;
- ``img2pdf``: img2pdf placing the same files one per A4 page, no layout (skipped when
  img2pdf, the ``bench`` extra, is not installed).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

SECTION_SIZE = 20


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


def _run_curator(project: Path, output: Path) -> int:
    from curator.core.services import ProjectService
    from curator.export.catalogue import export_catalogue
    from curator.export.text_measure import ReportlabMeasure

    with ProjectService.open(project, read_only=True) as service:
        return export_catalogue(service, output, ReportlabMeasure(), report=False).pages


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


def _child(kind: str, folder: Path, count: int) -> None:
    paths = sorted(folder.glob("photo-*.jpg"))[:count]
    output = folder / f"{kind}.pdf"
    started = time.perf_counter()
    if kind.startswith("curator"):
        project = _project(folder / kind, paths) if kind != "curator" else folder / "bench.curator"
        started = time.perf_counter()
        pages = _run_curator(project, output)
    elif kind == "reportlab-default":
        pages = _run_reportlab(paths, output)
    else:
        pages = _run_img2pdf(paths, output)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "kind": kind,
                "photos": len(paths),
                "pages": pages,
                "seconds": seconds,
                "peak_mb": peak_mb,
                "size_mb": output.stat().st_size / 1e6,
            }
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--megapixels", type=float, default=24.0)
    parser.add_argument(
        "--runs",
        default="curator,curator-quarter,reportlab-default,img2pdf",
        help="which runs, comma-separated",
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], Path(args.child[1]), int(args.child[2]))
        return 0
    with tempfile.TemporaryDirectory(prefix="curator-bench-") as tmp:
        folder = Path(tmp)
        print(f"making {args.photos} photos of {args.megapixels:g} MP…", file=sys.stderr)
        paths = _pictures(folder, args.photos, args.megapixels)
        (folder / "curator-quarter").mkdir()
        _project(folder, paths)
        runs = [("curator", args.photos), ("curator-quarter", max(1, args.photos // 4)),
                ("reportlab-default", args.photos), ("img2pdf", args.photos)]  # fmt: skip
        print(
            f"{'run':<18} {'photos':>6} {'pages':>6} {'s':>7} {'pages/s':>8} {'peak MB':>8} "
            f"{'PDF MB':>7}"
        )
        wanted = set(args.runs.split(","))
        for kind, count in runs:
            if kind not in wanted:
                continue
            if kind == "img2pdf":
                try:
                    import img2pdf  # noqa: F401
                except ImportError:
                    print(f"{kind:<18} skipped: img2pdf is not installed (pip install '.[bench]')")
                    continue
            result = subprocess.run(
                [sys.executable, __file__, "--child", kind, str(folder), str(count)],
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                print(f"{kind:<18} failed: {result.stderr.strip().splitlines()[-1:]}")
                continue
            row = json.loads(result.stdout.strip().splitlines()[-1])
            rate = row["pages"] / row["seconds"] if row["seconds"] else 0.0
            print(
                f"{kind:<18} {row['photos']:>6} {row['pages']:>6} {row['seconds']:>7.1f} "
                f"{rate:>8.2f} {row['peak_mb']:>8.0f} {row['size_mb']:>7.1f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
