"""Services: what the window and the command line ask of a project.

``ProjectService`` wraps one open :class:`ProjectStore` and its repositories. Each method
that changes something is one transaction, so one user action is all or nothing. Services
raise only :class:`~curator.core.errors.CuratorError` for what a user can cause.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from curator.core.errors import UsageError
from curator.core.language.glossary_rules import GlossaryFinding, check_captions
from curator.core.language.languages import normalize_language, normalize_languages
from curator.core.language.text import clean_line
from curator.core.model import (
    Caption,
    CaptionField,
    CaptionStatus,
    Project,
    ProjectCounts,
    Section,
)
from curator.core.operations import Operations, Queries
from curator.core.operations.changes import CaptionEdit as CaptionEdit
from curator.core.operations.rules import require_photo
from curator.core.progress import stop_if_cancelled
from curator.core.repositories import (
    CaptionRepository,
    ExhibitionRepository,
    GlossaryRepository,
    MediaRepository,
    PhotoRepository,
    ProjectRepository,
)
from curator.core.repositories.alternatives import AlternativeRepository
from curator.core.repositories.catalogue import CatalogueRepository
from curator.core.repositories.exports import ExportRecordRepository
from curator.core.repositories.hall import HallRepository
from curator.core.repositories.memory_units import MemoryUnitRepository
from curator.core.repositories.rights import RightsRepository
from curator.core.repositories.search import SearchRepository
from curator.core.repositories.shared_previews import SharedPreviewRepository
from curator.core.repositories.shown import ShownRepository
from curator.core.repositories.visit import VisitRepository
from curator.core.storage.address import FileAddress
from curator.core.storage.database import Store
from curator.core.storage.login_rights import LoginRights, ReportsLoginRights
from curator.core.storage.opening import Location, address_of, create_store, open_store
from curator.i18n import _

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ProjectInfo:
    """What ``curator info`` shows."""

    path: Path
    project: Project
    counts: ProjectCounts
    writable: bool
    #: The project as a person types it: the file, or the server address (no password).
    location: str = ""


class ProjectService:
    """The services of one open project. Close it with :meth:`close`."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.project = ProjectRepository(store.conn)
        self.photos = PhotoRepository(store.conn, store.photo_paths)
        self.captions = CaptionRepository(store.conn)
        self.glossary = GlossaryRepository(store.conn)
        self.shown = ShownRepository(store.conn)
        self.hall = HallRepository(store.conn)
        self.visit = VisitRepository(store.conn)
        self.memory_units = MemoryUnitRepository(store.conn)
        self.exhibition = ExhibitionRepository(store.conn)
        self.media = MediaRepository(store.conn)
        self.alternatives = AlternativeRepository(store.conn)
        self.exports = ExportRecordRepository(store.conn)
        self.search = SearchRepository(store.conn)
        #: Stored settings refused when the project was opened (translated messages).
        self.setting_warnings: list[str] = []
        self.catalogue = CatalogueRepository(store.conn)
        self.rights = RightsRepository(store.conn)
        #: A server project's previews in its database (no such table in a project file).
        self.shared_previews = SharedPreviewRepository(store.conn)
        #: Every use case that changes the project; each returns a ChangeSet.
        self.operations = Operations(self)
        #: What the window and the command line read.
        self.queries = Queries(self)
        #: The connected login's rights on a server project (read by :meth:`open`); None
        #: for a project file, where whoever may write the file may do everything.
        self.login_rights: LoginRights | None = None

    @classmethod
    def create(
        cls,
        path: Location,
        *,
        title: str,
        languages: list[str],
        source_language: str | None = None,
    ) -> ProjectService:
        """Create a new project: a file, or a project on a PostgreSQL server (an address).

        The first language is the source language unless ``source_language`` names another
        of ``languages``; their order is the order of languages on every page. The
        languages are checked before anything is made; the new store's identity is then
        written by :meth:`ProjectOperations.initialise` (a file made is removed if that fails).
        """
        tags = normalize_languages(languages)
        source = normalize_language(source_language) if source_language else tags[0]
        if source not in tags:
            raise UsageError(
                _(
                    "The source language “%(source)s” is not one of the project's "
                    "languages (%(languages)s)."
                )
                % {"source": source, "languages": ", ".join(tags)}
            )
        address = address_of(path)
        fallback = address.path.stem if isinstance(address, FileAddress) else address.project
        title = clean_line(title) or fallback
        store = create_store(address)
        service = cls(store)
        try:
            service.operations.project.initialise(title, tags, source)
        except BaseException:
            store.close()
            if isinstance(address, FileAddress):
                store.path.unlink(missing_ok=True)
            raise
        return service

    @classmethod
    def open(cls, path: Location, *, read_only: bool = False) -> ProjectService:
        """Open an existing project, a file or on a server (see :meth:`ProjectStore.open`).

        A search index folded by another version of Curator is folded again (when the
        project can be written; a read-only one keeps searching the index it has), by
        :meth:`ProjectOperations.refresh_search`.
        """
        service = cls(open_store(path, read_only=read_only))
        try:
            service.setting_warnings = service.refuse_invalid_settings()
            if isinstance(service.store, ReportsLoginRights):
                service.login_rights = service.store.login_rights()
            service.operations.project.refresh_search()
        except BaseException:
            service.close()
            raise
        for message in service.setting_warnings:
            log.warning("%s", message)
        return service

    def refuse_invalid_settings(self) -> list[str]:
        """Hide stored settings this version would refuse (see project_settings)."""
        # project_settings reads the whole settings registry, which imports services.
        from curator.core.settings.project_settings import refuse_invalid_settings

        try:
            return refuse_invalid_settings(self)
        except LookupError:
            return []  # no project row: whatever reads the project says so in its own words

    def close(self) -> None:
        """Close the project file and release its lock."""
        self.store.close()

    def for_thread(self) -> ProjectService:
        """Services over a new connection to the same file, for one worker thread.

        SQLite serialises the two connections' writes and WAL lets each read while the
        other writes; close the copy when the thread is done (the lock stays with this one).
        """
        clone = ProjectService(self.store.for_thread())
        clone.setting_warnings = clone.refuse_invalid_settings()
        return clone

    def __enter__(self) -> ProjectService:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def path(self) -> Path:
        """The project file."""
        return self.store.path

    @property
    def location(self) -> str:
        """The project as a person names it: its file, or its server address."""
        return self.store.location

    @property
    def read_only(self) -> bool:
        """Whether changes are refused: opened read-only, or a login that may only read."""
        rights = self.login_rights
        viewer = rights is not None and not rights.languages and not rights.can_arrange
        return self.store.read_only or viewer

    @property
    def may_arrange(self) -> bool:
        """Whether imports, sections and everything besides texts may change.

        On a server the login's role must allow it: an editor or a viewer may not.
        """
        rights = self.login_rights
        return not self.read_only and (rights is None or rights.can_arrange)

    def may_write(self, language: str) -> bool:
        """Whether the texts of ``language`` may change (an editor's granted languages)."""
        rights = self.login_rights
        return not self.read_only and (rights is None or language in rights.languages)

    def info(self) -> ProjectInfo:
        """Identity, languages and counts."""
        project = self.project.get()
        sections, panels, slots = self.exhibition.counts()
        counts = ProjectCounts(
            photos=self.photos.count(),
            captions_by_status=self.captions.status_counts(list(project.languages)),
            sections=sections,
            panels=panels,
            slots=slots,
            glossary_entries=self.glossary.count(),
        )
        return ProjectInfo(self.path, project, counts, self.store.writable, self.location)

    def set_title(self, title: str) -> None:
        """Rename the project, as one edit (see :meth:`ProjectOperations.set_title`)."""
        self.operations.project.set_title(title)

    def set_caption(
        self,
        photo_id: str,
        language: str,
        field: CaptionField,
        text: str,
        status: CaptionStatus | None = None,
    ) -> Caption:
        """Write one caption field as one edit (see :meth:`CaptionOperations.write`)."""
        written, _changes = self.operations.captions.write(
            [CaptionEdit(photo_id, language, field, text, status)]
        )
        return written[0]

    def set_captions(self, edits: list[CaptionEdit]) -> list[Caption]:
        """Write several caption fields (several photos, say) as one edit."""
        return self.operations.captions.write(edits)[0]

    def glossary_findings(self, cancel: threading.Event | None = None) -> list[GlossaryFinding]:
        """Every forbidden form and inconsistent rendering in every caption of the project.

        ``cancel`` stops it between photos (CancelledError).
        """

        def captions() -> Iterator[Caption]:
            for photo in self.photos.all():
                stop_if_cancelled(cancel)
                yield from self.captions.for_photo(photo.id)

        return check_captions(captions(), self.glossary.all())

    def move_caption_language(
        self, photo_id: str, field: CaptionField, from_language: str, to_language: str
    ) -> tuple[Caption, Caption]:
        """Say that a field's text is in another language, as one edit.

        An imported caption's language is a guess (the file's ``x-default``, its script, a
        fallback); when it is wrong the curator moves the text. If the other language already
        has text for the field, the two texts trade places. Returns the two fields as they
        are now (``from_language`` first).
        """
        left, moved, _changes = self.operations.captions.move_language(
            photo_id, field, from_language, to_language
        )
        return left, moved

    def add_section(self, title: dict[str, str], photo_ids: list[str] | None = None) -> Section:
        """Append a section, optionally with photos, as one edit (:meth:`SectionOperations.add`)."""
        return self.operations.sections.add(title, photo_ids=photo_ids)[0]

    def require_photo(self, photo_id: str) -> None:
        """Raise :class:`NotFoundError` unless the project has this photo."""
        require_photo(self, photo_id)
