"""Alphabetical order per language, for the catalogue's index of photographers.

PyICU publishes no wheel for this platform, so Curator keeps a small sort key of its own
instead of ICU's collation. It compares in two levels, like a dictionary:

1. letters, in the language's alphabet. Vietnamese: a ă â b c d đ e ê g h i k l m n o ô ơ
   p q r s t u ư v x y (f j w z, which Vietnamese borrows, in their Latin places); the tone
   marks are ignored at this level. Russian: а б в г д е ё ж … я with ё counted as е.
   Any other language: the Latin letters without their marks. Letters of another script
   follow the language's own (so Latin names come after Cyrillic ones in a Russian list),
   in code-point order.
2. then marks: Vietnamese tones in the order ngang, huyền, hỏi, ngã, sắc, nặng
   (a à ả ã á ạ); Russian е before ё; elsewhere an unmarked letter before a marked one.

Case is ignored except as a last tie-break (lower case first).

People in an index (:func:`person_sort_key`): Russian and English lists sort by surname,
then the given names; the glossary says which words are the surname
(:attr:`~curator.core.model.GlossaryEntry.surnames`), and without it the last word is taken
(the order captions write names in these languages). Vietnamese lists sort as Vietnamese
do: by the given name (the last syllable), then the whole name from its start.
"""

from __future__ import annotations

import unicodedata

from curator.core.language.transcription import primary_language

_VIETNAMESE_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
#: Marks that make a Vietnamese letter of its own (breve, circumflex, horn); stroke is đ.
_VIETNAMESE_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
#: Tone marks in dictionary order; no tone (ngang) sorts first.
_VIETNAMESE_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_RUSSIAN_ALPHABET = "абвгдежзийклмнопрстуфхцчшщъыьэюя"

Key = tuple[tuple[int, ...], tuple[int, ...], str]


def _vietnamese_letter(char: str) -> tuple[int, int]:
    decomposed = unicodedata.normalize("NFD", char)
    base = decomposed[0]
    letter_marks = "".join(m for m in decomposed[1:] if m in _VIETNAMESE_LETTER_MARKS)
    tone = max((_VIETNAMESE_TONES.get(m, 0) for m in decomposed[1:]), default=0)
    letter = unicodedata.normalize("NFC", base + letter_marks)
    position = _VIETNAMESE_ALPHABET.find(letter)
    if position < 0:
        return _other_letter(char), tone
    return position, tone


def _russian_letter(char: str) -> tuple[int, int]:
    if char == "ё":
        return _RUSSIAN_ALPHABET.index("е"), 1
    position = _RUSSIAN_ALPHABET.find(char)
    if position < 0:
        other, mark = _latin_letter(char)
        return (other if other < 0 else other + 100), mark
    return position, 0


def _latin_letter(char: str) -> tuple[int, int]:
    decomposed = unicodedata.normalize("NFD", char)
    base = decomposed[0]
    if "a" <= base <= "z":
        return ord(base) - ord("a"), len(decomposed) - 1
    if char == "đ":
        return ord("d") - ord("a"), 1
    return _other_letter(char), 0


def _other_letter(char: str) -> int:
    if char.isspace() or char in "-–—'’.,":
        return -1  # word boundaries first: "Anh" before "Anha"
    return 1000 + ord(unicodedata.normalize("NFD", char)[0])


def sort_key(text: str, language: str) -> Key:
    """A key that sorts ``text`` in ``language``'s alphabetical order (see the module)."""
    primary = primary_language(language)
    letter = {"vi": _vietnamese_letter, "ru": _russian_letter}.get(primary, _latin_letter)
    lowered = unicodedata.normalize("NFC", text).strip().casefold()
    pairs = [letter(char) for char in lowered]
    return (
        tuple(position for position, _mark in pairs),
        tuple(mark for _position, mark in pairs),
        unicodedata.normalize("NFC", text).swapcase(),
    )


def sorted_names(names: list[str], language: str) -> list[str]:
    """``names`` in the language's alphabetical order."""
    return sorted(names, key=lambda name: sort_key(name, language))


def surname_words(name: str, surname: str) -> tuple[int, int] | None:
    """Where ``surname`` stands in ``name``, as a range of word positions (start, end).

    None when it is not a whole run of its words. The range gives the name order:
    a surname at the start is written first (Vietnamese, official Russian), at the end last.
    """
    words = name.split()
    wanted = surname.split()
    if not wanted:
        return None
    folded = [w.casefold() for w in words]
    target = [w.casefold() for w in wanted]
    for start in range(len(words) - len(target) + 1):
        if folded[start : start + len(target)] == target:
            return start, start + len(target)
    return None


PersonKey = tuple[Key, Key, Key]


def person_sort_key(name: str, language: str, surname: str = "") -> PersonKey:
    """A key that sorts a person in an index of ``language`` (see the module).

    Args:
        name: The name as printed.
        language: The index's language.
        surname: The surname as the glossary gives it for this language ("" when unknown).
    """
    words = name.split()
    if primary_language(language) == "vi":
        given = words[-1] if words else ""
        return sort_key(given, language), sort_key(name, language), sort_key("", language)
    found = surname_words(name, surname) if surname else None
    start, end = found if found is not None else (max(0, len(words) - 1), len(words))
    family = " ".join(words[start:end])
    rest = " ".join(words[:start] + words[end:])
    return sort_key(family, language), sort_key(rest, language), sort_key(name, language)


def sorted_people(
    names: list[str], language: str, surnames: dict[str, str] | None = None
) -> list[str]:
    """``names`` as an index of ``language`` lists them.

    ``surnames`` maps a name to its surname where the glossary knows it.
    """
    known = surnames or {}
    return sorted(names, key=lambda name: person_sort_key(name, language, known.get(name, "")))
