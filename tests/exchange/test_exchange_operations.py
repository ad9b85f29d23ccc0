"""Translators' writes as operations (issue 20): an applied file's change set undoes and redoes
it whole (captions, catalogue texts, translations kept beside, talking points), refuses when
the curator changed a field since, and resolving a kept translation is one edit with an undo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polib
import pytest

from curator.core.errors import CaptionConflictError, UsageError
from curator.core.language.glossary_import import GlossaryDraft, plan_import
from curator.core.model import CaptionField, CaptionStatus, GlossaryKind
from curator.core.operations import ChangeSet, RestoreImport
from curator.core.publishing.catalogue_texts import set_texts
from curator.core.repositories.exports import SentUnit
from curator.core.services import ProjectService
from curator.core.translators.caption_exchange import (
    ExchangeDocument,
    ExportScope,
    build_export,
    record_export,
)
from curator.core.translators.exchange_apply import AppliedImport, apply_plan
from curator.core.translators.exchange_plan import PlanAction
from curator.core.translators.exchange_plan import plan_import as plan_file
from curator.exchange.captions import read_caption_file, write_caption_file

ROUTE = "State visit"
EMPTY = CaptionStatus.EMPTY


@pytest.fixture
def sent(captioned, tmp_path: Path) -> tuple[ProjectService, list[str], Path]:
    """A Russian file sent and translated whole; meanwhile the curator wrote two of its texts."""
    service, ids = captioned
    set_texts(service, [("title", "vi", "Việt Nam – Nga"), ("subtitle", "vi", "Ảnh TTXVN")])
    section = service.add_section({"vi": "Một", "ru": "Один", "en": "One"})
    with service.store.transaction():
        panel = service.exhibition.add_panel(section.id, 1000.0, 1500.0).id
    visit = service.operations.visit
    visit.add_route(ROUTE)
    visit.add_stop(ROUTE, panel_id=panel)
    visit.set_points(ROUTE, 1, "vi", "Chào mừng đoàn.")
    document = build_export(service, ExportScope("ru"), {})
    record_export(service, document, "po")
    path = tmp_path / "ru.po"
    write_caption_file(path, document, "po")
    catalog = polib.pofile(str(path))
    for entry in catalog:
        entry.msgstr, entry.flags = f"[ru] {entry.msgid}", []
    catalog.save(str(path))
    # The curator writes photo 0's Russian headline and the Russian subtitle: two conflicts.
    service.set_caption(ids[0], "ru", CaptionField.HEADLINE, "Мой заголовок")
    set_texts(service, [("subtitle", "ru", "Мой подзаголовок")])
    return service, ids, path


def _apply(service: ProjectService, path: Path) -> AppliedImport:
    plan = plan_file(service, read_caption_file(path), path)
    assert plan.count(PlanAction.CONFLICT) == 2
    return apply_plan(service, plan, backup=False)


def _state(service: ProjectService, ids: list[str]) -> tuple[object, ...]:
    """Everything a translator's file may change, as it reads now."""
    captions = {}
    for photo_id in ids:
        for field in CaptionField:
            caption = service.captions.get(photo_id, "ru", field)
            # An empty field reads as never written (an undo leaves it empty, not absent).
            empty = caption is None or (not caption.text and caption.status == EMPTY)
            captions[photo_id, field] = None if empty else (caption.text, caption.status)
    points = [stop.point("ru") for stop in service.operations.visit.route(ROUTE).stops]
    return (
        captions,
        service.catalogue.texts(),
        service.alternatives.all(),
        service.catalogue.kept(),
        points,
    )


def _undo(service: ProjectService, changes: ChangeSet) -> ChangeSet:
    assert changes.undo is not None
    return service.operations.undo(changes.undo)


def test_undo_then_redo_of_an_applied_file_restores_everything_it_touched(sent) -> None:
    service, ids, path = sent
    before = _state(service, ids)
    applied = _apply(service, path)
    after = _state(service, ids)
    changes = applied.changes
    assert isinstance(changes.undo, RestoreImport)
    assert changes.catalogue and changes.routes and changes.alternatives
    # The change set names each caption field written, before and after.
    written = {(c.photo_id, c.field): (c.before.text, c.after.text) for c in changes.captions}
    assert written[ids[1], CaptionField.CAPTION][0] == ""
    assert written[ids[1], CaptionField.CAPTION][1].startswith("[ru] Lễ ký kết")
    assert (ids[0], CaptionField.HEADLINE) not in written  # kept beside, not written
    assert after != before
    undone = _undo(service, changes)
    assert _state(service, ids) == before
    assert {(c.photo_id, c.field) for c in undone.captions} == set(written)
    assert undone.catalogue and undone.routes and undone.alternatives
    redone = _undo(service, undone)
    assert _state(service, ids) == after  # the kept translations come back with their ids
    assert isinstance(redone.undo, RestoreImport)
    _undo(service, redone)  # and back again, as often as the person likes
    assert _state(service, ids) == before


def test_an_undo_is_refused_when_the_curator_changed_a_field_since(sent) -> None:
    service, ids, path = sent
    applied = _apply(service, path)
    mine = service.operations.captions.set_text(
        [ids[1]], "ru", CaptionField.CAPTION, "Текст куратора после импорта."
    )
    now = _state(service, ids)
    with pytest.raises(CaptionConflictError) as refused:
        _undo(service, applied.changes)
    assert "Cannot undo" in refused.value.message
    assert refused.value.theirs == "Текст куратора после импорта."
    assert _state(service, ids) == now  # nothing of the undo was written
    # Once the curator's own edit is undone first, the import's undo goes through.
    _undo(service, mine)
    _undo(service, applied.changes)
    assert service.captions.get(ids[1], "ru", CaptionField.CAPTION).text == ""


def test_an_import_that_keeps_again_what_was_kept_leaves_it_on_undo(sent) -> None:
    service, _ids, path = sent
    _apply(service, path)
    kept = (service.alternatives.all(), service.catalogue.kept())
    again = _apply(service, path)  # the same file twice: the same texts wait beside once
    assert again.kept_beside == 2
    assert again.changes.empty and again.changes.undo is None
    assert (service.alternatives.all(), service.catalogue.kept()) == kept


def test_taking_or_keeping_a_kept_translation_is_one_edit_with_an_undo(sent) -> None:
    service, ids, path = sent
    _apply(service, path)
    [alternative] = service.alternatives.all()
    headline = (ids[0], "ru", CaptionField.HEADLINE)
    took = service.operations.exchange.resolve(alternative.id, take=True)
    assert service.captions.get(*headline).text == alternative.text
    assert service.alternatives.all() == []
    [change] = took.captions
    assert (change.before.text, change.after.text) == ("Мой заголовок", alternative.text)
    assert took.alternatives
    undone = _undo(service, took)
    assert service.captions.get(*headline).text == "Мой заголовок"
    assert service.alternatives.all() == [alternative]
    redone = _undo(service, undone)
    assert service.captions.get(*headline).text == alternative.text
    _undo(service, redone)  # redo's undo: the choice taken back once more
    assert service.captions.get(*headline).text == "Мой заголовок"
    # Keeping one's own text writes no caption, only drops the translation; undo brings it.
    kept = service.operations.exchange.resolve(alternative.id, take=False)
    assert kept.captions == () and kept.alternatives
    assert service.captions.get(*headline).text == "Мой заголовок"
    assert service.alternatives.all() == []
    _undo(service, kept)
    assert service.alternatives.all() == [alternative]
    with pytest.raises(UsageError):
        service.operations.exchange.resolve(10_000, take=True)


def test_undoing_a_taken_translation_is_refused_after_the_curator_changed_it(sent) -> None:
    service, ids, path = sent
    _apply(service, path)
    [alternative] = service.alternatives.all()
    took = service.operations.exchange.resolve(alternative.id, take=True)
    service.set_caption(ids[0], "ru", CaptionField.HEADLINE, "Снова мой", CaptionStatus.FINAL)
    with pytest.raises(CaptionConflictError):
        _undo(service, took)
    assert service.captions.get(ids[0], "ru", CaptionField.HEADLINE).text == "Снова мой"
    assert service.alternatives.all() == []  # the translation stays gone, as chosen


def test_taking_or_keeping_a_kept_catalogue_text_undoes(sent) -> None:
    service, _ids, path = sent
    _apply(service, path)
    [kept] = service.catalogue.kept()
    took = service.operations.exchange.resolve_kept(kept.id, take=True)
    assert service.catalogue.texts()["subtitle"]["ru"] == kept.text
    assert took.catalogue and took.alternatives and service.catalogue.kept() == []
    undone = _undo(service, took)
    assert service.catalogue.texts()["subtitle"]["ru"] == "Мой подзаголовок"
    assert service.catalogue.kept() == [kept]
    redone = _undo(service, undone)
    assert service.catalogue.texts()["subtitle"]["ru"] == kept.text
    _undo(service, redone)
    assert service.catalogue.kept() == [kept]
    mine = service.operations.exchange.resolve_kept(kept.id, take=False)
    assert service.catalogue.texts()["subtitle"]["ru"] == "Мой подзаголовок"
    assert service.catalogue.kept() == []
    _undo(service, mine)
    assert service.catalogue.kept() == [kept]
    with pytest.raises(UsageError):
        service.operations.exchange.resolve_kept(10_000, take=False)


def test_recording_what_a_file_sent_has_nothing_to_undo(captioned) -> None:
    service, _ids = captioned
    document = build_export(service, ExportScope("ru"), {})
    header = document.header
    changes = service.operations.exchange.record_sent(
        header.export_id, "ru", "vi", "po", tuple(_sent(document))
    )
    assert changes == ChangeSet()
    assert service.exports.count() == 1


def _sent(document: ExchangeDocument) -> Iterator[SentUnit]:
    for position, unit in enumerate(document.file_units()):
        yield SentUnit(
            unit.key,
            position,
            unit.revision,
            unit.source_hash,
            unit.target,
            unit.status,
            unit.budget_chars,
        )


def test_a_glossary_file_import_names_the_entries_it_wrote(captioned) -> None:
    service, _ids = captioned
    drafts = [GlossaryDraft(kind=GlossaryKind.PLACE, terms={"vi": "Huế", "en": "Hue"}, line=2)]
    changes = service.operations.records.import_glossary(plan_import([], drafts), backup=False)
    [entry] = service.glossary.all()
    assert changes.glossary == {entry.id} and changes.undo is None
    again = plan_import(service.glossary.all(), drafts)
    assert service.operations.records.import_glossary(again, backup=False) == ChangeSet()
