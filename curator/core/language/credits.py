"""Credit lines: bylines read into structure at import, and written back per language.

A byline such as "(Ảnh: Tuấn Anh/TTXVN)", "Фото: Михаил Терещенко/ТАСС" or "VNA/Photo: Tuan
Anh" becomes a :class:`ParsedCredit` (photographer, agency, role). A :class:`Credit` is written
in each caption language through a template ("Ảnh: {photographer}/{agency}") kept in the
project as plain ``str.format`` text; names come from the glossary first, then from the
record, then by rule (marked for review).
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from curator.core.errors import UsageError
from curator.core.language.localized import RenderedText, has_vietnamese_letters, render_name
from curator.core.language.text import clean_line
from curator.core.language.transcription import CYRILLIC, primary_language, script_of_text
from curator.core.model import Credit, CreditRole, GlossaryEntry, GlossaryKind
from curator.core.settings.format_bounds import check_bounded_format, quoted
from curator.i18n import _

#: The template for any language the project has none for.
FALLBACK_TEMPLATE_KEY = "*"

#: Credit templates by key: a language tag for a photographer's own photo, "TAG:role" for
#: the other roles, "*" for any other language. French sets a no-break space before the
#: colon, as French typography requires; it must not break across lines.
DEFAULT_CREDIT_TEMPLATES: dict[str, str] = {
    "vi": "Ảnh: {photographer}/{agency}",
    "ru": "Фото: {photographer}/{agency}",
    "en": "Photo: {photographer}/{agency}",
    "fr": "Photo\u00a0: {photographer}/{agency}",
    "vi:archive": "Ảnh tư liệu: {photographer}/{agency}",
    "ru:archive": "Архивное фото: {photographer}/{agency}",
    "en:archive": "Archive photo: {photographer}/{agency}",
    "fr:archive": "Photo d’archives\u00a0: {photographer}/{agency}",
    "vi:provided": "Ảnh: {agency} phát",
    "ru:provided": "Фото предоставлено {agency}",
    "en:provided": "Photo courtesy of {agency}",
    "fr:provided": "Photo fournie par {agency}",
    FALLBACK_TEMPLATE_KEY: "{photographer}/{agency}",
}

#: Agencies recognised in bylines, in the forms they sign with. Anything else in a byline
#: that looks like an acronym ("TTXVN") is taken for an agency too.
KNOWN_AGENCIES: tuple[str, ...] = (
    "TTXVN",
    "Thông tấn xã Việt Nam",
    "VNA",
    "Vietnam News Agency",
    "ВИА",
    "ТАСС",
    "TASS",
    "ИТАР-ТАСС",
    "ITAR-TASS",
    "РИА Новости",
    "RIA Novosti",
    "Sputnik",
    "Спутник",
    "AFP",
    "Reuters",
    "Рейтер",
    "AP",
    "Xinhua",
    "Синьхуа",
    "Tân Hoa xã",
    "EPA",
    "Kyodo",
    "Yonhap",
    "Prensa Latina",
    "Getty Images",
)

_ROLE_LABELS: tuple[tuple[re.Pattern[str], CreditRole], ...] = (
    (
        re.compile(
            r"^(?:ảnh\s+tư\s+liệu|архивное\s+фото|фото\s+из\s+архива|archive\s+photo"
            r"|file\s+photo|photo\s+d['’]archives?)(?:\s*:\s*|\s+|$)",
            re.IGNORECASE,
        ),
        CreditRole.ARCHIVE,
    ),
    (
        re.compile(
            r"^(?:фото\s+предоставлено|photo\s+courtesy\s+of|courtesy\s+of|handout\s+photo"
            r"|handout|photo\s+fournie\s+par)(?:\s*:\s*|\s+|$)",
            re.IGNORECASE,
        ),
        CreditRole.PROVIDED,
    ),
    (
        re.compile(r"^(?:ảnh|фото|photo\s+by|photos?|foto)(?:\s*:\s*|\s+|$)", re.IGNORECASE),
        CreditRole.PHOTO,
    ),
)
_PROVIDED_SUFFIX = re.compile(r"\s+(?:phát|cung\s+cấp)$", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*/\s*|\s+[-–—]\s+")
_TRAILING_PARENTHESIS = re.compile(r"^(.*?)\s*\(([^()]*)\)$")
_SPACES = re.compile(" {2,}")
_TTXVN = re.compile(r"\bTTXVN\b", re.IGNORECASE)
_MISSING = "\x00"
_DANGLING = re.compile(rf"\s*[/,·–—-]\s*{_MISSING}|{_MISSING}\s*[/,·–—-]\s*|{_MISSING}")


@dataclass(frozen=True, slots=True)
class ParsedCredit:
    """A byline read into its parts; ``language`` is the byline's own, guessed from script."""

    photographer: str | None
    agency: str | None
    role: CreditRole
    language: str

    def to_credit(self, photo_id: str, position: int = 0, credit_id: int = 0) -> Credit:
        """A :class:`Credit` holding the names in the byline's language."""
        return Credit(
            id=credit_id,
            photo_id=photo_id,
            position=position,
            photographer={self.language: self.photographer} if self.photographer else {},
            agency={self.language: self.agency} if self.agency else {},
            role=self.role,
        )


def is_known_agency(name: str) -> bool:
    """Whether ``name`` is one of :data:`KNOWN_AGENCIES`, ignoring case."""
    wanted = clean_line(name).casefold()
    return any(agency.casefold() == wanted for agency in KNOWN_AGENCIES)


def _looks_like_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return " " not in name and len(letters) >= 2 and all(c.isupper() for c in letters)


def _unwrap(text: str) -> str:
    """The byline without one pair of parentheses around all of it."""
    if text.startswith("(") and text.endswith(")") and "(" not in text[1:-1]:
        return text[1:-1].strip()
    return text


def _segments(text: str) -> tuple[list[str], CreditRole, bool]:
    """The byline's parts without labels, the role the labels say, and whether any was seen."""
    match = _TRAILING_PARENTHESIS.match(text)
    pieces = [match.group(1), match.group(2)] if match else [text]
    role = CreditRole.PHOTO
    labelled = False
    segments: list[str] = []
    for piece in pieces:
        for segment in _SEPARATORS.split(piece):
            segment = segment.strip()
            for pattern, label_role in _ROLE_LABELS:
                stripped = pattern.sub("", segment, count=1)
                if stripped != segment:
                    segment, labelled = stripped.strip(), True
                    role = label_role if label_role is not CreditRole.PHOTO else role
                    break
            unsuffixed = _PROVIDED_SUFFIX.sub("", segment)
            if unsuffixed != segment:
                segment, role, labelled = unsuffixed.strip(), CreditRole.PROVIDED, True
            if segment:
                segments.append(segment)
    return segments, role, labelled


def parse_byline(text: str) -> ParsedCredit | None:
    """A byline as photographer, agency and role; ``None`` when it names nobody.

    Examples: "Tuấn Anh/TTXVN", "(Ảnh: Tuấn Anh/TTXVN)", "Фото: Михаил Терещенко/ТАСС",
    "VNA/Photo: Tuan Anh", "Tuan Anh (VNA)", "TASS/Mikhail Tereshchenko", "Ảnh tư liệu/TTXVN"
    (archive), "Ảnh: TTXVN phát" (provided), "Tuấn Anh, Minh Đức/TTXVN" (two photographers).
    Which part is the agency is decided by the list of known agencies, then by an acronym's
    capitals, then by position (the last part, as in "Name/Agency").
    """
    cleaned = _unwrap(" ".join(clean_line(text).split()))
    if not cleaned:
        return None
    segments, role, labelled = _segments(cleaned)
    if not segments and not labelled:
        return None
    agencies = [s for s in segments if is_known_agency(s)]
    people = [s for s in segments if s not in agencies]
    if not agencies and people:
        if role is CreditRole.PROVIDED and len(people) == 1:
            agencies, people = people, []
        else:
            agencies = [s for s in people if _looks_like_acronym(s)]
            people = [s for s in people if s not in agencies]
            if not agencies and len(people) > 1:
                agencies, people = people[-1:], people[:-1]
    return ParsedCredit(
        photographer=", ".join(people) or None,
        agency="/".join(agencies) or None,
        role=role,
        language=byline_language(cleaned),
    )


def byline_language(text: str) -> str:
    """The language a byline is written in: "ru" for Cyrillic, "vi" for Vietnamese letters.

    Latin text without Vietnamese letters is "vi" when it names TTXVN (the agency's
    Vietnamese acronym), else "en".
    """
    if any(script_of_text(char) == CYRILLIC for char in text):
        return "ru"
    if has_vietnamese_letters(text) or _TTXVN.search(text):
        return "vi"
    return "en"


def template_for(
    language: str, role: CreditRole, templates: Mapping[str, str] | None = None
) -> str:
    """The credit template for ``language`` and ``role``.

    Looks in ``templates`` (the project's), then :data:`DEFAULT_CREDIT_TEMPLATES`: the role's
    template for the exact tag, then for its language ("pt" for "pt-BR"), then the plain
    template for the tag and the language, then "*".
    """
    tags = [language, primary_language(language)]
    keys = [f"{tag}:{role.value}" for tag in tags] if role is not CreditRole.PHOTO else []
    keys += [*tags, f"{FALLBACK_TEMPLATE_KEY}:{role.value}", FALLBACK_TEMPLATE_KEY]
    for source in (templates or {}, DEFAULT_CREDIT_TEMPLATES):
        for key in keys:
            if key in source:
                return source[key]
    return DEFAULT_CREDIT_TEMPLATES[FALLBACK_TEMPLATE_KEY]


def _fields(template: str) -> set[str]:
    try:
        return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}
    except ValueError as error:
        raise _template_error(template, error) from error


def _template_error(template: str, error: Exception) -> UsageError:
    return UsageError(
        _("The credit template “%(template)s” is not valid: %(error)s")
        % {"template": quoted(template), "error": error}
    )


def fill_template(template: str, photographer: str | None, agency: str | None) -> str:
    """``template`` with the names put in; a missing name takes its separator with it.

    "Ảnh: {photographer}/{agency}" gives "Ảnh: TTXVN" without a photographer and "Ảnh: Tuấn
    Anh" without an agency.

    Raises:
        UsageError: the template names a field other than ``photographer`` and ``agency``,
            or is not a valid format string.
    """
    values = {"photographer": photographer or _MISSING, "agency": agency or _MISSING}
    try:
        check_bounded_format(template)
        text = template.format_map(values)
    except (KeyError, ValueError, IndexError, AttributeError) as error:
        raise _template_error(template, error) from error
    text = _SPACES.sub(" ", _DANGLING.sub("", text)).strip()
    return text.rstrip(":\u00a0\u202f ").strip()


def render_credit(
    credit: Credit,
    language: str,
    glossary: Sequence[GlossaryEntry],
    templates: Mapping[str, str] | None = None,
) -> RenderedText:
    """The credit line in ``language``, e.g. "Фото: Туан Ань/ВИА".

    Names come from the glossary first (a person or organisation entry that knows the name
    in any language), then from the credit's own form in ``language``; a photographer
    missing both is transcribed by rule, an agency missing both is kept as given (acronyms
    are not transliterated). Either fallback sets ``needs_review``.
    """
    photographer = render_name(credit.photographer, language, glossary, (GlossaryKind.PERSON,))
    agency = render_name(
        credit.agency, language, glossary, (GlossaryKind.ORGANISATION,), transcribe_by_rule=False
    )
    template = template_for(language, credit.role, templates)
    fields = _fields(template)
    present = {"photographer": photographer, "agency": agency}
    if not any(present.get(name) for name in fields):
        template = template_for(language, CreditRole.PHOTO, templates)
    text = fill_template(
        template,
        photographer.text if photographer else None,
        agency.text if agency else None,
    )
    review = any(part is not None and part.needs_review for part in (photographer, agency))
    return RenderedText(text, needs_review=review)
