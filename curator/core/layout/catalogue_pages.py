"""A run of catalogue pages being built: drafts, their content boxes, text that flows on.

The base of the catalogue's builder (:mod:`curator.core.layout.catalogue`): it knows page
numbers and parity, the language columns, and how a paragraph goes on to a new page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from curator.core.language.typography import lines_to_keep
from curator.core.layout.catalogue_model import (
    CatalogueContent,
    CatalogueSection,
    PageFill,
    PageImage,
    PageKind,
    PagePhoto,
    PageSpec,
    PageText,
)
from curator.core.layout.catalogue_text import Setter, TextStyle
from curator.core.layout.geometry import Rect
from curator.core.layout.qr import QrMark

COLUMN_GAP_MM = 5.0
MIN_COLUMN_MM = 45.0


@dataclass(eq=False)
class Draft:
    """A page being filled; it becomes a :class:`CataloguePage` once numbered."""

    kind: PageKind
    template: str
    section_id: str | None = None
    texts: list[PageText] = field(default_factory=list)
    photos: list[PagePhoto] = field(default_factory=list)
    fills: list[PageFill] = field(default_factory=list)
    images: list[PageImage] = field(default_factory=list)
    running: str = ""
    codes: list[QrMark] = field(default_factory=list)


class PageRun:
    """Pages in the making, numbered from 1 (the cover, a right-hand page)."""

    def __init__(self, content: CatalogueContent, spec: PageSpec, setter: Setter) -> None:
        self.content = content
        self.spec = spec
        self.setter = setter
        self.languages = setter.languages
        self.lead = setter.languages[0]
        self.drafts: list[Draft] = []
        #: Display type (titles, numbers) shrinks with pages narrower than A4's text width.
        self.display = min(1.0, spec.content(1).width_mm / 175.0)

    # -- pages ------------------------------------------------------------------------------

    @property
    def next_number(self) -> int:
        """The number the next page will have."""
        return len(self.drafts) + 1

    def page(self, kind: PageKind, template: str, section: CatalogueSection | None = None) -> Draft:
        """Start a new page (of a section, whose title runs in its foot)."""
        draft = Draft(kind, template, section.id if section else None)
        if section is not None:
            draft.running = section.title.get(self.lead, "")
        self.drafts.append(draft)
        return draft

    def box(self, draft: Draft) -> Rect:
        """The content box of a page, by its parity."""
        return self.spec.content(self.drafts.index(draft) + 1)

    def flow(
        self, draft: Draft, text: str, language: str | None, width: float, top: float,
        style: TextStyle,
    ) -> tuple[Draft, float]:  # fmt: skip
        """Set a paragraph from ``top``, going on to new pages when the page is full."""
        box = self.box(draft)
        tall = Rect(box.x_mm, top, width, 100_000.0)
        lines, _end = self.setter.paragraph(text, language, tall, top, style)
        height = self.setter.line_height(style)
        ascent = lines[0].baseline_mm - top if lines else 0.0
        here = self._lines_here(len(lines), top, box, height)
        for index, line in enumerate(lines):
            if here == 0:  # no widow or orphan line: the page breaks where lines_to_keep says
                draft = self.page(draft.kind, f"{draft.template}-continued")
                draft.section_id = self.drafts[-2].section_id
                draft.running = self.drafts[-2].running
                box, top = self.box(draft), self.box(draft).y_mm
                here = max(1, self._lines_here(len(lines) - index, top, box, height))
            here -= 1
            offset = line.x_mm - tall.x_mm
            draft.texts.append(replace(line, x_mm=box.x_mm + offset, baseline_mm=top + ascent))
            top += height
        return draft, top

    @staticmethod
    def _lines_here(remaining: int, top: float, box: Rect, height: float) -> int:
        room = max(0, int((box.bottom_mm + 1e-6 - top) // height))
        return lines_to_keep(remaining, room)

    def word(self, key: str, language: str) -> str:
        """A catalogue word in a language (English when missing)."""
        words = self.content.words.get(key, {})
        return words.get(language) or words.get("en", key)

    def columns(
        self, area: Rect, weights: Sequence[float] = (), floors: Sequence[float] = ()
    ) -> list[Rect] | None:
        """One column per language across ``area``, or None when they would be too narrow.

        With ``weights`` (one per language: how much text it has, see
        :func:`column_widths`) the columns are as wide as their language needs, none narrower
        than its ``floors`` allow; without, equal.
        """
        count = len(self.languages)
        usable = area.width_mm - (count - 1) * COLUMN_GAP_MM
        if count > 1 and usable / count < MIN_COLUMN_MM:
            return None
        widths = column_widths(usable, weights if len(weights) == count else [1.0] * count, floors)
        columns, x = [], area.x_mm
        for width in widths:
            columns.append(Rect(x, area.y_mm, width, area.height_mm))
            x += width + COLUMN_GAP_MM
        return columns

    def continued(self, draft: Draft) -> Draft:
        """The page after ``draft`` in its run of pages (made when it does not exist yet)."""
        template = f"{draft.template.removesuffix('-continued')}-continued"
        position = self.drafts.index(draft)
        following = self.drafts[position + 1] if position + 1 < len(self.drafts) else None
        if following is not None and following.template == template:
            return following
        added = self.page(draft.kind, template)
        added.section_id = draft.section_id
        added.running = draft.running
        return added


def column_widths(
    usable_mm: float, weights: Sequence[float], floors: Sequence[float] = ()
) -> list[float]:
    """Widths that share ``usable_mm`` in proportion to ``weights``, none below its floor.

    A language's weight is the page its captions take (measured length times line height),
    so columns sized this way end at about the same depth. A column's floor is
    :data:`MIN_COLUMN_MM`, or more where given in ``floors`` (its headline on one line), never
    more than an equal share; a column that would come out narrower gets its floor, and the
    rest share what is left. Without any text every column is as wide as the others.
    """
    count = len(weights)
    if count == 0:
        return []
    equal = usable_mm / count
    given = list(floors) if len(floors) == count else [0.0] * count
    floor = [min(equal, max(MIN_COLUMN_MM, f)) for f in given]
    if sum(max(0.0, w) for w in weights) <= 0:
        return [equal] * count
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(count) if i not in fixed]
        room = usable_mm - sum(fixed.values())
        total = sum(max(0.0, weights[i]) for i in free)
        shares = {
            i: room * max(0.0, weights[i]) / total if total > 0 else room / len(free) for i in free
        }
        narrow = {i: floor[i] for i, width in shares.items() if width < floor[i] - 1e-9}
        if not narrow or len(narrow) == len(free):
            return [fixed.get(i, shares.get(i, floor[i])) for i in range(count)]
        fixed.update(narrow)
