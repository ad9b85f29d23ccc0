"""What the printed products contain: the photos placed in sections, in visit order.

The catalogue, the panels and the wall labels print the photos that a curator put in a
section, section by section in visit order, and never one flagged as rejected; with
``picks_only`` only the picked ones. Photos in no section are not printed (preflight says
how many and which, the Export dialog counts them); the approval proof may list them in a
part of their own. :func:`scope_summary` gives the counts the Export dialog shows before
anything runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from curator.core.model import Photo, PhotoFlag
from curator.core.services import ProjectService
from curator.i18n import _, ngettext


def is_printable(photo: Photo, picks_only: bool = False) -> bool:
    """Whether a photo placed in a section prints: not rejected, and picked if asked."""
    if photo.flag is PhotoFlag.REJECT:
        return False
    return not picks_only or photo.flag is PhotoFlag.PICK


def printed_photos(
    service: ProjectService, picks_only: bool = False
) -> Iterator[tuple[int, int, Photo]]:
    """``(section number, place among its printed photos, photo)`` in visit order.

    Sections are numbered from 1 in visit order (as delivery numbers them), whether or not
    any of their photos print; places count the printed photos only.
    """
    for number, section in enumerate(service.exhibition.sections(), start=1):
        place = 0
        for photo_id in service.exhibition.photo_ids(section.id):
            photo = service.photos.get(photo_id)
            if is_printable(photo, picks_only):
                place += 1
                yield number, place, photo


def printed_ids(service: ProjectService, picks_only: bool = False) -> set[str]:
    """The ids of :func:`printed_photos`."""
    return {photo.id for _n, _p, photo in printed_photos(service, picks_only)}


def _capture_key(photo: Photo) -> tuple[bool, float, str]:
    captured: datetime | None = photo.captured_at
    return captured is None, captured.timestamp() if captured else 0.0, photo.path.name


def unplaced_photos(service: ProjectService) -> list[Photo]:
    """Photos in no section and not rejected, in capture-time order: they are not printed."""
    placed = service.exhibition.placed_photo_ids()
    rest = (
        photo
        for photo in service.photos.all()
        if photo.id not in placed and photo.flag is not PhotoFlag.REJECT
    )
    return sorted(rest, key=_capture_key)


@dataclass(frozen=True, slots=True)
class ScopeSummary:
    """How the project's photos count for printing.

    ``in_sections`` are placed in a section (rejected ones too), ``rejected`` flagged
    rejected wherever they are, ``unplaced`` in no section and not rejected; ``printed`` is
    what the products contain: the placed photos less the rejected ones (with
    ``picks_only``, the placed picks) - "96 in sections, 1 rejected … 95 will be printed".
    """

    total: int
    in_sections: int
    rejected: int
    unplaced: int
    printed: int

    def sentence(self) -> str:
        """One sentence: "112 photos: 96 in sections, 1 rejected, 15 in no section — …"."""
        parts = {
            "photos": ngettext("%(count)d photo", "%(count)d photos", self.total)
            % {"count": self.total},
            "placed": ngettext("%(count)d in sections", "%(count)d in sections", self.in_sections)
            % {"count": self.in_sections},
            "rejected": ngettext("%(count)d rejected", "%(count)d rejected", self.rejected)
            % {"count": self.rejected},
            "unplaced": ngettext(
                "%(count)d in no section", "%(count)d in no section", self.unplaced
            )
            % {"count": self.unplaced},
            "printed": ngettext(
                "%(count)d will be printed", "%(count)d will be printed", self.printed
            )
            % {"count": self.printed},
        }
        # Each count is its own ngettext: Russian needs each number's own plural form.
        return _("%(photos)s: %(placed)s, %(rejected)s, %(unplaced)s — %(printed)s.") % parts


def scope_summary(service: ProjectService, picks_only: bool = False) -> ScopeSummary:
    """Count the project's photos as :class:`ScopeSummary` splits them."""
    placed = service.exhibition.placed_photo_ids()
    total = in_sections = rejected = unplaced = printed = 0
    for photo in service.photos.all():
        total += 1
        rejected += photo.flag is PhotoFlag.REJECT
        if photo.id in placed:
            in_sections += 1
            printed += is_printable(photo, picks_only)
        elif photo.flag is not PhotoFlag.REJECT:
            unplaced += 1
    return ScopeSummary(total, in_sections, rejected, unplaced, printed)
