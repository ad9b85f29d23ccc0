"""Thumbnails kept inside the project, and problems found in input files.

Thumbnails live in the project file so the library shows every photo even while the
originals are offline (a disk not plugged in); the larger previews live in a cache beside
the project because they can be rebuilt from the originals.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from curator.core.checks.problems import Problem
from curator.core.repositories._util import now_iso
from curator.core.storage.database import Database

#: Photo ids per ``IN (...)`` query (older SQLite builds allow 999 parameters).
_QUERY_BATCH = 500


@dataclass(frozen=True, slots=True)
class StoredThumbnail:
    """A JPEG thumbnail, oriented as displayed."""

    width: int
    height: int
    jpeg: bytes


@dataclass(frozen=True, slots=True)
class FileProblem:
    """A file that could not be imported, and why."""

    path: Path
    problem: Problem
    seen_at: str


class MediaRepository:
    """Thumbnails, per-photo problems and per-file import problems."""

    def __init__(self, conn: Database) -> None:
        self._conn = conn

    def put_thumbnail(self, photo_id: str, thumbnail: StoredThumbnail) -> None:
        """Store (or replace) a photo's thumbnail."""
        self._conn.execute(
            "INSERT INTO thumbnail (photo_id, width, height, jpeg) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (photo_id) DO UPDATE SET width = excluded.width,"
            " height = excluded.height, jpeg = excluded.jpeg",
            (photo_id, thumbnail.width, thumbnail.height, thumbnail.jpeg),
        )

    def thumbnail(self, photo_id: str) -> StoredThumbnail | None:
        """A photo's thumbnail, if one was made."""
        row = self._conn.execute(
            "SELECT width, height, jpeg FROM thumbnail WHERE photo_id = ?", (photo_id,)
        ).fetchone()
        return None if row is None else StoredThumbnail(int(row[0]), int(row[1]), bytes(row[2]))

    def thumbnail_jpegs(self, photo_ids: list[str]) -> dict[str, bytes]:
        """The stored JPEG bytes of these photos' thumbnails, by photo id (those made).

        One query per 500 photos: the library asks for a screenful at a time.
        """
        found: dict[str, bytes] = {}
        for start in range(0, len(photo_ids), _QUERY_BATCH):
            batch = photo_ids[start : start + _QUERY_BATCH]
            marks = ", ".join("?" * len(batch))
            rows = self._conn.execute(
                f"SELECT photo_id, jpeg FROM thumbnail WHERE photo_id IN ({marks})", batch
            )
            found.update((str(photo_id), bytes(jpeg)) for photo_id, jpeg in rows)
        return found

    def set_photo_problems(self, photo_id: str, problems: list[Problem]) -> None:
        """Replace what is wrong with a photo's file (damaged metadata, say)."""
        self._conn.execute("DELETE FROM photo_problem WHERE photo_id = ?", (photo_id,))
        self._conn.executemany(
            "INSERT INTO photo_problem (photo_id, code, detail) VALUES (?, ?, ?)"
            " ON CONFLICT (photo_id, code) DO UPDATE SET detail = excluded.detail",
            [(photo_id, p.code, p.detail) for p in problems],
        )

    def photo_problems(self, photo_id: str) -> list[Problem]:
        """What is wrong with a photo's file."""
        rows = self._conn.execute(
            "SELECT code, detail FROM photo_problem WHERE photo_id = ? ORDER BY code",
            (photo_id,),
        )
        return [Problem(code, detail) for code, detail in rows.fetchall()]

    def photos_with_problem(self, code: str) -> set[str]:
        """Ids of the photos whose file has the problem ``code`` (``truncated-file``, say)."""
        rows = self._conn.execute("SELECT photo_id FROM photo_problem WHERE code = ?", (code,))
        return {str(row[0]) for row in rows.fetchall()}

    def record_file_problem(self, path: Path, problem: Problem) -> None:
        """Remember a file that could not be imported."""
        self._conn.execute(
            "INSERT INTO import_problem (path, code, detail, seen_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (path) DO UPDATE SET code = excluded.code,"
            " detail = excluded.detail, seen_at = excluded.seen_at",
            (str(path), problem.code, problem.detail, now_iso()),
        )

    def clear_file_problem(self, path: Path) -> None:
        """Forget a file's problem (it imported after all)."""
        self._conn.execute("DELETE FROM import_problem WHERE path = ?", (str(path),))

    def file_problems(self) -> list[FileProblem]:
        """Every file that could not be imported, by path."""
        rows = self._conn.execute(
            "SELECT path, code, detail, seen_at FROM import_problem ORDER BY path"
        )
        return [
            FileProblem(Path(path), Problem(code, detail), seen_at)
            for path, code, detail, seen_at in rows.fetchall()
        ]
