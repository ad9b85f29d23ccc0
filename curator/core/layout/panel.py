"""The geometry of one panel as stored: the one function the canvas and the PDF both call.

From a panel, its slots, the photos and their captions, :func:`panel_geometry` returns every
rectangle in millimetres and every caption line, broken by the PDF's text measure. A slot's
stored rectangle is the picture itself; its frame (the room for picture and captions) comes
from the panel's template when the picture still lies in that template's frame, and
otherwise reaches down from the picture to the next slot below or the bottom margin.
Captions start ``caption_gap_mm`` under the picture and fill the frame's width.

The first panel of a section carries the section's title in a band at the top of its
content box (:mod:`~curator.core.layout.titles`); its template's frames fill the rest.
A slot's crop says which part of the photo is printed (:func:`visible_part`): a crop
rectangle, or a focus point to keep in view; whatever the crop, the printed part is cut to the
slot's own shape, so the picture is never distorted, and the resolution counts only the
pixels printed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from curator.core.layout.geometry import EPSILON_MM, MM_PER_POINT, Rect, effective_ppi
from curator.core.layout.plan import slot_area
from curator.core.layout.qr import QrMark, qr_side_mm
from curator.core.layout.regions import caption_rects
from curator.core.layout.style import CaptionStyle, TextMeasure, lead_style
from curator.core.layout.templates import TEMPLATES, content_box, frame_rects, gutter_mm
from curator.core.layout.text import CaptionBlock, caption_block
from curator.core.layout.titles import title_band_mm, title_blocks
from curator.core.layout.wall_sizes import PANEL_DISTANCE_CM
from curator.core.model import CaptionField, Crop, Panel, Photo, Slot

FULL = Rect(0.0, 0.0, 1.0, 1.0)

#: ``{photo_id: {language: {field: text}}}``
CaptionTexts = Mapping[str, Mapping[str, Mapping[CaptionField, str]]]


@dataclass(frozen=True, slots=True)
class SlotGeometry:
    """A slot drawn: frame, picture, resolution and the caption blocks per language.

    ``source`` is the part of the photo printed in ``image``, in fractions (0..1) of the
    upright photo.
    """

    slot_id: str
    photo_id: str | None
    frame: Rect
    image: Rect
    effective_ppi: float | None
    captions: tuple[CaptionBlock, ...]
    source: Rect = FULL
    #: The QR code opening the photo's page, right of its captions (None: no code).
    code: QrMark | None = None


@dataclass(frozen=True, slots=True)
class PanelGeometry:
    """A panel drawn, in millimetres from its top left.

    ``titles`` are the section's title lines, one block per language (first panel only).
    """

    panel_id: str
    width_mm: float
    height_mm: float
    content: Rect
    slots: tuple[SlotGeometry, ...]
    titles: tuple[CaptionBlock, ...] = ()


def _fallback_frame(image: Rect, others: Sequence[Rect], content: Rect) -> Rect:
    bottom = content.bottom_mm
    for other in others:
        overlaps = other.x_mm < image.right_mm and other.right_mm > image.x_mm
        if overlaps and other.y_mm >= image.bottom_mm - 1e-6:
            bottom = min(bottom, other.y_mm - gutter_mm(content))
    return Rect(image.x_mm, image.y_mm, image.width_mm, max(image.height_mm, bottom - image.y_mm))


def slot_frames(
    panel: Panel, slots: Sequence[Slot], title_band_mm: float = 0.0
) -> tuple[Rect, ...]:
    """The frame of each slot, in the order of ``slots`` (below a title band, if any)."""
    content = slot_area(
        content_box(panel.width_mm, panel.height_mm, panel.margin_mm), title_band_mm
    )
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


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(value, high))


def visible_part(crop: Crop, pixel_width: int, pixel_height: int, image: Rect) -> Rect:
    """The part of a photo (fractions of the upright photo) printed in ``image``.

    The crop rectangle (the whole photo for a focus point) is cut to ``image``'s shape
    around its centre - or around the focus point, as near as the photo's edges allow.
    """
    if pixel_width <= 0 or pixel_height <= 0 or image.width_mm <= 0 or image.height_mm <= 0:
        return FULL
    if crop.w > 0 and crop.h > 0:
        region = Rect(crop.x, crop.y, crop.w, crop.h)
        centre_x, centre_y = crop.x + crop.w / 2, crop.y + crop.h / 2
    else:
        region, centre_x, centre_y = FULL, crop.x, crop.y
    wanted = image.width_mm / image.height_mm
    region_aspect = region.width_mm * pixel_width / (region.height_mm * pixel_height)
    width, height = region.width_mm, region.height_mm
    if region_aspect > wanted:
        width = height * pixel_height * wanted / pixel_width
    else:
        height = width * pixel_width / wanted / pixel_height
    x = _clamp(centre_x - width / 2, region.x_mm, region.right_mm - width)
    y = _clamp(centre_y - height / 2, region.y_mm, region.bottom_mm - height)
    return Rect(x, y, width, height)


def _slot_source(slot: Slot, photo: Photo | None, image: Rect) -> tuple[Rect, float | None]:
    if photo is None:
        return FULL, None
    source = visible_part(slot.crop, photo.width, photo.height, image)
    pixels_w = round(photo.width * source.width_mm)
    pixels_h = round(photo.height * source.height_mm)
    return source, effective_ppi(pixels_w, pixels_h, image)


def panel_geometry(
    panel: Panel,
    slots: Sequence[Slot],
    photos: Mapping[str, Photo],
    captions: CaptionTexts,
    languages: Sequence[str],
    style: CaptionStyle,
    measure: TextMeasure,
    title: Mapping[str, str] | None = None,
    codes: Mapping[str, str] | None = None,
    distance_cm: float = PANEL_DISTANCE_CM,
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
        title: The section's title per language, for the section's first panel.
        codes: The web edition's page per photo id; each photo with one gets a QR code
            sized for ``distance_cm``: under its captions at the caption area's bottom
            right (smaller when they leave less room, down to the 15 mm floor), else right
            of the picture in its frame, else at the floor at the area's top right with the
            captions set narrower beside it (preflight's ``qr-too-small`` names a code
            smaller than asked).
        distance_cm: The panels' viewing distance, which sizes the codes.

    Returns:
        The panel's geometry; an empty slot has no resolution and no captions.
    """
    band = title_band_mm(len(languages), style) if title is not None else 0.0
    frames = slot_frames(panel, slots, band)
    placed = []
    for slot, frame in zip(slots, frames, strict=True):
        image = Rect(slot.x_mm, slot.y_mm, slot.width_mm, slot.height_mm)
        photo = photos.get(slot.photo_id) if slot.photo_id else None
        blocks: tuple[CaptionBlock, ...] = ()
        code: QrMark | None = None
        if photo is not None:
            top = image.bottom_mm + style.caption_gap_mm
            area = Rect(frame.x_mm, top, frame.width_mm, max(0.0, frame.bottom_mm - top))
            texts = captions.get(photo.id, {})

            def set_in(
                room: Rect, texts: Mapping[str, Mapping[CaptionField, str]] = texts
            ) -> tuple[CaptionBlock, ...]:
                return tuple(
                    caption_block(language, rect, texts.get(language, {}),
                                  lead_style(style) if index == 0 else style, measure)
                    for index, (language, rect) in enumerate(
                        zip(languages, caption_rects(room, languages, style), strict=True)
                    )
                )  # fmt: skip

            blocks = set_in(area)
            url = (codes or {}).get(photo.id, "")
            if url:
                gap = style.language_gap_mm
                code = _code_under(url, area, blocks, distance_cm, gap)
                code = code or _code_by_picture(url, frame, image, distance_cm, gap)
                if code is None:
                    code, rest = _code_beside(url, area, distance_cm, gap)
                    blocks = set_in(rest)
        source, ppi = _slot_source(slot, photo, image)
        placed.append(SlotGeometry(slot.id, slot.photo_id, frame, image, ppi, blocks, source, code))
    content = content_box(panel.width_mm, panel.height_mm, panel.margin_mm)
    titles = title_blocks(title, languages, content, style, measure) if title is not None else ()
    return PanelGeometry(panel.id, panel.width_mm, panel.height_mm, content, tuple(placed), titles)


def _code_beside(url: str, area: Rect, distance_cm: float, gap_mm: float) -> tuple[QrMark, Rect]:
    """The code at the 15 mm floor at the area's top right, and the room left beside it."""
    side = max(0.0, min(qr_side_mm(url, 0.0), area.height_mm, area.width_mm / 3))
    mark = QrMark(url, Rect(area.right_mm - side, area.y_mm, side, side), distance_cm)
    rest = Rect(area.x_mm, area.y_mm, max(0.0, area.width_mm - side - gap_mm), area.height_mm)
    return mark, rest


def _code_under(
    url: str, area: Rect, blocks: Sequence[CaptionBlock], distance_cm: float, gap_mm: float
) -> QrMark | None:
    """The code at the area's bottom right under the captions, if they leave it room.

    Smaller than ``distance_cm`` asks when the room is short (never under the 15 mm floor;
    preflight's ``qr-too-small`` names it); None when not even that fits.
    """
    lines = [line for block in blocks for line in block.lines]
    text_bottom = max(
        (line.baseline_mm + line.size_pt * MM_PER_POINT * 0.3 for line in lines),
        default=area.y_mm,
    )
    if any(not block.fits for block in blocks):
        return None
    side = min(qr_side_mm(url, distance_cm), area.width_mm, area.bottom_mm - text_bottom - gap_mm)
    if side < qr_side_mm(url, 0.0) - EPSILON_MM:
        return None
    corner = Rect(area.right_mm - side, area.bottom_mm - side, side, side)
    return QrMark(url, corner, distance_cm)


def _code_by_picture(
    url: str, frame: Rect, image: Rect, distance_cm: float, gap_mm: float
) -> QrMark | None:
    """The code in the frame right of the picture, level with its bottom, if there is room."""
    room = frame.right_mm - image.right_mm - gap_mm
    side = min(qr_side_mm(url, distance_cm), room, image.height_mm)
    if side < qr_side_mm(url, 0.0) - EPSILON_MM:
        return None
    corner = Rect(frame.right_mm - side, image.bottom_mm - side, side, side)
    return QrMark(url, corner, distance_cm)
