"""Panel proofs: every panel as the canvas shows it, at its size or scaled onto paper.

The geometry is the canvas's own: :func:`curator.core.editing.layout_service.section_geometry`
gives every slot's picture rectangle and the part of the photo it prints (its crop,
``SlotGeometry.source``), the section's title band on its first panel, and every caption
line as core broke it with the PDF's measure. Nothing is re-flowed here.

- Without a paper, each panel is one page at its physical size (a 1000 × 1500 mm page is
  fine in PDF), with the panel as its TrimBox, an optional bleed and crop marks.
- With a paper (``--paper A3``), each panel is scaled by the simplest 1:n that fits the
  paper turned either way, centred, outlined, and the scale is printed under it with the
  section, the panel's number and its real size.

Photos are prepared for the size they print at on the page (so a scaled proof does not
carry full-size photos), cropped to their slot, converted when an output profile is given.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from curator.core.checks.preflight import DecodeCheck, Finding, Severity, check, original_findings
from curator.core.checks.print_scope import printed_ids
from curator.core.editing.layout_service import section_geometry
from curator.core.editing.sections import section_label
from curator.core.errors import UsageError
from curator.core.layout import PanelGeometry, Rect
from curator.core.layout.catalogue_model import Align, PageText, Tone
from curator.core.layout.panel import SlotGeometry
from curator.core.layout.style import Product, TextMeasure
from curator.core.progress import ProgressCallback, no_progress
from curator.core.publishing.catalogue_service import organisers, target_ppi
from curator.core.services import ProjectService
from curator.export.colour import OutputProfile
from curator.export.doc_info import DocumentInfo
from curator.export.document import Document, PreflightFailedError, guard_output, write_document
from curator.export.images import ImageRoute
from curator.export.originals import OriginalsDecoder
from curator.export.pdf import (
    PageFrame,
    draw_caption_lines,
    draw_crop_marks,
    draw_texts,
    pt,
    set_fill,
)
from curator.export.pipeline import ImageJob, ImagePipeline, photo_preparer
from curator.export.qr_codes import draw_codes
from curator.export.report import colour_line, warning_lines, write_lines
from curator.export.workers import worker_count
from curator.i18n import _, number_text

#: Around a scaled panel on its paper, and the room under it for the scale line.
PAPER_MARGIN_MM = 12.0
FOOTER_MM = 10.0
NOTE_FONT = "NotoSans-Regular"
NOTE_PT = 8.0


@dataclass(frozen=True, slots=True)
class PanelOptions:
    """Paper to scale onto (None: physical size), bleed and crop marks at physical size."""

    paper_mm: tuple[float, float] | None = None
    marks: bool = False
    bleed_mm: float = 0.0
    picks_only: bool = False


@dataclass(frozen=True, slots=True)
class PanelPage:
    """One page: a panel, where it belongs, and how it sits on the page."""

    number: int
    panel: PanelGeometry
    section: str
    index: int
    count: int
    frame: PageFrame
    scale: int  # n of 1:n
    origin_mm: tuple[float, float]  # the panel's top left on the page, in page millimetres


@dataclass
class PanelsResult:
    """What the panel export wrote."""

    path: Path
    report_path: Path | None
    pages: int
    findings: list[Finding] = field(default_factory=list)
    routes: dict[str, ImageRoute] = field(default_factory=dict)
    scales: list[int] = field(default_factory=list)


def fit_scale(
    panel_mm: tuple[float, float], paper_mm: tuple[float, float]
) -> tuple[int, tuple[float, float]]:
    """The smallest n such that the panel at 1:n fits the paper (turned either way).

    Returns ``(n, (paper width, paper height))`` with the paper as it is turned.
    """
    best: tuple[int, tuple[float, float]] | None = None
    for paper in (paper_mm, (paper_mm[1], paper_mm[0])):
        room_w = paper[0] - 2 * PAPER_MARGIN_MM
        room_h = paper[1] - 2 * PAPER_MARGIN_MM - FOOTER_MM
        if room_w <= 0 or room_h <= 0:
            continue
        n = max(1, math.ceil(max(panel_mm[0] / room_w, panel_mm[1] / room_h) - 1e-9))
        if best is None or n < best[0]:
            best = (n, paper)
    if best is None:
        raise UsageError(_("The paper is too small to hold a panel."))
    return best


def panel_pages(
    service: ProjectService, measure: TextMeasure, options: PanelOptions
) -> list[PanelPage]:
    """Every panel of every section in visit order, placed on its page.

    Raises:
        UsageError: The project has no panels yet.
    """
    pages: list[PanelPage] = []
    for section in service.exhibition.sections():
        panels = section_geometry(service, section.id, measure)
        name = section_label(service, section)
        for index, panel in enumerate(panels, start=1):
            size = (panel.width_mm, panel.height_mm)
            if options.paper_mm is None:
                frame = PageFrame(size[0], size[1], options.bleed_mm, options.marks)
                scale, origin = 1, (0.0, 0.0)
            else:
                scale, paper = fit_scale(size, options.paper_mm)
                frame = PageFrame(paper[0], paper[1], 0.0, False)
                origin = (
                    (paper[0] - size[0] / scale) / 2,
                    PAPER_MARGIN_MM
                    + (paper[1] - 2 * PAPER_MARGIN_MM - FOOTER_MM - size[1] / scale) / 2,
                )
            pages.append(
                PanelPage(len(pages) + 1, panel, name, index, len(panels), frame, scale, origin)
            )
    if not pages:
        raise UsageError(
            _("The project has no panels yet: lay the sections out first (curator layout auto).")
        )
    return pages


class _PanelRenderer:
    """Draws panel pages; keeps how each photo got into the PDF."""

    def __init__(
        self, service: ProjectService, languages: list[str], ppi: int,
        profile: OutputProfile | None, pages: list[PanelPage], workers: int,
        picks_only: bool = False,
    ) -> None:  # fmt: skip
        # A slot whose photo is not printed (rejected, not picked, in no section) stays empty.
        printed = printed_ids(service, picks_only)
        self.photos = {photo.id: photo for photo in service.photos.all() if photo.id in printed}
        self.languages = languages
        self.routes: dict[str, ImageRoute] = {}
        jobs = (
            job
            for page in pages
            for slot in page.panel.slots
            if (job := self._job(slot, page.scale)) is not None
        )
        self.pipeline = ImagePipeline(jobs, photo_preparer(ppi, profile), workers)

    def _job(self, slot: SlotGeometry, scale: int) -> ImageJob | None:
        """The photo of ``slot`` as it prints (its size divided by the page's scale)."""
        photo = self.photos.get(slot.photo_id or "")
        if photo is None:
            return None
        r = slot.image
        return ImageJob(photo, Rect(0.0, 0.0, r.width_mm / scale, r.height_mm / scale), slot.source)

    def tone(self, language: str) -> Tone:
        return Tone.LEAD if self.languages and language == self.languages[0] else Tone.SECOND

    def draw(self, canvas: Canvas, page: PanelPage, workdir: Path) -> None:
        panel = page.panel
        frame = page.frame
        if page.scale == 1:
            self._panel(canvas, panel, frame, 1, workdir)
            if frame.marks:
                draw_crop_marks(canvas, frame)
                draw_texts(canvas, frame, [self._note(page, -frame.margin_mm + 4.0, 15.0)])
            return
        ox, oy = page.origin_mm
        inner = PageFrame(panel.width_mm, panel.height_mm, 0.0, False)
        canvas.saveState()
        canvas.translate(frame.x(ox), frame.y(oy + panel.height_mm / page.scale))
        canvas.scale(1 / page.scale, 1 / page.scale)
        self._panel(canvas, panel, inner, page.scale, workdir)
        canvas.restoreState()
        canvas.saveState()
        canvas.setStrokeColorCMYK(0, 0, 0, 0.5)
        canvas.setLineWidth(0.3)
        canvas.rect(frame.x(ox), frame.y(oy + panel.height_mm / page.scale),
                    pt(panel.width_mm / page.scale), pt(panel.height_mm / page.scale))  # fmt: skip
        canvas.restoreState()
        baseline = oy + panel.height_mm / page.scale + 6.0
        draw_texts(canvas, frame, [self._note(page, baseline, ox)])

    def _note(self, page: PanelPage, baseline_mm: float, x_mm: float = 0.0) -> PageText:
        text = _(
            "%(section)s · panel %(index)d of %(count)d · %(width)s × %(height)s mm · "
            "scale 1:%(scale)d"
        ) % {
            "section": page.section,
            "index": page.index,
            "count": page.count,
            "width": number_text(page.panel.width_mm),
            "height": number_text(page.panel.height_mm),
            "scale": page.scale,
        }
        return PageText(text, NOTE_FONT, NOTE_PT, x_mm, baseline_mm, Tone.MUTED, Align.LEFT)

    def _panel(
        self, canvas: Canvas, panel: PanelGeometry, frame: PageFrame, scale: int, workdir: Path
    ) -> None:
        for block in panel.titles:
            draw_caption_lines(canvas, frame, block.lines, self.tone(block.language))
        for slot in panel.slots:
            job = self._job(slot, scale)
            if job is None:
                continue
            r = slot.image
            prepared = self.pipeline.take(job)
            self.routes.setdefault(f"{job.photo.id}@{panel.panel_id}", prepared.route)
            canvas.drawImage(str(prepared.path), frame.x(r.x_mm), frame.y(r.bottom_mm),
                             pt(r.width_mm), pt(r.height_mm))  # fmt: skip
            for block in slot.captions:
                draw_caption_lines(canvas, frame, block.lines, self.tone(block.language))
        printed = [slot.code for slot in panel.slots if slot.code and self._job(slot, scale)]
        draw_codes(canvas, frame, [code for code in printed if code is not None])
        set_fill(canvas, Tone.LEAD)


def export_panels(
    service: ProjectService,
    output: Path,
    measure: TextMeasure,
    options: PanelOptions | None = None,
    on_progress: ProgressCallback = no_progress,
    cancel: threading.Event | None = None,
    *,
    preflight: bool = True,
    report: bool = True,
    profile: OutputProfile | None = None,
    decode: DecodeCheck | None = None,
    workers: int | None = None,
) -> PanelsResult:
    """Check and write the panel proofs to ``output`` (one page per panel).

    ``workers`` photos are prepared at once, ahead of the page that draws them (default:
    every usable core, as memory allows; :mod:`curator.export.pipeline`).

    Raises:
        PreflightFailedError: Preflight found errors for the panels (nothing written).
        ExportCancelledError: ``cancel`` was set.
        UsageError: No panels yet, or a bleed out of range.
        CuratorError: A photo could not be read, or the output written.
    """
    guard = guard_output(service, output)
    options = options or PanelOptions()
    if not 0 <= options.bleed_mm <= 20:
        raise UsageError(
            _("A bleed of %(bleed)s mm is not between 0 and 20 mm.")
            % {"bleed": number_text(options.bleed_mm)}
        )
    pages = panel_pages(service, measure, options)
    workers = worker_count(workers)
    decode = decode or OriginalsDecoder.for_project(service.path, workers)
    findings: list[Finding] = []
    if preflight:
        findings = check(service, Product.PANELS, measure, cancel=cancel,
                         picks_only=options.picks_only, decode=decode)  # fmt: skip
    else:  # the originals still first: never stop midway on one preflight would have named
        printed = printed_ids(service, options.picks_only)
        slotted = {slot.photo_id for page in pages for slot in page.panel.slots}
        photos = [service.photos.get(pid) for pid in sorted(printed & {p for p in slotted if p})]
        findings = original_findings(service, photos, decode, cancel)
    if any(f.severity is Severity.ERROR for f in findings):
        raise PreflightFailedError(
            findings, _("Preflight found %(count)d errors; the panels were not exported.")
        )
    renderer = _PanelRenderer(
        service, service.project.languages(), target_ppi(service), profile, pages, workers,
        options.picks_only,
    )  # fmt: skip
    title = _("Panels: %(title)s") % {"title": service.project.get().title}
    lead = service.project.languages()[0]
    document = Document(
        pages=pages,
        frame=lambda page: page.frame,
        draw=renderer.draw,
        label=lambda page: _("Panel %(page)d") % {"page": page.number},
        title=title,
        info=DocumentInfo(title, organisers(service, lead), _("Panel proofs"), lead),
        background=renderer.pipeline.running,
    )
    output = write_document(document, output, on_progress, cancel, profile, guard=guard)
    result = PanelsResult(output, None, len(pages), findings, renderer.routes,
                          sorted({page.scale for page in pages}))  # fmt: skip
    if report:
        lines = [
            _("Panels: %(file)s") % {"file": output.name},
            _("Project: %(file)s") % {"file": service.path},
            _("Pages: %(count)d (one per panel)") % {"count": len(pages)},
            _("Scale: %(scales)s") % {"scales": ", ".join(f"1:{n}" for n in result.scales)},
            colour_line(profile),
            "",
        ]
        result.report_path = write_lines(output, lines + warning_lines(findings), guard=guard)
    return result
