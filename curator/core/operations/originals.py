"""Operations on what the project knows of its originals: where they are, what they say.

Finding originals again (:mod:`curator.ingest.relink`), re-reading their metadata
(:mod:`curator.ingest.reread`) and making previews read files, off this layer; what they
found reaches here as plain data, and is written with the rules checked once, a project
snapshot first where a path or a file is replaced, and one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from curator.core.checks.problems import Problem
from curator.core.errors import ProjectOpenError, UsageError
from curator.core.model import Photo
from curator.core.operations.changes import ChangeSet
from curator.core.operations.rules import no_photo, require_photos
from curator.core.repositories.media import StoredThumbnail
from curator.core.rights import Provenance
from curator.core.shown import Shown
from curator.core.storage.backups import SnapshotReason, snapshot_before
from curator.i18n import _

if TYPE_CHECKING:
    from curator.core.services import ProjectService

_NOTHING_SHOWN = Shown()


class DifferentContentError(UsageError):
    """The chosen file decodes but is not the photo's original: the curator must confirm."""


@dataclass(frozen=True, slots=True)
class NewOriginal:
    """A file checked as a photo's original (it decodes whole), and what it is."""

    path: Path
    sha256: str
    file_size: int
    width: int
    height: int
    orientation: int
    thumbnail: StoredThumbnail
    #: What is wrong with the file (damage found on reading it).
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class RelinkedPhoto:
    """What replacing a photo's original did."""

    photo_id: str
    previous: Path
    path: Path
    same_content: bool


@dataclass(frozen=True, slots=True)
class FileFacts:
    """What a photo's original says now, read again.

    ``photo`` is the photo with the file's facts (capture time, camera, place…); ``origin``
    its digital source type and Content Credentials status as the file states them;
    ``shown`` who and what it shows where the glossary knows the names (empty: nothing).
    """

    photo: Photo
    origin: Provenance
    shown: Shown = _NOTHING_SHOWN


@dataclass(frozen=True, slots=True)
class FactsTaken:
    """What writing re-read facts did, by photo id, in the order given."""

    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    #: Photos whose shown data followed the file (the curator had not edited it).
    shown_followed: frozenset[str] = frozenset()


class OriginalOperations:
    """Writes of where the originals are and what they say."""

    def __init__(self, service: ProjectService) -> None:
        self._service = service

    def relink(
        self, found: Mapping[str, Path], *, detail: str = "", backup: bool = True
    ) -> ChangeSet:
        """Record where these photos' originals are now, as one change.

        A project snapshot is taken first (unless ``backup`` is False; ``detail`` says
        where the files were looked for); the change set names the photos.

        Raises:
            NotFoundError: an id that names no photo of the project (nothing is changed).
            BackupError: the snapshot could not be taken (nothing is changed).
            ReadOnlyProjectError, ProjectOpenError: the project cannot be written.
        """
        if not found:
            return ChangeSet()
        service = self._service
        require_photos(service, list(found))
        snapshot_before(service.store, SnapshotReason.RELINK, detail, backup=backup)
        with service.store.transaction():
            for photo_id, path in found.items():
                service.photos.set_path(photo_id, path)
        return ChangeSet(photos=frozenset(found))

    def replace_file(
        self,
        photo_id: str,
        original: NewOriginal,
        *,
        accept_different: bool = False,
        backup: bool = True,
    ) -> tuple[RelinkedPhoto, ChangeSet]:
        """Make a checked file the photo's original.

        The same content (by hash) is a move: only the path changes. A different file
        replaces the original only when ``accept_different`` (the curator confirmed "use
        this file instead"): its hash, size, pixel size, orientation, thumbnail and problems
        are recorded; captions and layout stay. A snapshot is taken first (unless ``backup``
        is False).

        Raises:
            NotFoundError: No photo ``photo_id``.
            UsageError: The file is another photo's original already.
            DifferentContentError: Different content and not ``accept_different``.
            BackupError: the snapshot could not be taken (nothing is changed).
        """
        service = self._service
        try:
            photo = service.photos.get(photo_id)
        except KeyError:
            raise no_photo(photo_id) from None
        same = original.sha256 == photo.sha256
        if not same:
            self._check_different(photo, original, accept_different)
        snapshot_before(service.store, SnapshotReason.RELINK, original.path.name, backup=backup)
        with service.store.transaction():
            if same:
                service.photos.set_path(photo.id, original.path)
            else:
                service.photos.set_file(
                    photo.id,
                    original.path,
                    sha256=original.sha256,
                    file_size=original.file_size,
                    width=original.width,
                    height=original.height,
                    orientation=original.orientation,
                )
                service.media.put_thumbnail(photo.id, original.thumbnail)
            # What import found wrong with the old file (truncated, say) no longer holds.
            service.media.set_photo_problems(photo.id, list(original.problems))
        done = RelinkedPhoto(photo.id, photo.path, original.path, same)
        return done, ChangeSet(photos=frozenset({photo.id}))

    def _check_different(self, photo: Photo, original: NewOriginal, accept: bool) -> None:
        other = self._service.photos.find_by_hash(original.sha256)
        if other is not None:
            raise UsageError(
                _("%(file)s is already the original of photo %(other)s (%(name)s).")
                % {"file": original.path, "other": other.id, "name": other.path.name},
                path=original.path,
            )
        if not accept:
            raise DifferentContentError(
                _(
                    "%(file)s is not the same file as the original of photo %(id)s (%(name)s, "
                    "%(old_w)d × %(old_h)d px): its content differs (%(new_w)d × %(new_h)d px). "
                    "Confirm to use this file instead."
                )
                % {
                    "file": original.path,
                    "id": photo.id,
                    "name": photo.path.name,
                    "old_w": photo.width,
                    "old_h": photo.height,
                    "new_w": original.width,
                    "new_h": original.height,
                },
                path=original.path,
            )

    def take_facts(self, facts: Sequence[FileFacts]) -> tuple[FactsTaken, ChangeSet]:
        """Write what the originals say now (a re-read), in one transaction.

        Only the files' facts change (:meth:`PhotoRepository.set_file_facts`): rating,
        label, flag and captions stay the curator's; a source type the curator set stays;
        what a photo shows follows its file unless the curator edited it. Generated caption
        fields the curator has not edited follow the new facts. The change set names the
        photos that changed.

        Raises:
            KeyError: a photo no longer in the project (nothing of the batch is written).
        """
        if not facts:
            return FactsTaken(), ChangeSet()
        service = self._service
        updated: list[str] = []
        unchanged: list[str] = []
        followed: set[str] = set()
        with service.store.transaction():
            for read in facts:
                photo_id = read.photo.id
                record = service.rights.provenance(photo_id)
                kept = _with_origin(record, read.origin)
                if kept != record:
                    service.rights.put_provenance(kept)
                shown = False
                if not service.shown.edited(photo_id):
                    followed.add(photo_id)
                    if read.shown != service.shown.get(photo_id):
                        service.shown.put(photo_id, read.shown)
                        shown = True
                if service.photos.set_file_facts(photo_id, read.photo) or kept != record or shown:
                    updated.append(photo_id)
                else:
                    unchanged.append(photo_id)
            if updated:
                service.operations.captions.regenerate(updated)
        taken = FactsTaken(tuple(updated), tuple(unchanged), frozenset(followed))
        return taken, ChangeSet(photos=frozenset(updated))

    def share_previews(self, previews: Sequence[tuple[str, bytes]], size: int) -> bool:
        """Hand a server project's shared cache these previews (content hash, JPEG).

        A cache, not an edit: the same content always gives the same preview, nothing a
        person made changes and nothing is undone, so there is no change set. One
        transaction; a preview the server holds already stays as it is. Returns False when
        the server refused (rights changed, the server gone): nothing was written.
        """
        service = self._service
        try:
            with service.store.transaction():
                for sha256, jpeg in previews:
                    service.shared_previews.put(sha256, size, jpeg)
        except ProjectOpenError:
            return False
        return True


def _with_origin(record: Provenance, origin: Provenance) -> Provenance:
    """The stored record with the file's origin; a source type the curator set stays."""
    if not record.source_type_edited:
        record = replace(record, source_type=origin.source_type)
    return replace(
        record,
        c2pa_state=origin.c2pa_state,
        c2pa_signer=origin.c2pa_signer,
        c2pa_trusted=origin.c2pa_trusted,
        c2pa_detail=origin.c2pa_detail,
    )
