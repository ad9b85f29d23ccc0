"""Shortlisting: star ratings and pick/reject flags, set on many photos as one edit.

A curator goes through thousands of photos giving stars (0-5) and flags (pick, reject, or
none). Each call here is one transaction over every photo it names, and returns the marks
before and after, so the window can undo it as one step and the command line can report it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from curator.core.errors import NotFoundError, UsageError
from curator.core.model import MAX_RATING, PhotoFlag
from curator.core.services import ProjectService
from curator.i18n import _


class Keep(Enum):
    """Leave this mark as it is."""

    KEEP = "keep"


KEEP = Keep.KEEP


@dataclass(frozen=True, slots=True)
class PhotoMarks:
    """A photo's rating (None: never rated) and flag (None: neither picked nor rejected)."""

    photo_id: str
    rating: int | None
    flag: PhotoFlag | None


def check_rating(rating: int | None) -> None:
    """Refuse a rating outside 0-5 with a message for the person who typed it."""
    if rating is not None and not 0 <= rating <= MAX_RATING:
        raise UsageError(
            _("A rating is a number of stars from 0 to %(max)d, not %(rating)d.")
            % {"max": MAX_RATING, "rating": rating}
        )


def current_marks(service: ProjectService, photo_ids: list[str]) -> list[PhotoMarks]:
    """The marks of these photos now, in the order given.

    Raises:
        NotFoundError: one of the ids is not a photo of the project.
    """
    stored = service.photos.marks(photo_ids)
    missing = [pid for pid in photo_ids if pid not in stored]
    if missing:
        raise NotFoundError(_("The project has no photo with id “%(id)s”.") % {"id": missing[0]})
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
    if not isinstance(rating, Keep):
        check_rating(rating)
    unique = list(dict.fromkeys(photo_ids))
    before = current_marks(service, unique)
    after = [
        PhotoMarks(
            marks.photo_id,
            marks.rating if isinstance(rating, Keep) else rating,
            marks.flag if isinstance(flag, Keep) else flag,
        )
        for marks in before
    ]
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    if changed:
        restore_marks(service, [new for _old, new in changed])
    return [old for old, _new in changed], [new for _old, new in changed]


def restore_marks(service: ProjectService, marks: list[PhotoMarks]) -> None:
    """Write exactly these marks back (an undo or a redo), as one edit."""
    for item in marks:
        check_rating(item.rating)
    with service.store.transaction():
        for item in marks:
            service.photos.set_marks(item.photo_id, item.rating, item.flag)


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
    missing = [pid for pid in unique if pid not in stored]
    if missing:
        raise NotFoundError(_("The project has no photo with id “%(id)s”.") % {"id": missing[0]})
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
