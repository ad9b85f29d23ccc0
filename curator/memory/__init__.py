"""The person's translation memory: units from earlier exhibitions and translators' TMX files.

One SQLite file per person in the user's data folder (``$XDG_DATA_HOME/curator/memory.sqlite``),
shared between projects. A unit is a text in one language and its translation in another;
units are kept in both directions so a text is looked up in either language.

Lookups are indexed: each language pair has an FTS5 trigram index of the normalised source
texts, which gives the few hundred candidates sharing the most character trigrams with the
text looked up; rapidfuzz then scores each candidate on the normalised text (character-level,
0-100, the way CAT tools score fuzzy matches). Nothing reads the whole memory for a lookup.
"""

from curator.core.storage.data_folder import default_memory_path
from curator.memory.store import (
    MemoryFileError,
    MemoryStats,
    MemoryStore,
    Suggestion,
    UnitDraft,
    normalise,
    score,
)

__all__ = [
    "MemoryFileError",
    "MemoryStats",
    "MemoryStore",
    "Suggestion",
    "UnitDraft",
    "default_memory_path",
    "normalise",
    "score",
]
