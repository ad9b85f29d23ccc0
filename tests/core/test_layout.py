"""Pure layout geometry: fitting, resolution caps, templates, line breaking, budgets."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from curator.core.layout import (
    MM_PER_POINT,
    PANEL_STYLE,
    TEMPLATES,
    PhotoInfo,
    Rect,
    break_lines,
    caption_block,
    content_box,
    effective_ppi,
    fit_aspect,
    frame_rects,
    panel_geometry,
    plan_section,
)
from curator.core.model import CaptionField, Panel, Photo, Slot


class MonoMeasure:
    """Monospaced metrics (half an em a character); characters above U+2FFF are missing."""

    def width_mm(self, text: str, font: str, size_pt: float) -> float:
        return len(text) * 0.5 * size_pt * MM_PER_POINT

    def line_height_mm(self, font: str, size_pt: float) -> float:
        return 1.2 * size_pt * MM_PER_POINT

    def ascent_mm(self, font: str, size_pt: float) -> float:
        return 0.9 * size_pt * MM_PER_POINT

    def missing_characters(self, text: str, font: str) -> str:
        return "".join(dict.fromkeys(c for c in text if ord(c) > 0x2FFF))


LANGS = ("vi", "ru", "en")
LANDSCAPE = (6000, 4000)
PORTRAIT = (4000, 6000)


def photos(*sizes: tuple[int, int]) -> list[PhotoInfo]:
    return [PhotoInfo(f"p{i}", w, h) for i, (w, h) in enumerate(sizes)]


def test_fit_aspect_keeps_aspect_and_centres() -> None:
    box = Rect(10, 20, 300, 100)
    fitted = fit_aspect(box, 1.5)
    assert fitted.height_mm == pytest.approx(100)
    assert fitted.width_mm / fitted.height_mm == pytest.approx(1.5)
    assert box.contains(fitted)
    assert fitted.x_mm - box.x_mm == pytest.approx(box.right_mm - fitted.right_mm)


def test_effective_ppi_is_pixels_per_inch() -> None:
    assert effective_ppi(1000, 500, Rect(0, 0, 254, 127)) == pytest.approx(100)
    assert effective_ppi(1000, 500, Rect(0, 0, 0, 0)) == 0


def test_plan_keeps_aspect_and_stays_inside_frames_and_margins() -> None:
    plans = plan_section(photos(LANDSCAPE, PORTRAIT, PORTRAIT, LANDSCAPE), languages=LANGS)
    for plan in plans:
        content = content_box(plan.width_mm, plan.height_mm, plan.margin_mm)
        for slot in plan.slots:
            assert slot.frame.contains(slot.image)
            assert content.contains(slot.frame)
            source = 1.5 if slot.photo_id in {"p0", "p3"} else 2 / 3
            assert slot.image.width_mm / slot.image.height_mm == pytest.approx(source)


def test_frames_do_not_overlap() -> None:
    content = content_box(1000, 1500, 20)
    for template in TEMPLATES.values():
        frames = frame_rects(template, content)
        for i, a in enumerate(frames):
            for b in frames[i + 1 :]:
                apart = a.right_mm <= b.x_mm or b.right_mm <= a.x_mm
                apart = apart or a.bottom_mm <= b.y_mm or b.bottom_mm <= a.y_mm
                assert apart, template.name


def test_low_resolution_photo_is_not_enlarged_past_min_ppi() -> None:
    (plan,) = plan_section(photos((1200, 800)), languages=LANGS, min_ppi=100)
    slot = plan.slots[0]
    assert slot.effective_ppi == pytest.approx(100)
    assert slot.image.width_mm == pytest.approx(1200 / 100 * 25.4)
    assert slot.image.width_mm < slot.frame.width_mm
    # Still centred across its frame.
    assert slot.image.x_mm - slot.frame.x_mm == pytest.approx(
        slot.frame.right_mm - slot.image.right_mm
    )


def test_high_resolution_photo_fills_its_frame() -> None:
    (plan,) = plan_section(photos((12000, 8000)), languages=LANGS, min_ppi=100)
    slot = plan.slots[0]
    assert slot.effective_ppi > 100
    assert slot.image.width_mm == pytest.approx(slot.frame.width_mm)


@pytest.mark.parametrize(
    ("sizes", "template"),
    [
        ((LANDSCAPE, LANDSCAPE), "two-stacked"),
        ((PORTRAIT, PORTRAIT, PORTRAIT, PORTRAIT), "grid-4"),
        ((LANDSCAPE, PORTRAIT, PORTRAIT), "hero-plus-two"),
        ((PORTRAIT,), "hero"),
    ],
)
def test_template_follows_orientation(sizes: tuple[tuple[int, int], ...], template: str) -> None:
    plans = plan_section(photos(*sizes), languages=LANGS)
    assert plans[0].template == template


def test_portraits_on_a_landscape_panel_sit_side_by_side() -> None:
    plans = plan_section(photos(PORTRAIT, PORTRAIT), panel_size_mm=(1500, 1000), languages=LANGS)
    assert plans[0].template in {"two-side-by-side", "three-side-by-side"}


def test_seven_photos_fill_several_panels_in_visit_order() -> None:
    sizes = [LANDSCAPE if i % 3 else PORTRAIT for i in range(7)]
    plans = plan_section(photos(*sizes), languages=LANGS)
    assert len(plans) >= 2
    placed = [slot.photo_id for plan in plans for slot in plan.slots]
    assert placed == [f"p{i}" for i in range(7)]


def test_fixed_template_is_used_on_every_panel() -> None:
    plans = plan_section(photos(*[LANDSCAPE] * 5), languages=LANGS, template="grid-4")
    assert [p.template for p in plans] == ["grid-4", "grid-4"]
    assert [len(p.slots) for p in plans] == [4, 1]
    with pytest.raises(KeyError):
        plan_section(photos(LANDSCAPE), template="nonsense")


def test_no_photos_no_panels() -> None:
    assert plan_section([], languages=LANGS) == []


def test_break_lines_fits_width_and_splits_long_words() -> None:
    measure = MonoMeasure()
    char = measure.width_mm("x", "f", 10)
    text = "Đoàn đại biểu Hãng Thông tấn " + "x" * 25 + " dẫn đầu."
    lines = break_lines(text, 10 * char, "f", 10, measure)
    assert all(measure.width_mm(line, "f", 10) <= 10 * char + 1e-9 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert "xxxxxxxxxx" in lines


def test_break_lines_keeps_no_break_spaces_and_newlines() -> None:
    measure = MonoMeasure()
    char = measure.width_mm("x", "f", 10)
    assert break_lines("24\u00a0февраля 2026", 11 * char, "f", 10, measure) == [
        "24\u00a0февраля",
        "2026",
    ]
    assert break_lines("a\nb", 50 * char, "f", 10, measure) == ["a", "b"]
    assert break_lines("   ", 10, "f", 10, measure) == []


def test_break_lines_normalises_to_nfc() -> None:
    measure = MonoMeasure()
    decomposed = "Vie\u0323\u0302t"
    assert break_lines(decomposed, 100, "f", 10, measure) == ["Việt"]


FIELDS = {
    CaptionField.HEADLINE: "TTXVN và TASS hội đàm",
    CaptionField.CAPTION: "Tổng Giám đốc TTXVN và đoàn đại biểu hội đàm với đoàn TASS. " * 3,
    CaptionField.PLACE: "Hà Nội",
    CaptionField.DATE: "24/2/2026",
    CaptionField.CREDIT: "Ảnh: Tuấn Anh/TTXVN",
}


def test_caption_block_fits_and_overflows() -> None:
    measure = MonoMeasure()
    roomy = caption_block("vi", Rect(0, 0, 400, 300), FIELDS, PANEL_STYLE, measure)
    assert roomy.fits and roomy.lines
    assert roomy.lines[0].field is CaptionField.HEADLINE
    assert roomy.lines[0].font == PANEL_STYLE.headline_font
    assert all(line.baseline_mm <= 300 for line in roomy.lines)
    tight = caption_block("vi", Rect(0, 0, 400, 40), FIELDS, PANEL_STYLE, measure)
    assert not tight.fits
    assert any(line.overflows for line in tight.lines)
    assert [line.text for line in tight.lines] == [line.text for line in roomy.lines]


def test_budget_grows_with_room_and_ignores_current_text() -> None:
    measure = MonoMeasure()
    small = caption_block("ru", Rect(0, 0, 300, 120), FIELDS, PANEL_STYLE, measure)
    large = caption_block("ru", Rect(0, 0, 300, 240), FIELDS, PANEL_STYLE, measure)
    assert 0 < small.budget_chars < large.budget_chars
    other = dict(FIELDS, **{CaptionField.CAPTION: "ngắn"})
    same = caption_block("ru", Rect(0, 0, 300, 120), other, PANEL_STYLE, measure)
    assert same.budget_chars == small.budget_chars
    # One line of text per ~ (width / char width) characters.
    per_line = 300 / measure.width_mm("x", "f", PANEL_STYLE.body_pt)
    assert small.budget_chars <= math.ceil(per_line) * 20


def test_caption_block_reports_missing_characters() -> None:
    block = caption_block(
        "en", Rect(0, 0, 300, 200), {CaptionField.CAPTION: "Hello 中文"}, PANEL_STYLE, MonoMeasure()
    )
    assert block.missing == "中文"


def _stored(plan_template: str | None) -> tuple[Panel, list[Slot], dict[str, Photo]]:
    (plan,) = plan_section(photos(LANDSCAPE, LANDSCAPE), languages=LANGS)
    panel = Panel("n1", "s1", 0, plan.width_mm, plan.height_mm, plan.margin_mm, plan_template)
    slots = [
        Slot(f"t{i}", "n1", i, s.photo_id, s.image.x_mm, s.image.y_mm, s.image.width_mm,
             s.image.height_mm)
        for i, s in enumerate(plan.slots)
    ]  # fmt: skip
    stored = {s.photo_id: Photo(s.photo_id, Path("/x"), "0", *LANDSCAPE) for s in plan.slots}
    return panel, slots, stored


@pytest.mark.parametrize("template", ["two-stacked", None])
def test_panel_geometry_places_captions_under_each_photo(template: str | None) -> None:
    panel, slots, stored = _stored(template)
    captions = {pid: {lang: FIELDS for lang in LANGS} for pid in stored}
    geometry = panel_geometry(panel, slots, stored, captions, LANGS, PANEL_STYLE, MonoMeasure())
    assert [s.slot_id for s in geometry.slots] == ["t0", "t1"]
    for slot in geometry.slots:
        assert geometry.content.contains(slot.frame)
        assert slot.frame.contains(slot.image)
        assert [block.language for block in slot.captions] == list(LANGS)
        for block in slot.captions:
            assert block.rect.y_mm >= slot.image.bottom_mm
            assert slot.frame.contains(block.rect)
        assert slot.effective_ppi == pytest.approx(effective_ppi(*LANDSCAPE, slot.image), rel=1e-6)
    top, bottom = geometry.slots
    assert top.frame.bottom_mm <= bottom.image.y_mm


def _geometry_of(plan, infos, measure, title=None):
    from curator.core.layout import panel_geometry

    panel = Panel("n1", "s1", 0, plan.width_mm, plan.height_mm, plan.margin_mm, plan.template)
    slots = [
        Slot(f"t{i}", "n1", i, s.photo_id, s.image.x_mm, s.image.y_mm, s.image.width_mm,
             s.image.height_mm)
        for i, s in enumerate(plan.slots)
    ]  # fmt: skip
    stored = {i.id: Photo(i.id, Path("/x"), "0", i.pixel_width, i.pixel_height) for i in infos}
    captions = {i.id: i.captions for i in infos}
    return panel_geometry(panel, slots, stored, captions, LANGS, PANEL_STYLE, measure, title)


def test_planner_leaves_room_for_the_real_captions_measured() -> None:
    long_text = {CaptionField.HEADLINE: "Tiêu đề", CaptionField.CAPTION: "chữ " * 400}
    texts = {lang: long_text for lang in LANGS}
    measure = MonoMeasure()
    infos = [PhotoInfo(f"p{i}", *LANDSCAPE, texts) for i in range(2)]
    plans = plan_section(infos, panel_size_mm=(594, 841), languages=LANGS, measure=measure)
    for plan in plans:
        geometry = _geometry_of(plan, infos, measure)
        assert all(block.fits for slot in geometry.slots for block in slot.captions)
    # Without the texts the planner reserves a typical caption, and these would overflow.
    blind = [PhotoInfo(i.id, i.pixel_width, i.pixel_height) for i in infos]
    (plan, *_rest) = plan_section(blind, panel_size_mm=(594, 841), languages=LANGS)
    geometry = _geometry_of(plan, infos, measure)
    assert not all(block.fits for slot in geometry.slots for block in slot.captions)


def test_first_panel_carries_the_section_title_above_its_photos() -> None:
    from curator.core.layout import title_band_mm

    measure = MonoMeasure()
    infos = photos(LANDSCAPE, LANDSCAPE)
    band = title_band_mm(len(LANGS), PANEL_STYLE)
    (plan,) = plan_section(infos, languages=LANGS, measure=measure, title_band_mm=band)
    title = {"vi": "Hội đàm", "ru": "Переговоры", "en": "Talks"}
    geometry = _geometry_of(plan, infos, measure, title)
    assert [block.lines[0].text for block in geometry.titles] == ["Hội đàm", "Переговоры", "Talks"]
    titles_bottom = max(block.rect.bottom_mm for block in geometry.titles)
    assert titles_bottom <= geometry.content.y_mm + band
    for slot in geometry.slots:
        assert slot.frame.y_mm >= geometry.content.y_mm + band - 1e-6
        assert slot.frame.contains(slot.image)  # the stored slots are the template's, below it
    # A title too long for the line is marked as overflowing, as captions are.
    long = _geometry_of(plan, infos, measure, {"en": "Talks " * 80})
    (english,) = [block for block in long.titles if block.language == "en"]
    assert not english.fits and english.lines[-1].overflows
