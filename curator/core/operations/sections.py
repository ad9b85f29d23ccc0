"""Section operations that return change sets: adding, naming, ordering, filling, deleting.

Each method is one user action and one transaction; the change set names the sections and
photos it touched and carries what undoing it needs. Ids a user gives are checked first: an
unknown one raises :class:`~curator.core.errors.NotFoundError` naming it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from curator.core.errors import NotFoundError, UsageError
from curator.core.language.text import nfc
from curator.core.model import Section
from curator.core.operations import rules
from curator.core.operations.changes import (
    Arrangement,
    ChangeSet,
    PlaceSection,
    RemoveSection,
    RestoreArrangement,
    RestoreSection,
    RestoreSectionTexts,
    SectionSnapshot,
)
from curator.core.operations.rules import require_section
from curator.core.storage.backups import SnapshotReason, snapshot_before
from curator.i18n import _

if TYPE_CHECKING:
    from curator.core.services import ProjectService


def clean_texts(service: ProjectService, texts: dict[str, str]) -> dict[str, str]:
    """Tags in canonical form and among the project's languages; text NFC and trimmed."""
    languages = service.project.languages()
    cleaned: dict[str, str] = {}
    for tag, text in texts.items():
        cleaned[rules.project_language(languages, tag)] = nfc(text).strip()
    return cleaned


def section_label(service: ProjectService, section: Section) -> str:
    """A section's title in the first project language that has one (else its id)."""
    languages = service.project.languages()
    return next((section.title[tag] for tag in languages if section.title.get(tag)), section.id)


def arrangement(
    service: ProjectService, photo_ids: list[str], section_ids: list[str]
) -> Arrangement:
    """The order of the named sections and of every section holding one of the photos."""
    wanted = list(dict.fromkeys(section_ids))
    unplaced = []
    for photo_id in photo_ids:
        holder = service.exhibition.section_of(photo_id)
        if holder is None:
            unplaced.append(photo_id)
        elif holder not in wanted:
            wanted.append(holder)
    sections = tuple((sid, tuple(service.exhibition.photo_ids(sid))) for sid in wanted)
    return Arrangement(sections, tuple(unplaced))


def _require_title(title: dict[str, str]) -> None:
    if not any(title.values()):
        raise UsageError(_("A section needs a title in at least one language."))


def _require_photos(service: ProjectService, photo_ids: list[str]) -> None:
    rules.require_photos(service, photo_ids)
    if len(set(photo_ids)) != len(photo_ids):
        raise UsageError(_("A photo is named twice."))


def _placed(photo_ids: list[str], before: Arrangement, *extra: str) -> ChangeSet:
    """Photos that changed places (and their sections), undone by putting ``before`` back."""
    return ChangeSet(
        photos=frozenset(photo_ids),
        sections=frozenset([*before.section_ids(), *extra]),
        undo=RestoreArrangement(before),
    )


class SectionOperations:
    """Writes to the sections of the visit, each one edit."""

    def __init__(self, service: ProjectService) -> None:
        self._service = service

    def index(self, section_id: str) -> int:
        """Where a section is in the visit, 0 first (:class:`NotFoundError`: no such section)."""
        require_section(self._service, section_id)
        return self._service.exhibition.section_ids().index(section_id)

    def move(self, section_id: str, index: int) -> ChangeSet:
        """Put a section at ``index`` of the visit (0 first; clamped), as one edit.

        Raises:
            NotFoundError: no section with this id.
            ReadOnlyProjectError, ProjectOpenError: the project cannot be written.
        """
        service = self._service
        with service.store.transaction():
            require_section(service, section_id)
            order = service.exhibition.section_ids()
            old_index = order.index(section_id)
            new_index = max(0, min(index, len(order) - 1))
            if new_index == old_index:
                return ChangeSet()
            service.exhibition.move_section(section_id, new_index)
        return ChangeSet(
            sections=frozenset({section_id}),
            section_order=True,
            undo=PlaceSection(section_id, old_index),
        )

    def add(
        self,
        title: dict[str, str],
        intro: dict[str, str] | None = None,
        photo_ids: list[str] | None = None,
    ) -> tuple[Section, ChangeSet]:
        """Append a section (with photos, moved from where they were), as one edit.

        Returns the new section and the change set (its undo deletes the section and puts
        the photos back).
        """
        service = self._service
        title = clean_texts(service, title)
        intro_texts = clean_texts(service, intro or {})
        _require_title(title)
        photos = list(photo_ids or [])
        _require_photos(service, photos)
        before = arrangement(service, photos, [])
        with service.store.transaction():
            section = service.exhibition.add_section(title, intro_texts)
            if photos:
                service.exhibition.assign(section.id, photos)
        changes = ChangeSet(
            photos=frozenset(photos),
            sections=frozenset([section.id, *before.section_ids()]),
            undo=RemoveSection(section.id, before),
        )
        return section, changes

    def set_texts(
        self, section_id: str, title: dict[str, str], intro: dict[str, str] | None = None
    ) -> ChangeSet:
        """Replace a section's title (and, when given, introduction), as one edit."""
        service = self._service
        old = require_section(service, section_id)
        title = clean_texts(service, title)
        _require_title(title)
        intro_texts = None if intro is None else clean_texts(service, intro)
        with service.store.transaction():
            service.exhibition.set_section_texts(section_id, "title", title)
            if intro_texts is not None:
                service.exhibition.set_section_texts(section_id, "intro", intro_texts)
        undo = RestoreSectionTexts(section_id, tuple(old.title.items()), tuple(old.intro.items()))
        return ChangeSet(sections=frozenset({section_id}), undo=undo)

    def assign(
        self, section_id: str, photo_ids: list[str], before_photo_id: str | None = None
    ) -> ChangeSet:
        """Move photos into a section, in this order, before a photo of it or at the end.

        Photos already in the section move within it.
        """
        service = self._service
        require_section(service, section_id)
        _require_photos(service, photo_ids)
        current = service.exhibition.photo_ids(section_id)
        if before_photo_id is not None and before_photo_id not in current:
            raise NotFoundError(
                _("The section “%(section)s” has no photo with id “%(id)s”.")
                % {"section": section_id, "id": before_photo_id}
            )
        before = arrangement(service, photo_ids, [section_id])
        moving = set(photo_ids)
        staying = [pid for pid in current if pid not in moving]
        at = len(staying)
        if before_photo_id is not None and before_photo_id not in moving:
            at = staying.index(before_photo_id)
        with service.store.transaction():
            service.exhibition.set_section_photos(
                section_id, [*staying[:at], *photo_ids, *staying[at:]]
            )
        return _placed(photo_ids, before)

    def reorder(self, section_id: str, photo_ids: list[str]) -> ChangeSet:
        """Give a section's photos a new order (the same photos), as one edit."""
        service = self._service
        require_section(service, section_id)
        current = service.exhibition.photo_ids(section_id)
        if sorted(photo_ids) != sorted(current):
            raise UsageError(
                _("A new order for section “%(id)s” must name each of its photos once.")
                % {"id": section_id}
            )
        before = arrangement(service, [], [section_id])
        with service.store.transaction():
            service.exhibition.set_section_photos(section_id, photo_ids)
        return _placed(photo_ids, before)

    def unassign(self, photo_ids: list[str]) -> ChangeSet:
        """Take photos out of their sections (they stay in the project), as one edit."""
        service = self._service
        _require_photos(service, photo_ids)
        before = arrangement(service, photo_ids, [])
        with service.store.transaction():
            service.exhibition.unassign(photo_ids)
        return _placed(photo_ids, before)

    def restore_arrangement(self, state: Arrangement) -> ChangeSet:
        """Put photos back as ``state`` says, as one edit; the undo puts them as they are."""
        service = self._service
        before = arrangement(service, state.photo_ids(), state.section_ids())
        with service.store.transaction():
            service.exhibition.unassign(list(state.unplaced))
            for section_id, photo_ids in state.sections:
                service.exhibition.set_section_photos(section_id, list(photo_ids))
        return _placed(state.photo_ids(), before, *state.section_ids())

    def delete(self, section_id: str, *, backup: bool = True) -> ChangeSet:
        """Delete a section (its photos stay in the project, in no section), as one edit.

        Its panels and slots go with it; the undo brings everything back. With ``backup`` a
        project snapshot is taken first (see :func:`snapshot_before`): if that fails,
        :class:`~curator.core.errors.BackupError` is raised and nothing is deleted.
        """
        service = self._service
        index = self.index(section_id)
        section = service.exhibition.section(section_id)
        snapshot_before(
            service.store,
            SnapshotReason.DELETE_SECTION,
            section_label(service, section),
            backup=backup,
        )
        snapshot = self._snapshot(section_id, index)
        photos = service.exhibition.photo_ids(section_id)
        with service.store.transaction():
            service.exhibition.delete_section(section_id)
        return ChangeSet(
            photos=frozenset(photos),
            sections=frozenset({section_id}),
            undo=RestoreSection(snapshot),
        )

    def remove(self, section_id: str, before: Arrangement | None = None) -> ChangeSet:
        """Take back a new section: delete it (no backup), photos back as ``before`` says."""
        service = self._service
        with service.store.transaction():
            snapshot = self._snapshot(section_id, self.index(section_id))
            photos = service.exhibition.photo_ids(section_id)
            service.exhibition.delete_section(section_id)
            if before is not None:
                self.restore_arrangement(before)
        touched = [section_id, *(before.section_ids() if before else [])]
        return ChangeSet(
            photos=frozenset(photos),
            sections=frozenset(touched),
            undo=RestoreSection(snapshot, before),
        )

    def restore(self, snapshot: SectionSnapshot, before: Arrangement | None = None) -> ChangeSet:
        """Bring back a deleted section at its old place, with its photos, as one edit."""
        service = self._service
        section_id = snapshot.section_id
        with service.store.transaction():
            service.exhibition.restore_rows(list(snapshot.rows))
            service.exhibition.move_section(section_id, snapshot.index)
            photos = service.exhibition.photo_ids(section_id)
        touched = [section_id, *(before.section_ids() if before else [])]
        return ChangeSet(
            photos=frozenset(photos),
            sections=frozenset(touched),
            undo=RemoveSection(section_id, before),
        )

    def _snapshot(self, section_id: str, index: int) -> SectionSnapshot:
        rows = self._service.exhibition.section_rows(section_id)
        return SectionSnapshot(section_id, index, tuple(rows))
