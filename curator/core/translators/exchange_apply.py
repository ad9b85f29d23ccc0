"""Applying a translator's file: the plan's changes in one transaction, and the kept translations.

:func:`apply_plan` writes what an :class:`~curator.core.translators.exchange_plan.ImportPlan`
allows (through the operation ``service.operations.exchange.apply``, which owns the
transaction) and returns what it did, with a :class:`~curator.core.operations.ChangeSet`
naming the captions, catalogue texts, kept translations and talking points it changed; the
change set's undo (a :class:`~curator.core.operations.RestoreImport`, run by
``service.operations.undo``) takes the file back, and its own undo applies it again.
Taking or dropping a translation kept beside the curator's text is the operation
``service.operations.exchange.resolve``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from curator.core.model import Caption
from curator.core.operations import CaptionChange, CaptionValue, ChangeSet, RestoreImport
from curator.core.operations.exchange import import_changes
from curator.core.repositories.alternatives import CaptionAlternative
from curator.core.repositories.catalogue import KeptText
from curator.core.services import ProjectService
from curator.core.translators.exchange_plan import REFUSED, WRITING, ImportPlan, PlanAction
from curator.core.translators.visit_exchange import with_points


@dataclass(frozen=True, slots=True)
class AppliedImport:
    """What :func:`apply_plan` did: how many written, kept beside, refused; the change set."""

    written: int
    kept_beside: int
    refused: int
    #: What changed, as every operation says it; its undo takes the file back.
    changes: ChangeSet = field(default_factory=ChangeSet)


def _value(caption: Caption | None) -> CaptionValue:
    if caption is None:
        return CaptionValue()
    return CaptionValue(caption.text, caption.status, caption.edited, caption.revision)


def apply_plan(service: ProjectService, plan: ImportPlan, *, backup: bool = True) -> AppliedImport:
    """Write the plan's new and changed translations and keep conflicts beside, in one go.

    A snapshot of the project is taken first when the plan changes anything (``backup``).

    Raises:
        BackupError: the snapshot could not be written; nothing was changed.
        ReadOnlyProjectError, ProjectOpenError: the project cannot be written; nothing is.
    """
    return service.operations.exchange.apply(plan, backup=backup)


def changes_anything(plan: ImportPlan) -> bool:
    """Whether applying the plan writes or keeps anything (then a backup is taken first)."""
    return any(
        entry.action in WRITING or entry.action == PlanAction.CONFLICT for entry in plan.entries
    )


def write_plan(service: ProjectService, plan: ImportPlan) -> AppliedImport:
    """The body of :func:`apply_plan`; runs inside the operation's transaction."""
    captions: list[CaptionChange] = []
    alternatives: list[CaptionAlternative] = []
    texts: list[tuple[str, str, str, str]] = []
    kept: list[KeptText] = []
    new_alternatives: list[CaptionAlternative] = []
    new_kept: list[KeptText] = []
    language = plan.target_language
    points: dict[tuple[str, str], str] = {}
    routes = None
    written_count = 0
    for entry in plan.entries:
        if entry.stop_id is not None:
            if entry.action in WRITING and entry.new_status is not None:
                points[(entry.stop_id, language)] = entry.incoming_text
                if plan.export_id is not None:
                    service.exports.mark_applied(plan.export_id, entry.key, 0, entry.incoming_text)
            continue
        if entry.text_key is not None:
            if entry.new_status is None:
                continue
            if entry.action in WRITING:
                texts.append(_write_text(service, plan, entry.text_key, entry.incoming_text))
            elif entry.action == PlanAction.CONFLICT:
                waiting = {k.id for k in service.catalogue.kept(entry.text_key, language)}
                text = service.catalogue.keep(
                    entry.text_key, language, entry.incoming_text, plan.path.name
                )
                kept.append(text)
                if text.id not in waiting:  # a text kept by an earlier import stays on undo
                    new_kept.append(text)
            continue
        if entry.photo_id is None or entry.field is None or entry.new_status is None:
            continue
        if entry.action in WRITING:
            current = service.captions.get(entry.photo_id, language, entry.field)
            written = service.captions.set(
                entry.photo_id, language, entry.field, entry.incoming_text, entry.new_status
            )
            written_count += 1
            if _value(current) != _value(written):
                change = CaptionChange(
                    entry.photo_id, language, entry.field, _value(current), _value(written)
                )
                captions.append(change)
            if plan.export_id is not None:
                service.exports.mark_applied(
                    plan.export_id, entry.key, written.revision, written.text
                )
        elif entry.action == PlanAction.CONFLICT:
            key = (entry.photo_id, language, entry.field)
            waiting = {a.id for a in service.alternatives.for_field(*key)}
            alternative = service.alternatives.add(
                *key, entry.incoming_text, entry.new_status, plan.path.name, entry.base_revision
            )
            alternatives.append(alternative)
            if alternative.id not in waiting:  # one kept by an earlier import stays on undo
                new_alternatives.append(alternative)
    if points:
        old_routes = service.visit.routes()
        routes = (old_routes, with_points(old_routes, points, service.project.languages()))
        service.visit.put(routes[1])
    refused = sum(1 for entry in plan.entries if entry.action in REFUSED)
    undo = RestoreImport(
        captions=tuple(captions),
        kept=tuple(new_alternatives),
        texts=tuple(texts),
        kept_texts=tuple(new_kept),
        routes=routes,
    )
    return AppliedImport(
        written_count + len(texts) + len(points),
        len(alternatives) + len(kept),
        refused,
        import_changes(undo),
    )


def _write_text(
    service: ProjectService, plan: ImportPlan, name: str, text: str
) -> tuple[str, str, str, str]:
    """Write a translator's catalogue text: ``(key, language, before, after)`` (for undo)."""
    language = plan.target_language
    before = service.catalogue.texts().get(name, {}).get(language, "")
    service.catalogue.set_text(name, language, text)
    if plan.export_id is not None:
        service.exports.mark_applied(plan.export_id, f"catalogue:{name}", 0, text)
    return (name, language, before, text)
