"""What the window shows of a project, read in one go (on a worker for a large one).

The library's rows with their headlines in the interface language, sorted in the library's
order, the sections with their photos, the counts, the readiness report and each photo's
section; and a row given new headlines after an edit. Everything that costs time at 10,000
photos is worked out here, so the window's thread only hands the results to its panels.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from curator.core.checks.readiness import ReadinessReport, readiness
from curator.core.language.languages import display_name
from curator.core.library.library_order import LibrarySort, library_headline
from curator.core.model import CaptionField, Photo, Project, Section
from curator.core.services import ProjectInfo, ProjectService
from curator.i18n import current_language
from curator.ui.views.library_model import LibraryItem, sorted_items


@dataclass(frozen=True, slots=True)
class ViewData:
    """Everything the panels show of a project, read in one go."""

    info: ProjectInfo
    items: list[LibraryItem]
    headlines: dict[str, dict[str, str]]
    sections: list[tuple[Section, list[str]]]
    #: The order ``items`` are sorted in (None: not sorted yet), and each one's row in it.
    order: LibrarySort | None = None
    rows: dict[str, int] | None = None
    report: ReadinessReport | None = None
    #: Each placed photo's section; the file name of every photo (what the tree shows of
    #: a photo without a headline).
    section_of: dict[str, str] = field(default_factory=dict)
    file_names: dict[str, str] = field(default_factory=dict)
    #: What the exhibition tree shows: each section with its photos' ``(id, headline by
    #: language)``, and how many photos are in no section.
    structure: list[tuple[Section, list[tuple[str, dict[str, str]]]]] = field(default_factory=list)
    unplaced: int = 0


def read_view_data(service: ProjectService, order: LibrarySort | None = None) -> ViewData:
    """Everything the panels show (runs on a worker's connection for a large project).

    With ``order`` the library's rows come sorted in it.
    """
    info = service.info()
    queries = service.queries
    headlines = queries.texts(CaptionField.HEADLINE)
    for tag in info.project.languages:  # loads babel's locale data off the GUI thread
        display_name(tag, current_language())
    items = library_items(
        info.project,
        queries.all_photos(),
        headlines,
        queries.damaged_photo_ids(),
        {photo_id: rank for rank, photo_id in enumerate(queries.import_order())},
    )
    shown = items if order is None else sorted_items(items, order)
    sections = [(section, queries.section_photo_ids(section.id)) for section in queries.sections()]
    return ViewData(
        info=info,
        items=shown,
        headlines=headlines,
        sections=sections,
        order=order,
        rows=None if order is None else {item.photo.id: row for row, item in enumerate(shown)},
        report=readiness(service),
        section_of=queries.section_map(),
        file_names={item.photo.id: item.photo.path.name for item in items},
        structure=[
            (section, [(pid, headlines.get(pid, {})) for pid in photo_ids])
            for section, photo_ids in sections
        ],
        unplaced=len(items) - sum(len(photo_ids) for _section, photo_ids in sections),
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
