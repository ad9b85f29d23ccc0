"""The content languages a curator can choose from, named and searchable.

Every babel locale with a name is a choice (``vi``, ``pt-BR``, ``sr-Latn``), named in the
interface language (else in English, else in itself: never by a bare code); Vietnamese,
Russian and English come first, as most exhibitions use them, then the languages a curator
most often looks for (:data:`COMMON_CHOICES`), then every other by name. A search
matches the code, the name in the interface language or the English name, ignoring case and
diacritics: "viet" finds "Vietnamese", "вьет" finds "вьетнамский" and "tieng viet" finds
"Tiếng Việt", "pt-br" finds Brazilian Portuguese.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.localedata import locale_identifiers

from curator.core.language.languages import locale_name, to_tag

#: Offered first, in this order.
FIRST_CHOICES: tuple[str, ...] = ("vi", "ru", "en")
#: Then these, in this order: the languages exhibitions are most often captioned in.
COMMON_CHOICES: tuple[str, ...] = (
    "fr", "de", "es", "it", "pt", "zh-Hans", "zh-Hant", "ja", "ko", "th", "km", "lo",
    "uk", "pl", "cs", "nl", "sv", "fi", "ar", "he", "hi", "id", "ms", "tr",
)  # fmt: skip

_FOLDED = str.maketrans({"đ": "d", "Đ": "d", "ё": "е", "Ё": "е", "ı": "i", "ø": "o", "ł": "l"})


def fold(text: str) -> str:
    """``text`` lower-cased without diacritics, for matching ("Đà Nẵng" -> "da nang")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLDED).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_FOLDED)


@dataclass(frozen=True, slots=True)
class LanguageChoice:
    """One choosable language: its tag and its name in the interface language."""

    tag: str
    name: str
    english: str

    @property
    def label(self) -> str:
        """What a list shows: ``Vietnamese — vi``."""
        return f"{self.name} — {self.tag}"


@cache
def language_choices(in_language: str) -> tuple[LanguageChoice, ...]:
    """Every babel locale as a choice named in ``in_language``: the first choices, then by name."""
    try:
        display = Locale.parse(in_language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        display = Locale.parse("en")
    choices: list[LanguageChoice] = []
    foreign: set[str] = set()  # named in English or in itself, listed after the others
    for identifier in locale_identifiers():
        try:
            locale = Locale.parse(identifier)
        except (UnknownLocaleError, ValueError):
            continue
        tag = to_tag(identifier)
        name = locale_name(locale, in_language)
        if name is None:  # babel has no name for it in any language: never show a bare code
            continue
        english = locale_name(locale, "en") or name
        if not display.languages.get(locale.language):
            foreign.add(tag)
        choices.append(LanguageChoice(tag, name[:1].upper() + name[1:], english))
    first = {tag: index for index, tag in enumerate(FIRST_CHOICES + COMMON_CHOICES)}
    choices.sort(
        key=lambda c: (first.get(c.tag, len(first)), c.tag in foreign, _sort_name(c.name), c.tag)
    )
    return tuple(choices)


def _sort_name(name: str) -> str:
    """``name`` folded, without Vietnamese's "Tiếng" (language), so "Tiếng Ả Rập" sorts by A."""
    folded = fold(name)
    return folded[len("tieng ") :] if folded.startswith("tieng ") else folded


def _rank(choice: LanguageChoice, query: str, words: list[str]) -> int | None:
    """How well ``choice`` matches (lower is better), or None."""
    tag = choice.tag.casefold()
    if tag == query or tag.replace("-", "_") == query:
        return 0
    names = [fold(choice.name), fold(choice.english)]
    if any(name.startswith(query) for name in names):
        return 1
    if tag.startswith(query):
        return 2
    for name in names:
        name_words = name.replace("(", " ").replace(")", " ").replace(",", " ").split()
        if all(any(w.startswith(word) for w in name_words) for word in words):
            return 3
    if any(query in name for name in names):
        return 4
    return None


def search_languages(query: str, in_language: str, limit: int = 200) -> list[LanguageChoice]:
    """The choices matching ``query`` (code or name), best first; all of them when empty."""
    choices = language_choices(in_language)
    wanted = fold(query.strip())
    if not wanted:
        return list(choices[:limit])
    words = wanted.split()
    ranked = []
    for index, choice in enumerate(choices):
        rank = _rank(choice, wanted, words)
        if rank is not None:
            ranked.append((rank, index, choice))
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [choice for _rank_, _index, choice in ranked[:limit]]
