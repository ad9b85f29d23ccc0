"""Photos and their structured credits."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from curator.core.language.text import nfc_or_none
from curator.core.model import Credit, CreditRole, Exposure, GeoPoint, Photo, PhotoFlag
from curator.core.repositories._util import dump_language_map, load_language_map, new_id, now_iso
from curator.core.storage.database import Database, dialect_of
from curator.core.storage.workstation_paths import WorkstationPaths

_COLUMNS = (
    "id, path, sha256, width, height, orientation, file_size, captured_at, camera, gps_lat,"
    " gps_lon, byline, credit, source, copyright, city, sublocation, country, keywords,"
    " rating, label, imported_at, flag, lens, exposure_time, f_number, iso, focal_length, state,"
    " job_id"
)
#: The columns that hold what the original's metadata says (re-read by ``set_file_facts``);
#: rating, label and flag are the curator's once imported, so a re-read leaves them alone.
_FILE_FACTS = (
    "captured_at",
    "camera",
    "gps_lat",
    "gps_lon",
    "byline",
    "credit",
    "source",
    "copyright",
    "city",
    "sublocation",
    "country",
    "keywords",
    "lens",
    "exposure_time",
    "f_number",
    "iso",
    "focal_length",
    "state",
    "job_id",
)


def _row_to_photo(row: tuple[Any, ...]) -> Photo:
    (pid, path, sha, width, height, orientation, size, captured, camera, lat, lon, byline,
     credit, source, copyright_, city, sublocation, country, keywords, rating, label,
     imported, flag, lens, exposure_time, f_number, iso, focal_length, state,
     job_id) = row  # fmt: skip
    return Photo(
        id=pid,
        path=Path(path),
        sha256=sha,
        width=width,
        height=height,
        orientation=orientation,
        file_size=size,
        captured_at=datetime.fromisoformat(captured) if captured else None,
        camera=camera,
        gps=GeoPoint(lat, lon) if lat is not None and lon is not None else None,
        byline=byline,
        credit=credit,
        source=source,
        copyright=copyright_,
        city=city,
        sublocation=sublocation,
        country=country,
        keywords=tuple(json.loads(keywords or "[]")),
        rating=rating,
        label=label,
        imported_at=datetime.fromisoformat(imported) if imported else None,
        flag=PhotoFlag(flag) if flag else None,
        lens=lens,
        exposure=Exposure(exposure_time, f_number, iso, focal_length),
        state=state,
        job_id=job_id,
    )


def _positive(value: float | None) -> float | None:
    """A measured value the schema accepts: zero or less means the file did not say."""
    return value if value is not None and value > 0 else None


def _file_fact_values(photo: Photo) -> dict[str, Any]:
    """The ``_FILE_FACTS`` columns' values for ``photo``, cleaned as they are stored."""
    keywords = list(dict.fromkeys(k for k in (nfc_or_none(k) for k in photo.keywords) if k))
    exposure = photo.exposure
    iso = _positive(exposure.iso)
    return {
        "captured_at": photo.captured_at.isoformat() if photo.captured_at else None,
        "camera": nfc_or_none(photo.camera),
        "gps_lat": photo.gps.lat if photo.gps else None,
        "gps_lon": photo.gps.lon if photo.gps else None,
        "byline": nfc_or_none(photo.byline),
        "credit": nfc_or_none(photo.credit),
        "source": nfc_or_none(photo.source),
        "copyright": nfc_or_none(photo.copyright),
        "city": nfc_or_none(photo.city),
        "sublocation": nfc_or_none(photo.sublocation),
        "country": nfc_or_none(photo.country),
        "keywords": json.dumps(keywords, ensure_ascii=False),
        "lens": nfc_or_none(photo.lens),
        "exposure_time": _positive(exposure.time),
        "f_number": _positive(exposure.f_number),
        "iso": int(iso) if iso is not None else None,
        "focal_length": _positive(exposure.focal_length),
        "state": nfc_or_none(photo.state),
        "job_id": nfc_or_none(photo.job_id),
    }


class PhotoRepository:
    """Photos by id and by content hash; credits per photo.

    ``paths``: for a project on a server, this workstation's own paths of the originals
    (:class:`~curator.core.storage.workstation_paths.WorkstationPaths`); a photo read shows
    this workstation's path when it has one, and a relink changes only this workstation's.
    """

    def __init__(self, conn: Database, paths: WorkstationPaths | None = None) -> None:
        self._conn = conn
        self._paths = paths

    def _photo(self, row: tuple[Any, ...], local: dict[str, Path] | None = None) -> Photo:
        photo = _row_to_photo(row)
        if self._paths is None:
            return photo
        here = (self._paths.paths() if local is None else local).get(photo.sha256)
        return photo if here is None or here == photo.path else replace(photo, path=here)

    def add(self, photo: Photo) -> Photo:
        """Insert a photo; an empty ``id`` gets a new one. Returns the stored photo."""
        pid = photo.id or new_id("p")
        rating, flag = photo.rating, photo.flag
        if rating is not None and rating < 0:
            # XMP (and Bridge) write a rating of -1 for a rejected photo.
            rating, flag = None, flag or PhotoFlag.REJECT
        values: dict[str, Any] = {
            "id": pid,
            "path": str(photo.path),
            "sha256": photo.sha256,
            "width": photo.width,
            "height": photo.height,
            "orientation": photo.orientation,
            "file_size": photo.file_size,
            **_file_fact_values(photo),
            "rating": rating,
            "label": nfc_or_none(photo.label),
            "imported_at": photo.imported_at.isoformat() if photo.imported_at else now_iso(),
            "flag": flag.value if flag else None,
        }
        self._conn.execute(
            f"INSERT INTO photo ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
            tuple(values.values()),
        )
        if self._paths is not None:
            self._paths.remember(photo.sha256, photo.path)
        return self.get(pid)

    def get(self, photo_id: str) -> Photo:
        """The photo with ``photo_id``; ``KeyError`` when there is none."""
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM photo WHERE id = ?", (photo_id,)
        ).fetchone()
        if row is None:
            raise KeyError(photo_id)
        return self._photo(row)

    def find_by_hash(self, sha256: str) -> Photo | None:
        """The photo whose original has this content hash."""
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM photo WHERE sha256 = ?", (sha256,)
        ).fetchone()
        return None if row is None else self._photo(row)

    def all(self) -> Iterator[Photo]:
        """Every photo, in capture-time order (undated last), then by path."""
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM photo ORDER BY captured_at IS NULL, captured_at, path"
        )
        local = self._paths.paths() if self._paths is not None else None
        for row in rows.fetchall():
            yield self._photo(row, local)

    def import_order(self) -> list[str]:
        """Every photo's id in the order the photos were added to the project."""
        order = dialect_of(self._conn).photo_order
        rows = self._conn.execute(f"SELECT id FROM photo ORDER BY {order}")
        return [str(row[0]) for row in rows.fetchall()]

    def count(self) -> int:
        """How many photos the project holds."""
        return int(self._conn.execute("SELECT count(*) FROM photo").fetchone()[0])

    def set_marks(self, photo_id: str, rating: int | None, flag: PhotoFlag | None) -> None:
        """Record a photo's rating (0-5, None: never rated) and pick/reject flag."""
        self._conn.execute(
            "UPDATE photo SET rating = ?, flag = ? WHERE id = ?",
            (rating, flag.value if flag else None, photo_id),
        )

    def set_label(self, photo_id: str, label: str | None) -> None:
        """Record a photo's colour label (None: none)."""
        self._conn.execute("UPDATE photo SET label = ? WHERE id = ?", (label, photo_id))

    def labels(self, photo_ids: list[str]) -> dict[str, str | None]:
        """``{photo_id: label}`` for these photos (missing ids are left out)."""
        result: dict[str, str | None] = {}
        for start in range(0, len(photo_ids), 500):
            chunk = photo_ids[start : start + 500]
            rows = self._conn.execute(
                f"SELECT id, label FROM photo WHERE id IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
            result.update({str(row[0]): row[1] for row in rows})
        return result

    def marks(self, photo_ids: list[str]) -> dict[str, tuple[int | None, PhotoFlag | None]]:
        """``{photo_id: (rating, flag)}`` for these photos, in one query."""
        result: dict[str, tuple[int | None, PhotoFlag | None]] = {}
        for start in range(0, len(photo_ids), 500):
            chunk = photo_ids[start : start + 500]
            rows = self._conn.execute(
                f"SELECT id, rating, flag FROM photo WHERE id IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
            for pid, rating, flag in rows.fetchall():
                result[pid] = (rating, PhotoFlag(flag) if flag else None)
        return result

    def set_file_facts(self, photo_id: str, photo: Photo) -> bool:
        """Record what the original's metadata says now (a re-read), from ``photo``'s fields.

        Only the file's facts change (capture time, camera, lens, exposure, GPS, location,
        keywords, credits as written, job id); rating, label, flag and captions are the
        curator's, and so are keywords once the curator edited them. Returns whether anything
        stored changed.
        """
        values = _file_fact_values(photo)
        row = self._conn.execute(
            f"SELECT {', '.join(_FILE_FACTS)}, keywords_edited FROM photo WHERE id = ?",
            (photo_id,),
        ).fetchone()
        if row is None:
            raise KeyError(photo_id)
        *stored, keywords_edited = row
        if keywords_edited:  # the curator's keywords stay (curator.core.operations.keywords)
            values["keywords"] = stored[_FILE_FACTS.index("keywords")]
        if tuple(stored) == tuple(values.values()):
            return False
        assignments = ", ".join(f"{column} = ?" for column in values)
        self._conn.execute(
            f"UPDATE photo SET {assignments} WHERE id = ?", (*values.values(), photo_id)
        )
        return True

    def set_many_marks(self, marks: list[tuple[str, int | None, PhotoFlag | None]]) -> None:
        """Record several photos' ratings and flags: one statement per distinct pair."""
        groups: dict[tuple[int | None, PhotoFlag | None], list[str]] = {}
        for photo_id, rating, flag in marks:
            groups.setdefault((rating, flag), []).append(photo_id)
        for (rating, flag), photo_ids in groups.items():
            for start in range(0, len(photo_ids), 500):
                chunk = photo_ids[start : start + 500]
                self._conn.execute(
                    "UPDATE photo SET rating = ?, flag = ?"
                    f" WHERE id IN ({', '.join('?' * len(chunk))})",
                    [rating, flag.value if flag else None, *chunk],
                )

    def existing(self, photo_ids: list[str]) -> set[str]:
        """Which of these ids name a photo of the project (one query per 500 ids)."""
        found: set[str] = set()
        for start in range(0, len(photo_ids), 500):
            chunk = photo_ids[start : start + 500]
            rows = self._conn.execute(
                f"SELECT id FROM photo WHERE id IN ({', '.join('?' * len(chunk))})", chunk
            )
            found.update(str(row[0]) for row in rows.fetchall())
        return found

    def many(self, photo_ids: list[str]) -> list[Photo]:
        """These photos, in the order given (unknown ids left out; one query per 500)."""
        found: dict[str, Photo] = {}
        for start in range(0, len(photo_ids), 500):
            chunk = photo_ids[start : start + 500]
            rows = self._conn.execute(
                f"SELECT {_COLUMNS} FROM photo WHERE id IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
            local = self._paths.paths() if self._paths is not None else None
            for row in rows.fetchall():
                photo = self._photo(row, local)
                found[photo.id] = photo
        return [found[pid] for pid in photo_ids if pid in found]

    def set_path(self, photo_id: str, path: Path) -> None:
        """Record where the original is now (after a relink); on a server, here only."""
        if self._paths is not None:
            row = self._conn.execute("SELECT sha256 FROM photo WHERE id = ?", (photo_id,))
            found = row.fetchone()
            if found is not None:
                self._paths.remember(str(found[0]), path)
            return
        self._conn.execute("UPDATE photo SET path = ? WHERE id = ?", (str(path), photo_id))

    def set_file(
        self,
        photo_id: str,
        path: Path,
        *,
        sha256: str,
        file_size: int,
        width: int,
        height: int,
        orientation: int,
    ) -> None:
        """Record another file as the photo's original (relinked to a different copy)."""
        self._conn.execute(
            "UPDATE photo SET path = ?, sha256 = ?, file_size = ?, width = ?, height = ?,"
            " orientation = ? WHERE id = ?",
            (str(path), sha256, file_size, width, height, orientation, photo_id),
        )
        if self._paths is not None:
            self._paths.remember(sha256, path)

    # -- credits ------------------------------------------------------------------------

    def add_credit(
        self,
        photo_id: str,
        photographer: dict[str, str],
        agency: dict[str, str],
        role: CreditRole = CreditRole.PHOTO,
    ) -> Credit:
        """Append a structured credit to a photo."""
        position = int(
            self._conn.execute(
                "SELECT coalesce(max(position) + 1, 0) FROM credit WHERE photo_id = ?",
                (photo_id,),
            ).fetchone()[0]
        )
        cursor = self._conn.execute(
            "INSERT INTO credit (photo_id, position, photographer, agency, role)"
            " VALUES (?, ?, ?, ?, ?) RETURNING id",
            (
                photo_id,
                position,
                dump_language_map(photographer),
                dump_language_map(agency),
                role.value,
            ),
        )
        return Credit(
            id=int(cursor.fetchone()[0]),
            photo_id=photo_id,
            position=position,
            photographer=load_language_map(dump_language_map(photographer)),
            agency=load_language_map(dump_language_map(agency)),
            role=role,
        )

    def credits(self, photo_id: str) -> list[Credit]:
        """A photo's credits in order."""
        rows = self._conn.execute(
            "SELECT id, position, photographer, agency, role FROM credit"
            " WHERE photo_id = ? ORDER BY position",
            (photo_id,),
        )
        return [
            Credit(
                id=cid,
                photo_id=photo_id,
                position=position,
                photographer=load_language_map(photographer),
                agency=load_language_map(agency),
                role=CreditRole(role),
            )
            for cid, position, photographer, agency, role in rows.fetchall()
        ]
