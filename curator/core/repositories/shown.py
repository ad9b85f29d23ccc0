"""Who and what each photo shows (:mod:`curator.core.shown`), stored per photo."""

from __future__ import annotations

from curator.core.language.text import clean_line
from curator.core.shown import LOCATION_PARTS, Region, Shown, ShownLocation, ShownPerson
from curator.core.storage.database import Database

_PERSON = "person"
_ORGANISATION = "organisation"


class ShownRepository:
    """A photo's persons, organisations, locations and event."""

    def __init__(self, conn: Database) -> None:
        self._conn = conn

    def get(self, photo_id: str) -> Shown:
        """What the photo shows (an empty :class:`Shown` when nothing is recorded)."""
        persons: list[ShownPerson] = []
        organisations: list[int] = []
        for role, entry_id, x, y, w, h in self._conn.execute(
            "SELECT role, entry_id, region_x, region_y, region_w, region_h FROM photo_shown"
            " WHERE photo_id = ? ORDER BY position",
            (photo_id,),
        ):
            if role == _PERSON:
                region = Region(x, y, w, h) if x is not None else None
                persons.append(ShownPerson(int(entry_id), region))
            else:
                organisations.append(int(entry_id))
        parts: dict[int, dict[str, int]] = {}
        for position, part, entry_id in self._conn.execute(
            "SELECT position, part, entry_id FROM photo_location WHERE photo_id = ?"
            " ORDER BY position",
            (photo_id,),
        ):
            parts.setdefault(int(position), {})[part] = int(entry_id)
        locations = tuple(
            ShownLocation(tuple((part, found[part]) for part in LOCATION_PARTS if part in found))
            for found in parts.values()
        )
        events = tuple(
            (str(language), str(text))
            for language, text in self._conn.execute(
                "SELECT language, text FROM photo_event WHERE photo_id = ? ORDER BY language",
                (photo_id,),
            )
        )
        return Shown(tuple(persons), tuple(organisations), locations, events)

    def edited(self, photo_id: str) -> bool:
        """Whether the curator edited what the photo shows (schema 19).

        An edited photo keeps the project's entries when its file is read again, and its
        delivered copies drop the original's entries the glossary knows but it no longer shows.
        """
        row = self._conn.execute(
            "SELECT shown_edited FROM photo WHERE id = ?", (photo_id,)
        ).fetchone()
        return bool(row and row[0])

    def put(self, photo_id: str, shown: Shown, *, edited: bool | None = None) -> None:
        """Replace what the photo shows by ``shown`` (checked by the caller).

        ``edited`` sets the curator's mark (:meth:`edited`); None leaves it as it is.
        """
        if edited is not None:
            self._conn.execute(
                "UPDATE photo SET shown_edited = ? WHERE id = ?", (int(edited), photo_id)
            )
        for table in ("photo_shown", "photo_location", "photo_event"):
            self._conn.execute(f"DELETE FROM {table} WHERE photo_id = ?", (photo_id,))
        rows: list[tuple[object, ...]] = []
        for position, person in enumerate(shown.persons):
            region = person.region
            coordinates = (region.x, region.y, region.w, region.h) if region else (None,) * 4
            rows.append((photo_id, _PERSON, person.entry_id, position, *coordinates))
        offset = len(rows)
        for position, entry_id in enumerate(shown.organisations, start=offset):
            rows.append((photo_id, _ORGANISATION, entry_id, position, None, None, None, None))
        self._conn.executemany(
            "INSERT INTO photo_shown (photo_id, role, entry_id, position,"
            " region_x, region_y, region_w, region_h) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        self._conn.executemany(
            "INSERT INTO photo_location (photo_id, position, part, entry_id) VALUES (?, ?, ?, ?)",
            [
                (photo_id, position, part, entry_id)
                for position, location in enumerate(shown.locations)
                for part, entry_id in location.parts
            ],
        )
        self._conn.executemany(
            "INSERT INTO photo_event (photo_id, language, text) VALUES (?, ?, ?)",
            [
                (photo_id, language, clean_line(text))
                for language, text in shown.events
                if text.strip()
            ],
        )
