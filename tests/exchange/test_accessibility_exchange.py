"""Alt text and extended description in translators' files, with their own budgets."""

from __future__ import annotations

from pathlib import Path

from curator.core.model import ALT_TEXT_GUIDE, CaptionField, CaptionStatus
from curator.core.services import CaptionEdit, ProjectService
from curator.core.translators.caption_exchange import (
    GUIDE_NOTE,
    LENGTH_NOTE,
    ExportScope,
    build_export,
)
from curator.core.translators.exchange_apply import apply_plan
from curator.core.translators.exchange_plan import PlanAction, plan_import
from curator.exchange.captions import FORMATS, SUFFIXES, read_caption_file, write_caption_file
from curator.i18n import translations_for

ALT_VI = "Hai người đàn ông bắt tay trước cờ Việt Nam và cờ Nga."
ALT_RU = "Двое мужчин пожимают руки на фоне флагов Вьетнама и России."
DESCRIPTION_VI = "Phòng họp sáng, bàn dài phủ hoa; phía sau là băng rôn xanh."


def _with_alt(service: ProjectService, photo_id: str) -> None:
    service.set_captions(
        [
            CaptionEdit(photo_id, "vi", CaptionField.ALT, ALT_VI, CaptionStatus.FINAL),
            CaptionEdit(
                photo_id, "vi", CaptionField.DESCRIPTION, DESCRIPTION_VI, CaptionStatus.FINAL
            ),
        ]
    )


def test_alt_text_units_carry_the_guide_as_budget_in_every_format(captioned, tmp_path: Path):
    service, ids = captioned
    _with_alt(service, ids[0])
    document = build_export(service, ExportScope("ru"), {(ids[0], CaptionField.CAPTION): 90})
    units = {unit.field: unit for unit in document.units if unit.photo_id == ids[0]}
    assert units[CaptionField.ALT].source == ALT_VI
    assert units[CaptionField.ALT].budget_chars == ALT_TEXT_GUIDE
    assert units[CaptionField.DESCRIPTION].budget_chars == 2000
    assert units[CaptionField.CAPTION].budget_chars == 90  # the layout's, as before
    # The translator is told why, in the file's language: a guide for screen readers, not room
    # in the layout.
    russian = translations_for("ru")[1].gettext
    alt_notes = [note.text for note in units[CaptionField.ALT].notes]
    assert russian(GUIDE_NOTE) % {"count": ALT_TEXT_GUIDE} in alt_notes
    assert russian(LENGTH_NOTE) % {"count": ALT_TEXT_GUIDE} not in alt_notes
    assert russian(GUIDE_NOTE) != GUIDE_NOTE  # the note is in Russian, as the file is
    for fmt in FORMATS:
        path = tmp_path / f"ru{SUFFIXES[fmt]}"
        write_caption_file(path, document, fmt)
        text = path.read_bytes()
        if fmt == "xliff12":
            assert b'maxwidth="250"' in text and b'maxwidth="2000"' in text
        if fmt == "xliff20":
            assert b'slr:sizeRestriction="250"' in text
        back = {entry.key for entry in read_caption_file(path).entries}
        assert f"{ids[0]}|alt" in back and f"{ids[0]}|description" in back, fmt


def test_a_translated_alt_text_comes_back_through_po(captioned, tmp_path: Path) -> None:
    import polib

    service, ids = captioned
    _with_alt(service, ids[0])
    path = tmp_path / "ru.po"
    write_caption_file(path, build_export(service, ExportScope("ru"), {}), "po")
    catalog = polib.pofile(str(path))
    (entry,) = [e for e in catalog if e.msgctxt == f"{ids[0]}|alt"]
    assert entry.msgid == ALT_VI
    entry.msgstr = ALT_RU
    catalog.save(str(path))
    plan = plan_import(service, read_caption_file(path), path)
    actions = {e.key: e.action for e in plan.entries}
    assert actions[f"{ids[0]}|alt"] is PlanAction.NEW
    apply_plan(service, plan)
    stored = service.captions.get(ids[0], "ru", CaptionField.ALT)
    assert stored is not None and stored.text == ALT_RU
    assert service.captions.get(ids[0], "ru", CaptionField.DESCRIPTION) is None
