"""The caption search index: an FTS5 table of folded caption text.

``caption_search`` holds one row per caption field with text; its rowid is the caption
row's rowid, its one column the text folded by :func:`curator.core.language.folding.fold`. The
caption repository keeps it in step on every write (inside the same transaction), a trigger
drops a row when its caption goes, and migration 5 built it for older projects.

On a PostgreSQL server the table is keyed by the caption's own key and its ``folded``
column, the same folded words one space apart, is searched through a GIN index of
``to_tsvector('simple', folded)`` (:func:`tsquery` builds the query FTS5 would run).
"""

from __future__ import annotations

from dataclasses import dataclass

from curator.core.language.folding import FOLD_VERSION, fold, search_tokens
from curator.core.model import CaptionField
from curator.core.storage.database import Database, dialect_of

_FOLD_VERSION_KEY = "search.fold_version"


@dataclass(frozen=True, slots=True)
class CaptionMatch:
    """One caption field whose text holds every word searched for."""

    photo_id: str
    language: str
    field: CaptionField
    text: str


def index_caption(
    conn: Database,
    photo_id: str,
    language: str,
    field: CaptionField,
    text: str,
    *,
    rowid: int | None = None,
) -> None:
    """Bring one field's index row in line with its stored ``text`` (empty: no row).

    ``rowid`` is the caption row's in a project file, when the caller knows it (one query
    fewer). On a server the index row is keyed by the caption's own key instead.
    """
    if dialect_of(conn).is_server:
        key = (photo_id, language, field.value)
        conn.execute(
            "DELETE FROM caption_search WHERE photo_id = ? AND language = ? AND field = ?", key
        )
        if text:
            conn.execute(
                "INSERT INTO caption_search (photo_id, language, field, folded)"
                " VALUES (?, ?, ?, ?)",
                (*key, folded_words(text)),
            )
        return
    if rowid is None:
        row = conn.execute(
            "SELECT rowid FROM caption WHERE photo_id = ? AND language = ? AND field = ?",
            (photo_id, language, field.value),
        ).fetchone()
        if row is None:
            return
        rowid = int(row[0])
    conn.execute("DELETE FROM caption_search WHERE rowid = ?", (rowid,))
    if text:
        conn.execute(
            "INSERT INTO caption_search (rowid, folded) VALUES (?, ?)", (rowid, fold(text))
        )


def folded_words(text: str) -> str:
    """What a server's ``caption_search.folded`` holds: the folded words, one space apart.

    The words are those FTS5 indexes in a file project (:func:`search_tokens`: letters and
    digits, folded), so PostgreSQL's text parser has nothing left to decide but the spaces.
    """
    return " ".join(search_tokens(text))


def tsquery(query: str) -> str | None:
    """The ``to_tsquery('simple', …)`` text for what a person typed (None: nothing to find).

    As :func:`match_expression` for FTS5: the words of each comma-separated group as a
    phrase (``<->``), the last one also as the start of a longer word (``:*``), every group
    required (``&``).
    """
    phrases = []
    for part in query.replace(";", ",").split(","):
        tokens = search_tokens(part)
        if tokens:
            lexemes = [_quoted_lexeme(token) for token in tokens]
            lexemes[-1] += ":*"
            phrases.append("(" + " <-> ".join(lexemes) + ")")
    return " & ".join(phrases) or None


def _quoted_lexeme(token: str) -> str:
    escaped = token.replace("\\", "\\\\").replace("'", "''")
    return f"'{escaped}'"


def match_expression(query: str) -> str | None:
    """The FTS5 expression for what a person typed.

    The words typed are found together and in order (a name, a place: in Vietnamese a word
    is often two syllables, "hợp tác"), the last one also as the start of a longer word, so
    results come as one types. Commas separate groups that may stand apart in the field
    ("talks, Moscow"). Every token is quoted, so FTS5 operators and punctuation are only
    text; None when the query has no letters or digits.
    """
    phrases = []
    for part in query.replace(";", ",").split(","):
        tokens = search_tokens(part)
        if tokens:
            quoted = " ".join(token.replace('"', '""') for token in tokens)
            phrases.append(f'"{quoted}"*')
    return " AND ".join(phrases) or None


class SearchRepository:
    """Queries over the caption search index."""

    def __init__(self, conn: Database) -> None:
        self._conn = conn
        self._server = dialect_of(conn).is_server

    def _match(self, query: str) -> tuple[str, str] | None:
        """The join and condition that find ``query``, and its one parameter."""
        if self._server:
            expression = tsquery(query)
            join = (
                " FROM caption_search s JOIN caption c ON c.photo_id = s.photo_id"
                " AND c.language = s.language AND c.field = s.field"
                " WHERE to_tsvector('simple', s.folded) @@ to_tsquery('simple', ?)"
            )
        else:
            expression = match_expression(query)
            join = (
                " FROM caption_search s JOIN caption c ON c.rowid = s.rowid"
                " WHERE caption_search MATCH ?"
            )
        return None if expression is None else (join, expression)

    def photo_ids(self, query: str, languages: list[str] | None = None) -> set[str]:
        """Photos with a caption field holding every word of ``query`` (in ``languages``)."""
        match = self._match(query)
        if match is None:
            return set()
        join, expression = match
        sql = "SELECT DISTINCT c.photo_id" + join
        params: list[str] = [expression]
        if languages:
            sql += f" AND c.language IN ({', '.join('?' * len(languages))})"
            params.extend(languages)
        return {photo_id for (photo_id,) in self._conn.execute(sql, params).fetchall()}

    def matches(self, query: str, photo_ids: list[str]) -> list[CaptionMatch]:
        """The fields of these photos that match ``query``, to show why each was found."""
        match = self._match(query)
        if match is None or not photo_ids:
            return []
        join, expression = match
        result: list[CaptionMatch] = []
        for start in range(0, len(photo_ids), 500):
            chunk = photo_ids[start : start + 500]
            rows = self._conn.execute(
                "SELECT c.photo_id, c.language, c.field, c.text"
                + join
                + f" AND c.photo_id IN ({', '.join('?' * len(chunk))})"
                " ORDER BY c.photo_id, c.language, c.field",
                [expression, *chunk],
            )
            result.extend(
                CaptionMatch(pid, language, CaptionField(field), text)
                for pid, language, field, text in rows.fetchall()
            )
        return result

    def is_current(self) -> bool:
        """Whether the index was folded the way this Curator folds."""
        row = self._conn.execute(
            "SELECT value FROM setting WHERE key = ?", (_FOLD_VERSION_KEY,)
        ).fetchone()
        return row is not None and str(row[0]) == str(FOLD_VERSION)

    def rebuild(self) -> int:
        """Fold every caption again (inside the caller's transaction); returns the rows."""
        self._conn.execute("DELETE FROM caption_search")
        if self._server:
            keyed = self._conn.execute(
                "SELECT photo_id, language, field, text FROM caption WHERE text != ''"
            ).fetchall()
            self._conn.executemany(
                "INSERT INTO caption_search (photo_id, language, field, folded)"
                " VALUES (?, ?, ?, ?)",
                ((p, lang, f, folded_words(text)) for p, lang, f, text in keyed),
            )
            count = len(keyed)
        else:
            rows = self._conn.execute("SELECT rowid, text FROM caption WHERE text != ''").fetchall()
            self._conn.executemany(
                "INSERT INTO caption_search (rowid, folded) VALUES (?, ?)",
                ((rowid, fold(text)) for rowid, text in rows),
            )
            count = len(rows)
        self._conn.execute(
            "INSERT INTO setting (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (_FOLD_VERSION_KEY, str(FOLD_VERSION)),
        )
        return count
