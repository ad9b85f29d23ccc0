"""Sections of the visit, as the callers of old knew them: each call goes through an operation.

The use cases live in :class:`curator.core.operations.sections.SectionOperations` (one
transaction each, a change set with its undo data); these functions keep the older return
values (an :class:`Arrangement`, a :class:`SectionSnapshot`, the section as it was) for
code that still reads them.
"""

from __future__ import annotations

from curator.core.model import Section
from curator.core.operations import (
    Arrangement,
    ChangeSet,
    PlaceSection,
    RemoveSection,
    RestoreArrangement,
    RestoreSection,
    SectionSnapshot,
    rules,
)
from curator.core.operations.sections import arrangement, clean_texts, section_label
from curator.core.services import ProjectService

__all__ = [
    "Arrangement",
    "SectionSnapshot",
    "add_section",
    "arrangement",
    "assign",
    "clean_texts",
    "delete_section",
    "move_section",
    "reorder",
    "require_section",
    "restore_arrangement",
    "restore_section",
    "section_index",
    "section_label",
    "set_texts",
    "unassign",
    "undo_add_section",
]


def require_section(service: ProjectService, section_id: str) -> Section:
    """The section, or :class:`NotFoundError` naming the id."""
    return rules.require_section(service, section_id)


def _before(changes: ChangeSet) -> Arrangement:
    undo = changes.undo
    assert isinstance(undo, RestoreArrangement)
    return undo.arrangement


def _snapshot(changes: ChangeSet) -> SectionSnapshot:
    undo = changes.undo
    assert isinstance(undo, RestoreSection)
    return undo.snapshot


def restore_arrangement(service: ProjectService, state: Arrangement) -> None:
    """Put the photos back as ``state`` says, as one edit."""
    service.operations.sections.restore_arrangement(state)


def add_section(
    service: ProjectService,
    title: dict[str, str],
    intro: dict[str, str] | None = None,
    photo_ids: list[str] | None = None,
) -> tuple[Section, Arrangement]:
    """Append a section (with photos), as one edit; returns it and where its photos were."""
    section, changes = service.operations.sections.add(title, intro, photo_ids)
    undo = changes.undo
    assert isinstance(undo, RemoveSection) and undo.before is not None
    return section, undo.before


def set_texts(
    service: ProjectService,
    section_id: str,
    title: dict[str, str],
    intro: dict[str, str] | None = None,
) -> Section:
    """Replace a section's title (and, when given, introduction); returns it as it was."""
    old = require_section(service, section_id)
    service.operations.sections.set_texts(section_id, title, intro)
    return old


def section_index(service: ProjectService, section_id: str) -> int:
    """Where a section is in the visit, 0 first."""
    return service.operations.sections.index(section_id)


def move_section(service: ProjectService, section_id: str, index: int) -> int:
    """Put a section at ``index`` of the visit (0 first); returns where it was."""
    changes = service.operations.sections.move(section_id, index)
    if isinstance(changes.undo, PlaceSection):
        return changes.undo.index
    return section_index(service, section_id)


def assign(
    service: ProjectService,
    section_id: str,
    photo_ids: list[str],
    before_photo_id: str | None = None,
) -> Arrangement:
    """Move photos into a section (see the operation); returns the arrangement before."""
    return _before(service.operations.sections.assign(section_id, photo_ids, before_photo_id))


def reorder(service: ProjectService, section_id: str, photo_ids: list[str]) -> Arrangement:
    """Give a section's photos a new order (the same photos); returns the old arrangement."""
    return _before(service.operations.sections.reorder(section_id, photo_ids))


def unassign(service: ProjectService, photo_ids: list[str]) -> Arrangement:
    """Take photos out of their sections (they stay in the project); returns the arrangement."""
    return _before(service.operations.sections.unassign(photo_ids))


def delete_section(
    service: ProjectService, section_id: str, *, backup: bool = True
) -> SectionSnapshot:
    """Delete a section (see the operation); the snapshot returned brings it back."""
    return _snapshot(service.operations.sections.delete(section_id, backup=backup))


def restore_section(service: ProjectService, snapshot: SectionSnapshot) -> None:
    """Bring back a deleted section at its old place, with its photos, as one edit."""
    service.operations.sections.restore(snapshot)


def undo_add_section(
    service: ProjectService, section_id: str, before: Arrangement
) -> SectionSnapshot:
    """Take back :func:`add_section`: delete the section, photos back where they were."""
    return _snapshot(service.operations.sections.remove(section_id, before))
