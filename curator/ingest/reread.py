"""Re-reading what the originals' metadata says, for photos already in a project.

A project made before Curator kept lens, exposure, IPTC state and job id (schema 11) has
those fields empty; a re-read fills them, and any field an improved reader now reads
differently. Only the file's facts change (:meth:`PhotoRepository.set_file_facts`): rating,
label, flag and captions stay the curator's, and generated caption fields the curator has
not edited follow the new facts. An original that is missing, unreadable or no longer the
same file (its content hash differs) is left as it was and reported. The digital source type
and Content Credentials status (schema 13) are read again too; a source type the curator set
stays. Who and what the file says it shows is taken in where the glossary knows the names
(:func:`~curator.ingest.shown_import.take_shown`) for a photo whose shown data the curator
has not edited (schema 19), so a glossary entry added since the import is picked up; what the
curator edited stays, an emptied photo too.
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from curator.core.model import Photo
from curator.core.operations.originals import FileFacts
from curator.core.operations.shown import GlossaryNames
from curator.core.progress import Progress, ProgressCallback, no_progress
from curator.core.rights import Provenance
from curator.core.services import ProjectService
from curator.core.shown import Shown
from curator.decode.files import open_regular
from curator.i18n import _, ngettext
from curator.ingest.analysis import file_sha256
from curator.ingest.content_credentials import (
    CredentialStatus,
    check_credentials,
    file_has_manifest,
)
from curator.ingest.credential_trust import trust_anchors
from curator.ingest.importer import file_facts
from curator.ingest.metadata.mapping import read_metadata
from curator.ingest.metadata.provenance import read_source_type
from curator.ingest.metadata.shown_xmp import ShownInFile, read_shown_file
from curator.ingest.shown_import import take_shown

#: Photos written per transaction: a kill loses at most one batch of re-reading.
_BATCH = 64


@dataclass
class RereadReport:
    """What a re-read did, by photo id."""

    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    changed_file: list[str] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    #: Photos whose file names persons, places… shown that the glossary lacks: id, names.
    unmatched_shown: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    cancelled: bool = False

    def summary(self) -> str:
        """One line for people, in the interface language."""
        parts = [
            ngettext(
                "%(count)d photo updated from its file",
                "%(count)d photos updated from their files",
                len(self.updated),
            )
            % {"count": len(self.updated)},
            ngettext("%(count)d unchanged", "%(count)d unchanged", len(self.unchanged))
            % {"count": len(self.unchanged)},
        ]
        if self.missing:
            parts.append(
                ngettext(
                    "%(count)d original missing",
                    "%(count)d originals missing",
                    len(self.missing),
                )
                % {"count": len(self.missing)}
            )
        if self.changed_file:
            parts.append(
                ngettext(
                    "%(count)d original is no longer the imported file",
                    "%(count)d originals are no longer the imported files",
                    len(self.changed_file),
                )
                % {"count": len(self.changed_file)}
            )
        if self.unreadable:
            parts.append(
                ngettext(
                    "%(count)d original could not be read",
                    "%(count)d originals could not be read",
                    len(self.unreadable),
                )
                % {"count": len(self.unreadable)}
            )
        if self.unmatched_shown:
            count = len(self.unmatched_shown)
            parts.append(
                ngettext(
                    "%(count)d naming people or places shown the glossary lacks",
                    "%(count)d naming people or places shown the glossary lacks",
                    count,
                )
                % {"count": count}
            )
        if self.cancelled:
            parts.append(_("cancelled"))
        return "; ".join(parts)


def reread_metadata(
    service: ProjectService,
    photo_ids: Iterable[str] | None = None,
    on_progress: ProgressCallback = no_progress,
    cancel: threading.Event | None = None,
) -> RereadReport:
    """Read the metadata of the originals of ``photo_ids`` (every photo by default) again.

    Raises:
        KeyError: a photo id the project does not hold (nothing is changed then).
    """
    cancel = cancel or threading.Event()
    photos = (
        list(service.photos.all())
        if photo_ids is None
        else [service.photos.get(photo_id) for photo_id in dict.fromkeys(photo_ids)]
    )
    report = RereadReport()
    pending: list[tuple[str, Photo, Origin]] = []
    anchors = trust_anchors(service)
    total = len(photos)
    for index, photo in enumerate(photos, start=1):
        if cancel.is_set():
            report.cancelled = True
            break
        fresh = _read(photo, report)
        if fresh is not None:
            pending.append((photo.id, fresh, _origin(photo.path, anchors)))
        if len(pending) >= _BATCH:
            _write(service, pending, report)
            pending = []
        on_progress(Progress(index, total, photo.path.name))
    _write(service, pending, report)
    on_progress(Progress(total, total, report.summary()))
    return report


#: A file's digital source type, Content Credentials status and shown data, as read again.
Origin = tuple[str, CredentialStatus | None, ShownInFile]


def _read(photo: Photo, report: RereadReport) -> Photo | None:
    """``photo`` with the facts its original says now; None (and reported) when it cannot."""
    path: Path = photo.path
    try:
        if not path.exists():
            report.missing.append(photo.id)
            return None
        if file_sha256(path) != photo.sha256:
            report.changed_file.append(photo.id)
            return None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # damage reaches the user as problems, not noise
            metadata = read_metadata(path)
    except OSError as error:  # SpecialFileError too: a FIFO now stands where the file was
        report.unreadable.append((photo.id, str(error)))
        return None
    return replace(photo, **file_facts(metadata))


def _origin(path: Path, anchors: str | None) -> Origin:
    """The file's digital source type and C2PA status (for projects imported before 13)."""
    status = None
    if file_has_manifest(path):
        try:
            with open_regular(path) as handle:
                status = check_credentials(handle.read(), anchors)
        except OSError:
            status = None
    return read_source_type(path), status, read_shown_file(path)


def _write(
    service: ProjectService, pending: list[tuple[str, Photo, Origin]], report: RereadReport
) -> None:
    """Write a batch of re-read facts (``operations.originals.take_facts``) and report it."""
    if not pending:
        return
    glossary = GlossaryNames(service.glossary.all())
    languages = service.project.languages()
    facts: list[FileFacts] = []
    unmatched: dict[str, tuple[str, ...]] = {}
    for photo_id, fresh, (source_type, status, found) in pending:
        origin = Provenance(
            photo_id,
            source_type=source_type,
            c2pa_state=status.state if status else "",
            c2pa_signer=status.signer if status else "",
            c2pa_trusted=status.trusted if status else False,
            c2pa_detail=status.detail if status else "",
        )
        shown = Shown()
        if found != ShownInFile():
            taken = take_shown(
                found,
                glossary,
                languages,
                width=fresh.width,
                height=fresh.height,
                orientation=fresh.orientation,
            )
            shown = taken.shown
            if taken.unmatched:
                unmatched[photo_id] = taken.unmatched
        facts.append(FileFacts(fresh, origin, shown))
    taken_facts, _changes = service.operations.originals.take_facts(facts)
    # Names the glossary lacks are noted only where the shown data follows the file.
    report.unmatched_shown.extend(
        (photo_id, names)
        for photo_id, names in unmatched.items()
        if photo_id in taken_facts.shown_followed
    )
    report.unchanged.extend(taken_facts.unchanged)
    report.updated.extend(taken_facts.updated)
