"""The geometry of one panel as stored: the one function the canvas and the PDF both call.

From a panel, its slots, the photos and their captions, :func:`panel_geometry` returns every
rectangle in millimetres and every caption line, broken by the PDF's text measure. A slot's
stored rectangle is the picture itself; its frame (the room for picture and captions) comes
from the panel's template when the picture still lies in that template's frame, and
otherwise reaches down from the picture to the next slot below or the bottom margin.
Captions start ``caption_gap_mm`` under the picture and fill the frame's width.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from curator.core.layout.geometry import Rect, effective_ppi
from curator.core.layout.regions import caption_rects
from curator.core.layout.style import CaptionStyle, TextMeasure
from curator.core.layout.templates import TEMPLATES, content_box, frame_rects, gutter_mm
from curator.core.layout.text import CaptionBlock, caption_block
from curator.core.model import CaptionField, Panel, Photo, Slot

#: ``{photo_id: {language: {field: text}}}``
CaptionTexts = Mapping[str, Mapping[str, Mapping[CaptionField, str]]]


@dataclass(frozen=True, slots=True)
class SlotGeometry:
    """A slot drawn: frame, picture, resolution and the caption blocks per language."""

    slot_id: str
    photo_id: str | None
    frame: Rect
    image: Rect
    effective_ppi: float | None
    captions: tuple[CaptionBlock, ...]


@dataclass(frozen=True, slots=True)
class PanelGeometry:
    """A panel drawn, in millimetres from its top left."""

    panel_id: str
    width_mm: float
    height_mm: float
    content: Rect
    slots: tuple[SlotGeometry, ...]


def _fallback_frame(image: Rect, others: Sequence[Rect], content: Rect) -> Rect:
    bottom = content.bottom_mm
    for other in others:
        overlaps = other.x_mm < image.right_mm and other.right_mm > image.x_mm
        if overlaps and other.y_mm >= image.bottom_mm - 1e-6:
            bottom = min(bottom, other.y_mm - gutter_mm(content))
    return Rect(image.x_mm, image.y_mm, image.width_mm, max(image.height_mm, bottom - image.y_mm))


def slot_frames(panel: Panel, slots: Sequence[Slot]) -> tuple[Rect, ...]:
    """The frame of each slot, in the order of ``slots``."""
    content = content_box(panel.width_mm, panel.height_mm, panel.margin_mm)
    template = TEMPLATES.get(panel.template or "")
    frames = frame_rects(template, content) if template else ()
    images = [Rect(s.x_mm, s.y_mm, s.width_mm, s.height_mm) for s in slots]
    result = []
    for index, image in enumerate(images):
        if index < len(frames) and frames[index].contains(image):
            result.append(frames[index])
        else:
            others = images[:index] + images[index + 1 :]
            result.append(_fallback_frame(image, others, content))
    return tuple(result)


def _slot_ppi(slot: Slot, photo: Photo | None, image: Rect) -> float | None:
    if photo is None:
        return None
    crop_w = slot.crop.w if slot.crop.w > 0 else 1.0
    crop_h = slot.crop.h if slot.crop.h > 0 else 1.0
    return effective_ppi(round(photo.width * crop_w), round(photo.height * crop_h), image)


def panel_geometry(
    panel: Panel,
    slots: Sequence[Slot],
    photos: Mapping[str, Photo],
    captions: CaptionTexts,
    languages: Sequence[str],
    style: CaptionStyle,
    measure: TextMeasure,
) -> PanelGeometry:
    """Every rectangle and caption line of one panel.

    Args:
        panel: The panel.
        slots: Its slots, in order.
        photos: The photos by id (at least those in ``slots``).
        captions: Caption texts by photo, language and field.
        languages: The languages to set, in page order.
        style: The product's caption style.
        measure: The PDF's text measure.

    Returns:
        The panel's geometry; an empty slot has no resolution and no captions.
    """
    frames = slot_frames(panel, slots)
    placed = []
    for slot, frame in zip(slots, frames, strict=True):
        image = Rect(slot.x_mm, slot.y_mm, slot.width_mm, slot.height_mm)
        photo = photos.get(slot.photo_id) if slot.photo_id else None
        blocks: tuple[CaptionBlock, ...] = ()
        if photo is not None:
            top = image.bottom_mm + style.caption_gap_mm
            area = Rect(frame.x_mm, top, frame.width_mm, max(0.0, frame.bottom_mm - top))
            texts = captions.get(photo.id, {})
            blocks = tuple(
                caption_block(language, rect, texts.get(language, {}), style, measure)
                for language, rect in zip(
                    languages, caption_rects(area, languages, style), strict=True
                )
            )
        ppi = _slot_ppi(slot, photo, image)
        placed.append(SlotGeometry(slot.id, slot.photo_id, frame, image, ppi, blocks))
    content = content_box(panel.width_mm, panel.height_mm, panel.margin_mm)
    return PanelGeometry(panel.id, panel.width_mm, panel.height_mm, content, tuple(placed))
