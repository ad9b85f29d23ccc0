"""The cover sheet of a project's catalogue: its book block counted, its photo chosen.

The spine is computed from the book block the same options make (its page count, a
multiple of the binding's), and the paper's caliper (``catalogue.paper_caliper_mm``). The
front's photo is the one the curator chose (``--photo``, or the one kept in the project:
the setting ``catalogue.cover_photo``), else the first photo of the first section; a chosen
photo that is not in the project (deleted since) falls back to that default with a
warning, never a refusal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from curator.core.checks.findings import Finding, Severity
from curator.core.layout.catalogue_model import (
    CatalogueContent,
    CatalogueGeometry,
    CataloguePhoto,
    CatalogueSection,
)
from curator.core.layout.cover import CoverSheet, cover_sheet
from curator.core.layout.style import TextMeasure
from curator.core.publishing.catalogue_service import (
    CatalogueOptions,
    ResolvedOptions,
    catalogue_content,
    project_catalogue,
)
from curator.core.publishing.catalogue_texts import TextKey, read_texts
from curator.core.services import ProjectService
from curator.core.settings.project_settings import apply_settings
from curator.core.settings.setting_specs import COVER_PHOTO_KEY, COVER_SETTING
from curator.i18n import _


@dataclass(frozen=True, slots=True)
class ProjectCover:
    """A project's cover sheet and what it was computed from."""

    sheet: CoverSheet
    options: ResolvedOptions
    book: CatalogueGeometry
    findings: tuple[Finding, ...]
    content: CatalogueContent


def project_cover(
    service: ProjectService,
    measure: TextMeasure,
    options: CatalogueOptions | None = None,
    photo_id: str | None = None,
    today: date | None = None,
) -> ProjectCover:
    """The cover sheet for the catalogue these options make.

    Raises:
        UsageError: An option the catalogue refuses too (a language, a page too small).
    """
    book, resolved = project_catalogue(service, measure, options, today)
    content = catalogue_content(service, resolved.languages, today, resolved.picks_only)
    settings = service.project.catalogue_settings()
    findings: list[Finding] = []
    wanted = photo_id or stored_cover_photo(service)
    photo: CataloguePhoto | None = None
    if wanted:
        photo = _find(service, content.sections, wanted)
        if photo is None:
            findings.append(
                Finding(
                    Severity.WARNING,
                    "cover-photo-missing",
                    _(
                        "The cover photo %(photo)s is not in the project (deleted?); the cover "
                        "shows the first photo of the first section. Choose another in the "
                        "Export dialog or with curator export cover --photo."
                    )
                    % {"photo": wanted},
                    photo_id=wanted,
                )
            )
    isbn = read_texts(service).get(TextKey.ISBN, resolved.languages[0])
    sheet = cover_sheet(
        content,
        resolved.spec,
        resolved.languages,
        measure,
        len(book.pages),
        settings.paper_caliper_mm,
        photo,
        isbn,
    )
    return ProjectCover(sheet, resolved, book, tuple(findings), content)


def stored_cover_photo(service: ProjectService) -> str | None:
    """The photo id the curator chose for the cover, as kept in the project (None: none)."""
    stored = service.project.setting(COVER_SETTING, {})
    chosen = stored.get("photo") if isinstance(stored, dict) else None
    return chosen.strip() if isinstance(chosen, str) and chosen.strip() else None


def remember_cover_photo(service: ProjectService, photo_id: str | None) -> bool:
    """Keep ``photo_id`` as the cover's photo (None: back to the default).

    A photo the project does not have is not kept (the export warns about it instead).
    Returns whether the stored choice changed.
    """
    if photo_id is not None:
        try:
            service.photos.get(photo_id)
        except KeyError:
            return False
    if photo_id == stored_cover_photo(service):
        return False
    apply_settings(service, {COVER_PHOTO_KEY: photo_id})
    return True


def _find(
    service: ProjectService, sections: Sequence[CatalogueSection], photo_id: str
) -> CataloguePhoto | None:
    """The chosen photo, as the catalogue has it or as any photo of the project.

    A cover photo need not be printed inside. None when the project has no such photo.
    """
    for section in sections:
        for photo in section.photos:
            if photo.id == photo_id:
                return photo
    try:
        found = service.photos.get(photo_id)
    except KeyError:
        return None
    return CataloguePhoto(found.id, found.width, found.height)


__all__ = ["ProjectCover", "project_cover", "remember_cover_photo", "stored_cover_photo"]
