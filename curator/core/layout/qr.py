"""QR codes on the wall: how large a code must be to be scanned from where it is read.

The rule (documented in the guide): the code's symbol, without its quiet zone, is at least
a tenth of the reading distance (the product's viewing distance: 60 cm for labels → 60 mm)
and never under :data:`QR_FLOOR_MM` (15 mm); around it a quiet zone of
:data:`QUIET_MODULES` (4) modules stays white. The number of modules follows the address's
length (byte mode, error correction level M, as the PDF draws it), so a longer address
gives finer modules on the same square, never a smaller square.
"""

from __future__ import annotations

from dataclasses import dataclass

from curator.core.layout.geometry import Rect

QR_FLOOR_MM = 15.0
QUIET_MODULES = 4
#: Bytes a QR code holds at error correction level M, versions 1 to 20.
_CAPACITY_M = (14, 26, 42, 62, 84, 106, 122, 152, 180, 213,
               251, 287, 331, 362, 412, 450, 504, 560, 624, 666)  # fmt: skip
#: Between a code and the text above it.
QR_GAP_MM = 4.0


@dataclass(frozen=True, slots=True)
class QrMark:
    """A code on a page: the address it opens and its square, quiet zone included (mm)."""

    url: str
    rect: Rect
    #: The reading distance it was sized for, in centimetres.
    distance_cm: float

    @property
    def modules(self) -> int:
        """Modules across the symbol (without the quiet zone)."""
        return qr_modules(self.url)

    @property
    def symbol_mm(self) -> float:
        """The symbol's side without its quiet zone."""
        modules = self.modules
        return self.rect.width_mm * modules / (modules + 2 * QUIET_MODULES)


def qr_modules(url: str) -> int:
    """Modules across the symbol that holds ``url`` (level M).

    Raises:
        ValueError: The address is longer than a code Curator prints holds.
    """
    size = len(url.encode("utf-8"))
    for version, capacity in enumerate(_CAPACITY_M, 1):
        if size <= capacity:
            return 17 + 4 * version
    raise ValueError("address too long for a QR code")


def needed_symbol_mm(distance_cm: float) -> float:
    """The least symbol side readable from ``distance_cm``: a tenth of it, 15 mm at least."""
    return max(QR_FLOOR_MM, distance_cm * 10.0 / 10.0)


def qr_side_mm(url: str, distance_cm: float) -> float:
    """The square a code for ``url`` takes, quiet zone included, read from ``distance_cm``."""
    modules = qr_modules(url)
    return round(needed_symbol_mm(distance_cm) * (modules + 2 * QUIET_MODULES) / modules, 2)


def too_small(mark: QrMark) -> bool:
    """Whether the code's symbol is smaller than its reading distance needs."""
    return mark.symbol_mm < needed_symbol_mm(mark.distance_cm) - 0.05
