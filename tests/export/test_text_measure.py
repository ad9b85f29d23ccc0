"""The PDF's text measure: reportlab metrics of the bundled Noto fonts."""

from __future__ import annotations

import unicodedata

import pytest

from curator.core.layout import PANEL_STYLE, Rect, break_lines, caption_block
from curator.core.model import CaptionField
from curator.export.fonts import bundled_font_names, register_bundled_fonts
from curator.export.text_measure import ReportlabMeasure

SANS = "NotoSans-Regular"
VIETNAMESE = (
    "Tổng Giám đốc TTXVN Vũ Việt Trang (giữa) và đoàn đại biểu TTXVN hội đàm với Đoàn đại "
    "biểu Hãng Thông tấn TASS (Liên bang Nga) do Tổng giám đốc Andrey Kondrashov dẫn đầu, "
    "tại trụ sở TTXVN ở Hà Nội, ngày 24 tháng 2 năm 2026."
)


@pytest.fixture(scope="module")
def measure() -> ReportlabMeasure:
    return ReportlabMeasure()


def test_fonts_are_registered_once_under_their_stems() -> None:
    assert {"NotoSans-Regular", "NotoSerif-Bold"} <= set(bundled_font_names())
    assert register_bundled_fonts() == register_bundled_fonts()


@pytest.mark.parametrize("text", ["Việt Nam", "Москва", "Hà Nội – Москва"])
def test_widths_are_positive_and_sane(measure: ReportlabMeasure, text: str) -> None:
    width = measure.width_mm(text, SANS, 10)
    # Between a fifth and a whole em (3.53 mm at 10 pt) per character.
    assert 0.2 * 3.53 * len(text) < width < 3.53 * len(text)
    assert measure.width_mm(text, SANS, 20) == pytest.approx(2 * width)


def test_decomposed_text_is_measured_as_nfc(measure: ReportlabMeasure) -> None:
    composed = "Việt Nam"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert measure.width_mm(decomposed, SANS, 10) == pytest.approx(
        measure.width_mm(composed, SANS, 10)
    )


def test_line_height_leaves_room_for_stacked_marks(measure: ReportlabMeasure) -> None:
    height = measure.line_height_mm(SANS, 10)
    assert height >= 1.2 * 10 * 25.4 / 72
    assert 0 < measure.ascent_mm(SANS, 10) < height


def test_missing_characters(measure: ReportlabMeasure) -> None:
    assert measure.missing_characters("Việt Nam, Москва, Αθήνα\n", SANS) == ""
    assert measure.missing_characters("北京 and 東京", SANS) == "北京東"


def test_long_vietnamese_caption_breaks_into_fitting_lines(measure: ReportlabMeasure) -> None:
    lines = break_lines(VIETNAMESE, 80, SANS, 9, measure)
    assert len(lines) > 3
    assert all(measure.width_mm(line, SANS, 9) <= 80 + 1e-6 for line in lines)
    assert " ".join(lines) == VIETNAMESE


def test_caption_block_with_real_fonts(measure: ReportlabMeasure) -> None:
    fields = {CaptionField.HEADLINE: "TTXVN và TASS hội đàm", CaptionField.CAPTION: VIETNAMESE}
    block = caption_block("vi", Rect(0, 0, 300, 200), fields, PANEL_STYLE, measure)
    assert block.fits
    assert block.budget_chars > len(VIETNAMESE)
    assert block.missing == ""


def test_remembered_widths_are_exactly_reportlabs(measure: ReportlabMeasure) -> None:
    """Widths come from remembered word sums, to the last bit what reportlab computes."""
    import random

    from reportlab.pdfbase import pdfmetrics

    from curator.core.layout import MM_PER_POINT

    rng = random.Random(18)
    alphabet = "abc xyz Ảnh số Снимок ễố  ,.-–\u0301"
    fonts = bundled_font_names()
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(60)))
        font = rng.choice(fonts)
        size = rng.choice([6.5, 7, 8.5, 9, 10.25, 13.7, 24])
        expected = pdfmetrics.stringWidth(unicodedata.normalize("NFC", text), font, size)
        assert measure.width_mm(text, font, size) == float(expected) * MM_PER_POINT
        assert measure.width_mm(text, font, size) == float(expected) * MM_PER_POINT  # again
