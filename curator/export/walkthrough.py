"""The guide's walkthrough booklet (issue #26): one A5 page per stop of a route, in order.

Each page: the route and the stop, the time to keep there and the time so far against the
time allotted; the hall's plan with the route and this stop marked
(:mod:`.walkthrough_plan`); the photo's thumbnail beside the names of the people it shows in
every language; its headline and caption in the chosen languages side by side; and the
talking points per language, side by side, for the guide and the interpreter. The fonts are
the bundled Noto faces, embedded as subsets (Vietnamese and Russian included); the booklet's
own words are in the interface language. Written through :func:`~.document.write_document`,
so an interrupted export leaves nothing and a file the project protects is refused.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas

from curator.core.checks.findings import Finding, Severity, language_name
from curator.core.hall.model import Point
from curator.core.hall.visit import format_walk_time
from curator.core.language.languages import heading_name
from curator.core.layout import Rect
from curator.core.layout.catalogue_model import Tone
from curator.core.progress import ProgressCallback, no_progress
from curator.core.publishing.catalogue_service import organisers
from curator.core.services import ProjectService
from curator.export.colour import OutputProfile
from curator.export.doc_info import DocumentInfo
from curator.export.document import Document, guard_output, write_document
from curator.export.fonts import register_bundled_fonts
from curator.export.images import prepare_image
from curator.export.pdf import PageFrame, pt, set_fill
from curator.export.walkthrough_content import StopPage, Walkthrough, walkthrough
from curator.export.walkthrough_plan import draw_plan
from curator.i18n import _, current_language, number_text

A5 = (148.0, 210.0)
MARGIN = 10.0
GAP = 4.0
SANS, SANS_BOLD = "NotoSans-Regular", "NotoSans-Bold"
_LINE = 1.25 * 0.3528  # a line's height per point of type, in mm
_FRAME = PageFrame(A5[0], A5[1], 0.0, False)
#: Thumbnails are small; never brought down.
THUMB_PPI = 600


@dataclass(frozen=True, slots=True)
class WalkthroughOptions:
    """The route, the languages (None: the project's, in its order), picks only."""

    route: str | None = None
    languages: tuple[str, ...] | None = None
    picks_only: bool = False


@dataclass(frozen=True, slots=True)
class WalkthroughResult:
    """What the export wrote."""

    path: Path
    route: str
    pages: int
    total_min: float
    allotted_min: float
    languages: tuple[str, ...]
    #: ``points-too-long``: talking points cut with "…" on their page.
    findings: tuple[Finding, ...] = ()


def _text(
    canvas: Canvas, x: float, y: float, width: float, text: str, font: str, size: float,
    bottom: float, tone: Tone = Tone.LEAD,
) -> float:  # fmt: skip
    """``text`` wrapped into ``width`` from ``y`` (its top) down, cut with "…" at ``bottom``.

    Returns where the next line would start.
    """
    step = size * _LINE
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines += simpleSplit(paragraph, font, size, width / 0.3528) or [""]
    room = max(int((bottom - y) / step), 0)
    if len(lines) > room:
        lines = lines[:room]
        if lines:
            lines[-1] = lines[-1].rstrip() + " …"
    set_fill(canvas, tone)
    canvas.setFont(font, size)
    for line in lines:
        y += step
        canvas.drawString(_FRAME.x(x), _FRAME.y(y - step * 0.22), line)
    return y


def _fits(text: str, width: float, size: float, top: float, bottom: float) -> bool:
    """Whether ``text`` (regular face, ``size``) fits ``width`` from ``top`` to ``bottom``."""
    lines = 0
    for paragraph in text.splitlines() or [""]:
        lines += len(simpleSplit(paragraph, SANS, size, width / 0.3528)) or 1
    return lines <= max(int((bottom - top) / (size * _LINE)), 0)


def _columns(count: int) -> list[tuple[float, float]]:
    """``count`` side-by-side columns across the page: (x, width)."""
    width = (A5[0] - 2 * MARGIN - GAP * (count - 1)) / max(count, 1)
    return [(MARGIN + i * (width + GAP), width) for i in range(count)]


class _Pages:
    """Draws the pages of one booklet."""

    def __init__(self, book: Walkthrough, profile: OutputProfile | None, dry: bool = False) -> None:
        self.book = book
        self.profile = profile
        #: A pass that only measures: no thumbnail is prepared or drawn.
        self.dry = dry
        #: (stop number, language) of every stop's talking points cut with "…".
        self.cut: list[tuple[int, str]] = []
        self.stops: list[Point | None] = [
            book.centres.get(page.timed.stop.panel_id) for page in book.pages
        ]
        self.ui = current_language()

    def draw(self, canvas: Canvas, page: StopPage, workdir: Path) -> None:
        book = self.book
        times = book.times
        y = _text(canvas, MARGIN, MARGIN, 100, times.route.name, SANS_BOLD, 11, 30)
        set_fill(canvas, Tone.MUTED)
        canvas.setFont(SANS, 8)
        where = _("Stop %(number)d of %(count)d · panel %(panel)s") % {
            "number": page.number,
            "count": len(book.pages),
            "panel": page.reference,
        }
        canvas.drawRightString(_FRAME.x(A5[0] - MARGIN), _FRAME.y(MARGIN + 4), where)
        timed = page.timed
        if page.number == 1:
            walk = _("the route starts here")
        elif timed.walk_m is None:
            walk = _("walk not measured")
        else:
            walk = _("walk %(metres)s m, %(time)s") % {
                "metres": number_text(timed.walk_m, 0),
                "time": format_walk_time(timed.walk_min or 0.0),
            }
        keep = _(
            "Keep %(minutes)s min here · %(walk)s · %(so_far)s of %(allotted)s min when leaving"
        ) % {
            "minutes": number_text(timed.stay_min),
            "walk": walk,
            "so_far": number_text(timed.cumulative_min, 1),
            "allotted": number_text(times.route.allotted_min),
        }
        y = _text(canvas, MARGIN, y + 1, A5[0] - 2 * MARGIN, keep, SANS_BOLD, 8.5, y + 10,
                  Tone.ACCENT)  # fmt: skip
        plan = Rect(MARGIN, y + 2, A5[0] - 2 * MARGIN, 56)
        draw_plan(canvas, _FRAME, plan, book.hall, book.panels, self.stops, page.number - 1)
        y = self._photo(canvas, page, plan.bottom_mm + GAP, workdir)
        y = self._captions(canvas, page, y + GAP)
        self._points(canvas, page, y + GAP)

    def _photo(self, canvas: Canvas, page: StopPage, top: float, workdir: Path) -> float:
        box_w, box_h = 52.0, 38.0
        bottom = top
        if page.thumbnail is not None and page.photo_id is not None:
            width, height = ImageReader(io.BytesIO(page.thumbnail)).getSize()
            scale = min(box_w / width, box_h / height)
            rect = Rect(MARGIN, top, width * scale, height * scale)
            bottom = rect.bottom_mm
        if page.thumbnail is not None and page.photo_id is not None and not self.dry:
            source = workdir / f"thumb-{page.number}.jpg"
            source.write_bytes(page.thumbnail)
            # converted into the print shop's CMYK when the export has an output profile
            prepared = prepare_image(source, rect, THUMB_PPI, workdir, profile=self.profile)
            canvas.drawImage(str(prepared.path), _FRAME.x(rect.x_mm), _FRAME.y(rect.bottom_mm),
                             pt(rect.width_mm), pt(rect.height_mm))  # fmt: skip
        x = MARGIN + box_w + GAP
        width = A5[0] - MARGIN - x
        y = _text(canvas, x, top, width, _("People shown"), SANS, 7, top + 5, Tone.MUTED)
        if not page.names:
            y = _text(canvas, x, y, width, "—", SANS, 8, y + 5, Tone.MUTED)
        for person in page.names:
            line = " · ".join(dict.fromkeys(name for _tag, name in person if name))
            y = _text(canvas, x, y + 0.5, width, line, SANS, 8, top + box_h)
        return max(bottom, y, top + (box_h if page.thumbnail else 0))

    def _points_height(self, page: StopPage) -> float:
        """The height the talking points need under the captions: rule, heading, labels, text."""
        lines = 1
        for (_x, width), (_tag, text) in zip(_columns(len(page.points)), page.points, strict=True):
            count = sum(
                len(simpleSplit(part, SANS, 8.5, width / 0.3528)) or 1
                for part in (text or "—").splitlines() or [""]
            )
            lines = max(lines, count)
        return GAP + 8 * _LINE + 6.5 * _LINE + lines * 8.5 * _LINE + 1.0

    def _captions(self, canvas: Canvas, page: StopPage, top: float) -> float:
        bottom = top
        # a caption takes 26 mm, or more when the talking points leave the page room for it
        room = max(26.0, A5[1] - MARGIN - self._points_height(page) - top - 16)
        for (x, width), (tag, headline, caption) in zip(
            _columns(len(page.captions)), page.captions, strict=True
        ):
            y = _text(canvas, x, top, width, heading_name(tag, self.ui), SANS, 6.5, top + 4,
                      Tone.MUTED)  # fmt: skip
            y = _text(canvas, x, y, width, headline or "—", SANS_BOLD, 7.5, y + 10)
            y = _text(canvas, x, y + 0.5, width, caption, SANS, 7, y + room, Tone.SECOND)
            bottom = max(bottom, y)
        return bottom

    def _points(self, canvas: Canvas, page: StopPage, top: float) -> None:
        canvas.setStrokeColorCMYK(0, 0, 0, 0.3)
        canvas.setLineWidth(0.4)
        canvas.line(_FRAME.x(MARGIN), _FRAME.y(top - 1.5), _FRAME.x(A5[0] - MARGIN),
                    _FRAME.y(top - 1.5))  # fmt: skip
        y = _text(canvas, MARGIN, top, 100, _("Talking points"), SANS_BOLD, 8, top + 5,
                  Tone.ACCENT)  # fmt: skip
        for (x, width), (tag, text) in zip(_columns(len(page.points)), page.points, strict=True):
            below = _text(canvas, x, y, width, heading_name(tag, self.ui), SANS, 6.5, y + 4,
                          Tone.MUTED)  # fmt: skip
            if not _fits(text, width, 8.5, below, A5[1] - MARGIN):
                self.cut.append((page.number, tag))
            _text(canvas, x, below, width, text or "—", SANS, 8.5, A5[1] - MARGIN)


def _cut_finding(route: str, number: int, tag: str) -> Finding:
    message = _(
        "Stop %(stop)d of “%(route)s”: the talking points (%(language)s) are too long for "
        "the walkthrough's page, which cuts them with “…”. Shorten them."
    ) % {"stop": number, "route": route, "language": language_name(tag)}
    return Finding(Severity.WARNING, "points-too-long", message, language=tag, page=number)


def points_too_long(
    service: ProjectService, route: str, languages: tuple[str, ...] | None = None
) -> list[Finding]:
    """``points-too-long`` for each stop's talking points the booklet would cut, by language.

    The pages are laid out exactly as the export lays them out, on a canvas thrown away.
    """
    register_bundled_fonts()
    book = walkthrough(service, route, languages, False)
    pages = _Pages(book, None, dry=True)
    canvas = Canvas(io.BytesIO(), pagesize=(pt(A5[0]), pt(A5[1])))
    for page in book.pages:
        pages.draw(canvas, page, Path())
        canvas.showPage()
    cut = dict.fromkeys(pages.cut)
    return [_cut_finding(book.times.route.name, number, tag) for number, tag in cut]


def export_walkthrough(
    service: ProjectService,
    output: Path,
    options: WalkthroughOptions,
    on_progress: ProgressCallback = no_progress,
    cancel: threading.Event | None = None,
    profile: OutputProfile | None = None,
) -> WalkthroughResult:
    """Write the walkthrough booklet of ``options.route`` to ``output``.

    With ``profile`` the thumbnails are converted into the print shop's CMYK and the PDF is
    PDF/X-4, as every print product.

    Raises:
        UsageError: no such route, a route without stops, an unknown language.
        ExportCancelledError: ``cancel`` was set; nothing was written.
        CuratorError: the output could not be written, or is a file the project protects.
    """
    guard = guard_output(service, output)
    book = walkthrough(service, options.route, options.languages, options.picks_only)
    pages = _Pages(book, profile)
    lead = book.languages[0]
    document = Document(
        pages=book.pages,
        frame=lambda _page: _FRAME,
        draw=pages.draw,
        label=lambda page: _("Stop %(number)d") % {"number": page.number},
        title=book.title,
        info=DocumentInfo(book.title, organisers(service, lead), _("Walkthrough"), lead),
    )
    path = write_document(document, output, on_progress, cancel, profile, guard=guard)
    return WalkthroughResult(
        path,
        book.times.route.name,
        len(book.pages),
        book.times.total_min,
        book.times.route.allotted_min,
        book.languages,
        tuple(
            _cut_finding(book.times.route.name, number, tag)
            for number, tag in dict.fromkeys(pages.cut)
        ),
    )
