"""Sections of the visit: adding, naming, ordering, filling and deleting them.

Each function is one user action and one transaction. Those that change something return
what undoing them needs (an :class:`Arrangement` of photos, a :class:`SectionSnapshot`, the
old texts or place), so the window's undo stack and the command line share one set of rules.
Ids a user gives are checked first: an unknown one raises :class:`NotFoundError` naming it.
"""

from __future__ import annotations

from dataclasses import dataclass

from curator.core.errors import NotFoundError, UsageError
from curator.core.language.text import nfc
from curator.core.model import Section
from curator.core.operations import PlaceSection, rules
from curator.core.services import ProjectService
from curator.core.storage.backups import SnapshotReason, snapshot_before
from curator.i18n import _

Row = tuple[str, tuple[str, ...], tuple[object, ...]]


@dataclass(frozen=True, slots=True)
class Arrangement:
    """The photo order of some sections, and which photos were in no section."""

    sections: tuple[tuple[str, tuple[str, ...]], ...]
    unplaced: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SectionSnapshot:
    """A section with everything that hangs from it, and its place in the visit."""

    section_id: str
    index: int
    rows: tuple[Row, ...]


def require_section(service: ProjectService, section_id: str) -> Section:
    """The section, or :class:`NotFoundError` naming the id."""
    return rules.require_section(service, section_id)


def clean_texts(service: ProjectService, texts: dict[str, str]) -> dict[str, str]:
    """Tags in canonical form and among the project's languages; text NFC and trimmed."""
    languages = service.project.languages()
    cleaned: dict[str, str] = {}
    for tag, text in texts.items():
        cleaned[rules.project_language(languages, tag)] = nfc(text).strip()
    return cleaned


def _require_title(title: dict[str, str]) -> None:
    if not any(title.values()):
        raise UsageError(_("A section needs a title in at least one language."))


def _require_photos(service: ProjectService, photo_ids: list[str]) -> None:
    rules.require_photos(service, photo_ids)
    if len(set(photo_ids)) != len(photo_ids):
        raise UsageError(_("A photo is named twice."))


def arrangement(
    service: ProjectService, photo_ids: list[str], section_ids: list[str]
) -> Arrangement:
    """The order of the named sections and of every section holding one of the photos."""
    wanted = list(dict.fromkeys(section_ids))
    unplaced = []
    for photo_id in photo_ids:
        holder = service.exhibition.section_of(photo_id)
        if holder is None:
            unplaced.append(photo_id)
        elif holder not in wanted:
            wanted.append(holder)
    sections = tuple((sid, tuple(service.exhibition.photo_ids(sid))) for sid in wanted)
    return Arrangement(sections, tuple(unplaced))


def restore_arrangement(service: ProjectService, state: Arrangement) -> None:
    """Put the photos back as ``state`` says, as one edit."""
    with service.store.transaction():
        service.exhibition.unassign(list(state.unplaced))
        for section_id, photo_ids in state.sections:
            service.exhibition.set_section_photos(section_id, list(photo_ids))


def add_section(
    service: ProjectService,
    title: dict[str, str],
    intro: dict[str, str] | None = None,
    photo_ids: list[str] | None = None,
) -> tuple[Section, Arrangement]:
    """Append a section (with photos, moved from where they were), as one edit.

    Returns the new section and where its photos were before.
    """
    title = clean_texts(service, title)
    intro_texts = clean_texts(service, intro or {})
    _require_title(title)
    photos = list(photo_ids or [])
    _require_photos(service, photos)
    before = arrangement(service, photos, [])
    with service.store.transaction():
        section = service.exhibition.add_section(title, intro_texts)
        if photos:
            service.exhibition.assign(section.id, photos)
    return section, before


def set_texts(
    service: ProjectService,
    section_id: str,
    title: dict[str, str],
    intro: dict[str, str] | None = None,
) -> Section:
    """Replace a section's title (and, when given, introduction); returns it as it was."""
    old = require_section(service, section_id)
    title = clean_texts(service, title)
    _require_title(title)
    intro_texts = None if intro is None else clean_texts(service, intro)
    with service.store.transaction():
        service.exhibition.set_section_texts(section_id, "title", title)
        if intro_texts is not None:
            service.exhibition.set_section_texts(section_id, "intro", intro_texts)
    return old


def section_index(service: ProjectService, section_id: str) -> int:
    """Where a section is in the visit, 0 first."""
    require_section(service, section_id)
    return [s.id for s in service.exhibition.sections()].index(section_id)


def move_section(service: ProjectService, section_id: str, index: int) -> int:
    """Put a section at ``index`` of the visit (0 first); returns where it was."""
    changes = service.operations.sections.move(section_id, index)
    if isinstance(changes.undo, PlaceSection):
        return changes.undo.index
    return section_index(service, section_id)


def assign(
    service: ProjectService,
    section_id: str,
    photo_ids: list[str],
    before_photo_id: str | None = None,
) -> Arrangement:
    """Move photos into a section, in this order, before a photo of it or at the end.

    Photos already in the section move within it. Returns the arrangement before.
    """
    require_section(service, section_id)
    _require_photos(service, photo_ids)
    current = service.exhibition.photo_ids(section_id)
    if before_photo_id is not None and before_photo_id not in current:
        raise NotFoundError(
            _("The section “%(section)s” has no photo with id “%(id)s”.")
            % {"section": section_id, "id": before_photo_id}
        )
    before = arrangement(service, photo_ids, [section_id])
    moving = set(photo_ids)
    staying = [pid for pid in current if pid not in moving]
    at = len(staying)
    if before_photo_id is not None and before_photo_id not in moving:
        at = staying.index(before_photo_id)
    with service.store.transaction():
        service.exhibition.set_section_photos(
            section_id, [*staying[:at], *photo_ids, *staying[at:]]
        )
    return before


def reorder(service: ProjectService, section_id: str, photo_ids: list[str]) -> Arrangement:
    """Give a section's photos a new order (the same photos); returns the old arrangement."""
    require_section(service, section_id)
    current = service.exhibition.photo_ids(section_id)
    if sorted(photo_ids) != sorted(current):
        raise UsageError(
            _("A new order for section “%(id)s” must name each of its photos once.")
            % {"id": section_id}
        )
    before = arrangement(service, [], [section_id])
    with service.store.transaction():
        service.exhibition.set_section_photos(section_id, photo_ids)
    return before


def unassign(service: ProjectService, photo_ids: list[str]) -> Arrangement:
    """Take photos out of their sections (they stay in the project); returns the arrangement."""
    _require_photos(service, photo_ids)
    before = arrangement(service, photo_ids, [])
    with service.store.transaction():
        service.exhibition.unassign(photo_ids)
    return before


def section_label(service: ProjectService, section: Section) -> str:
    """A section's title in the first project language that has one (else its id)."""
    languages = service.project.languages()
    return next((section.title[tag] for tag in languages if section.title.get(tag)), section.id)


def delete_section(
    service: ProjectService, section_id: str, *, backup: bool = True
) -> SectionSnapshot:
    """Delete a section (its photos stay in the project, in no section), as one edit.

    Its panels and slots go with it; the snapshot returned brings everything back. With
    ``backup`` a project snapshot is taken first (see :func:`snapshot_before`): if that
    fails, :class:`~curator.core.errors.BackupError` is raised and nothing is deleted.
    """
    index = section_index(service, section_id)
    section = service.exhibition.section(section_id)
    snapshot_before(
        service.store,
        SnapshotReason.DELETE_SECTION,
        section_label(service, section),
        backup=backup,
    )
    snapshot = SectionSnapshot(
        section_id, index, tuple(service.exhibition.section_rows(section_id))
    )
    with service.store.transaction():
        service.exhibition.delete_section(section_id)
    return snapshot


def restore_section(service: ProjectService, snapshot: SectionSnapshot) -> None:
    """Bring back a deleted section at its old place, with its photos, as one edit."""
    with service.store.transaction():
        service.exhibition.restore_rows(list(snapshot.rows))
        service.exhibition.move_section(snapshot.section_id, snapshot.index)


def undo_add_section(
    service: ProjectService, section_id: str, before: Arrangement
) -> SectionSnapshot:
    """Take back :func:`add_section`: delete the section, photos back where they were.

    One edit; the snapshot returned redoes it through :func:`restore_section`.
    """
    with service.store.transaction():
        snapshot = delete_section(service, section_id, backup=False)
        restore_arrangement(service, before)
    return snapshot
