"""Text as Curator stores it: NFC Unicode, whatever the keyboard or file produced.

reportlab draws decomposed Vietnamese marks wrongly and search misses them, so every piece
of text is normalised where it enters the domain.
"""

from __future__ import annotations

import unicodedata


def nfc(text: str) -> str:
    """Return ``text`` in Unicode normalisation form C."""
    return unicodedata.normalize("NFC", text)


def nfc_or_none(text: str | None) -> str | None:
    """NFC for optional text; ``None`` stays ``None``."""
    return None if text is None else nfc(text)


def clean_line(text: str) -> str:
    """NFC with surrounding whitespace removed: for titles, names and other one-line values."""
    return nfc(text).strip()
