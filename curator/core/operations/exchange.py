"""Applying a translator's file as an operation: one transaction, a change set in its report.

The planning and the writing of each entry live in :mod:`curator.core.translators`; this
operation takes the project snapshot first (when the file changes anything) and runs the
writing in one transaction. Its report, an ``AppliedImport``, carries the change set of the
captions, catalogue texts and talking points written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from curator.core.storage.backups import SnapshotReason, snapshot_before

if TYPE_CHECKING:
    from curator.core.services import ProjectService
    from curator.core.translators.exchange_apply import AppliedImport
    from curator.core.translators.exchange_plan import ImportPlan


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
