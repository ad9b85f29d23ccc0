"""What the window shows of a project, read in one go (on a worker for a large one).

The library's rows with their headlines in the interface language, the sections with their
photos, the counts; and a row given new headlines after an edit.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from curator.core.language.languages import display_name
from curator.core.library.library_order import library_headline
from curator.core.model import CaptionField, Photo, Project, Section
from curator.core.services import ProjectInfo, ProjectService
from curator.i18n import current_language
from curator.ui.views.library_model import LibraryItem


@dataclass(frozen=True, slots=True)
class ViewData:
    """Everything the panels show of a project, read in one go."""

    info: ProjectInfo
    items: list[LibraryItem]
    headlines: dict[str, dict[str, str]]
    sections: list[tuple[Section, list[str]]]


def read_view_data(service: ProjectService) -> ViewData:
    """Everything the panels show (runs on a worker's connection for a large project)."""
    info = service.info()
    queries = service.queries
    headlines = queries.texts(CaptionField.HEADLINE)
    for tag in info.project.languages:  # loads babel's locale data off the GUI thread
        display_name(tag, current_language())
    return ViewData(
        info=info,
        items=library_items(
            info.project,
            queries.all_photos(),
            headlines,
            queries.damaged_photo_ids(),
            {photo_id: rank for rank, photo_id in enumerate(queries.import_order())},
        ),
        headlines=headlines,
        sections=[
            (section, queries.section_photo_ids(section.id)) for section in queries.sections()
        ],
    )


def library_items(
    project: Project,
    photos: list[Photo],
    headlines: dict[str, dict[str, str]],
    damaged: set[str],
    ranks: dict[str, int] | None = None,
) -> list[LibraryItem]:
    """Library rows, each headline in the interface language when the photo has one."""
    items = []
    for photo in photos:
        texts = headlines.get(photo.id, {})
        items.append(
            LibraryItem(
                photo,
                headline(project, texts),
                photo.id in damaged,
                texts,
                (ranks or {}).get(photo.id, 0),
            )
        )
    return items


def headline(project: Project, texts: dict[str, str]) -> str:
    """The headline a library row shows: in the interface language when the photo has one."""
    return library_headline(
        texts, current_language(), project.source_language, list(project.languages)
    )


def retitled(
    item: LibraryItem, texts: dict[str, str], languages: list[str], source: str
) -> LibraryItem:
    """``item`` showing new headlines."""
    shown = library_headline(texts, current_language(), source, languages)
    return replace(item, headline=shown, headlines=texts)
