"""Checks that compare a photo's captions across languages (issue 22, point 4).

Each finding names its photo, field and language and carries a stable code:

- ``number-mismatch``: a number in the source text is missing from the target, or the other
  way round. Dates count as their numbers, month names as the month's number, so 24/2,
  24 февраля and February 24 agree; thousands separators (1.000, 1,000, 1 000) do not matter.
- ``glossary-missing``: a glossary name found in the source is missing from the target (its
  rendering and accepted variants all absent); ``glossary-forbidden``: the target holds a
  forbidden form.
- ``unbalanced-quotes``, ``unbalanced-brackets``: per language's own quote marks.
- ``doubled-word``: the same word twice in a row.
- ``same-as-source``: the target is the source text unchanged.
- ``spaces``: two spaces in a row (leading and trailing ones never reach the project).
- ``over-budget``: a target more than 20 % longer than the characters its panel holds.
- ``alt-too-long``: an alt text longer than the guide of about 250 characters (a screen
  reader reads it whole: what does not fit belongs in the extended description).
- ``date-mismatch``: the date field names a day and month other than the photo's capture
  date; ``place-mismatch``: a place field written by hand that names none of the photo's
  structured places (in the glossary's rendering for that language).

Findings are warnings: they never stop an export and are not part of any product's preflight.
The curator accepts a finding (kept in the project); an accepted finding is not raised again
while its detail (the number, the name, the word) stays the same.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from curator.core.language.text import nfc
from curator.core.layout.style import TextMeasure
from curator.core.model import ALT_TEXT_GUIDE, Caption, CaptionField, GlossaryEntry, Photo
from curator.core.repositories.memory_units import AcceptedFinding
from curator.core.services import ProjectService
from curator.i18n import _

#: A target may exceed its budget by this share before it is reported.
BUDGET_SLACK = 1.2

_NUMBER = re.compile(r"\d+(?:(?:[.,]|[ \u00a0\u202f](?=\d{3}\b))\d+)*")
_GROUP = re.compile(r"(?<=\d)[.,\u00a0\u202f ](?=\d{3}(?!\d))")
_WORD = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan январь января янв",
        "february feb февраль февраля фев",
        "march mar март марта",
        "april apr апрель апреля апр",
        "may май мая",
        "june jun июнь июня",
        "july jul июль июля",
        "august aug август августа авг",
        "september sep sept сентябрь сентября сен",
        "october oct октябрь октября окт",
        "november nov ноябрь ноября ноя",
        "december dec декабрь декабря дек",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number
_MONTH_WORD = re.compile(r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b")
#: Small numbers written as words excuse their digits (две группы = 2 đoàn); words only
#: excuse, they never count as numbers ("năm" is also "year").
_NUMBER_WORDS: dict[int, tuple[str, ...]] = {
    1: ("one", "один", "одна", "одно", "одного", "одной", "một"),
    2: ("two", "два", "две", "двух", "двум", "hai", "both", "оба", "обе"),
    3: ("three", "три", "трёх", "трех", "ba"),
    4: ("four", "четыре", "четырёх", "четырех", "bốn", "tư"),
    5: ("five", "пять", "пяти", "năm"),
    6: ("six", "шесть", "шести", "sáu"),
    7: ("seven", "семь", "семи", "bảy"),
    8: ("eight", "восемь", "восьми", "tám"),
    9: ("nine", "девять", "девяти", "chín"),
    10: ("ten", "десять", "десяти", "mười"),
}
_QUOTES: dict[str, tuple[tuple[str, str], ...]] = {
    "ru": (("«", "»"), ("„", "“")),
    "vi": (("“", "”"), ("‘", "’")),
    "en": (("“", "”"), ("‘", "’")),
}
_DEFAULT_QUOTES = (("“", "”"), ("«", "»"))
_BRACKETS = (("(", ")"), ("[", "]"))


@dataclass(frozen=True, slots=True)
class CaptionFinding:
    """One cross-language problem in one caption field."""

    photo_id: str
    field: str
    language: str
    code: str
    detail: str
    message: str

    @property
    def key(self) -> AcceptedFinding:
        """What is kept when the curator accepts it."""
        return AcceptedFinding(self.photo_id, self.field, self.language, self.code, self.detail)

    @property
    def id(self) -> str:
        """A stable handle for accepting it from the command line."""
        return "/".join((self.code, self.photo_id, self.field, self.language, self.detail))

    def to_json(self) -> dict[str, object]:
        """The finding as ``curator check --product captions --json`` prints it."""
        return {
            "id": self.id,
            "photo_id": self.photo_id,
            "field": self.field,
            "language": self.language,
            "code": self.code,
            "detail": self.detail,
            "severity": "warning",
            "message": self.message,
        }


def numbers(text: str) -> Counter[int]:
    """The numbers a text states: digits (thousands groups joined) and month names."""
    found: Counter[int] = Counter()
    folded = nfc(text).casefold()
    for match in _NUMBER.finditer(folded):
        token = _GROUP.sub("", match.group())
        for part in re.split(r"[.,]", token):
            if part.isdigit():
                found[int(part)] += 1
    for match in _MONTH_WORD.finditer(folded):
        found[_MONTHS[match.group(1)]] += 1
    return found


def _in_words(value: int, text: str) -> bool:
    words = set(re.findall(r"\w+", nfc(text).casefold()))
    return any(word in words for word in _NUMBER_WORDS.get(value, ()))


def _number_findings(
    photo_id: str, field: str, source: str, target: str, language: str
) -> list[CaptionFinding]:
    source_numbers, target_numbers = set(numbers(source)), set(numbers(target))
    source_numbers = {v for v in source_numbers if not _in_words(v, target)}
    target_numbers = {v for v in target_numbers if not _in_words(v, source)}
    result = []
    for value in sorted(source_numbers - target_numbers):
        result.append(
            CaptionFinding(
                photo_id,
                field,
                language,
                "number-mismatch",
                str(value),
                _("%(number)d is in the source text but not in this translation.")
                % {"number": value},
            )
        )
    for value in sorted(target_numbers - source_numbers):
        result.append(
            CaptionFinding(
                photo_id,
                field,
                language,
                "number-mismatch",
                str(value),
                _("%(number)d is in this translation but not in the source text.")
                % {"number": value},
            )
        )
    return result


def _contains(text: str, form: str) -> bool:
    return bool(form) and form.casefold() in text.casefold()


def _stem(word: str) -> str:
    return word if len(word) < 4 else word[: max(3, len(word) - 2)]


def _contains_inflected(text: str, form: str) -> bool:
    """``form`` in ``text``, each word allowed another ending (Москва in «в Москве»)."""
    if _contains(text, form):
        return True
    stems = [_stem(w) for w in re.findall(r"\w+", nfc(form).casefold())]
    words = re.findall(r"\w+", nfc(text).casefold())
    return bool(stems) and all(any(w.startswith(stem) for w in words) for stem in stems)


def _glossary_findings(
    caption: Caption, source: str, source_language: str, glossary: Sequence[GlossaryEntry]
) -> list[CaptionFinding]:
    result = []
    language, target = caption.language, caption.text
    for entry in glossary:
        names = [entry.terms.get(source_language, ""), *entry.variants.get(source_language, ())]
        if not any(_contains(source, name) for name in names):
            continue
        rendering = entry.terms.get(language, "")
        accepted = [rendering, *entry.variants.get(language, ())]
        for forbidden in entry.forbidden.get(language, ()):
            if _contains(target, forbidden):
                result.append(
                    CaptionFinding(
                        caption.photo_id,
                        caption.field.value,
                        language,
                        "glossary-forbidden",
                        forbidden,
                        _("“%(found)s” is a forbidden form; the glossary has “%(expected)s”.")
                        % {"found": forbidden, "expected": rendering},
                    )
                )
        if rendering and not any(_contains_inflected(target, form) for form in accepted if form):
            result.append(
                CaptionFinding(
                    caption.photo_id,
                    caption.field.value,
                    language,
                    "glossary-missing",
                    rendering,
                    _("The source names “%(name)s”; this translation lacks “%(expected)s”.")
                    % {"name": entry.terms.get(source_language, ""), "expected": rendering},
                )
            )
    return result


def _balance_findings(caption: Caption) -> list[CaptionFinding]:
    result = []
    text = caption.text
    pairs = _QUOTES.get(caption.language.split("-")[0], _DEFAULT_QUOTES)
    unbalanced = [f"{a}{b}" for a, b in pairs if a != b and text.count(a) != text.count(b)]
    if text.count('"') % 2:
        unbalanced.append('"')
    for marks in unbalanced:
        result.append(
            CaptionFinding(
                caption.photo_id,
                caption.field.value,
                caption.language,
                "unbalanced-quotes",
                marks,
                _("The quotation marks %(marks)s do not pair up.") % {"marks": marks},
            )
        )
    for a, b in _BRACKETS:
        if text.count(a) != text.count(b):
            result.append(
                CaptionFinding(
                    caption.photo_id,
                    caption.field.value,
                    caption.language,
                    "unbalanced-brackets",
                    a + b,
                    _("The brackets %(marks)s do not pair up.") % {"marks": a + b},
                )
            )
    return result


def _text_findings(caption: Caption) -> list[CaptionFinding]:
    result = []
    for match in _WORD.finditer(caption.text):
        if match.group(1).isdigit():
            continue
        result.append(
            CaptionFinding(
                caption.photo_id,
                caption.field.value,
                caption.language,
                "doubled-word",
                match.group(1).casefold(),
                _("“%(word)s” is written twice in a row.") % {"word": match.group(1)},
            )
        )
    if "  " in caption.text or caption.text != caption.text.strip():
        result.append(
            CaptionFinding(
                caption.photo_id,
                caption.field.value,
                caption.language,
                "spaces",
                "",
                _("The text has two spaces in a row, or spaces at its start or end."),
            )
        )
    return result


def _date_finding(caption: Caption, captured: datetime | None) -> CaptionFinding | None:
    if captured is None or caption.field is not CaptionField.DATE:
        return None
    stated = numbers(caption.text)
    if not stated:
        return None
    expected = {captured.day, captured.month}
    years = {value for value in stated if value > 31}
    if expected <= set(stated) and (not years or captured.year in years):
        return None
    when = captured.date().isoformat()
    return CaptionFinding(
        caption.photo_id,
        caption.field.value,
        caption.language,
        "date-mismatch",
        when,
        _("The date differs from the photo's capture date (%(date)s).") % {"date": when},
    )


def _place_finding(
    caption: Caption, photo: Photo, glossary: Sequence[GlossaryEntry], source_language: str
) -> CaptionFinding | None:
    if caption.field is not CaptionField.PLACE or not caption.edited:
        return None
    places = [p for p in (photo.sublocation, photo.city, photo.country) if p]
    if not places:
        return None
    forms: list[str] = []
    for place in places:
        forms.append(place)
        for entry in glossary:
            if any(_contains(term, place) for term in entry.terms.values()):
                forms.append(entry.terms.get(caption.language, ""))
                forms.extend(entry.variants.get(caption.language, ()))
    if any(_contains(caption.text, form) for form in forms if form):
        return None
    return CaptionFinding(
        caption.photo_id,
        caption.field.value,
        caption.language,
        "place-mismatch",
        ", ".join(places),
        _("The place names none of the photo's places (%(places)s).")
        % {"places": ", ".join(places)},
    )


def check_photo(
    photo: Photo,
    captions: Sequence[Caption],
    source_language: str,
    glossary: Sequence[GlossaryEntry],
    budgets: Mapping[tuple[str, str, CaptionField], int] | None = None,
) -> list[CaptionFinding]:
    """Every finding of one photo's captions (accepted ones included)."""
    by_key = {(c.language, c.field): c for c in captions if c.text}
    result: list[CaptionFinding] = []
    for caption in by_key.values():
        result.extend(_balance_findings(caption))
        result.extend(_text_findings(caption))
        for finding in (
            _date_finding(caption, photo.captured_at),
            _place_finding(caption, photo, glossary, source_language),
        ):
            if finding is not None:
                result.append(finding)
        if caption.field is CaptionField.ALT and len(caption.text) > ALT_TEXT_GUIDE:
            result.append(
                CaptionFinding(
                    photo.id,
                    caption.field.value,
                    caption.language,
                    "alt-too-long",
                    str(ALT_TEXT_GUIDE),
                    _(
                        "The alt text has %(count)d characters; keep it within about %(guide)d "
                        "and move the rest to the extended description."
                    )
                    % {"count": len(caption.text), "guide": ALT_TEXT_GUIDE},
                )
            )
        budget = (budgets or {}).get((photo.id, caption.language, caption.field))
        if budget and len(caption.text) > budget * BUDGET_SLACK:
            result.append(
                CaptionFinding(
                    photo.id,
                    caption.field.value,
                    caption.language,
                    "over-budget",
                    str(budget),
                    _("%(count)d characters where the panel holds about %(budget)d.")
                    % {"count": len(caption.text), "budget": budget},
                )
            )
        source = by_key.get((source_language, caption.field))
        if caption.language == source_language or source is None:
            continue
        field = caption.field.value
        if caption.text == source.text and len(source.text.split()) > 1:
            result.append(
                CaptionFinding(
                    photo.id,
                    field,
                    caption.language,
                    "same-as-source",
                    "",
                    _("The translation is the source text unchanged."),
                )
            )
        result.extend(
            _number_findings(photo.id, field, source.text, caption.text, caption.language)
        )
        result.extend(_glossary_findings(caption, source.text, source_language, glossary))
    return result


def check_captions(
    photos: Sequence[tuple[Photo, Sequence[Caption]]],
    source_language: str,
    glossary: Sequence[GlossaryEntry],
    accepted: set[AcceptedFinding],
    budgets: Mapping[tuple[str, str, CaptionField], int] | None = None,
) -> list[CaptionFinding]:
    """The findings of every photo, accepted ones left out, in photo then field order."""
    result = []
    for photo, captions in photos:
        for finding in check_photo(photo, captions, source_language, glossary, budgets):
            if finding.key not in accepted:
                result.append(finding)
    return result


def caption_findings(service: ProjectService, measure: TextMeasure) -> list[CaptionFinding]:
    """The project's cross-language findings not yet accepted."""
    from curator.core.translators.caption_exchange import layout_budgets

    project = service.project.get()
    budgets: dict[tuple[str, str, CaptionField], int] = {}
    for language in project.languages:
        for (photo_id, field), room in layout_budgets(service, measure, language).items():
            budgets[(photo_id, language, field)] = room
    photos = [(photo, service.captions.for_photo(photo.id)) for photo in service.photos.all()]
    return check_captions(
        photos,
        project.source_language,
        service.glossary.all(),
        service.memory_units.accepted(),
        budgets,
    )
