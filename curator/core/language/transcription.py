"""Names written in another script, by rule: the fallback when the glossary has no rendering.

Three rules, each the one the press of the target language uses:

* Vietnamese → Latin for English and other Latin-script languages: tone marks and vowel marks
  dropped, đ → d ("Tuấn Anh" → "Tuan Anh"), as VNA's English service writes names.
* Vietnamese → Russian: the Vietnamese–Russian practical transcription (Kontsevich; the
  ЦНИИГАиК rules of 1973, northern pronunciation) that Russian media follow, syllable by
  syllable, tones dropped ("Vũ Việt Trang" → "Ву Вьет Чанг"). The tables below are that system;
  each syllable stays a word as in the source ("Hà Nội" → "Ха Ной"). Conventional forms that
  differ from the rule — "Ханой", "Дананг", "Хо Ши Мин" — are glossary entries, not rules.
* Russian → Latin: the Wikipedia-style system as the iuliia library implements it
  ("Андрей Кондрашов" → "Andrey Kondrashov"). English news often writes otherwise ("Sergei",
  not "Sergey"): again a glossary matter.

Output of a rule is a suggestion: callers mark it "needs review". Words that are not
Vietnamese syllables (acronyms such as "TTXVN", foreign names) are left as they are.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import cache

import iuliia  # type: ignore[import-untyped]
from babel import Locale, UnknownLocaleError
from babel.core import get_global

from curator.core.language.text import nfc

LATIN = "Latn"
CYRILLIC = "Cyrl"

# Tone marks (grave, acute, tilde, hook above, dot below); the vowel marks (circumflex,
# breve, horn) stay, because they change the vowel.
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")

#: Syllable onsets, matched longest first. "q" is only the /k/: the "u" after it is the medial
#: glide and belongs to the rime ("Quang" → к + уанг). A trailing "ь" marks a soft onset that
#: merges with the vowel after it (нь + а → ня).
VI_RU_INITIALS: dict[str, str] = {
    "ngh": "нг",
    "ng": "нг",
    "nh": "нь",
    "ch": "ть",
    "tr": "ч",
    "th": "тх",
    "kh": "кх",
    "ph": "ф",
    "gh": "г",
    "gi": "зь",
    "b": "б",
    "c": "к",
    "d": "з",
    "đ": "д",
    "g": "г",
    "h": "х",
    "k": "к",
    "l": "л",
    "m": "м",
    "n": "н",
    "p": "п",
    "q": "к",
    "r": "з",
    "s": "ш",
    "t": "т",
    "v": "в",
    "x": "с",
}

#: Syllable codas (final consonants).
VI_RU_FINALS: dict[str, str] = {
    "": "",
    "nh": "нь",
    "ch": "ть",
    "ng": "нг",
    "c": "к",
    "t": "т",
    "p": "п",
    "m": "м",
    "n": "н",
}

#: Vowel groups that are not letter by letter, matched longest first.
VI_RU_VOWEL_GROUPS: dict[str, str] = {
    "uyê": "уе",
    "uya": "уя",
    "ươ": "ыо",
    "uô": "уо",
    "uơ": "уо",
    "iê": "ье",
    "yê": "ье",
    "ia": "иа",
    "ưa": "ыа",
    "ua": "уа",
    "uâ": "уа",
    "oa": "оа",
    "oă": "оа",
    "oe": "оэ",
    "uê": "уэ",
    "uy": "уи",
}

#: Single vowels. ``e`` and ``ê`` are "э" at the start of a word (see ``_vowels``).
VI_RU_VOWELS: dict[str, str] = {
    "a": "а",
    "ă": "а",
    "â": "а",
    "e": "е",
    "ê": "е",
    "i": "и",
    "y": "и",
    "o": "о",
    "ô": "о",
    "ơ": "о",
    "u": "у",
    "ư": "ы",
}

#: A soft onset (ending in "ь") followed by these letters writes them this way.
VI_RU_SOFTENED: dict[str, str] = {
    "а": "я",
    "у": "ю",
    "о": "ё",
    "э": "е",
    "ь": "",
}

#: Whole syllables whose rule form is fixed by usage: "tây" is "тэй" (Тэйнинь, Тэйнгуен).
VI_RU_SYLLABLES: dict[str, str] = {"tây": "тэй"}

_GROUPS_LONGEST_FIRST = sorted(VI_RU_VOWEL_GROUPS, key=len, reverse=True)
_INITIALS_LONGEST_FIRST = sorted(VI_RU_INITIALS, key=len, reverse=True)
_WORD = re.compile(r"[^\W\d_]+")


def vietnamese_to_latin(text: str) -> str:
    """Vietnamese written without its marks, for English: "Vũ Việt Trang" → "Vu Viet Trang".

    Only Latin letters lose their marks; other scripts pass through (Cyrillic "й" keeps its
    breve).
    """
    out: list[str] = []
    for char in nfc(text):
        if char in "đĐ":
            out.append("d" if char == "đ" else "D")
            continue
        base = unicodedata.normalize("NFD", char)[0]
        out.append(base if base.isascii() and base.isalpha() else char)
    return "".join(out)


def vietnamese_to_cyrillic(text: str) -> str:
    """Vietnamese in Russian practical transcription: "Nguyễn Đức Lợi" → "Нгуен Дык Лой".

    Each syllable is transcribed on its own and keeps the source's capitalisation; words
    that are not Vietnamese syllables are kept as written.
    """
    return _WORD.sub(lambda match: _transcribe_word(match.group(0)), nfc(text))


def russian_to_latin(text: str) -> str:
    """Russian in Latin letters, Wikipedia style: "Михаил Терещенко" → "Mikhail Tereshchenko"."""
    return nfc(str(iuliia.WIKIPEDIA.translate(nfc(text))))


def script_of_language(tag: str) -> str | None:
    """The ISO 15924 script a language is usually written in ("Latn", "Cyrl", "Hans"…).

    An explicit script subtag wins ("sr-Latn"); otherwise CLDR's likely subtags decide
    ("pt-BR" → "Latn", "ru" → "Cyrl"). ``None`` for a tag babel does not know.
    """
    try:
        locale = Locale.parse(tag.strip().replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    if locale.script:
        return str(locale.script)
    return _likely_script(str(locale.language))


@cache
def _likely_script(language: str) -> str | None:
    likely: Mapping[str, str] = get_global("likely_subtags")
    expanded = likely.get(language)
    if not expanded:
        return None
    parts = expanded.split("_")
    return parts[1] if len(parts) > 2 else None


def script_of_text(text: str) -> str | None:
    """The script of the first letter in ``text``: "Latn", "Cyrl", or ``None``."""
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        if name.startswith("LATIN"):
            return LATIN
        if name.startswith("CYRILLIC"):
            return CYRILLIC
        return None
    return None


def primary_language(tag: str) -> str:
    """The language subtag of a BCP 47 tag, lower-cased: "pt-BR" → "pt"."""
    return tag.strip().replace("_", "-").split("-")[0].lower()


def transcribe(text: str, from_language: str, to_language: str) -> str | None:
    """``text`` from one language's script into another's, by the rules above.

    Returns the text unchanged between languages of the same script (other than
    Vietnamese into Latin-script languages, which drops the marks), and ``None`` when no
    rule applies (say Russian into Chinese, or English into Russian).
    """
    source = primary_language(from_language)
    target = primary_language(to_language)
    if source == target:
        return nfc(text)
    target_script = script_of_language(to_language)
    if source == "vi" and target_script == LATIN:
        return vietnamese_to_latin(text)
    if source == "vi" and target == "ru":
        return vietnamese_to_cyrillic(text)
    if source == "ru" and target_script == LATIN:
        return russian_to_latin(text)
    source_script = script_of_language(from_language)
    if source_script is not None and source_script == target_script:
        return nfc(text)
    return None


def _strip_tones(word: str) -> str:
    kept = (c for c in unicodedata.normalize("NFD", word) if c not in _TONE_MARKS)
    return unicodedata.normalize("NFC", "".join(kept))


def _transcribe_word(word: str) -> str:
    syllable = _syllable_to_cyrillic(_strip_tones(word).lower())
    if syllable is None:
        return word
    if len(word) > 1 and word.isupper():
        return syllable.upper()
    if word[0].isupper():
        return syllable[:1].upper() + syllable[1:]
    return syllable


def _split_initial(syllable: str) -> tuple[str, str]:
    for initial in _INITIALS_LONGEST_FIRST:
        if syllable.startswith(initial):
            rime = syllable[len(initial) :]
            if initial == "gi" and rime[:1] not in VI_RU_VOWELS:
                rime = "i" + rime  # "gìn": the i is both onset and vowel
            return initial, rime
    return "", syllable


def _syllable_to_cyrillic(syllable: str) -> str | None:
    """One lower-case, toneless syllable, or ``None`` if it is not Vietnamese."""
    if syllable in VI_RU_SYLLABLES:
        return VI_RU_SYLLABLES[syllable]
    initial, rime = _split_initial(syllable)
    vowel_end = 0
    while vowel_end < len(rime) and rime[vowel_end] in VI_RU_VOWELS:
        vowel_end += 1
    vowels, final = rime[:vowel_end], rime[vowel_end:]
    if not vowels or final not in VI_RU_FINALS:
        return None
    onset = VI_RU_INITIALS.get(initial, "")
    nucleus = _vowels(vowels, has_initial=bool(initial))
    if initial == "h" and vowels in ("uy", "uê"):
        nucleus = "ю" + nucleus[1:]  # Huế → Хюэ, Huy → Хюи, as usage has it
    if onset.endswith("ь") and nucleus[:1] in VI_RU_SOFTENED:
        nucleus = VI_RU_SOFTENED[nucleus[0]] + nucleus[1:]
        onset = onset[:-1]
    elif onset.endswith("ь") and nucleus[:1] in ("е", "и", "ы"):
        onset = onset[:-1]
    return onset + nucleus + VI_RU_FINALS[final]


def _vowels(vowels: str, *, has_initial: bool) -> str:
    """The vowel letters of a rime, with a closing i/y as "й"."""
    out: list[str] = []
    index = 0
    while index < len(vowels):
        group = next((g for g in _GROUPS_LONGEST_FIRST if vowels.startswith(g, index)), None)
        if group is not None:
            out.append(VI_RU_VOWEL_GROUPS[group])
            index += len(group)
            continue
        letter = vowels[index]
        if index > 0 and index == len(vowels) - 1 and letter in "iy":
            out.append("й")
        elif index == 0 and not has_initial and letter in "eê":
            out.append("э")
        else:
            out.append(VI_RU_VOWELS[letter])
        index += 1
    result = "".join(out)
    if not has_initial and result.startswith("ь"):
        result = "й" + result[1:]  # Yên → Йен
    return result
