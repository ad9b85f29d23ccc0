"""The cover sheet PDF: back, spine and front on one page, with bleed and marks.

One page whose TrimBox is the whole opened cover (back panel, spine, front panel), its
BleedBox the bleed around it, crop marks at the corners and fold marks at both edges of
the spine, in the slug. Preflight for the cover runs first (its photo's resolution, the
spine, the titles, reversed type; :mod:`curator.core.checks.preflight_cover`): errors stop the
export. The spine's title reads from head to foot (the spine turned a
quarter clockwise), as books in Vietnamese, Russian and English do. It is written through
:func:`curator.export.document.write_document`: the one guard and atomic writer of every
export, PDF/X-4 with an output profile.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from curator.core.checks.preflight import DecodeCheck, Finding, Severity, check
from curator.core.layout.catalogue_model import CataloguePage
from curator.core.layout.cover import CoverSheet
from curator.core.layout.style import Product, TextMeasure
from curator.core.progress import ProgressCallback, no_progress
from curator.core.publishing.catalogue_service import CatalogueOptions, document_title
from curator.core.publishing.cover_service import project_cover
from curator.core.services import ProjectService
from curator.core.storage.atomic_write import sweep_leftovers, work_folder
from curator.export.colour import OutputProfile
from curator.export.document import (
    Document,
    PreflightFailedError,
    check_output,
    guard_output,
    write_document,
)
from curator.export.images import ImageRoute
from curator.export.originals import OriginalsDecoder
from curator.export.pdf import (
    MARK_LENGTH_MM,
    MARK_OFFSET_MM,
    MARK_WIDTH_PT,
    REGISTRATION,
    PageFrame,
    draw_crop_marks,
    draw_fills,
    draw_texts,
    pt,
    set_fill,
)
from curator.export.pipeline import ImageJob, ImagePipeline, PreparingDecoder, photo_preparer
from curator.export.workers import worker_count
from curator.i18n import _


@dataclass
class CoverResult:
    """What the cover export wrote."""

    path: Path
    spine_mm: float
    book_pages: int
    caliper_mm: float
    width_mm: float
    height_mm: float
    photo_id: str | None
    spine_languages: tuple[str, ...]
    findings: list[Finding] = field(default_factory=list)
    routes: dict[str, ImageRoute] = field(default_factory=dict)


class _CoverRenderer:
    def __init__(self, service: ProjectService, sheet: CoverSheet, target_ppi: int,
                 profile: OutputProfile | None, workers: int) -> None:  # fmt: skip
        self.sheet = sheet
        self.frame = PageFrame(sheet.width_mm, sheet.height_mm, sheet.panel.bleed_mm, True)
        self.routes: dict[str, ImageRoute] = {}
        photos = {placed.photo_id: service.photos.get(placed.photo_id)
                  for placed in sheet.page.photos}  # fmt: skip
        self.jobs = {
            placed.photo_id: ImageJob(photos[placed.photo_id], placed.rect, sheet.photo_source)
            for placed in sheet.page.photos
        }
        # The same preparation as the catalogue's: preflight's decode check prepares it
        self.pipeline = ImagePipeline(
            self.jobs.values(), photo_preparer(target_ppi, profile), workers
        )

    def draw(self, canvas: Canvas, page: CataloguePage, workdir: Path) -> None:
        frame = self.frame
        draw_fills(canvas, frame, page.fills[:1])  # the ground first, then the photo
        for placed in page.photos:
            r = placed.rect
            prepared = self.pipeline.take(self.jobs[placed.photo_id])
            self.routes[placed.photo_id] = prepared.route
            canvas.drawImage(str(prepared.path), frame.x(r.x_mm), frame.y(r.bottom_mm),
                             pt(r.width_mm), pt(r.height_mm))  # fmt: skip
        draw_fills(canvas, frame, page.fills[1:])
        draw_texts(canvas, frame, page.texts)
        self._spine(canvas)
        draw_crop_marks(canvas, frame)
        self._fold_marks(canvas)

    def _spine(self, canvas: Canvas) -> None:
        spine = self.sheet.spine
        if spine is None:
            return
        rect = self.sheet.spine_rect
        frame = self.frame
        canvas.saveState()
        centre_x = frame.x(rect.x_mm + rect.width_mm / 2)
        centre_y = frame.y(rect.height_mm / 2)
        canvas.translate(centre_x, centre_y)
        canvas.rotate(-90)  # head to foot
        set_fill(canvas, spine.tone)
        canvas.setFont(spine.font, spine.size_pt)
        # the baseline sits a third of the cap height below the spine's centre line
        canvas.drawCentredString(0, -spine.size_pt * 0.35, spine.text)
        canvas.restoreState()

    def _fold_marks(self, canvas: Canvas) -> None:
        """Short marks in the slug, above and below each edge of the spine."""
        frame, rect = self.frame, self.sheet.spine_rect
        start = max(MARK_OFFSET_MM, frame.bleed_mm)
        canvas.saveState()
        canvas.setStrokeColorCMYK(*REGISTRATION)
        canvas.setLineWidth(MARK_WIDTH_PT)
        for x in (rect.x_mm, rect.right_mm):
            bottom = rect.height_mm + start
            for y0, y1 in ((-start, -start - MARK_LENGTH_MM), (bottom, bottom + MARK_LENGTH_MM)):
                canvas.line(frame.x(x), frame.y(y0), frame.x(x), frame.y(y1))
        canvas.restoreState()


def export_cover(
    service: ProjectService,
    output: Path,
    measure: TextMeasure,
    options: CatalogueOptions | None = None,
    photo_id: str | None = None,
    on_progress: ProgressCallback = no_progress,
    cancel: threading.Event | None = None,
    *,
    today: date | None = None,
    profile: OutputProfile | None = None,
    preflight: bool = True,
    decode: DecodeCheck | None = None,
    workers: int | None = None,
) -> CoverResult:
    """Write the cover sheet of the catalogue these options make to ``output``.

    Args:
        service: The open project (read only is enough).
        output: The PDF to write; replaced only when the export succeeds.
        measure: The PDF's text measure.
        options: Languages, trim, bleed as for the catalogue (the spine counts its pages).
        photo_id: The front's photo; None takes the first photo of the first section.
        on_progress: Called once the sheet is drawn.
        cancel: Set to stop; nothing is written then.
        today: The date the book block's colophon would print (for its page count).
        profile: The print shop's CMYK output profile (PDF/X-4).
        preflight: Stop on preflight's errors (``curator check --product cover``); without
            it (a preview) they are only reported in the result's findings.
        decode: Decodes the front photo's original for preflight (default: the export's
            own, remembered beside the project); on a first export it prepares the photo
            for print as it checks it (:class:`~curator.export.pipeline.PreparingDecoder`).
        workers: Threads preparing photos (:func:`curator.export.workers.worker_count`).

    Raises:
        PreflightFailedError: Preflight found errors (nothing written).
        ProtectedFileError: ``output`` is a file the project protects.
        ExportCancelledError: ``cancel`` was set.
        CuratorError: The output or the photo could not be read or written.
    """
    guard = guard_output(service, output)
    cover = project_cover(service, measure, options, photo_id, today)
    sheet = cover.sheet
    workers = worker_count(workers)
    renderer = _CoverRenderer(service, sheet, cover.options.target_ppi, profile, workers)
    decode = decode or OriginalsDecoder.for_project(service.path, workers)
    sweep_leftovers(check_output(output).parent)  # before this export's own work folder
    with work_folder(check_output(output)) as folder, renderer.pipeline.running(folder):
        if isinstance(decode, OriginalsDecoder):
            decode = PreparingDecoder(decode, renderer.pipeline)
        findings = check(service, Product.COVER, measure, cover=cover, decode=decode)
        if preflight and any(f.severity is Severity.ERROR for f in findings):
            raise PreflightFailedError(
                findings, _("Preflight found %(count)d errors; the cover was not exported.")
            )
        document = Document(
            pages=[sheet.page],
            frame=lambda _page: renderer.frame,
            draw=renderer.draw,
            label=lambda _page: _("Cover"),
            title=document_title(service, cover.options.languages),
        )
        written = write_document(document, output, on_progress, cancel, profile, 1,
                                 guard=guard, workdir=folder)  # fmt: skip
    photo = sheet.page.photos[0].photo_id if sheet.page.photos else None
    return CoverResult(
        written,
        sheet.spine_mm,
        sheet.book_pages,
        sheet.caliper_mm,
        sheet.width_mm,
        sheet.height_mm,
        photo,
        sheet.spine.languages if sheet.spine else (),
        findings,
        renderer.routes,
    )
