"""Panel proofs, wall labels and the approval proof, checked with poppler and qpdf."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image
from printing import SLIP, needs_tools, run_tool

from curator.core.editing.layout_service import section_geometry
from curator.core.errors import UsageError
from curator.core.language.typography import typeset
from curator.core.layout.catalogue_model import PageText
from curator.core.model import ACCESSIBILITY_FIELDS, PRINTED_FIELDS, CaptionField
from curator.core.publishing.labels_service import LabelOptions, project_labels
from curator.core.publishing.proof_service import project_proof
from curator.core.services import ProjectService
from curator.export.document import PreflightFailedError
from curator.export.labels import export_labels
from curator.export.panels import PanelOptions, export_panels, fit_scale
from curator.export.proof import export_proof
from curator.export.text_measure import ReportlabMeasure

PT_PER_MM = 72 / 25.4
LANGUAGES = ("vi", "ru", "en")

pytestmark = needs_tools("qpdf", "pdffonts", "pdfinfo", "pdftotext", "pdfimages", "pdftoppm")


def _normal(text: str) -> str:
    return re.sub(r"[\u00a0\u202f]", " ", text)


def _fonts_embedded(pdf: Path) -> None:
    rows = run_tool("pdffonts", pdf).splitlines()[2:]
    assert rows
    for row in rows:
        parts = row.split()
        assert (parts[-5], parts[-4]) == ("yes", "yes"), row
        assert "+Noto" in parts[0], row


def _qpdf_clean(pdf: Path) -> None:
    assert "No syntax or stream encoding errors" in run_tool("qpdf", "--check", pdf)


def _boxes(pdf: Path, pages: int) -> list[dict[str, list[float]]]:
    info = run_tool("pdfinfo", "-box", "-f", "1", "-l", str(pages), pdf)
    result = []
    for number in range(1, pages + 1):
        boxes = {}
        for kind in ("MediaBox", "TrimBox", "BleedBox"):
            match = re.search(rf"Page\s+{number} {kind}:\s+(.*)", info)
            assert match, (number, kind)
            boxes[kind] = [float(v) for v in match.group(1).split()]
        result.append(boxes)
    return result


@pytest.fixture(scope="module")
def panels_pdf(laid_out: Path) -> tuple[Path, list]:
    out = laid_out.parent / "panels.pdf"
    measure = ReportlabMeasure()
    with ProjectService.open(laid_out, read_only=True) as service:
        result = export_panels(service, out, measure, PanelOptions(marks=True, bleed_mm=5.0))
        geometries = [
            (section.id, geometry)
            for section in service.exhibition.sections()
            for geometry in section_geometry(service, section.id, measure)
        ]
    assert result.pages == len(geometries) == 3
    return out, geometries


def test_panels_are_valid_with_embedded_fonts_and_their_real_size(panels_pdf) -> None:
    pdf, geometries = panels_pdf
    _qpdf_clean(pdf)
    _fonts_embedded(pdf)
    for boxes, (_section, panel) in zip(_boxes(pdf, len(geometries)), geometries, strict=True):
        x0, y0, x1, y1 = boxes["TrimBox"]
        assert x1 - x0 == pytest.approx(panel.width_mm * PT_PER_MM, abs=0.1)
        assert y1 - y0 == pytest.approx(panel.height_mm * PT_PER_MM, abs=0.1)
        bx0, _by0, bx1, _by1 = boxes["BleedBox"]
        assert bx1 - bx0 == pytest.approx((panel.width_mm + 10) * PT_PER_MM, abs=0.1)
        assert boxes["MediaBox"][2] > bx1 + 20  # a slug for the crop marks


def test_panels_print_every_caption_line_and_title_as_core_broke_them(panels_pdf) -> None:
    pdf, geometries = panels_pdf
    for number, (_section, panel) in enumerate(geometries, start=1):
        text = _normal(run_tool("pdftotext", "-raw", "-f", number, "-l", number, pdf, "-"))
        lines = [line for block in panel.titles for line in block.lines]
        lines += [line for slot in panel.slots for block in slot.captions for line in block.lines]
        assert lines
        for line in lines:
            assert _normal(line.text) in text, (number, line.text)
    languages = {block.language for _s, p in geometries for s in p.slots for block in s.captions}
    assert languages == set(LANGUAGES)


def test_a_cropped_slot_prints_only_its_part_of_the_photo(panels_pdf, laid_out: Path) -> None:
    pdf, geometries = panels_pdf
    page, slot = next(
        (number, slot)
        for number, (_section, panel) in enumerate(geometries, start=1)
        for slot in panel.slots
        if slot.source.width_mm < 1  # the crop set in the fixture
    )
    with ProjectService.open(laid_out, read_only=True) as service:
        photo = service.photos.get(slot.photo_id)
    listing = run_tool("pdfimages", "-list", "-f", page, "-l", page, pdf).splitlines()[2:]
    sizes = {(int(row.split()[3]), int(row.split()[4])) for row in listing}
    expected = (
        round(photo.width * slot.source.width_mm),
        round(photo.height * slot.source.height_mm),
    )
    assert any(abs(w - expected[0]) <= 1 and abs(h - expected[1]) <= 1 for w, h in sizes), sizes
    image_aspect = slot.image.width_mm / slot.image.height_mm
    assert expected[0] / expected[1] == pytest.approx(image_aspect, rel=0.01)


def test_panels_scaled_onto_a3_print_their_scale(laid_out: Path, tmp_path: Path) -> None:
    out = tmp_path / "a3.pdf"
    with ProjectService.open(laid_out, read_only=True) as service:
        result = export_panels(service, out, ReportlabMeasure(), PanelOptions(paper_mm=(297, 420)))
    assert result.scales == [4]
    info = run_tool("pdfinfo", out)
    assert "Page size:       841.89 x 1190.55 pts (A3)" in info
    text = run_tool("pdftotext", "-raw", out, "-")
    assert text.count("1:4") == 3 and "1000 × 1500 mm" in text
    assert fit_scale((1000, 1500), (210, 297))[0] == 6


@pytest.fixture(scope="module")
def labels_pdf(laid_out: Path):
    out = laid_out.parent / "labels.pdf"
    measure = ReportlabMeasure()
    with ProjectService.open(laid_out, read_only=True) as service:
        result = export_labels(service, out, measure)
        geometry = project_labels(service, measure)
    return out, geometry, result


def test_labels_one_per_photo_two_per_a4_sheet(labels_pdf) -> None:
    pdf, geometry, result = labels_pdf
    assert result.labels == 9 and result.sheets == 5
    assert geometry.paper_mm == (297.0, 210.0)  # A4 turned: two 100 × 150 labels across
    _qpdf_clean(pdf)
    _fonts_embedded(pdf)
    for boxes in _boxes(pdf, result.sheets):
        x0, y0, x1, y1 = boxes["TrimBox"]
        assert (x1 - x0, y1 - y0) == (
            pytest.approx(841.89, abs=0.1),
            pytest.approx(595.28, abs=0.1),
        )
    assert all(label.fits for label in geometry.labels())


def _rejoin(lines: list[PageText]) -> str:
    text = ""
    for line in lines:
        text += (line.text[:-1] if line.hyphenated else line.text) + (
            "" if line.joins_next else " "
        )
    return text.strip()


def test_labels_carry_every_field_in_every_language(labels_pdf, laid_out: Path) -> None:
    pdf, geometry, _result = labels_pdf
    checked = 0
    with ProjectService.open(laid_out, read_only=True) as service:
        for sheet in geometry.sheets:
            page = _normal(run_tool("pdftotext", "-raw", "-f", sheet.number, "-l", sheet.number,
                                    pdf, "-"))  # fmt: skip
            for label in sheet.labels:
                for language in LANGUAGES:
                    for field in ACCESSIBILITY_FIELDS:  # never printed
                        stored = service.captions.get(label.photo_id, language, field)
                        assert stored is None or _normal(stored.text[:40]) not in page
                    for field in PRINTED_FIELDS:
                        stored = service.captions.get(label.photo_id, language, field)
                        if stored is None or not stored.text:
                            continue
                        lines = [t for t in sheet.texts if t.photo_id == label.photo_id
                                 and t.language == language and t.field is field]  # fmt: skip
                        if field is CaptionField.DATE:  # set on one line with the place
                            lines = [t for t in sheet.texts if t.photo_id == label.photo_id
                                     and t.language == language
                                     and t.field is CaptionField.PLACE]  # fmt: skip
                        if field in (CaptionField.PLACE, CaptionField.DATE):
                            assert typeset(stored.text, language) in _rejoin(lines)
                        else:
                            assert _rejoin(lines) == typeset(stored.text, language)
                        for line in lines:
                            assert _normal(line.text) in page
                        checked += 1
    assert checked >= 9 * 3 * 5 - 2


def test_cut_marks_lie_outside_the_labels(labels_pdf, tmp_path: Path) -> None:
    pdf, geometry, _result = labels_pdf
    sheet = geometry.sheets[0]
    run_tool("pdftoppm", "-r", "100", "-png", "-f", "1", "-l", "1", "-singlefile", pdf,
             tmp_path / "s")  # fmt: skip
    image = Image.open(tmp_path / "s.png").convert("L")
    px = image.width / sheet.width_mm

    def pixel(x_mm: float, y_mm: float) -> int:
        return image.getpixel((round(x_mm * px), round(y_mm * px)))

    grid = sheet.grid
    for x in sheet.cuts_x:  # a mark above the grid on every vertical cut line
        assert min(pixel(x + dx, grid.y_mm - 4.5) for dx in (-0.2, 0, 0.2)) < 160, x
    for y in sheet.cuts_y:
        assert min(pixel(grid.x_mm - 4.5, y + dy) for dy in (-0.2, 0, 0.2)) < 160, y
    label = sheet.labels[0].rect
    assert pixel(label.x_mm + 1, label.y_mm + 1) > 250  # no mark inside a label's corner
    assert pixel(grid.x_mm - 1, grid.y_mm - 1) > 250  # nor at the grid's corner itself


def test_a_caption_too_long_for_a_label_stops_the_export(laid_out: Path, tmp_path: Path) -> None:
    copy = tmp_path / "long.curator"
    copy.write_bytes(laid_out.read_bytes())
    with ProjectService.open(copy) as service:
        photo = next(iter(service.photos.all()))
        service.set_caption(photo.id, "ru", CaptionField.CAPTION, "Очень длинная подпись. " * 60)
        with pytest.raises(PreflightFailedError) as failed:
            export_labels(service, tmp_path / "l.pdf", ReportlabMeasure())
    codes = {f.code for f in failed.value.findings if f.photo_id == photo.id}
    assert "label-overflow" in codes
    message = next(f.message for f in failed.value.findings if f.code == "label-overflow")
    assert "mm too long" in message and "12 pt" in message  # how much over, at the minimum
    assert "labels were not exported" in failed.value.message
    assert not (tmp_path / "l.pdf").exists()


def test_a_label_larger_than_its_paper_is_refused(laid_out: Path) -> None:
    with ProjectService.open(laid_out, read_only=True) as service, pytest.raises(UsageError):
        project_labels(service, ReportlabMeasure(), LabelOptions(label_mm=(250, 350)))


@pytest.fixture(scope="module")
def proof_pdf(laid_out: Path):
    out = laid_out.parent / "proof.pdf"
    measure = ReportlabMeasure()
    with ProjectService.open(laid_out, read_only=True) as service:
        result = export_proof(service, out, measure)
        content, geometry = project_proof(service, measure)
    return out, content, geometry, result


def test_proof_pages_have_numbers_and_approval_boxes(proof_pdf) -> None:
    pdf, content, geometry, result = proof_pdf
    _qpdf_clean(pdf)
    _fonts_embedded(pdf)
    assert result.pages == len(geometry.pages) >= 3
    assert content.approvers == ("TTXVN", "TASS")
    for number in range(1, result.pages + 1):
        page = run_tool("pdftotext", "-raw", "-f", number, "-l", number, pdf, "-")
        assert f"Page {number} of {result.pages}" in page
        assert page.count("Initials") == 2 and page.count("Date") >= 2
        assert "Approved for TTXVN" in page and "Approved for TASS" in page
    listing = run_tool("pdfimages", "-list", pdf).splitlines()[2:]
    assert len(listing) == 9  # one thumbnail per photo


def test_proof_shows_every_caption_its_status_and_the_warnings(proof_pdf, laid_out) -> None:
    pdf, _content, geometry, _result = proof_pdf
    text = _normal(run_tool("pdftotext", "-raw", pdf, "-"))
    columns: dict[tuple[int, float], list[PageText]] = {}
    for page in geometry.pages:
        for line in page.texts:
            columns.setdefault((page.number, line.x_mm), []).append(line)
    printed = "\n".join(
        _normal(_rejoin(sorted(lines, key=lambda t: t.baseline_mm))) for lines in columns.values()
    )
    with ProjectService.open(laid_out, read_only=True) as service:
        for photo in service.photos.all():
            for language in LANGUAGES:
                for field in PRINTED_FIELDS:
                    stored = service.captions.get(photo.id, language, field)
                    if stored is not None and stored.text:
                        assert _normal(typeset(stored.text, language)) in printed
                alt = service.captions.get(photo.id, language, CaptionField.ALT)
                assert alt is not None and _normal(alt.text[:40]) not in printed  # not printed
    for page in geometry.pages:
        page_text = _normal(run_tool("pdftotext", "-raw", "-f", page.number, "-l", page.number,
                                     pdf, "-"))  # fmt: skip
        for line in page.texts:
            assert _normal(line.text) in page_text
    assert "Caption · Needs review" in text and "Headline · Final" in text
    assert "Headline · Empty" in text  # 04-handshake has no English headline
    assert "“ITAR-TASS” is a forbidden form" in text
    assert "08-lotus.jpg has no caption in Russian." in text
    assert SLIP in printed  # the slip is shown as written, so the approver sees it
