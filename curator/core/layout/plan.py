"""Auto-layout: photos of a section filled into panels in visit order.

Each panel takes the template that shows the next photos best: every template that the
remaining photos can fill is tried with them, and the one with the largest
``printed photo area / content area × √(photos placed)`` wins. The square root prefers
fewer, larger photos unless more of them fit with little loss; portrait photos end up side by
side or in a grid, landscape ones stacked, a landscape with two portraits in "hero plus two".

A photo is fitted inside its frame's photo area with its aspect kept and centred; it is never
cropped unless the curator cropped it (then the crop's pixels and shape count), or gave it a
focus point (then it fills the photo area, cut around that point). It is also never printed
larger than its pixels allow: when the fit would print it
below the product's minimum effective resolution (``min_ppi``), the picture is shrunk to the
size that gives exactly ``min_ppi`` (width ≤ pixels / min_ppi × 25.4 mm), still centred.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from curator.core.layout.geometry import Rect, effective_ppi, fit_aspect, max_width_for_ppi
from curator.core.layout.regions import (
    MIN_PHOTO_SHARE,
    caption_reserve_mm,
    caption_room_suffices,
    needed_reserve_mm,
)
from curator.core.layout.style import PANEL_STYLE, CaptionStyle, TextMeasure
from curator.core.layout.templates import TEMPLATES, PanelTemplate, content_box, frame_rects
from curator.core.model import CaptionField

#: A photo alone on its panel keeps at least this share of its frame for the picture; the
#: captions may take the rest rather than overflow (templates of several photos keep 40 %).
_HERO_PHOTO_SHARE = 0.2


@dataclass(frozen=True, slots=True)
class PhotoInfo:
    """What the planner needs of a photo: its id, its pixels as printed, its captions.

    ``pixel_width`` and ``pixel_height`` are those of the part printed (the crop, if any).
    ``captions`` (``{language: {field: text}}``) lets the planner leave room for the real
    text, measured; without it, room for a typical caption is left. A photo that ``fills``
    (its crop is a focus point) takes its frame's whole photo area, cut to that shape.
    """

    id: str
    pixel_width: int
    pixel_height: int
    captions: Mapping[str, Mapping[CaptionField, str]] = field(default_factory=dict)
    fills: bool = False

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
    languages: tuple[str, ...] | int
    style: CaptionStyle
    min_ppi: float
    measure: TextMeasure | None


def place_photo(
    photo: PhotoInfo,
    frame: Rect,
    languages: int | Sequence[str],
    style: CaptionStyle,
    min_ppi: float,
    measure: TextMeasure | None = None,
    reserve_mm: float | None = None,
) -> SlotPlan:
    """Fit one photo into a frame, leaving room for its captions below it.

    Args:
        photo: The photo.
        frame: The frame in the panel's millimetres.
        languages: The caption languages (tags), or how many blocks go under it.
        style: The product's caption style.
        min_ppi: The lowest effective resolution to print at (0: no cap).
        measure: Line heights (and, with tags and captions, the real text) for the room.
        reserve_mm: The room to leave for captions, when the caller has decided it.

    Returns:
        The placed photo.
    """
    if reserve_mm is None:
        reserve_mm = caption_reserve_mm(frame, languages, style, measure, photo.captions)
    area = Rect(frame.x_mm, frame.y_mm, frame.width_mm, max(0.0, frame.height_mm - reserve_mm))
    if photo.fills and area.width_mm > 0 and area.height_mm > 0:
        image = area  # cut to the area's shape around its focus point (never capped)
    else:
        image = fit_aspect(area, photo.aspect, max_width_for_ppi(photo.pixel_width, min_ppi))
    ppi = effective_ppi(photo.pixel_width, photo.pixel_height, image)
    return SlotPlan(photo.id, frame, image, ppi)


def _reserves(
    frames: Sequence[Rect], photos: Sequence[PhotoInfo], how: _Frame, share: float
) -> list[float]:
    """The caption room per frame; frames in one row share the largest, so pictures align."""
    needs = [
        min(
            needed_reserve_mm(frame, how.languages, how.style, how.measure, photo.captions),
            frame.height_mm * (1 - share),
        )
        for frame, photo in zip(frames, photos, strict=False)
    ]
    result = []
    for frame in frames[: len(needs)]:
        row = [
            need
            for other, need in zip(frames, needs, strict=False)
            if abs(other.y_mm - frame.y_mm) < 1e-6 and abs(other.height_mm - frame.height_mm) < 1e-6
        ]
        result.append(max(row))
    return result


def _fill(
    template: PanelTemplate, photos: Sequence[PhotoInfo], content: Rect, how: _Frame
) -> tuple[SlotPlan, ...]:
    frames = frame_rects(template, content)
    share = _HERO_PHOTO_SHARE if template.capacity == 1 else MIN_PHOTO_SHARE
    reserves = _reserves(frames, photos, how, share)
    return tuple(
        place_photo(photo, frame, how.languages, how.style, how.min_ppi, how.measure, reserve)
        for photo, frame, reserve in zip(photos, frames, reserves, strict=False)
    )


def _score(slots: tuple[SlotPlan, ...], content: Rect) -> float:
    area = sum(slot.image.area_mm2 for slot in slots)
    return area / max(content.area_mm2, 1e-9) * math.sqrt(len(slots))


def _captions_fit(
    template: PanelTemplate, photos: Sequence[PhotoInfo], content: Rect, how: _Frame
) -> bool:
    if template.capacity == 1:
        return True
    frames = frame_rects(template, content)
    return all(
        caption_room_suffices(frame, how.languages, how.style, how.measure, photo.captions)
        for frame, photo in zip(frames, photos, strict=False)
    )


def _best(
    photos: Sequence[PhotoInfo], content: Rect, how: _Frame, exactly: int | None = None
) -> tuple[PanelTemplate, tuple[SlotPlan, ...]]:
    """The best template for the next photos (``exactly``: one holding that many)."""
    best: tuple[float, PanelTemplate, tuple[SlotPlan, ...]] | None = None
    fallback: tuple[float, PanelTemplate, tuple[SlotPlan, ...]] | None = None
    for template in TEMPLATES.values():
        if exactly is not None and template.capacity != exactly:
            continue
        if template.capacity > len(photos):
            continue
        taken = photos[: template.capacity]
        slots = _fill(template, taken, content, how)
        score = _score(slots, content)
        if fallback is None or score > fallback[0] + 1e-9:
            fallback = (score, template, slots)
        if not _captions_fit(template, taken, content, how):
            continue  # its captions would overflow: fewer photos per panel instead
        if best is None or score > best[0] + 1e-9:
            best = (score, template, slots)
    # Asked for exactly n photos where no template of n leaves room: the roomiest one.
    chosen = best or fallback
    assert chosen is not None  # "hero" takes any single photo
    return chosen[1], chosen[2]


def slot_area(content: Rect, title_band_mm: float) -> Rect:
    """The part of a panel's content box that holds photos, below a title band."""
    band = min(max(0.0, title_band_mm), content.height_mm)
    return Rect(content.x_mm, content.y_mm + band, content.width_mm, content.height_mm - band)


def plan_section(
    photos: Sequence[PhotoInfo],
    panel_size_mm: tuple[float, float] = (1000.0, 1500.0),
    margin_mm: float = 20.0,
    languages: int | Sequence[str] = (),
    template: str | None = None,
    min_ppi: float = 100.0,
    style: CaptionStyle = PANEL_STYLE,
    measure: TextMeasure | None = None,
    title_band_mm: float = 0.0,
) -> list[PanelPlan]:
    """Fill panels with photos in visit order.

    Args:
        photos: The section's photos in visit order.
        panel_size_mm: Width and height of every panel.
        margin_mm: The panels' margin on every side.
        languages: The caption languages (tags; a count sizes the room by estimate only).
        template: A template name for every panel; None chooses one per panel.
        min_ppi: The product's minimum effective resolution (0: no cap).
        style: The product's caption style.
        measure: The PDF's measure: exact line heights, and the real captions measured.
        title_band_mm: The height the section's title takes on the first panel.

    Returns:
        The panels in order; empty when there are no photos.

    Raises:
        KeyError: ``template`` is not a template name.
    """
    width, height = panel_size_mm
    content = content_box(width, height, margin_mm)
    how = _Frame(_languages(languages), style, min_ppi, measure)
    fixed = TEMPLATES[template] if template is not None else None
    plans: list[PanelPlan] = []
    index = 0
    while index < len(photos):
        rest = photos[index:]
        room = slot_area(content, title_band_mm if not plans else 0.0)
        if fixed is not None:
            chosen, slots = fixed, _fill(fixed, rest[: fixed.capacity], room, how)
        else:
            chosen, slots = _best(rest, room, how)
        plans.append(PanelPlan(chosen.name, width, height, margin_mm, slots))
        index += len(slots)
    return plans


def _languages(languages: int | Sequence[str]) -> tuple[str, ...] | int:
    return languages if isinstance(languages, int) else tuple(languages)


def plan_panel(
    photos: Sequence[PhotoInfo],
    panel_size_mm: tuple[float, float],
    margin_mm: float,
    languages: Sequence[str],
    template: str | None = None,
    min_ppi: float = 100.0,
    style: CaptionStyle = PANEL_STYLE,
    measure: TextMeasure | None = None,
    title_band_mm: float = 0.0,
) -> PanelPlan:
    """One panel holding exactly these photos, in this order.

    ``template`` is kept when it holds exactly that many; otherwise the best template for
    that many photos is chosen (one leaving its captions room when there is one).

    Raises:
        ValueError: No photos, or more than any template holds.
    """
    capacity = max(t.capacity for t in TEMPLATES.values())
    if not photos or len(photos) > capacity:
        raise ValueError(f"a panel holds 1 to {capacity} photos, not {len(photos)}")
    width, height = panel_size_mm
    room = slot_area(content_box(width, height, margin_mm), title_band_mm)
    how = _Frame(_languages(languages), style, min_ppi, measure)
    kept = TEMPLATES.get(template or "")
    if kept is not None and kept.capacity == len(photos):
        chosen, slots = kept, _fill(kept, photos, room, how)
    else:
        chosen, slots = _best(photos, room, how, exactly=len(photos))
    return PanelPlan(chosen.name, width, height, margin_mm, slots)


def max_photos_per_panel() -> int:
    """The most photos any template holds."""
    return max(t.capacity for t in TEMPLATES.values())
