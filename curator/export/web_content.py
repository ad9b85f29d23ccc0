"""What the web edition shows, read from the project: the catalogue's photos and texts.

The site shows what the catalogue prints (:func:`curator.core.publishing.catalogue_service.
catalogue_content`): sections in visit order with the photos placed in them, never a
rejected one, with ``picks_only`` only the picked. Each page's fixed words ("Previous",
"Photographers"…) are in the page's language from :data:`WEB_WORDS`, not the interface's
(a language missing there gets the English word, marked as English).

A photo's alt text comes from :func:`alt_texts`: the caption field ``alt`` where the project
has one, else a description made of its headline (or the start of its caption), so that no
photo is ever without one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from curator.core.layout.catalogue_model import CatalogueContent
from curator.core.model import CaptionField
from curator.core.publishing.catalogue_service import catalogue_content
from curator.core.services import ProjectService
from curator.core.settings.web_address import slug

WEB_WORDS: dict[str, dict[str, str]] = {
    "previous": {"vi": "Ảnh trước", "ru": "Предыдущее фото", "en": "Previous photo"},
    "next": {"vi": "Ảnh tiếp theo", "ru": "Следующее фото", "en": "Next photo"},
    "sections": {"vi": "Các phần", "ru": "Разделы", "en": "Sections"},
    "start": {"vi": "Trang đầu", "ru": "Начало", "en": "Start"},
    "photographers": {"vi": "Tác giả ảnh", "ru": "Фотографы", "en": "Photographers"},
    "foreword": {"vi": "Lời giới thiệu", "ru": "Предисловие", "en": "Foreword"},
    "languages": {"vi": "Ngôn ngữ", "ru": "Языки", "en": "Languages"},
    "photo": {"vi": "Ảnh", "ru": "Фото", "en": "Photo"},
    "place": {"vi": "Địa điểm", "ru": "Место", "en": "Place"},
    "date": {"vi": "Ngày", "ru": "Дата", "en": "Date"},
    "credit": {"vi": "Nguồn ảnh", "ru": "Автор", "en": "Credit"},
    "section": {"vi": "Phần", "ru": "Раздел", "en": "Section"},
    "skip": {"vi": "Đến nội dung chính", "ru": "К основному содержанию", "en": "Skip to content"},
    "photo_of": {
        "vi": "Ảnh %(number)d / %(count)d",
        "ru": "Фото %(number)d из %(count)d",
        "en": "Photo %(number)d of %(count)d",
    },
}
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "ru": "Русский", "en": "English"}
_ALT_FIELD = "alt"


def word(key: str, language: str) -> tuple[str, str]:
    """The site's word ``key`` in ``language`` and the language it is in (English if none)."""
    words = WEB_WORDS[key]
    if language in words:
        return words[language], language
    return words["en"], "en"


def language_name(language: str) -> str:
    """A language's own name for itself (its tag when Curator knows none)."""
    return LANGUAGE_NAMES.get(language, language)


def alt_texts(service: ProjectService, photo_id: str) -> dict[str, str]:
    """The photo's alt text per language from the caption field ``alt``, if the project has it.

    Empty when the project's captions have no such field (or none is written).
    """
    alt_field = next((f for f in CaptionField if f.value == _ALT_FIELD), None)
    if alt_field is None:
        return {}
    return {
        caption.language: caption.text.strip()
        for caption in service.captions.for_photo(photo_id)
        if caption.field is alt_field and caption.text.strip()
    }


@dataclass(frozen=True, slots=True)
class WebPhoto:
    """One photo as its pages show it."""

    id: str
    slug: str
    section: int
    place: int
    captions: Mapping[str, Mapping[CaptionField, str]]
    photographers: Mapping[str, tuple[str, ...]]
    alt: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class WebSection:
    """A section in visit order: its number, file name, texts and photos."""

    number: int
    slug: str
    title: Mapping[str, str]
    intro: Mapping[str, str]
    photos: tuple[WebPhoto, ...]


@dataclass(frozen=True, slots=True)
class WebContent:
    """Everything the site shows, per language."""

    languages: tuple[str, ...]
    title: Mapping[str, str]
    subtitle: Mapping[str, str]
    foreword: Mapping[str, str]
    sections: tuple[WebSection, ...]
    #: By language, each person's name as shown and their surname (the index sorts by it).
    surnames: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @property
    def photos(self) -> tuple[WebPhoto, ...]:
        """Every photo in visit order."""
        return tuple(photo for section in self.sections for photo in section.photos)


def _described(
    alt: Mapping[str, str], captions: Mapping[str, Mapping[CaptionField, str]]
) -> dict[str, str]:
    """Alt text per language: the written one, else the headline, else the caption's start."""
    described = dict(alt)
    for language, fields in captions.items():
        if described.get(language):
            continue
        text = fields.get(CaptionField.HEADLINE, "") or fields.get(CaptionField.CAPTION, "")
        text = " ".join(text.split())
        if len(text) > 200:
            text = text[:200].rsplit(" ", 1)[0] + "…"
        if text:
            described[language] = text
    return described


def web_content(
    service: ProjectService, languages: tuple[str, ...], picks_only: bool = False
) -> WebContent:
    """The site's content from the project, in ``languages`` (see the module's note)."""
    content: CatalogueContent = catalogue_content(
        service, languages, today=date.today(), picks_only=picks_only
    )
    numbers = {section.id: n for n, section in enumerate(service.exhibition.sections(), 1)}
    sections: list[WebSection] = []
    for section in content.sections:
        number = numbers.get(section.id, len(sections) + 1)
        photos = tuple(
            WebPhoto(
                id=photo.id,
                slug=slug(photo.id, f"photo-{number}-{place}"),
                section=number,
                place=place,
                captions=photo.captions,
                photographers=photo.photographers,
                alt=_described(alt_texts(service, photo.id), photo.captions),
            )
            for place, photo in enumerate(section.photos, start=1)
        )
        title = {tag: text for tag, text in section.title.items() if text.strip()}
        sections.append(
            WebSection(number, slug(section.id, f"section-{number}"), title, section.intro, photos)
        )
    return WebContent(
        languages=languages,
        title={tag: text for tag, text in content.title.items() if text and text.strip()},
        subtitle={tag: text for tag, text in content.subtitle.items() if text and text.strip()},
        foreword={tag: text for tag, text in content.foreword.items() if text and text.strip()},
        sections=tuple(sections),
        surnames=content.surnames,
    )
