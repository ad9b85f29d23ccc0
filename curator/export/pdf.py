"""What every print PDF Curator writes shares: page frame, boxes, marks, inks and fonts.

The catalogue, panel and label renderers draw in millimetres from the trim's top left; a
:class:`PageFrame` turns that into PDF points from the media box's bottom left. The media
box is the trim plus the bleed, plus a slug for crop marks when they are asked for. Every
page gets a TrimBox, a BleedBox and an ArtBox (the trim: the whole designed page), and its
CropBox is the media box.

reportlab's initial font is one of the bundled TrueType faces, so no unembedded base-14
font (Helvetica) is ever named in a page; images are written without ASCII85 so a JPEG's
bytes go into the file as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from curator.core.layout import MM_PER_POINT, CaptionLine, Rect
from curator.core.layout.catalogue_model import Align, PageFill, PageText, Tone
from curator.export.fonts import register_bundled_fonts

# Raw binary streams: a passed-through JPEG is the original's bytes (no ASCII85 wrapper).
rl_config.useA85 = 0

INITIAL_FONT = "NotoSans-Regular"
#: Crop marks: how far from the trim they start (at least the bleed) and how long they are.
MARK_OFFSET_MM = 3.0
MARK_LENGTH_MM = 5.0
MARK_WIDTH_PT = 0.25
SLUG_MM = 10.0

#: The inks of the named tones, CMYK fractions.
TONES: dict[Tone, tuple[float, float, float, float]] = {
    Tone.LEAD: (0.0, 0.0, 0.0, 1.0),
    Tone.SECOND: (0.0, 0.0, 0.0, 0.72),
    Tone.MUTED: (0.0, 0.0, 0.0, 0.5),
    Tone.ACCENT: (0.0, 0.9, 0.85, 0.12),
    Tone.COVER: (0.92, 0.72, 0.28, 0.5),
    Tone.INVERSE: (0.0, 0.0, 0.0, 0.0),
    Tone.INVERSE_MUTED: (0.25, 0.15, 0.05, 0.1),
}
REGISTRATION = (1.0, 1.0, 1.0, 1.0)


def pt(mm: float) -> float:
    """Millimetres to PDF points."""
    return mm / MM_PER_POINT


@dataclass(frozen=True, slots=True)
class PageFrame:
    """The trim, bleed and slug of a page, and the conversion to PDF points."""

    trim_width_mm: float
    trim_height_mm: float
    bleed_mm: float
    marks: bool

    @property
    def margin_mm(self) -> float:
        """From the media box's edge to the trim."""
        # Marks start at most MARK_OFFSET_MM past the bleed and end inside the slug.
        return self.bleed_mm + (SLUG_MM if self.marks else 0.0)

    @property
    def media_mm(self) -> tuple[float, float]:
        """Width and height of the media box."""
        return (
            self.trim_width_mm + 2 * self.margin_mm,
            self.trim_height_mm + 2 * self.margin_mm,
        )

    def x(self, x_mm: float) -> float:
        """A page x (mm from the trim's left) in points from the media's left."""
        return pt(self.margin_mm + x_mm)

    def y(self, y_mm: float) -> float:
        """A page y (mm from the trim's top) in points from the media's bottom."""
        return pt(self.media_mm[1] - self.margin_mm - y_mm)

    def box(self, outset_mm: float) -> tuple[float, float, float, float]:
        """The trim grown by ``outset_mm`` on every side, as a PDF box (points)."""
        return (
            self.x(-outset_mm),
            self.y(self.trim_height_mm + outset_mm),
            self.x(self.trim_width_mm + outset_mm),
            self.y(-outset_mm),
        )


def set_page_frame(canvas: Canvas, frame: PageFrame) -> None:
    """Size the next pages and set their boxes for ``frame`` (pages may differ in size)."""
    width, height = frame.media_mm
    canvas.setPageSize((pt(width), pt(height)))
    canvas.setTrimBox(frame.box(0.0))
    canvas.setArtBox(frame.box(0.0))
    canvas.setBleedBox(frame.box(frame.bleed_mm))


def new_canvas(path: Path, frame: PageFrame, title: str = "") -> Canvas:
    """A canvas with the boxes set for every page and an embedded initial font."""
    register_bundled_fonts()
    width, height = frame.media_mm
    canvas = Canvas(
        str(path),
        pagesize=(pt(width), pt(height)),
        initialFontName=INITIAL_FONT,
        initialFontSize=10,
        invariant=1,
        pageCompression=1,
    )
    set_page_frame(canvas, frame)
    canvas.setCreator("Curator")
    canvas.setProducer("Curator (reportlab)")
    if title:
        canvas.setTitle(title)
    return canvas


def set_fill(canvas: Canvas, tone: Tone) -> None:
    """Fill with a tone's ink."""
    canvas.setFillColorCMYK(*TONES[tone])


def draw_crop_marks(canvas: Canvas, frame: PageFrame) -> None:
    """Crop marks at the trim's corners, in the slug: they never reach into the bleed."""
    start = max(MARK_OFFSET_MM, frame.bleed_mm)
    canvas.saveState()
    canvas.setStrokeColorCMYK(*REGISTRATION)
    canvas.setLineWidth(MARK_WIDTH_PT)
    for x_edge in (0.0, frame.trim_width_mm):
        for y_edge in (0.0, frame.trim_height_mm):
            sign_x = -1.0 if x_edge == 0.0 else 1.0
            sign_y = -1.0 if y_edge == 0.0 else 1.0
            # the horizontal mark continues the trim's top or bottom edge outward...
            x0 = x_edge + sign_x * start
            x1 = x_edge + sign_x * (start + MARK_LENGTH_MM)
            canvas.line(frame.x(x0), frame.y(y_edge), frame.x(x1), frame.y(y_edge))
            # ...and the vertical one its left or right edge
            y0 = y_edge + sign_y * start
            y1 = y_edge + sign_y * (start + MARK_LENGTH_MM)
            canvas.line(frame.x(x_edge), frame.y(y0), frame.x(x_edge), frame.y(y1))
    canvas.restoreState()


def fill_rect(canvas: Canvas, frame: PageFrame, rect: Rect) -> None:
    """Fill ``rect`` (page millimetres) with the current fill colour."""
    canvas.rect(
        frame.x(rect.x_mm),
        frame.y(rect.bottom_mm),
        pt(rect.width_mm),
        pt(rect.height_mm),
        stroke=0,
        fill=1,
    )


def draw_fills(canvas: Canvas, frame: PageFrame, fills: Sequence[PageFill]) -> None:
    """Colour areas and rules, each in its tone."""
    for fill in fills:
        set_fill(canvas, fill.tone)
        fill_rect(canvas, frame, fill.rect)


def draw_texts(canvas: Canvas, frame: PageFrame, texts: Sequence[PageText]) -> None:
    """Placed lines of text, each in its font, size, tone and alignment."""
    for text in texts:
        set_fill(canvas, text.tone)
        canvas.setFont(text.font, text.size_pt)
        x, y = frame.x(text.x_mm), frame.y(text.baseline_mm)
        if text.align is Align.RIGHT:
            canvas.drawRightString(x, y, text.text)
        elif text.align is Align.CENTRE:
            canvas.drawCentredString(x, y, text.text)
        else:
            canvas.drawString(x, y, text.text)


def draw_caption_lines(
    canvas: Canvas,
    frame: PageFrame,
    lines: Sequence[CaptionLine],
    tone: Tone,
    offset_mm: tuple[float, float] = (0.0, 0.0),
) -> None:
    """Caption lines as core placed them (moved by ``offset_mm``), in one tone."""
    set_fill(canvas, tone)
    dx, dy = offset_mm
    for line in lines:
        canvas.setFont(line.font, line.size_pt)
        canvas.drawString(frame.x(line.x_mm + dx), frame.y(line.baseline_mm + dy), line.text)
