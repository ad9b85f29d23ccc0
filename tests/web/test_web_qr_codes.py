"""QR codes on wall labels and panels open their photo's page in the exported web edition.

The PDFs are rendered with ``pdftoppm`` at 300 dpi and every code decoded with
``zbarimg --raw``: each decodes to the exact address of its photo's page in the label's
first language, and that page exists in the site ``curator export web`` wrote.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from curator import cli
from curator.core.layout.geometry import Rect
from curator.core.layout.qr import QR_FLOOR_MM, QrMark, needed_symbol_mm, qr_modules, qr_side_mm
from curator.core.services import ProjectService
from curator.core.settings.web_address import photo_page
from curator.demo import write_demo

BASE = "https://example.org/expo/"
TOOLS = ("pdftoppm", "zbarimg")
needs_tools = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in TOOLS), reason="needs pdftoppm and zbarimg"
)


def _decoded(pdf: Path, folder: Path, dpi: int = 300) -> list[list[str]]:
    """Every page's decoded codes, in page order (rendered at ``dpi``)."""
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(folder / "page")],
                   check=True)  # fmt: skip
    pages = []
    for image in sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1])):
        done = subprocess.run(["zbarimg", "--raw", "-q", str(image)], capture_output=True,
                              text=True, check=False)  # fmt: skip
        pages.append(done.stdout.split())
    return pages


@pytest.fixture(scope="module")
def qr_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The demo, laid out, with its site exported with ``--base-url`` (which keeps it)."""
    folder = tmp_path_factory.mktemp("qr")
    path, _created = write_demo(folder)
    assert cli.main(["layout", "auto", str(path)]) == 0
    site = folder / "site"
    assert cli.main(["export", "web", str(path), "-o", str(site), "--base-url", BASE]) == 0
    return path, site


def _expected(path: Path, language: str | None = None) -> dict[str, str]:
    with ProjectService.open(path, read_only=True) as service:
        lead = language or service.project.languages()[0]
        return {BASE + photo_page(lead, p.id): p.path.name for p in service.photos.all()}


def test_the_base_url_is_kept_and_shown_as_a_setting(qr_project, capsys) -> None:
    path, _site = qr_project
    assert cli.main(["settings", str(path), "web.base_url", "--json"]) == 0
    assert BASE in capsys.readouterr().out


def test_a_base_url_that_is_not_http_is_refused_as_a_setting(tmp_path: Path, capsys) -> None:
    path, _created = write_demo(tmp_path)
    assert cli.main(["settings", str(path), "web.base_url", "ftp://example.org/x"]) != 0
    assert "not a web address" in capsys.readouterr().err
    assert cli.main(["settings", str(path), "web.base_url", "https://example.org/a"]) == 0
    assert cli.main(["settings", str(path), "web.base_url", ""]) == 0


@needs_tools
def test_every_label_code_opens_its_photos_page_in_the_site(qr_project, tmp_path: Path) -> None:
    path, site = qr_project
    pdf = tmp_path / "labels.pdf"
    assert cli.main(["export", "labels", str(path), "-o", str(pdf)]) == 0
    decoded = [url for page in _decoded(pdf, tmp_path) for url in page]
    expected = _expected(path)
    # the demo prints 9 photos: one label and one code each, no other code
    assert len(decoded) == 9
    assert set(decoded) <= set(expected)
    assert len(set(decoded)) == 9
    for url in decoded:
        assert (site / url.removeprefix(BASE)).is_file(), url


@needs_tools
def test_labels_in_another_language_order_open_that_languages_pages(
    qr_project, tmp_path: Path
) -> None:
    path, site = qr_project
    pdf = tmp_path / "labels.pdf"
    code = cli.main(["export", "labels", str(path), "-o", str(pdf), "--languages", "ru,vi,en"])
    assert code == 0
    decoded = [url for page in _decoded(pdf, tmp_path) for url in page]
    assert decoded and set(decoded) <= set(_expected(path, "ru"))
    assert all((site / url.removeprefix(BASE)).is_file() for url in decoded)


@needs_tools
def test_every_panel_code_opens_its_photos_page(qr_project, tmp_path: Path) -> None:
    path, site = qr_project
    pdf = tmp_path / "panels.pdf"
    assert cli.main(["export", "panels", str(path), "-o", str(pdf), "--paper", "A3"]) == 0
    decoded = [url for page in _decoded(pdf, tmp_path) for url in page]
    assert len(decoded) == 9 and len(set(decoded)) == 9
    assert set(decoded) <= set(_expected(path))
    assert all((site / url.removeprefix(BASE)).is_file() for url in decoded)


@needs_tools
def test_without_the_setting_there_is_no_code(tmp_path: Path) -> None:
    path, _created = write_demo(tmp_path)
    assert cli.main(["layout", "auto", str(path)]) == 0
    labels, panels = tmp_path / "labels.pdf", tmp_path / "panels.pdf"
    assert cli.main(["export", "labels", str(path), "-o", str(labels)]) == 0
    assert cli.main(["export", "panels", str(path), "-o", str(panels), "--paper", "A3"]) == 0
    for pdf in (labels, panels):
        folder = tmp_path / pdf.stem
        folder.mkdir()
        assert not any(_decoded(pdf, folder))


def test_a_label_code_sits_inside_its_label_under_its_text(qr_project) -> None:
    from curator.core.publishing.labels_service import project_labels
    from curator.export.text_measure import ReportlabMeasure

    path, _site = qr_project
    with ProjectService.open(path, read_only=True) as service:
        geometry = project_labels(service, ReportlabMeasure())
    for sheet in geometry.sheets:
        for label in sheet.labels:
            assert label.code is not None
            inner = label.rect.inset(8.0)
            assert inner.contains(label.code.rect)
            # 60 cm (the labels' default distance): a symbol of 60 mm, the quiet zone around
            assert label.code.symbol_mm == pytest.approx(60.0, abs=0.1)
            texts = [t for t in sheet.texts if label.rect.contains(
                Rect(t.x_mm, t.baseline_mm, 0.0, 0.0))]  # fmt: skip
            assert texts and all(t.baseline_mm < label.code.rect.y_mm for t in texts)


def test_the_size_follows_the_reading_distance() -> None:
    url = BASE + "vi/pm33wzh7.html"
    modules = qr_modules(url)
    assert needed_symbol_mm(60) == 60.0
    assert needed_symbol_mm(100) == 100.0
    assert needed_symbol_mm(30) == 30.0
    assert needed_symbol_mm(10) == needed_symbol_mm(0) == QR_FLOOR_MM
    # the square includes four white modules on every side
    assert qr_side_mm(url, 60) == pytest.approx(60.0 * (modules + 8) / modules, abs=0.01)
    small = QrMark(url, Rect(0, 0, 30.0, 30.0), 60)
    from curator.core.layout.qr import too_small

    assert too_small(small)
    assert not too_small(QrMark(url, Rect(0, 0, qr_side_mm(url, 60), 1.0), 60))


def test_a_code_too_small_and_a_bad_stored_address_are_findings(tmp_path: Path, capsys) -> None:
    path, _created = write_demo(tmp_path)
    assert cli.main(["settings", str(path), "web.base_url", BASE]) == 0
    # at 200 cm a code needs 200 mm: a 130 mm label cannot hold it
    assert cli.main(["settings", str(path), "wall.labels.viewing_distance_cm", "200"]) == 0
    capsys.readouterr()
    cli.main(["check", str(path), "--product", "labels", "--json"])
    assert '"qr-too-small"' in capsys.readouterr().out
    with ProjectService.open(path) as service:
        service.project.set_setting("web", {"base_url": "ftp://example.org/"})
    cli.main(["check", str(path), "--product", "labels", "--json"])
    out = capsys.readouterr().out
    assert '"web-base-url"' in out and '"qr-too-small"' not in out


@needs_tools
def test_the_colophon_carries_the_sites_address_and_its_code(qr_project, tmp_path: Path) -> None:
    path, site = qr_project
    pdf = tmp_path / "catalogue.pdf"
    assert cli.main(["export", "catalogue", str(path), "-o", str(pdf)]) == 0
    pages = _decoded(pdf, tmp_path, dpi=150)  # the book's code is 25 mm: 150 dpi reads it
    # one code in the whole book, on its last page (the colophon): the site's start
    assert [i for i, page in enumerate(pages) if page] == [len(pages) - 1]
    assert pages[-1] == [BASE]
    assert (site / "index.html").is_file()
    text = subprocess.run(["pdftotext", "-f", str(len(pages)), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert BASE in text
