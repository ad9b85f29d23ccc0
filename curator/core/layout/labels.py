"""Wall labels: one label per photo with its captions in every language, imposed on sheets.

A label (130 × 150 mm by default) holds, for each language in the page order, the
headline, the caption, a "place, date" line and the credit, set by the catalogue's
:class:`~curator.core.layout.catalogue_text.Setter` (typographic rules per language, the
language's hyphenation, the PDF's text measure) in the label styles: the first language
leads, larger and in full black, the others follow in grey, a hairline between them.

Wall-label text is read at arm's length: its sizes come from the project's viewing distance
for labels (:func:`~curator.core.layout.wall_sizes.label_styles`); no text on a label is
smaller than :data:`LABEL_MIN_PT` (12 pt) in any language, and it is never set smaller to
fit. A label
whose text does not fit grows taller instead, up to the sheet's printable height (a sheet is
turned upright for a label taller than the usual way allows); text that still does not fit
is marked as overflowing, with how many millimetres it is over
(preflight's ``label-overflow`` error).

Labels are imposed on sheets of the chosen paper, turned the way that holds the most,
in rows centred on the sheet with :data:`GAP_MM` between labels (cut twice) and cut
marks outside the grid on every cut line, so no mark reaches into a label; a row is as tall
as its tallest label. In the gap under each label a small reference (section and place in
it, file name) tells the installer where the label hangs; it is cut away.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from curator.core.layout.catalogue_model import Align, PageFill, PageText, Tone
from curator.core.layout.catalogue_text import SANS, Setter, TextStyle
from curator.core.layout.geometry import EPSILON_MM, Rect
from curator.core.layout.qr import QR_GAP_MM, QrMark, qr_side_mm
from curator.core.layout.style import CaptionStyle, TextMeasure
from curator.core.layout.wall_sizes import LABEL_DISTANCE_CM, label_styles
from curator.core.layout.wall_sizes import LABEL_MIN_PT as LABEL_MIN_PT
from curator.core.model import CaptionField

#: Wide enough for three languages at 12 pt and more; a label grows taller when it must.
DEFAULT_LABEL_MM = (130.0, 150.0)
#: A4, the default sheet.
DEFAULT_PAPER_MM = (210.0, 297.0)
#: From a label's edge to its text.
LABEL_MARGIN_MM = 8.0
#: Between two labels on a sheet (each is cut on its own line).
GAP_MM = 6.0
#: The least room between the grid and the sheet's edge: cut marks and the printer's margin.
SHEET_MARGIN_MM = 10.0
#: Cut marks start this far from the grid and are this long.
MARK_OFFSET_MM = 2.0
MARK_LENGTH_MM = 5.0
RULE_MM = 0.2
REFERENCE_STYLE = TextStyle(SANS, 6.0, Tone.MUTED)

#: At the default distance: the lead language, larger; the others lighter (grey) and a
#: little smaller, never tiny.
LEAD_LABEL, SECOND_LABEL = label_styles()


@dataclass(frozen=True, slots=True)
class LabelContent:
    """What one label says: the photo, where it hangs, and its captions per language."""

    photo_id: str
    reference: str
    captions: Mapping[str, Mapping[CaptionField, str]]
    #: The photo's page in the web edition (its QR code), ``""`` for none.
    url: str = ""


@dataclass(frozen=True, slots=True)
class PlacedLabel:
    """A label on a sheet: its rectangle, whether its text fits, and by how much it is over.

    ``scale`` is the size its text was set at (always 1: labels are never set smaller);
    ``grown_mm``: how much taller than the chosen label size it was made to fit its text;
    ``over_mm``: how much text is left below the label at its tallest (0 when it fits).
    """

    photo_id: str
    rect: Rect
    scale: float
    fits: bool
    grown_mm: float = 0.0
    over_mm: float = 0.0
    #: The QR code opening the photo's page, at the label's bottom right (None: no code).
    code: QrMark | None = None


@dataclass(frozen=True, slots=True)
class LabelSheet:
    """One sheet: its labels, their text and rules, and the cut lines (sheet millimetres)."""

    number: int
    width_mm: float
    height_mm: float
    labels: tuple[PlacedLabel, ...]
    texts: tuple[PageText, ...]
    fills: tuple[PageFill, ...]
    cuts_x: tuple[float, ...]
    cuts_y: tuple[float, ...]
    grid: Rect

    @property
    def codes(self) -> tuple[QrMark, ...]:
        """The sheet's QR codes, one per label that has one."""
        return tuple(label.code for label in self.labels if label.code is not None)


@dataclass(frozen=True, slots=True)
class LabelsGeometry:
    """Every sheet, the label and sheet sizes they were computed for, and the text size.

    ``text_pt`` is the text size of the languages after the first (the lead's is larger).
    """

    label_mm: tuple[float, float]
    paper_mm: tuple[float, float]
    languages: tuple[str, ...]
    sheets: tuple[LabelSheet, ...]
    text_pt: float = LABEL_MIN_PT

    def labels(self) -> list[PlacedLabel]:
        """Every label, in order."""
        return [label for sheet in self.sheets for label in sheet.labels]


@dataclass(frozen=True, slots=True)
class LabelSetter(Setter):
    """The catalogue's setter with the label styles: the lead language's, the others'."""

    lead: CaptionStyle = LEAD_LABEL
    others: CaptionStyle = SECOND_LABEL

    def caption_style(self, language: str, scale: float = 1.0) -> CaptionStyle:
        """The label style of a language by its rank.

        ``scale`` is ignored: labels are never set smaller than their styles
        (:data:`LABEL_MIN_PT`).
        """
        return self.lead if language == self.languages[0] else self.others


def sheet_grid(
    label_mm: tuple[float, float], paper_mm: tuple[float, float]
) -> tuple[tuple[float, float], int, int]:
    """The paper turned the way that holds the most labels, and the columns and rows.

    Returns ``((width, height), columns, rows)``; no columns or rows when a label does not fit.
    """
    best: tuple[tuple[float, float], int, int] = (paper_mm, 0, 0)
    width, height = paper_mm
    for paper in ((width, height), (height, width)):
        columns = _count(paper[0], label_mm[0])
        rows = _count(paper[1], label_mm[1])
        if columns * rows > best[1] * best[2]:
            best = (paper, columns, rows)
    return best


def _count(room: float, size: float) -> int:
    usable = room - 2 * SHEET_MARGIN_MM + GAP_MM
    return max(0, math.floor(usable / (size + GAP_MM) + EPSILON_MM))


def _label_texts(
    setter: LabelSetter, content: LabelContent, rect: Rect
) -> tuple[list[PageText], list[PageFill], float]:
    """The label's text from its top; returns the lines, rules and the bottom of the text."""
    inner = rect.inset(LABEL_MARGIN_MM)
    texts: list[PageText] = []
    fills: list[PageFill] = []
    top = inner.y_mm
    present = [tag for tag in setter.languages if any(content.captions.get(tag, {}).values())]
    for index, language in enumerate(present):
        if index:
            gap = setter.lead.language_gap_mm
            rule = Rect(inner.x_mm, top + gap / 2 - RULE_MM / 2, inner.width_mm * 0.3, RULE_MM)
            fills.append(PageFill(rule, Tone.MUTED))
            top += gap
        room = Rect(inner.x_mm, top, inner.width_mm, max(0.0, inner.bottom_mm - top))
        lines, bottom = setter.caption(content.photo_id, language, room, content.captions[language])
        texts += lines
        top = bottom
    return texts, fills, top


def set_label(
    setter: LabelSetter,
    content: LabelContent,
    rect: Rect,
    max_height_mm: float | None = None,
    distance_cm: float = LABEL_DISTANCE_CM,
) -> tuple[list[PageText], list[PageFill], PlacedLabel]:
    """One label's text in ``rect``, the label grown taller (up to ``max_height_mm``) to fit.

    The text is set once in the tallest label allowed; the label takes the height the text
    needs (never less than ``rect``'s). Nothing is ever set below the label styles' sizes.
    A label with a ``url`` keeps room under its text for the QR code (sized for
    ``distance_cm``, :mod:`curator.core.layout.qr`; never wider than inside the margins).
    """
    tallest = max(rect.height_mm, max_height_mm or rect.height_mm)
    room = Rect(rect.x_mm, rect.y_mm, rect.width_mm, tallest)
    texts, fills, bottom = _label_texts(setter, content, room)
    side = 0.0
    if content.url:
        side = min(qr_side_mm(content.url, distance_cm), rect.width_mm - 2 * LABEL_MARGIN_MM)
        bottom += QR_GAP_MM + side
    needed = bottom - rect.y_mm + LABEL_MARGIN_MM
    height = min(tallest, max(rect.height_mm, needed))
    over = max(0.0, needed - tallest)
    limit = rect.y_mm + height - LABEL_MARGIN_MM
    texts = [
        replace(text, overflows=text.baseline_mm > limit + EPSILON_MM) if over else text
        for text in texts
    ]
    fits = over <= EPSILON_MM and not any(text.overflows for text in texts)
    placed = PlacedLabel(
        content.photo_id,
        Rect(rect.x_mm, rect.y_mm, rect.width_mm, height),
        1.0,
        fits,
        grown_mm=height - rect.height_mm,
        over_mm=round(over, 1) if not fits else 0.0,
    )
    if side:
        corner = Rect(rect.right_mm - LABEL_MARGIN_MM - side,
                      rect.y_mm + height - LABEL_MARGIN_MM - side, side, side)  # fmt: skip
        placed = replace(placed, code=QrMark(content.url, corner, distance_cm))
    return texts, fills, placed


def _moved(
    texts: list[PageText], fills: list[PageFill], dx: float, dy: float
) -> tuple[list[PageText], list[PageFill]]:
    return (
        [replace(t, x_mm=t.x_mm + dx, baseline_mm=t.baseline_mm + dy) for t in texts],
        [replace(f, rect=Rect(f.rect.x_mm + dx, f.rect.y_mm + dy, f.rect.width_mm,
                              f.rect.height_mm)) for f in fills],
    )  # fmt: skip


def labels_geometry(
    contents: Sequence[LabelContent],
    languages: Sequence[str],
    measure: TextMeasure,
    label_mm: tuple[float, float] = DEFAULT_LABEL_MM,
    paper_mm: tuple[float, float] = DEFAULT_PAPER_MM,
    styles: tuple[CaptionStyle, CaptionStyle] = (LEAD_LABEL, SECOND_LABEL),
    distance_cm: float = LABEL_DISTANCE_CM,
) -> LabelsGeometry:
    """Every label set and imposed on sheets, in ``styles`` (the lead language's, the others').

    Raises:
        ValueError: The label does not fit on the paper (callers check with
            :func:`sheet_grid` first and say so in the user's words).
    """
    (sheet_w, sheet_h), columns, rows = sheet_grid(label_mm, paper_mm)
    if columns * rows == 0:
        raise ValueError("label larger than the paper")
    setter = LabelSetter(measure, tuple(languages), lead=styles[0], others=styles[1])
    best = _Turn((sheet_w, sheet_h), columns)
    tall = _tall_turn(label_mm, paper_mm, best)
    origin = Rect(0.0, 0.0, label_mm[0], label_mm[1])
    set_labels = [
        set_label(setter, content, origin, tall.room, distance_cm) for content in contents
    ]
    sheets: list[LabelSheet] = []
    for turn, page in _paginate([label.rect.height_mm for _t, _f, label in set_labels], best,
                                tall):  # fmt: skip
        sheets.append(_sheet(len(sheets) + 1, turn, page, set_labels, contents, label_mm, measure))
    return LabelsGeometry(
        label_mm, (sheet_w, sheet_h), tuple(languages), tuple(sheets), styles[1].body_pt
    )


@dataclass(frozen=True, slots=True)
class _Turn:
    """The paper turned one way: its size, how many labels a row holds, its printable height."""

    paper: tuple[float, float]
    columns: int

    @property
    def room(self) -> float:
        return self.paper[1] - 2 * SHEET_MARGIN_MM


def _tall_turn(label_mm: tuple[float, float], paper_mm: tuple[float, float], best: _Turn) -> _Turn:
    """The paper turned the way that lets a label grow tallest (``best`` when it is that)."""
    width, height = paper_mm
    tall = best
    for paper in ((width, height), (height, width)):
        columns = _count(paper[0], label_mm[0])
        turn = _Turn(paper, columns)
        if columns and _count(paper[1], label_mm[1]) and turn.room > tall.room + EPSILON_MM:
            tall = turn
    return tall


def _paginate(
    heights: Sequence[float], best: _Turn, tall: _Turn
) -> list[tuple[_Turn, list[list[int]]]]:
    """Labels (by index, in order) in rows on sheets; a row is as tall as its tallest label.

    A sheet is turned the way that holds the most labels, unless its first label is taller
    than that way allows: then the way that lets labels grow tallest.
    """
    pages: list[tuple[_Turn, list[list[int]]]] = []
    used = 0.0
    for index, height in enumerate(heights):
        if pages:
            turn, rows = pages[-1]
            row = rows[-1]
            if height <= turn.room + EPSILON_MM:
                if len(row) < turn.columns:
                    grown = max(height, max(heights[i] for i in row))
                    total = used - max(heights[i] for i in row) + grown
                    if total <= turn.room + EPSILON_MM:
                        row.append(index)
                        used = total
                        continue
                elif used + GAP_MM + height <= turn.room + EPSILON_MM:
                    rows.append([index])
                    used += GAP_MM + height
                    continue
        turn = best if height <= best.room + EPSILON_MM else tall
        pages.append((turn, [[index]]))
        used = height
    return pages


def _sheet(
    number: int,
    turn: _Turn,
    rows: list[list[int]],
    set_labels: Sequence[tuple[list[PageText], list[PageFill], PlacedLabel]],
    contents: Sequence[LabelContent],
    label_mm: tuple[float, float],
    measure: TextMeasure,
) -> LabelSheet:
    """One sheet: its rows of labels centred, with their references and cut lines."""
    sheet_w, sheet_h = turn.paper
    columns = turn.columns
    heights = [max(set_labels[i][2].rect.height_mm for i in row) for row in rows]
    grid_w = columns * label_mm[0] + (columns - 1) * GAP_MM
    grid_h = sum(heights) + (len(heights) - 1) * GAP_MM
    grid = Rect((sheet_w - grid_w) / 2, (sheet_h - grid_h) / 2, grid_w, grid_h)
    cuts_x = _cuts(grid.x_mm, columns, label_mm[0])
    cuts_y: list[float] = []
    texts: list[PageText] = []
    fills: list[PageFill] = []
    placed = []
    top = grid.y_mm
    for row, height in zip(rows, heights, strict=True):
        cuts_y += [top, top + height]
        for column, index in enumerate(row):
            label_texts, label_fills, label = set_labels[index]
            x = cuts_x[2 * column]
            moved_texts, moved_fills = _moved(label_texts, label_fills, x, top)
            texts += moved_texts
            fills += moved_fills
            rect = Rect(x, top, label.rect.width_mm, label.rect.height_mm)
            texts.append(_reference(contents[index].reference, rect, measure))
            code = label.code
            if code is not None:
                c = code.rect
                code = replace(code, rect=Rect(c.x_mm + x, c.y_mm + top, c.width_mm, c.height_mm))
            placed.append(replace(label, rect=rect, code=code))
        top += height + GAP_MM
    return LabelSheet(number, sheet_w, sheet_h, tuple(placed), tuple(texts), tuple(fills),
                      cuts_x, tuple(cuts_y), grid)  # fmt: skip


def _cuts(start: float, count: int, size: float) -> tuple[float, ...]:
    """Both edges of every label along one direction, in order."""
    edges: list[float] = []
    for index in range(count):
        edge = start + index * (size + GAP_MM)
        edges += [edge, edge + size]
    return tuple(edges)


def _reference(reference: str, rect: Rect, measure: TextMeasure) -> PageText:
    style = REFERENCE_STYLE
    ascent = measure.ascent_mm(style.font, style.size_pt)
    return PageText(
        reference,
        style.font,
        style.size_pt,
        rect.x_mm + LABEL_MARGIN_MM,
        rect.bottom_mm + (GAP_MM - measure.line_height_mm(style.font, style.size_pt)) / 2 + ascent,
        style.tone,
        Align.LEFT,
    )
