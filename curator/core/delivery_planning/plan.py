"""What a delivery writes: which photos, in which order, under which name, saying what.

:func:`plan_delivery` turns the project into a list of :class:`DeliveryItem`, one per photo:
sections in visit order (numbered from 1), each section's photos in its order, then the
photos in no section as section 0 in capture-time order. Each item carries a
:class:`MetadataPlan`:

* ``dc:description`` and ``dc:title`` as lang-alt with one entry per delivery language (the
  caption and the headline), ``x-default`` the main language's text;
* ``Iptc4xmpCore:AltTextAccessibility`` and ``ExtDescrAccessibility`` likewise (the alt
  text and the extended description; never printed, so only the delivered file has them);
* ``photoshop:Headline``, ``dc:creator`` (the photographers, in the main language),
  ``photoshop:Credit`` (the credit line), ``dc:rights``, ``photoshop:DateCreated`` and the
  IPTC Core location fields (sub-location, city, country and its ISO code), in the main
  language, place names through the glossary;
* ``dc:subject``: the photo's keywords, each followed by its rendering in every delivery
  language where the glossary has one (:mod:`curator.core.language.keywords`);
* the same in IPTC IIM, each dataset cut to its byte limit (:mod:`.iim`) - except the
  country code: IIM wants ISO 3166 alpha-3 where XMP takes the alpha-2 code CLDR gives -
  and keywords (2:25): one cut would be another word, so a keyword over 64 bytes is left
  out of IIM (XMP has it) and the plan's notes name it.

A value of ``None`` means "leave what the original says": Curator writes only what it knows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, time
from functools import cache

from babel import Locale, UnknownLocaleError

from curator.core.delivery_planning.iim import DATASETS, IimPolicy, cut_to_bytes
from curator.core.delivery_planning.naming import (
    NameAllocator,
    NameFields,
    delivery_suffix,
    expand_pattern,
)
from curator.core.delivery_planning.rights import NO_RIGHTS, RightsMetadata, rights_metadata
from curator.core.delivery_planning.settings import DeliveryOptions
from curator.core.delivery_planning.shown import ShownPlan, plan_shown
from curator.core.language.keywords import delivered_keywords
from curator.core.language.localized import render_name, render_place
from curator.core.model import Caption, CaptionField, GlossaryEntry, GlossaryKind, Photo
from curator.core.operations.shown import GlossaryNames
from curator.core.rights import template_for
from curator.core.services import ProjectService
from curator.i18n import _


@dataclass(frozen=True, slots=True)
class LangAlt:
    """A lang-alt property as a delivery sets it.

    ``values`` has the text of each delivery language that has one, ``default`` the
    ``x-default`` text; ``remove`` the delivery languages without text, whose old entries
    are taken out. Entries in other languages stay as the original has them.
    """

    values: dict[str, str]
    default: str | None
    remove: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class IimValue:
    """One IIM dataset's values as written, and whether they had to be cut."""

    name: str
    values: tuple[str, ...]
    cut: bool = False


@dataclass(frozen=True, slots=True)
class MetadataPlan:
    """What one delivered copy says about itself (``None``: the original's value stays)."""

    main_language: str
    description: LangAlt
    title: LangAlt
    headline: str | None = None
    creators: tuple[str, ...] = ()
    credit: str | None = None
    rights: str | None = None
    date_created: datetime | None = None
    date_has_time: bool = True
    sublocation: str | None = None
    city: str | None = None
    country: str | None = None
    country_code: str | None = None
    iim_policy: IimPolicy = IimPolicy.ALWAYS
    iim: tuple[IimValue, ...] = ()
    notes: tuple[str, ...] = ()
    #: Rights template and digital source type fields (:mod:`.rights`).
    rights_extra: RightsMetadata = NO_RIGHTS
    shown: ShownPlan = field(default_factory=ShownPlan)
    #: ``Iptc4xmpCore:AltTextAccessibility`` and ``ExtDescrAccessibility`` (lang-alt).
    alt_text: LangAlt = LangAlt({}, None)
    ext_description: LangAlt = LangAlt({}, None)
    #: ``dc:subject`` and IIM 2:25 (empty: the copy has none; None: the original's stay).
    keywords: tuple[str, ...] | None = None

    @property
    def iim_cut(self) -> tuple[str, ...]:
        """The IIM datasets whose text was cut to fit."""
        return tuple(value.name for value in self.iim if value.cut)


@dataclass(frozen=True, slots=True)
class DeliveryItem:
    """One photo to deliver: where it comes from, its place, its name, what it carries."""

    photo: Photo
    section: int
    section_id: str | None
    order: int
    name: str
    metadata: MetadataPlan


@dataclass(frozen=True, slots=True)
class _DeliveryContext:
    options: DeliveryOptions
    glossary: Sequence[GlossaryEntry]
    source_language: str
    #: The glossary by name, built once when a photo's shown data needs it.
    names: list[GlossaryNames] = field(default_factory=list)

    def known(self) -> GlossaryNames:
        """The glossary's names (:class:`GlossaryNames`), built on the first call."""
        if not self.names:
            self.names.append(GlossaryNames(self.glossary))
        return self.names[0]


def delivery_order(
    service: ProjectService, section_id: str | None = None
) -> list[tuple[int, str | None, list[Photo]]]:
    """``(section number, section id, photos)`` in visit order; photos in no section last.

    With ``section_id``, only that section (numbered by its place in the visit).
    """
    groups: list[tuple[int, str | None, list[Photo]]] = []
    for number, section in enumerate(service.exhibition.sections(), start=1):
        if section_id is not None and section.id != section_id:
            continue
        photos = [service.photos.get(pid) for pid in service.exhibition.photo_ids(section.id)]
        groups.append((number, section.id, photos))
    if section_id is None:
        placed = service.exhibition.placed_photo_ids()
        unplaced = [photo for photo in service.photos.all() if photo.id not in placed]
        if unplaced:
            groups.append((0, None, sorted(unplaced, key=_capture_key)))
    return groups


def _capture_key(photo: Photo) -> tuple[bool, str, str]:
    # ISO text sorts by wall-clock time; undated photos go last, then by id for stability.
    captured = photo.captured_at
    return captured is None, captured.replace(tzinfo=None).isoformat() if captured else "", photo.id


def plan_delivery(
    service: ProjectService,
    options: DeliveryOptions,
    section_id: str | None = None,
    taken: Iterable[str] = (),
) -> list[DeliveryItem]:
    """The delivery of the project (or one section) under ``options``.

    Args:
        service: The open project.
        options: Languages, main language, naming, IIM policy (already checked).
        section_id: Deliver only this section.
        taken: File names the copies must not take (an original in the target folder).
    """
    project = service.project.get()
    context = _DeliveryContext(options, service.glossary.all(), project.source_language)
    names = NameAllocator(taken)
    templates = service.rights.templates()
    records = service.rights.all_provenance()
    items: list[DeliveryItem] = []
    for number, sid, photos in delivery_order(service, section_id):
        for order, photo in enumerate(photos, start=1):
            captions = service.captions.for_photo(photo.id)
            credits = service.photos.credits(photo.id)
            photographers = [
                rendered.text
                for credit in credits
                if (
                    rendered := render_name(
                        credit.photographer,
                        options.main_language,
                        context.glossary,
                        (GlossaryKind.PERSON,),
                    )
                )
            ]
            record = records.get(photo.id)
            template = template_for(
                [name for credit in credits for name in credit.agency.values()],
                record.rights_agency if record else "",
                templates,
            )
            extra = rights_metadata(template, record, options.languages, options.main_language)
            metadata = plan_metadata(photo, captions, photographers, context, extra)
            metadata = replace(metadata, shown=shown_of(service, photo.id, context))
            fields = NameFields(
                section=number,
                order=order,
                n=len(items) + 1,
                photographer=(metadata.creators or ("",))[0],
                id=photo.id,
                original=photo.path.stem,
                date=photo.captured_at.date() if photo.captured_at else None,
            )
            stem = expand_pattern(options.naming, fields, fold=options.ascii_names)
            name = names.allocate(stem, delivery_suffix(photo.path.suffix))
            items.append(DeliveryItem(photo, number, sid, order, name, metadata))
    return items


def shown_of(service: ProjectService, photo_id: str, context: _DeliveryContext) -> ShownPlan:
    """Who and what the copy shows, in the delivery's languages (main first)."""
    shown = service.shown.get(photo_id)
    edited = service.shown.edited(photo_id)
    if shown.empty and not edited:
        return ShownPlan()
    main = context.options.main_language
    languages = [main, *(tag for tag in context.options.languages if tag != main)]
    wanted = shown.entry_ids
    glossary = {entry.id: entry for entry in context.glossary if entry.id in wanted}
    return plan_shown(shown, glossary, languages, edited=edited, known=context.known())


def plan_metadata(
    photo: Photo,
    captions: Sequence[Caption],
    photographers: Sequence[str],
    context: _DeliveryContext,
    extra: RightsMetadata = NO_RIGHTS,
) -> MetadataPlan:
    """The metadata of one copy from the photo's record, captions and rights template."""
    options = context.options
    main = options.main_language
    texts: dict[CaptionField, dict[str, str]] = {}
    for caption in captions:
        if caption.language in options.languages and caption.text.strip():
            texts.setdefault(caption.field, {})[caption.language] = caption.text.strip()
    notes: list[str] = []
    description = _lang_alt(texts.get(CaptionField.CAPTION, {}), options, notes, _("caption"))
    title = _lang_alt(texts.get(CaptionField.HEADLINE, {}), options, notes, _("headline"))
    alt_text = _lang_alt(texts.get(CaptionField.ALT, {}), options, notes, _("alt text"))
    ext_description = _lang_alt(
        texts.get(CaptionField.DESCRIPTION, {}), options, notes, _("extended description")
    )
    creators = tuple(dict.fromkeys(photographers)) or tuple(
        name.strip() for name in (photo.byline or "").split(";") if name.strip()
    )
    credit = extra.credit_line or texts.get(CaptionField.CREDIT, {}).get(main)
    location = {
        name: _place(value, context)
        for name, value in (
            ("sublocation", photo.sublocation),
            ("city", photo.city),
            ("country", photo.country),
        )
    }
    country_code = country_code_of(
        [v for v in (photo.country, location["country"]) if v], options.languages
    )
    plan = MetadataPlan(
        main_language=main,
        description=description,
        title=title,
        headline=title.default,
        creators=creators,
        credit=credit,
        rights=extra.copyright or photo.copyright,
        date_created=photo.captured_at,
        date_has_time=photo.captured_at is not None and photo.captured_at.time() != time(0),
        sublocation=location["sublocation"],
        city=location["city"],
        country=location["country"],
        country_code=country_code,
        iim_policy=options.iim,
        notes=tuple(notes),
        rights_extra=extra,
        alt_text=alt_text,
        ext_description=ext_description,
        keywords=delivered_keywords(photo.keywords, context.glossary, options.languages),
    )
    return _with_keyword_iim(_with_iim(plan))


def _lang_alt(
    texts: dict[str, str], options: DeliveryOptions, notes: list[str], what: str
) -> LangAlt:
    values = {tag: texts[tag] for tag in options.languages if tag in texts}
    remove = tuple(tag for tag in options.languages if tag not in texts)
    default = values.get(options.main_language)
    if default is None and values:
        fallback = next(iter(values))
        default = values[fallback]
        notes.append(
            _("No %(what)s in the main language “%(main)s”; x-default is the “%(tag)s” text.")
            % {"what": what, "main": options.main_language, "tag": fallback}
        )
    return LangAlt(values, default, remove)


def _place(value: str | None, context: _DeliveryContext) -> str | None:
    if not value or not value.strip():
        return None
    rendered = render_place(
        [value], context.options.main_language, context.glossary, context.source_language
    )
    return rendered.text or value.strip()


@cache
def _territory_codes(language: str) -> dict[str, str]:
    try:
        territories = Locale.parse(language.replace("-", "_")).territories
    except (UnknownLocaleError, ValueError):
        return {}
    return {
        str(name).casefold(): str(code)
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha()
    }


def country_code_of(names: Sequence[str], languages: Sequence[str]) -> str | None:
    """The ISO 3166 code of a country named in one of ``languages`` (or English)."""
    for name in names:
        wanted = name.strip().casefold()
        for language in [*languages, "en"]:
            code = _territory_codes(language).get(wanted)
            if code is not None:
                return code
    return None


def _with_iim(plan: MetadataPlan) -> MetadataPlan:
    """The plan with its IIM values: the main language's text, cut to the byte limits."""
    wanted: list[tuple[str, tuple[str, ...]]] = [
        ("caption", (plan.description.default,) if plan.description.default else ()),
        ("headline", (plan.headline,) if plan.headline else ()),
        ("object_name", (plan.headline,) if plan.headline else ()),
        ("byline", plan.creators),
        ("credit", (plan.credit,) if plan.credit else ()),
        ("copyright", (plan.rights,) if plan.rights else ()),
        ("source", (plan.rights_extra.source,) if plan.rights_extra.source else ()),
        ("sublocation", (plan.sublocation,) if plan.sublocation else ()),
        ("city", (plan.city,) if plan.city else ()),
        ("country", (plan.country,) if plan.country else ()),
    ]
    values: list[IimValue] = []
    for name, texts in wanted:
        if not texts:
            continue
        limit = DATASETS[name].limit
        cut = tuple(cut_to_bytes(text, limit) for text in texts)
        values.append(IimValue(name, cut, cut != texts))
    return replace(plan, iim=tuple(values))


def _with_keyword_iim(plan: MetadataPlan) -> MetadataPlan:
    """The plan with IIM 2:25: every keyword that fits its 64 bytes; the others noted."""
    if not plan.keywords:
        return plan
    limit = DATASETS["keywords"].limit
    fitting = tuple(word for word in plan.keywords if len(word.encode("utf-8")) <= limit)
    notes = [
        _("The keyword “%(keyword)s” is longer than IIM's %(limit)d bytes: only XMP has it.")
        % {"keyword": word, "limit": limit}
        for word in plan.keywords
        if word not in fitting
    ]
    iim = (*plan.iim, IimValue("keywords", fitting)) if fitting else plan.iim
    return replace(plan, iim=iim, notes=(*plan.notes, *notes))
