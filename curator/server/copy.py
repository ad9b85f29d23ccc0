"""``curator copy``: a whole project from a file to a server, back, or between two of either.

What it guarantees (docs/cli.md, ``curator copy``):

* **Whole and consistent.** The source is read in one snapshot (see
  :mod:`curator.server.copy_ends`), every table and every row, in the order of the schema's
  foreign keys (:mod:`curator.server.copy_tables`); the search index is rebuilt from the
  captions at the destination.
* **Into something new.** A destination file must not exist, and is never a file the source
  project knows (its own files, backups, originals); a destination server project must not hold
  a project yet (an empty or absent schema).
* **The same schema on both sides.** The destination is made at this Curator's schema version;
  an older source is brought to it first (a file in memory only, a server project on the
  server, as opening it does); a newer one is refused.
* **Nothing half-made.** A file is built under a temporary name and renamed when complete; a
  server project is made in one transaction. Ctrl-C, a killed process or a server going down
  leave the destination as it was.

Thumbnails already in a project (the ``thumbnail`` table) travel with it like every table.
Previews travel too (:mod:`curator.server.copy_previews`): into a server project's table in
the same transaction, or into a new file's cache folder once the file is complete; the
source's own cache stays where it is.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from curator.core.errors import CuratorError, ProjectExistsError, UsageError
from curator.core.language.library_messages import reason as library_reason
from curator.core.progress import Progress, ProgressCallback, no_progress, stop_if_cancelled
from curator.core.storage.address import FileAddress, ProjectAddress, ServerAddress
from curator.core.storage.atomic_write import atomic_output
from curator.core.storage.migrations import SCHEMA_VERSION
from curator.core.storage.protected_files import ProtectedFiles, identity
from curator.i18n import _
from curator.server.copy_ends import (
    Destination,
    FileDestination,
    FileSource,
    ServerDestination,
    ServerSource,
    Source,
)
from curator.server.copy_previews import write_file_previews
from curator.server.copy_tables import copied_tables


class CopyError(CuratorError):
    """The copy stopped (a server gone, a value the other engine refuses); nothing was made."""

    exit_code = 3


@dataclass(frozen=True, slots=True)
class CopyReport:
    """What was copied: where from, where to, and the rows of each table."""

    source: str
    destination: str
    schema_version: int
    rows: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        """The object of ``curator copy --json``."""
        return {
            "source": self.source,
            "destination": self.destination,
            "schema_version": self.schema_version,
            "rows": dict(self.rows),
            "total_rows": sum(self.rows.values()),
        }


def copy_project(
    source: ProjectAddress,
    destination: ProjectAddress,
    *,
    on_progress: ProgressCallback = no_progress,
    cancel: threading.Event | None = None,
) -> CopyReport:
    """Copy the project at ``source`` into a new project at ``destination`` (module's note).

    Raises:
        ProjectMissingError, NewerSchemaError, ProjectOpenError: the source cannot be read.
        ProjectExistsError, ProtectedFileError, OutputError: the destination is refused.
        CopyError: the copy stopped midway; the destination was left as it was.
        CancelledError: ``cancel`` was set; nothing was made.
    """
    if source == destination or (
        isinstance(source, FileAddress)
        and isinstance(destination, FileAddress)
        and _same_file(source.path, destination.path)
    ):
        raise UsageError(_("The source and the destination are the same project."))
    try:
        with _open_source(source) as (reader, guard):
            counts = {table.name: reader.count(table) for table in copied_tables()}
            total = sum(counts.values())
            on_progress(Progress(0, total))
            with _create_destination(destination, guard) as writer:
                _copy_rows(reader, writer, counts, total, on_progress, cancel)
                if isinstance(writer, ServerDestination):
                    for batch in reader.previews():
                        stop_if_cancelled(cancel)
                        writer.write_previews(batch)
            if isinstance(destination, FileAddress):  # the file is complete: fill its cache
                project = destination.path.expanduser().absolute()
                for batch in reader.previews():
                    write_file_previews(project, batch)
    except (psycopg.Error, sqlite3.Error) as error:
        raise CopyError(
            _("The copy from %(source)s to %(destination)s stopped: %(reason)s. Nothing was made.")
            % {
                "source": source.display(),
                "destination": destination.display(),
                "reason": library_reason(error),
            }
        ) from error
    return CopyReport(source.display(), destination.display(), SCHEMA_VERSION, counts)


def _copy_rows(
    reader: Source,
    writer: Destination,
    counts: dict[str, int],
    total: int,
    on_progress: ProgressCallback,
    cancel: threading.Event | None,
) -> None:
    done = 0
    for table in copied_tables():
        for batch in reader.rows(table):
            stop_if_cancelled(cancel)
            writer.write(table, batch)
            done += len(batch)
            on_progress(Progress(done, total, table.name))
        stop_if_cancelled(cancel)
    if done != total:  # cannot happen in one snapshot; a guard against a silent short copy
        raise CopyError(
            _("%(done)d of %(total)d rows were read; nothing was made.")
            % {"done": done, "total": total}
        )
    on_progress(Progress(total, total))


@contextlib.contextmanager
def _open_source(address: ProjectAddress) -> Iterator[tuple[Source, ProtectedFiles]]:
    """The source in one snapshot, and the files a destination file must not be."""
    if isinstance(address, FileAddress):
        with FileSource.open(address) as reader:
            yield reader, ProtectedFiles.of_project(address.path, _originals(reader))
    else:
        with ServerSource.open(address) as server_reader:
            yield server_reader, _originals_guard(_originals(server_reader))


def _originals(reader: Source) -> list[tuple[str, Path]]:
    photo = next(table for table in copied_tables() if table.name == "photo")
    position = photo.columns.index("id"), photo.columns.index("path")
    return [
        (str(row[position[0]]), Path(str(row[position[1]])))
        for batch in reader.rows(photo)
        for row in batch
    ]


def _originals_guard(originals: list[tuple[str, Path]]) -> ProtectedFiles:
    files = {}
    for photo_id, path in originals:
        found = identity(path)
        if found is not None:
            files[found] = _("the original of photo %(id)s") % {"id": photo_id}
    return ProtectedFiles(files=files)


@contextlib.contextmanager
def _create_destination(address: ProjectAddress, guard: ProtectedFiles) -> Iterator[Destination]:
    if isinstance(address, ServerAddress):
        with ServerDestination.create(address) as server_writer:
            yield server_writer
        return
    path = address.path.expanduser().absolute()
    guard.check(path)
    if path.exists() or path.is_symlink():
        raise ProjectExistsError(
            _("%(path)s already exists; copy into a new file.") % {"path": path}, path=path
        )
    with (
        atomic_output(path, guard=guard, replace=False) as temporary,
        FileDestination.create(temporary) as writer,
    ):
        yield writer


def _same_file(one: Path, other: Path) -> bool:
    first, second = identity(one), identity(other)
    return first is not None and first == second
