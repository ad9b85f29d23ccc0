"""Operations: the rules checked once, one transaction, a change set saying what changed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from curator.core.checks.readiness import after_caption_changes, readiness
from curator.core.editing import layout_service, sections
from curator.core.editing.shortlist import set_marks
from curator.core.errors import NotFoundError, ReadOnlyProjectError, UsageError
from curator.core.model import CaptionField, CaptionStatus, Photo, PhotoFlag
from curator.core.operations import (
    CaptionEdit,
    CaptionValue,
    ChangeSet,
    RestoreCaptions,
    RestoreSettings,
)
from curator.core.services import ProjectService


def _photos(service: ProjectService, count: int) -> list[str]:
    with service.store.transaction():
        return [
            service.photos.add(
                Photo(id="", path=Path(f"/p/{i}.jpg"), sha256=f"h{i}", width=30, height=20)
            ).id
            for i in range(count)
        ]


def _stored(service: ProjectService, photo_id: str, tag: str, field: CaptionField):
    caption = service.queries.caption(photo_id, tag, field)
    return None if caption is None else (caption.text, caption.status)


def test_a_caption_in_a_language_the_project_lacks_is_refused(service: ProjectService) -> None:
    (photo,) = _photos(service, 1)
    with pytest.raises(UsageError) as refused:
        service.set_caption(photo, "de", CaptionField.CAPTION, "Gespräche")
    assert refused.value.message == "“de” is not one of the project's languages (vi, ru, en)."
    with pytest.raises(UsageError):
        service.set_captions([CaptionEdit(photo, "de-DE", CaptionField.HEADLINE, "Gespräche")])
    assert service.queries.captions_of(photo) == []
    # A tag in another spelling of a project language is stored under the project's tag.
    service.set_caption(photo, "EN", CaptionField.CAPTION, "Talks")
    assert _stored(service, photo, "en", CaptionField.CAPTION) == ("Talks", CaptionStatus.DRAFT)


def test_an_unknown_photo_or_section_has_one_message_everywhere(service: ProjectService) -> None:
    (photo,) = _photos(service, 1)
    photo_message = "The project has no photo with id “nope”."
    attempts = [
        lambda: service.set_caption("nope", "vi", CaptionField.CAPTION, "x"),
        lambda: service.set_captions(
            [
                CaptionEdit(photo, "vi", CaptionField.CAPTION, "x"),
                CaptionEdit("nope", "vi", CaptionField.CAPTION, "x"),
            ]
        ),
        lambda: service.operations.captions.set_text(
            [photo, "nope"], "en", CaptionField.PLACE, "x"
        ),
        lambda: service.operations.photos.set_marks([photo, "nope"], rating=3),
        lambda: set_marks(service, ["nope"], flag=PhotoFlag.PICK),
        lambda: sections.add_section(service, {"vi": "A"}, photo_ids=["nope"]),
    ]
    for attempt in attempts:
        with pytest.raises(NotFoundError) as refused:
            attempt()
        assert refused.value.message == photo_message
    # Nothing was written by the refused edits that named a real photo too.
    assert service.queries.captions_of(photo) == []
    assert service.queries.photo(photo).rating is None
    section_message = "The project has no section with id “gone”."
    for attempt in (
        lambda: service.operations.sections.move("gone", 0),
        lambda: sections.set_texts(service, "gone", {"vi": "B"}),
        lambda: layout_service.require_section(service, "gone"),
    ):
        with pytest.raises(NotFoundError) as refused:
            attempt()
        assert refused.value.message == section_message


def test_a_read_only_project_refuses_every_operation(project_path: Path) -> None:
    with ProjectService.open(project_path) as service:
        (photo,) = _photos(service, 1)
        section = service.add_section({"vi": "A"})
        service.add_section({"vi": "B"})
    with ProjectService.open(project_path, read_only=True) as reader:
        for attempt in (
            lambda: reader.operations.captions.set_text([photo], "vi", CaptionField.CAPTION, "x"),
            lambda: reader.operations.captions.set_status(
                [photo], "vi", CaptionField.CAPTION, CaptionStatus.FINAL
            ),
            lambda: reader.operations.photos.set_marks([photo], rating=2),
            lambda: reader.operations.sections.move(section.id, 1),
        ):
            with pytest.raises(ReadOnlyProjectError):
                attempt()
        assert reader.queries.captions_of(photo) == []
        assert reader.queries.section_order()[0] == section.id


def test_a_text_edit_names_each_changed_field_and_undoes_exactly(service: ProjectService) -> None:
    ids = _photos(service, 3)
    service.set_caption(ids[0], "vi", CaptionField.CAPTION, "Hội đàm", CaptionStatus.FINAL)
    service.set_caption(ids[1], "vi", CaptionField.CAPTION, "Ký kết", CaptionStatus.FINAL)
    changes = service.operations.captions.set_text(ids, "vi", CaptionField.CAPTION, "Hội đàm")
    # The photo that already read so keeps its final status and is not named.
    assert [(c.photo_id, c.language, c.field) for c in changes.captions] == [
        (ids[1], "vi", CaptionField.CAPTION),
        (ids[2], "vi", CaptionField.CAPTION),
    ]
    assert changes.captions[0].before == CaptionValue("Ký kết", CaptionStatus.FINAL)
    assert changes.captions[1].before == CaptionValue()
    assert {c.after for c in changes.captions} == {CaptionValue("Hội đàm", CaptionStatus.DRAFT)}
    assert not changes.marks and not changes.sections and not changes.section_order
    assert _stored(service, ids[0], "vi", CaptionField.CAPTION) == ("Hội đàm", CaptionStatus.FINAL)
    with pytest.raises(dataclasses.FrozenInstanceError):
        changes.captions = ()  # type: ignore[misc]
    assert isinstance(changes.undo, RestoreCaptions)
    undone = service.operations.undo(changes.undo)
    assert _stored(service, ids[1], "vi", CaptionField.CAPTION) == ("Ký kết", CaptionStatus.FINAL)
    assert _stored(service, ids[2], "vi", CaptionField.CAPTION) in {None, ("", CaptionStatus.EMPTY)}
    assert undone.undo is not None
    service.operations.undo(undone.undo)  # redo
    assert _stored(service, ids[1], "vi", CaptionField.CAPTION) == ("Hội đàm", CaptionStatus.DRAFT)
    # Writing what is there changes nothing and leaves nothing to undo.
    same = service.operations.captions.set_text(ids, "vi", CaptionField.CAPTION, "Hội đàm")
    assert same == ChangeSet() and same.empty and same.undo is None


def test_marks_and_a_section_move_return_their_change_sets(service: ProjectService) -> None:
    ids = _photos(service, 4)
    set_marks(service, ids[:1], rating=5)
    changes = service.operations.photos.set_marks(ids, rating=5)
    assert changes.photos == frozenset(ids[1:])
    assert [c.before for c in changes.marks] == [(None, None)] * 3
    assert changes.undo is not None
    service.operations.undo(changes.undo)
    assert [service.queries.photo(pid).rating for pid in ids] == [5, None, None, None]
    first, second, third = (service.add_section({"vi": name}) for name in "ABC")
    moved = service.operations.sections.move(first.id, 2)
    assert moved.section_order and moved.sections == frozenset({first.id})
    assert service.queries.section_order() == [second.id, third.id, first.id]
    assert moved.undo is not None
    back = service.operations.undo(moved.undo)
    assert service.queries.section_order() == [first.id, second.id, third.id]
    assert back.undo is not None and back.section_order
    assert service.operations.sections.move(first.id, 0) == ChangeSet()  # already there


def test_readiness_follows_change_sets_as_a_recount_would(service: ProjectService) -> None:
    ids = _photos(service, 6)
    talks = service.add_section({"vi": "Hội đàm"}, ids[:2])
    service.add_section({"vi": "Ký kết"}, ids[2:4])  # ids 4 and 5 are in no section
    service.set_caption(ids[0], "ru", CaptionField.CAPTION, "Переговоры", CaptionStatus.FINAL)
    report = readiness(service)
    section_of = service.queries.section_map()
    captions = service.operations.captions
    edits = [
        lambda: captions.set_text(ids, "vi", CaptionField.HEADLINE, "Hội đàm"),
        lambda: captions.set_status(
            [ids[0], ids[3], ids[5]], "vi", CaptionField.HEADLINE, CaptionStatus.FINAL
        ),
        lambda: captions.set_text([ids[0], ids[4]], "ru", CaptionField.CAPTION, ""),
        lambda: captions.move_language(ids[1], CaptionField.HEADLINE, "vi", "en")[2],
    ]
    for edit in edits:
        changes = edit()
        assert changes.captions
        report = after_caption_changes(report, changes.captions, section_of)
        assert report == readiness(service)
    assert report.sections[0].section_id == talks.id
    assert report.unplaced is not None and report.unplaced.photos == 2


def test_settings_are_checked_against_their_bounds_and_undone_from_the_change_set(
    service: ProjectService,
) -> None:
    settings = service.operations.settings
    with pytest.raises(UsageError) as refused:
        settings.change({"catalogue.bleed_mm": 30.0, "delivery.long_edge": 1000})
    assert "more than the largest allowed, 20 mm" in refused.value.message
    assert service.operations.settings.change({}) == ChangeSet(undo=RestoreSettings(()))
    changes = settings.change({"catalogue.bleed_mm": 0.0, "delivery.long_edge": 1000})
    assert changes.settings == frozenset({"catalogue.bleed_mm", "delivery.long_edge"})
    assert not changes.regenerated and not changes.captions
    assert service.project.catalogue_settings().bleed_mm == 0.0
    assert changes.undo is not None
    back = service.operations.undo(changes.undo)
    assert service.project.catalogue_settings().bleed_mm != 0.0
    assert back.undo == RestoreSettings((("catalogue.bleed_mm", 0.0), ("delivery.long_edge", 1000)))
    credits = settings.change({"credits.en.photo": "Photo: {photographer}"})
    assert credits.regenerated


def test_a_page_template_is_one_edit_whose_undo_gives_the_old_one(
    service: ProjectService,
) -> None:
    from curator.core.layout.catalogue_model import PageChoice

    (photo,) = _photos(service, 1)
    catalogue = service.operations.catalogue
    changes = catalogue.set_page_choice(photo, PageChoice.SPREAD)
    assert changes.catalogue and changes.photos == {photo}
    assert catalogue.page_choice(photo) is PageChoice.SPREAD
    assert catalogue.set_page_choice(photo, PageChoice.SPREAD).empty
    assert changes.undo is not None
    redo = service.operations.undo(changes.undo)
    assert catalogue.page_choice(photo) is PageChoice.AUTO
    assert redo.undo is not None
    service.operations.undo(redo.undo)
    assert catalogue.page_choice(photo) is PageChoice.SPREAD
    with pytest.raises(NotFoundError):
        catalogue.set_page_choice("nope", PageChoice.SINGLE)


def test_delivery_options_are_remembered_naming_the_settings_that_changed(
    service: ProjectService,
) -> None:
    from curator.core.delivery_planning.settings import stored_options

    options = dataclasses.replace(stored_options(service), naming="{n:03}-{file}", long_edge=2000)
    changes = service.operations.settings.remember_delivery(options)
    assert {"delivery.naming", "delivery.long_edge"} <= changes.settings
    assert changes.undo is None
    assert stored_options(service) == options
    again = service.operations.settings.remember_delivery(options)
    assert again.empty


def test_auto_layout_is_one_edit_whose_undo_takes_its_panels_away(
    service: ProjectService,
) -> None:
    photos = _photos(service, 3)
    section, _before = sections.add_section(service, {"vi": "A"}, photo_ids=photos)
    panels = service.operations.panels
    panel_ids, changes = panels.auto_layout(None, (1000.0, 1500.0), backup=False)
    assert panel_ids and changes.panels >= set(panel_ids)
    assert changes.sections == {section.id} and changes.photos == set(photos)
    assert [p.id for p in service.exhibition.panels(section.id)] == panel_ids
    assert changes.undo is not None
    service.operations.undo(changes.undo)
    assert service.exhibition.panels(section.id) == []
    with pytest.raises(UsageError):
        panels.auto_layout(section.id, (30.0, 30.0), backup=False)
