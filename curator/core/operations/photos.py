"""Photo operations: star ratings, pick/reject flags and colour labels, many photos at once."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from curator.core.errors import UsageError
from curator.core.model import MAX_RATING, PhotoFlag
from curator.core.operations.changes import (
    ChangeSet,
    LabelChange,
    MarksChange,
    RestoreLabels,
    RestoreMarks,
)
from curator.core.operations.rules import no_photo
from curator.i18n import _

if TYPE_CHECKING:
    from curator.core.services import ProjectService

Marks = tuple[int | None, PhotoFlag | None]


class Keep(Enum):
    """Leave this mark as it is."""

    KEEP = "keep"


KEEP = Keep.KEEP

#: Colour labels, as Lightroom, Bridge and Photo Mechanic write them (xmp:Label), lower case.
LABELS = ("red", "yellow", "green", "blue", "purple")


def check_rating(rating: int | None) -> None:
    """Refuse a rating outside 0-5 with a message for the person who typed it."""
    if rating is not None and not 0 <= rating <= MAX_RATING:
        raise UsageError(
            _("A rating is a number of stars from 0 to %(max)d, not %(rating)d.")
            % {"max": MAX_RATING, "rating": rating}
        )


def check_label(label: str | None) -> str | None:
    """A label in its stored spelling ("Red" → "red"), or a refusal naming the choices."""
    if label is None:
        return None
    spelled = label.strip().lower()
    if spelled not in LABELS:
        raise UsageError(
            _("A colour label is one of %(labels)s, not “%(label)s”.")
            % {"labels": ", ".join(LABELS), "label": label}
        )
    return spelled


def check_label_or_keep(stored: str | None) -> str | None:
    """A stored label compared in lower case (a file may have said "Red")."""
    return stored.strip().lower() if stored else None


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

    def set_label(
        self, photo_ids: list[str], label: str | None, *, toggle: bool = False
    ) -> ChangeSet:
        """Give these photos a colour label (None takes it off), as one edit.

        With ``toggle`` (a key pressed, as in Lightroom) the label comes off instead when
        every photo already has it. Only photos whose label changes are written and named.

        Raises:
            UsageError: an unknown label.
            NotFoundError: an unknown photo id (nothing was changed).
            ReadOnlyProjectError, ProjectOpenError: the project cannot be written.
        """
        label = check_label(label)
        unique = list(dict.fromkeys(photo_ids))
        with self._service.store.transaction():
            stored = self._labels(unique)
            current = {pid: check_label_or_keep(stored[pid]) for pid in unique}
            if toggle and label is not None and all(current[pid] == label for pid in unique):
                label = None
            return self._write_labels(
                [LabelChange(pid, stored[pid], label) for pid in unique if current[pid] != label]
            )

    def restore_labels(self, labels: list[tuple[str, str | None]]) -> ChangeSet:
        """Write exactly these labels back (an undo or a redo), as one edit.

        A photo taken out of the project since is passed over.
        """
        with self._service.store.transaction():
            stored = self._service.photos.labels([pid for pid, _label in labels])
            return self._write_labels(
                [LabelChange(pid, stored[pid], label) for pid, label in labels if pid in stored]
            )

    def _labels(self, photo_ids: list[str]) -> dict[str, str | None]:
        stored = self._service.photos.labels(photo_ids)
        for photo_id in photo_ids:
            if photo_id not in stored:
                raise no_photo(photo_id)
        return stored

    def _write_labels(self, changes: list[LabelChange]) -> ChangeSet:
        if not changes:
            return ChangeSet()
        for change in changes:
            self._service.photos.set_label(change.photo_id, change.after)
        return ChangeSet(
            labels=tuple(changes),
            photos=frozenset(change.photo_id for change in changes),
            undo=RestoreLabels(tuple((change.photo_id, change.before) for change in changes)),
        )
