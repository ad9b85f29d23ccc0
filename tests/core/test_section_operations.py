"""Section operations return change sets naming what they touched; undo and redo round-trip."""

from __future__ import annotations

from pathlib import Path

from curator.core.model import Photo
from curator.core.operations import ChangeSet
from curator.core.services import ProjectService


def _photos(service: ProjectService, count: int) -> list[str]:
    with service.store.transaction():
        return [
            service.photos.add(
                Photo(id="", path=Path(f"/p/{i}.jpg"), sha256=f"h{i}", width=30, height=20)
            ).id
            for i in range(count)
        ]


def _state(service: ProjectService) -> list[tuple[str, dict[str, str], list[str]]]:
    return [
        (s.id, s.title, service.queries.section_photo_ids(s.id)) for s in service.queries.sections()
    ]


def _undo_redo(service: ProjectService, changes: ChangeSet, before: object) -> None:
    """Undo restores ``before``; undoing the undo writes the change again."""
    after = _state(service)
    assert changes.undo is not None
    back = service.operations.undo(changes.undo)
    assert _state(service) == before
    assert back.undo is not None
    service.operations.undo(back.undo)
    assert _state(service) == after


def test_each_section_use_case_names_what_it_touched_and_undoes(service: ProjectService) -> None:
    ops = service.operations.sections
    ids = _photos(service, 4)
    start = _state(service)
    first, added = ops.add({"vi": "Hà Nội"}, photo_ids=ids[:2])
    assert added.sections == {first.id} and added.photos == set(ids[:2])
    _undo_redo(service, added, start)

    second, moved_in = ops.add({"en": "Moscow"}, photo_ids=[ids[1], ids[2]])
    # Taking a photo from the first section touches that one too.
    assert moved_in.sections == {first.id, second.id} and moved_in.photos == {ids[1], ids[2]}

    before = _state(service)
    placed = ops.assign(first.id, [ids[3]], before_photo_id=ids[0])
    assert placed.photos == {ids[3]} and placed.sections == {first.id}
    assert service.queries.section_photo_ids(first.id) == [ids[3], ids[0]]
    _undo_redo(service, placed, before)

    before = _state(service)
    renamed = ops.set_texts(second.id, {"en": "Moscow in winter"})
    assert renamed.sections == {second.id} and not renamed.photos
    _undo_redo(service, renamed, before)

    before = _state(service)
    taken_out = ops.unassign([ids[2]])
    assert taken_out.sections == {second.id} and taken_out.photos == {ids[2]}
    _undo_redo(service, taken_out, before)

    before = _state(service)
    reordered = ops.reorder(first.id, [ids[0], ids[3]])
    assert reordered.sections == {first.id}
    _undo_redo(service, reordered, before)

    before = _state(service)
    deleted = ops.delete(first.id, backup=False)
    assert deleted.sections == {first.id} and deleted.photos == {ids[3], ids[0]}
    assert [s for s, _t, _p in _state(service)] == [second.id]
    _undo_redo(service, deleted, before)
