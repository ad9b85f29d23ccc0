"""Glossary rules: shortcut expansion and the consistency check over captions.

Merging an imported glossary file is :mod:`curator.core.language.glossary_import`.

Pure functions over :class:`~curator.core.model.GlossaryEntry` values, with no store access,
so the window, the command line and tests share them.

The check reads every caption field and reports two kinds of :class:`GlossaryFinding`:

* ``forbidden-form``: a forbidden form of the caption's language appears in it.
* ``inconsistent-rendering``: for one entry and one language, the captions of that language
  use more than one accepted form (the rendering and a variant, or two variants); every use
  of a form other than the preferred one (the rendering, else the first variant) is
  reported. Also: another language's rendering or variant of an entry appears in a caption
  whose script differs from the form's (the vi "Vũ Việt Trang" inside a ru caption).

Forms match as whole words or phrases: case-insensitive, NFC, Unicode word boundaries, any
run of white space matching any other. Where matches overlap, the longest glossary form
wins: "Ву Вьет" forbidden is not reported inside the rendering "Ву Вьет Чанг", nor inside
the longer forbidden form "Ву Вьет Транг".
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum

from curator.core.language.glossary_cases import case_form, case_named
from curator.core.language.text import nfc
from curator.core.model import Caption, GlossaryEntry
from curator.i18n import _

FORBIDDEN_FORM = "forbidden-form"
INCONSISTENT_RENDERING = "inconsistent-rendering"

#: A shortcut code: letters, digits, ``-`` and ``_``.
CODE_PATTERN = re.compile(r"[^\W]([\w-]*)")
#: ``=code=`` or ``=code:case=`` (``=hn:gen=``: the genitive, see core/language/glossary_cases.py).
_SHORTCUT = re.compile(r"(?<!\w)=([\w-]+)(?::(\w+))?=(?!\w)")
_WORD = re.compile(r"[\w\u0300-\u036f]+")
_SPACE = re.compile(r"\s+")


def is_valid_code(code: str) -> bool:
    """Whether ``code`` can be typed as a ``=code=`` shortcut."""
    return CODE_PATTERN.fullmatch(code) is not None


def has_shortcuts(text: str) -> bool:
    """Whether ``text`` holds an ``=code=`` that :func:`expand_shortcuts` would look up."""
    return _SHORTCUT.search(text) is not None


def expand_shortcuts(text: str, language: str, entries: Sequence[GlossaryEntry]) -> str:
    """Replace every ``=code=`` with the entry's rendering in ``language``.

    ``=code:case=`` gives the form of that grammatical case (``=hn:gen=`` → "Ханоя"), as
    :func:`~curator.core.language.glossary_cases.case_form` finds it. Codes are matched exactly,
    else
    ignoring case when that names one entry. A code with no entry, an entry with no
    rendering in ``language``, an unknown case, or a case whose form the glossary lacks
    where it holds others, is left as typed.
    """
    lookup = shortcut_lookup(entries)

    def replace(match: re.Match[str]) -> str:
        entry = lookup(match.group(1))
        if entry is None:
            return match.group(0)
        if match.group(2) is None:
            rendering = entry.terms.get(language, "")
        else:
            case = case_named(match.group(2))
            rendering = (case_form(entry, language, case) if case else None) or ""
        return rendering or match.group(0)

    return nfc(_SHORTCUT.sub(replace, nfc(text)))


def shortcut_lookup(entries: Sequence[GlossaryEntry]) -> Callable[[str], GlossaryEntry | None]:
    """A function from a typed code to its entry: exact, else case-insensitive if unique."""
    by_code = {entry.code: entry for entry in entries if entry.code}
    folded: dict[str, list[GlossaryEntry]] = {}
    for entry in by_code.values():
        folded.setdefault(entry.code.casefold(), []).append(entry)

    def lookup(code: str) -> GlossaryEntry | None:
        entry = by_code.get(code)
        if entry is None and len(folded.get(code.casefold(), [])) == 1:
            entry = folded[code.casefold()][0]
        return entry

    return lookup


@dataclass(frozen=True, slots=True)
class GlossaryFinding:
    """One glossary problem in one caption field.

    ``start`` and ``end`` locate ``found`` in the caption's text (NFC).
    """

    photo_id: str
    language: str
    field: str
    code: str
    entry_id: int
    found: str
    expected: str
    message: str
    start: int = 0
    end: int = 0

    def to_json(self) -> dict[str, object]:
        """The finding as ``curator glossary check --json`` prints it."""
        return {
            "photo_id": self.photo_id,
            "language": self.language,
            "field": self.field,
            "code": self.code,
            "entry_id": self.entry_id,
            "found": self.found,
            "expected": self.expected,
            "message": self.message,
            "start": self.start,
            "end": self.end,
        }


class _Role(Enum):
    RENDERING = "rendering"
    VARIANT = "variant"
    FORBIDDEN = "forbidden"
    FOREIGN = "foreign"


@dataclass(frozen=True, slots=True)
class _Form:
    """One form of one entry, as the matcher looks for it."""

    entry: GlossaryEntry
    language: str
    role: _Role
    text: str
    rank: int  # position among the entry's accepted forms: 0 is the rendering


@dataclass(slots=True)
class _Match:
    start: int
    end: int
    forms: list[_Form]


def _fold(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def script_of(text: str) -> str:
    """The script most of the letters in ``text`` belong to (``LATIN``, ``CYRILLIC`` ...)."""
    scripts: Counter[str] = Counter()
    for char in text:
        if char.isalpha():
            scripts[unicodedata.name(char, "UNKNOWN").split(" ")[0]] += 1
    return scripts.most_common(1)[0][0] if scripts else ""


class _Matcher:
    """Finds the forms of every entry in captions of one language, token by token."""

    def __init__(self, language: str, entries: Sequence[GlossaryEntry]) -> None:
        self.language = language
        # Forms keyed by their whole word sequence: many names share a first word (Nguyễn).
        self._index: dict[tuple[str, ...], list[tuple[str, _Form]]] = {}
        accepted: set[str] = set()
        for entry in entries:
            forms = self._forms_of(entry)
            accepted.update(
                _fold(f.text) for f in forms if f.role in (_Role.RENDERING, _Role.VARIANT)
            )
            for form in forms:
                self._add(form)
        # A text that is accepted in this language is never "untranslated" here.
        for key, candidates in self._index.items():
            self._index[key] = [
                c for c in candidates if c[1].role is not _Role.FOREIGN or c[0] not in accepted
            ]
        self._lengths = sorted({len(tokens) for tokens in self._index})

    def _forms_of(self, entry: GlossaryEntry) -> list[_Form]:
        own = self.language
        rendering = entry.terms.get(own, "")
        forms = [_Form(entry, own, _Role.RENDERING, rendering, 0)] if rendering else []
        # A declined form is the rendering in another case: the same choice, not a variant.
        forms += [
            _Form(entry, own, _Role.RENDERING, text, 0)
            for text in entry.cases.get(own, {}).values()
        ]
        forms += [
            _Form(entry, own, _Role.VARIANT, text, rank)
            for rank, text in enumerate(entry.variants.get(own, ()), start=1)
        ]
        forms += [_Form(entry, own, _Role.FORBIDDEN, t, -1) for t in entry.forbidden.get(own, ())]
        for other, text in entry.terms.items():
            if other != own:
                declined = entry.cases.get(other, {}).values()
                for item in (text, *entry.variants.get(other, ()), *declined):
                    forms.append(_Form(entry, other, _Role.FOREIGN, item, -1))
        unique: dict[tuple[_Role, str], _Form] = {}
        for form in forms:
            unique.setdefault((form.role, _fold(form.text)), form)
        return list(unique.values())

    def _add(self, form: _Form) -> None:
        tokens = tuple(token.casefold() for token in _WORD.findall(nfc(form.text)))
        if tokens:
            self._index.setdefault(tokens, []).append((_fold(form.text), form))

    def find(self, text: str) -> list[_Match]:
        """Every form found in ``text``, the longest forms shadowing what they contain."""
        words = list(_WORD.finditer(text))
        folded_words = [word.group(0).casefold() for word in words]
        found: dict[tuple[int, int], _Match] = {}
        for i in range(len(words)):
            for length in self._lengths:
                if i + length > len(words):
                    break
                for key, form in self._index.get(tuple(folded_words[i : i + length]), ()):
                    span = _span(text, words, i, i + length - 1, key, form.text)
                    if span is not None:
                        found.setdefault(span, _Match(span[0], span[1], [])).forms.append(form)
        return _drop_shadowed(list(found.values()))


def _span(
    text: str, words: list[re.Match[str]], first: int, last: int, key: str, form_text: str
) -> tuple[int, int] | None:
    """Where a form whose words are ``words[first..last]`` lies, if it really is there."""
    form_words = list(_WORD.finditer(form_text))
    start = words[first].start() - form_words[0].start()
    end = words[last].end() + (len(form_text) - form_words[-1].end())
    if start < 0 or end > len(text) or _fold(text[start:end]) != key:
        return None
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if _WORD.match(before) or _WORD.match(after):
        return None
    return start, end


def _drop_shadowed(matches: list[_Match]) -> list[_Match]:
    # Foreign forms shadow nothing: in the same script they are not reported at all.
    accepted = [m for m in matches if any(f.role is not _Role.FOREIGN for f in m.forms)]
    kept = []
    for match in matches:
        inside = any(
            other.start <= match.start
            and match.end <= other.end
            and (other.end - other.start) > (match.end - match.start)
            for other in accepted
        )
        if not inside:
            kept.append(match)
    return sorted(kept, key=lambda m: (m.start, m.end))


@dataclass(slots=True)
class _Use:
    caption: Caption
    match: _Match
    form: _Form


@dataclass(slots=True)
class _CheckState:
    entries: Sequence[GlossaryEntry]
    matchers: dict[str, _Matcher] = field(default_factory=dict)
    uses: dict[tuple[int, str], list[_Use]] = field(default_factory=dict)
    findings: list[GlossaryFinding] = field(default_factory=list)

    def matcher(self, language: str) -> _Matcher:
        if language not in self.matchers:
            self.matchers[language] = _Matcher(language, self.entries)
        return self.matchers[language]


def check_captions(
    captions: Iterable[Caption], entries: Sequence[GlossaryEntry]
) -> list[GlossaryFinding]:
    """Check captions against the glossary (the rules are in this module's docstring).

    Returns:
        The findings, ordered by photo, language, field and position.
    """
    state = _CheckState(entries)
    for caption in captions:
        text = nfc(caption.text)
        if not text.strip():
            continue
        caption = Caption(caption.photo_id, caption.language, caption.field, text, caption.status)
        for match in state.matcher(caption.language).find(text):
            for form in match.forms:
                _classify(state, caption, match, form)
    for uses in state.uses.values():
        state.findings.extend(_inconsistent_uses(uses))
    return sorted(
        state.findings,
        key=lambda f: (f.photo_id, f.language, f.field, f.start, f.entry_id, f.code),
    )


def _classify(state: _CheckState, caption: Caption, match: _Match, form: _Form) -> None:
    entry = form.entry
    found = caption.text[match.start : match.end]
    expected = entry.terms.get(caption.language, "")
    if form.role is _Role.FORBIDDEN:
        if expected:
            message = _("“%(found)s” is a forbidden form; write “%(expected)s”.")
        else:
            message = _("“%(found)s” is a forbidden form.")
        state.findings.append(
            _finding(
                caption,
                match,
                FORBIDDEN_FORM,
                entry,
                expected,
                message % {"found": found, "expected": expected},
            )
        )
    elif form.role is _Role.FOREIGN:
        own_script = script_of(expected) if expected else script_of(caption.text)
        if script_of(form.text) and script_of(form.text) != own_script:
            message = _(
                "“%(found)s” is the %(form_language)s form, left untranslated in a "
                "%(language)s caption; the glossary gives “%(expected)s”."
            ) % {
                "found": found,
                "form_language": form.language,
                "language": caption.language,
                "expected": expected or "—",
            }
            state.findings.append(
                _finding(caption, match, INCONSISTENT_RENDERING, entry, expected, message)
            )
    else:
        key = (entry.id, caption.language)
        state.uses.setdefault(key, []).append(_Use(caption, match, form))


def _inconsistent_uses(uses: list[_Use]) -> list[GlossaryFinding]:
    if len({use.form.rank for use in uses}) < 2:
        return []
    language = uses[0].caption.language
    entry = uses[0].form.entry
    rendering = entry.terms.get(language, "")
    preferred_rank = 0 if rendering else 1
    preferred = rendering or entry.variants.get(language, ("",))[0]
    findings = []
    for use in uses:
        if use.form.rank == preferred_rank:
            continue
        found = use.caption.text[use.match.start : use.match.end]
        message = _(
            "“%(found)s” is written another way elsewhere; the glossary prefers “%(expected)s”."
        ) % {"found": found, "expected": preferred}
        findings.append(
            _finding(use.caption, use.match, INCONSISTENT_RENDERING, entry, preferred, message)
        )
    return findings


def _finding(
    caption: Caption,
    match: _Match,
    code: str,
    entry: GlossaryEntry,
    expected: str,
    message: str,
) -> GlossaryFinding:
    return GlossaryFinding(
        photo_id=caption.photo_id,
        language=caption.language,
        field=caption.field.value,
        code=code,
        entry_id=entry.id,
        found=caption.text[match.start : match.end],
        expected=expected,
        message=message,
        start=match.start,
        end=match.end,
    )
