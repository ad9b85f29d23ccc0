"""Content languages: BCP 47 tags checked against babel's locale data.

Any locale babel knows is a valid caption language (``vi``, ``pt-BR``, ``zh-Hans``). Tags are
accepted with ``_`` or ``-`` and always given back with ``-``. An unknown tag is refused with
the closest known tags, matched on the code and on the language's English and native names.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.languages import get_official_languages
from babel.localedata import locale_identifiers

from curator.core.errors import UnknownLanguageError, UsageError
from curator.i18n import _


def to_tag(identifier: str) -> str:
    """Babel's ``pt_BR`` as the BCP 47 tag ``pt-BR``."""
    return identifier.replace("_", "-")


@cache
def _known_identifiers() -> frozenset[str]:
    return frozenset(locale_identifiers())


@cache
def _name_index() -> dict[str, str]:
    """Lower-cased English and native display names mapped to their tag."""
    index: dict[str, str] = {}
    for identifier in sorted(_known_identifiers(), key=len, reverse=True):
        try:
            locale = Locale.parse(identifier)
        except (UnknownLocaleError, ValueError):
            continue
        for name in (locale.get_display_name("en"), locale.get_display_name()):
            if name:
                index[name.lower()] = to_tag(identifier)
    return index


def suggest(tag: str, limit: int = 3) -> list[str]:
    """Known tags that look like ``tag``, best first."""
    wanted = tag.strip().replace("_", "-")
    lowered = wanted.lower()
    suggestions: list[str] = []
    by_name = _name_index()
    if lowered in by_name:
        suggestions.append(by_name[lowered])
    base = lowered.split("-")[0]
    if base in _known_identifiers():
        suggestions.append(base)
    # "vn" is Vietnam's country code: offer the country's language.
    suggestions.extend(get_official_languages(base.upper())[:1])
    tags = sorted(to_tag(i) for i in _known_identifiers())
    lower_tags = {t.lower(): t for t in tags}
    for match in difflib.get_close_matches(lowered, list(lower_tags), n=limit, cutoff=0.5):
        suggestions.append(lower_tags[match])
    for match in difflib.get_close_matches(lowered, list(by_name), n=limit, cutoff=0.75):
        suggestions.append(by_name[match])
    unique: list[str] = []
    for item in suggestions:
        if item not in unique and item.lower() != lowered:
            unique.append(item)
    return unique[:limit]


def normalize_language(tag: str) -> str:
    """Check a content-language tag and return its canonical BCP 47 form.

    Raises:
        UnknownLanguageError: babel has no locale data for the tag; the message names close
            matches.
    """
    raw = tag.strip()
    if not raw:
        raise UsageError(_("A language tag is empty."))
    try:
        locale = Locale.parse(raw.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        suggestions = suggest(raw)
        if suggestions:
            message = _("Unknown language “%(tag)s”. Did you mean: %(suggestions)s?") % {
                "tag": raw,
                "suggestions": ", ".join(suggestions),
            }
        else:
            message = _("Unknown language “%(tag)s”.") % {"tag": raw}
        raise UnknownLanguageError(message, tag=raw, suggestions=suggestions) from None
    return to_tag(str(locale))


def not_a_project_language(tag: str, languages: Iterable[str]) -> UsageError:
    """The error for a language that is not one of the project's (one message everywhere)."""
    return UsageError(
        _("“%(tag)s” is not one of the project's languages (%(languages)s).")
        % {"tag": tag, "languages": ", ".join(languages)}
    )


def normalize_languages(tags: Iterable[str]) -> list[str]:
    """Check a list of tags; refuses duplicates and an empty list."""
    result: list[str] = []
    for tag in tags:
        canonical = normalize_language(tag)
        if canonical in result:
            raise UsageError(_("The language “%(tag)s” is listed twice.") % {"tag": canonical})
        result.append(canonical)
    if not result:
        raise UsageError(_("A project needs at least one language."))
    return result


def parse_language_list(text: str) -> list[str]:
    """``"vi, ru,en"`` as checked, canonical tags."""
    return normalize_languages(part for part in text.split(",") if part.strip())


def display_name(tag: str, in_language: str = "en") -> str:
    """The language's name as it stands mid-sentence: ``display_name("vi", "ru") == "вьетнамский"``.

    Never a bare code when babel knows any name: a language unnamed in ``in_language`` is
    named in English, else in its own language. Vietnamese writes "tiếng Anh" in lower case
    inside a sentence ("bằng tiếng Anh"), though babel gives "Tiếng Anh";
    :func:`heading_name` gives the form that starts a label or a list entry.
    """
    try:
        locale = Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return tag
    name = locale_name(locale, in_language)
    if name is None:
        return tag
    if in_language.split("-")[0].split("_")[0] == "vi" and name.startswith("Tiếng "):
        name = "tiếng " + name[len("Tiếng ") :]
    return name


def heading_name(tag: str, in_language: str = "en") -> str:
    """The language's name where it starts a label or a list entry ("Tiếng Anh", "Русский")."""
    name = display_name(tag, in_language)
    return name[:1].upper() + name[1:]


def locale_name(locale: Locale, in_language: str) -> str | None:
    """``locale`` named in ``in_language``, else in English, else in itself; None if unnamed."""
    for speaker in (in_language, "en"):
        try:
            display = Locale.parse(speaker.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            continue
        if display.languages.get(locale.language):
            return str(locale.get_display_name(display))
    if locale.languages.get(locale.language):
        return str(locale.get_display_name(locale))
    return None
