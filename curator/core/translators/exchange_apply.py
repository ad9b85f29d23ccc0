"""Applying a translator's file: the plan's changes in one transaction, and the kept translations.

:func:`apply_plan` writes what an :class:`~curator.core.translators.exchange_plan.ImportPlan`
allows (through the operation ``service.operations.exchange.apply``, which owns the
transaction) and returns the field states before and after, so the window can undo and redo
it, with a :class:`~curator.core.operations.ChangeSet` naming the captions, catalogue texts
and talking points it changed; :func:`resolve_alternative` takes or drops a translation kept
beside the curator's text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from curator.core.errors import UsageError
from curator.core.hall.visit import Route
from curator.core.model import Caption, CaptionField, CaptionStatus
from curator.core.operations import CaptionChange, CaptionValue, ChangeSet
from curator.core.publishing.catalogue_texts import TextEdit, TextKey, redo_texts, undo_texts
from curator.core.repositories.alternatives import CaptionAlternative
from curator.core.repositories.catalogue import KeptText
from curator.core.services import ProjectService
from curator.core.translators.exchange_plan import REFUSED, WRITING, ImportPlan, PlanAction
from curator.core.translators.visit_exchange import with_points
from curator.i18n import _


@dataclass(frozen=True, slots=True)
class FieldSnapshot:
    """A caption field's text and status at one moment (for undo and redo)."""

    photo_id: str
    language: str
    field: CaptionField
    text: str
    status: CaptionStatus


@dataclass(frozen=True, slots=True)
class AppliedImport:
    """What :func:`apply_plan` did: enough to undo and redo it."""

    before: tuple[FieldSnapshot, ...]
    after: tuple[FieldSnapshot, ...]
    alternatives: tuple[CaptionAlternative, ...]
    written: int
    kept_beside: int
    refused: int
    #: The catalogue texts written (each with the text it replaced), and the translators'
    #: catalogue texts kept beside the curator's.
    catalogue_edits: tuple[TextEdit, ...] = ()
    kept_texts: tuple[KeptText, ...] = ()
    #: The visit's routes before and after talking points were written (None: none were).
    routes: tuple[tuple[Route, ...], tuple[Route, ...]] | None = None
    #: What changed, as every operation says it (undo and redo: :func:`undo_import`).
    changes: ChangeSet = field(default_factory=ChangeSet)


def _state(
    caption: Caption | None, photo_id: str, language: str, field_: CaptionField
) -> FieldSnapshot:
    if caption is None:
        return FieldSnapshot(photo_id, language, field_, "", CaptionStatus.EMPTY)
    return FieldSnapshot(photo_id, language, field_, caption.text, caption.status)


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
    before: list[FieldSnapshot] = []
    after: list[FieldSnapshot] = []
    alternatives: list[CaptionAlternative] = []
    edits: list[TextEdit] = []
    kept: list[KeptText] = []
    language = plan.target_language
    points: dict[tuple[str, str], str] = {}
    routes = None
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
                edits.append(_write_text(service, plan, entry.text_key, entry.incoming_text))
            elif entry.action == PlanAction.CONFLICT:
                kept.append(
                    service.catalogue.keep(
                        entry.text_key, language, entry.incoming_text, plan.path.name
                    )
                )
            continue
        if entry.photo_id is None or entry.field is None or entry.new_status is None:
            continue
        if entry.action in WRITING:
            current = service.captions.get(entry.photo_id, language, entry.field)
            before.append(_state(current, entry.photo_id, language, entry.field))
            written = service.captions.set(
                entry.photo_id, language, entry.field, entry.incoming_text, entry.new_status
            )
            after.append(_state(written, entry.photo_id, language, entry.field))
            if plan.export_id is not None:
                service.exports.mark_applied(
                    plan.export_id, entry.key, written.revision, written.text
                )
        elif entry.action == PlanAction.CONFLICT:
            alternatives.append(
                service.alternatives.add(
                    entry.photo_id,
                    language,
                    entry.field,
                    entry.incoming_text,
                    entry.new_status,
                    plan.path.name,
                    entry.base_revision,
                )
            )
    if points:
        old_routes = service.visit.routes()
        routes = (old_routes, with_points(old_routes, points, service.project.languages()))
        service.visit.put(routes[1])
    refused = sum(1 for entry in plan.entries if entry.action in REFUSED)
    captions = tuple(
        CaptionChange(
            old.photo_id,
            old.language,
            old.field,
            CaptionValue(old.text, old.status),
            CaptionValue(new.text, new.status),
        )
        for old, new in zip(before, after, strict=True)
        if old != new
    )
    changes = ChangeSet(
        captions=captions,
        photos=frozenset(change.photo_id for change in captions),
        catalogue=bool(edits or kept),
        routes=routes is not None,
    )
    return AppliedImport(
        tuple(before),
        tuple(after),
        tuple(alternatives),
        len(after) + len(edits) + len(points),
        len(alternatives) + len(kept),
        refused,
        tuple(edits),
        tuple(kept),
        routes,
        changes,
    )


def _write_text(service: ProjectService, plan: ImportPlan, name: str, text: str) -> TextEdit:
    """Write a translator's catalogue text; what it replaced is in the edit (for undo)."""
    language = plan.target_language
    before = service.catalogue.texts().get(name, {}).get(language, "")
    service.catalogue.set_text(name, language, text)
    if plan.export_id is not None:
        service.exports.mark_applied(plan.export_id, f"catalogue:{name}", 0, text)
    return TextEdit(TextKey(name), language, text, before)


def undo_import(service: ProjectService, applied: AppliedImport) -> None:
    """Put back what :func:`apply_plan` changed (captions, catalogue texts, kept texts)."""
    with service.store.transaction():
        write_states(service, applied.before, remove=applied.alternatives)
        undo_texts(service, applied.catalogue_edits)
        for kept in applied.kept_texts:
            service.catalogue.remove_kept(kept.id)
        if applied.routes is not None:
            service.visit.put(applied.routes[0])


def redo_import(service: ProjectService, applied: AppliedImport) -> None:
    """Apply an undone import again, as one edit."""
    with service.store.transaction():
        write_states(service, applied.after, restore=applied.alternatives)
        redo_texts(service, applied.catalogue_edits)
        for kept in applied.kept_texts:
            service.catalogue.restore_kept(kept)
        if applied.routes is not None:
            service.visit.put(applied.routes[1])


def write_states(
    service: ProjectService,
    states: Sequence[FieldSnapshot],
    *,
    remove: Sequence[CaptionAlternative] = (),
    restore: Sequence[CaptionAlternative] = (),
) -> None:
    """Set fields to given states and remove or restore alternatives, as one edit (undo/redo)."""
    with service.store.transaction():
        for state in states:
            service.captions.set(
                state.photo_id, state.language, state.field, state.text, state.status
            )
        for alternative in remove:
            service.alternatives.delete(alternative.id)
        for alternative in restore:
            service.alternatives.restore(alternative)


@dataclass(frozen=True, slots=True)
class Resolution:
    """A conflict resolved: the field before and after, and the alternatives removed."""

    before: FieldSnapshot
    after: FieldSnapshot
    removed: tuple[CaptionAlternative, ...] = field(default_factory=tuple)


def resolve_alternative(service: ProjectService, alternative_id: int, *, take: bool) -> Resolution:
    """Take a translator's kept text into its field (``take``) or keep the curator's.

    Either way every text waiting beside that field is removed, as one edit.

    Raises:
        NotFoundError-like UsageError: no alternative with that id.
    """
    alternative = service.alternatives.get(alternative_id)
    if alternative is None:
        raise UsageError(_("There is no kept translation with id %(id)d.") % {"id": alternative_id})
    key = (alternative.photo_id, alternative.language, alternative.field)
    with service.store.transaction():
        current = service.captions.get(*key)
        before = _state(current, *key)
        removed = tuple(service.alternatives.for_field(*key))
        if take:
            written = service.captions.set(*key, alternative.text, alternative.status)
            after = _state(written, *key)
        else:
            after = before
        for item in removed:
            service.alternatives.delete(item.id)
    return Resolution(before, after, removed)
