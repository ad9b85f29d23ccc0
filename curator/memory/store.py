"""The memory file: units, one trigram index per language pair, scored lookups."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from curator.core.errors import CuratorError
from curator.core.language.library_messages import reason as library_reason
from curator.core.language.text import clean_text, nfc
from curator.core.repositories._util import now_iso
from curator.core.storage.regular_files import open_regular
from curator.i18n import _

#: 'CURM' - marks an SQLite file as a Curator translation memory.
MEMORY_APPLICATION_ID = 0x4355524D
MEMORY_SCHEMA = 1
#: Texts longer than this are not units (no caption is; a TMX may hold whole documents).
MAX_UNIT_CHARS = 10_000
#: How many candidates the trigram index hands to the scorer.
CANDIDATES = 200
#: How many stretches of two words of the looked-up text go into the index query.
QUERY_CHUNKS = 8
#: How many units one clause may bring (a stretch as common as "của các" would bring many).
PER_CLAUSE = 500
#: How many trigrams of each stretch the index is asked for together.
GRAMS_PER_CHUNK = 4

_SPACES = re.compile(r"\s+")


class MemoryFileError(CuratorError):
    """The memory file cannot be opened, read or written."""


def normalise(text: str) -> str:
    """Text as matches compare it: NFC, case folded, whitespace runs as one space."""
    return _SPACES.sub(" ", nfc(text).casefold()).strip()


def score(a: str, b: str) -> int:
    """Character-level similarity of two normalised texts, 0-100."""
    return round(fuzz.ratio(a, b))


@dataclass(frozen=True, slots=True)
class UnitDraft:
    """A unit to add: a text, its translation, and where it came from."""

    source_language: str
    target_language: str
    source_text: str
    target_text: str
    origin: str
    year: int | None = None
    photo_id: str = ""
    field: str = ""
    created_at: str = ""
    author: str = ""
    project: str = ""


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A memory match for a text: its score, the stored source and translation, the origin."""

    score: int
    source: str
    text: str
    origin: str
    year: int | None
    source_language: str
    target_language: str
    photo_id: str
    field: str
    created_at: str
    author: str
    #: ``text`` had numbers or glossary names replaced to fit the text looked up.
    adapted: bool = False
    #: The translation as stored, when ``text`` was adapted.
    stored_text: str = ""


@dataclass(frozen=True, slots=True)
class MemoryStats:
    """What the memory holds."""

    path: Path
    units: int
    pairs: dict[str, int]  # "vi ru": units
    origins: dict[str, int]


_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS pair (id INTEGER PRIMARY KEY, source_language TEXT NOT NULL,"
    " target_language TEXT NOT NULL, UNIQUE (source_language, target_language))",
    "CREATE TABLE IF NOT EXISTS unit (id INTEGER PRIMARY KEY,"
    " pair_id INTEGER NOT NULL REFERENCES pair(id), source_text TEXT NOT NULL,"
    " target_text TEXT NOT NULL, norm TEXT NOT NULL, origin TEXT NOT NULL, year INTEGER,"
    " photo_id TEXT NOT NULL DEFAULT '', field TEXT NOT NULL DEFAULT '',"
    " created_at TEXT NOT NULL, author TEXT NOT NULL DEFAULT '',"
    " project TEXT NOT NULL DEFAULT '', forward INTEGER NOT NULL,"
    " UNIQUE (pair_id, source_text, target_text))",
    "CREATE INDEX IF NOT EXISTS unit_norm ON unit(pair_id, norm)",
)


class MemoryStore:
    """One memory file. Reads run on any thread that opened its own store."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._conn = self._connect(path, read_only)
        self._pairs: dict[tuple[str, str], int] = {}

    @staticmethod
    def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
        try:
            if str(path) != ":memory:" and path.exists():
                open_regular(path).close()  # SQLite would wait on a FIFO forever
            if read_only:
                if not path.exists():
                    conn = sqlite3.connect(":memory:", isolation_level=None)
                else:
                    uri = f"{path.resolve().as_uri()}?mode=ro"
                    conn = sqlite3.connect(uri, uri=True, isolation_level=None)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                # An in-memory index may be kept by the window and read from its workers,
                # one lookup at a time (the caller serialises them).
                conn = sqlite3.connect(
                    path, isolation_level=None, check_same_thread=str(path) != ":memory:"
                )
            conn.execute("PRAGMA busy_timeout = 5000")
            MemoryStore._check_or_create(conn, path, read_only)
        except sqlite3.Error as error:
            raise MemoryFileError(
                _("Could not open the translation memory %(path)s: %(reason)s.")
                % {"path": path, "reason": library_reason(error)},
                path=path,
            ) from None
        except OSError as error:
            raise MemoryFileError(
                _("Could not open the translation memory %(path)s: %(reason)s.")
                % {"path": path, "reason": library_reason(error)},
                path=path,
            ) from None
        return conn

    @staticmethod
    def _check_or_create(conn: sqlite3.Connection, path: Path, read_only: bool) -> None:
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        if has_tables and app_id != MEMORY_APPLICATION_ID:
            raise MemoryFileError(
                _("%(path)s is not a Curator translation memory; it was left as it is.")
                % {"path": path},
                path=path,
            )
        if version > MEMORY_SCHEMA:
            raise MemoryFileError(
                _("The translation memory %(path)s was written by a newer Curator.")
                % {"path": path},
                path=path,
            )
        if read_only and has_tables:
            return
        if not read_only:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _SCHEMA:
                conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {MEMORY_APPLICATION_ID:d}")
            conn.execute(f"PRAGMA user_version = {MEMORY_SCHEMA:d}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        """Close the file."""
        self._conn.close()

    def __enter__(self) -> MemoryStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _write_error(self, error: sqlite3.Error) -> MemoryFileError:
        return MemoryFileError(
            _("Could not save to the translation memory %(path)s: %(reason)s.")
            % {"path": self.path, "reason": library_reason(error)},
            path=self.path,
        )

    def _pair_id(self, source: str, target: str, *, create: bool) -> int | None:
        key = (source, target)
        if key in self._pairs:
            return self._pairs[key]
        row = self._conn.execute(
            "SELECT id FROM pair WHERE source_language = ? AND target_language = ?", key
        ).fetchone()
        if row is None:
            if not create:
                return None
            pair_id = int(
                self._conn.execute(
                    "INSERT INTO pair (source_language, target_language) VALUES (?, ?)", key
                ).lastrowid
                or 0
            )
            self._conn.execute(
                f"CREATE VIRTUAL TABLE grams_{pair_id:d} USING fts5(norm, content='',"
                " tokenize='trigram', detail='none')"
            )
        else:
            pair_id = int(row[0])
        self._pairs[key] = pair_id
        return pair_id

    def add(self, units: Iterable[UnitDraft], *, batch: int = 2000) -> tuple[int, int]:
        """Add units (and their reverse) in transactions of ``batch``; (added, already there).

        Counts are of units as given; a unit counts as added when either direction was new.
        """
        added = known = 0
        pending: list[UnitDraft] = []
        for unit in units:
            pending.append(unit)
            if len(pending) >= batch:
                a, k = self._add_batch(pending)
                added, known, pending = added + a, known + k, []
        if pending:
            a, k = self._add_batch(pending)
            added, known = added + a, known + k
        return added, known

    def _add_batch(self, units: list[UnitDraft]) -> tuple[int, int]:
        added = known = 0
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                for unit in units:
                    forward = self._insert(unit, reverse=False)
                    backward = self._insert(unit, reverse=True)
                    if forward or backward:
                        added += 1
                    else:
                        known += 1
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                self._pairs.clear()
                raise
        except sqlite3.Error as error:
            raise self._write_error(error) from None
        return added, known

    def _insert(self, unit: UnitDraft, *, reverse: bool) -> bool:
        source_language, target_language = unit.source_language, unit.target_language
        source, target = clean_text(unit.source_text), clean_text(unit.target_text)
        if reverse:
            source_language, target_language = target_language, source_language
            source, target = target, source
        if not source or not target or source_language == target_language:
            return False
        if len(source) > MAX_UNIT_CHARS or len(target) > MAX_UNIT_CHARS:
            return False
        pair_id = self._pair_id(source_language, target_language, create=True)
        norm = normalise(source)
        cursor = self._conn.execute(
            "INSERT OR IGNORE INTO unit (pair_id, source_text, target_text, norm, origin, year,"
            " photo_id, field, created_at, author, project, forward)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                pair_id,
                source,
                target,
                norm,
                unit.origin,
                unit.year,
                unit.photo_id,
                unit.field,
                unit.created_at or now_iso(),
                unit.author,
                unit.project,
                int(not reverse),
            ),
        )
        if cursor.rowcount != 1:
            return False
        self._conn.execute(
            f"INSERT INTO grams_{pair_id:d} (rowid, norm) VALUES (?, ?)", (cursor.lastrowid, norm)
        )
        return True

    def suggest(
        self,
        text: str,
        source_language: str,
        target_language: str,
        *,
        limit: int = 5,
        min_score: int = 50,
        exclude: tuple[str, str, str] | None = None,
    ) -> list[Suggestion]:
        """The best matches for ``text``, best first (equal scores: newest first).

        ``exclude``: (project uid, photo id, field) whose own units are not matches for it.
        """
        pair_id = self._pair_id(source_language, target_language, create=False)
        query = normalise(text)
        if pair_id is None or not query:
            return []
        ids = self._candidates(pair_id, query)
        if not ids:
            return []
        rows = self._conn.execute(
            "SELECT norm, source_text, target_text, origin, year, photo_id, field, created_at,"
            f" author, project FROM unit WHERE id IN ({', '.join('?' * len(ids))})",
            ids,
        ).fetchall()
        found: list[Suggestion] = []
        for norm, source, target, origin, year, photo_id, field, created_at, author, uid in rows:
            if exclude is not None and uid and (uid, photo_id, field) == exclude:
                continue
            value = score(query, norm)
            if value >= min_score:
                found.append(
                    Suggestion(
                        value,
                        source,
                        target,
                        origin,
                        year,
                        source_language,
                        target_language,
                        photo_id,
                        field,
                        created_at,
                        author,
                    )
                )
        found.sort(key=lambda s: (s.score, s.created_at), reverse=True)
        return found[:limit]

    def _candidates(self, pair_id: int, query: str) -> list[int]:
        exact = [
            int(row[0])
            for row in self._conn.execute(
                "SELECT id FROM unit WHERE pair_id = ? AND norm = ? LIMIT ?",
                (pair_id, query, CANDIDATES),
            )
        ]
        votes: Counter[int] = Counter()
        table = f"grams_{pair_id:d}"
        for clause in trigram_clauses(query):
            rows = self._conn.execute(
                f"SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT ?", (clause, PER_CLAUSE)
            )
            votes.update(int(row[0]) for row in rows)
        best = [rowid for rowid, _count in votes.most_common(CANDIDATES)]
        return list(dict.fromkeys([*exact, *best]))

    def linear_suggest(
        self, text: str, source_language: str, target_language: str, *, limit: int = 5
    ) -> list[tuple[int, str]]:
        """Score every unit of the pair (no index): the benchmark's baseline."""
        pair_id = self._pair_id(source_language, target_language, create=False)
        query = normalise(text)
        best: list[tuple[int, str]] = []
        for norm, target in self._conn.execute(
            "SELECT norm, target_text FROM unit WHERE pair_id = ?", (pair_id,)
        ):
            best.append((score(query, norm), target))
            if len(best) > 4 * limit:
                best = sorted(best, key=lambda item: -item[0])[:limit]
        return sorted(best, key=lambda item: -item[0])[:limit]

    def units(self, languages: list[str] | None = None) -> Iterator[UnitDraft]:
        """Every unit once, read in batches.

        Without ``languages``, in the direction it was added in; with them, only units
        between them, from the first of them where it is one of the unit's two languages.
        """
        sql = (
            "SELECT p.source_language, p.target_language, u.source_text, u.target_text,"
            " u.origin, u.year, u.photo_id, u.field, u.created_at, u.author, u.project"
            " FROM unit u JOIN pair p ON p.id = u.pair_id"
        )
        params: list[str] = []
        if languages:
            marks = ", ".join("?" * len(languages))
            sql += (
                f" WHERE p.source_language IN ({marks}) AND p.target_language IN ({marks})"
                " AND (p.source_language = ? OR (u.forward = 1 AND p.target_language != ?))"
            )
            params = [*languages, *languages, languages[0], languages[0]]
        else:
            sql += " WHERE u.forward = 1"
        cursor = self._conn.execute(sql + " ORDER BY u.id", params)
        while rows := cursor.fetchmany(1000):
            for row in rows:
                yield UnitDraft(*row)

    def stats(self) -> MemoryStats:
        """Units (each counted once), per language pair and per origin."""
        pairs: dict[str, int] = {}
        for source, target, count in self._conn.execute(
            "SELECT p.source_language, p.target_language, count(*) FROM unit u"
            " JOIN pair p ON p.id = u.pair_id WHERE u.forward = 1"
            " GROUP BY p.id ORDER BY p.source_language, p.target_language"
        ):
            pairs[f"{source} {target}"] = int(count)
        origins = {
            str(origin): int(count)
            for origin, count in self._conn.execute(
                "SELECT origin, count(*) FROM unit WHERE forward = 1 GROUP BY origin"
                " ORDER BY origin"
            )
        }
        return MemoryStats(self.path, sum(pairs.values()), pairs, origins)


def _phrase(gram: str) -> str:
    return '"' + gram.replace('"', '""') + '"'


def trigram_clauses(query: str) -> list[str]:
    """FTS5 queries, one per stretch of two neighbouring words of ``query``.

    A match of 50 % or more keeps some pairs of neighbouring words as they were; each clause
    asks for a few of its pair's trigrams together (the one across the space makes it
    selective). The units found by the most clauses are the candidates. Up to
    :data:`QUERY_CHUNKS` pairs, spread along the text.
    """
    words = query.split(" ")
    chunks = [" ".join(words[i : i + 2]) for i in range(max(1, len(words) - 1))]
    if len(chunks) > QUERY_CHUNKS:
        step = len(chunks) / QUERY_CHUNKS
        chunks = [chunks[int(i * step)] for i in range(QUERY_CHUNKS)]
    clauses: list[str] = []
    for chunk in dict.fromkeys(chunks):
        grams = list(dict.fromkeys(chunk[i : i + 3] for i in range(len(chunk) - 2)))
        if not grams:
            continue
        if len(grams) > GRAMS_PER_CHUNK:
            step = (len(grams) - 1) / (GRAMS_PER_CHUNK - 1)
            grams = [grams[round(i * step)] for i in range(GRAMS_PER_CHUNK)]
        clauses.append("(" + " AND ".join(_phrase(gram) for gram in dict.fromkeys(grams)) + ")")
    return clauses
