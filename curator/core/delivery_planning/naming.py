"""File names for delivered copies: a pattern expanded per photo, safe everywhere, unique.

A pattern is ``str.format`` text over the fields of :class:`NameFields` - the default
``{section:02}-{order:03}-{photographer}`` gives ``01-003-Tuan-Anh.jpg``. Values are folded to
ASCII by default (Vietnamese marks dropped, đ → d, Cyrillic transliterated the Wikipedia
way), spaces become hyphens, and the result is made safe on Windows, macOS and Linux:
no characters those systems refuse or treat specially, no reserved device names (``CON``,
``LPT1``…), no trailing dot or space, a bounded length. Names are compared the way a
case-insensitive, normalisation-insensitive file system compares them (Windows, macOS), and
a repeat gets ``-2``, ``-3``… before its extension.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from curator.core.errors import UsageError
from curator.core.language.text import nfc
from curator.core.language.transcription import russian_to_latin, vietnamese_to_latin
from curator.core.settings.format_bounds import (
    PatternTooLargeError,
    check_bounded_format,
    check_rendered_length,
    quoted,
)
from curator.i18n import _

DEFAULT_PATTERN = "{section:02}-{order:03}-{photographer}"

#: Longest stem in UTF-8 bytes: every system allows 255 per name, and a copy usually lands
#: a few folders deep on a Windows disk whose paths stop at 260 characters.
MAX_STEM_BYTES = 100

#: Windows device names, refused as a file's stem whatever the extension.
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{device}{n}" for device in ("COM", "LPT") for n in [*"123456789", "¹", "²", "³"]}
)
#: Characters Windows refuses in names (macOS Finder shows ":" as "/"), and controls.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_SEPARATOR_RUNS = re.compile(r"[-\s]+")
#: What a field's value keeps: letters, digits, and dots or underscores inside words.
_WORDS = re.compile(r"[^\W_]+(?:[._][^\W_]+)*")
#: Letters NFKD does not take apart into ASCII and a mark.
_SPECIAL_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "Ð": "D",
        "ı": "i",
        "—": "-",
        "–": "-",
        "’": "",
        "'": "",
    }
)


@dataclass(frozen=True, slots=True)
class NameFields:
    """What a naming pattern can use for one photo.

    ``section`` is the section's place in the visit (1 first; 0 for photos in no section),
    ``order`` the photo's place in it (1 first), ``n`` its place in the whole delivery.
    """

    section: int
    order: int
    n: int
    photographer: str
    id: str
    original: str
    date: date | None

    @staticmethod
    def names() -> tuple[str, ...]:
        """The field names a pattern may use."""
        return ("section", "order", "n", "photographer", "id", "original", "date")


def check_pattern(pattern: str) -> None:
    """Refuse a pattern that names an unknown field or is not valid format text.

    Raises:
        UsageError: naming the pattern and what is wrong with it.
    """
    sample = NameFields(1, 1, 1, "Tuấn Anh", "p1", "IMG_0001", date(2024, 1, 2))
    try:
        check_rendered_length(_expand(pattern, sample, fold=True))
    except PatternTooLargeError as error:
        raise _pattern_error(pattern, str(error)) from None


def expand_pattern(pattern: str, fields: NameFields, *, fold: bool = True) -> str:
    """The file stem ``pattern`` gives for one photo, safe on every system.

    An empty result (every field empty) falls back to the photo's id.
    """
    stem = safe_stem(_expand(pattern, fields, fold=fold))
    return stem or safe_stem(_value_text(fields.id, fold))


def _expand(pattern: str, fields: NameFields, *, fold: bool) -> str:
    # Checked on every expansion too: a stored pattern may come from a project made elsewhere.
    try:
        check_bounded_format(pattern, date_fields=("date",))
    except PatternTooLargeError as error:
        raise _pattern_error(pattern, str(error)) from None
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as error:
        raise _pattern_error(pattern, str(error)) from error
    out: list[str] = []
    for literal, name, spec, conversion in parsed:
        out.append(literal)
        if name is None:
            continue
        if conversion or name not in NameFields.names():
            raise _pattern_error(
                pattern,
                _("unknown field “%(field)s” (known: %(known)s)")
                % {"field": name, "known": ", ".join(NameFields.names())},
            )
        value = getattr(fields, name)
        if value is None:
            continue
        try:
            text = format(value, spec or "")
        except (ValueError, TypeError) as error:
            raise _pattern_error(pattern, str(error)) from error
        out.append(_value_text(text, fold))
    return "".join(out)


def _pattern_error(pattern: str, reason: str) -> UsageError:
    return UsageError(
        _("The naming pattern “%(pattern)s” is not valid: %(reason)s")
        % {"pattern": quoted(pattern), "reason": reason}
    )


def _value_text(text: str, fold: bool) -> str:
    """A field's value for a name: words joined by hyphens, punctuation dropped."""
    text = nfc(text).strip()
    if fold:
        text = ascii_fold(text)
    return "-".join(_WORDS.findall(text))


def ascii_fold(text: str) -> str:
    """``text`` in plain ASCII: "Tuấn Anh" → "Tuan Anh", "Михаил" → "Mikhail", "Łódź" → "Lodz".

    Vietnamese loses its marks and đ becomes d; Cyrillic is transliterated (Wikipedia
    system); other accented Latin letters lose their marks; what has no ASCII form (other
    scripts, symbols) is dropped.
    """
    text = nfc(text)
    if any("\u0400" <= char <= "\u04ff" for char in text):
        text = russian_to_latin(text)
    text = vietnamese_to_latin(text).translate(_SPECIAL_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if char.isascii())


def safe_stem(stem: str, max_bytes: int = MAX_STEM_BYTES) -> str:
    """A file stem every common system accepts and shows plainly.

    Unsafe characters become hyphens, runs of separators one hyphen; leading and trailing
    dots, hyphens and spaces go (a leading dot hides a file, a trailing one Windows drops);
    the stem is cut to ``max_bytes`` of UTF-8 at a character boundary, and a Windows device
    name (``CON``, ``COM1``…) gets an underscore.
    """
    stem = nfc(_UNSAFE.sub("-", stem))
    stem = _SEPARATOR_RUNS.sub("-", stem)
    stem = stem.strip(" .-_")
    if len(stem.encode("utf-8")) > max_bytes:
        cut = stem.encode("utf-8")[:max_bytes].decode("utf-8", "ignore")
        while cut and unicodedata.combining(cut[-1]):
            cut = cut[:-1]
        stem = cut.rstrip(" .-_")
    if stem.split(".")[0].upper() in _RESERVED:
        stem += "_"
    return stem


def comparison_key(name: str) -> str:
    """How a case-insensitive, normalisation-insensitive file system compares names."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", name).casefold())


class NameAllocator:
    """Hands out file names that differ from each other and from names already taken."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken = {comparison_key(name) for name in taken}

    def allocate(self, stem: str, suffix: str) -> str:
        """``stem + suffix``, or ``stem-2 + suffix``, ``stem-3``… when it is taken."""
        candidate = stem + suffix
        counter = 1
        while comparison_key(candidate) in self._taken:
            counter += 1
            ending = f"-{counter}"
            base = safe_stem(stem, MAX_STEM_BYTES - len(ending))
            candidate = f"{base}{ending}{suffix}"
        self._taken.add(comparison_key(candidate))
        return candidate


def delivery_suffix(original_suffix: str) -> str:
    """The extension of a delivered copy: lower case, ``.jpeg`` written ``.jpg``."""
    suffix = original_suffix.lower()
    return {".jpeg": ".jpg", ".jpe": ".jpg", ".tiff": ".tif"}.get(suffix, suffix)
