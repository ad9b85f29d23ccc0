"""Importing photos into a project: many files at once, every core busy, nothing half done.

Workers (a process pool) hash, probe, read metadata and make thumbnails; this process
writes the results through the operation ``operations.imports.write_batch``. Each batch of
photos - with its captions, problems and thumbnails - is one transaction, so a kill at any
moment leaves whole photos or none, and running the import again finishes the job (files
already in the project are recognised by their hash and skipped before any thumbnail
work). Cancel stops within a second and keeps what was added.
"""

from __future__ import annotations

import concurrent.futures as futures
import multiprocessing
import os
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from curator.core.checks.problems import Problem
from curator.core.errors import ProjectWriteError
from curator.core.language.credits import ParsedCredit, byline_language, parse_byline
from curator.core.language.languages import normalize_language
from curator.core.model import CaptionField, CreditRole, Photo
from curator.core.operations.imports import FileOutcome, ImportedFile, RefusedFile
from curator.core.operations.shown import GlossaryNames
from curator.core.progress import Progress, ProgressCallback, no_progress
from curator.core.repositories.media import StoredThumbnail
from curator.core.rights import Provenance
from curator.core.services import ProjectService
from curator.i18n import _, ngettext
from curator.ingest.analysis import (
    FileAnalysis,
    analyse_file,
    end_workers,
    init_pool_worker,
    init_worker,
    interrupts_held,
    worker_count,
)
from curator.ingest.content_credentials import VALID, CredentialStatus
from curator.ingest.credential_trust import trust_anchors, trusted_status
from curator.ingest.metadata.languages import resolve_caption_languages
from curator.ingest.metadata.types import ImageMetadata
from curator.ingest.scan import find_images, storable_path
from curator.ingest.shown_import import take_shown

_BATCH_SECONDS = 0.25
_BATCH_SIZE = 32
#: Below this many files a pool's start-up costs more than it saves.
_POOL_THRESHOLD = 3


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """How to import."""

    recursive: bool = True
    caption_language: str | None = None
    workers: int | None = None


@dataclass
class ImportReport:
    """What an import did."""

    added: list[str] = field(default_factory=list)
    already_known: list[Path] = field(default_factory=list)
    relinked: list[str] = field(default_factory=list)
    refused: list[tuple[Path, Problem]] = field(default_factory=list)
    cancelled: bool = False
    #: Added photos carrying Content Credentials (C2PA), with their status.
    credentials: list[tuple[str, CredentialStatus]] = field(default_factory=list)
    #: Added photos whose file names persons, places… shown that the glossary lacks (kept
    #: in the file, not recorded): photo id, file, the names.
    unmatched_shown: list[tuple[str, Path, tuple[str, ...]]] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """True when every file was either added or already there."""
        return not self.refused and not self.cancelled

    def summary(self) -> str:
        """One line for people, in the interface language."""
        parts = [
            ngettext("%(count)d photo added", "%(count)d photos added", len(self.added))
            % {"count": len(self.added)}
        ]
        if self.already_known:
            count = len(self.already_known)
            parts.append(
                ngettext(
                    "%(count)d already in the project", "%(count)d already in the project", count
                )
                % {"count": count}
            )
        if self.relinked:
            count = len(self.relinked)
            parts.append(
                ngettext("%(count)d found at a new place", "%(count)d found at a new place", count)
                % {"count": count}
            )
        if self.refused:
            count = len(self.refused)
            parts.append(
                ngettext("%(count)d file refused", "%(count)d files refused", count)
                % {"count": count}
            )
        if self.credentials:
            count = len(self.credentials)
            parts.append(
                ngettext(
                    "%(count)d with Content Credentials",
                    "%(count)d with Content Credentials",
                    count,
                )
                % {"count": count}
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
        return ", ".join(parts)

    def notes(self) -> list[str]:
        """One line per added photo whose shown names stayed in its file only."""
        return [
            _(
                "%(file)s: shown in the file but not in the glossary (kept in the original and "
                "in delivered copies, not recorded): %(names)s"
            )
            % {"file": path.name, "names": ", ".join(names)}
            for _photo_id, path, names in self.unmatched_shown
        ]


def _results(
    files: list[Path], known: frozenset[str], workers: int, cancel: threading.Event
) -> Iterator[FileAnalysis]:
    """Analyses as they finish; stops submitting as soon as ``cancel`` is set."""
    if len(files) < _POOL_THRESHOLD or workers == 1:
        init_worker(known)
        for path in files:
            if cancel.is_set():
                return
            yield analyse_file(path)
        return
    # spawn: the window's process has threads, and fork would copy them mid-flight.
    context = multiprocessing.get_context("spawn")
    with interrupts_held():  # the pool's queues may start the resource tracker
        pool = futures.ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=init_pool_worker,
            initargs=(known, os.getpid()),
        )
    with pool:
        pending: dict[futures.Future[FileAnalysis], Path] = {}
        queue = iter(files)
        try:
            while True:
                while len(pending) < workers * 3 and not cancel.is_set():
                    queued = next(queue, None)
                    if queued is None:
                        break
                    with interrupts_held():  # a submit may start a worker
                        pending[pool.submit(analyse_file, queued)] = queued
                if not pending:
                    return
                done, _waiting = futures.wait(pending, timeout=0.2, return_when="FIRST_COMPLETED")
                for future in done:
                    yield _outcome(future, pending.pop(future))
                if cancel.is_set():
                    return
        finally:
            # Cancelled or interrupted (Ctrl-C): what is running is thrown away. The futures
            # are not cancelled one by one: the pool, broken by its workers' end, fails every
            # future it still holds, and Python 3.11 raises for one already cancelled (in the
            # pool's own thread: a traceback under "curator: cancelled").
            if pending:
                end_workers(pool)
            pool.shutdown(wait=True, cancel_futures=not pending)


def _outcome(future: futures.Future[FileAnalysis], path: Path) -> FileAnalysis:
    try:
        return future.result()
    except futures.process.BrokenProcessPool as error:
        # A worker died (killed for memory, say): this file is refused, the batch goes on
        # only if the pool still works; a broken pool fails every later future the same way.
        return FileAnalysis(path, problem=Problem("corrupt-image", str(error) or "worker died"))
    except Exception as error:  # a reader bug must not stop the batch
        return FileAnalysis(path, problem=Problem("corrupt-image", repr(error)))


class _BatchWriter:
    """Queues analyses and writes them in batches (``operations.imports.write_batch``)."""

    def __init__(self, service: ProjectService, fallback_language: str, report: ImportReport):
        self._service = service
        self._fallback = fallback_language
        self._report = report
        self._batch: list[_Prepared] = []
        self._batch_started = time.monotonic()
        self._trust = trust_anchors(service)
        self._glossary = GlossaryNames(service.glossary.all())  # unchanged during an import
        self._languages = service.project.languages()

    def add(self, analysis: FileAnalysis) -> list[str]:
        """Queue a result; returns the ids of photos written if a batch was flushed."""
        self._batch.append(self._prepare(analysis))
        full = len(self._batch) >= _BATCH_SIZE
        # The first photo is written at once, so the library shows it while the rest import.
        first = not self._report.added and analysis.problem is None
        if first or full or time.monotonic() - self._batch_started > _BATCH_SECONDS:
            return self.flush()
        return []

    def flush(self) -> list[str]:
        """Write the queued results."""
        batch, self._batch = self._batch, []
        self._batch_started = time.monotonic()
        if not batch:
            return []
        written, _changes = self._service.operations.imports.write_batch(
            [prepared.file for prepared in batch]
        )
        report = self._report
        added: list[str] = []
        for prepared, done in zip(batch, written, strict=True):
            file = prepared.file
            if isinstance(file, RefusedFile):
                report.refused.append((file.path, file.problem))
            elif done.outcome is FileOutcome.RELINKED:
                report.relinked.append(done.photo_id)
            elif done.outcome is FileOutcome.KNOWN:
                report.already_known.append(file.photo.path)
            else:
                added.append(done.photo_id)
                if prepared.credentials is not None:
                    report.credentials.append((done.photo_id, prepared.credentials))
                if prepared.unmatched:
                    report.unmatched_shown.append(
                        (done.photo_id, file.photo.path, prepared.unmatched)
                    )
        report.added.extend(added)
        return added

    def _prepare(self, analysis: FileAnalysis) -> _Prepared:
        """What the operation writes for one file, and what the report says of it."""
        if analysis.problem is not None:
            return _Prepared(RefusedFile(analysis.path, analysis.problem))
        status = analysis.credentials
        if status is not None and status.state == VALID and self._trust:
            status = trusted_status(analysis.path, status, self._trust)
        shown = None
        unmatched: tuple[str, ...] = ()
        if analysis.shown is not None:
            taken = take_shown(
                analysis.shown,
                self._glossary,
                self._languages,
                width=analysis.width,
                height=analysis.height,
                orientation=analysis.orientation,
            )
            shown, unmatched = taken.shown, taken.unmatched
        metadata = analysis.metadata
        file = ImportedFile(
            _photo_from(analysis),
            StoredThumbnail(
                analysis.thumbnail_width, analysis.thumbnail_height, analysis.thumbnail_jpeg
            ),
            _provenance(analysis.source_type, status),
            tuple(_credits_from(metadata)) if metadata is not None else (),
            metadata.problems if metadata is not None else (),
            self._captions(metadata) if metadata is not None else (),
            shown,
        )
        return _Prepared(file, status, unmatched)

    def _captions(self, metadata: ImageMetadata) -> tuple[tuple[CaptionField, str, str], ...]:
        """The file's captions by field, each in the language it resolves to."""
        captions = []
        for field_, texts in (
            (CaptionField.HEADLINE, metadata.headlines),
            (CaptionField.CAPTION, metadata.descriptions),
            (CaptionField.ALT, metadata.alt_texts),
            (CaptionField.DESCRIPTION, metadata.ext_descriptions),
        ):
            for language, text in resolve_caption_languages(texts, self._fallback):
                try:
                    tag = normalize_language(language)
                except Exception:  # an xml:lang babel does not know: keep the text, in the fallback
                    tag = self._fallback
                captions.append((field_, tag, text.text))
        return tuple(captions)


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A queued file: what is written, and its C2PA status and unknown shown names."""

    file: ImportedFile | RefusedFile
    credentials: CredentialStatus | None = None
    unmatched: tuple[str, ...] = ()


def _provenance(source_type: str, status: CredentialStatus | None) -> Provenance:
    """The file's digital source type and C2PA status (no photo id yet)."""
    record = Provenance("", source_type=source_type)
    if status is None:
        return record
    return replace(
        record,
        c2pa_state=status.state,
        c2pa_signer=status.signer,
        c2pa_trusted=status.trusted,
        c2pa_detail=status.detail,
    )


def _credits_from(metadata: ImageMetadata) -> list[ParsedCredit]:
    """Structured credits from the file's byline(s), its Credit field filling a missing agency."""
    parsed = [p for p in (parse_byline(byline) for byline in metadata.byline) if p is not None]
    if metadata.credit and metadata.credit not in metadata.byline:
        # (A Credit field that repeats the byline names the photographer, not an agency.)
        agency = parse_byline(metadata.credit)
        agency_name = (agency.agency or agency.photographer) if agency else metadata.credit
        if not parsed:
            return [
                ParsedCredit(None, agency_name, CreditRole.PHOTO, byline_language(metadata.credit))
            ]
        parsed = [
            p if p.agency else ParsedCredit(p.photographer, agency_name, p.role, p.language)
            for p in parsed
        ]
    return parsed


def _photo_from(analysis: FileAnalysis) -> Photo:
    return Photo(
        id="",
        path=analysis.path,
        sha256=analysis.sha256,
        width=analysis.width,
        height=analysis.height,
        orientation=analysis.orientation,
        file_size=analysis.file_size,
        **(file_facts(analysis.metadata) if analysis.metadata else {}),
    )


def file_facts(meta: ImageMetadata) -> dict[str, Any]:
    """The :class:`Photo` fields that say what the file's metadata says (import and re-read)."""
    return {
        "captured_at": meta.captured_at,
        "camera": meta.camera,
        "lens": meta.lens,
        "exposure": meta.exposure,
        "gps": meta.gps,
        "byline": "; ".join(meta.byline) if meta.byline else None,
        "credit": meta.credit,
        "source": meta.source,
        "copyright": meta.copyright,
        "city": meta.city,
        "sublocation": meta.sublocation,
        "state": meta.state,
        "country": meta.country,
        "job_id": meta.job_id,
        "keywords": meta.keywords,
        "rating": meta.rating,
        "label": meta.label,
    }


def _kept(count: int, disk_full: bool) -> str:
    """What an import stopped by a failed write had already committed."""
    if disk_full:
        return ngettext(
            "%(count)d photo was imported before the disk filled; the rest were not.",
            "%(count)d photos were imported before the disk filled; the rest were not.",
            count,
        ) % {"count": count}
    return ngettext(
        "%(count)d photo was imported before this; the rest were not.",
        "%(count)d photos were imported before this; the rest were not.",
        count,
    ) % {"count": count}


def _record_skipped(service: ProjectService, skipped: list[tuple[Path, Problem]]) -> None:
    """List skipped files in ``curator problems``.

    A name that is not UTF-8 is only in the report: the project cannot store it either.
    """
    service.operations.imports.record_refused(
        [RefusedFile(path, problem) for path, problem in skipped if storable_path(path)]
    )


def import_paths(
    service: ProjectService,
    paths: Iterable[Path],
    options: ImportOptions | None = None,
    on_progress: ProgressCallback = no_progress,
    cancel: threading.Event | None = None,
) -> ImportReport:
    """Import the images under ``paths`` into the project.

    A caption whose language the file does not say gets one by
    :func:`resolve_caption_languages`, falling back to ``options.caption_language`` and then
    to the project's source language - never the computer's locale.
    """
    options = options or ImportOptions()
    cancel = cancel or threading.Event()
    project = service.project.get()
    fallback = (
        normalize_language(options.caption_language)
        if options.caption_language
        else project.source_language
    )
    report = ImportReport()
    scan = find_images(paths, recursive=options.recursive)
    files = scan.files
    for path in scan.missing:
        report.refused.append((path, Problem("unreadable-file", "no such file or folder")))
    report.refused.extend(scan.skipped)
    _record_skipped(service, scan.skipped)
    known = frozenset(row.sha256 for row in service.photos.all() if row.path.exists())
    writer = _BatchWriter(service, fallback, report)
    total = len(files)
    done = 0
    on_progress(Progress(0, total, _("Looking at %(count)d files…") % {"count": total}))
    workers = options.workers or worker_count()
    last_report = time.monotonic()
    try:
        for analysis in _results(files, known, workers, cancel):
            done += 1
            added = writer.add(analysis)
            if added or time.monotonic() - last_report > _BATCH_SECONDS:
                last_report = time.monotonic()
                on_progress(Progress(done, total, str(analysis.path.name), tuple(added)))
        added = writer.flush()
    except ProjectWriteError as error:
        if not report.added:
            raise
        raise error.after(_kept(len(report.added), error.disk_full)) from error
    report.cancelled = cancel.is_set() and done < total
    on_progress(Progress(done, total, report.summary(), tuple(added)))
    return report
