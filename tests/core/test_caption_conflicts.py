"""Optimistic concurrency per caption field: a stale write is refused with the other text."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.core.errors import CaptionConflictError
from curator.core.model import CaptionField, CaptionStatus, Photo
from curator.core.operations import CaptionEdit
from curator.core.services import ProjectService


def _photo(service: ProjectService) -> str:
    with service.store.transaction():
        return service.photos.add(
            Photo(id="", path=Path("/p/a.jpg"), sha256="h1", width=30, height=20)
        ).id


def _revision(service: ProjectService, photo: str, tag: str, field: CaptionField) -> int:
    caption = service.queries.caption(photo, tag, field)
    return 0 if caption is None else caption.revision


def _text(service: ProjectService, photo: str, tag: str, field: CaptionField) -> str:
    caption = service.queries.caption(photo, tag, field)
    return "" if caption is None else caption.text


def test_a_write_over_a_field_changed_since_it_was_read_is_refused(service: ProjectService):
    photo = _photo(service)
    captions = service.operations.captions
    read = _revision(service, photo, "vi", CaptionField.CAPTION)
    assert read == 0
    # Someone else writes the field after it was read ...
    captions.set_text([photo], "vi", CaptionField.CAPTION, "Hội đàm", {photo: read})
    # ... so the edit typed over what was read is not applied.
    with pytest.raises(CaptionConflictError) as refused:
        captions.set_text([photo], "vi", CaptionField.CAPTION, "Ký kết", {photo: read})
    conflict = refused.value
    assert (conflict.theirs, conflict.mine) == ("Hội đàm", "Ký kết")
    assert conflict.theirs_revision == _revision(service, photo, "vi", CaptionField.CAPTION)
    assert (conflict.photo_id, conflict.language, conflict.field) == (photo, "vi", "caption")
    assert conflict.exit_code == 3
    assert _text(service, photo, "vi", CaptionField.CAPTION) == "Hội đàm"
    # Typed over the current revision (the person chose "keep mine"), it is written.
    captions.set_text(
        [photo], "vi", CaptionField.CAPTION, "Ký kết", {photo: conflict.theirs_revision}
    )
    assert _text(service, photo, "vi", CaptionField.CAPTION) == "Ký kết"


def test_edits_of_different_fields_or_languages_never_refuse_each_other(service: ProjectService):
    photo = _photo(service)
    captions = service.operations.captions
    caption, headline = CaptionField.CAPTION, CaptionField.HEADLINE
    keys = [("vi", caption), ("ru", caption), ("vi", headline)]
    read = {key: _revision(service, photo, *key) for key in keys}
    captions.set_text(
        [photo], "vi", CaptionField.CAPTION, "Hội đàm", {photo: read["vi", CaptionField.CAPTION]}
    )
    captions.set_text(
        [photo], "ru", CaptionField.CAPTION, "Переговоры", {photo: read["ru", CaptionField.CAPTION]}
    )
    captions.set_status(
        [photo],
        "vi",
        CaptionField.HEADLINE,
        CaptionStatus.FINAL,
        {photo: read["vi", CaptionField.HEADLINE]},
    )
    assert _text(service, photo, "vi", CaptionField.CAPTION) == "Hội đàm"
    assert _text(service, photo, "ru", CaptionField.CAPTION) == "Переговоры"
    assert service.queries.caption(photo, "vi", CaptionField.HEADLINE).status == CaptionStatus.FINAL


def test_a_refused_operation_writes_none_of_its_fields(service: ProjectService):
    photo = _photo(service)
    captions = service.operations.captions
    captions.set([CaptionEdit(photo, "ru", CaptionField.CAPTION, "Переговоры")])
    with pytest.raises(CaptionConflictError):
        captions.set(
            [
                CaptionEdit(photo, "vi", CaptionField.CAPTION, "Hội đàm", revision=0),
                CaptionEdit(photo, "ru", CaptionField.CAPTION, "Встреча", revision=0),
            ]
        )
    assert _text(service, photo, "vi", CaptionField.CAPTION) == ""
    assert _text(service, photo, "ru", CaptionField.CAPTION) == "Переговоры"


def test_undo_takes_back_ones_own_edit_and_refuses_once_someone_changed_the_field(
    service: ProjectService,
):
    photo = _photo(service)
    captions = service.operations.captions
    captions.set_text([photo], "vi", CaptionField.CAPTION, "Hội đàm")
    mine = captions.set_text([photo], "vi", CaptionField.CAPTION, "Ký kết")
    assert mine.undo is not None
    # Undone while nobody touched it: the earlier text is back, and redo works too.
    back = service.operations.undo(mine.undo)
    assert _text(service, photo, "vi", CaptionField.CAPTION) == "Hội đàm"
    assert back.undo is not None
    again = service.operations.undo(back.undo)
    assert _text(service, photo, "vi", CaptionField.CAPTION) == "Ký kết"
    assert again.undo is not None
    # Someone else edits the field: undoing my edit would throw their text away.
    captions.set_text([photo], "vi", CaptionField.CAPTION, "Đón tiếp")
    with pytest.raises(CaptionConflictError) as refused:
        service.operations.undo(again.undo)
    assert refused.value.message.startswith("Cannot undo: someone else changed")
    assert "“Đón tiếp”" in refused.value.message
    assert _text(service, photo, "vi", CaptionField.CAPTION) == "Đón tiếp"


def test_a_writer_that_names_no_revision_writes_as_before(service: ProjectService):
    photo = _photo(service)
    service.set_caption(photo, "en", CaptionField.CAPTION, "Talks")
    service.set_caption(photo, "en", CaptionField.CAPTION, "Signing")
    assert _text(service, photo, "en", CaptionField.CAPTION) == "Signing"


def test_ones_own_edits_undo_in_turn_and_a_change_between_refuses(service: ProjectService):
    photo = _photo(service)
    captions, operations = service.operations.captions, service.operations
    field = CaptionField.HEADLINE
    first = captions.set_text([photo], "ru", field, "Переговоры", {photo: 0})
    second = captions.set_text(
        [photo], "ru", field, "Переговоры в Ханое", {photo: _revision(service, photo, "ru", field)}
    )
    assert first.undo is not None and second.undo is not None
    # Undoing the later edit writes a new revision, yet gives back what the first one left.
    operations.undo(second.undo)
    assert _text(service, photo, "ru", field) == "Переговоры"
    redo = operations.undo(first.undo)
    assert _text(service, photo, "ru", field) == ""
    # Redone, then changed by someone else: undo refuses and their text stays.
    assert redo.undo is not None
    again = operations.undo(redo.undo)
    assert _text(service, photo, "ru", field) == "Переговоры"
    captions.set_text([photo], "ru", field, "Встреча", None)
    assert again.undo is not None
    with pytest.raises(CaptionConflictError):
        operations.undo(again.undo)
    assert _text(service, photo, "ru", field) == "Встреча"
