"""The catalogue's back matter: the index of photographers and the colophon.

The index has one column per language, each sorted in that language's alphabetical order
(:mod:`curator.core.language.collation`), with the pages of each photographer's photos; it goes on
to
further pages when it is long. The colophon sits at the foot of the last page, a left-hand
page (the book block is made up to its binding's multiple with pages for notes).
"""

from __future__ import annotations

from curator.core.language.collation import sorted_people
from curator.core.layout.catalogue_model import (
    Align,
    PageFill,
    PageImage,
    PageKind,
    PageText,
    Tone,
)
from curator.core.layout.catalogue_pages import Draft, PageRun
from curator.core.layout.catalogue_text import SANS, SANS_BOLD, SERIF_BOLD, SERIF_ITALIC, TextStyle
from curator.core.layout.geometry import Rect
from curator.core.layout.qr import QrMark, qr_side_mm
from curator.core.layout.text import break_text

#: The organisers' logos on the colophon's page: each fitted into a box this high.
LOGO_HEIGHT_MM = 14.0
LOGO_WIDTH_MM = 36.0
LOGO_GAP_MM = 8.0
#: A catalogue is read in the hand: its colophon's code is sized for this distance.
BOOK_READING_CM = 25.0


class BackMatter(PageRun):
    """Adds the index and the colophon to a run of pages."""

    def index(self) -> None:
        """The index of photographers, one column per language, with their pages."""
        pages: dict[str, list[int]] = {}
        for number, draft in enumerate(self.drafts, start=1):
            if draft.kind is not PageKind.COVER:
                for placed in draft.photos:
                    pages.setdefault(placed.photo_id, []).append(number)
        photos = [p for s in self.content.sections for p in s.photos]
        entries: dict[str, dict[str, set[int]]] = {}
        for photo in photos:
            for language in self.languages:
                for name in photo.photographers.get(language, ()):
                    found = entries.setdefault(language, {}).setdefault(name, set())
                    found.update(pages.get(photo.id, []))
        if not any(entries.values()):
            return
        draft = self.page(PageKind.INDEX, "index")
        draft.running = self.content.running_title
        box = self.box(draft)
        top = box.y_mm + 30.0
        for language in self.languages:
            lead = language == self.lead
            style = (
                TextStyle(SERIF_BOLD, 20.0, Tone.LEAD)
                if lead
                else TextStyle(SERIF_ITALIC, 12.0, Tone.SECOND)
            )
            text = self.word("photographers", language)
            lines, top = self.setter.paragraph(text, language, box, top, style, hyphenate=False)
            draft.texts += lines
            top += 1.5
        draft.fills.append(PageFill(Rect(box.x_mm, top + 3.0, 24.0, 0.5), Tone.ACCENT))
        top += 14.0
        area = Rect(box.x_mm, top, box.width_mm, box.bottom_mm - top)
        columns = self.columns(area)
        if columns is None:  # narrow pages: the languages one after another
            place = (draft, top)
            for language in self.languages:
                place = self.index_column(
                    place, language, 0.0, area.width_mm, entries.get(language, {})
                )
                place = (place[0], place[1] + 4.0)
            return
        for language, column in zip(self.languages, columns, strict=True):
            offset = column.x_mm - box.x_mm
            self.index_column(
                (draft, top), language, offset, column.width_mm, entries.get(language, {})
            )

    def index_column(
        self,
        place: tuple[Draft, float],
        language: str,
        offset: float,
        width: float,
        names: dict[str, set[int]],
    ) -> tuple[Draft, float]:
        """One language's entries from ``place`` (page and top), going on to further pages."""
        draft, top = place
        label = TextStyle(SANS_BOLD, 7.0, Tone.MUTED)
        box = self.box(draft)
        column = Rect(box.x_mm + offset, top, width, box.bottom_mm - top)
        lines, top = self.setter.paragraph(
            self.word("language", language).upper(), None, column, top, label
        )
        draft.texts += lines
        top += 2.0
        name_style = TextStyle(SANS, 8.5, Tone.LEAD, 1.45)
        page_style = TextStyle(SANS, 8.5, Tone.MUTED, 1.45)
        height = self.setter.line_height(name_style)
        known = dict(self.content.surnames.get(language, {}))
        for name in sorted_people(list(names), language, known):
            numbers = ", ".join(str(n) for n in sorted(names[name]))
            number_width = min(width * 0.45, self.setter.measure.width_mm(numbers, SANS, 8.5))
            name_width = width - number_width - 3.0
            name_lines = self._broken(name, name_width, name_style)
            number_lines = self._broken(numbers, number_width, page_style)
            count = max(len(name_lines), len(number_lines))
            if top + count * height > box.bottom_mm + 1e-6 and top > box.y_mm + 1e-6:
                draft = self.continued(draft)
                box, top = self.box(draft), self.box(draft).y_mm
            x = box.x_mm + offset
            area = Rect(x, top, name_width, box.bottom_mm - top)
            draft.texts += self.setter.paragraph(
                name, language, area, top, name_style, hyphenate=False
            )[0]
            right = Rect(x + width - number_width, top, number_width, box.bottom_mm - top)
            draft.texts += self.setter.paragraph(
                numbers, None, right, top, page_style, align=Align.RIGHT
            )[0]
            top += count * height
        return draft, top

    def _broken(self, text: str, width: float, style: TextStyle) -> list[str]:
        return [
            line.text
            for line in break_text(text, width, style.font, style.size_pt, self.setter.measure)
        ]

    def colophon_column(
        self, language: str, column: Rect, top: float
    ) -> tuple[list[PageText], float]:
        """One language's colophon lines from ``top``; returns them and the next top."""
        texts: list[PageText] = []
        tone = self.setter.rank_tone(language)
        for index, line in enumerate(self.content.colophon.get(language, ())):
            style = TextStyle(SANS_BOLD if index == 0 else SANS, 7.5, tone, 1.45)
            lines, top = self.setter.paragraph(line, language, column, top, style, hyphenate=False)
            texts += lines
            top += 1.0
        return texts, top

    def colophon(self) -> None:
        """The colophon at the foot of the last page.

        That is a left-hand page: the block is made up to a multiple of 4 before the index.
        """
        draft = self.page(PageKind.COLOPHON, "colophon")
        box = self.box(draft)
        columns = self.columns(box)
        if columns is None:  # narrow pages: the languages one after another
            height = sum(self.colophon_column(lang, box, 0.0)[1] + 4.0 for lang in self.languages)
            top = box.bottom_mm - height
            self.site_code(draft, top - 8.0)
            self.logos(draft, top - 8.0)
            draft.fills.append(PageFill(Rect(box.x_mm, top - 8.0, 24.0, 0.5), Tone.ACCENT))
            for language in self.languages:
                lines, top = self.colophon_column(language, box, top)
                draft.texts += lines
                top += 4.0
            return
        pairs = list(zip(self.languages, columns, strict=True))
        height = max((self.colophon_column(lang, col, 0.0)[1] for lang, col in pairs), default=0.0)
        start = box.bottom_mm - height
        self.site_code(draft, start - 8.0)
        self.logos(draft, start - 8.0)
        draft.fills.append(PageFill(Rect(box.x_mm, start - 8.0, 24.0, 0.5), Tone.ACCENT))
        for language, column in pairs:
            draft.texts += self.colophon_column(language, column, start)[0]

    def site_code(self, draft: Draft, bottom: float) -> None:
        """The web edition's QR code at the right, ending above ``bottom`` (none unset).

        Sized for a book read at :data:`BOOK_READING_CM`; the logos keep left of it.
        """
        url = self.content.site_url
        if not url:
            return
        box = self.box(draft)
        side = qr_side_mm(url, BOOK_READING_CM)
        rect = Rect(box.right_mm - side, bottom - 4.0 - side, side, side)
        draft.codes.append(QrMark(url, rect, BOOK_READING_CM))

    def logos(self, draft: Draft, bottom: float) -> None:
        """The organisers' logos in rows across the page, ending above ``bottom``."""
        logos = self.content.logos
        if not logos:
            return
        box = self.box(draft)
        width = box.width_mm - sum(code.rect.width_mm + LOGO_GAP_MM for code in draft.codes)
        per_row = max(1, int((width + LOGO_GAP_MM) // (LOGO_WIDTH_MM + LOGO_GAP_MM)))
        rows = [logos[i : i + per_row] for i in range(0, len(logos), per_row)]
        top = bottom - 6.0 - len(rows) * (LOGO_HEIGHT_MM + 4.0)
        for row in rows:
            for index, asset_id in enumerate(row):
                x = box.x_mm + index * (LOGO_WIDTH_MM + LOGO_GAP_MM)
                rect = Rect(x, top, LOGO_WIDTH_MM, LOGO_HEIGHT_MM)
                draft.images.append(PageImage(asset_id, rect, Align.LEFT))
            top += LOGO_HEIGHT_MM + 4.0
