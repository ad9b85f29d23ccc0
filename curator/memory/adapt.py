"""A match made to fit: where the source differs only by numbers or glossary names.

"Năm 2019, TTXVN …" matched against "Năm 2024, TTXVN …": the stored translation's 2019
becomes 2024. "… tại Hà Nội" against "… tại Moskva", both places of the glossary: the stored
translation's Ханой becomes Москва (the rendering in the target language). Anything else
that differs leaves the match as it was: a translator reads it and decides.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from curator.core.model import GlossaryEntry

_NUMBER = re.compile(r"^\d+$")
_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def _names(text: str, language: str, glossary: Sequence[GlossaryEntry]) -> list[GlossaryEntry]:
    folded = text.casefold()
    return [e for e in glossary if e.terms.get(language) and e.terms[language].casefold() in folded]


def _mask(text: str, entries: list[GlossaryEntry], language: str) -> str:
    for index, entry in enumerate(entries):
        term = re.escape(entry.terms[language])
        text = re.sub(term, f" \x00{index} ", text, flags=re.IGNORECASE)
    return text


def _replace_once(text: str, old: str, new: str, *, word: bool) -> str | None:
    pattern = rf"(?<!\w){re.escape(old)}(?!\w)" if word else re.escape(old)
    found = re.findall(pattern, text)
    if len(found) != 1:
        return None
    return re.sub(pattern, lambda _m: new, text)


def adapt(
    stored_source: str,
    stored_text: str,
    source: str,
    source_language: str,
    target_language: str,
    glossary: Sequence[GlossaryEntry],
) -> str | None:
    """``stored_text`` with the numbers and glossary names that differ replaced, or None.

    None when the sources differ by anything else, or a replacement is not certain (the old
    number or name is not in the stored translation exactly once).
    """
    old_names = _names(stored_source, source_language, glossary)
    new_names = _names(source, source_language, glossary)
    gone = [e for e in old_names if e not in new_names]
    came = [e for e in new_names if e not in old_names]
    if len(gone) != len(came) or len(gone) > 1:
        return None
    swaps = list(zip(gone, came, strict=True))
    a = _TOKEN.findall(_mask(stored_source, gone, source_language).casefold())
    b = _TOKEN.findall(_mask(source, came, source_language).casefold())
    numbers: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if tag != "replace" or i2 - i1 != j2 - j1:
            return None
        for old, new in zip(a[i1:i2], b[j1:j2], strict=True):
            if not (_NUMBER.match(old) and _NUMBER.match(new)):
                return None
            numbers.append((old, new))
    if not numbers and not swaps:
        return None
    text: str | None = stored_text
    for old, new in numbers:
        text = _replace_once(text, old, new, word=True) if text is not None else None
    for old_entry, new_entry in swaps:
        old_form = old_entry.terms.get(target_language, "")
        new_form = new_entry.terms.get(target_language, "")
        if text is None or not old_form or not new_form:
            return None
        text = _replace_once(text, old_form, new_form, word=False)
    return text
