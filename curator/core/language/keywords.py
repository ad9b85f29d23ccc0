"""A keyword's rendering in each language, taken from the glossary.

A keyword that is one of a glossary entry's terms (in any language) or an accepted variant,
compared without regard to letter case, is rendered in each language by that entry's term
there: "Hà Nội" → "Ханой", "Hanoi". A keyword the glossary does not know has no renderings;
it is delivered as it is written.
"""

from __future__ import annotations

from collections.abc import Sequence

from curator.core.language.text import nfc
from curator.core.model import GlossaryEntry


def _forms(entry: GlossaryEntry) -> set[str]:
    forms = {term for term in entry.terms.values() if term}
    for variants in entry.variants.values():
        forms.update(variants)
    return {nfc(form).casefold() for form in forms}


def glossary_entry_for(keyword: str, glossary: Sequence[GlossaryEntry]) -> GlossaryEntry | None:
    """The glossary entry that names ``keyword``, or ``None``."""
    wanted = nfc(keyword).strip().casefold()
    return next((entry for entry in glossary if wanted in _forms(entry)), None)


def keyword_renderings(
    keyword: str, glossary: Sequence[GlossaryEntry], languages: Sequence[str]
) -> dict[str, str]:
    """``{language: rendering}`` for the languages the glossary gives one in."""
    entry = glossary_entry_for(keyword, glossary)
    if entry is None:
        return {}
    return {tag: entry.terms[tag] for tag in languages if entry.terms.get(tag)}


def delivered_keywords(
    keywords: Sequence[str], glossary: Sequence[GlossaryEntry], languages: Sequence[str]
) -> tuple[str, ...]:
    """What ``dc:subject`` says: each keyword, then its renderings, without repeats."""
    result: dict[str, None] = {}
    for keyword in keywords:
        result.setdefault(keyword)
        for rendering in keyword_renderings(keyword, glossary, languages).values():
            if rendering.casefold() not in {k.casefold() for k in result}:
                result.setdefault(rendering)
    return tuple(result)
