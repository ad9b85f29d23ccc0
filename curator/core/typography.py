"""Print typography per language: quotes, spaces that must not break, hyphenation.

Applied to text on its way to the page (the stored caption is left as the curator wrote
it). What each language gets:

- every language: NFC; runs of spaces and tabs become one space.
- Russian (and other languages in Cyrillic that write «ёлочки»): straight and English
  double quotes become «…» (and „…“ inside them); a no-break space joins a number to
  "г." / "гг." ("2026 г.") and a one-letter word (в, с, к, у, о, и, а, я) to the word that
  follows it, so no line ends in one; an en dash between spaces keeps the space before it.
- English: straight quotes become curly ones (“…”, ‘…’, and the apostrophe ’).
- Vietnamese: left as written; it is not hyphenated.

Hyphenation comes from pyphen's dictionaries (from LibreOffice) for Russian and English
only; other languages are never divided, and neither are words with a capital
(names). :func:`hyphenation_points` is the
:data:`~curator.core.layout.text.Hyphenate` callable for a language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache

import pyphen

from curator.core.text import nfc
from curator.core.transcription import primary_language

NBSP = "\u00a0"

#: Languages whose dictionaries pyphen ships and Curator uses, with the shortest head and
#: tail a division may leave (Russian rules allow two letters; English prefers three after).
_HYPHENATION = {"ru": ("ru_RU", 2, 2), "en": ("en_US", 2, 3)}
_GUILLEMET_LANGUAGES = frozenset({"ru", "uk", "be"})

_SPACES = re.compile(r"[ \t]+")
_YEAR = re.compile(r"(\d)[ \t]+(гг?\.)")
_ONE_LETTER = re.compile(r"(?<![\w\u00a0-])([вВсСкКуУоОиИаАяЯ])[ \t]+(?=\S)")
_DASH = re.compile(r"[ \t]+([–—])")
_WORD_LETTERS = re.compile(r"[^\W\d_]+")


def _quotes(text: str, opening: tuple[str, str], closing: tuple[str, str]) -> str:
    """Straight and curly double quotes as ``opening``/``closing`` pairs, nested one deep."""
    out: list[str] = []
    depth = 0
    for index, char in enumerate(text):
        if char not in '"“”„«»':
            out.append(char)
            continue
        before = text[index - 1] if index else " "
        opens = char in "„«“" if char != '"' else (before.isspace() or before in "([{-–—\u00a0")
        if char == "“" and depth:  # “ closes in German-style nesting; read it as closing
            opens = False
        if opens:
            out.append(opening[min(depth, 1)])
            depth += 1
        else:
            depth = max(0, depth - 1)
            out.append(closing[min(depth, 1)])
    return "".join(out)


def _english_single_quotes(text: str) -> str:
    out: list[str] = []
    for index, char in enumerate(text):
        if char != "'":
            out.append(char)
            continue
        before = text[index - 1] if index else " "
        out.append("‘" if before.isspace() or before in '([{"“' else "’")
    return "".join(out)


def typeset(text: str, language: str) -> str:
    """``text`` as the language prints it (see the module's note); NFC."""
    result = _SPACES.sub(" ", nfc(text)).strip()
    primary = primary_language(language)
    if primary in _GUILLEMET_LANGUAGES:
        result = _quotes(result, ("«", "„"), ("»", "“"))
        result = _YEAR.sub("\\1" + NBSP + "\\2", result)
        result = _ONE_LETTER.sub("\\1" + NBSP, result)
        result = _DASH.sub(NBSP + "\\1", result)
    elif primary == "en":
        result = _quotes(result, ("“", "‘"), ("”", "’"))
        result = _english_single_quotes(result)
    return result


@cache
def _dictionary(language: str) -> pyphen.Pyphen | None:
    entry = _HYPHENATION.get(language)
    if entry is None:
        return None
    name, left, right = entry
    return pyphen.Pyphen(lang=name, left=left, right=right)


def hyphenation_points(language: str) -> Callable[[str], Sequence[int]] | None:
    """Where words of ``language`` may be divided, or None when the language is not hyphenated.

    The callable returns offsets into a word: inside each run of letters as the dictionary
    allows, and after each hyphen the word already has.
    """
    dictionary = _dictionary(primary_language(language))
    if dictionary is None:
        return None

    @cache
    def points(word: str) -> tuple[int, ...]:
        found = [index + 1 for index, char in enumerate(word[:-1]) if char == "-" and index]
        if word[:1].isupper():
            return tuple(found)  # names are not divided
        for match in _WORD_LETTERS.finditer(word):
            letters = match.group(0)
            if len(letters) < 5:
                continue
            found += [match.start() + p for p in dictionary.positions(letters)]
        return tuple(sorted(set(found)))

    return points
