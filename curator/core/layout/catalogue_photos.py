"""The catalogue's photo pages: the templates, and which one each photo gets.

A photo takes the template the curator chose for it (:class:`PageChoice`), or by rule
(``auto``, :meth:`PhotoPages.section_pages`). Every template places photos and captions on
one grid per page: photos in a row are as wide as each other, captions start at their photo's
left edge and run no wider than it (unless the photo is too narrow for the columns), and the
caption columns are as wide as their language's text needs (:func:`column_widths`), the same
columns for every photo of the page.

A choice that cannot be honoured falls back, never to a crop or an unreadable page: a photo
across a spread needs to be wide enough to cross both pages at its own proportions and leave
its captions room under it (and sharp enough at that size), a full-bleed photo sharp enough and
its captions room; otherwise it gets a page of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from curator.core.layout.catalogue_front import FrontMatter
from curator.core.layout.catalogue_model import (
    CataloguePhoto,
    CatalogueSection,
    PageChoice,
    PageFill,
    PageKind,
    PagePhoto,
    Tone,
)
from curator.core.layout.catalogue_pages import COLUMN_GAP_MM, MIN_COLUMN_MM, Draft
from curator.core.layout.geometry import Rect, cut_to, effective_ppi, fit_aspect, max_width_for_ppi
from curator.core.model import CaptionField

CAPTION_GAP_MM = 4.0
LANGUAGE_GAP_MM = 4.0
#: A photo keeps at least this share of the height its template gives it and its captions.
MIN_PHOTO_SHARE = 0.45
PORTRAIT_BELOW = 0.95  # width / height under which a photo is set as a portrait
HERO_FROM = 1.2  # width / height from which a photo may be a section's hero
TEXT_MEASURE_MM = 125.0  # the longest line of running text (forewords, introductions)
ROW_GAP_MM = 10.0  # between the rows (and the cells of a row) of a page of two photos
#: The template of a photo alone on its page, across the text width.
SINGLE = "full-page"


@dataclass(frozen=True, slots=True)
class ColumnGrid:
    """The language columns under the photos of one page: weights and floors per language."""

    weights: tuple[float, ...]
    floors: tuple[float, ...]


class PhotoPages(FrontMatter):
    """Photo pages on one grid; the curator's choice of template, or the rules."""

    # -- placing ----------------------------------------------------------------------------

    def place_photo(self, photo: CataloguePhoto, area: Rect, centre: bool = False) -> PagePhoto:
        """The photo fitted into ``area`` (top left, or centred), capped by its pixels."""
        cap = max_width_for_ppi(photo.pixel_width, self.spec.min_ppi)
        fitted = fit_aspect(area, photo.aspect, cap)
        x = fitted.x_mm if centre else area.x_mm
        y = fitted.y_mm if centre else area.y_mm
        rect = Rect(x, y, fitted.width_mm, fitted.height_mm)
        return PagePhoto(photo.id, rect, effective_ppi(photo.pixel_width, photo.pixel_height, rect))

    def grid(self, photos: Sequence[CataloguePhoto]) -> ColumnGrid:
        """The language columns of a page holding ``photos``.

        Each language's weight is how much page its captions take; its floor is the widest
        of its headlines on one line (so a headline is not broken for a narrow column).
        """
        weights, floors = [], []
        for lang in self.languages:
            weights.append(
                sum(self.setter.caption_area(lang, p.captions.get(lang, {})) for p in photos)
            )
            floors.append(
                max((self.setter.headline_width(lang, p.captions.get(lang, {})) for p in photos),
                    default=0.0)
            )  # fmt: skip
        return ColumnGrid(tuple(weights), tuple(floors))

    def captions_height(
        self, photo: CataloguePhoto, width: float, scale: float = 1.0,
        grid: ColumnGrid | None = None,
    ) -> float:  # fmt: skip
        """The height of a photo's captions in ``width``: its tallest column, or stacked."""
        grid = grid or self.grid([photo])
        columns = self.columns(Rect(0.0, 0.0, width, 10_000.0), grid.weights, grid.floors)
        if columns is not None:
            heights = [
                self._height(photo, lang, column.width_mm, scale)
                for lang, column in zip(self.languages, columns, strict=True)
            ]
            return max(heights, default=0.0)
        return self.stacked_height(photo, width, scale)

    def stacked_height(self, photo: CataloguePhoto, width: float, scale: float = 1.0) -> float:
        """The height of a photo's captions, the languages one under the other."""
        heights = [self._height(photo, lang, width, scale) for lang in self.languages]
        present = [h for h in heights if h > 0]
        return sum(present) + LANGUAGE_GAP_MM * max(0, len(present) - 1)

    def _height(self, photo: CataloguePhoto, language: str, width: float, scale: float) -> float:
        return self.setter.caption_height(language, width, photo.captions.get(language, {}), scale)

    def set_captions(
        self, draft: Draft, photo: CataloguePhoto, area: Rect, stacked: bool = False,
        scale: float = 1.0, grid: ColumnGrid | None = None,
    ) -> None:  # fmt: skip
        """Set a photo's captions in ``area``: in language columns, or stacked."""
        grid = grid or self.grid([photo])
        columns = None if stacked else self.columns(area, grid.weights, grid.floors)
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

    def caption_span(self, photo: Rect, area: Rect) -> Rect:
        """Where a photo's captions run: under it and as wide as it.

        When the photo is too narrow for the language columns, they take ``area``'s width.
        """
        count = len(self.languages)
        needed = count * MIN_COLUMN_MM + (count - 1) * COLUMN_GAP_MM
        if count > 1 and photo.width_mm < needed - 1e-6:
            return Rect(area.x_mm, area.y_mm, area.width_mm, area.height_mm)
        return Rect(photo.x_mm, area.y_mm, photo.width_mm, area.height_mm)

    # -- templates of one page --------------------------------------------------------------

    def full_page(
        self, section: CatalogueSection, photo: CataloguePhoto, template: str = SINGLE
    ) -> bool:
        """The photo across the text width, its captions under it, aligned to it."""
        draft = self.page(PageKind.PHOTOS, template, section)
        area = self.box(draft)
        grid = self.grid([photo])
        needed = self.captions_height(photo, area.width_mm, grid=grid)
        room = max(area.height_mm * MIN_PHOTO_SHARE, area.height_mm - needed - CAPTION_GAP_MM)
        placed = self.place_photo(photo, Rect(area.x_mm, area.y_mm, area.width_mm, room))
        draft.photos.append(placed)
        top = placed.rect.bottom_mm + CAPTION_GAP_MM
        span = self.caption_span(placed.rect, Rect(area.x_mm, top, area.width_mm, 0.0))
        span = Rect(span.x_mm, top, span.width_mm, area.bottom_mm - top)
        self.set_captions(draft, photo, span, grid=grid)
        return True

    def two_per_page(self, section: CatalogueSection, pair: Sequence[CataloguePhoto]) -> bool:
        """Two photos one above the other, equally wide, on one column grid.

        False when a photo's captions would not fit (nothing is added then).
        """
        draft = Draft(PageKind.PHOTOS, "two-per-page", section.id)
        box = self.spec.content(self.next_number)
        half = (box.height_mm - ROW_GAP_MM) / 2
        grid = self.grid(pair)
        rows, widths = [], []
        for index, photo in enumerate(pair):
            area = Rect(box.x_mm, box.y_mm + index * (half + ROW_GAP_MM), box.width_mm, half)
            needed = self.captions_height(photo, area.width_mm, grid=grid)
            room = max(area.height_mm * MIN_PHOTO_SHARE, area.height_mm - needed - CAPTION_GAP_MM)
            photo_area = Rect(area.x_mm, area.y_mm, area.width_mm, room)
            widths.append(self.place_photo(photo, photo_area).rect.width_mm)
            rows.append((photo, area, photo_area))
        width = min(widths)  # one grid: both photos as wide as the narrower fits
        fits = True
        for photo, area, photo_area in rows:
            placed = self.place_photo(
                photo, Rect(area.x_mm, area.y_mm, width, photo_area.height_mm)
            )
            draft.photos.append(placed)
            top = placed.rect.bottom_mm + CAPTION_GAP_MM
            span = self.caption_span(placed.rect, Rect(area.x_mm, top, area.width_mm, 0.0))
            span = Rect(span.x_mm, top, span.width_mm, area.bottom_mm - top)
            needed = self.captions_height(photo, span.width_mm, grid=grid)
            fits = fits and needed <= span.height_mm + 1e-6
            self.set_captions(draft, photo, span, grid=grid)
        if fits:
            draft.running = section.title.get(self.lead, "")
            self.drafts.append(draft)
        return fits

    def two_up(self, section: CatalogueSection, pair: Sequence[CataloguePhoto]) -> bool:
        """Two photos side by side in one row, equally wide, tops aligned.

        Each one's captions sit under it, from the same line for both, the languages one
        under the other. False (nothing added) when a photo's captions would not fit.
        """
        box = self.spec.content(self.next_number)
        cell = (box.width_mm - ROW_GAP_MM) / 2
        needed = max(self.stacked_height(photo, cell) for photo in pair)
        room = max(box.height_mm * MIN_PHOTO_SHARE, box.height_mm - needed - CAPTION_GAP_MM)
        cells = [Rect(box.x_mm + i * (cell + ROW_GAP_MM), box.y_mm, cell, room) for i in range(2)]
        width = min(self.place_photo(p, c).rect.width_mm for p, c in zip(pair, cells, strict=True))
        placed = [
            self.place_photo(p, Rect(c.x_mm, c.y_mm, width, c.height_mm))
            for p, c in zip(pair, cells, strict=True)
        ]
        top = max(p.rect.bottom_mm for p in placed) + CAPTION_GAP_MM
        if needed > box.bottom_mm - top + 1e-6:
            return False
        draft = self.page(PageKind.PHOTOS, "two-up", section)
        for photo, picture in zip(pair, placed, strict=True):
            draft.photos.append(picture)
            area = Rect(picture.rect.x_mm, top, width, box.bottom_mm - top)
            self.set_captions(draft, photo, area, stacked=True)
        return True

    def beside(self, section: CatalogueSection, photo: CataloguePhoto) -> bool:
        """A portrait with its captions in a column beside it, level with its foot."""
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
        return True

    def facing(self, section: CatalogueSection, photo: CataloguePhoto) -> None:
        """A portrait alone on a right-hand page, its captions on the page facing it."""
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

    def full_bleed(self, section: CatalogueSection, photo: CataloguePhoto) -> bool:
        """The photo across the whole next page at its own proportions.

        It runs off the head and the outer edge into the bleed and up to the spine's fold
        (nothing of it is cut there), its captions under it inside the margins. False
        (nothing added) when it is not sharp enough at that size or its captions have no
        room under it.
        """
        spec = self.spec
        bleed = spec.bleed_mm
        recto = self.next_number % 2 == 1
        width = spec.trim_width_mm + bleed  # the outer bleed; the inner edge is the fold
        rect = Rect(0.0 if recto else -bleed, -bleed, width, width / photo.aspect)
        ppi = effective_ppi(photo.pixel_width, photo.pixel_height, rect)
        box = spec.content(self.next_number)
        room = box.bottom_mm - (rect.bottom_mm + CAPTION_GAP_MM)
        if ppi < spec.min_ppi or self.captions_height(photo, box.width_mm) > room:
            return False
        draft = self.page(PageKind.PHOTOS, "full-bleed", section)
        draft.photos.append(PagePhoto(photo.id, rect, ppi))
        top = max(rect.bottom_mm + CAPTION_GAP_MM, box.y_mm)
        self.set_captions(draft, photo, Rect(box.x_mm, top, box.width_mm, box.bottom_mm - top))
        return True

    # -- a photo across a spread ------------------------------------------------------------

    def spread_rect(self, photo: CataloguePhoto) -> Rect:
        """The whole photo across a spread, in the left-hand page's millimetres.

        It runs from the left page's outer bleed to the right page's, at its own
        proportions, off the head into the bleed. The binding hides ``spread_gutter_mm`` of
        each page at the spine: the photo is split at its middle and each half moved out by
        that much, so the middle shows at the edge of the fold on both pages and what the
        binding hides is a copy (the photo is as wide as the two visible pages).
        """
        spec = self.spec
        gutter = max(0.0, min(spec.spread_gutter_mm, spec.trim_width_mm / 4))
        half = spec.trim_width_mm - gutter + spec.bleed_mm
        return Rect(-spec.bleed_mm, -spec.bleed_mm, 2 * half, 2 * half / photo.aspect)

    def spread(self, section: CatalogueSection, photo: CataloguePhoto) -> bool:
        """The photo across the next two pages (a left- and a right-hand page).

        Its captions sit under it on the left-hand page. False (nothing added) when the
        next page is a right-hand one, or the photo is too tall or too soft to cross the
        spread with room for its captions.
        """
        spec = self.spec
        if self.next_number % 2 == 1:
            return False
        whole = self.spread_rect(photo)
        ppi = effective_ppi(photo.pixel_width, photo.pixel_height, whole)
        box = spec.content(self.next_number)
        top = max(whole.bottom_mm + CAPTION_GAP_MM, box.y_mm)
        if ppi < spec.min_ppi or self.captions_height(photo, box.width_mm) > box.bottom_mm - top:
            return False
        gutter = spec.trim_width_mm - whole.width_mm / 2 + spec.bleed_mm
        height = spec.trim_height_mm + 2 * spec.bleed_mm
        # each page shows its half, from its outer bleed to the fold
        pages = (
            (
                whole,
                Rect(-spec.bleed_mm, -spec.bleed_mm, spec.trim_width_mm + spec.bleed_mm, height),
            ),
            (
                Rect(
                    2 * gutter - spec.trim_width_mm - spec.bleed_mm,
                    whole.y_mm,
                    whole.width_mm,
                    whole.height_mm,
                ),
                Rect(0.0, -spec.bleed_mm, spec.trim_width_mm + spec.bleed_mm, height),
            ),
        )
        for index, (rect, window) in enumerate(pages):
            cut = cut_to(rect, window)
            assert cut is not None  # the photo crosses both pages by construction
            part, source = cut
            draft = self.page(PageKind.PHOTOS, "spread", section)
            draft.photos.append(PagePhoto(photo.id, part, ppi, source))
            if index == 0:
                area = Rect(box.x_mm, top, box.width_mm, box.bottom_mm - top)
                self.set_captions(draft, photo, area)
        return True

    # -- which template ---------------------------------------------------------------------

    def hero(self, section: CatalogueSection) -> CataloguePhoto | None:
        """The section's hero, full-bleed on the left-hand page before its opener, or None.

        The hero is the photo the curator chose full-bleed, else the section's first
        landscape photo left to the rules; none when the opener falls on a right-hand page
        anyway or the hero is not sharp enough or leaves its captions no room.
        """
        if self.next_number % 2 == 1:
            return None
        flagged = [p for p in section.photos if p.choice is PageChoice.FULL_BLEED]
        ruled = [p for p in section.photos if p.choice is PageChoice.AUTO and p.aspect >= HERO_FROM]
        photo = next(iter(flagged or ruled), None)
        if photo is None or not self.full_bleed(section, photo):
            return None
        return photo

    def chosen(
        self, section: CatalogueSection, photo: CataloguePhoto, following: CataloguePhoto | None
    ) -> int:
        """Lay out a photo as the curator chose; returns how many photos it took.

        0: the choice cannot be honoured here, and the rules decide.
        """
        choice = photo.choice
        if choice is PageChoice.SINGLE:
            return int(self.full_page(section, photo))
        if choice is PageChoice.BESIDE:
            return int(self.beside(section, photo))
        if choice is PageChoice.FULL_BLEED:
            return int(self.full_bleed(section, photo))
        if choice is PageChoice.SPREAD:
            if self.spread(section, photo):
                return 1
            return int(self.full_bleed(section, photo)) or int(self.full_page(section, photo))
        pairs = following is not None and following.choice in (PageChoice.AUTO, PageChoice.TWO_UP)
        if choice is PageChoice.TWO_UP and following is not None and pairs:
            pair = (photo, following)
            side_by_side = max(p.aspect for p in pair) < HERO_FROM
            return 2 if (self.two_up if side_by_side else self.two_per_page)(section, pair) else 0
        return 0

    def section_pages(self, section: CatalogueSection, hero: CataloguePhoto | None = None) -> None:
        """A section's photo pages, its hero (set before its opener) left out."""
        photos = [p for p in section.photos if p is not hero]
        index = 0
        while index < len(photos):
            photo = photos[index]
            following = photos[index + 1] if index + 1 < len(photos) else None
            if photo.choice is PageChoice.SPREAD and self.next_number % 2 == 1:
                # a spread starts on a left-hand page: the next photo comes first
                later = next(
                    (p for p in photos[index + 1 :] if p.choice is not PageChoice.SPREAD), None
                )
                if later is not None and self.spread_fits(photo):
                    photos.remove(later)
                    photos.insert(index, later)
                    continue
            taken = self.chosen(section, photo, following)
            if taken:
                index += taken
                continue
            index += self.by_rule(section, photo, following)

    def spread_fits(self, photo: CataloguePhoto) -> bool:
        """Whether the photo would cross a spread (wherever the spread falls)."""
        whole = self.spread_rect(photo)
        ppi = effective_ppi(photo.pixel_width, photo.pixel_height, whole)
        box = self.spec.content(2)
        top = max(whole.bottom_mm + CAPTION_GAP_MM, box.y_mm)
        return ppi >= self.spec.min_ppi and (
            self.captions_height(photo, box.width_mm) <= box.bottom_mm - top
        )

    def by_rule(
        self, section: CatalogueSection, photo: CataloguePhoto, following: CataloguePhoto | None
    ) -> int:
        """Lay out a photo by the rules; returns how many photos it took.

        A portrait on a right-hand page sits beside its captions; on a left-hand page it
        faces its captions when it has words to face, else shares the spread with the next
        portrait (or sits beside its captions). Two landscape photos share a page when both
        fit; a landscape photo otherwise has a page of its own.
        """
        auto = following is not None and following.choice is PageChoice.AUTO
        if photo.aspect < PORTRAIT_BELOW:
            if self.next_number % 2 == 1:
                self.beside(section, photo)
            elif _has_words(photo):
                self.facing(section, photo)  # the verso holds its captions
            elif auto and following is not None and following.aspect < PORTRAIT_BELOW:
                # nothing to face: two portraits share the spread
                self.full_page(section, photo, "portrait-spread")
                self.full_page(section, following, "portrait-spread")
                return 2
            else:
                self.beside(section, photo)
            return 1
        pair = auto and following is not None and following.aspect >= PORTRAIT_BELOW
        if pair and following is not None and self.two_per_page(section, (photo, following)):
            return 2
        self.full_page(section, photo)
        return 1


def _has_words(photo: CataloguePhoto) -> bool:
    """Whether a photo has a headline or a caption in some language.

    A credit alone is not enough to fill the page facing it.
    """
    wanted = (CaptionField.HEADLINE, CaptionField.CAPTION)
    return any(fields.get(key, "").strip() for fields in photo.captions.values() for key in wanted)
