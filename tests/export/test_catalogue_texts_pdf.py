"""The catalogue's own texts and images in the real PDF, read back with poppler and pikepdf:
subtitle, signatory, imprint and ISBN; logos as PNG (soft mask), SVG and PDF (vector, its
text in the page); a missing title left out with a preflight warning."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pikepdf
import pytest
from printing import CMYK_PROFILE, needs_tools, run_tool
from reportlab.pdfgen.canvas import Canvas

from curator.core.checks.preflight import check
from curator.core.errors import CuratorError, UsageError
from curator.core.layout.style import Product
from curator.core.publishing.catalogue_texts import AssetRole, add_asset, remove_asset, set_texts
from curator.core.services import ProjectService
from curator.demo import write_demo
from curator.export.assets import verify_image
from curator.export.catalogue import export_catalogue
from curator.export.colour import load_output_profile
from curator.export.fonts import register_bundled_fonts
from curator.export.text_measure import ReportlabMeasure

pytestmark = needs_tools("pdftotext", "pdfimages", "pdffonts")


def _pdf_logo(text: str, font: str = "NotoSans-Regular") -> bytes:
    register_bundled_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(120, 40), initialFontName=font)
    canvas.setFillColorRGB(0.1, 0.3, 0.6)
    canvas.rect(0, 0, 40, 40, fill=1)
    canvas.setFont(font, 14)
    canvas.drawString(46, 14, text)
    canvas.save()
    return out.getvalue()


@pytest.fixture(scope="module")
def demo_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("texts")
    path, _created = write_demo(folder)
    with ProjectService.open(path) as service:
        set_texts(service, [("isbn", "-", "978-3-16-148410-0"), ("printer", "en", "Hanoi Press")])
        add_asset(service, AssetRole.LOGO, "third.pdf", _pdf_logo("PDFLOGOTEXT"))
        out = folder / "catalogue.pdf"
        export_catalogue(service, out, ReportlabMeasure(), today=date(2026, 3, 1))
    return path, out


def _page_text(pdf: Path, page: int) -> str:
    return run_tool("pdftotext", "-f", str(page), "-l", str(page), pdf, "-")


def _pages(pdf: Path) -> int:
    with pikepdf.Pdf.open(pdf) as opened:
        return len(opened.pages)


def test_title_page_has_title_subtitle_and_organisers_in_every_language(demo_pdf) -> None:
    half_title = " ".join(_page_text(demo_pdf[1], 1).split())
    assert "Việt Nam – Nga" in half_title and "Вьетнам" not in half_title
    text = " ".join(_page_text(demo_pdf[1], 3).split())
    for subtitle in (
        "Triển lãm ảnh Thông tấn xã Việt Nam và Hãng Thông tấn TASS",
        "Фотовыставка ВИА и ТАСС",
        "A photo exhibition by the Vietnam News Agency and TASS",
    ):
        assert subtitle in text
    # Russian prints the dash between words as the em dash (typography's russian_dashes)
    assert "Вьетнам — Россия" in text and "Vietnam – Russia" in text
    assert "Vietnam News Agency · TASS News Agency" in text
    assert "PDFLOGOTEXT" in text  # the organisers' logos are on the title page too


def test_foreword_is_signed_in_its_language(demo_pdf) -> None:
    pdf = demo_pdf[1]
    texts = [" ".join(_page_text(pdf, n).split()) for n in range(6, 12)]
    assert any("Nguyễn Minh Hà Trưởng ban tổ chức triển lãm" in t for t in texts)
    assert any("Нгуен Минь Ха Руководитель оргкомитета выставки" in t for t in texts)
    assert any("Nguyen Minh Ha Head of the exhibition committee" in t for t in texts)


def test_colophon_prints_organisers_and_imprint(demo_pdf) -> None:
    pdf = demo_pdf[1]
    text = " ".join(_page_text(pdf, _pages(pdf)).split())
    for line in (
        "Organisers: Vietnam News Agency, TASS News Agency",
        "Организаторы: Вьетнамское информационное агентство",
        "First edition",
        "Тираж: 500 экз.",
        "Printed by: Hanoi Press",
        "ISBN 978-3-16-148410-0",
        "© 2026 VNA and TASS",
    ):
        assert line in text
    assert "PDFLOGOTEXT" in text  # the PDF logo's own text, drawn from its page


def test_logos_are_in_the_file_png_with_its_transparency(demo_pdf) -> None:
    pdf = demo_pdf[1]
    last = str(_pages(pdf))
    listing = run_tool("pdfimages", "-list", "-f", last, "-l", last, pdf)
    kinds = [line.split()[2] for line in listing.splitlines()[2:]]
    assert kinds == ["image", "smask"]  # the PNG logo; the SVG and PDF ones are vector
    fonts = run_tool("pdffonts", pdf)
    assert " no " not in fonts  # every font embedded, the PDF logo's too
    names = [row.split()[0] for row in fonts.splitlines()[2:]]
    assert len(names) == len(set(names)) and not any(n.startswith("AAAAAA+") for n in names)
    assert sum(n.endswith("+NotoSans-Regular") for n in names) == 2  # the pages', the logo's


def test_a_pdf_logo_with_unembedded_fonts_is_refused_naming_them() -> None:
    with pytest.raises(UsageError, match=r"logo\.pdf.*Times-Roman are not embedded"):
        verify_image("logo.pdf", _pdf_logo("X", "Times-Roman"))


@pytest.mark.parametrize(
    ("name", "data", "why"),
    [
        ("broken.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "broken.png cannot be read"),
        ("empty.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "empty.svg cannot be read"),
        ("cut.pdf", b"%PDF-1.4\n1 0 obj", "cut.pdf cannot be read"),
        ("photo.jpg", b"\xff\xd8\xff\xe0", "not an SVG, PDF or PNG"),
    ],
)
def test_an_image_that_cannot_be_drawn_is_refused_before_it_is_kept(
    name: str, data: bytes, why: str
) -> None:
    with pytest.raises(UsageError, match=why):
        verify_image(name, data)


def test_a_missing_title_is_left_out_and_preflight_says_so(demo_pdf, tmp_path: Path) -> None:
    project, _pdf = demo_pdf
    copy = tmp_path / "copy.curator"
    copy.write_bytes(project.read_bytes())
    measure = ReportlabMeasure()
    with ProjectService.open(copy) as service:
        set_texts(service, [("title", "ru", "")])
        findings = check(service, Product.CATALOGUE, measure)
        out = tmp_path / "c.pdf"
        export_catalogue(service, out, measure, preflight=False, report=False)
    missing = [f for f in findings if f.code == "catalogue-title-missing"]
    assert [(f.language, f.severity.value) for f in missing] == [("ru", "warning")]
    cover = " ".join(_page_text(out, 3).split())
    assert cover.count("Việt Nam – Nga: 68 năm hợp tác thông tấn") == 1
    assert "Вьетнам — Россия" not in cover


@pytest.mark.skipif(not CMYK_PROFILE.is_file(), reason="libgs-common's default_cmyk.icc")
def test_under_pdfx_logos_are_cmyk_or_refused(demo_pdf, tmp_path: Path) -> None:
    project, _pdf = demo_pdf
    copy = tmp_path / "copy.curator"
    copy.write_bytes(project.read_bytes())
    profile = load_output_profile(CMYK_PROFILE)
    out = tmp_path / "x.pdf"
    with ProjectService.open(copy) as service:
        with pytest.raises(CuratorError, match=r"logo third\.pdf is drawn in RGB") as raised:
            export_catalogue(service, out, ReportlabMeasure(), preflight=False, profile=profile)
        assert raised.value.exit_code == 2
        assert not out.exists()
        pdf_logo = next(a for a in service.catalogue.assets() if a.name == "third.pdf")
        remove_asset(service, pdf_logo.id)
        export_catalogue(service, out, ReportlabMeasure(), preflight=False, profile=profile)
    last = str(_pages(out))
    listing = run_tool("pdfimages", "-list", "-f", last, "-l", last, out)
    assert [line.split()[5] for line in listing.splitlines()[2:]] == ["cmyk"]  # the PNG logo
    with pikepdf.Pdf.open(out) as pdf:
        page = pdf.pages[-1]
        operators = {str(i.operator) for i in pikepdf.parse_content_stream(page)}
    assert "k" in operators and not {"rg", "RG"} & operators  # the SVG's colours in CMYK
