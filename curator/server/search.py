"""Caption search on PostgreSQL: the same folded words and the same matches as SQLite's FTS5."""

from __future__ import annotations

from curator.core.language.folding import search_tokens


def folded_words(text: str) -> str:
    """What ``caption_search.folded`` holds: the folded words of ``text``, one space apart.

    The words are those FTS5 indexes in a file project (:func:`search_tokens`: letters and
    digits, folded), so PostgreSQL's text parser has nothing left to decide but the spaces.
    """
    return " ".join(search_tokens(text))


def tsquery(query: str) -> str | None:
    """The ``to_tsquery('simple', …)`` text for what a person typed (None: nothing to find).

    As :func:`curator.core.repositories.search.match_expression` for FTS5: the words of each
    comma-separated group as a phrase (``<->``), the last one also as the start of a longer
    word (``:*``), every group required (``&``).
    """
    phrases = []
    for part in query.replace(";", ",").split(","):
        tokens = search_tokens(part)
        if tokens:
            lexemes = [_quoted(token) for token in tokens]
            lexemes[-1] += ":*"
            phrases.append("(" + " <-> ".join(lexemes) + ")")
    return " & ".join(phrases) or None


def _quoted(token: str) -> str:
    escaped = token.replace("\\", "\\\\").replace("'", "''")
    return f"'{escaped}'"
