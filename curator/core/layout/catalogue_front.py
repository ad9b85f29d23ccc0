"""The catalogue's front matter and the pages that fill the book block to its binding.

In a book's order: the half-title on page 1 (the title alone), its verso (page 2, left
empty as books leave it), the title page on page 3 (title, subtitle, the organisers and their
logos in every language), the imprint on page 4 and the contents on page 5, with each
section's first page in every language. The contents are set once the sections are placed:
:meth:`FrontMatter.reserve_contents` keeps page 5 and :meth:`FrontMatter.fill_contents`
writes it.

A book block is printed in sheets folded into signatures, so its page count is a multiple
of 4 (or of 8 or 16, the ``binding_pages`` of the content). What is missing is made up with
designed pages for notes (a heading in every language and ruled lines), never with pages
left blank by accident; section openers that would fall on a left-hand page get one as well.
"""

from __future__ import annotations

from curator.core.layout.catalogue_back import (
    LOGO_GAP_MM,
    LOGO_HEIGHT_MM,
    LOGO_WIDTH_MM,
    BackMatter,
)
from curator.core.layout.catalogue_model import (
    Align,
    CatalogueSection,
    PageFill,
    PageImage,
    PageKind,
    PageText,
    Tone,
)
from curator.core.layout.catalogue_pages import Draft
from curator.core.layout.catalogue_text import (
    SANS,
    SANS_BOLD,
    SERIF,
    SERIF_BOLD,
    SERIF_ITALIC,
    TextStyle,
)
from curator.core.layout.geometry import Rect

#: The gap between ruled lines on a page for notes.
NOTES_RULE_MM = 9.0
CONTENTS_PAGE = 5


class FrontMatter(BackMatter):
    """Adds the half-title, title page, imprint, contents and notes pages to a run."""

    _contents: Draft | None = None
    #: The first page of each section, in visit order (filled as openers are made).
    section_starts: list[tuple[int, CatalogueSection]]

    def half_title(self) -> None:
        """Page 1: the title alone, in the leading language; page 2 stays empty."""
        draft = self.page(PageKind.HALF_TITLE, "half-title")
        box = self.box(draft)
        title = self.content.title.get(self.lead) or self.content.running_title
        style = TextStyle(SERIF, 16.0 * self.display, Tone.LEAD, 1.25)
        top = box.y_mm + box.height_mm * 0.22
        draft.texts += self.setter.paragraph(
            title, self.lead, box, top, style, Align.CENTRE, hyphenate=False, balance=True
        )[0]
        self.page(PageKind.HALF_TITLE, "half-title-verso")

    def title_page(self) -> None:
        """Page 3: title, subtitle and organisers in every language, and the logos."""
        draft = self.page(PageKind.TITLE, "title-page")
        box = self.box(draft)
        d = self.display
        top = box.y_mm + box.height_mm * 0.12
        for language in self.languages:
            lead = language == self.lead
            title = self.content.title.get(language, "")
            subtitle = self.content.subtitle.get(language, "")
            if title:
                style = (
                    TextStyle(SERIF_BOLD, 26.0 * d, Tone.LEAD, 1.15)
                    if lead
                    else TextStyle(SERIF_ITALIC, 14.0 * d, Tone.SECOND, 1.25)
                )
                lines, top = self.setter.paragraph(
                    title, language, box, top, style, Align.CENTRE, hyphenate=False, balance=True
                )
                draft.texts += lines
            if subtitle:
                style = (
                    TextStyle(SERIF, 13.0 * d, Tone.LEAD, 1.25)
                    if lead
                    else TextStyle(SERIF_ITALIC, 10.0 * d, Tone.SECOND, 1.3)
                )
                top += 1.5
                lines, top = self.setter.paragraph(
                    subtitle, language, box, top, style, Align.CENTRE, hyphenate=False,
                    balance=True,
                )  # fmt: skip
                draft.texts += lines
            top += 7.0 if lead else 4.0
        centre = box.x_mm + box.width_mm / 2
        draft.fills.append(PageFill(Rect(centre - 12.0, top + 2.0, 24.0, 0.5), Tone.ACCENT))
        logos = self.content.logos
        rows = self._logo_rows(box, logos)
        organisers_height = self._organisers_height(box)
        bottom = box.bottom_mm - organisers_height
        top_of_logos = bottom - 6.0 - len(rows) * (LOGO_HEIGHT_MM + 4.0)
        for row in rows:
            width = len(row) * LOGO_WIDTH_MM + (len(row) - 1) * LOGO_GAP_MM
            x = centre - width / 2
            for asset_id in row:
                rect = Rect(x, top_of_logos, LOGO_WIDTH_MM, LOGO_HEIGHT_MM)
                draft.images.append(PageImage(asset_id, rect, Align.CENTRE))
                x += LOGO_WIDTH_MM + LOGO_GAP_MM
            top_of_logos += LOGO_HEIGHT_MM + 4.0
        top = bottom
        for language in self.languages:
            names = self.content.organisers.get(language, ())
            if not names:
                continue
            style = TextStyle(SANS, 8.5 if language == self.lead else 7.5,
                              self.setter.rank_tone(language), 1.4)  # fmt: skip
            lines, top = self.setter.paragraph(
                " · ".join(names), language, box, top, style, Align.CENTRE, hyphenate=False
            )
            draft.texts += lines
            top += 1.5

    def _logo_rows(self, box: Rect, logos: tuple[int, ...]) -> list[tuple[int, ...]]:
        per_row = max(1, int((box.width_mm + LOGO_GAP_MM) // (LOGO_WIDTH_MM + LOGO_GAP_MM)))
        return [logos[i : i + per_row] for i in range(0, len(logos), per_row)]

    def _organisers_height(self, box: Rect) -> float:
        height = 0.0
        for language in self.languages:
            names = self.content.organisers.get(language, ())
            if names:
                size = 8.5 if language == self.lead else 7.5
                style = TextStyle(SANS, size, Tone.LEAD, 1.4)
                _lines, end = self.setter.paragraph(
                    " · ".join(names), language, box, 0.0, style, Align.CENTRE, hyphenate=False
                )
                height += end + 1.5
        return height

    def imprint_page(self) -> None:
        """Page 4: the imprint (edition, print run, printer, paper, ISBN, copyright)."""
        draft = self.page(PageKind.IMPRINT, "imprint")
        box = self.box(draft)
        blocks = [(lang, self.content.imprint.get(lang, ())) for lang in self.languages]
        style_of = {
            lang: TextStyle(SANS, 7.5, self.setter.rank_tone(lang), 1.45) for lang in self.languages
        }
        height = 0.0
        for language, lines in blocks:
            for line in lines:
                height = self.setter.paragraph(
                    line, language, box, height, style_of[language], hyphenate=False
                )[1]
            height += 4.0 if lines else 0.0
        top = box.bottom_mm - height
        for language, lines in blocks:
            for line in lines:
                texts, top = self.setter.paragraph(
                    line, language, box, top, style_of[language], hyphenate=False
                )
                draft.texts += texts
            top += 4.0 if lines else 0.0

    def reserve_contents(self) -> None:
        """Page 5, written by :meth:`fill_contents` once the sections have their pages."""
        self._contents = self.page(PageKind.CONTENTS, "contents")
        self.section_starts = []

    def fill_contents(self) -> None:
        """Each section's title in every language with the page its opener is on."""
        draft = self._contents
        if draft is None:
            return
        box = self.box(draft)
        top = box.y_mm + 30.0
        for language in self.languages:
            lead = language == self.lead
            style = (
                TextStyle(SERIF_BOLD, 20.0, Tone.LEAD)
                if lead
                else TextStyle(SERIF_ITALIC, 12.0, Tone.SECOND)
            )
            lines, top = self.setter.paragraph(
                self.word("contents", language), language, box, top, style, hyphenate=False
            )
            draft.texts += lines
            top += 1.5
        draft.fills.append(PageFill(Rect(box.x_mm, top + 3.0, 24.0, 0.5), Tone.ACCENT))
        top += 14.0
        number_style = TextStyle(SANS_BOLD, 9.0, Tone.LEAD, 1.4)
        room = Rect(box.x_mm + 12.0, box.y_mm, box.width_mm - 30.0, box.height_mm)
        for index, (number, section) in enumerate(self.section_starts, start=1):
            first_baseline: float | None = None
            for language in self.languages:
                text = section.title.get(language, "")
                if not text:
                    continue
                style = (
                    TextStyle(SERIF_BOLD, 10.5, Tone.LEAD, 1.3)
                    if language == self.lead
                    else TextStyle(SERIF_ITALIC, 8.5, Tone.SECOND, 1.3)
                )
                lines, top = self.setter.paragraph(
                    text, language, room, top, style, hyphenate=False
                )
                draft.texts += lines
                if lines and first_baseline is None:
                    first_baseline = lines[0].baseline_mm
            if first_baseline is None:
                continue
            # the section's number and its page share the first title line's baseline
            for text, x, align in (
                (f"{index:02d}", box.x_mm, Align.LEFT),
                (str(number), box.right_mm, Align.RIGHT),
            ):
                draft.texts.append(
                    PageText(
                        text,
                        number_style.font,
                        number_style.size_pt,
                        x,
                        first_baseline,
                        number_style.tone,
                        align,
                    )
                )
            top += 5.0

    def notes(self, section: CatalogueSection | None = None) -> None:
        """A page for notes: the word in every language, then ruled lines to the foot."""
        draft = self.page(PageKind.NOTES, "notes", section)
        if section is None:
            draft.running = self.content.running_title
        box = self.box(draft)
        top = box.y_mm + 8.0
        for language in self.languages:
            style = TextStyle(SANS, 8.0, self.setter.rank_tone(language))
            lines, top = self.setter.paragraph(
                self.word("notes", language), language, box, top, style, hyphenate=False
            )
            draft.texts += lines
        top += NOTES_RULE_MM
        while top <= box.bottom_mm:
            draft.fills.append(PageFill(Rect(box.x_mm, top, box.width_mm, 0.15), Tone.MUTED))
            top += NOTES_RULE_MM

    def start_on_recto(self, section: CatalogueSection | None = None) -> None:
        """A page for notes when the next page would be a left-hand one."""
        if self.next_number % 2 == 0:
            self.notes(section)


__all__ = ["SERIF", "FrontMatter"]
