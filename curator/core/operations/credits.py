"""Credit operations: giving photos structured credits (who made them, for which agency).

A credit's names are kept per language ("Tuấn Anh", "Туан Ань", "Tuan Anh"); the caption
fields that follow the credits (the credit line, unless the curator wrote it) are written
again in the same transaction, so they never show the credits before the change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from curator.core.model import CreditRole
from curator.core.operations.changes import ChangeSet
from curator.core.operations.rules import project_language, require_photos

if TYPE_CHECKING:
    from curator.core.services import ProjectService


@dataclass(frozen=True, slots=True)
class CreditDraft:
    """A credit to add to a photo, after its others: names by language tag."""

    photo_id: str
    photographer: dict[str, str] = field(default_factory=dict)
    agency: dict[str, str] = field(default_factory=dict)
    role: CreditRole = CreditRole.PHOTO


class CreditOperations:
    """Writes to photos' credits."""

    def __init__(self, service: ProjectService) -> None:
        self._service = service

    def add(self, drafts: Sequence[CreditDraft]) -> ChangeSet:
        """Append these credits (several photos at once, in order) as one write.

        The change set names the photos and the generated caption fields that changed.
        It has nothing to undo: credits come with a photo (its file, the demo), no edit of
        the window adds one.

        Raises:
            NotFoundError: an id that names no photo (nothing is written).
            UsageError: a name in a language that is not one of the project's.
            ReadOnlyProjectError, ProjectOpenError: the project cannot be written.
        """
        service = self._service
        photo_ids = list(dict.fromkeys(draft.photo_id for draft in drafts))
        require_photos(service, photo_ids)
        languages = service.project.languages()

        def tagged(names: dict[str, str]) -> dict[str, str]:
            return {project_language(languages, tag): name for tag, name in names.items()}

        checked = [
            (draft.photo_id, tagged(draft.photographer), tagged(draft.agency), draft.role)
            for draft in drafts
        ]
        with service.store.transaction():
            for photo_id, photographer, agency, role in checked:
                service.photos.add_credit(photo_id, photographer, agency, role)
            regenerated = service.operations.captions.regenerate(photo_ids)
        return ChangeSet(
            captions=regenerated.captions,
            photos=frozenset(photo_ids),
            regenerated=regenerated.regenerated,
        )
