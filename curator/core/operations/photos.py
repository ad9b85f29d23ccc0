"""Photo operations: star ratings and pick/reject flags on many photos as one edit."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from curator.core.errors import UsageError
from curator.core.model import MAX_RATING, PhotoFlag
from curator.core.operations.changes import ChangeSet, MarksChange, RestoreMarks
from curator.core.operations.rules import no_photo
from curator.i18n import _

if TYPE_CHECKING:
    from curator.core.services import ProjectService

Marks = tuple[int | None, PhotoFlag | None]


class Keep(Enum):
    """Leave this mark as it is."""

    KEEP = "keep"


KEEP = Keep.KEEP


def check_rating(rating: int | None) -> None:
    """Refuse a rating outside 0-5 with a message for the person who typed it."""
    if rating is not None and not 0 <= rating <= MAX_RATING:
        raise UsageError(
            _("A rating is a number of stars from 0 to %(max)d, not %(rating)d.")
            % {"max": MAX_RATING, "rating": rating}
        )


class PhotoOperations:
    """Writes to photos' own marks, each one edit."""

    def __init__(self, service: ProjectService) -> None:
        self._service = service

    def set_marks(
        self,
        photo_ids: list[str],
        *,
        rating: int | Keep | None = KEEP,
        flag: PhotoFlag | Keep | None = KEEP,
    ) -> ChangeSet:
        """Give these photos a rating and/or a flag, as one edit.

        Only photos whose marks change are written and named; nothing changes: an empty set.

        Raises:
            UsageError: a rating outside 0-5.
            NotFoundError: an unknown photo id (nothing was changed).
            ReadOnlyProjectError, ProjectOpenError: the project cannot be written.
        """
        if not isinstance(rating, Keep):
            check_rating(rating)
        unique = list(dict.fromkeys(photo_ids))
        with self._service.store.transaction():
            before = self._marks(unique)
            after = {
                pid: (
                    marks[0] if isinstance(rating, Keep) else rating,
                    marks[1] if isinstance(flag, Keep) else flag,
                )
                for pid, marks in before.items()
            }
            return self._write(before, after)

    def restore_marks(self, marks: list[tuple[str, int | None, PhotoFlag | None]]) -> ChangeSet:
        """Write exactly these marks back (an undo or a redo), as one edit."""
        for _pid, rating, _flag in marks:
            check_rating(rating)
        with self._service.store.transaction():
            before = self._marks([pid for pid, _rating, _flag in marks])
            return self._write(before, {pid: (rating, flag) for pid, rating, flag in marks})

    def _marks(self, photo_ids: list[str]) -> dict[str, Marks]:
        stored = self._service.photos.marks(photo_ids)
        for photo_id in photo_ids:
            if photo_id not in stored:
                raise no_photo(photo_id)
        return {pid: stored[pid] for pid in photo_ids}

    def _write(self, before: dict[str, Marks], after: dict[str, Marks]) -> ChangeSet:
        changes = tuple(
            MarksChange(pid, before[pid], after[pid]) for pid in after if before[pid] != after[pid]
        )
        if not changes:
            return ChangeSet()
        self._service.photos.set_many_marks([(c.photo_id, *c.after) for c in changes])
        return ChangeSet(
            marks=changes,
            photos=frozenset(c.photo_id for c in changes),
            undo=RestoreMarks(tuple((c.photo_id, *c.before) for c in changes)),
        )
