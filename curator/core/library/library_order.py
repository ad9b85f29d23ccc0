"""The library's order and the headline it shows under each photo.

Plain data in, plain data out, so the window and any command sort the same way: by import
order (the order photos were added), capture time, file name, rating or headline. Ties keep
the import order, so a sort is stable and predictable.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from datetime import datetime
from enum import StrEnum

from curator.core.model import Photo
from curator.i18n import N_


class LibrarySort(StrEnum):
    """How the library is ordered."""

    IMPORT = "import"
    CAPTURE = "capture"
    NAME = "name"
    RATING = "rating"
    HEADLINE = "headline"


#: The orders as the window lists them (marked for translation, translated where shown).
SORT_LABELS: dict[LibrarySort, str] = {
    LibrarySort.IMPORT: N_("Import order"),
    LibrarySort.CAPTURE: N_("Capture time"),
    LibrarySort.NAME: N_("File name"),
    LibrarySort.RATING: N_("Rating"),
    LibrarySort.HEADLINE: N_("Headline"),
}

_LATEST = datetime.max


def library_headline(
    texts: dict[str, str], interface_language: str, source_language: str, languages: Sequence[str]
) -> str:
    """The headline to show: in the interface language when there is one, else the source's.

    A Russian co-curator sees the Russian headline; a photo with none in Russian shows the
    source language's, then the first project language that has one. A project tag with a
    region or script (``vi-VN``) matches an interface language given without (``vi``).
    """
    wanted = interface_language.split("-")[0].split("_")[0].lower()
    for tag in languages:
        if tag.split("-")[0].lower() == wanted and texts.get(tag):
            return texts[tag]
    for tag in (source_language, *languages):
        if texts.get(tag):
            return texts[tag]
    return ""


def _text_key(text: str) -> tuple[bool, str, str]:
    """Empty last; then letters without their accents (Á beside A, Đ beside D), case aside."""
    folded = text.strip().casefold()
    bare = "".join(
        c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c)
    ).replace("đ", "d")
    return (not folded, bare, folded)


def sort_key(order: LibrarySort) -> Callable[[int, Photo, str], tuple[object, ...]]:
    """A key for ``(import rank, photo, headline shown)``; ties keep the import order.

    The import rank is the photo's place in ``PhotoRepository.import_order``.

    Capture time: oldest first, photos without one last. File name and headline: letters
    with and without accents and case together (any script), empty last. Rating: most stars
    first.
    """
    if order is LibrarySort.CAPTURE:
        return lambda i, photo, _h: (
            photo.captured_at is None,
            _naive(photo.captured_at) if photo.captured_at else _LATEST,
            i,
        )
    if order is LibrarySort.NAME:
        return lambda i, photo, _h: (*_text_key(photo.path.name), i)
    if order is LibrarySort.RATING:
        return lambda i, photo, _h: (-(photo.rating or 0), i)
    if order is LibrarySort.HEADLINE:
        return lambda i, photo, headline: (*_text_key(headline), i)
    return lambda i, _photo, _h: (i,)


def _naive(moment: datetime) -> datetime:
    """Capture times compare whether or not the camera wrote a time zone (local clock)."""
    return moment if moment.tzinfo is None else moment.replace(tzinfo=None)


def sorted_positions(
    photos: Sequence[Photo],
    headlines: Sequence[str],
    ranks: Sequence[int],
    order: LibrarySort,
) -> list[int]:
    """The positions of ``photos`` in the order ``order`` shows them.

    ``ranks`` are their import ranks (``PhotoRepository.import_order``), for ties and for
    the import order itself.
    """
    key = sort_key(order)
    return sorted(range(len(photos)), key=lambda i: key(ranks[i], photos[i], headlines[i]))
