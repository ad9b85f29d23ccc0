"""Which content language a headline or description is in, when its source does not say.

Only the text itself and the curator's choice decide: a text's own ``xml:lang``; else the
language of its twin (another alternative with the same text and a language, as when an
XMP ``x-default`` repeats the ``vi`` alternative); else its script; else the fallback the
importer passes (``--caption-language`` or the project's source language). Never the
operating system's or the interface's locale.
"""

from __future__ import annotations

from collections.abc import Sequence

from curator.ingest.metadata.text import normalised_key
from curator.ingest.metadata.types import LangText

#: Letters only Vietnamese uses among the languages Curator's exhibitions meet.
_VIETNAMESE_STRONG = frozenset("ăđơưĩũĂĐƠƯĨŨ")
#: Letters Vietnamese shares with French and Portuguese: evidence only in numbers.
_VIETNAMESE_WEAK = frozenset("âêôÂÊÔ")


def resolve_caption_languages(
    texts: Sequence[LangText], fallback: str
) -> list[tuple[str, LangText]]:
    """Give every text a language and keep one text per language, the first (best) one.

    Args:
        texts: Headlines or descriptions, highest priority first.
        fallback: The language of a text nothing else identifies.

    Returns:
        ``(language, text)`` pairs in the order of ``texts``, one per language.
    """
    twins = {normalised_key(item.text): item.language for item in reversed(texts) if item.language}
    resolved: list[tuple[str, LangText]] = []
    seen: set[str] = set()
    for item in texts:
        language = (
            item.language
            or twins.get(normalised_key(item.text))
            or script_language(item.text)
            or fallback
        )
        if language not in seen:
            seen.add(language)
            resolved.append((language, item))
    return resolved


def script_language(text: str) -> str | None:
    """``ru`` for text with Cyrillic letters, ``vi`` for Vietnamese letters, else ``None``.

    Vietnamese needs one letter of its own (ă đ ơ ư ĩ ũ, or a vowel from the Latin Extended
    Additional block, ạ ả ấ … ỹ) or, with only â ê ô, two of them making a tenth of the
    letters: "Côte d'Ivoire" in an English caption is not Vietnamese, "Bên sông" is.
    """
    letters = [ch for ch in text if ch.isalpha()]
    if any("\u0400" <= ch <= "\u04ff" for ch in letters):
        return "ru"
    if any(ch in _VIETNAMESE_STRONG or "\u1ea0" <= ch <= "\u1ef9" for ch in letters):
        return "vi"
    weak = sum(ch in _VIETNAMESE_WEAK for ch in letters)
    if weak >= 2 and weak * 10 >= len(letters):
        return "vi"
    return None
