"""What the window and the command line read, without reaching into repositories.

Each method is one or a few queries sized to what a view shows (the selected photos'
fields, the placed photos' sections), so a view that follows change sets reads only what
changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from curator.core.checks.problems import Problem
from curator.core.model import (
    Caption,
    CaptionField,
    Credit,
    GlossaryEntry,
    Photo,
    Project,
    Section,
    Slot,
)
from curator.core.repositories.alternatives import CaptionAlternative as CaptionAlternative
from curator.core.repositories.catalogue import KeptText as KeptText
from curator.core.repositories.catalogue import StoredAsset
from curator.core.repositories.media import FileProblem as FileProblem
from curator.core.repositories.search import CaptionMatch
from curator.core.rights import PhotoRights, Provenance, RightsTemplate, template_for

if TYPE_CHECKING:
    from curator.core.services import ProjectService


class Queries:
    """Reads of one open project."""

    def __init__(self, service: ProjectService) -> None:
        self._service = service

    def project(self) -> Project:
        """The project's identity and languages."""
        return self._service.project.get()

    def languages(self) -> list[str]:
        """The project's languages in page order."""
        return self._service.project.languages()

    def photo(self, photo_id: str) -> Photo:
        """One photo; ``KeyError`` when there is none."""
        return self._service.photos.get(photo_id)

    def photos(self, photo_ids: list[str]) -> list[Photo]:
        """These photos in the order given (unknown ids left out)."""
        return self._service.photos.many(photo_ids)

    def all_photos(self) -> list[Photo]:
        """Every photo, in capture-time order (undated last), then by path."""
        return list(self._service.photos.all())

    def import_order(self) -> list[str]:
        """Every photo's id in the order the photos were added."""
        return self._service.photos.import_order()

    def thumbnail_jpeg(self, photo_id: str) -> bytes | None:
        """A photo's stored thumbnail (JPEG bytes), if it has one."""
        stored = self._service.media.thumbnail(photo_id)
        return None if stored is None else stored.jpeg

    def language_order(self) -> tuple[list[str], str]:
        """The project's languages in page order and its source language, in one query."""
        return self._service.project.language_order()

    def photo_count(self) -> int:
        """How many photos the project holds."""
        return self._service.photos.count()

    def captions_of(self, photo_id: str) -> list[Caption]:
        """Every stored field of a photo."""
        return self._service.captions.for_photo(photo_id)

    def caption(self, photo_id: str, language: str, field: CaptionField) -> Caption | None:
        """One field, or None when it was never written."""
        return self._service.captions.get(photo_id, language, field)

    def field_of(
        self, photo_ids: list[str], language: str, field: CaptionField
    ) -> dict[str, Caption | None]:
        """One field of several photos, in one query (unknown ids left out)."""
        return self._service.captions.of_photos(photo_ids, language, field)

    def texts(
        self, field: CaptionField, photo_ids: list[str] | None = None
    ) -> dict[str, dict[str, str]]:
        """``{photo_id: {language: text}}`` for one field (all photos when None)."""
        return self._service.captions.texts(field, photo_ids)

    def sections(self) -> list[Section]:
        """The sections in visit order."""
        return self._service.exhibition.sections()

    def section_order(self) -> list[str]:
        """The sections' ids in visit order, in one query."""
        return self._service.exhibition.section_ids()

    def section(self, section_id: str) -> Section:
        """One section; ``KeyError`` when there is none."""
        return self._service.exhibition.section(section_id)

    def section_photo_ids(self, section_id: str) -> list[str]:
        """A section's photos in visit order."""
        return self._service.exhibition.photo_ids(section_id)

    def section_map(self) -> dict[str, str]:
        """``{photo_id: section_id}`` for every placed photo."""
        return self._service.exhibition.section_map()

    def glossary(self) -> list[GlossaryEntry]:
        """Every glossary entry."""
        return list(self._service.glossary.all())

    def damaged_photo_ids(self) -> set[str]:
        """Photos imported from a truncated file."""
        return set(self._service.media.photos_with_problem("truncated-file"))

    def section_of(self, photo_id: str) -> str | None:
        """The section a photo belongs to, if any."""
        return self._service.exhibition.section_of(photo_id)

    def credits(self, photo_id: str) -> list[Credit]:
        """A photo's credits in order."""
        return self._service.photos.credits(photo_id)

    def photo_problems(self, photo_id: str) -> list[Problem]:
        """What was wrong with a photo's file when it was read."""
        return self._service.media.photo_problems(photo_id)

    def generated_texts(self) -> dict[str, list[str]]:
        """``{language: texts}`` of the place, date and credit fields still following data."""
        return self._service.captions.generated_texts()

    def file_names(self) -> dict[str, str]:
        """``{photo_id: file name}`` of every photo."""
        return {photo.id: photo.path.name for photo in self._service.photos.all()}

    def search(self, query: str, languages: list[str] | None = None) -> set[str]:
        """The photos with a caption field holding every word of ``query``."""
        return self._service.search.photo_ids(query, languages)

    def search_matches(self, query: str, photo_ids: list[str]) -> list[CaptionMatch]:
        """The fields of these photos that ``query`` finds."""
        return self._service.search.matches(query, photo_ids)

    def alternatives(self) -> list[CaptionAlternative]:
        """Every translator's text waiting beside a caption field."""
        return self._service.alternatives.all()

    def alternative_count(self) -> int:
        """How many translators' texts wait beside caption fields."""
        return self._service.alternatives.count()

    def assets(self, role: str | None = None) -> list[StoredAsset]:
        """The catalogue's images (of one role, when given)."""
        return self._service.catalogue.assets(role)

    def thumbnail_jpegs(self, photo_ids: list[str]) -> dict[str, bytes]:
        """The stored thumbnails of these photos (JPEG bytes), those that have one."""
        return self._service.media.thumbnail_jpegs(photo_ids)

    def slot(self, slot_id: str) -> Slot:
        """One slot of a panel; ``KeyError`` when there is none."""
        return self._service.exhibition.slot(slot_id)

    def catalogue_texts(self) -> dict[str, dict[str, str]]:
        """The catalogue's own texts: ``{key: {language: text}}``."""
        return self._service.catalogue.texts()

    def kept_catalogue_texts(self) -> list[KeptText]:
        """Translators' catalogue texts waiting beside the curator's, oldest first."""
        return self._service.catalogue.kept()

    def glossary_entry(self, code: str) -> GlossaryEntry | None:
        """The glossary entry with this shortcut code, if any."""
        return self._service.glossary.by_code(code)

    def file_problems(self) -> list[FileProblem]:
        """Every file that could not be imported, by path."""
        return self._service.media.file_problems()

    def rights_templates(self) -> dict[str, RightsTemplate]:
        """Every agency's rights template by agency key, in alphabetical order."""
        return self._service.rights.templates()

    def provenance(self, photo_id: str) -> Provenance:
        """A photo's digital source type, C2PA status and hand-given template."""
        return self._service.rights.provenance(photo_id)

    def signed_photo_count(self) -> int:
        """How many photos carried Content Credentials (C2PA) when imported."""
        return sum(1 for r in self._service.rights.all_provenance().values() if r.c2pa_state)

    def photo_rights(self, photo_ids: list[str] | None = None) -> list[PhotoRights]:
        """Each photo's rights template (by hand or by its credits) and provenance record."""
        service = self._service
        templates = service.rights.templates()
        if photo_ids is None:
            ids = service.photos.import_order()
            records = service.rights.all_provenance()
        else:  # a selection: its own rows, not the whole table
            ids = photo_ids
            records = {pid: service.rights.provenance(pid) for pid in photo_ids}
        found: list[PhotoRights] = []
        for photo_id in ids:
            record = records.get(photo_id) or Provenance(photo_id)
            agencies = [
                name
                for credit in service.photos.credits(photo_id)
                for name in credit.agency.values()
            ]
            template = template_for(agencies, record.rights_agency, templates)
            found.append(PhotoRights(photo_id, template, record))
        return found
