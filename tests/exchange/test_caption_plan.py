"""The import plan: every kind of entry, conflicts kept beside, apply and undo."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from curator.core.errors import UsageError
from curator.core.model import CaptionField, CaptionStatus
from curator.core.services import ProjectService
from curator.core.translators.caption_exchange import (
    ExportScope,
    IncomingEntry,
    IncomingFile,
    build_export,
    source_hash,
)
from curator.core.translators.exchange_apply import apply_plan
from curator.core.translators.exchange_plan import PlanAction, plan_import

FILE = Path("ru.po")


def _incoming(service: ProjectService, **targets: str) -> IncomingFile:
    """A file as a translator would send it back: the export with targets filled."""
    document = build_export(service, ExportScope("ru"))
    entries = []
    for line, unit in enumerate(document.units, start=1):
        entries.append(
            IncomingEntry(
                line=line,
                key=unit.key,
                target=targets.get(unit.key.replace("|", "_"), unit.target),
                source=unit.source,
                # As a PO would bring it back: fuzzy stays fuzzy.
                status=CaptionStatus.NEEDS_REVIEW
                if unit.status == CaptionStatus.NEEDS_REVIEW
                else None,
                revision=unit.revision,
                source_hash=unit.source_hash,
            )
        )
    return IncomingFile(
        "po",
        tuple(entries),
        project_uid=document.header.project_uid,
        source_language="vi",
        target_language="ru",
    )


def test_export_carries_source_target_status_and_origin(captioned) -> None:
    service, ids = captioned
    document = build_export(service, ExportScope("ru"))
    keys = [unit.key for unit in document.units]
    assert keys[:2] == [f"{ids[0]}|headline", f"{ids[0]}|caption"]
    caption = document.units[1]
    assert caption.source.startswith("Tổng Giám đốc TTXVN")
    assert caption.target.startswith("Генеральный директор")
    assert caption.status == CaptionStatus.NEEDS_REVIEW
    assert caption.revision == 1
    assert caption.source_hash == source_hash(caption.source)
    assert caption.file_name == "00 ảnh.jpg"
    # The other languages reach the translator as notes; the source is not repeated.
    assert not any(note.label == "vi" for note in caption.notes)


def test_export_scope_only_unfinished_and_section(captioned) -> None:
    service, ids = captioned
    service.set_caption(ids[1], "ru", CaptionField.CAPTION, "Подписание", CaptionStatus.FINAL)
    unfinished = build_export(service, ExportScope("ru", only_unfinished=True))
    assert f"{ids[1]}|caption" not in [unit.key for unit in unfinished.units]
    section = service.add_section({"vi": "Hội đàm"}, [ids[2]])
    scoped = build_export(service, ExportScope("ru", section_id=section.id))
    assert {unit.photo_id for unit in scoped.units} == {ids[2]}
    with pytest.raises(UsageError, match="no section"):
        build_export(service, ExportScope("ru", section_id="nope"))
    with pytest.raises(UsageError, match="source language"):
        build_export(service, ExportScope("vi"))
    with pytest.raises(UsageError, match="not one of the project's languages"):
        build_export(service, ExportScope("fr"))


def test_plan_tells_every_kind_of_entry(captioned) -> None:
    service, ids = captioned
    incoming = _incoming(
        service,
        **{
            f"{ids[0]}_caption": "Ву Вьет Чанг и Андрей Кондрашов провели переговоры.",
            f"{ids[1]}_caption": "Подписание соглашения о сотрудничестве.",
            f"{ids[1]}_headline": "Подписание",
        },
    )
    extra = (
        IncomingEntry(90, "pzzzzzzz|caption", "Текст"),
        IncomingEntry(91, "no key here", "Текст"),
        IncomingEntry(92, f"{ids[1]}|caption", "Дубль"),
    )
    incoming = replace(incoming, entries=incoming.entries + extra)
    # Meanwhile the curator rewrote photo 1's Russian headline and photo 2's Vietnamese text.
    service.set_caption(ids[1], "ru", CaptionField.HEADLINE, "Церемония подписания")
    service.set_caption(ids[2], "vi", CaptionField.CAPTION, "Phóng viên TTXVN tại Moskva.")
    stale = replace(incoming.entries[-4], target="Корреспондент ВИА в Москве.")
    incoming = replace(
        incoming, entries=tuple(e if e.key != stale.key else stale for e in incoming.entries)
    )
    plan = plan_import(service, incoming, FILE)
    actions: dict[str, PlanAction] = {}
    for entry in plan.entries:
        actions.setdefault(entry.key, entry.action)
    assert actions[f"{ids[0]}|caption"] == PlanAction.CHANGED
    assert actions[f"{ids[1]}|caption"] == PlanAction.NEW
    assert actions[f"{ids[1]}|headline"] == PlanAction.CONFLICT
    assert actions[f"{ids[2]}|caption"] == PlanAction.SOURCE_CHANGED
    assert actions[f"{ids[0]}|headline"] == PlanAction.UNTRANSLATED
    assert actions["pzzzzzzz|caption"] == PlanAction.UNKNOWN_ID
    assert actions["no key here"] == PlanAction.MALFORMED
    duplicate = plan.entries[-1]
    assert duplicate.action == PlanAction.MALFORMED and "appears twice" in duplicate.message
    # Planning changed nothing.
    assert service.captions.get(ids[1], "ru", CaptionField.CAPTION) is None


def test_apply_writes_keeps_conflicts_beside_and_undoes(captioned) -> None:
    service, ids = captioned
    incoming = _incoming(
        service,
        **{
            f"{ids[1]}_caption": "Подписание соглашения.",
            f"{ids[1]}_headline": "Подписание",
        },
    )
    service.set_caption(ids[1], "ru", CaptionField.HEADLINE, "Церемония подписания")
    plan = plan_import(service, incoming, FILE)
    applied = apply_plan(service, plan)
    assert (applied.written, applied.kept_beside) == (1, 1)
    # The change set names the caption written (not the headline kept beside it).
    [change] = applied.changes.captions
    assert (change.photo_id, change.language, change.field) == (
        ids[1],
        "ru",
        CaptionField.CAPTION,
    )
    assert change.before.text == "" and change.after.text == "Подписание соглашения."
    assert applied.changes.photos == {ids[1]} and not applied.changes.catalogue
    caption = service.captions.get(ids[1], "ru", CaptionField.CAPTION)
    assert caption is not None and caption.text == "Подписание соглашения."
    assert caption.status == CaptionStatus.DRAFT
    # The curator's headline is untouched; the translator's waits beside it.
    headline = service.captions.get(ids[1], "ru", CaptionField.HEADLINE)
    assert headline is not None and headline.text == "Церемония подписания"
    [kept] = service.alternatives.for_field(ids[1], "ru", CaptionField.HEADLINE)
    assert kept.text == "Подписание" and kept.origin == "ru.po"
    # Importing the same file again changes nothing more and keeps no second copy.
    again = plan_import(service, incoming, FILE)
    assert again.count(PlanAction.CHANGED) == again.count(PlanAction.NEW) == 0
    assert apply_plan(service, again).changes.empty
    assert service.alternatives.count() == 1
    # Undo, then redo, from the undo data the apply's change set carries.
    assert applied.changes.undo is not None
    undone = service.operations.undo(applied.changes.undo)
    assert service.captions.get(ids[1], "ru", CaptionField.CAPTION).text == ""
    assert service.alternatives.count() == 0
    assert undone.undo is not None
    service.operations.undo(undone.undo)
    assert service.captions.get(ids[1], "ru", CaptionField.CAPTION).text == (
        "Подписание соглашения."
    )
    assert service.alternatives.count() == 1


def test_resolving_a_conflict_takes_or_keeps(captioned) -> None:
    service, ids = captioned
    incoming = _incoming(service, **{f"{ids[0]}_caption": "Перевод переводчика."})
    service.set_caption(ids[0], "ru", CaptionField.CAPTION, "Текст куратора.")
    apply_plan(service, plan_import(service, incoming, FILE))
    [kept] = service.alternatives.all()
    resolution = service.operations.exchange.resolve(kept.id, take=True)
    assert service.captions.get(ids[0], "ru", CaptionField.CAPTION).text == "Перевод переводчика."
    [change] = resolution.captions
    assert change.before.text == "Текст куратора."
    assert service.alternatives.count() == 0
    with pytest.raises(UsageError):
        service.operations.exchange.resolve(kept.id, take=False)


def test_fuzzy_and_final_map_to_statuses(captioned) -> None:
    service, ids = captioned
    incoming = _incoming(service)
    entries = []
    for entry in incoming.entries:
        if entry.key == f"{ids[0]}|caption":
            # The translator cleared the fuzzy mark: the text is now a plain translation.
            entries.append(replace(entry, status=None))
        elif entry.key == f"{ids[1]}|caption":
            entries.append(replace(entry, target="Подписание.", status=CaptionStatus.FINAL))
        elif entry.key == f"{ids[2]}|caption":
            entries.append(
                replace(entry, target="Корреспондент.", status=CaptionStatus.NEEDS_REVIEW)
            )
        else:
            entries.append(entry)
    plan = plan_import(service, replace(incoming, entries=tuple(entries)), FILE)
    apply_plan(service, plan)
    get = service.captions.get
    assert get(ids[0], "ru", CaptionField.CAPTION).status == CaptionStatus.DRAFT
    # A new text from outside is never final by itself: final is the curator's sign-off;
    # the most it gets is "needs review".
    assert get(ids[1], "ru", CaptionField.CAPTION).status == CaptionStatus.NEEDS_REVIEW
    assert get(ids[2], "ru", CaptionField.CAPTION).status == CaptionStatus.NEEDS_REVIEW


def test_a_file_of_another_project_or_language_is_refused(captioned) -> None:
    service, _ids = captioned
    incoming = _incoming(service)
    with pytest.raises(UsageError, match="another project"):
        plan_import(service, replace(incoming, project_uid="0" * 32), FILE)
    with pytest.raises(UsageError, match="not one of the project's languages"):
        plan_import(service, replace(incoming, target_language="fr"), FILE)
    with pytest.raises(UsageError, match="does not say which language"):
        plan_import(service, replace(incoming, target_language=None), FILE)
    plan = plan_import(service, replace(incoming, target_language=None), FILE, target_language="ru")
    assert plan.target_language == "ru"


def test_layout_budgets_reach_the_export(captioned) -> None:
    from curator.core.editing.layout_service import auto_layout
    from curator.core.translators.caption_exchange import layout_budgets
    from curator.export.text_measure import ReportlabMeasure

    service, ids = captioned
    measure = ReportlabMeasure()
    auto_layout(service, measure=measure, backup=False)
    budgets = layout_budgets(service, measure, "ru")
    assert budgets[(ids[0], CaptionField.CAPTION)] > 50
    assert 0 < budgets[(ids[0], CaptionField.HEADLINE)] < budgets[(ids[0], CaptionField.CAPTION)]
    document = build_export(service, ExportScope("ru"), budgets)
    unit = next(u for u in document.units if u.key == f"{ids[0]}|caption")
    assert unit.budget_chars == budgets[(ids[0], CaptionField.CAPTION)]
    budget = budgets[(ids[0], CaptionField.CAPTION)]
    # Notes are for the translator: in the target language (Russian here), whatever the
    # interface speaks.
    [length] = [note for note in unit.notes if str(budget) in note.text]
    assert "не более" in length.text
