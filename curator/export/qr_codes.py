"""QR codes drawn into a PDF with reportlab's own widget (no other dependency).

Each :class:`~curator.core.layout.qr.QrMark` is drawn in its square: the symbol at error
correction level M, its quiet zone of four modules left white, in black ink only (K 100%),
as vectors.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import CMYKColor
from reportlab.pdfgen.canvas import Canvas

from curator.core.layout.qr import QUIET_MODULES, QrMark
from curator.export.pdf import PageFrame, pt

_BLACK = CMYKColor(0, 0, 0, 1)


def qr_drawing(url: str, side_pt: float) -> Drawing:
    """A square drawing ``side_pt`` wide holding the code for ``url`` and its quiet zone."""
    widget = QrCodeWidget(url, barLevel="M", barBorder=QUIET_MODULES)
    widget.barWidth = side_pt
    widget.barHeight = side_pt
    widget.barFillColor = _BLACK
    drawing = Drawing(side_pt, side_pt)
    drawing.add(widget)
    return drawing


def draw_codes(canvas: Canvas, frame: PageFrame, codes: Sequence[QrMark]) -> None:
    """Every code in its square on the page."""
    for code in codes:
        side = pt(code.rect.width_mm)
        drawing = qr_drawing(code.url, side)
        drawing.drawOn(canvas, frame.x(code.rect.x_mm), frame.y(code.rect.bottom_mm))
