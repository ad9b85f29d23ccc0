"""The catalogue from a project: its options, its texts, and the geometry of its pages.

The catalogue follows the exhibition: sections in visit order with the photos placed in
them, never a rejected one (:mod:`curator.core.checks.print_scope`; with ``picks_only`` only the
picked ones). Photos in no section are not printed; preflight lists them.

Texts of the catalogue's own (title, subtitle, foreword and its signatory, organisers and
imprint, per language) are :mod:`curator.core.publishing.catalogue_texts`. A language without a
title
gets none (never another language's; preflight warns); only when no language has one does
the project's title stand in the leading language. Words the catalogue prints in every content
language ("Foreword", "Photographers"...) come from :data:`CATALOGUE_WORDS`, because the
interface's translations follow the interface language, not the content languages; a
language missing there gets the English word.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from curator import __version__
from curator.core.checks.print_scope import printed_photos
from curator.core.errors import UsageError
from curator.core.language.credits import ParsedCredit, parse_byline
from curator.core.language.languages import normalize_languages
from curator.core.language.localized import format_capture_date, pick_language, render_name
from curator.core.layout.catalogue import catalogue_geometry
from curator.core.layout.catalogue_model import (
    CatalogueContent,
    CatalogueGeometry,
    CataloguePhoto,
    CatalogueSection,
    PageChoice,
    PageSpec,
)
from curator.core.layout.style import Product, TextMeasure
from curator.core.model import (
    PRINTED_FIELDS,
    CaptionField,
    CatalogueSettings,
    GlossaryEntry,
    GlossaryKind,
    Photo,
)
from curator.core.publishing.catalogue_texts import CatalogueTexts, TextKey, read_texts
from curator.core.publishing.page_choices import page_choices
from curator.core.services import ProjectService
from curator.core.settings.print_thresholds import ppi_thresholds
from curator.core.settings.web_address import project_base_url
from curator.i18n import _, number_text

#: The catalogue's ``target_ppi`` default (pixels per inch images are prepared at).
DEFAULT_TARGET_PPI = 300
#: No print needs more; a larger stored value (from elsewhere) is ignored.
MAX_TARGET_PPI = 2400

CATALOGUE_WORDS: dict[str, dict[str, str]] = {
    "foreword": {"vi": "Lời giới thiệu", "ru": "Предисловие", "en": "Foreword"},
    "photographers": {"vi": "Tác giả ảnh", "ru": "Фотографы", "en": "Photographers"},
    "language": {"vi": "Tiếng Việt", "ru": "Русский", "en": "English"},
    "catalogue": {
        "vi": "Catalô triển lãm ảnh",
        "ru": "Каталог фотовыставки",
        "en": "Photo exhibition catalogue",
    },
    "photos": {"vi": "Ảnh", "ru": "Фотографии", "en": "Photographs"},
    "organisers": {"vi": "Đơn vị tổ chức", "ru": "Организаторы", "en": "Organisers"},
    "contents": {"vi": "Mục lục", "ru": "Содержание", "en": "Contents"},
    "notes": {"vi": "Ghi chú", "ru": "Заметки", "en": "Notes"},
    "print_run": {"vi": "Số lượng in", "ru": "Тираж", "en": "Print run"},
    "printer": {"vi": "In tại", "ru": "Отпечатано", "en": "Printed by"},
    "paper": {"vi": "Giấy", "ru": "Бумага", "en": "Paper"},
    "typeset": {
        "vi": "Phông chữ Noto Serif và Noto Sans (SIL Open Font License)",
        "ru": "Набрано шрифтами Noto Serif и Noto Sans (SIL Open Font License)",
        "en": "Set in Noto Serif and Noto Sans (SIL Open Font License)",
    },
    "made": {
        "vi": "Dàn trang bằng Curator %(version)s, %(date)s",
        "ru": "Свёрстано в Curator %(version)s, %(date)s",
        "en": "Made with Curator %(version)s, %(date)s",
    },
}


@dataclass(frozen=True, slots=True)
class CatalogueOptions:
    """What the user chose for one export; None takes the project's setting."""

    languages: tuple[str, ...] | None = None
    trim_mm: tuple[float, float] | None = None
    bleed_mm: float | None = None
    marks: bool | None = None
    picks_only: bool = False


@dataclass(frozen=True, slots=True)
class ResolvedOptions:
    """Options with every value filled in from the project."""

    languages: tuple[str, ...]
    spec: PageSpec
    marks: bool
    target_ppi: int
    picks_only: bool = False


def word(key: str, language: str) -> str:
    """A catalogue word in a content language (English when the table lacks it)."""
    words = CATALOGUE_WORDS[key]
    return pick_language(words, language) or words["en"]


def document_title(service: ProjectService, languages: Sequence[str]) -> str:
    """The title of the PDF: the catalogue's in the first language that has one."""
    texts = read_texts(service)
    found = (texts.get(TextKey.TITLE, tag) for tag in languages)
    return next((t for t in found if t), "") or service.project.get().title


def target_ppi(service: ProjectService) -> int:
    """The resolution images are prepared at (project setting ``catalogue.target_ppi``)."""
    stored = service.project.setting("catalogue", {})
    value = stored.get("target_ppi") if isinstance(stored, dict) else None
    if isinstance(value, int | float) and 0 < value <= MAX_TARGET_PPI:
        return int(value)
    return DEFAULT_TARGET_PPI


def resolve_options(service: ProjectService, options: CatalogueOptions) -> ResolvedOptions:
    """Fill the options in from the project's catalogue settings.

    Raises:
        UsageError: A language the project does not have, or a page too small for its
            margins.
    """
    settings: CatalogueSettings = service.project.catalogue_settings()
    project_languages = service.project.languages()
    languages = tuple(project_languages)
    if options.languages:
        languages = tuple(normalize_languages(options.languages))
        unknown = [tag for tag in languages if tag not in project_languages]
        if unknown:
            raise UsageError(
                _("The project has no captions in %(languages)s; its languages are %(known)s.")
                % {"languages": ", ".join(unknown), "known": ", ".join(project_languages)}
            )
    width, height = options.trim_mm or (settings.trim_width_mm, settings.trim_height_mm)
    bleed = settings.bleed_mm if options.bleed_mm is None else options.bleed_mm
    if bleed < 0 or bleed > 20:
        raise UsageError(
            _("A bleed of %(bleed)s mm is not between 0 and 20 mm.") % {"bleed": number_text(bleed)}
        )
    spec = PageSpec(
        width,
        height,
        bleed,
        settings.margin_inner_mm,
        settings.margin_outer_mm,
        settings.margin_top_mm,
        settings.margin_bottom_mm,
        ppi_thresholds(service, Product.CATALOGUE)[0],
        settings.spread_gutter_mm,
    )
    if min(spec.content(1).width_mm, spec.content(1).height_mm) < 60:
        raise UsageError(
            _("A page of %(width)s × %(height)s mm leaves too little room inside its margins.")
            % {"width": number_text(width), "height": number_text(height)}
        )
    marks = settings.crop_marks if options.marks is None else options.marks
    return ResolvedOptions(languages, spec, marks, target_ppi(service), options.picks_only)


def _people(service: ProjectService, photo: Photo) -> list[dict[str, str]]:
    """The photo's photographers, one name map each.

    Credits that share a name (a byline read at import and the curated credit, say) are one
    person.
    """
    people: list[dict[str, str]] = []
    for credit in service.photos.credits(photo.id):
        names = {tag: name.strip() for tag, name in credit.photographer.items() if name.strip()}
        same = next((p for p in people if set(p.values()) & set(names.values())), None)
        if same is None:
            people.append(names)
        else:
            same.update(names)
    return people


def _photo(
    service: ProjectService,
    photo: Photo,
    languages: Sequence[str],
    glossary: Sequence[GlossaryEntry],
    choice: PageChoice = PageChoice.AUTO,
) -> CataloguePhoto:
    captions: dict[str, dict[CaptionField, str]] = {}
    for caption in service.captions.for_photo(photo.id):
        if caption.field not in PRINTED_FIELDS:
            continue  # alt text and extended description are delivered, never printed
        if caption.language in languages and caption.text.strip():
            captions.setdefault(caption.language, {})[caption.field] = caption.text
    people = _people(service, photo)
    photographers: dict[str, tuple[str, ...]] = {}
    for language in languages:
        printed = _printed_credit(captions.get(language, {}))
        if printed is not None and printed.photographer:
            # the index agrees with the credit printed under the photo, edited or not
            photographers[language] = (printed.photographer,)
            continue
        rendered = (
            render_name(names, language, glossary, (GlossaryKind.PERSON,)) for names in people
        )
        names = [r.text for r in rendered if r is not None and r.text]
        photographers[language] = tuple(dict.fromkeys(names))
    return CataloguePhoto(photo.id, photo.width, photo.height, captions, photographers, choice)


def _printed_credit(fields: dict[CaptionField, str]) -> ParsedCredit | None:
    """The photographer and agency of the credit line as printed (None without one)."""
    text = fields.get(CaptionField.CREDIT, "").strip()
    return parse_byline(text) if text else None


def catalogue_content(
    service: ProjectService,
    languages: Sequence[str],
    today: date | None = None,
    picks_only: bool = False,
) -> CatalogueContent:
    """Everything the catalogue prints, read from the project (see :mod:`print_scope`).

    A section none of whose photos print is left out.
    """
    texts = read_texts(service)
    project = service.project.get()
    title = {tag: texts.get(TextKey.TITLE, tag) for tag in languages}
    if not any(title.values()):  # nothing set at all: the project's title, once
        title[languages[0]] = project.title
    glossary = service.glossary.all()
    choices = page_choices(service)
    by_section: dict[int, list[Photo]] = {}
    for number, _place, photo in printed_photos(service, picks_only):
        by_section.setdefault(number, []).append(photo)
    sections = []
    for number, section in enumerate(service.exhibition.sections(), start=1):
        if number not in by_section:
            continue
        members = tuple(
            _photo(service, p, languages, glossary, choices.get(p.id, PageChoice.AUTO))
            for p in by_section[number]
        )
        sections.append(CatalogueSection(section.id, section.title, section.intro, members))
    return CatalogueContent(
        title=title,
        foreword={tag: texts.get(TextKey.FOREWORD, tag) for tag in languages},
        sections=tuple(sections),
        words={key: {tag: word(key, tag) for tag in languages} for key in CATALOGUE_WORDS},
        colophon=_colophon(
            service, texts, title, languages, today or date.today(), sections, glossary
        ),
        site_url=project_base_url(service),
        subtitle={tag: texts.get(TextKey.SUBTITLE, tag) for tag in languages},
        signatory={
            tag: (texts.get(TextKey.SIGNATORY_NAME, tag), texts.get(TextKey.SIGNATORY_TITLE, tag))
            for tag in languages
        },
        signature=texts.signature.id if texts.signature else None,
        logos=tuple(logo.id for logo in texts.logos),
        running_title=title.get(languages[0]) or project.title,
        organisers={tag: tuple(texts.organisers(tag)) for tag in languages},
        imprint={tag: tuple(_imprint(texts, tag)) for tag in languages},
        binding_pages=service.project.catalogue_settings().binding_pages,
        surnames=_surnames(glossary, languages),
    )


def _surnames(
    glossary: Sequence[GlossaryEntry], languages: Sequence[str]
) -> dict[str, dict[str, str]]:
    """By language, each person's rendering and its surname where the glossary gives one."""
    return {
        tag: {
            entry.terms[tag]: entry.surnames[tag]
            for entry in glossary
            if entry.kind is GlossaryKind.PERSON and tag in entry.terms and tag in entry.surnames
        }
        for tag in languages
    }


def _agencies(service: ProjectService, language: str) -> list[str]:
    """The agencies named in the photos' credits, in ``language``, each once."""
    agencies: dict[str, None] = {}
    for photo in service.photos.all():
        for credit in service.photos.credits(photo.id):
            agency = pick_language(credit.agency, language)
            if agency:
                agencies[agency.strip()] = None
    return list(agencies)


def organisers(service: ProjectService, language: str) -> str:
    """The exhibition's organisers in ``language``: the author every product's PDF names.

    The catalogue's own texts give them (Catalogue Texts, ``organisers``, one per line);
    without those, the agencies named in the photos' credits.
    """
    named = read_texts(service).organisers(language)
    return "; ".join(named) if named else ", ".join(_agencies(service, language))


def _colophon(
    service: ProjectService,
    texts: CatalogueTexts,
    title: dict[str, str],
    languages: Sequence[str],
    today: date,
    sections: Sequence[CatalogueSection],
    glossary: Sequence[GlossaryEntry],
) -> dict[str, tuple[str, ...]]:
    result = {}
    printed = [photo for section in sections for photo in section.photos]
    for language in languages:
        agencies = _printed_agencies(service, printed, language, glossary)
        lines = [title[language]] if title.get(language) else []
        subtitle = texts.get(TextKey.SUBTITLE, language)
        if subtitle:
            lines.append(subtitle)
        lines.append(word("catalogue", language))
        named = texts.organisers(language)
        if named:
            lines.append(f"{word('organisers', language)}: {', '.join(named)}")
        if agencies:
            lines.append(f"{word('photos', language)}: {', '.join(agencies)}")
        lines += _imprint(texts, language)
        site = project_base_url(service)
        if site:  # the web edition's address, beside its QR code
            lines.append(site)
        lines.append(word("typeset", language))
        try:
            when = format_capture_date(today, language)
        except UsageError:
            when = today.isoformat()
        lines.append(word("made", language) % {"version": __version__, "date": when})
        result[language] = tuple(lines)
    return result


def _printed_agencies(
    service: ProjectService,
    printed: Sequence[CataloguePhoto],
    language: str,
    glossary: Sequence[GlossaryEntry],
) -> dict[str, None]:
    """The agencies of the printed photos, named in ``language``.

    The credit line printed in that language names it first; then the credit's own name in
    the language, the glossary's, or the name as it was recorded (an agency keeps its name
    where no translation is known, rather than being left out).
    """
    agencies: dict[str, None] = {}
    for photo in printed:
        credit_line = _printed_credit(dict(photo.captions.get(language, {})))
        if credit_line is not None and credit_line.agency:
            agencies[credit_line.agency] = None
            continue
        for credit in service.photos.credits(photo.id):
            if not any(name.strip() for name in credit.agency.values()):
                continue
            agency = pick_language(credit.agency, language)
            if not agency:
                rendered = render_name(
                    credit.agency, language, glossary, (GlossaryKind.ORGANISATION,)
                )
                agency = rendered.text if rendered is not None else ""
            if not agency:
                agency = next(name for name in credit.agency.values() if name.strip())
            agencies[agency.strip()] = None
    return agencies


def _imprint(texts: CatalogueTexts, language: str) -> list[str]:
    """Edition, print run, printer, paper, ISBN and copyright, as the colophon prints them."""
    lines = []
    edition = texts.get(TextKey.EDITION, language)
    if edition:
        lines.append(edition)
    for key in (TextKey.PRINT_RUN, TextKey.PRINTER, TextKey.PAPER):
        value = texts.get(key, language)
        if value:
            lines.append(f"{word(key.value, language)}: {value}")
    isbn = texts.get(TextKey.ISBN, language)
    if isbn:
        lines.append(isbn if isbn.upper().startswith("ISBN") else f"ISBN {isbn}")
    copyright_line = texts.get(TextKey.COPYRIGHT, language)
    if copyright_line:
        lines.append(copyright_line)
    return lines


def project_catalogue(
    service: ProjectService,
    measure: TextMeasure,
    options: CatalogueOptions | None = None,
    today: date | None = None,
) -> tuple[CatalogueGeometry, ResolvedOptions]:
    """The geometry of the project's catalogue with these options."""
    resolved = resolve_options(service, options or CatalogueOptions())
    content = catalogue_content(service, resolved.languages, today, resolved.picks_only)
    return catalogue_geometry(content, resolved.spec, resolved.languages, measure), resolved
