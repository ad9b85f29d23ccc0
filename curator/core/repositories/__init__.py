"""Repositories: the only place in ``core`` that knows SQL.

Each repository works on the connection of one :class:`~curator.core.storage.store.ProjectStore`.
Reads may run anywhere; writes must run inside ``store.transaction()``, which the services
open, so that one user action is one transaction. Text is NFC-normalised on the way in.
"""

from curator.core.repositories.captions import CaptionRepository
from curator.core.repositories.exhibition import ExhibitionRepository
from curator.core.repositories.glossary import GlossaryRepository
from curator.core.repositories.media import MediaRepository
from curator.core.repositories.photos import PhotoRepository
from curator.core.repositories.project import ProjectRepository

__all__ = [
    "CaptionRepository",
    "ExhibitionRepository",
    "GlossaryRepository",
    "MediaRepository",
    "PhotoRepository",
    "ProjectRepository",
]
