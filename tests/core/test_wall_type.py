"""Issue 19.6: wall text readable from where it is read; labels grow, never shrink."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.core.layout.labels import (
    DEFAULT_LABEL_MM,
    GAP_MM,
    LABEL_MIN_PT,
    LEAD_LABEL,
    SECOND_LABEL,
    SHEET_MARGIN_MM,
    LabelContent,
    labels_geometry,
)
from curator.core.layout.style import TextRole
from curator.core.model import CaptionField
from curator.export.text_measure import ReportlabMeasure

LANGUAGES = ("vi", "ru", "en")
SHORT = {
    "vi": {CaptionField.HEADLINE: "Hội đàm TTXVN – TASS", CaptionField.CREDIT: "Ảnh: TTXVN"},
    "ru": {CaptionField.HEADLINE: "Переговоры ВИА и ТАСС", CaptionField.CREDIT: "Фото: ВИА"},
    "en": {CaptionField.HEADLINE: "VNA and TASS hold talks", CaptionField.CREDIT: "Photo: VNA"},
}
LONG_EN = (
    "Visits by senior officials and the regular exchange of reporters have helped strengthen "
    "mutual understanding between Vietnam and Russia in general and between the two news "
    "agencies in particular, General Director Loi said. "
)


@pytest.fixture(scope="module")
def measure() -> ReportlabMeasure:
    return ReportlabMeasure()


def _content(photo_id: str, en_text: str) -> LabelContent:
    captions = {tag: dict(fields) for tag, fields in SHORT.items()}
    captions["en"][CaptionField.CAPTION] = en_text
    return LabelContent(photo_id, f"1.1 · {photo_id}.jpg", captions)


def test_label_styles_never_go_below_12_pt_and_the_lead_is_larger() -> None:
    for style in (LEAD_LABEL, SECOND_LABEL):
        assert min(style.size_pt(role) for role in TextRole) >= LABEL_MIN_PT == 12.0
    assert LEAD_LABEL.body_pt > SECOND_LABEL.body_pt
    assert LEAD_LABEL.headline_pt > SECOND_LABEL.headline_pt


def test_a_label_grows_to_fit_then_overflows_with_how_much(measure: ReportlabMeasure) -> None:
    contents = [
        _content("short", "A short caption."),
        _content("longer", LONG_EN * 4),
        _content("endless", LONG_EN * 30),
    ]
    geometry = labels_geometry(contents, LANGUAGES, measure)
    labels = {label.photo_id: label for label in geometry.labels()}
    width, height = DEFAULT_LABEL_MM
    upright_h = max(geometry.paper_mm)  # a label may grow to the sheet turned upright
    assert labels["short"].fits and labels["short"].grown_mm == 0
    assert labels["short"].rect.height_mm == height
    assert labels["longer"].fits and labels["longer"].grown_mm > 0  # taller, not smaller
    assert labels["endless"].rect.height_mm == pytest.approx(upright_h - 2 * SHEET_MARGIN_MM)
    assert not labels["endless"].fits and labels["endless"].over_mm > 100
    texts = [t for sheet in geometry.sheets for t in sheet.texts if t.photo_id]
    assert texts and min(t.size_pt for t in texts) >= LABEL_MIN_PT  # never shrunk
    # every label on its sheet, none overlapping: rows as tall as their tallest label
    for sheet in geometry.sheets:
        for label in sheet.labels:
            assert label.rect.y_mm >= SHEET_MARGIN_MM - 1e-6
            assert label.rect.bottom_mm <= sheet.height_mm - SHEET_MARGIN_MM + 1e-6
        rects = [label.rect for label in sheet.labels]
        for index, a in enumerate(rects):
            for b in rects[index + 1 :]:
                apart_x = (
                    a.right_mm + GAP_MM <= b.x_mm + 1e-6 or b.right_mm + GAP_MM <= a.x_mm + 1e-6
                )
                apart_y = (
                    a.bottom_mm + GAP_MM <= b.y_mm + 1e-6 or b.bottom_mm + GAP_MM <= a.y_mm + 1e-6
                )
                assert apart_x or apart_y
        assert sheet.cuts_y == tuple(sorted(sheet.cuts_y))
        for label in sheet.labels:  # every label within its own sheet's width too
            assert label.rect.right_mm <= sheet.width_mm - SHEET_MARGIN_MM + 1e-6
    # the short label keeps the sheet that holds the most; the tall ones a sheet upright
    by_photo = {label.photo_id: sheet for sheet in geometry.sheets for label in sheet.labels}
    assert by_photo["short"].width_mm > by_photo["short"].height_mm
    assert by_photo["endless"].height_mm > by_photo["endless"].width_mm
    assert [label.photo_id for label in geometry.labels()] == ["short", "longer", "endless"]
    assert width == 130.0


def test_demo_panels_set_every_language_at_18_pt_or_more_the_lead_larger(
    tmp_path: Path, measure: ReportlabMeasure
) -> None:
    from curator.core.checks.preflight import check
    from curator.core.editing.layout_service import auto_layout, section_geometry
    from curator.core.layout.style import PANEL_MIN_PT, Product
    from curator.core.services import ProjectService
    from curator.demo import write_demo

    path, _created = write_demo(tmp_path)
    with ProjectService.open(path) as service:
        auto_layout(service, measure=measure, backup=False)
        lead = service.project.languages()[0]
        sizes: dict[str, dict[CaptionField, set[float]]] = {}
        for section in service.exhibition.sections():
            for panel in section_geometry(service, section.id, measure):
                for slot in panel.slots:
                    for block in slot.captions:
                        assert block.fits, (slot.photo_id, block.language)
                        for line in block.lines:
                            found = sizes.setdefault(block.language, {})
                            found.setdefault(line.field, set()).add(line.size_pt)
        findings = check(service, Product.PANELS, measure) + check(service, Product.LABELS, measure)
    assert set(sizes) == set(LANGUAGES)
    for language, fields in sizes.items():
        assert min(min(found) for found in fields.values()) >= PANEL_MIN_PT == 18.0, language
        if language != lead:
            assert max(fields[CaptionField.CAPTION]) < min(sizes[lead][CaptionField.CAPTION])
    overflow = [f for f in findings if "overflow" in f.code]
    assert not overflow
