"""The catalogue's pages: cover, forewords, section openers, photo pages, index, colophon.

Sections and their photos come in visit order (the same order the panels follow). Photo
pages take one of four templates, chosen in that order:

- ``photo-facing-captions``: a portrait photo alone on a right-hand page, its captions on
  the left-hand page facing it (only when the next page is a left-hand one);
- ``photo-beside-captions``: a portrait photo with its captions in a column beside it;
- ``two-per-page``: two landscape photos, each above its captions, when both fit;
- ``full-page``: one photo across the text width, its captions under it.

Where a section's opener would fall on a left-hand page, the page before it shows the
section's hero (``full-bleed``: its first landscape photo across the whole page into the
bleed, its captions under it), or when it has none that fits, a page for notes.

Captions sit in one column per language, side by side, when the columns are wide enough
(otherwise stacked), in the page order of the languages. A photo is never cropped, and
never printed larger than ``PageSpec.min_ppi`` allows. Pages are numbered from the cover
(1, a right-hand page); the index lists the pages where each photographer's photos are.
"""

from __future__ import annotations

from curator.core.layout.catalogue_front import FrontMatter
from curator.core.layout.catalogue_model import (
    Align,
    CatalogueContent,
    CatalogueGeometry,
    CataloguePage,
    CataloguePhoto,
    CatalogueSection,
    PageFill,
    PageImage,
    PageKind,
    PagePhoto,
    PageSpec,
    PageText,
    Tone,
)
from curator.core.layout.catalogue_pages import COLUMN_GAP_MM, MIN_COLUMN_MM, Draft
from curator.core.layout.catalogue_text import (
    SANS,
    SANS_BOLD,
    SERIF,
    SERIF_BOLD,
    SERIF_ITALIC,
    Setter,
    TextStyle,
    readable,
)
from curator.core.layout.geometry import Rect, effective_ppi, fit_aspect, max_width_for_ppi
from curator.core.layout.style import TextMeasure
from curator.core.model import CaptionField

CAPTION_GAP_MM = 4.0
LANGUAGE_GAP_MM = 4.0
#: A photo keeps at least this share of the height its template gives it and its captions.
MIN_PHOTO_SHARE = 0.45
PORTRAIT_BELOW = 0.95  # width / height under which a photo is set as a portrait
TEXT_MEASURE_MM = 125.0  # the longest line of running text (forewords, introductions)
SIGNATURE_MM = 16.0  # the height of the box a signature image is fitted into
#: Pages without a folio: the half-title and its verso, the title page, the colophon's.
_NO_FOLIO = (PageKind.COVER, PageKind.HALF_TITLE, PageKind.TITLE)


class _Builder(FrontMatter):
    """The catalogue's pages: front matter, sections with their photos, back matter."""

    # -- placing ----------------------------------------------------------------------------

    def place_photo(self, photo: CataloguePhoto, area: Rect, centre: bool = False) -> PagePhoto:
        cap = max_width_for_ppi(photo.pixel_width, self.spec.min_ppi)
        fitted = fit_aspect(area, photo.aspect, cap)
        x = fitted.x_mm if centre else area.x_mm
        y = fitted.y_mm if centre else area.y_mm
        rect = Rect(x, y, fitted.width_mm, fitted.height_mm)
        return PagePhoto(photo.id, rect, effective_ppi(photo.pixel_width, photo.pixel_height, rect))

    def captions_height(self, photo: CataloguePhoto, width: float, scale: float = 1.0) -> float:
        count = len(self.languages)
        column = (width - (count - 1) * COLUMN_GAP_MM) / count
        if count == 1 or column >= MIN_COLUMN_MM:
            heights = [self._height(photo, lang, column, scale) for lang in self.languages]
            return max(heights, default=0.0)
        return self.stacked_height(photo, width, scale)

    def stacked_height(self, photo: CataloguePhoto, width: float, scale: float = 1.0) -> float:
        heights = [self._height(photo, lang, width, scale) for lang in self.languages]
        present = [h for h in heights if h > 0]
        return sum(present) + LANGUAGE_GAP_MM * max(0, len(present) - 1)

    def _height(self, photo: CataloguePhoto, language: str, width: float, scale: float) -> float:
        return self.setter.caption_height(language, width, photo.captions.get(language, {}), scale)

    def set_captions(
        self, draft: Draft, photo: CataloguePhoto, area: Rect, stacked: bool = False,
        scale: float = 1.0,
    ) -> None:  # fmt: skip
        columns = None if stacked else self.columns(area)
        if columns is not None:
            for language, column in zip(self.languages, columns, strict=True):
                fields = photo.captions.get(language, {})
                lines, _bottom = self.setter.caption(photo.id, language, column, fields, scale)
                draft.texts += lines
            return
        top = area.y_mm
        for language in self.languages:
            rect = Rect(area.x_mm, top, area.width_mm, max(0.0, area.bottom_mm - top))
            fields = photo.captions.get(language, {})
            lines, bottom = self.setter.caption(photo.id, language, rect, fields, scale)
            draft.texts += lines
            if lines:
                top = bottom + LANGUAGE_GAP_MM

    def photo_with_captions(self, draft: Draft, photo: CataloguePhoto, area: Rect) -> bool:
        """Photo at the top of ``area``, captions under it; False if the captions overflow."""
        needed = self.captions_height(photo, area.width_mm)
        room = max(area.height_mm * MIN_PHOTO_SHARE, area.height_mm - needed - CAPTION_GAP_MM)
        placed = self.place_photo(photo, Rect(area.x_mm, area.y_mm, area.width_mm, room))
        draft.photos.append(placed)
        top = placed.rect.bottom_mm + CAPTION_GAP_MM
        self.set_captions(draft, photo, Rect(area.x_mm, top, area.width_mm, area.bottom_mm - top))
        return needed <= area.bottom_mm - top + 1e-6

    # -- templates --------------------------------------------------------------------------

    def foreword(self, language: str) -> None:
        text = self.content.foreword.get(language, "").strip()
        if not text:
            return
        draft = self.page(PageKind.FOREWORD, "foreword")
        draft.running = self.content.running_title
        box = self.box(draft)
        heading = TextStyle(SERIF_BOLD, 20.0, Tone.LEAD)
        top = box.y_mm + 30.0
        lines, top = self.setter.paragraph(
            self.word("foreword", language), language, box, top, heading
        )
        draft.texts += lines
        draft.fills.append(PageFill(Rect(box.x_mm, top + 2.0, 24.0, 0.5), Tone.ACCENT))
        body = TextStyle(SERIF, 10.5, Tone.LEAD, 1.5)
        width = min(TEXT_MEASURE_MM, box.width_mm)
        top += 12.0
        for paragraph in (p for p in text.split("\n") if p.strip()):
            draft, top = self.flow(draft, paragraph, language, width, top, body)
            top += 2.5
        self.signature(draft, language, width, top + 6.0)

    def signature(self, draft: Draft, language: str, width: float, top: float) -> None:
        """The signature image, the signatory's name and title under the foreword."""
        name, title = self.content.signatory.get(language, ("", ""))
        image = self.content.signature
        if not name and not title and image is None:
            return
        name_style = TextStyle(SERIF_BOLD, 10.5, Tone.LEAD, 1.4)
        title_style = TextStyle(SERIF_ITALIC, 9.5, Tone.SECOND, 1.4)
        needed = (SIGNATURE_MM if image is not None else 0.0) + 14.0
        if top + needed > self.box(draft).bottom_mm:
            draft = self.continued(draft)
            top = self.box(draft).y_mm
        box = self.box(draft)
        if image is not None:
            rect = Rect(box.x_mm, top, min(60.0, width), SIGNATURE_MM)
            draft.images.append(PageImage(image, rect, Align.LEFT))
            top += SIGNATURE_MM + 2.0
        area = Rect(box.x_mm, top, width, box.bottom_mm - top)
        for text, style in ((name, name_style), (title, title_style)):
            if text:
                lines, top = self.setter.paragraph(
                    text, language, area, top, style, hyphenate=False
                )
                draft.texts += lines

    def hero(self, section: CatalogueSection) -> CataloguePhoto | None:
        """The section's hero across the left-hand page before its opener, or None.

        The hero is the section's first landscape photo: it bleeds off the head and the
        outer edge and runs to the spine's fold (the gutter: nothing of it is cut there),
        across the page's whole width at its own proportions, never cropped beyond the
        bleed; its captions sit under it, inside the margins. None when the section has no
        landscape photo that is sharp enough at that size.
        """
        photo = next((p for p in section.photos if p.aspect >= 1.2), None)
        if photo is None or self.next_number % 2 == 1:
            return None
        spec = self.spec
        bleed = spec.bleed_mm
        width = spec.trim_width_mm + bleed  # the outer bleed; the inner edge is the fold
        height = width / photo.aspect
        rect = Rect(-bleed, -bleed, width, height)
        ppi = effective_ppi(photo.pixel_width, photo.pixel_height, rect)
        box = spec.content(self.next_number)
        room = box.bottom_mm - (rect.bottom_mm + CAPTION_GAP_MM)
        if ppi < spec.min_ppi or self.captions_height(photo, box.width_mm) > room:
            return None
        draft = self.page(PageKind.PHOTOS, "full-bleed", section)
        draft.photos.append(PagePhoto(photo.id, rect, ppi))
        top = max(rect.bottom_mm + CAPTION_GAP_MM, box.y_mm)
        self.set_captions(draft, photo, Rect(box.x_mm, top, box.width_mm, box.bottom_mm - top))
        return photo

    def opener(self, index: int, section: CatalogueSection) -> CataloguePhoto | None:
        """The section's opener on a right-hand page; returns the hero set before it."""
        hero = self.hero(section)
        self.start_on_recto()
        self.section_starts.append((self.next_number, section))
        draft = self.page(PageKind.OPENER, "section-opener", section)
        box = self.box(draft)
        d = self.display
        number = TextStyle(SERIF, 54.0 * d, Tone.ACCENT)
        draft.texts += self.setter.paragraph(f"{index:02d}", None, box, box.y_mm + 20.0, number)[0]
        top = box.y_mm + 20.0 + 42.0 * d
        for language in self.languages:
            lead = language == self.lead
            style = (
                TextStyle(SERIF_BOLD, 24.0 * d, Tone.LEAD, 1.15)
                if lead
                else TextStyle(SERIF_ITALIC, 13.5 * d, Tone.SECOND, 1.25)
            )
            text = section.title.get(language, "")
            lines, top = self.setter.paragraph(
                text, language, box, top, style, hyphenate=False, balance=True
            )
            draft.texts += lines
            top += 5.0 if lead else 1.5
        draft.fills.append(PageFill(Rect(box.x_mm, top + 4.0, 24.0, 0.5), Tone.ACCENT))
        top += 14.0
        width = min(TEXT_MEASURE_MM, box.width_mm)
        for language in self.languages:
            text = section.intro.get(language, "")
            if not text.strip():
                continue
            style = (
                TextStyle(SERIF, 10.0, Tone.LEAD, 1.45)
                if language == self.lead
                else TextStyle(SANS, 8.0, Tone.SECOND, 1.4)
            )
            draft, top = self.flow(draft, text, language, width, top, style)
            top += 5.0
        return hero

    def full_page(
        self, section: CatalogueSection, photo: CataloguePhoto, template: str = "full-page"
    ) -> None:
        draft = self.page(PageKind.PHOTOS, template, section)
        self.photo_with_captions(draft, photo, self.box(draft))

    def two_per_page(self, section: CatalogueSection, pair: tuple[CataloguePhoto, ...]) -> bool:
        draft = Draft(PageKind.PHOTOS, "two-per-page", section.id)
        box = self.spec.content(self.next_number)
        half = (box.height_mm - 10.0) / 2
        fits = True
        for index, photo in enumerate(pair):
            area = Rect(box.x_mm, box.y_mm + index * (half + 10.0), box.width_mm, half)
            fits = self.photo_with_captions(draft, photo, area) and fits
        if fits:
            draft.running = section.title.get(self.lead, "")
            self.drafts.append(draft)
        return fits

    def beside(self, section: CatalogueSection, photo: CataloguePhoto) -> None:
        draft = self.page(PageKind.PHOTOS, "photo-beside-captions", section)
        box = self.box(draft)
        column = max(MIN_COLUMN_MM + 10.0, box.width_mm * 0.34)
        area = Rect(box.x_mm, box.y_mm, box.width_mm - column - 6.0, box.height_mm)
        placed = self.place_photo(photo, area)
        draft.photos.append(placed)
        side = Rect(box.right_mm - column, box.y_mm, column, box.height_mm)
        height = self.stacked_height(photo, column)
        top = max(side.y_mm, placed.rect.bottom_mm - height)
        self.set_captions(draft, photo, Rect(side.x_mm, top, column, side.bottom_mm - top), True)

    def facing(self, section: CatalogueSection, photo: CataloguePhoto) -> None:
        draft = self.page(PageKind.CAPTIONS, "photo-facing-captions", section)
        box = self.box(draft)
        width = min(TEXT_MEASURE_MM - 15.0, box.width_mm)
        height = self.stacked_height(photo, width, 1.2)
        top = max(box.y_mm, box.bottom_mm - height - box.height_mm * 0.12)
        area = Rect(box.x_mm, top, width, box.bottom_mm - top)
        self.set_captions(draft, photo, area, stacked=True, scale=1.2)
        draft.fills.append(PageFill(Rect(box.x_mm, top - 8.0, 24.0, 0.5), Tone.ACCENT))
        picture = self.page(PageKind.PHOTOS, "full-page-photo", section)
        picture.photos.append(self.place_photo(photo, self.box(picture), centre=True))

    def section_pages(self, section: CatalogueSection, hero: CataloguePhoto | None = None) -> None:
        photos = tuple(p for p in section.photos if p is not hero)
        index = 0
        while index < len(photos):
            photo = photos[index]
            following = photos[index + 1] if index + 1 < len(photos) else None
            if photo.aspect < PORTRAIT_BELOW:
                if self.next_number % 2 == 1:
                    self.beside(section, photo)
                elif _has_words(photo):
                    self.facing(section, photo)  # the verso holds its captions
                elif following is not None and following.aspect < PORTRAIT_BELOW:
                    # nothing to face: two portraits share the spread
                    self.full_page(section, photo, "portrait-spread")
                    self.full_page(section, following, "portrait-spread")
                    index += 1
                else:
                    self.beside(section, photo)
                index += 1
                continue
            pair = following is not None and following.aspect >= PORTRAIT_BELOW
            if pair and following is not None and self.two_per_page(section, (photo, following)):
                index += 2
                continue
            self.full_page(section, photo)
            index += 1

    def folios(self) -> list[CataloguePage]:
        pages = []
        style = TextStyle(SANS_BOLD, 7.5, Tone.LEAD)
        running = readable(TextStyle(SANS, 7.0, Tone.MUTED))  # screened: 8 pt at least
        for number, draft in enumerate(self.drafts, start=1):
            texts = list(draft.texts)
            if draft.kind not in _NO_FOLIO:
                box = self.spec.content(number)
                baseline = box.bottom_mm + 12.0
                recto = number % 2 == 1
                x = box.right_mm if recto else box.x_mm
                align = Align.RIGHT if recto else Align.LEFT
                texts.append(
                    PageText(str(number), style.font, style.size_pt, x, baseline, style.tone, align)
                )
                if draft.running:
                    gap = self.setter.measure.width_mm(str(number), style.font, style.size_pt) + 4.0
                    texts.append(
                        PageText(
                            draft.running,
                            running.font,
                            running.size_pt,
                            x - gap if recto else x + gap,
                            baseline,
                            running.tone,
                            align,
                            self.lead,
                        )
                    )
            pages.append(
                CataloguePage(
                    number,
                    draft.kind,
                    draft.template,
                    tuple(texts),
                    tuple(draft.photos),
                    tuple(draft.fills),
                    draft.section_id,
                    tuple(draft.images),
                )
            )
        return pages


def _has_words(photo: CataloguePhoto) -> bool:
    """Whether a photo has a headline or a caption in some language.

    A credit alone is not enough to fill the page facing it.
    """
    wanted = (CaptionField.HEADLINE, CaptionField.CAPTION)
    return any(fields.get(key, "").strip() for fields in photo.captions.values() for key in wanted)


def _build(
    content: CatalogueContent,
    spec: PageSpec,
    languages: tuple[str, ...],
    measure: TextMeasure,
    padding: int,
) -> _Builder:
    builder = _Builder(content, spec, Setter(measure, languages, print_rules=True))
    builder.half_title()
    builder.title_page()
    builder.imprint_page()
    builder.reserve_contents()
    for language in languages:
        builder.foreword(language)
    for index, section in enumerate(content.sections, start=1):
        hero = builder.opener(index, section)
        builder.section_pages(section, hero)
    for _page in range(padding):
        builder.notes()
    builder.index()
    builder.colophon()
    builder.fill_contents()
    return builder


def binding_multiple(pages: int) -> int:
    """The multiple a book block's page count is made up to: ``pages`` rounded up to 4."""
    return max(4, -(-int(pages) // 4) * 4)


def catalogue_geometry(
    content: CatalogueContent,
    spec: PageSpec,
    languages: tuple[str, ...],
    measure: TextMeasure,
) -> CatalogueGeometry:
    """Every page of the book block (the cover is a sheet of its own: :mod:`.cover`).

    Args:
        content: The texts and photos, sections in visit order.
        spec: Trim, bleed, margins and the resolution cap.
        languages: The languages in page order (the first leads); at least one.
        measure: The PDF's text measure.

    Returns:
        The pages in order, numbered from the half-title; their count is a multiple of
        ``content.binding_pages``, made up with pages for notes before the index.
    """
    multiple = binding_multiple(content.binding_pages)
    padding = 0
    builder = _build(content, spec, languages, measure, padding)
    for _attempt in range(8):  # the index's page numbers may change its length: settle
        short = (-len(builder.drafts)) % multiple
        if short == 0:
            break
        padding += short
        builder = _build(content, spec, languages, measure, padding)
    return CatalogueGeometry(spec, languages, tuple(builder.folios()))
