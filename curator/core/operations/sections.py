"""Section operations that return change sets: the order of the visit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from curator.core.operations.changes import ChangeSet, PlaceSection
from curator.core.operations.rules import require_section

if TYPE_CHECKING:
    from curator.core.services import ProjectService


class SectionOperations:
    """Writes to the sections of the visit, each one edit."""

    def __init__(self, service: ProjectService) -> None:
        self._service = service

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
