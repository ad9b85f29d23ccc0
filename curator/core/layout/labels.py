"""Wall labels: one label per photo with its captions in every language, imposed on sheets.

A label (100 × 150 mm by default) holds, for each language in the page order, the
headline, the caption, a "place, date" line and the credit, set by the catalogue's
:class:`~curator.core.layout.catalogue_text.Setter` (typographic rules per language, the
language's hyphenation, the PDF's text measure) in the label styles: the first language
leads, larger and in full black, the others follow in grey, a hairline between them. When
a label's text does not fit, all of it is set smaller, step by step down to
:data:`MIN_SCALE`; text that still does not fit is marked as overflowing (preflight's
``label-overflow`` error).

Labels are imposed on sheets of the chosen paper, turned the way that holds the most,
in a grid centred on the sheet with :data:`GAP_MM` between labels (cut twice) and cut
marks outside the grid on every cut line, so no mark reaches into a label. In the gap
under each label a small reference (section and place in it, file name) tells the
installer where the label hangs; it is cut away.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from curator.core.layout.catalogue_model import Align, PageFill, PageText, Tone
from curator.core.layout.catalogue_text import SANS, Setter, TextStyle
from curator.core.layout.geometry import EPSILON_MM, Rect
from curator.core.layout.style import LABEL_STYLE, CaptionStyle, TextMeasure
from curator.core.model import CaptionField

DEFAULT_LABEL_MM = (100.0, 150.0)
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
#: Text that does not fit is set smaller in these steps, never below the last.
SCALES = (1.0, 0.92, 0.85, 0.78, 0.72)
MIN_SCALE = SCALES[-1]
RULE_MM = 0.2
REFERENCE_STYLE = TextStyle(SANS, 6.0, Tone.MUTED)

LEAD_LABEL = LABEL_STYLE
SECOND_LABEL = replace(LABEL_STYLE, headline_pt=13.0, body_pt=10.0, credit_pt=8.0)


@dataclass(frozen=True, slots=True)
class LabelContent:
    """What one label says: the photo, where it hangs, and its captions per language."""

    photo_id: str
    reference: str
    captions: Mapping[str, Mapping[CaptionField, str]]


@dataclass(frozen=True, slots=True)
class PlacedLabel:
    """A label on a sheet: its rectangle, the scale its text was set at, whether it fits."""

    photo_id: str
    rect: Rect
    scale: float
    fits: bool


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


@dataclass(frozen=True, slots=True)
class LabelsGeometry:
    """Every sheet, and the label and sheet sizes they were computed for."""

    label_mm: tuple[float, float]
    paper_mm: tuple[float, float]
    languages: tuple[str, ...]
    sheets: tuple[LabelSheet, ...]

    def labels(self) -> list[PlacedLabel]:
        """Every label, in order."""
        return [label for sheet in self.sheets for label in sheet.labels]


class LabelSetter(Setter):
    """The catalogue's setter with the label styles."""

    def caption_style(self, language: str, scale: float = 1.0) -> CaptionStyle:
        """The label style of a language by its rank, scaled."""
        style = LEAD_LABEL if language == self.languages[0] else SECOND_LABEL
        return replace(
            style,
            headline_pt=style.headline_pt * scale,
            body_pt=style.body_pt * scale,
            credit_pt=style.credit_pt * scale,
            paragraph_gap_mm=style.paragraph_gap_mm * scale,
        )


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
    setter: LabelSetter, content: LabelContent, rect: Rect, scale: float
) -> tuple[list[PageText], list[PageFill], bool]:
    inner = rect.inset(LABEL_MARGIN_MM)
    texts: list[PageText] = []
    fills: list[PageFill] = []
    top = inner.y_mm
    present = [tag for tag in setter.languages if any(content.captions.get(tag, {}).values())]
    for index, language in enumerate(present):
        if index:
            gap = LEAD_LABEL.language_gap_mm * scale
            rule = Rect(inner.x_mm, top + gap / 2 - RULE_MM / 2, inner.width_mm * 0.3, RULE_MM)
            fills.append(PageFill(rule, Tone.MUTED))
            top += gap
        room = Rect(inner.x_mm, top, inner.width_mm, max(0.0, inner.bottom_mm - top))
        lines, bottom = setter.caption(
            content.photo_id, language, room, content.captions[language], scale
        )
        texts += lines
        top = bottom
    fits = not any(line.overflows for line in texts) and top <= inner.bottom_mm + EPSILON_MM
    return texts, fills, fits


def set_label(
    setter: LabelSetter, content: LabelContent, rect: Rect
) -> tuple[list[PageText], list[PageFill], PlacedLabel]:
    """One label's text in ``rect``, at the largest scale at which it fits."""
    texts: list[PageText] = []
    fills: list[PageFill] = []
    fits = False
    scale = SCALES[0]
    for scale in SCALES:
        texts, fills, fits = _label_texts(setter, content, rect, scale)
        if fits:
            break
    return texts, fills, PlacedLabel(content.photo_id, rect, scale, fits)


def labels_geometry(
    contents: Sequence[LabelContent],
    languages: Sequence[str],
    measure: TextMeasure,
    label_mm: tuple[float, float] = DEFAULT_LABEL_MM,
    paper_mm: tuple[float, float] = DEFAULT_PAPER_MM,
) -> LabelsGeometry:
    """Every label set and imposed on sheets.

    Raises:
        ValueError: The label does not fit on the paper (callers check with
            :func:`sheet_grid` first and say so in the user's words).
    """
    (sheet_w, sheet_h), columns, rows = sheet_grid(label_mm, paper_mm)
    if columns * rows == 0:
        raise ValueError("label larger than the paper")
    setter = LabelSetter(measure, tuple(languages))
    grid_w = columns * label_mm[0] + (columns - 1) * GAP_MM
    grid_h = rows * label_mm[1] + (rows - 1) * GAP_MM
    grid = Rect((sheet_w - grid_w) / 2, (sheet_h - grid_h) / 2, grid_w, grid_h)
    cuts_x = _cuts(grid.x_mm, columns, label_mm[0])
    cuts_y = _cuts(grid.y_mm, rows, label_mm[1])
    per_sheet = columns * rows
    sheets: list[LabelSheet] = []
    for start in range(0, len(contents), per_sheet):
        texts: list[PageText] = []
        fills: list[PageFill] = []
        placed = []
        for slot, content in enumerate(contents[start : start + per_sheet]):
            row, column = divmod(slot, columns)
            rect = Rect(cuts_x[2 * column], cuts_y[2 * row], label_mm[0], label_mm[1])
            label_texts, label_fills, label = set_label(setter, content, rect)
            texts += label_texts
            fills += label_fills
            texts.append(_reference(content.reference, rect, measure))
            placed.append(label)
        sheets.append(
            LabelSheet(
                len(sheets) + 1, sheet_w, sheet_h, tuple(placed), tuple(texts), tuple(fills),
                cuts_x, cuts_y, grid,
            )
        )  # fmt: skip
    return LabelsGeometry(label_mm, (sheet_w, sheet_h), tuple(languages), tuple(sheets))


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
