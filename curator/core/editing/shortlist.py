"""Shortlisting: star ratings and pick/reject flags, set on many photos as one edit.

A curator goes through thousands of photos giving stars (0-5) and flags (pick, reject, or
none). Each call here is one transaction over every photo it names, and returns the marks
before and after, so the window can undo it as one step and the command line can report it.
"""

from __future__ import annotations

from dataclasses import dataclass

from curator.core.errors import UsageError
from curator.core.model import PhotoFlag
from curator.core.operations import KEEP, Keep, rules
from curator.core.operations.photos import check_rating
from curator.core.services import ProjectService
from curator.i18n import _

__all__ = [
    "KEEP",
    "LABELS",
    "Keep",
    "PhotoLabel",
    "PhotoMarks",
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


#: Colour labels, as Lightroom, Bridge and Photo Mechanic write them (xmp:Label), lower case.
LABELS = ("red", "yellow", "green", "blue", "purple")
#: Lightroom's keys for them.
LABEL_KEYS = {"6": "red", "7": "yellow", "8": "green", "9": "blue"}


@dataclass(frozen=True, slots=True)
class PhotoLabel:
    """A photo's colour label (None: none)."""

    photo_id: str
    label: str | None


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
    label = check_label(label)
    unique = list(dict.fromkeys(photo_ids))
    stored = service.photos.labels(unique)
    for photo_id in unique:
        if photo_id not in stored:
            raise rules.no_photo(photo_id)
    current = {pid: check_label_or_keep(stored[pid]) for pid in unique}
    if toggle and label is not None and all(current[pid] == label for pid in unique):
        label = None
    before = [PhotoLabel(pid, stored[pid]) for pid in unique if current[pid] != label]
    after = [PhotoLabel(item.photo_id, label) for item in before]
    if after:
        with service.store.transaction():
            for item in after:
                service.photos.set_label(item.photo_id, item.label)
    return before, after


def check_label_or_keep(stored: str | None) -> str | None:
    """A stored label compared in lower case (a file may have said "Red")."""
    return stored.strip().lower() if stored else None


def restore_labels(service: ProjectService, labels: list[PhotoLabel]) -> None:
    """Put labels back as they were (undo and redo)."""
    with service.store.transaction():
        for item in labels:
            service.photos.set_label(item.photo_id, item.label)
