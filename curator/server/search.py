"""Caption search on PostgreSQL: the same folded words and the same matches as SQLite's FTS5.

The folding and the query text are the domain's (:mod:`curator.core.repositories.search`
runs the search on both stores); they are named here for the schema's migration step.
"""

from __future__ import annotations

from curator.core.repositories.search import folded_words, tsquery

__all__ = ["folded_words", "tsquery"]
