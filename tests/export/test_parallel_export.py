"""The catalogue on every core (issue 18.8): photos prepared in parallel, pages in visit order.

Ten photos, each a colour of its own and a headline of its own, placed in two sections in an
order that is not the import order (two of them stored on their side with an EXIF
orientation), are exported with one worker and with several, and read back with poppler:
``pdftotext`` finds the headlines page by page, ``pdfimages`` the photos page by page (told
apart by their colour). The pages follow the visit order with any number of workers, and
the two PDFs hold the same text and byte-identical images. At most ``ahead`` photos are
prepared beyond the page being drawn, whatever the number of photos; a truncated photo is
still found by preflight before any page is drawn.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageStat
from printing import needs_tools, run_tool

from curator import cli
from curator.core.editing.layout_service import auto_layout
from curator.core.model import CaptionField, CaptionStatus
from curator.core.progress import Progress
from curator.core.services import ProjectService
from curator.export import catalogue as catalogue_module
from curator.export import images as images_module
from curator.export import originals as originals_module
from curator.export import workers as workers_module
from curator.export.catalogue import PreflightFailedError, export_catalogue
from curator.export.images import ImageRoute
from curator.export.panels import export_panels
from curator.export.pipeline import ImagePipeline
from curator.export.text_measure import ReportlabMeasure
from curator.ingest.importer import ImportOptions, import_paths

pytestmark = needs_tools("pdftotext", "pdfimages", "pdfinfo")

TODAY = date(2026, 3, 1)
#: Visit order: the photos' indexes, section by section (not the order they were imported).
SECTIONS = ([5, 2, 8, 0, 9], [1, 7, 3, 6, 4])
TURNED = (3, 7)  # stored on their side, EXIF orientation 6
COLOURS = [
    (230, 30, 30), (30, 200, 30), (30, 30, 230), (230, 230, 30), (230, 30, 230),
    (30, 220, 220), (250, 140, 20), (120, 40, 160), (40, 90, 40), (150, 150, 150),
]  # fmt: skip


def _photo_file(folder: Path, index: int) -> Path:
    """A 4200 x 2800 photo (finer than any catalogue slot needs) of colour ``index``."""
    image = Image.new("RGB", (4200, 2800), COLOURS[index])
    draw = ImageDraw.Draw(image)
    for step in range(0, 4200, 300):  # some detail, so the JPEG is not trivial
        draw.line((step, 0, step + 200, 2800), fill=tuple(c // 2 for c in COLOURS[index]), width=9)
    path = folder / f"frame-{index:02d}.jpg"
    if index in TURNED:
        exif = Image.Exif()
        exif[0x0112] = 6  # the camera was turned: the pixels are stored rotated
        image.transpose(Image.Transpose.ROTATE_90).save(path, quality=90, exif=exif)
    else:
        image.save(path, quality=90)
    return path


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("parallel")
    files = [_photo_file(folder, index) for index in range(len(COLOURS))]
    path = folder / "parallel.curator"
    service = ProjectService.create(path, title="Parallel", languages=["en"])
    with service, service.store.transaction():
        import_paths(service, files, ImportOptions(workers=1))
        by_name = {photo.path.name: photo.id for photo in service.photos.all()}
        for index in range(len(COLOURS)):
            photo_id = by_name[f"frame-{index:02d}.jpg"]
            service.captions.set(
                photo_id, "en", CaptionField.HEADLINE, f"Frame{index:02d}", CaptionStatus.FINAL
            )
        for number, members in enumerate(SECTIONS):
            section = service.exhibition.add_section({"en": f"Part {number + 1}"})
            ids = [by_name[f"frame-{index:02d}.jpg"] for index in members]
            service.exhibition.assign(section.id, ids)
    with ProjectService.open(path) as service:
        auto_layout(service, measure=ReportlabMeasure(), backup=False)
    return path


def _export(project: Path, name: str, workers: int, ahead: int | None = None) -> Path:
    out = project.parent / name
    with ProjectService.open(project, read_only=True) as service:
        export_catalogue(
            service, out, ReportlabMeasure(), today=TODAY, workers=workers, ahead=ahead
        )
    return out


@pytest.fixture(scope="module")
def one_and_four(project: Path) -> tuple[Path, Path]:
    return _export(project, "one.pdf", workers=1), _export(project, "four.pdf", workers=4)


def _pages(pdf: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", run_tool("pdfinfo", pdf)).group(1))  # type: ignore[union-attr]


def _headlines(pdf: Path) -> list[int]:
    """The photos' headlines in the order the pages print them."""
    found: list[int] = []
    for page in range(1, _pages(pdf) + 1):
        text = run_tool("pdftotext", "-f", str(page), "-l", str(page), "-layout", pdf, "-")
        found += [int(number) for number in re.findall(r"Frame(\d\d)", text)]
    return found


def _photos(pdf: Path, folder: Path) -> list[tuple[int, int, tuple[int, int]]]:
    """(page, photo index by colour, size) of every photo, in page order."""
    folder.mkdir()
    run_tool("pdfimages", "-p", "-png", pdf, folder / "img")
    found = []
    for path in sorted(folder.glob("img-*.png")):
        page = int(path.name.split("-")[1])
        with Image.open(path) as image:
            mean = ImageStat.Stat(image.convert("RGB")).median
            size = image.size
        nearest = min(
            range(len(COLOURS)),
            key=lambda i: sum((a - b) ** 2 for a, b in zip(COLOURS[i], mean, strict=True)),
        )
        found.append((page, nearest, size))
    return found


def test_pages_follow_the_visit_order_with_several_workers(one_and_four, tmp_path: Path) -> None:
    _one, four = one_and_four
    visit = [index for section in SECTIONS for index in section]
    headlines = _headlines(four)
    assert [i for i in headlines if i in visit][: len(visit)] == visit
    photos = _photos(four, tmp_path / "four")
    assert [index for _page, index, _size in photos] == visit
    pages = [page for page, _index, _size in photos]
    assert pages == sorted(pages)
    # the photos stored on their side print upright (landscape), as every other one
    assert all(width > height for _page, _index, (width, height) in photos)


def _image_list(pdf: Path) -> list[list[str]]:
    """``pdfimages -list`` without the object numbers (they follow the work folder's name)."""
    rows = [line.split() for line in run_tool("pdfimages", "-list", pdf).splitlines()[2:]]
    return [row[:10] + row[12:] for row in rows]


def test_one_worker_and_four_make_the_same_catalogue(one_and_four, tmp_path: Path) -> None:
    one, four = one_and_four
    assert _pages(one) == _pages(four)
    assert run_tool("pdftotext", "-layout", one, "-") == run_tool("pdftotext", "-layout", four, "-")
    assert _image_list(one) == _image_list(four)
    for name, pdf in (("one", one), ("four", four)):
        (tmp_path / name).mkdir()
        run_tool("pdfimages", "-j", pdf, tmp_path / name / "img")
    first = sorted((tmp_path / "one").iterdir())
    second = sorted((tmp_path / "four").iterdir())
    assert [p.name for p in first] == [p.name for p in second]
    assert len(first) >= len(COLOURS)
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_panels_are_the_same_with_one_worker_and_three(project: Path, tmp_path: Path) -> None:
    pdfs = []
    for workers in (1, 3):
        out = tmp_path / f"panels-{workers}.pdf"
        with ProjectService.open(project, read_only=True) as service:
            export_panels(service, out, ReportlabMeasure(), report=False, workers=workers)
        pdfs.append(out)
    one, three = pdfs
    assert run_tool("pdftotext", "-layout", one, "-") == run_tool(
        "pdftotext", "-layout", three, "-"
    )
    photos = _photos(one, tmp_path / "one")
    assert sorted(index for _page, index, _size in photos) == list(range(len(COLOURS)))
    assert _photos(three, tmp_path / "three") == photos


def test_photos_are_prepared_only_a_few_ahead_of_the_page(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipelines: list[ImagePipeline] = []

    class Watched(ImagePipeline):
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            super().__init__(*args, **kwargs)
            pipelines.append(self)

    monkeypatch.setattr(catalogue_module, "ImagePipeline", Watched)
    out = project.parent / "bounded.pdf"
    with ProjectService.open(project, read_only=True) as service:
        result = export_catalogue(
            service, out, ReportlabMeasure(), today=TODAY, workers=3, ahead=1, report=False
        )
    (pipeline,) = pipelines
    # ten photos, yet never more than the one drawn and one ahead were waiting, and no more
    # decodes in memory at once than that
    assert len(result.routes) == len(COLOURS)
    assert result.count(ImageRoute.DOWNSAMPLED) == len(COLOURS)
    assert 1 <= pipeline.peak_waiting <= 2
    assert 1 <= pipeline.peak_running <= 2
    assert len(_photos(out, project.parent / "bounded-images")) == len(COLOURS)


def test_a_truncated_photo_stops_the_export_before_any_page(project: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    copy.mkdir()
    with ProjectService.open(project, read_only=True) as service:
        originals = {photo.id: photo.path for photo in service.photos.all()}
    for path in originals.values():
        (copy / path.name).write_bytes(path.read_bytes())
    damaged = copy / "frame-06.jpg"
    damaged.write_bytes(damaged.read_bytes()[: damaged.stat().st_size // 2])
    moved = copy / project.name
    moved.write_bytes(project.read_bytes())
    with ProjectService.open(moved) as service, service.store.transaction():
        for photo_id, path in originals.items():
            service.photos.set_path(photo_id, copy / path.name)
    pages: list[Progress] = []
    out = tmp_path / "damaged.pdf"
    with (
        ProjectService.open(moved, read_only=True) as service,
        pytest.raises(PreflightFailedError) as raised,
    ):
        export_catalogue(
            service, out, ReportlabMeasure(), on_progress=pages.append, today=TODAY, workers=4
        )
    (error,) = [f for f in raised.value.findings if f.code == "photo-unreadable"]
    assert "frame-06.jpg" in error.message
    assert pages == []  # not one page drawn
    assert not out.exists()
    assert not list(tmp_path.glob(".curator-work-*"))


def _count_decodes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the originals decoded from now on, in order (one name a decode)."""
    decoded: list[str] = []
    for module in (images_module, originals_module):
        original = module.load_reduced

        def counted(source, *args, _original=original, **kwargs):  # type: ignore[no-untyped-def]
            decoded.append(Path(source).name)
            return _original(source, *args, **kwargs)

        monkeypatch.setattr(module, "load_reduced", counted)
    return decoded


def test_each_original_is_decoded_once_by_a_first_export_and_a_second(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Preflight's check prepares what it decodes; the next export only hashes for it."""
    decoded = _count_decodes(monkeypatch)
    copy = tmp_path / project.name
    copy.write_bytes(project.read_bytes())  # its own, empty cache beside it
    for name in ("first.pdf", "second.pdf"):
        decoded.clear()
        with ProjectService.open(copy, read_only=True) as service:
            result = export_catalogue(
                service, tmp_path / name, ReportlabMeasure(), today=TODAY, workers=2
            )
        assert result.count(ImageRoute.DOWNSAMPLED) == len(COLOURS)
        assert sorted(decoded) == [f"frame-{index:02d}.jpg" for index in range(len(COLOURS))]
    assert _headlines(tmp_path / "first.pdf") == _headlines(tmp_path / "second.pdf")


def test_workers_are_bounded_by_the_memory_available(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers_module, "usable_cores", lambda: 8)
    monkeypatch.setattr(workers_module, "available_memory", lambda: 1024**3)  # 1 GiB
    assert workers_module.worker_count() == 2  # 400 MB each
    assert workers_module.worker_count(16) == 2
    assert workers_module.worker_count(1) == 1
    monkeypatch.setattr(workers_module, "available_memory", lambda: 100 * 1024**2)
    assert workers_module.worker_count() == 1  # always one, however little is free
    monkeypatch.setattr(workers_module, "available_memory", lambda: None)
    assert workers_module.worker_count() == 8


def test_the_cli_takes_a_number_of_workers(project: Path, capsys) -> None:
    out = project.parent / "cli.pdf"
    assert cli.main(["export", "catalogue", str(project), "-o", str(out), "--workers", "2"]) == 0
    assert out.exists()
    with pytest.raises(SystemExit) as raised:
        cli.main(["export", "catalogue", str(project), "-o", str(out), "--workers", "0"])
    assert raised.value.code == 2
    assert "--workers" in capsys.readouterr().err


def test_the_proof_is_the_same_with_one_worker_and_three(project: Path, tmp_path: Path) -> None:
    """The approval proof's thumbnails go through the same parallel preparation."""
    from curator.export.proof import export_proof

    pdfs = []
    for workers in (1, 3):
        out = tmp_path / f"proof-{workers}.pdf"
        with ProjectService.open(project, read_only=True) as service:
            export_proof(service, out, ReportlabMeasure(), report=False, workers=workers)
        pdfs.append(out)
    one, three = pdfs
    assert run_tool("pdftotext", "-layout", one, "-") == run_tool(
        "pdftotext", "-layout", three, "-"
    )
    assert _image_list(one) == _image_list(three)
    photos = _photos(one, tmp_path / "one")
    assert sorted(index for _page, index, _size in photos) == list(range(len(COLOURS)))
    assert _photos(three, tmp_path / "three") == photos


def test_the_cover_decodes_its_photo_once_on_a_first_export(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Preflight's decode check prepares the cover's photo, as it does the catalogue's."""
    from curator.export.cover import export_cover

    decoded = _count_decodes(monkeypatch)
    copy = tmp_path / project.name
    copy.write_bytes(project.read_bytes())  # its own, empty cache beside it
    with ProjectService.open(copy, read_only=True) as service:
        result = export_cover(service, tmp_path / "cover.pdf", ReportlabMeasure(), today=TODAY)
    front = f"frame-{SECTIONS[0][0]:02d}.jpg"  # the first photo of the first section
    assert decoded == [front]
    assert result.routes[result.photo_id] is not ImageRoute.PASSED_THROUGH  # it was decoded
    assert len(_photos(tmp_path / "cover.pdf", tmp_path / "images")) == 1
