"""The catalogue's pages: cover, forewords, section openers, photo pages, index, colophon.

Sections and their photos come in visit order (the same order the panels follow). A photo
takes the page template the curator chose for it, or one by rule
(:mod:`curator.core.layout.catalogue_photos`):

- ``photo-facing-captions``: a portrait photo alone on a right-hand page, its captions on
  the left-hand page facing it (only when the next page is a left-hand one and the photo
  has words to face; otherwise two portraits share the spread, ``portrait-spread``);
- ``photo-beside-captions``: a portrait photo with its captions in a column beside it;
- ``two-per-page``: two landscape photos, equally wide, each above its captions;
- ``two-up``: two photos side by side, equally wide (the curator's choice);
- ``full-page``: one photo across the text width, its captions under it;
- ``full-bleed``: one photo across the whole page into the bleed;
- ``spread``: one photo across a left- and a right-hand page, the binding's gutter allowed.

Where a section's opener would fall on a left-hand page, the page before it shows the
section's hero (``full-bleed``: the photo the curator chose full-bleed, else its first
landscape photo), or when it has none that fits, a page for notes.

Captions sit in one column per language, side by side, when the columns are wide enough
(otherwise stacked), in the page order of the languages, each column as wide as its
language's text needs. A photo is never cropped (one across a spread is split at the fold,
each page printing its half), and never printed larger than ``PageSpec.min_ppi`` allows.
Pages are numbered from the cover (1, a right-hand page); the index lists the pages where
each photographer's photos are.
"""

from __future__ import annotations

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
    PageSpec,
    PageText,
    Tone,
)
from curator.core.layout.catalogue_pages import Draft
from curator.core.layout.catalogue_photos import TEXT_MEASURE_MM, PhotoPages
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
from curator.core.layout.geometry import Rect
from curator.core.layout.style import TextMeasure

SIGNATURE_MM = 16.0  # the height of the box a signature image is fitted into
#: Pages without a folio: the half-title and its verso, the title page, the colophon's.
_NO_FOLIO = (PageKind.COVER, PageKind.HALF_TITLE, PageKind.TITLE)


class _Builder(PhotoPages):
    """The catalogue's pages: front matter, sections with their photos, back matter."""

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
                    tuple(draft.codes),
                )
            )
        return pages


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
