"""What a worker makes of one file: content hash, pixel facts, metadata and a thumbnail.

``analyse_file`` runs in a worker process; its argument and result are plain picklable
values. It never raises for a bad file: the result carries the problem instead.
"""

from __future__ import annotations

import concurrent.futures as futures
import contextlib
import hashlib
import logging
import os
import signal
import threading
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from curator.core.checks.problems import Problem
from curator.decode.files import SpecialFileError, open_regular
from curator.ingest.content_credentials import (
    UNREADABLE,
    CredentialStatus,
    check_credentials,
    file_has_manifest,
)
from curator.ingest.imaging import ImagingError, make_thumbnail, probe
from curator.ingest.metadata.mapping import read_metadata
from curator.ingest.metadata.provenance import read_source_type
from curator.ingest.metadata.shown_xmp import ShownInFile, read_shown_file
from curator.ingest.metadata.types import ImageMetadata

THUMBNAIL_SIZE = 256

_known_hashes: frozenset[str] = frozenset()


def init_worker(known_hashes: frozenset[str]) -> None:
    """Process-pool initializer: the hashes the project already holds."""
    global _known_hashes
    _known_hashes = known_hashes
    logging.getLogger("exifread").setLevel(logging.CRITICAL)


def init_pool_worker(known_hashes: frozenset[str], parent_pid: int) -> None:
    """Initializer of an import pool process: :func:`init_worker`, and die with the importer."""
    # Ctrl-C in a terminal reaches the whole process group: the importer decides what an
    # interrupt means (it ends the workers); a worker must not die half-way on its own. It
    # was started with SIGINT blocked (see interrupts_held), so none came before this.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    init_worker(known_hashes)
    exit_with_parent(parent_pid)


@contextlib.contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold SIGINT back from this thread while it starts pool workers.

    A spawned worker inherits the signal mask, so a Ctrl-C never reaches one that is still
    starting (it would print a traceback and die before it can ignore SIGINT); the importer
    itself gets a Ctrl-C that came meanwhile as soon as this ends. The multiprocessing
    resource tracker is started the same way.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def exit_with_parent(parent_pid: int) -> None:
    """End this worker when ``parent_pid`` - the process that started the pool - dies.

    The pid is passed in rather than read here: a worker whose parent was killed while it
    was still starting would otherwise take its new parent (init) for the real one and
    never leave (kill -9 must leave no orphans).
    """

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="curator-parent-watch", daemon=True).start()


def end_workers(pool: futures.ProcessPoolExecutor) -> None:
    """Stop the workers now rather than after the photo each is on.

    A decode can take seconds; workers write nothing, so only their current analysis is lost.
    """
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14
    if terminate is not None:
        terminate()
        return
    for process in list(getattr(pool, "_processes", {}).values()):
        process.terminate()


@dataclass(frozen=True, slots=True)
class FileAnalysis:
    """Everything the importer needs to add one file, or why it cannot."""

    path: Path
    sha256: str = ""
    file_size: int = 0
    known: bool = False
    width: int = 0
    height: int = 0
    orientation: int = 1
    metadata: ImageMetadata | None = None
    thumbnail_jpeg: bytes = b""
    thumbnail_width: int = 0
    thumbnail_height: int = 0
    problem: Problem | None = None
    #: The IPTC digital source type the file states (a code; '' : none).
    source_type: str = ""
    #: Its C2PA manifest's status (None: it carries none); trust is decided on writing.
    credentials: CredentialStatus | None = None
    #: Who and what the file says it shows (IPTC Extension), as written there.
    shown: ShownInFile | None = None


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a regular file's bytes (see :func:`file_size_and_sha256`)."""
    return file_size_and_sha256(path)[1]


def file_size_and_sha256(path: Path) -> tuple[int, str]:
    """Size and hex SHA-256 of a regular file, whatever has replaced it since it was listed.

    Opened without blocking (a FIFO's open would wait for a writer forever) and checked to
    be a regular file on the open descriptor before one byte is read.

    Raises:
        SpecialFileError: It is not a regular file.
        OSError: It cannot be opened or read.
    """
    with open_regular(path) as handle:
        digest = hashlib.sha256()
        size = 0
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return size, digest.hexdigest()


def analyse_file(path: Path, *, skip_known: bool = True) -> FileAnalysis:
    """Hash, probe, read metadata and thumbnail one file (in a worker).

    Pillow's and exifread's own complaints about damaged files are silenced here: what
    matters reaches the user as the file's problems, in their language. ``skip_known``: a
    file whose hash the project holds already is only hashed (``known``).
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _analyse(path, skip_known)


def _analyse(path: Path, skip_known: bool = True) -> FileAnalysis:
    try:
        size, sha = file_size_and_sha256(path)
    except SpecialFileError as error:
        return FileAnalysis(path, problem=Problem("special-file", error.kind))
    except OSError as error:
        return FileAnalysis(path, problem=Problem("unreadable-file", error.strerror or str(error)))
    if skip_known and sha in _known_hashes:
        return FileAnalysis(path, sha256=sha, file_size=size, known=True)
    try:
        facts = probe(path)
        thumbnail = make_thumbnail(path, THUMBNAIL_SIZE, salvage=True)
    except ImagingError as error:
        return FileAnalysis(path, sha256=sha, file_size=size, problem=error.problem)
    except MemoryError:
        return FileAnalysis(path, sha256=sha, file_size=size, problem=Problem("image-too-large"))
    metadata = read_metadata(path, facts)
    if thumbnail.salvaged:
        truncated = Problem("truncated-file", "the end of the file is missing")
        metadata = replace(metadata, problems=(*metadata.problems, truncated))
    return FileAnalysis(
        path=path,
        sha256=sha,
        file_size=size,
        width=thumbnail.full_width,
        height=thumbnail.full_height,
        orientation=facts.orientation,
        metadata=metadata,
        thumbnail_jpeg=thumbnail.jpeg,
        thumbnail_width=thumbnail.width,
        thumbnail_height=thumbnail.height,
        source_type=read_source_type(path),
        credentials=_credentials(path),
        shown=read_shown_file(path),
    )


def _credentials(path: Path) -> CredentialStatus | None:
    """The C2PA status of a file that carries a manifest (only those are read whole)."""
    if not file_has_manifest(path):
        return None
    try:
        with open_regular(path) as handle:
            return check_credentials(handle.read())
    except OSError as error:
        return CredentialStatus(UNREADABLE, detail=error.strerror or str(error))


def worker_count() -> int:
    """Processes for the pool: every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)
