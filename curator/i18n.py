"""Interface translation: ``_``, ``N_``, ``ngettext``, ``pgettext`` and the current language.

Catalogues are the ``.po`` files in ``translations/``. An installed wheel carries them
compiled (``.mo``, built by ``hatch_build.py``) and those are loaded; a checkout has only
the ``.po`` files, compiled in memory when a language is first chosen (``.mo`` files are
never committed, and one older than its ``.po`` is ignored). The interface language is a person's
preference, set by the window from its settings or by the CLI from the environment; it never
decides the language of caption content. No Qt here: the window listens for changes itself.
"""

from __future__ import annotations

import gettext
import io
import os
import re
import threading
from collections.abc import Mapping

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from curator.resources import is_installed, translations_dir

DOMAIN = "curator"
DEFAULT_LANGUAGE = "en"
PSEUDO_LANGUAGE = "x-pseudo"

#: Interface languages that ship complete, with their names in their own language.
INTERFACE_LANGUAGES: Mapping[str, str] = {
    "en": "English",
    "vi": "Tiếng Việt",
    "ru": "Русский",
}

_lock = threading.Lock()
_cache: dict[str, gettext.NullTranslations] = {}
_current: gettext.NullTranslations = gettext.NullTranslations()
_current_language = DEFAULT_LANGUAGE


class _PseudoTranslations(gettext.NullTranslations):
    """Lengthens every string by about 40 % and brackets it, to catch clipped layouts."""

    # Placeholders stay as written: %(name)s, %(size).1f, %(mm)g, %d, %%, {name}; & marks a
    # mnemonic.
    _placeholder = re.compile(
        r"%\([a-z_]+\)[-#0 +]*\d*(?:\.\d+)?[sdfirgGeExXoc]|%[-#0 +]*\d*(?:\.\d+)?[sdfirgGeExXoc]|%%"
        r"|\{[a-z_0-9:]*\}|&"
    )

    def _stretch(self, text: str) -> str:
        pieces: list[str] = []
        pos = 0
        for match in self._placeholder.finditer(text):
            pieces.append(self._accent(text[pos : match.start()]))
            pieces.append(match.group(0))
            pos = match.end()
        pieces.append(self._accent(text[pos:]))
        padding = "·" * max(1, round(len(text) * 0.4))
        return "[" + "".join(pieces) + padding + "]"

    @staticmethod
    def _accent(text: str) -> str:
        return text.translate(str.maketrans("aeiouAEIOUcnyCNY", "áéíóúÁÉÍÓÚçñýÇÑÝ"))

    def gettext(self, message: str) -> str:
        return self._stretch(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self._stretch(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return self._stretch(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return self._stretch(msgid1 if n == 1 else msgid2)


def _load(language: str) -> gettext.NullTranslations:
    if language == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    if language == PSEUDO_LANGUAGE:
        return _PseudoTranslations()
    po_path = translations_dir() / f"{language}.po"
    mo_path = po_path.with_suffix(".mo")
    # In a wheel both come from one build (their install times say nothing); in a checkout
    # a .mo someone compiled by hand counts only while no newer .po replaces it.
    if mo_path.is_file() and (
        is_installed()
        or not po_path.is_file()
        or mo_path.stat().st_mtime >= po_path.stat().st_mtime
    ):
        with mo_path.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    if not po_path.is_file():
        return gettext.NullTranslations()
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=language.replace("-", "_"), domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def available_languages() -> list[str]:
    """Interface languages with a catalogue (English always), in menu order."""
    found = {path.stem for pattern in ("*.po", "*.mo") for path in translations_dir().glob(pattern)}
    return [tag for tag in INTERFACE_LANGUAGES if tag == DEFAULT_LANGUAGE or tag in found]


def set_language(language: str) -> str:
    """Make ``language`` the interface language; returns the language actually used.

    An interface language without a catalogue falls back to English.
    """
    global _current, _current_language
    tag = language.replace("_", "-")
    if tag not in INTERFACE_LANGUAGES and tag != PSEUDO_LANGUAGE:
        tag = tag.split("-")[0].lower()
    if tag not in INTERFACE_LANGUAGES and tag != PSEUDO_LANGUAGE:
        tag = DEFAULT_LANGUAGE
    with _lock:
        if tag not in _cache:
            _cache[tag] = _load(tag)
        _current = _cache[tag]
        _current_language = tag
    return tag


def translations_for(language: str) -> tuple[str, gettext.NullTranslations]:
    """The catalogue of one interface language, without changing the current one.

    For text written *in* a given language whatever the interface speaks (a note for a
    translator in their target language). Returns the language used (English when there is
    no catalogue for ``language``) and its translations.
    """
    tag = language.replace("_", "-")
    if tag not in INTERFACE_LANGUAGES:
        tag = tag.split("-")[0].lower()
    if tag not in INTERFACE_LANGUAGES:
        tag = DEFAULT_LANGUAGE
    with _lock:
        if tag not in _cache:
            _cache[tag] = _load(tag)
        return tag, _cache[tag]


def current_language() -> str:
    """The interface language in force."""
    return _current_language


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The interface language the environment asks for, the way gettext reads it.

    ``LANGUAGE`` (a colon-separated list), then ``LC_ALL``, ``LC_MESSAGES``, ``LANG``; the
    first entry Curator has a catalogue for wins, else English.
    """
    env = os.environ if environ is None else environ
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable, "")
        if not value:
            continue
        for entry in value.split(":"):
            code = entry.split(".")[0].split("@")[0]
            if code in ("C", "POSIX", ""):
                continue
            base = code.replace("_", "-").split("-")[0].lower()
            if base in INTERFACE_LANGUAGES:
                return base
        if variable != "LANGUAGE":
            break
    return DEFAULT_LANGUAGE


def _(message: str) -> str:
    """Translate ``message`` into the interface language."""
    return _current.gettext(message)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark ``message`` for extraction; translate it later with ``_``."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate a message that depends on a count (Russian has three forms)."""
    return _current.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` in a context that tells translators apart two uses."""
    return _current.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, count: int) -> str:
    """Count-dependent translation with a context."""
    return _current.npgettext(context, singular, plural, count)


def number_text(value: float, places: int | None = None, *, grouped: bool = False) -> str:
    """A number as the interface language writes it: ``2.5`` in English, ``2,5`` in vi and ru.

    ``places`` None writes what ``%g`` would (up to three decimals, no trailing zeros);
    otherwise exactly that many. No digit grouping unless ``grouped``: sizes in sentences
    read "841 × 1189 mm"; an installer's list reads "14 000 mm" in Russian, never
    "14,000", which a Russian reads as fourteen. Messages never format a decimal themselves
    (``%(size).1f``): they take ``%(size)s`` with this function's text.
    """
    pattern = "0.###" if places is None else ("0." + "0" * places if places else "0")
    if grouped:
        pattern = "#,##" + pattern
    return format_decimal(value, pattern, locale=_number_locale(_current_language))


def _number_locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale("en")
