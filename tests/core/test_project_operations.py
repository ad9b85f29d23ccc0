"""The project's title, caption templates and previewed rewrites as operations with undo."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.core.editing import caption_batch
from curator.core.errors import NotFoundError, UsageError
from curator.core.language.glossary_import import GlossaryDraft
from curator.core.model import CaptionField, GlossaryKind, Photo
from curator.core.operations import RestoreCaptionTemplate, RestoreTitle
from curator.core.operations.credits import CreditDraft
from curator.core.services import ProjectService


def _photo(service: ProjectService) -> str:
    with service.store.transaction():
        photo = Photo(id="", path=Path("/p/a.jpg"), sha256="a" * 9, width=3, height=2)
        return service.photos.add(photo).id


def test_a_new_title_is_an_edit_undone_and_redone(service: ProjectService) -> None:
    before = service.queries.project().title
    changes = service.operations.project.set_title("  Hà Nội – Moskva ")
    assert changes.title and changes.undo == RestoreTitle(before)
    assert service.queries.project().title == "Hà Nội – Moskva"
    back = service.operations.undo(changes.undo)
    assert service.queries.project().title == before
    assert back.undo is not None
    service.operations.undo(back.undo)
    assert service.queries.project().title == "Hà Nội – Moskva"
    assert service.operations.project.set_title("Hà Nội – Moskva").empty  # nothing to undo
    with pytest.raises(UsageError, match="needs a title"):
        service.operations.project.set_title("  ")
    assert service.queries.project().title == "Hà Nội – Moskva"


def test_saving_a_template_is_undone_to_what_it_was(service: ProjectService) -> None:
    templates = service.operations.templates
    _stored, made = templates.set_fields("Phố", [("vi", CaptionField.PLACE, "{place}")])
    assert made.settings == {"caption_templates"}
    assert made.undo == RestoreCaptionTemplate("Phố", None)
    _stored, changed = templates.set_fields(
        "Phố", [("vi", CaptionField.PLACE, "{place}, {date}"), ("en", CaptionField.CREDIT, "VNA")]
    )
    templates.set_fields("Sông", [("ru", CaptionField.HEADLINE, "Река")])
    assert changed.undo is not None
    service.operations.undo(changed.undo)  # only "Phố" goes back; "Sông" stays
    assert caption_batch.templates(service) == {
        "Phố": {"vi": {"place": "{place}"}},
        "Sông": {"ru": {"headline": "Река"}},
    }
    assert made.undo is not None
    service.operations.undo(made.undo)  # the template did not exist before
    assert caption_batch.templates(service) == {"Sông": {"ru": {"headline": "Река"}}}


def test_deleting_a_template_is_undone_and_redone(service: ProjectService) -> None:
    templates = service.operations.templates
    fields = [("vi", CaptionField.PLACE, "{place}"), ("ru", CaptionField.DATE, "{date}")]
    templates.set_fields("Phố", fields)
    kept = caption_batch.templates(service)
    left, deleted = templates.delete("Phố")
    assert left == {} and caption_batch.templates(service) == {}
    assert deleted.undo is not None
    restored = service.operations.undo(deleted.undo)
    assert caption_batch.templates(service) == kept
    assert restored.undo == RestoreCaptionTemplate("Phố", None)
    service.operations.undo(restored.undo)  # redo: deleted again
    assert caption_batch.templates(service) == {}
    with pytest.raises(UsageError, match="no caption template named “Phố”"):
        templates.delete("Phố")


def test_a_rewrite_is_refused_whole_when_a_field_changed_since_the_preview(
    service: ProjectService,
) -> None:
    photo = _photo(service)
    service.set_caption(photo, "vi", CaptionField.HEADLINE, "Ha Noi")
    service.set_caption(photo, "vi", CaptionField.CAPTION, "Pho co Ha Noi")
    preview = caption_batch.preview_replace(service, "vi", "Ha Noi", "Hà Nội")
    assert len(preview) == 2
    service.set_caption(photo, "vi", CaptionField.CAPTION, "Pho co Ha Noi ve dem")  # meanwhile
    with pytest.raises(UsageError, match="changed since the preview"):
        service.operations.captions.rewrite(preview)
    # Nothing written: the headline, still as previewed, is not replaced either.
    assert service.queries.caption(photo, "vi", CaptionField.HEADLINE).text == "Ha Noi"
    fresh = caption_batch.preview_replace(service, "vi", "Ha Noi", "Hà Nội")
    changes = service.operations.captions.rewrite(fresh)
    assert changes.caption_photo_ids() == [photo] and len(changes.captions) == 2
    assert service.queries.caption(photo, "vi", CaptionField.CAPTION).text == (
        "Pho co Hà Nội ve dem"
    )
    assert changes.undo is not None
    service.operations.undo(changes.undo)
    assert service.queries.caption(photo, "vi", CaptionField.HEADLINE).text == "Ha Noi"


def test_a_credit_added_reaches_the_credit_line_in_the_same_write(service: ProjectService) -> None:
    photo = _photo(service)
    credit = CreditDraft(photo, {"vi": "Tuấn Anh", "en": "Tuan Anh"}, {"vi": "TTXVN", "en": "VNA"})
    with pytest.raises(UsageError, match="“de” is not one of the project's languages"):
        service.operations.credits.add([CreditDraft(photo, {"de": "Tuan Anh"})])
    with pytest.raises(NotFoundError, match="no photo with id “nope”"):
        service.operations.credits.add([credit, CreditDraft("nope", {"vi": "Thu Hà"})])
    assert service.queries.credits(photo) == []  # refused whole
    changes = service.operations.credits.add([credit])
    assert changes.photos == {photo} and changes.regenerated
    assert [c.photographer["en"] for c in service.queries.credits(photo)] == ["Tuan Anh"]
    line = service.queries.caption(photo, "en", CaptionField.CREDIT)
    assert line is not None and "Tuan Anh" in line.text
    assert changes.touches_field(CaptionField.CREDIT)


def test_glossary_entries_are_added_whole_or_not_at_all(service: ProjectService) -> None:
    hanoi = GlossaryDraft(GlossaryKind.PLACE, {"vi": "Hà Nội", "ru": "Ханой"}, code="hn")
    moscow = GlossaryDraft(GlossaryKind.PLACE, {"vi": "Moskva", "ru": "Москва"}, code="hn")
    with pytest.raises(UsageError, match="already has an entry with code “hn”"):
        service.operations.records.add_glossary_entries([hanoi, moscow])
    with pytest.raises(UsageError, match="“fr” is not one of the project's languages"):
        service.operations.records.add_glossary_entries(
            [GlossaryDraft(GlossaryKind.PLACE, {"fr": "Moscou"})]
        )
    assert service.queries.glossary() == []
    changes = service.operations.records.add_glossary_entries([hanoi])
    entry = service.queries.glossary_entry("hn")
    assert entry is not None and entry.terms["ru"] == "Ханой"
    assert changes.glossary == {entry.id}
