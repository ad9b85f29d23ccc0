"""Text as Curator stores it: NFC Unicode, whatever the keyboard or file produced.

reportlab draws decomposed Vietnamese marks wrongly and search misses them, so every piece
of text is normalised where it enters the domain.
"""

from __future__ import annotations

import re
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


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(text: str) -> str:
    """NFC caption text: line ends as LF, no control characters but tab and line feed.

    Control characters cannot travel in XML (XLIFF, XMP) or spreadsheets, and no caption
    means them; a lone surrogate cannot be encoded at all. Surrounding whitespace is removed.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", nfc(text)).strip()
