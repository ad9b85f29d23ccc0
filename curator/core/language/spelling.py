"""Spell checking of caption text: which words are checked, against what, and what is flagged.

The dictionary itself is behind a small protocol (:class:`SpellingDictionary`, found through
a :class:`DictionarySource`) so that this module stays plain Python; ``curator.proofing``
implements it with Hunspell dictionaries read through Enchant.

A :class:`SpellChecker` checks the text of one language. It flags words its dictionary does
not know, and never flags:

* anything with a digit in it (``2024``, ``G20``, ``15h30``), a web or mail address, a
  domain name (``vietnamplus.vn``);
* words written in capitals only (agency and party acronyms: ``TTXVN``, ``TASS``, ``ВИА``,
  ``HĐND``) and single letters (initials);
* every word of every glossary form of its language (renderings and accepted variants), so
  glossary names are never flagged; the words of the place, date and credit fields Curator
  generated from structured data (photographers' names); every word the curator ignored.

Language rules the dictionaries need help with: a Vietnamese syllable is accepted with its
tone mark in either of the two placements in use for ``oa``, ``oe`` and ``uy`` at the end of
a syllable (``hòa``/``hoà``, ``thủy``/``thuỷ``; Debian's hunspell-vi lists only the older);
a Russian word with ``ё`` is accepted when the dictionary knows it spelt with ``е``.
Hyphenated words are checked whole and then part by part, so ``кто-то`` and ``Pu-tin`` pass
and only the unknown part of ``Mát-xcơ-va`` is flagged.

Offsets are positions in the text as given (Python string indices); words are looked up in
NFC, so text typed decomposed is checked correctly.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from babel.core import get_global

from curator.core.errors import CuratorError
from curator.core.language.text import nfc
from curator.core.model import GlossaryEntry

#: How many results a checker remembers before it starts afresh (a session's vocabulary).
_CACHE_LIMIT = 50_000
_MARKS = "\u0300-\u036f"
_WORD = re.compile(rf"[\w{_MARKS}]+(?:['’\-‐][\w{_MARKS}]+)*")
_PART = re.compile(rf"[\w{_MARKS}]+(?:['’][\w{_MARKS}]+)*")
_HYPHEN = re.compile(r"[\-‐]")
_POSSESSIVE = re.compile(r"['’]s$")
# Addresses and domain names, ASCII only: "Hà Nội.Tiếp" is a typo, not a domain.
_SKIPPED_SPANS = re.compile(
    r"(?:https?://|ftp://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b(?:/\S*)?",
    re.IGNORECASE,
)
# The Vietnamese tone marks (as combining characters); the other marks make letters.
_VI_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_VI_MOVABLE_PAIRS = frozenset({("o", "a"), ("o", "e"), ("u", "y")})


class SpellingDictionary(Protocol):
    """One loaded dictionary. Calls come from one thread at a time."""

    @property
    def tag(self) -> str:
        """The dictionary's own name (``vi_VN``)."""
        ...

    def check(self, word: str) -> bool:
        """Whether ``word`` (NFC, one word) is spelt correctly."""
        ...

    def suggest(self, word: str) -> list[str]:
        """Corrections for ``word``, best first."""
        ...


class DictionarySource(Protocol):
    """Where dictionaries come from (the installed Hunspell dictionaries, say)."""

    def available(self) -> list[str]:
        """The tags of the dictionaries that can be loaded (``en_US``, ``ru_RU``)."""
        ...

    def load(self, tag: str) -> SpellingDictionary:
        """Load one dictionary (may take a while: call it off the GUI thread)."""
        ...


@dataclass(frozen=True, slots=True)
class Misspelling:
    """A flagged word: ``text[start:end]``, and that word in NFC."""

    start: int
    end: int
    word: str


def _split_tag(tag: str) -> tuple[str, str]:
    parts = re.split(r"[-_@.]", tag)
    language = parts[0].lower()
    territory = next((p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()), "")
    return language, territory


def dictionary_for(language: str, available: Iterable[str]) -> str | None:
    """The dictionary tag to check a content language with, or None when none fits.

    The same language and territory first (``pt-BR`` → ``pt_BR``), then the language's
    likely territory (``vi`` → ``vi_VN``, ``en`` → ``en_US``), then any dictionary of that
    language (``en-GB`` → ``en_US`` when it is the only English one).
    """
    wanted_language, wanted_territory = _split_tag(language)
    candidates = sorted(
        (tag for tag in available if _split_tag(tag)[0] == wanted_language),
        key=lambda tag: (len(tag), tag),
    )
    if not candidates:
        return None
    likely = str(get_global("likely_subtags").get(wanted_language, ""))
    preferences = [wanted_territory, _split_tag(likely)[1] if likely else ""]
    for territory in preferences:
        for tag in candidates:
            if territory and _split_tag(tag)[1] == territory:
                return tag
    return candidates[0]


def glossary_words(entries: Sequence[GlossaryEntry], language: str) -> frozenset[str]:
    """Every accepted glossary form of ``language`` (case forms too) and its words, case-folded."""
    words: set[str] = set()
    for entry in entries:
        declined = entry.cases.get(language, {}).values()
        for form in (entry.terms.get(language, ""), *entry.variants.get(language, ()), *declined):
            words.update(_words_of(form))
    return frozenset(words)


def _words_of(text: str) -> set[str]:
    """Every word of ``text`` case-folded, hyphenated ones whole and in parts."""
    words: set[str] = set()
    for match in _WORD.finditer(nfc(text)):
        words.add(match.group(0).casefold())
        words.update(part.casefold() for part in _PART.findall(match.group(0)))
    return words


def known_words(
    entries: Sequence[GlossaryEntry], generated_texts: Iterable[str], language: str
) -> frozenset[str]:
    """The words never flagged in ``language``: the glossary's, and those of generated texts.

    ``generated_texts`` are the place, date and credit fields Curator wrote from structured
    data (credit records, glossary places) in that language: the photographers' names in a
    credit line are names the project knows, even when they are not in the glossary.
    """
    words = set(glossary_words(entries, language))
    for text in generated_texts:
        words.update(_words_of(text))
    return frozenset(words)


def _has_digit(word: str) -> bool:
    return any(char.isdigit() for char in word)


def _is_acronym(word: str) -> bool:
    """All capitals (``TTXVN``), also with an English possessive (``VNA's``)."""
    letters = [char for char in _POSSESSIVE.sub("", word) if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def vietnamese_tone_variants(word: str) -> list[str]:
    """``word`` with its tone mark in the other placement for ``oa``/``oe``/``uy`` (or none).

    ``hòa`` → ``hoà``, ``thuỷ`` → ``thủy``; only at the end of the word, where the two
    spelling conventions differ (both write ``hoàng``).
    """
    clusters: list[list[str]] = []
    for char in unicodedata.normalize("NFD", word):
        if unicodedata.combining(char) and clusters:
            clusters[-1].append(char)
        else:
            clusters.append([char])
    if len(clusters) < 2:
        return []
    first, second = clusters[-2], clusters[-1]
    if (first[0].lower(), second[0].lower()) not in _VI_MOVABLE_PAIRS:
        return []
    tones_first = [mark for mark in first[1:] if mark in _VI_TONES]
    tones_second = [mark for mark in second[1:] if mark in _VI_TONES]
    other_marks = [mark for mark in first[1:] + second[1:] if mark not in _VI_TONES]
    if other_marks or len(tones_first) + len(tones_second) != 1:
        return []
    tone = (tones_first or tones_second)[0]
    # The tone goes to the other vowel of the pair.
    moved = [first[0], second[0], tone] if tones_first else [first[0], tone, second[0]]
    head = "".join("".join(cluster) for cluster in clusters[:-2])
    return [unicodedata.normalize("NFC", head + "".join(moved))]


class SpellChecker:
    """Checks text in one language against one dictionary; remembers what it looked up.

    Not thread-safe: use one checker from one thread (the GUI thread in the window).
    """

    def __init__(
        self,
        language: str,
        dictionary: SpellingDictionary,
        glossary: Iterable[str] = (),
        ignored: Iterable[str] = (),
    ) -> None:
        self.language = language
        self.dictionary = dictionary
        self._primary = _split_tag(language)[0]
        self._glossary = frozenset(glossary)
        self._ignored = {word.casefold() for word in ignored}
        self._known: dict[str, bool] = {}

    @property
    def glossary(self) -> frozenset[str]:
        """The case-folded glossary words never flagged (see :func:`glossary_words`)."""
        return self._glossary

    def set_glossary(self, words: Iterable[str]) -> bool:
        """Replace the glossary words; True when they changed."""
        words = frozenset(words)
        changed = words != self._glossary
        self._glossary = words
        return changed

    def ignore(self, word: str) -> None:
        """Never flag ``word`` (in any case) from now on."""
        self._ignored.add(nfc(word).casefold())

    def misspellings(self, text: str) -> list[Misspelling]:
        """Every flagged word of ``text``, in order."""
        skipped = [match.span() for match in _SKIPPED_SPANS.finditer(text)]
        found: list[Misspelling] = []
        for match in _WORD.finditer(text):
            start, end = match.span()
            if any(s <= start < e or s < end <= e for s, e in skipped):
                continue
            word = match.group(0)
            if self._accepted(word):
                continue
            if not _HYPHEN.search(word):
                found.append(Misspelling(start, end, nfc(word)))
                continue
            for part in _PART.finditer(word):
                if not self._accepted(part.group(0)):
                    found.append(
                        Misspelling(start + part.start(), start + part.end(), nfc(part.group(0)))
                    )
        return found

    def is_correct(self, word: str) -> bool:
        """Whether one word would go unflagged."""
        return self._accepted(word)

    def suggestions(self, word: str, limit: int = 6) -> list[str]:
        """Up to ``limit`` corrections for ``word``, best first, without repeats."""
        word = nfc(word)
        seen: dict[str, None] = {}
        for suggestion in self.dictionary.suggest(word):
            suggestion = nfc(suggestion)
            if suggestion != word:
                seen.setdefault(suggestion, None)
        return list(seen)[:limit]

    def _accepted(self, word: str) -> bool:
        word = nfc(word)
        if len(word) < 2 or _has_digit(word) or _is_acronym(word):
            return True
        folded = word.casefold()
        if folded in self._glossary or folded in self._ignored:
            return True
        known = self._known.get(word)
        if known is None:
            if len(self._known) >= _CACHE_LIMIT:
                self._known.clear()
            known = self._known[word] = self._look_up(word)
        return known

    def _look_up(self, word: str) -> bool:
        if self.dictionary.check(word):
            return True
        alternatives: list[str] = []
        if self._primary == "vi":
            alternatives += vietnamese_tone_variants(word)
        if self._primary in {"ru", "be", "uk"} and ("ё" in word or "Ё" in word):
            alternatives.append(word.replace("ё", "е").replace("Ё", "Е"))
        if "’" in word:
            alternatives.append(word.replace("’", "'"))
        return any(self.dictionary.check(alternative) for alternative in alternatives)


class AnyOfDictionaries:
    """Several dictionaries of one language: a word is right when any of them knows it.

    For a content language given without a territory (``en``), every installed variety
    counts: an English caption may spell "organised" or "organized". Suggestions come from
    the first (the language's likely territory).
    """

    def __init__(self, dictionaries: Sequence[SpellingDictionary]) -> None:
        self._dictionaries = tuple(dictionaries)

    @property
    def tag(self) -> str:
        """The tags joined (``en_US+en_GB``)."""
        return "+".join(d.tag for d in self._dictionaries)

    def check(self, word: str) -> bool:
        """Whether any of the dictionaries knows ``word``."""
        return any(d.check(word) for d in self._dictionaries)

    def suggest(self, word: str) -> list[str]:
        """The first dictionary's corrections."""
        return self._dictionaries[0].suggest(word)


def varieties_for(language: str, available: Iterable[str]) -> list[str]:
    """The dictionaries to check ``language`` with, the best one first.

    The best is :func:`dictionary_for`'s; a language given without a territory (``en``) also
    gets the other installed varieties after it (``en_GB``).
    """
    listed = list(available)
    best = dictionary_for(language, listed)
    if best is None:
        return []
    wanted_language, wanted_territory = _split_tag(language)
    if wanted_territory:
        return [best]
    others = sorted(tag for tag in listed if tag != best and _split_tag(tag)[0] == wanted_language)
    return [best, *others]


@dataclass(frozen=True, slots=True)
class LoadedDictionaries:
    """The dictionaries for some content languages, and why the others have none.

    ``unavailable`` maps a language to "" when no dictionary is installed for it, else to
    the message of the error that stopped its dictionary from loading.
    """

    dictionaries: dict[str, SpellingDictionary]
    unavailable: dict[str, str]


def load_dictionaries(
    source: DictionarySource,
    languages: Iterable[str],
    loaded: Mapping[str, SpellingDictionary] | None = None,
) -> LoadedDictionaries:
    """Load a dictionary for each of ``languages`` (off the GUI thread: it can take a while).

    ``loaded`` holds dictionaries already loaded, by dictionary tag; they are reused, so
    ``en`` and ``en-GB`` share one English dictionary.
    """
    by_tag = dict(loaded or {})
    dictionaries: dict[str, SpellingDictionary] = {}
    unavailable: dict[str, str] = {}
    available = source.available()
    for language in languages:
        tags = varieties_for(language, available)
        if not tags:
            unavailable[language] = ""
            continue
        chosen: list[SpellingDictionary] = []
        for tag in tags:
            if tag not in by_tag:
                try:
                    by_tag[tag] = source.load(tag)
                except CuratorError as error:
                    if tag == tags[0]:
                        unavailable[language] = error.message
                    continue
            chosen.append(by_tag[tag])
        if language in unavailable:
            continue
        dictionaries[language] = chosen[0] if len(chosen) == 1 else AnyOfDictionaries(chosen)
    return LoadedDictionaries(dictionaries, unavailable)
