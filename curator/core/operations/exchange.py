"""Translators' files as operations: applying one, taking it back, resolving what was kept.

The planning and the writing of each entry live in :mod:`curator.core.translators`; these
operations own the transactions. Applying a file takes the project snapshot first (when the
file changes anything); its report, an ``AppliedImport``, carries the change set of the
captions, catalogue texts, kept translations and talking points written, whose undo (a
:class:`~.changes.RestoreImport`) takes the file back and, turned round, applies it again.
Taking a translator's kept text (or keeping one's own) is one edit with the same undo.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from curator.core.errors import UsageError
from curator.core.operations.captions import CaptionOperations
from curator.core.operations.changes import (
    CaptionEdit,
    ChangeSet,
    RestoreImport,
)
from curator.core.storage.backups import SnapshotReason, snapshot_before
from curator.i18n import _

if TYPE_CHECKING:
    from curator.core.repositories.exports import SentUnit
    from curator.core.services import ProjectService
    from curator.core.translators.exchange_apply import AppliedImport
    from curator.core.translators.exchange_plan import ImportPlan


def import_changes(undo: RestoreImport) -> ChangeSet:
    """The change set of a change whose undo is ``undo`` (what it touched, by kind)."""
    if undo == RestoreImport():
        return ChangeSet()  # nothing written, nothing to undo
    return ChangeSet(
        captions=undo.captions,
        photos=frozenset(change.photo_id for change in undo.captions),
        catalogue=bool(undo.texts or undo.kept_texts or undo.dropped_texts),
        alternatives=bool(undo.kept or undo.dropped or undo.kept_texts or undo.dropped_texts),
        routes=undo.routes is not None,
        undo=undo,
    )


class ExchangeOperations:
    """Writes that come from translators' files, each one edit."""

    def __init__(self, service: ProjectService) -> None:
        self._service = service

    def apply(self, plan: ImportPlan, *, backup: bool = True) -> AppliedImport:
        """Write the plan's new and changed translations and keep conflicts beside.

        A snapshot of the project is taken first when the plan changes anything (``backup``).

        Raises:
            BackupError: the snapshot could not be written; nothing was changed.
            ReadOnlyProjectError, ProjectOpenError: the project cannot be written; nothing is.
        """
        from curator.core.translators import exchange_apply  # it reads the project service

        service = self._service
        if exchange_apply.changes_anything(plan):
            snapshot_before(
                service.store, SnapshotReason.EXCHANGE_APPLY, plan.path.name, backup=backup
            )
        with service.store.transaction():
            return exchange_apply.write_plan(service, plan)

    def restore(self, undo: RestoreImport) -> ChangeSet:
        """Take back a file applied or a kept translation resolved (or do it again).

        Raises:
            CaptionConflictError: a caption field no longer reads as the change left it
                (someone changed it since); nothing is written.
        """
        service = self._service

        def work() -> ChangeSet:
            with service.store.transaction():
                edits = [change.restoring() for change in undo.captions]
                written = CaptionOperations(service).set(edits) if edits else ChangeSet()
                for alternative in undo.kept:
                    service.alternatives.delete(alternative.id)
                for alternative in undo.dropped:
                    service.alternatives.restore(alternative)
                for key, language, before, _after in reversed(undo.texts):
                    service.catalogue.set_text(key, language, before)
                for kept in undo.kept_texts:
                    service.catalogue.remove_kept(kept.id)
                for kept in undo.dropped_texts:
                    service.catalogue.restore_kept(kept)
                if undo.routes is not None:
                    service.visit.put(undo.routes[0])
            return written

        written = service.store.retrying(work)
        back = RestoreImport(
            captions=written.captions,
            kept=undo.dropped,
            dropped=undo.kept,
            texts=tuple((key, tag, after, before) for key, tag, before, after in undo.texts),
            kept_texts=undo.dropped_texts,
            dropped_texts=undo.kept_texts,
            routes=None if undo.routes is None else (undo.routes[1], undo.routes[0]),
        )
        return import_changes(back)

    def resolve(self, alternative_id: int, *, take: bool) -> ChangeSet:
        """Take a translator's kept text into its field (``take``) or keep the curator's.

        Either way every text waiting beside that field is removed, as one edit.

        Raises:
            UsageError: no kept translation with that id, or its language is no longer
                one of the project's (taking it); nothing is written.
        """
        service = self._service
        with service.store.transaction():
            alternative = service.alternatives.get(alternative_id)
            if alternative is None:
                raise UsageError(
                    _("There is no kept translation with id %(id)d.") % {"id": alternative_id}
                )
            key = (alternative.photo_id, alternative.language, alternative.field)
            removed = tuple(service.alternatives.for_field(*key))
            written = ChangeSet()
            if take:
                edit = CaptionEdit(*key, alternative.text, alternative.status)
                written = CaptionOperations(service).set([edit])
            for item in removed:
                service.alternatives.delete(item.id)
        return import_changes(RestoreImport(captions=written.captions, dropped=removed))

    def resolve_kept(self, kept_id: int, *, take: bool) -> ChangeSet:
        """Take a translator's kept catalogue text (``take``) or keep the curator's, as one edit.

        Either way every text kept beside that catalogue text is removed.

        Raises:
            UsageError: no kept text with that id; nothing is written.
        """
        service = self._service
        with service.store.transaction():
            found = next((k for k in service.catalogue.kept() if k.id == kept_id), None)
            if found is None:
                raise UsageError(
                    _("There is no kept catalogue translation with id %(id)d.") % {"id": kept_id}
                )
            before = service.catalogue.texts().get(found.key, {}).get(found.language, "")
            removed = tuple(service.catalogue.kept(found.key, found.language))
            if take:
                service.catalogue.set_text(found.key, found.language, found.text)
            after = service.catalogue.texts().get(found.key, {}).get(found.language, "")
            for item in removed:
                service.catalogue.remove_kept(item.id)
        texts = ((found.key, found.language, before, after),) if after != before else ()
        return import_changes(RestoreImport(texts=texts, dropped_texts=removed))

    def record_sent(
        self, export_id: str, target: str, source: str, fmt: str, sent: Sequence[SentUnit]
    ) -> ChangeSet:
        """Record what a translator's file sends (under its export id), as one write.

        A record, not an edit: import matches the file against it. Nothing to undo (a file
        not written after all is forgotten with ``records.forget_export``).

        Raises:
            ReadOnlyProjectError, ProjectOpenError: the project cannot be written.
        """
        service = self._service
        with service.store.transaction():
            service.exports.add(export_id, target, source, fmt, tuple(sent))
        return ChangeSet()
