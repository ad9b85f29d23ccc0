"""The library of panel templates: where photos (with their captions) sit on a panel.

A template is data: a tuple of frames, each a rectangle in fractions (0..1) of the
panel's content box (the panel less its margins). A frame holds one photo and, under it,
the photo's caption blocks. Frames that meet are kept apart by a gutter that depends only
on the content box, so the geometry can be recomputed from a stored panel.
"""

from __future__ import annotations

from dataclasses import dataclass

from curator.core.layout.geometry import Rect
from curator.i18n import N_


@dataclass(frozen=True, slots=True)
class PanelTemplate:
    """A named arrangement of frames, in fractions of the content box."""

    name: str
    frames: tuple[Rect, ...]
    description: str

    @property
    def capacity(self) -> int:
        """How many photos the template holds."""
        return len(self.frames)


def _t(name: str, description: str, *frames: tuple[float, float, float, float]) -> PanelTemplate:
    return PanelTemplate(name, tuple(Rect(*frame) for frame in frames), description)


_THIRD = 1 / 3
TEMPLATES: dict[str, PanelTemplate] = {
    t.name: t
    for t in (
        _t("hero", N_("one photo, as large as the panel allows"), (0, 0, 1, 1)),
        _t(
            "two-side-by-side",
            N_("two photos side by side"),
            (0, 0, 0.5, 1),
            (0.5, 0, 0.5, 1),
        ),
        _t("two-stacked", N_("two photos, one above the other"), (0, 0, 1, 0.5), (0, 0.5, 1, 0.5)),
        _t(
            "grid-3",
            N_("three photos, one above the other"),
            (0, 0, 1, _THIRD),
            (0, _THIRD, 1, _THIRD),
            (0, 2 * _THIRD, 1, _THIRD),
        ),
        _t(
            "three-side-by-side",
            N_("three photos side by side"),
            (0, 0, _THIRD, 1),
            (_THIRD, 0, _THIRD, 1),
            (2 * _THIRD, 0, _THIRD, 1),
        ),
        _t(
            "grid-4",
            N_("four photos in two rows of two"),
            (0, 0, 0.5, 0.5),
            (0.5, 0, 0.5, 0.5),
            (0, 0.5, 0.5, 0.5),
            (0.5, 0.5, 0.5, 0.5),
        ),
        _t(
            "hero-plus-two",
            N_("one large photo above two smaller ones"),
            (0, 0, 1, 0.6),
            (0, 0.6, 0.5, 0.4),
            (0.5, 0.6, 0.5, 0.4),
        ),
    )
}


def template_names() -> list[str]:
    """The names of the templates, in the library's order."""
    return list(TEMPLATES)


def gutter_mm(content: Rect) -> float:
    """The space between two frames: 4 % of the content's shorter side, at most 20 mm."""
    return min(20.0, 0.04 * min(content.width_mm, content.height_mm))


def content_box(width_mm: float, height_mm: float, margin_mm: float) -> Rect:
    """A panel's area inside its margins."""
    return Rect(0.0, 0.0, width_mm, height_mm).inset(margin_mm)


def frame_rects(template: PanelTemplate, content: Rect) -> tuple[Rect, ...]:
    """The template's frames in millimetres, half a gutter taken where frames meet."""
    half = gutter_mm(content) / 2
    rects = []
    for frame in template.frames:
        cell = frame.scaled_into(content)
        left = half if frame.x_mm > 1e-9 else 0.0
        top = half if frame.y_mm > 1e-9 else 0.0
        right = half if frame.x_mm + frame.width_mm < 1 - 1e-9 else 0.0
        bottom = half if frame.y_mm + frame.height_mm < 1 - 1e-9 else 0.0
        rects.append(
            Rect(
                cell.x_mm + left,
                cell.y_mm + top,
                max(0.0, cell.width_mm - left - right),
                max(0.0, cell.height_mm - top - bottom),
            )
        )
    return tuple(rects)
