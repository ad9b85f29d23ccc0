"""Import operations: analysed files written into the project, a batch in one transaction.

Reading the files (hashing, decoding, metadata, thumbnails, on every core) is the work of
:mod:`curator.ingest`; what it found reaches this layer as plain data: an
:class:`ImportedFile` for a file it can add, a :class:`RefusedFile` for one it cannot. A
batch is written in one transaction, so a kill leaves whole photos or none, and the change
set names the photos added (and those found at a new place).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from curator.core.checks.problems import Problem
from curator.core.language.credits import ParsedCredit
from curator.core.model import CaptionField, CaptionStatus, Photo
from curator.core.operations.changes import ChangeSet
from curator.core.repositories.media import StoredThumbnail
from curator.core.rights import Provenance
from curator.core.shown import Shown

if TYPE_CHECKING:
    from curator.core.services import ProjectService

_NO_THUMBNAIL = StoredThumbnail(0, 0, b"")
_NO_PROVENANCE = Provenance("")


@dataclass(frozen=True, slots=True)
class ImportedFile:
    """A file the import can add, as it is written.

    ``photo`` has no id yet. ``provenance`` (its ``photo_id`` empty) is what the file says
    of its origin, trust already decided. ``captions`` are ``(field, language tag, text)`` in
    the file's order: the first text of a field in one language is the one kept. A file whose
    content the project holds already needs only ``photo.path`` and ``photo.sha256``: it is
    recorded at its new place when the held photo's original is missing, else passed over.
    """

    photo: Photo
    thumbnail: StoredThumbnail = _NO_THUMBNAIL
    provenance: Provenance = _NO_PROVENANCE
    credits: tuple[ParsedCredit, ...] = ()
    #: What is wrong with the file (damaged metadata, a truncated end).
    problems: tuple[Problem, ...] = ()
    captions: tuple[tuple[CaptionField, str, str], ...] = ()
    #: Who and what it shows, where the glossary knows the names (None: nothing).
    shown: Shown | None = None


@dataclass(frozen=True, slots=True)
class RefusedFile:
    """A file the import cannot add, and why (listed by ``curator problems``)."""

    path: Path
    problem: Problem


class FileOutcome(Enum):
    """What writing one file of a batch did."""

    ADDED = "added"
    #: A photo the project holds, whose original was missing, found at this file's place.
    RELINKED = "relinked"
    #: The project holds this content already (its original is where it was).
    KNOWN = "known"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class WrittenFile:
    """One file of a batch as written: what happened, and the photo (added or relinked)."""

    outcome: FileOutcome
    photo_id: str = ""


class ImportOperations:
    """Writes of an import: batches of analysed files, and the files it passed over."""

    def __init__(self, service: ProjectService) -> None:
        self._service = service

    def write_batch(
        self, files: Sequence[ImportedFile | RefusedFile]
    ) -> tuple[list[WrittenFile], ChangeSet]:
        """Write a batch of analysed files in one transaction, in order.

        A refused file's problem is recorded (``curator problems``); a file with content the
        project holds is not added twice; every new photo gets its thumbnail, provenance,
        credits, problems, captions (as drafts), what it shows, and its generated place,
        date and credit fields. Returns what happened to each file, in order, and a change
        set naming the photos added or found at a new place (an import has no undo: the
        photos are removed as photos are).

        Raises:
            ReadOnlyProjectError, ProjectWriteError: nothing of the batch was written.
        """
        service = self._service
        written: list[WrittenFile] = []
        with service.store.transaction():
            for file in files:
                written.append(self._write(file))
            added = [w.photo_id for w in written if w.outcome is FileOutcome.ADDED]
            if added:
                service.operations.captions.regenerate(added)
        touched = frozenset(w.photo_id for w in written if w.photo_id)
        return written, ChangeSet(photos=touched)

    def record_refused(self, files: Sequence[RefusedFile]) -> None:
        """List files an import passed over in ``curator problems`` (one transaction).

        Not an edit of the project's content: nothing for the window to redraw or undo.
        """
        if not files:
            return
        with self._service.store.transaction():
            for file in files:
                self._service.media.record_file_problem(file.path, file.problem)

    def _write(self, file: ImportedFile | RefusedFile) -> WrittenFile:
        media = self._service.media
        photos = self._service.photos
        if isinstance(file, RefusedFile):
            media.record_file_problem(file.path, file.problem)
            return WrittenFile(FileOutcome.REFUSED)
        path = file.photo.path
        media.clear_file_problem(path)
        existing = photos.find_by_hash(file.photo.sha256)
        if existing is not None:
            if existing.path != path and not existing.path.exists():
                photos.set_path(existing.id, path)
                return WrittenFile(FileOutcome.RELINKED, existing.id)
            return WrittenFile(FileOutcome.KNOWN)
        photo_id = photos.add(file.photo).id
        self._write_new(photo_id, file)
        return WrittenFile(FileOutcome.ADDED, photo_id)

    def _write_new(self, photo_id: str, file: ImportedFile) -> None:
        service = self._service
        service.media.put_thumbnail(photo_id, file.thumbnail)
        provenance = replace(file.provenance, photo_id=photo_id)
        if provenance != Provenance(photo_id):
            service.rights.put_provenance(provenance)
        for parsed in file.credits:
            credit = parsed.to_credit(photo_id)
            service.photos.add_credit(photo_id, credit.photographer, credit.agency, credit.role)
        if file.problems:  # a new photo has none stored yet
            service.media.set_photo_problems(photo_id, list(file.problems))
        kept: set[tuple[CaptionField, str]] = set()
        for field, language, text in file.captions:
            if (field, language) not in kept:  # a new photo: only what is written here
                kept.add((field, language))
                service.captions.set(photo_id, language, field, text, CaptionStatus.DRAFT)
        if file.shown is not None and not file.shown.empty:
            service.shown.put(photo_id, file.shown)
