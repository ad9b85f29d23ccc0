"""The page template the curator chose for a photo in the catalogue (or ``auto``: by rule).

Stored in the project (``catalogue_page_choice``), set from the window (a slot's context
menu on the layout canvas, undoable) and the CLI (``curator layout template``). The
catalogue's layout honours it where it can and falls back where it cannot
(:mod:`curator.core.layout.catalogue_photos`): what a photo was printed as is in the
geometry (:func:`printed_as`).
"""

from __future__ import annotations

from curator.core.errors import UsageError
from curator.core.layout.catalogue_model import CatalogueGeometry, PageChoice
from curator.core.operations import RestorePageChoice
from curator.core.services import ProjectService
from curator.i18n import _


def parse_choice(text: str) -> PageChoice:
    """The choice named ``text`` (``auto``, ``single``, ``full-bleed``, ``spread``...).

    Raises:
        UsageError: No such choice; the message lists them.
    """
    try:
        return PageChoice(text.strip().lower())
    except ValueError:
        raise UsageError(
            _("“%(name)s” is not a page template; choose one of %(choices)s.")
            % {"name": text, "choices": ", ".join(choice.value for choice in PageChoice)}
        ) from None


def page_choices(service: ProjectService) -> dict[str, PageChoice]:
    """The choices made, by photo id (photos left to the rules are absent).

    A value this Curator does not know (written by a newer one) counts as ``auto``.
    """
    known = {choice.value for choice in PageChoice}
    return {
        photo_id: PageChoice(choice)
        for photo_id, choice in service.catalogue.page_choices().items()
        if choice in known
    }


def set_page_choice(service: ProjectService, photo_id: str, choice: PageChoice) -> PageChoice:
    """Choose a photo's page template (``auto``: leave it to the rules); returns the old one.

    Raises:
        NotFoundError: The project has no such photo.
    """
    changes = service.operations.catalogue.set_page_choice(photo_id, choice)
    undo = changes.undo
    return PageChoice(undo.choice) if isinstance(undo, RestorePageChoice) else choice


def printed_as(geometry: CatalogueGeometry, photo_id: str) -> list[tuple[int, str]]:
    """The pages a photo is printed on and each page's template, in page order."""
    return [
        (page.number, page.template)
        for page in geometry.pages
        if any(placed.photo_id == photo_id for placed in page.photos)
    ]
