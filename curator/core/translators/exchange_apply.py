"""Applying a translator's file: the plan's changes in one transaction, and the kept translations.

:func:`apply_plan` writes what an :class:`~curator.core.translators.exchange_plan.ImportPlan`
allows and
returns the field states before and after, so the window can undo and redo it;
:func:`resolve_alternative` takes or drops a translation kept beside the curator's text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from curator.core.errors import UsageError
from curator.core.model import Caption, CaptionField, CaptionStatus
from curator.core.repositories.alternatives import CaptionAlternative
from curator.core.services import ProjectService
from curator.core.storage.backups import SnapshotReason, snapshot_before
from curator.core.translators.exchange_plan import REFUSED, WRITING, ImportPlan, PlanAction
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
    if any(
        entry.action in WRITING or entry.action == PlanAction.CONFLICT for entry in plan.entries
    ):
        snapshot_before(service.store, SnapshotReason.EXCHANGE_APPLY, plan.path.name, backup=backup)
    before: list[FieldSnapshot] = []
    after: list[FieldSnapshot] = []
    alternatives: list[CaptionAlternative] = []
    language = plan.target_language
    with service.store.transaction():
        for entry in plan.entries:
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
    refused = sum(1 for entry in plan.entries if entry.action in REFUSED)
    return AppliedImport(
        tuple(before), tuple(after), tuple(alternatives), len(after), len(alternatives), refused
    )


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
