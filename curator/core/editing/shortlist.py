"""Shortlisting: star ratings and pick/reject flags, set on many photos as one edit.

A curator goes through thousands of photos giving stars (0-5) and flags (pick, reject, or
none). Each call here is one transaction over every photo it names, and returns the marks
before and after, so the window can undo it as one step and the command line can report it.
"""

from __future__ import annotations

from dataclasses import dataclass

from curator.core.model import PhotoFlag
from curator.core.operations import KEEP, Keep, rules
from curator.core.operations.photos import LABELS, check_label, check_label_or_keep, check_rating
from curator.core.services import ProjectService

__all__ = [
    "KEEP",
    "LABELS",
    "Keep",
    "PhotoLabel",
    "PhotoMarks",
    "check_label",
    "check_label_or_keep",
    "check_rating",
    "current_marks",
    "restore_marks",
    "set_label",
    "set_marks",
]


@dataclass(frozen=True, slots=True)
class PhotoMarks:
    """A photo's rating (None: never rated) and flag (None: neither picked nor rejected)."""

    photo_id: str
    rating: int | None
    flag: PhotoFlag | None


def current_marks(service: ProjectService, photo_ids: list[str]) -> list[PhotoMarks]:
    """The marks of these photos now, in the order given.

    Raises:
        NotFoundError: one of the ids is not a photo of the project.
    """
    stored = service.photos.marks(photo_ids)
    for photo_id in photo_ids:
        if photo_id not in stored:
            raise rules.no_photo(photo_id)
    return [PhotoMarks(pid, *stored[pid]) for pid in photo_ids]


def set_marks(
    service: ProjectService,
    photo_ids: list[str],
    *,
    rating: int | Keep | None = KEEP,
    flag: PhotoFlag | Keep | None = KEEP,
) -> tuple[list[PhotoMarks], list[PhotoMarks]]:
    """Give these photos a rating and/or a flag, as one edit.

    Returns the marks before and after, for the photos that changed (so an undo restores
    exactly those). Nothing is written when nothing changes.

    Raises:
        UsageError: a rating outside 0-5.
        NotFoundError: an unknown photo id (nothing was changed).
        ReadOnlyProjectError, ProjectOpenError: the project cannot be written.
    """
    changes = service.operations.photos.set_marks(photo_ids, rating=rating, flag=flag)
    return (
        [PhotoMarks(change.photo_id, *change.before) for change in changes.marks],
        [PhotoMarks(change.photo_id, *change.after) for change in changes.marks],
    )


def restore_marks(service: ProjectService, marks: list[PhotoMarks]) -> None:
    """Write exactly these marks back (an undo or a redo), as one edit."""
    service.operations.photos.restore_marks([(m.photo_id, m.rating, m.flag) for m in marks])


#: Lightroom's keys for the colour labels.
LABEL_KEYS = {"6": "red", "7": "yellow", "8": "green", "9": "blue"}


@dataclass(frozen=True, slots=True)
class PhotoLabel:
    """A photo's colour label (None: none)."""

    photo_id: str
    label: str | None


def set_label(
    service: ProjectService, photo_ids: list[str], label: str | None, *, toggle: bool = False
) -> tuple[list[PhotoLabel], list[PhotoLabel]]:
    """Give these photos a colour label (None takes it off), as one edit.

    With ``toggle`` (a key pressed, as in Lightroom) the label comes off instead when every
    photo already has it. Returns the labels before and after of the photos that changed.

    Raises:
        UsageError: an unknown label.
        NotFoundError: an unknown photo id (nothing was changed).
    """
    changes = service.operations.photos.set_label(photo_ids, label, toggle=toggle)
    return (
        [PhotoLabel(change.photo_id, change.before) for change in changes.labels],
        [PhotoLabel(change.photo_id, change.after) for change in changes.labels],
    )


def restore_labels(service: ProjectService, labels: list[PhotoLabel]) -> None:
    """Put labels back as they were (undo and redo)."""
    service.operations.photos.restore_labels([(item.photo_id, item.label) for item in labels])
