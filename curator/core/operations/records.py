"""Small writes beside the captions, each one transaction.

Glossary words the speller flagged, a glossary file imported, a glossary entry's case forms,
accepted check findings, catalogue images, the record of an export whose file was not written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from curator.core.errors import NotFoundError, UsageError
from curator.core.language.glossary_cases import clean_cases
from curator.core.language.glossary_import import GlossaryDraft
from curator.core.model import GlossaryEntry, GlossaryKind
from curator.core.operations.changes import ChangeSet, RestoreGlossaryCases
from curator.core.operations.rules import project_language
from curator.core.repositories.catalogue import StoredAsset
from curator.core.repositories.memory_units import AcceptedFinding
from curator.core.storage.backups import SnapshotReason, snapshot_before
from curator.i18n import _

if TYPE_CHECKING:
    from curator.core.language.glossary_import import GlossaryImportPlan
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

    def import_glossary(
        self, plan: GlossaryImportPlan, *, source: str = "", backup: bool = True
    ) -> ChangeSet:
        """Write a glossary file's import plan: entries replaced and added, as one edit.

        The place and credit captions that still follow the glossary are regenerated in the
        same transaction, so a corrected name reaches every caption not edited by hand. A
        plan that changes anything is preceded by a project snapshot (unless ``backup`` is
        False; ``source`` names the file in its detail), the way back: the change set names
        the entries and the caption fields written and has no undo of its own.

        Raises:
            BackupError: the snapshot could not be written; nothing was changed.
            ReadOnlyProjectError, ProjectOpenError: the project cannot be written.
        """
        if not plan.added and not plan.replaced:
            return ChangeSet()
        service = self._service
        snapshot_before(service.store, SnapshotReason.GLOSSARY_IMPORT, source, backup=backup)
        with service.store.transaction():
            touched = [service.glossary.replace(entry).id for entry in plan.replaced]
            touched += [_add_entry(service, draft, draft.terms) for draft in plan.added]
            regenerated = service.operations.captions.regenerate()
        return replace(regenerated, glossary=frozenset(touched))

    def add_glossary_entries(self, drafts: Sequence[GlossaryDraft]) -> ChangeSet:
        """Add glossary entries (terms, forms, notes, codes), as one write.

        The place and credit fields that follow the glossary and were not written by hand
        are regenerated in the same transaction. The change set names the new entries; it
        has nothing to undo (the demo's glossary; a glossary file is imported as a plan).

        Raises:
            UsageError: a language that is not one of the project's, or a code that an
                entry already has (nothing is written).
            ReadOnlyProjectError, ProjectOpenError: the project cannot be written.
        """
        service = self._service
        with service.store.transaction():
            languages = service.project.languages()
            codes = {entry.code for entry in service.glossary.all() if entry.code}
            for draft in drafts:
                for names in (draft.terms, draft.variants, draft.forbidden, draft.surnames):
                    for tag in names:
                        project_language(languages, tag)
                if draft.code and draft.code in codes:
                    raise UsageError(
                        _("The glossary already has an entry with code “%(code)s”.")
                        % {"code": draft.code}
                    )
                codes.add(draft.code)
            added = [
                _add_entry(
                    service,
                    draft,
                    {project_language(languages, tag): text for tag, text in draft.terms.items()},
                )
                for draft in drafts
            ]
            regenerated = service.operations.captions.regenerate()
        return ChangeSet(
            captions=regenerated.captions,
            photos=regenerated.photos,
            regenerated=regenerated.regenerated,
            glossary=frozenset(added),
        )

    def set_glossary_cases(self, entry_id: int, cases: dict[str, dict[str, str]]) -> ChangeSet:
        """Give a glossary entry these case forms (``{"ru": {"gen": "Ханоя"}}``).

        ``cases`` holds every language's forms the entry is to have; a language left out or
        a form left empty has none (its marker then stays as typed); forms kept as they
        were are not checked again. The undo data puts the former forms back.

        Raises:
            NotFoundError: no entry with this id.
            UsageError: a language that is not one of the project's, or a case name that
                is not an oblique case.
        """
        service = self._service
        with service.store.transaction():
            try:
                entry = service.glossary.get(entry_id)
            except KeyError:
                raise NotFoundError(
                    _("The glossary has no entry with id “%(id)s”.") % {"id": entry_id}
                ) from None
            languages = service.project.languages()
            # Forms kept as they were need no check (a language the project no longer has
            # keeps its forms); a language written to must be one of the project's.
            tags = {
                language: language
                if forms == entry.cases.get(language)
                else project_language(languages, language)
                for language, forms in cases.items()
            }
            try:
                cleaned = clean_cases({tags[tag]: forms for tag, forms in cases.items()})
            except ValueError as error:
                raise UsageError(
                    _("“%(case)s” is not a grammatical case a glossary keeps forms for.")
                    % {"case": str(error)}
                ) from None
            if cleaned == entry.cases:
                return ChangeSet()
            service.glossary.replace(replace(entry, cases=cleaned))
        before = tuple(
            (language, tuple(sorted(forms.items()))) for language, forms in entry.cases.items()
        )
        return ChangeSet(
            glossary=frozenset({entry_id}), undo=RestoreGlossaryCases(entry_id, before)
        )

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


def _add_entry(service: ProjectService, draft: GlossaryDraft, terms: dict[str, str]) -> int:
    """Add one drafted glossary entry with ``terms``; its id."""
    return service.glossary.add(
        draft.kind,
        terms,
        draft.note,
        code=draft.code,
        variants=draft.variants,
        forbidden=draft.forbidden,
        surnames=draft.surnames,
        cases=draft.cases,
    ).id
