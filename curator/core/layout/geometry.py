"""Rectangles in millimetres and the arithmetic of fitting photos into them.

Everything here is pure: an aspect-correct fit (a photo is never cropped by default, only
centred), and the resolution a photo's pixels give at a printed size.
"""

from __future__ import annotations

from dataclasses import dataclass

MM_PER_INCH = 25.4
MM_PER_POINT = 25.4 / 72.0

#: Rounding slack for comparisons of lengths computed in floating point.
EPSILON_MM = 1e-6


@dataclass(frozen=True, slots=True)
class Rect:
    """An axis-aligned rectangle in millimetres from the top left of its panel or page."""

    x_mm: float
    y_mm: float
    width_mm: float
    height_mm: float

    @property
    def right_mm(self) -> float:
        """The right edge."""
        return self.x_mm + self.width_mm

    @property
    def bottom_mm(self) -> float:
        """The bottom edge."""
        return self.y_mm + self.height_mm

    @property
    def area_mm2(self) -> float:
        """The area in square millimetres."""
        return self.width_mm * self.height_mm

    def contains(self, other: Rect, tolerance_mm: float = 1e-3) -> bool:
        """Whether ``other`` lies inside this rectangle (edges may touch)."""
        return (
            other.x_mm >= self.x_mm - tolerance_mm
            and other.y_mm >= self.y_mm - tolerance_mm
            and other.right_mm <= self.right_mm + tolerance_mm
            and other.bottom_mm <= self.bottom_mm + tolerance_mm
        )

    def inset(self, margin_mm: float) -> Rect:
        """This rectangle shrunk by ``margin_mm`` on every side (never below zero size)."""
        return Rect(
            self.x_mm + margin_mm,
            self.y_mm + margin_mm,
            max(0.0, self.width_mm - 2 * margin_mm),
            max(0.0, self.height_mm - 2 * margin_mm),
        )

    def scaled_into(self, box: Rect) -> Rect:
        """This rectangle read as fractions (0..1) of ``box``, in ``box``'s millimetres."""
        return Rect(
            box.x_mm + self.x_mm * box.width_mm,
            box.y_mm + self.y_mm * box.height_mm,
            self.width_mm * box.width_mm,
            self.height_mm * box.height_mm,
        )


def fit_aspect(box: Rect, aspect: float, max_width_mm: float | None = None) -> Rect:
    """The largest rectangle of ``aspect`` (width / height) inside ``box``, centred.

    Args:
        box: The space available.
        aspect: Width over height of what is placed; must be positive.
        max_width_mm: An upper bound on the width (the resolution cap), if any.

    Returns:
        The fitted rectangle, centred in ``box``; zero-sized when ``box`` is empty.
    """
    if aspect <= 0 or box.width_mm <= 0 or box.height_mm <= 0:
        return Rect(box.x_mm, box.y_mm, 0.0, 0.0)
    width = min(box.width_mm, box.height_mm * aspect)
    if max_width_mm is not None:
        width = min(width, max_width_mm)
    height = width / aspect
    return Rect(
        box.x_mm + (box.width_mm - width) / 2,
        box.y_mm + (box.height_mm - height) / 2,
        width,
        height,
    )


def effective_ppi(pixel_width: int, pixel_height: int, rect: Rect) -> float:
    """Pixels per inch a photo gives when printed at ``rect``: pixels / (mm / 25.4).

    The lower of the two directions counts (they agree when the aspect is kept). An empty
    rectangle gives 0.
    """
    if rect.width_mm <= 0 or rect.height_mm <= 0:
        return 0.0
    across = pixel_width / (rect.width_mm / MM_PER_INCH)
    down = pixel_height / (rect.height_mm / MM_PER_INCH)
    return min(across, down)


def max_width_for_ppi(pixel_width: int, min_ppi: float) -> float | None:
    """The widest a photo may print and still give ``min_ppi``; None when there is no cap."""
    if min_ppi <= 0 or pixel_width <= 0:
        return None
    return pixel_width / min_ppi * MM_PER_INCH


def cut_to(rect: Rect, window: Rect) -> tuple[Rect, Rect] | None:
    """The part of ``rect`` inside ``window``, and where that part lies in ``rect``.

    Returns:
        The visible part in millimetres and the same part in fractions (0..1) of ``rect``
        (what a picture filling ``rect`` shows there); None when nothing of it is inside.
    """
    left = max(rect.x_mm, window.x_mm)
    top = max(rect.y_mm, window.y_mm)
    right = min(rect.right_mm, window.right_mm)
    bottom = min(rect.bottom_mm, window.bottom_mm)
    if right - left <= EPSILON_MM or bottom - top <= EPSILON_MM:
        return None
    if rect.width_mm <= 0 or rect.height_mm <= 0:
        return None
    part = Rect(left, top, right - left, bottom - top)
    source = Rect(
        (left - rect.x_mm) / rect.width_mm,
        (top - rect.y_mm) / rect.height_mm,
        part.width_mm / rect.width_mm,
        part.height_mm / rect.height_mm,
    )
    return part, source
