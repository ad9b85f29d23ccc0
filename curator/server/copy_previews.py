"""The previews a copy carries: a server project's ``shared_preview`` rows, a file's cache.

A server project keeps its previews in the database (:mod:`curator.server.schema_shared`); a
project file keeps them in the cache folder beside it. A copy to a server takes the file's
cached previews into the new project's table (in its one transaction); a copy to a file writes
the server's previews into the new file's cache folder once the file is complete (a cache:
each file written whole under a temporary name, and deleting the folder loses nothing); a copy
between servers copies the rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import psycopg
from psycopg import sql

from curator.core.errors import CuratorError
from curator.core.storage.atomic_write import write_atomically
from curator.core.storage.preview_cache import PREVIEW_SIZE, SHARED_PREVIEW_TABLE, preview_path
from curator.core.storage.protected_files import ProtectedFiles

#: One preview: the original's content hash, the preview's long edge, its JPEG bytes.
PreviewRow = tuple[str, int, bytes]
#: Previews read or written at a time (about 300 KB each).
PREVIEW_BATCH = 20


def file_previews(project: Path, hashes: Iterable[str]) -> Iterator[list[PreviewRow]]:
    """The previews in a project file's cache folder, for these content hashes, in batches."""
    batch: list[PreviewRow] = []
    for sha256 in hashes:
        try:
            jpeg = preview_path(project, sha256).read_bytes()
        except OSError:
            continue  # not made yet (or unreadable): the destination makes it again
        batch.append((sha256, PREVIEW_SIZE, jpeg))
        if len(batch) == PREVIEW_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def server_previews(
    conn: psycopg.Connection[tuple[object, ...]], schema: str
) -> Iterator[list[PreviewRow]]:
    """A server project's previews, in batches (none when it has no such table yet)."""
    exists = conn.execute("SELECT to_regclass(%s)", (f"{schema}.{SHARED_PREVIEW_TABLE}",))
    found = exists.fetchone()
    if found is None or found[0] is None:
        return
    query = sql.SQL("SELECT sha256, size, jpeg FROM {} ORDER BY sha256, size").format(
        sql.Identifier(schema, SHARED_PREVIEW_TABLE)
    )
    with conn.cursor(name="curator_copy_previews") as cursor:
        cursor.itersize = PREVIEW_BATCH
        cursor.execute(query)
        while rows := cursor.fetchmany(PREVIEW_BATCH):
            yield [(str(s), int(str(z)), bytes(j)) for s, z, j in rows]  # type: ignore[call-overload]


def write_server_previews(
    conn: psycopg.Connection[tuple[object, ...]], schema: str, rows: Sequence[PreviewRow]
) -> None:
    """Add previews to a server project's table (in the caller's transaction)."""
    statement = sql.SQL(
        "INSERT INTO {} (sha256, size, jpeg) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING"
    ).format(sql.Identifier(schema, SHARED_PREVIEW_TABLE))
    with conn.cursor() as cursor:
        cursor.executemany(statement, list(rows))


def write_file_previews(project: Path, rows: Sequence[PreviewRow]) -> int:
    """Put previews into a project file's cache folder; how many were written."""
    written = 0
    for sha256, size, jpeg in rows:
        if size != PREVIEW_SIZE:
            continue  # a file project's cache holds screen previews only
        target = preview_path(project, sha256)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # Curator's own cache: nothing there a person named, so nothing to protect.
            write_atomically(target, jpeg, guard=ProtectedFiles.nothing(), sweep=False)
        except (OSError, CuratorError):
            continue  # a cache: the preview is made again from the original when missing
        written += 1
    return written
