"""The approval proof's pages: photo rows with every language side by side, and sign-off boxes.

Pages are the chosen paper turned landscape. Each page has a header (the exhibition, "Approval
proof", the section on the page), a footer with one box per approver for initials and date
and the page number ("Page 3 of 12"). A photo is a row: its thumbnail and reference on the
left, then one column per language with every field's name and status above its text (set
by the catalogue's :class:`~curator.core.layout.catalogue_text.Setter`: the language's
typography and hyphenation, the PDF's measure), then the glossary and preflight notes for
the photo across the columns. A row that does not fit what is left of a page starts the
next; a row taller than a whole page continues over the following pages, cut between lines.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from curator.core.layout.catalogue_model import Align, PageFill, PagePhoto, PageText, Tone
from curator.core.layout.catalogue_text import SANS, SANS_BOLD, SERIF_BOLD, Setter, TextStyle
from curator.core.layout.geometry import Rect, fit_aspect
from curator.core.layout.style import TextMeasure
from curator.core.model import FIELD_LABELS, STATUS_LABELS, CaptionField, CaptionStatus
from curator.i18n import _

MARGIN_MM = 12.0
HEADER_MM = 14.0
FOOTER_MM = 22.0
THUMB_MM = 42.0
GUTTER_MM = 5.0
ROW_GAP_MM = 5.0
RULE_MM = 0.25
BOX_W_MM = 62.0
BOX_H_MM = 15.0

HEADLINE = TextStyle(SERIF_BOLD, 9.0, Tone.LEAD)
BODY = TextStyle(SANS, 8.0, Tone.LEAD)
LABEL = TextStyle(SANS, 6.0, Tone.MUTED)
EMPTY = TextStyle(SANS, 8.0, Tone.MUTED)
COLUMN_HEAD = TextStyle(SANS_BOLD, 7.5, Tone.ACCENT)
NOTE = TextStyle(SANS, 7.0, Tone.ACCENT)
SMALL = TextStyle(SANS, 6.5, Tone.MUTED)
HEADER = TextStyle(SERIF_BOLD, 10.0, Tone.LEAD)
SECTION = TextStyle(SERIF_BOLD, 12.0, Tone.ACCENT)


@dataclass(frozen=True, slots=True)
class ProofField:
    """One caption field of one language, with its status."""

    field: CaptionField
    text: str
    status: CaptionStatus


@dataclass(frozen=True, slots=True)
class ProofNote:
    """A finding about the photo, from the glossary check or preflight."""

    error: bool
    source: str  # "glossary" or "preflight"
    message: str
    language: str | None = None


@dataclass(frozen=True, slots=True)
class ProofPhoto:
    """A photo in the proof: reference, thumbnail size, fields per language, notes."""

    photo_id: str
    reference: str
    thumb_size: tuple[int, int]
    fields: Mapping[str, tuple[ProofField, ...]]
    notes: tuple[ProofNote, ...] = ()


@dataclass(frozen=True, slots=True)
class ProofSection:
    """A section and its photos (``number`` 0: photos in no section)."""

    number: int
    title: Mapping[str, str]
    photos: tuple[ProofPhoto, ...]


@dataclass(frozen=True, slots=True)
class ProofContent:
    """Everything the proof prints; ``language_names`` are in the interface language."""

    title: str
    languages: tuple[str, ...]
    sections: tuple[ProofSection, ...]
    approvers: tuple[str, ...] = ()
    language_names: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ProofPage:
    """One page of the proof, in millimetres from its top left."""

    number: int
    width_mm: float
    height_mm: float
    texts: tuple[PageText, ...]
    photos: tuple[PagePhoto, ...]
    fills: tuple[PageFill, ...]
    photo_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ProofGeometry:
    """Every page of the proof."""

    paper_mm: tuple[float, float]
    languages: tuple[str, ...]
    pages: tuple[ProofPage, ...]


Item = PageText | PagePhoto | PageFill


@dataclass
class _Block:
    """Things placed from y = 0, each with its top and bottom, to be moved onto pages."""

    items: list[tuple[float, float, Item]] = field(default_factory=list)
    photo_id: str | None = None

    @property
    def height(self) -> float:
        return max((bottom for _top, bottom, _item in self.items), default=0.0)


def _moved(item: Item, dy: float) -> Item:
    if isinstance(item, PageText):
        return replace(item, baseline_mm=item.baseline_mm + dy)
    r = item.rect
    return replace(item, rect=Rect(r.x_mm, r.y_mm + dy, r.width_mm, r.height_mm))


class _Layout:
    """Sets text and builds the pages."""

    def __init__(self, content: ProofContent, measure: TextMeasure, paper: tuple[float, float]):
        self.content = content
        self.measure = measure
        self.setter = Setter(measure, content.languages)
        self.width, self.height = max(paper), min(paper)
        self.body = Rect(
            MARGIN_MM,
            MARGIN_MM + HEADER_MM,
            self.width - 2 * MARGIN_MM,
            self.height - 2 * MARGIN_MM - HEADER_MM - FOOTER_MM,
        )
        count = max(len(content.languages), 1)
        room = self.body.width_mm - THUMB_MM - GUTTER_MM
        self.column_mm = (room - (count - 1) * GUTTER_MM) / count

    def text(
        self, block: _Block, text: str, language: str | None, x: float, top: float,
        width: float, style: TextStyle, align: Align = Align.LEFT,
    ) -> float:  # fmt: skip
        """Set a paragraph into ``block``; returns the top of what follows."""
        box = Rect(x - width if align is Align.RIGHT else x, top, width, 1e6)
        lines, bottom = self.setter.paragraph(text, language, box, top, style, align)
        height = self.setter.line_height(style)
        for line in lines:
            ascent = self.measure.ascent_mm(line.font, line.size_pt)
            block.items.append(
                (line.baseline_mm - ascent, line.baseline_mm - ascent + height, line)
            )
        return bottom

    def section_block(self, section: ProofSection) -> _Block:
        block = _Block()
        names = [section.title.get(tag, "") for tag in self.content.languages]
        heading = " / ".join(name for name in dict.fromkeys(names) if name)
        if section.number:
            heading = f"{section.number}. {heading}"
        bottom = self.text(block, heading, None, self.body.x_mm, 0.0, self.body.width_mm, SECTION)
        rule = Rect(self.body.x_mm, bottom + 0.8, self.body.width_mm, RULE_MM)
        block.items.append((rule.y_mm, rule.bottom_mm + 2.5, PageFill(rule, Tone.ACCENT)))
        return block

    def photo_block(self, photo: ProofPhoto) -> _Block:
        block = _Block(photo_id=photo.photo_id)
        x = self.body.x_mm
        width, height = photo.thumb_size
        box = Rect(x, 0.0, THUMB_MM, THUMB_MM)
        thumb = fit_aspect(box, width / height if width > 0 and height > 0 else 1.0)
        thumb = replace(thumb, y_mm=0.0)
        block.items.append((0.0, thumb.bottom_mm, PagePhoto(photo.photo_id, thumb, 0.0)))
        self.text(block, photo.reference, None, x, thumb.bottom_mm + 1.5, THUMB_MM, SMALL)
        bottom = 0.0
        for index, language in enumerate(self.content.languages):
            left = x + THUMB_MM + GUTTER_MM + index * (self.column_mm + GUTTER_MM)
            bottom = max(bottom, self._column(block, photo, language, left))
        top = max(bottom, block.height) + 1.5
        for note in photo.notes:
            words = _("Preflight") if note.source == "preflight" else _("Glossary")
            if note.error:
                words = _("Preflight error")
            prefix = f"{words} ({note.language}): " if note.language else f"{words}: "
            left = x + THUMB_MM + GUTTER_MM
            top = self.text(block, prefix + note.message, None, left, top,
                            self.body.right_mm - left, NOTE)  # fmt: skip
        rule = Rect(x, block.height + ROW_GAP_MM / 2, self.body.width_mm, RULE_MM / 2)
        block.items.append((rule.y_mm, rule.bottom_mm + ROW_GAP_MM / 2, PageFill(rule, Tone.MUTED)))
        return block

    def _column(self, block: _Block, photo: ProofPhoto, language: str, left: float) -> float:
        name = self.content.language_names.get(language, language)
        top = self.text(block, f"{name} ({language})", None, left, 0.0, self.column_mm, COLUMN_HEAD)
        for item in photo.fields.get(language, ()):
            label = f"{_(FIELD_LABELS[item.field])} · {_(STATUS_LABELS[item.status])}"
            top = self.text(block, label, None, left, top + 0.8, self.column_mm, LABEL)
            style = HEADLINE if item.field is CaptionField.HEADLINE else BODY
            if item.text.strip():
                top = self.text(block, item.text, language, left, top, self.column_mm, style)
            else:
                top = self.text(block, "—", None, left, top, self.column_mm, EMPTY)
        return top

    def paginate(self, blocks: Sequence[tuple[_Block, str]]) -> list[ProofPage]:
        pages: list[tuple[list[Item], list[str], str]] = []
        current: list[Item] = []
        ids: list[str] = []
        used = 0.0
        header = ""
        room = self.body.height_mm
        for index, (block, section) in enumerate(blocks):
            needed = block.height
            keep_with_next = block.photo_id is None and index + 1 < len(blocks)
            if keep_with_next:
                needed += min(blocks[index + 1][0].height, room / 3)
            if current and used + needed > room:
                pages.append((current, ids, header))
                current, ids, used = [], [], 0.0
            header = header if current else section
            offset = 0.0
            items = sorted(block.items, key=lambda entry: entry[0])
            while items:
                too_low = (e[0] for e in items if e[1] - offset > room - used + 1e-6)
                cut = min(too_low, default=float("inf"))
                fitting = [e for e in items if e[0] < cut]
                rest = [e for e in items if e[0] >= cut]
                if not fitting and not current:
                    fitting, rest = items[:1], items[1:]  # taller than a page: set it anyway
                dy = self.body.y_mm + used - offset
                current += [_moved(item, dy) for _t, _b, item in fitting]
                if block.photo_id and fitting and block.photo_id not in ids:
                    ids.append(block.photo_id)
                if not rest:
                    used += block.height - offset
                    break
                pages.append((current, ids, header))
                current, ids, used, header = [], [], 0.0, section
                offset = rest[0][0]
                items = rest
        if current:
            pages.append((current, ids, header))
        return [self._page(n, items, ids, head, len(pages))
                for n, (items, ids, head) in enumerate(pages, start=1)]  # fmt: skip

    def _page(
        self, number: int, items: list[Item], ids: list[str], section: str, total: int
    ) -> ProofPage:
        texts = [i for i in items if isinstance(i, PageText)]
        photos = [i for i in items if isinstance(i, PagePhoto)]
        fills = [i for i in items if isinstance(i, PageFill)]
        chrome = _Block()
        self.text(
            chrome, self.content.title, None, MARGIN_MM, MARGIN_MM, self.body.width_mm * 0.6, HEADER
        )
        right = self.body.right_mm
        proof = _("Approval proof") + (f" · {section}" if section else "")
        self.text(
            chrome,
            proof,
            None,
            right,
            MARGIN_MM + 0.8,
            self.body.width_mm * 0.4,
            SMALL,
            Align.RIGHT,
        )
        rule_y = MARGIN_MM + HEADER_MM - 3.0
        fills.append(PageFill(Rect(MARGIN_MM, rule_y, self.body.width_mm, RULE_MM), Tone.MUTED))
        page_text = _("Page %(page)d of %(pages)d") % {"page": number, "pages": total}
        baseline_top = self.height - MARGIN_MM - 4.0
        self.text(chrome, page_text, None, right, baseline_top, 60.0, SMALL, Align.RIGHT)
        fills += self._boxes(chrome)
        texts += [item for _t, _b, item in chrome.items if isinstance(item, PageText)]
        return ProofPage(number, self.width, self.height, tuple(texts), tuple(photos),
                         tuple(fills), tuple(ids))  # fmt: skip

    def _boxes(self, chrome: _Block) -> list[PageFill]:
        """One box per approver for initials and date, at the foot of the page."""
        fills = []
        approvers = self.content.approvers or ("",)
        top = self.height - MARGIN_MM - BOX_H_MM
        for index, approver in enumerate(approvers):
            box = Rect(MARGIN_MM + index * (BOX_W_MM + GUTTER_MM), top, BOX_W_MM, BOX_H_MM)
            edges = (
                Rect(box.x_mm, box.y_mm, box.width_mm, RULE_MM),
                Rect(box.x_mm, box.bottom_mm - RULE_MM, box.width_mm, RULE_MM),
                Rect(box.x_mm, box.y_mm, RULE_MM, box.height_mm),
                Rect(box.right_mm - RULE_MM, box.y_mm, RULE_MM, box.height_mm),
                Rect(box.x_mm + box.width_mm * 0.55, box.y_mm, RULE_MM, box.height_mm),
            )
            fills += [PageFill(edge, Tone.LEAD) for edge in edges]
            heading = (
                _("Approved for %(agency)s") % {"agency": approver} if approver else _("Approved")
            )
            self.text(chrome, heading, None, box.x_mm, box.y_mm - 3.2, box.width_mm, SMALL)
            self.text(chrome, _("Initials"), None, box.x_mm + 1.2, box.y_mm + 0.8, 30.0, SMALL)
            self.text(chrome, _("Date"), None, box.x_mm + box.width_mm * 0.55 + 1.2,
                      box.y_mm + 0.8, 25.0, SMALL)  # fmt: skip
        return fills


def proof_geometry(
    content: ProofContent, measure: TextMeasure, paper_mm: tuple[float, float] = (210.0, 297.0)
) -> ProofGeometry:
    """Every page of the approval proof, on the paper turned landscape."""
    layout = _Layout(content, measure, paper_mm)
    blocks: list[tuple[_Block, str]] = []
    for section in content.sections:
        name = next((section.title[t] for t in content.languages if section.title.get(t)), "")
        label = f"{section.number}. {name}" if section.number else name
        blocks.append((layout.section_block(section), label))
        blocks += [(layout.photo_block(photo), label) for photo in section.photos]
    pages = layout.paginate(blocks)
    return ProofGeometry((layout.width, layout.height), content.languages, tuple(pages))
