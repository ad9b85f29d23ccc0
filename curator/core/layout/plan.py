"""Auto-layout: photos of a section filled into panels in visit order.

Each panel takes the template that shows the next photos best: every template that the
remaining photos can fill is tried with them, and the one with the largest
``printed photo area / content area × √(photos placed)`` wins. The square root prefers
fewer, larger photos unless more of them fit with little loss; portrait photos end up side by
side or in a grid, landscape ones stacked, a landscape with two portraits in "hero plus two".

A photo is fitted inside its frame's photo area with its aspect kept and centred; it is never
cropped. It is also never printed larger than its pixels allow: when the fit would print it
below the product's minimum effective resolution (``min_ppi``), the picture is shrunk to the
size that gives exactly ``min_ppi`` (width ≤ pixels / min_ppi × 25.4 mm), still centred.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from curator.core.layout.geometry import Rect, effective_ppi, fit_aspect, max_width_for_ppi
from curator.core.layout.regions import caption_reserve_mm, caption_room_suffices
from curator.core.layout.style import PANEL_STYLE, CaptionStyle, TextMeasure
from curator.core.layout.templates import TEMPLATES, PanelTemplate, content_box, frame_rects


@dataclass(frozen=True, slots=True)
class PhotoInfo:
    """What the planner needs of a photo: its id and its pixels as displayed."""

    id: str
    pixel_width: int
    pixel_height: int

    @property
    def aspect(self) -> float:
        """Width over height (1 for a photo without pixels)."""
        if self.pixel_width <= 0 or self.pixel_height <= 0:
            return 1.0
        return self.pixel_width / self.pixel_height


@dataclass(frozen=True, slots=True)
class SlotPlan:
    """A photo placed: its frame (photo and captions) and the picture's own rectangle."""

    photo_id: str
    frame: Rect
    image: Rect
    effective_ppi: float


@dataclass(frozen=True, slots=True)
class PanelPlan:
    """One planned panel."""

    template: str
    width_mm: float
    height_mm: float
    margin_mm: float
    slots: tuple[SlotPlan, ...]


@dataclass(frozen=True, slots=True)
class _Frame:
    languages: int
    style: CaptionStyle
    min_ppi: float
    measure: TextMeasure | None


def place_photo(
    photo: PhotoInfo,
    frame: Rect,
    languages: int,
    style: CaptionStyle,
    min_ppi: float,
    measure: TextMeasure | None = None,
) -> SlotPlan:
    """Fit one photo into a frame, leaving room for its captions below it.

    Args:
        photo: The photo.
        frame: The frame in the panel's millimetres.
        languages: How many caption blocks go under it.
        style: The product's caption style.
        min_ppi: The lowest effective resolution to print at (0: no cap).
        measure: Line heights for the caption room, if known.

    Returns:
        The placed photo.
    """
    reserve = caption_reserve_mm(frame, languages, style, measure)
    area = Rect(frame.x_mm, frame.y_mm, frame.width_mm, max(0.0, frame.height_mm - reserve))
    image = fit_aspect(area, photo.aspect, max_width_for_ppi(photo.pixel_width, min_ppi))
    ppi = effective_ppi(photo.pixel_width, photo.pixel_height, image)
    return SlotPlan(photo.id, frame, image, ppi)


def _fill(
    template: PanelTemplate, photos: Sequence[PhotoInfo], content: Rect, how: _Frame
) -> tuple[SlotPlan, ...]:
    frames = frame_rects(template, content)
    return tuple(
        place_photo(photo, frame, how.languages, how.style, how.min_ppi, how.measure)
        for photo, frame in zip(photos, frames, strict=False)
    )


def _score(slots: tuple[SlotPlan, ...], content: Rect) -> float:
    area = sum(slot.image.area_mm2 for slot in slots)
    return area / max(content.area_mm2, 1e-9) * math.sqrt(len(slots))


def _best(
    photos: Sequence[PhotoInfo], content: Rect, how: _Frame
) -> tuple[PanelTemplate, tuple[SlotPlan, ...]]:
    best: tuple[float, PanelTemplate, tuple[SlotPlan, ...]] | None = None
    for template in TEMPLATES.values():
        if template.capacity > len(photos):
            continue
        frames = frame_rects(template, content)
        if template.capacity > 1 and not all(
            caption_room_suffices(frame, how.languages, how.style, how.measure) for frame in frames
        ):
            continue  # its captions would overflow: fewer photos per panel instead
        slots = _fill(template, photos[: template.capacity], content, how)
        score = _score(slots, content)
        if best is None or score > best[0] + 1e-9:
            best = (score, template, slots)
    assert best is not None  # "hero" takes any single photo
    return best[1], best[2]


def plan_section(
    photos: Sequence[PhotoInfo],
    panel_size_mm: tuple[float, float] = (1000.0, 1500.0),
    margin_mm: float = 20.0,
    languages: Sequence[str] = (),
    template: str | None = None,
    min_ppi: float = 100.0,
    style: CaptionStyle = PANEL_STYLE,
    measure: TextMeasure | None = None,
) -> list[PanelPlan]:
    """Fill panels with photos in visit order.

    Args:
        photos: The section's photos in visit order.
        panel_size_mm: Width and height of every panel.
        margin_mm: The panels' margin on every side.
        languages: The caption languages (their count sizes the caption room).
        template: A template name for every panel; None chooses one per panel.
        min_ppi: The product's minimum effective resolution (0: no cap).
        style: The product's caption style.
        measure: Line heights for the caption room, if known.

    Returns:
        The panels in order; empty when there are no photos.

    Raises:
        KeyError: ``template`` is not a template name.
    """
    width, height = panel_size_mm
    content = content_box(width, height, margin_mm)
    how = _Frame(len(languages), style, min_ppi, measure)
    fixed = TEMPLATES[template] if template is not None else None
    plans: list[PanelPlan] = []
    index = 0
    while index < len(photos):
        rest = photos[index:]
        if fixed is not None:
            chosen, slots = fixed, _fill(fixed, rest[: fixed.capacity], content, how)
        else:
            chosen, slots = _best(rest, content, how)
        plans.append(PanelPlan(chosen.name, width, height, margin_mm, slots))
        index += len(slots)
    return plans
