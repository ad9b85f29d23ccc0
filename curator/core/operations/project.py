"""The project's own record: its identity when it is made, its title, its search index.

:meth:`ProjectOperations.set_title` is an edit like any other (a change set with its undo).
The two others are a project's lifecycle, not edits, and have nothing to undo: the identity
is written once, right after the empty store is made and before anyone else can see the
project (:meth:`~curator.core.services.ProjectService.create` removes a file it made if
that fails); the search index is a cache kept in step with the captions, folded again when
a project opens that another version of Curator folded differently. They are here rather
than in the services so that every write of the project is in this layer, in one
transaction of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from curator.core.errors import UsageError
from curator.core.language.text import clean_line
from curator.core.operations.changes import ChangeSet, RestoreTitle
from curator.i18n import _

if TYPE_CHECKING:
    from curator.core.services import ProjectService


class ProjectOperations:
    """Writes to the project's own record."""

    def __init__(self, service: ProjectService) -> None:
        self._service = service

    def initialise(self, title: str, languages: list[str], source_language: str) -> None:
        """Write a new project's identity: its title, languages and source language.

        The languages are checked by the caller before the store is made (a refused
        language must not leave a project behind); a project is initialised once.
        """
        service = self._service
        with service.store.transaction():
            service.project.initialise(title, languages, source_language)

    def refresh_search(self) -> bool:
        """Fold the search index again if another version of Curator folded it; whether it was.

        A read-only project keeps searching the index it has.
        """
        service = self._service
        if service.read_only or service.search.is_current():
            return False
        with service.store.transaction():
            service.search.rebuild()
        return True

    def set_title(self, title: str) -> ChangeSet:
        """Rename the project, as one edit; the undo gives the former title back.

        Raises:
            UsageError: an empty title.
            ReadOnlyProjectError, ProjectOpenError: the project cannot be written.
        """
        cleaned = clean_line(title)
        if not cleaned:
            raise UsageError(_("A project needs a title."))
        service = self._service
        with service.store.transaction():
            before = service.project.get().title
            if before == cleaned:
                return ChangeSet()
            service.project.set_title(cleaned)
        return ChangeSet(title=True, undo=RestoreTitle(before))
