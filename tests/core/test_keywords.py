"""Keywords edited across the project: add, remove, rename, undo; a re-read keeps them."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.core.errors import NotFoundError, UsageError
from curator.core.model import GlossaryKind
from curator.core.services import ProjectService
from curator.demo import write_demo
from curator.ingest.reread import reread_metadata


@pytest.fixture
def demo(tmp_path: Path):
    path, _created = write_demo(tmp_path / "demo")
    with ProjectService.open(path) as service:
        yield service


def _by_word(service: ProjectService) -> dict[str, int]:
    return {use.keyword: len(use.photo_ids) for use in service.operations.keywords.uses()}


def test_rename_merges_and_undo_puts_every_photo_back(demo: ProjectService) -> None:
    ops = demo.operations.keywords
    ids = [p.id for p in demo.photos.all()]

    def holders(word: str) -> set[str]:
        return {pid for pid, words in ops.of(ids).items() if word in words}

    ops.add("hội đàm", [next(iter(holders("Hà Nội")))])  # one photo with both
    before = _by_word(demo)
    hanoi, talks = holders("Hà Nội"), holders("hội đàm")
    assert hanoi & talks and talks - hanoi
    changes = ops.rename("hội đàm", "Hà Nội")
    assert changes.keywords and changes.photos == frozenset(talks)
    assert all(ops.of([pid])[pid].count("Hà Nội") == 1 for pid in talks)
    after = _by_word(demo)
    assert "hội đàm" not in after and after["Hà Nội"] == len(hanoi | talks)
    assert changes.undo is not None
    redo = demo.operations.undo(changes.undo)
    assert _by_word(demo) == before
    assert redo.undo is not None
    demo.operations.undo(redo.undo)
    assert "hội đàm" not in _by_word(demo)


def test_add_and_remove_one_edit_each(demo: ProjectService) -> None:
    ops = demo.operations.keywords
    ids = [p.id for p in demo.photos.all()][:2]
    added = ops.add("  Báo  chí ", ids)  # cleaned: one space, trimmed
    assert all("Báo chí" in words for words in ops.of(ids).values())
    assert ops.add("báo chí", ids).empty  # there already, letter case aside
    removed = ops.remove("Báo chí")
    assert removed.photos == added.photos
    assert "Báo chí" not in _by_word(demo)
    with pytest.raises(NotFoundError, match="Báo chí"):
        ops.remove("Báo chí")
    for bad in ("", "a, b", "a;b", "x" * 201):
        with pytest.raises(UsageError):
            ops.add(bad, ids)


def test_renderings_come_from_the_glossary(demo: ProjectService) -> None:
    uses = {use.keyword: use for use in demo.operations.keywords.uses()}
    assert uses["Hà Nội"].renderings == {"vi": "Hà Nội", "ru": "Ханой", "en": "Hanoi"}
    assert uses["hội đàm"].renderings == {}
    with demo.store.transaction():
        demo.glossary.add(GlossaryKind.TERM, {"vi": "hội đàm", "ru": "переговоры", "en": "talks"})
    uses = {use.keyword: use for use in demo.operations.keywords.uses()}
    assert uses["hội đàm"].renderings["ru"] == "переговоры"


def test_a_reread_keeps_the_curators_keywords(demo: ProjectService) -> None:
    ops = demo.operations.keywords
    photo = next(p for p in demo.photos.all() if "Hà Nội" in p.keywords)
    untouched = next(p for p in demo.photos.all() if p.keywords and p.id != photo.id)
    ops.rename("Hà Nội", "Thủ đô Hà Nội")
    reread_metadata(demo, [photo.id, untouched.id])
    assert "Thủ đô Hà Nội" in demo.photos.get(photo.id).keywords
    assert "Hà Nội" not in demo.photos.get(photo.id).keywords
    assert demo.photos.get(untouched.id).keywords == untouched.keywords
