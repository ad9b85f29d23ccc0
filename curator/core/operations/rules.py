"""The rules every operation checks, each written once with one message.

A photo or a section that does not exist, a language that is not one of the project's: the
window, the command line and every operation refuse them here, in the same words. (A
read-only project is refused by :meth:`ProjectStore.transaction`, the one way to write.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from curator.core.errors import NotFoundError
from curator.core.language.languages import normalize_language, not_a_project_language
from curator.core.model import Section
from curator.i18n import _

if TYPE_CHECKING:
    from curator.core.services import ProjectService

__all__ = [
    "no_photo",
    "no_section",
    "not_a_project_language",
    "project_language",
    "require_language",
    "require_photo",
    "require_photos",
    "require_section",
]


def no_photo(photo_id: str) -> NotFoundError:
    """The error for an id that names no photo of the project."""
    return NotFoundError(_("The project has no photo with id “%(id)s”.") % {"id": photo_id})


def no_section(section_id: str) -> NotFoundError:
    """The error for an id that names no section of the project."""
    return NotFoundError(_("The project has no section with id “%(id)s”.") % {"id": section_id})


def project_language(languages: list[str], tag: str) -> str:
    """``tag`` in canonical form, refused unless it is one of ``languages``."""
    canonical = normalize_language(tag)
    if canonical not in languages:
        raise not_a_project_language(canonical, languages)
    return canonical


def require_language(service: ProjectService, tag: str) -> str:
    """``tag`` in canonical form, refused unless it is one of the project's languages."""
    return project_language(service.project.languages(), tag)


def require_photos(service: ProjectService, photo_ids: list[str]) -> None:
    """Refuse (naming the first) ids that name no photo of the project."""
    found = service.photos.existing(list(dict.fromkeys(photo_ids)))
    for photo_id in photo_ids:
        if photo_id not in found:
            raise no_photo(photo_id)


def require_photo(service: ProjectService, photo_id: str) -> None:
    """Refuse an id that names no photo of the project."""
    require_photos(service, [photo_id])


def require_section(service: ProjectService, section_id: str) -> Section:
    """The section with this id, or :class:`NotFoundError` naming the id."""
    try:
        return service.exhibition.section(section_id)
    except KeyError:
        raise no_section(section_id) from None
