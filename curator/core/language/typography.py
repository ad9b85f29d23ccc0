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

Each rule of issue 19.5 is one function here, with its own tests
(tests/core/test_typography.py); :func:`typeset` applies the text rules in order:

- :func:`no_break_before_dash` (every language): no line starts with – or —.
- :func:`russian_dashes`: a dash between words in Russian is an em dash with spaces.
- :func:`group_digits`: "1 000" keeps its groups together (a narrow no-break space).
- :func:`year_abbreviations`, :func:`one_letter_words` (Russian).
- :func:`apostrophes` and the quotes (:func:`_quotes`).

Rules about lines: :func:`may_hyphenate` (never headlines, titles, names),
:func:`division_allowed` (2 letters before, 3 after), :func:`hyphenated_run_allows`
(at most two hyphenated line ends in a row), :func:`lines_to_keep` (no widow or orphan
line); balancing a headline's lines is :func:`curator.core.layout.text.balanced_lines`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from enum import StrEnum
from functools import cache

import pyphen

from curator.core.language.text import nfc
from curator.core.language.transcription import primary_language

NBSP = "\u00a0"
#: The narrow no-break space between groups of digits ("1 000").
NARROW_NBSP = "\u202f"

#: The fewest letters a division leaves before the hyphen and after it.
MIN_HEAD_LETTERS = 2
MIN_TAIL_LETTERS = 3
#: The most hyphenated line ends in a row.
MAX_HYPHENATED_RUN = 2
#: The fewest lines of a paragraph alone at the foot of a page (orphan) or its head (widow).
MIN_LINES_AT_BREAK = 2

#: Languages whose dictionaries pyphen ships and Curator uses, with the shortest head and
#: tail a division may leave.
_HYPHENATION = {
    "ru": ("ru_RU", MIN_HEAD_LETTERS, MIN_TAIL_LETTERS),
    "en": ("en_US", MIN_HEAD_LETTERS, MIN_TAIL_LETTERS),
}
_GUILLEMET_LANGUAGES = frozenset({"ru", "uk", "be"})

_SPACES = re.compile(r"[ \t]+")
_YEAR = re.compile(r"(\d)[ \t]+(гг?\.)")
_ONE_LETTER = re.compile(r"(?<![\w\u00a0-])([вВсСкКуУоОиИаАяЯ])[ \t]+(?=\S)")
_DASH = re.compile(r"[ \t\u00a0]+([–—])")
_SPACED_DASH = re.compile(r"(?<=\S)[ \t\u00a0]+[-–—][ \t]+(?=\S)")
_SPACED_DIGITS = re.compile(r"(?<![\d.,])(\d{1,3})((?:[ \u00a0\u2009\u202f]\d{3})+)(?![\d])")
_LONG_NUMBER = re.compile(r"(?<![\d.,\u202f])\d{5,}(?![\d\u202f]|[.,]\d)")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
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


class Role(StrEnum):
    """What a run of text is: headlines, titles and names are never hyphenated."""

    TEXT = "text"
    HEADLINE = "headline"
    TITLE = "title"
    NAME = "name"


def no_break_before_dash(text: str) -> str:
    """A no-break space before every spaced – and —, so no line starts with a dash."""
    return _DASH.sub(NBSP + "\\1", text)


def russian_dashes(text: str, language: str) -> str:
    """Russian prints a dash between words as the em dash with spaces.

    In Russian (and Cyrillic languages with its rules) a hyphen or en dash standing
    between spaces is the em dash, with a no-break space before it and a space after;
    ranges without spaces ("1941–1945") are left as they are.
    """
    if primary_language(language) not in _GUILLEMET_LANGUAGES:
        return text
    return _SPACED_DASH.sub(NBSP + "— ", text)


def group_digits(text: str, language: str) -> str:
    """Numbers keep their digit groups on one line.

    Every language: a space between groups of three digits ("1 000", "25 000 000") becomes
    a narrow no-break space. Russian also groups an ungrouped number of five digits or
    more ("12000" → "12 000"; four-digit numbers and years stay as they are).
    """
    result = _SPACED_DIGITS.sub(
        lambda m: m.group(1) + re.sub(r"[ \u00a0\u2009]", NARROW_NBSP, m.group(2)), text
    )
    if primary_language(language) in _GUILLEMET_LANGUAGES:

        def grouped(match: re.Match[str]) -> str:
            digits = match.group(0)
            head = len(digits) % 3 or 3
            groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
            return NARROW_NBSP.join(groups)

        result = _LONG_NUMBER.sub(grouped, result)
    return result


def year_abbreviations(text: str, language: str) -> str:
    """Russian: a no-break space joins a number to "г." / "гг." ("2026 г.")."""
    if primary_language(language) not in _GUILLEMET_LANGUAGES:
        return text
    return _YEAR.sub("\\1" + NBSP + "\\2", text)


def one_letter_words(text: str, language: str) -> str:
    """Russian: a one-letter word is joined to the next word, so no line ends in one."""
    if primary_language(language) not in _GUILLEMET_LANGUAGES:
        return text
    return _ONE_LETTER.sub("\\1" + NBSP, text)


def apostrophes(text: str, language: str) -> str:
    """A straight apostrophe inside a word is the typographer's ’ (Russian, English).

    English quotes in single marks become ‘…’. Vietnamese is left as written.
    """
    primary = primary_language(language)
    if primary == "en":
        return _english_single_quotes(text)
    if primary in _GUILLEMET_LANGUAGES:
        return _APOSTROPHE.sub("’", text)
    return text


def quotes(text: str, language: str) -> str:
    """Double quotes as the language prints them.

    «…» and „…“ inside (Russian), “…” and ‘…’ inside (English); other languages are left
    as written.
    """
    primary = primary_language(language)
    if primary in _GUILLEMET_LANGUAGES:
        return _quotes(text, ("«", "„"), ("»", "“"))
    if primary == "en":
        return _quotes(text, ("“", "‘"), ("”", "’"))
    return text


def typeset(text: str, language: str) -> str:
    """``text`` as the language prints it (see the module's note); NFC."""
    result = _SPACES.sub(" ", nfc(text)).strip()
    result = quotes(result, language)
    result = apostrophes(result, language)
    result = russian_dashes(result, language)
    result = year_abbreviations(result, language)
    result = one_letter_words(result, language)
    result = group_digits(result, language)
    return no_break_before_dash(result)


#: Screened (grey) text is printed as a dot screen: below this size its strokes break up.
SCREENED_MIN_PT = 8.0
#: Reversed text (paper-white out of an ink ground) fills in when the plates misregister:
#: it is at least this large, and bold below :data:`REVERSED_BOLD_BELOW_PT`.
REVERSED_MIN_PT = 8.0
REVERSED_BOLD_BELOW_PT = 12.0


def screened_size_pt(size_pt: float) -> float:
    """The size of screened grey text: never below :data:`SCREENED_MIN_PT`."""
    return max(size_pt, SCREENED_MIN_PT)


def reversed_face(font: str, size_pt: float) -> tuple[str, float]:
    """The face and size of reversed text.

    At least :data:`REVERSED_MIN_PT`; below :data:`REVERSED_BOLD_BELOW_PT` the font's bold
    face (``Family-Bold``, or ``Family-BoldItalic`` for an italic), whose strokes survive.
    """
    if size_pt >= REVERSED_BOLD_BELOW_PT:
        return font, size_pt
    family, _sep, style = font.partition("-")
    bold = f"{family}-BoldItalic" if "Italic" in style else f"{family}-Bold"
    return bold, max(size_pt, REVERSED_MIN_PT)


def may_hyphenate(role: Role) -> bool:
    """Only running text is hyphenated: never a headline, a title or a name."""
    return role is Role.TEXT


def division_allowed(word: str, point: int) -> bool:
    """Whether ``word`` may be divided at ``point``.

    At least two letters before the hyphen and three after it (a division after a hyphen
    the word has counts the same).
    """
    head = sum(1 for char in word[:point] if char.isalpha())
    tail = sum(1 for char in word[point:] if char.isalpha())
    return head >= MIN_HEAD_LETTERS and tail >= MIN_TAIL_LETTERS


def hyphenated_run_allows(previous: Sequence[bool]) -> bool:
    """Whether the next line may end hyphenated, given whether the lines before it did.

    At most :data:`MAX_HYPHENATED_RUN` hyphenated line ends in a row.
    """
    run = 0
    for hyphenated in reversed(previous):
        if not hyphenated:
            break
        run += 1
    return run < MAX_HYPHENATED_RUN


def lines_to_keep(remaining: int, room: int) -> int:
    """How many of a paragraph's ``remaining`` lines to set in ``room`` lines of a page.

    Chosen so that neither one line is left alone at the foot (an orphan) nor one line
    carried to the next page (a widow). 0: start the paragraph on the next page.

    A paragraph of two or three lines moves whole; one line moves whole when it does not fit.
    """
    if remaining <= room:
        return remaining
    keep = room
    if remaining - keep < MIN_LINES_AT_BREAK:
        keep = remaining - MIN_LINES_AT_BREAK
    return keep if keep >= MIN_LINES_AT_BREAK else 0


@cache
def _dictionary(language: str) -> pyphen.Pyphen | None:
    entry = _HYPHENATION.get(language)
    if entry is None:
        return None
    name, left, right = entry
    return pyphen.Pyphen(lang=name, left=left, right=right)


def hyphenation_points(
    language: str, role: Role = Role.TEXT
) -> Callable[[str], Sequence[int]] | None:
    """Where words of ``language`` may be divided.

    None when the language (or the ``role``: see :func:`may_hyphenate`) is not hyphenated.

    The callable returns offsets into a word: inside each run of letters as the dictionary
    allows, and after each hyphen the word already has.
    """
    dictionary = _dictionary(primary_language(language))
    if dictionary is None or not may_hyphenate(role):
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
        return tuple(sorted(p for p in set(found) if division_allowed(word, p)))

    return points
