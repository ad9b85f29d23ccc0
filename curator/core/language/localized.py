"""Structured data written the way each caption language writes it: dates, places, names.

Dates come from babel (CLDR) in the caption language's locale, on the day the photo gives
(no time-zone conversion: a photo taken at 23:30 in Hanoi is dated that day in every
language). Places and names go through the glossary first; what the glossary lacks is kept,
or transcribed by rule (:mod:`curator.core.language.transcription`) and marked for review.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from babel import Locale
from babel.dates import format_date

from curator.core.errors import UsageError
from curator.core.language.languages import normalize_language
from curator.core.language.text import clean_line
from curator.core.language.transcription import (
    CYRILLIC,
    LATIN,
    primary_language,
    script_of_language,
    script_of_text,
    transcribe,
)
from curator.core.model import GlossaryEntry, GlossaryKind
from curator.i18n import _

#: babel's named date styles; anything else is taken as a CLDR pattern ("d MMMM y").
DATE_STYLES = ("short", "medium", "long", "full")

#: The languages a name is transcribed from when a record holds several, best first: the
#: agencies' own languages, in the order their bylines are most reliable.
SOURCE_ORDER = ("vi", "ru", "en")

# CLDR writes "2026 г." with a narrow no-break space (U+202F), which the bundled Noto fonts
# carry. Older CLDR data had a plain space: a line must never break between the year and
# its abbreviation, so a plain space there is made a narrow no-break one.
_YEAR_ABBREVIATION = re.compile(r"(\d) ([гр]\.)")


@dataclass(frozen=True, slots=True)
class RenderedText:
    """Text generated for one language, and whether a person should check it."""

    text: str
    needs_review: bool


def format_capture_date(moment: datetime | date, language: str, style: str = "long") -> str:
    """The capture date as the language writes it: "24 февраля 2026 г.", "24 février 2026".

    Args:
        moment: When the photo was taken; a ``datetime`` is dated by its own calendar day,
            in whatever zone it carries.
        language: A content-language tag babel knows ("vi", "pt-BR", "zh-Hans").
        style: "short", "medium", "long", "full", or a CLDR date pattern.

    Raises:
        UnknownLanguageError: babel has no locale for ``language``.
        UsageError: ``style`` is not a valid date pattern.
    """
    day = moment.date() if isinstance(moment, datetime) else moment
    locale = Locale.parse(normalize_language(language).replace("-", "_"))
    try:
        text = str(format_date(day, format=style, locale=locale))
    except (ValueError, KeyError, AttributeError) as error:
        raise UsageError(
            _("The date format “%(style)s” is not valid: %(error)s")
            % {"style": style, "error": error}
        ) from error
    return _YEAR_ABBREVIATION.sub("\\1\u202f\\2", text)


def pick_language(values: Mapping[str, str], language: str) -> str | None:
    """The value for ``language``: its exact tag, then any tag of the same language.

    ``{"pt": "Hanói"}`` answers for "pt-BR", and ``{"pt-BR": …}`` for "pt". Empty values
    count as missing.
    """
    wanted = language.strip().replace("_", "-").lower()
    for tag, value in values.items():
        if tag.replace("_", "-").lower() == wanted and value.strip():
            return value
    base = primary_language(language)
    for tag, value in values.items():
        if primary_language(tag) == base and value.strip():
            return value
    return None


def _key(text: str) -> str:
    return " ".join(clean_line(text).casefold().split())


def find_entry(
    name: str, glossary: Iterable[GlossaryEntry], kinds: Collection[GlossaryKind]
) -> GlossaryEntry | None:
    """The first entry of one of ``kinds`` with ``name`` as a term or variant in any language.

    Matching ignores case and spacing, after NFC.
    """
    wanted = _key(name)
    if not wanted:
        return None
    for entry in glossary:
        if entry.kind not in kinds:
            continue
        forms = [*entry.terms.values()]
        for variants in entry.variants.values():
            forms.extend(variants)
        if any(_key(form) == wanted for form in forms):
            return entry
    return None


def source_languages(names: Mapping[str, str]) -> list[str]:
    """The tags of ``names`` in the order to transcribe from: vi, ru, en, then the rest."""
    ordered = [tag for wanted in SOURCE_ORDER for tag in names if primary_language(tag) == wanted]
    return ordered + [tag for tag in names if tag not in ordered]


def render_name(
    names: Mapping[str, str],
    language: str,
    glossary: Sequence[GlossaryEntry],
    kinds: Collection[GlossaryKind],
    *,
    transcribe_by_rule: bool = True,
) -> RenderedText | None:
    """One name (a person, an agency) in ``language``; ``None`` when there is no name.

    The glossary comes first: an entry of one of ``kinds`` that knows any of the given forms
    gives its rendering in ``language``. Then the record's own form in ``language``. Then a
    transcription by rule from the best source language (needs review); with
    ``transcribe_by_rule`` false, or when no rule applies, the name as given (needs review).
    """
    given = {tag: clean_line(value) for tag, value in names.items() if value.strip()}
    if not given:
        return None
    for value in list(given.values()):
        entry = find_entry(value, glossary, kinds)
        if entry is None:
            continue
        rendering = pick_language(entry.terms, language)
        if rendering is not None:
            return RenderedText(clean_line(rendering), needs_review=False)
        # The entry lacks this language: a rendering in the same script is the likeliest
        # form (the English "VNA", "Hanoi" for French), better than a rule's transcription.
        borrowed = _same_script_rendering(entry.terms, language)
        if borrowed is not None:
            return RenderedText(clean_line(borrowed), needs_review=True)
        given = {**{t: clean_line(v) for t, v in entry.terms.items() if v.strip()}, **given}
    own = pick_language(given, language)
    if own is not None:
        return RenderedText(own, needs_review=False)
    order = source_languages(given)
    if transcribe_by_rule:
        for tag in order:
            result = transcribe(given[tag], tag, language)
            if result is not None:
                return RenderedText(result, needs_review=True)
    return RenderedText(given[order[0]], needs_review=True)


def _same_script_rendering(terms: Mapping[str, str], language: str) -> str | None:
    """A rendering written in ``language``'s script, English first, then the others."""
    script = script_of_language(language)
    if script is None:
        return None
    candidates = [tag for tag, text in terms.items() if text.strip()]
    candidates.sort(key=lambda tag: primary_language(tag) != "en")
    for tag in candidates:
        if primary_language(tag) == "vi":
            continue  # Vietnamese forms carry diacritics another Latin language would not
        if script_of_language(tag) == script:
            return terms[tag]
    return None


def render_place(
    parts: Sequence[str],
    language: str,
    glossary: Sequence[GlossaryEntry],
    source_language: str,
) -> RenderedText:
    """A place line such as "Hà Nội, Việt Nam" in ``language``.

    Args:
        parts: Sub-location, city, country… as the file gives them, in any language.
        language: The caption language to write.
        glossary: Entries of kind place give each part's rendering (any term or variant
            matches, ignoring case).
        source_language: The language the file's text is assumed to be in when a part's
            script does not tell (Latin text with no Vietnamese letters counts as English
            unless the source language is written in Latin script).

    Returns:
        The parts joined with ", ", empty and repeated parts dropped; ``needs_review`` when
        a part was transcribed by rule or kept in another language.
    """
    rendered: list[str] = []
    review = False
    for part in parts:
        text = clean_line(part or "")
        if not text:
            continue
        piece = _render_place_part(text, language, glossary, source_language)
        review = review or piece.needs_review
        if _key(piece.text) not in {_key(done) for done in rendered}:
            rendered.append(piece.text)
    return RenderedText(", ".join(rendered), needs_review=review)


def _render_place_part(
    text: str, language: str, glossary: Sequence[GlossaryEntry], source_language: str
) -> RenderedText:
    entry = find_entry(text, glossary, (GlossaryKind.PLACE,))
    if entry is not None:
        rendering = pick_language(entry.terms, language)
        if rendering is not None:
            return RenderedText(clean_line(rendering), needs_review=False)
        borrowed = _same_script_rendering(entry.terms, language)
        if borrowed is not None:
            return RenderedText(clean_line(borrowed), needs_review=True)
    part_language = guess_text_language(text, source_language)
    if primary_language(part_language) == primary_language(language):
        return RenderedText(text, needs_review=False)
    result = transcribe(text, part_language, language)
    return RenderedText(result if result is not None else text, needs_review=True)


def has_vietnamese_letters(text: str) -> bool:
    """Whether ``text`` has a letter only Vietnamese uses (ă, đ, ơ, ư, ả, ạ, ấ…)."""
    for char in text:
        if char in "ăĂđĐơƠưƯ":
            return True
        decomposed = _decompose(char)
        # Hook above and dot below, or a circumflex carrying a tone mark, are Vietnamese.
        if "\u0309" in decomposed or "\u0323" in decomposed or len(decomposed) > 2:
            return True
    return False


def _decompose(char: str) -> str:
    return unicodedata.normalize("NFD", char)


def guess_text_language(text: str, fallback: str) -> str:
    """A short text's language from its letters: Cyrillic → "ru", Vietnamese letters → "vi".

    Latin text without Vietnamese letters is ``fallback`` when that language is written in
    Latin script, else "en".
    """
    script = script_of_text(text)
    if script == CYRILLIC:
        return fallback if script_of_language(fallback) == CYRILLIC else "ru"
    if has_vietnamese_letters(text):
        return "vi"
    if script == LATIN and script_of_language(fallback) == LATIN:
        return fallback
    return "en"
