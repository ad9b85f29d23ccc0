"""Small writes beside the captions, each one transaction.

Glossary words the speller flagged, accepted check findings, catalogue images, the record
of an export whose file was not written.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from curator.core.model import GlossaryEntry, GlossaryKind
from curator.core.operations.rules import project_language
from curator.core.repositories.catalogue import StoredAsset
from curator.core.repositories.memory_units import AcceptedFinding

if TYPE_CHECKING:
    from curator.core.services import ProjectService


class RecordOperations:
    """Writes of records beside the captions, each one edit."""

    def __init__(self, service: ProjectService) -> None:
        self._service = service

    def add_glossary_term(self, kind: GlossaryKind, language: str, term: str) -> GlossaryEntry:
        """Add a glossary entry with one language's form (a word the speller flagged).

        Raises:
            UsageError: a language that is not one of the project's.
        """
        service = self._service
        with service.store.transaction():
            tag = project_language(service.project.languages(), language)
            return service.glossary.add(kind, {tag: term})

    def accept_findings(self, findings: Iterable[AcceptedFinding]) -> None:
        """Keep these check findings as accepted (they are not reported again)."""
        service = self._service
        with service.store.transaction():
            for finding in findings:
                service.memory_units.accept(finding)

    def swap_assets(self, gone: list[StoredAsset], back: list[StoredAsset]) -> None:
        """Remove some catalogue images and put others back (an undo or a redo)."""
        service = self._service
        with service.store.transaction():
            for asset in gone:
                service.catalogue.remove_asset(asset.id)
            for asset in back:
                service.catalogue.restore_asset(asset)

    def forget_export(self, export_id: str) -> None:
        """Forget the record of an export whose file was not written."""
        with self._service.store.transaction():
            self._service.exports.delete(export_id)
