"""Folding text for search: what a person types finds what the caption says.

A curator types "da nang" for "Đà Nẵng", "елка" for "Ёлка", "ha noi" for "Hà Nội". SQLite's
FTS5 ``remove_diacritics`` strips combining marks from Latin letters only, and leaves letters
that have no decomposition at all (``đ``, ``ø``, ``ł``); so the folding is done here, in plain
Python, and FTS5 indexes the folded text. The same function folds the query, so both sides
always agree.

Folding: case folded (``ß`` → ``ss``), every combining mark removed after canonical
decomposition (Vietnamese tones and vowel marks, Cyrillic ``ё`` → ``е``, Greek tonos), and
letters with a stroke or ligature mapped to their plain forms. Russian ``й`` stays ``й``: it is
a letter of its own, not ``и`` with an accent, and nobody types ``и`` for it.
"""

from __future__ import annotations

import re
import unicodedata

#: Bumped whenever :func:`fold` changes, so stored folded text can be rebuilt.
FOLD_VERSION = 1

#: Letters that do not decompose but are read as a plain letter (after case folding).
_PLAIN_FORMS: dict[str, str] = {
    "đ": "d",
    "ð": "d",
    "ɖ": "d",
    "ø": "o",
    "ł": "l",
    "ŀ": "l",
    "ħ": "h",
    "ı": "i",
    "ŧ": "t",
    "æ": "ae",
    "œ": "oe",
    "þ": "th",
    "ƒ": "f",
    "ǥ": "g",
    "ɨ": "i",
    "ʉ": "u",
    "ɵ": "o",
}

#: Letters whose decomposition carries a mark that makes them another letter, kept whole.
_KEPT: frozenset[str] = frozenset("йЙ")

_TOKEN = re.compile(r"[^\W_]+")


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table that works each character out once, on first sight."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in _KEPT:
            folded = char
        elif char in _PLAIN_FORMS:
            folded = _PLAIN_FORMS[char]
        else:
            folded = "".join(
                part
                for part in unicodedata.normalize("NFD", char)
                if not unicodedata.category(part).startswith("M")
            )
            folded = "".join(_PLAIN_FORMS.get(part, part) for part in folded)
        self[code] = folded
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """``text`` without case and diacritics, for matching (never for showing).

    >>> fold("Đà Nẵng"), fold("Ёлка"), fold("Hà Nội"), fold("Straße")
    ('da nang', 'елка', 'ha noi', 'strasse')
    """
    if text.isascii():
        return text.lower()
    # NFC first, so a decomposed "й" (и + breve) is kept like a composed one.
    return unicodedata.normalize("NFC", text).casefold().translate(_TABLE)


def search_tokens(text: str) -> list[str]:
    """The folded words of ``text``: letters and digits, as FTS5's unicode61 splits them."""
    return _TOKEN.findall(fold(text))
