"""The printed catalogue: core's page geometry drawn with reportlab, checked, chunked, joined.

:func:`export_catalogue` runs preflight for the catalogue first (errors stop it with
:class:`PreflightFailedError`), then draws the pages through
:func:`curator.export.document.write_document`: in chunks of :data:`CHUNK_PAGES` joined with
pikepdf, under temporary names renamed into place at the end, and made PDF/X-4 when a print
shop's output profile is given. Warnings go into a report beside the PDF
(``NAME.report.txt``).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from curator.core.checks.preflight import DecodeCheck, Finding, Severity, check, original_findings
from curator.core.checks.print_scope import printed_photos
from curator.core.errors import CuratorError
from curator.core.layout import TextMeasure
from curator.core.layout.catalogue_model import CatalogueGeometry, CataloguePage, PagePhoto
from curator.core.layout.style import Product
from curator.core.model import Photo
from curator.core.progress import ProgressCallback, no_progress
from curator.core.publishing.catalogue_service import (
    CatalogueOptions,
    ResolvedOptions,
    document_title,
    organisers,
    project_catalogue,
    word,
)
from curator.core.publishing.catalogue_texts import read_texts
from curator.core.services import ProjectService
from curator.core.storage.atomic_write import sweep_leftovers, work_folder
from curator.export.assets import AssetPainter
from curator.export.colour import OutputProfile
from curator.export.doc_info import DocumentInfo
from curator.export.document import (
    Document,
    ExportCancelledError,
    PreflightFailedError,
    check_output,
    guard_output,
    write_document,
)
from curator.export.images import WHOLE, ImageRoute
from curator.export.originals import OriginalsDecoder
from curator.export.pdf import PageFrame, draw_crop_marks, draw_fills, draw_texts, pt
from curator.export.pipeline import ImageJob, ImagePipeline, PreparingDecoder, photo_preparer
from curator.export.qr_codes import draw_codes
from curator.export.report import write_report
from curator.export.workers import worker_count
from curator.i18n import _

__all__ = [
    "CHUNK_PAGES",
    "ExportCancelledError",
    "ExportResult",
    "PreflightFailedError",
    "export_catalogue",
]

CHUNK_PAGES = 12


@dataclass
class ExportResult:
    """What an export wrote."""

    path: Path
    report_path: Path | None
    pages: int
    findings: list[Finding]
    routes: dict[str, ImageRoute] = field(default_factory=dict)

    def count(self, route: ImageRoute) -> int:
        """How many photos took ``route``."""
        return sum(1 for value in self.routes.values() if value is route)


class _Renderer:
    """Draws pages of one geometry onto reportlab canvases."""

    def __init__(
        self, geometry: CatalogueGeometry, photos: Mapping[str, Photo], options: ResolvedOptions,
        profile: OutputProfile | None, assets: AssetPainter, workers: int,
        ahead: int | None = None,
    ) -> None:  # fmt: skip
        spec = geometry.spec
        self.photos = photos
        self.frame = PageFrame(
            spec.trim_width_mm, spec.trim_height_mm, spec.bleed_mm, options.marks
        )
        self.routes: dict[str, ImageRoute] = {}
        self.assets = assets
        jobs = (self._job(placed) for page in geometry.pages for placed in page.photos)
        self.pipeline = ImagePipeline(
            jobs, photo_preparer(options.target_ppi, profile), workers, ahead
        )

    def _job(self, placed: PagePhoto) -> ImageJob:
        return ImageJob(self.photos[placed.photo_id], placed.rect, placed.source or WHOLE)

    def draw(self, canvas: Canvas, page: CataloguePage, workdir: Path) -> None:
        frame = self.frame
        draw_fills(canvas, frame, page.fills)
        for placed in page.photos:
            r = placed.rect
            prepared = self.pipeline.take(self._job(placed))
            self.routes.setdefault(f"{placed.photo_id}@{page.number}", prepared.route)
            canvas.drawImage(
                str(prepared.path),
                frame.x(r.x_mm),
                frame.y(r.bottom_mm),
                pt(r.width_mm),
                pt(r.height_mm),
            )
        for image in page.images:
            self.assets.draw(canvas, frame, image)
        draw_texts(canvas, frame, page.texts)
        draw_codes(canvas, frame, page.codes)
        if frame.marks:
            draw_crop_marks(canvas, frame)


def _preflight(
    service: ProjectService, measure: TextMeasure, geometry: CatalogueGeometry,
    resolved: ResolvedOptions, decode: DecodeCheck, cancel: threading.Event | None,
    full: bool,
) -> list[Finding]:  # fmt: skip
    """Preflight's findings (``full``) or only the originals' (never stop midway on one).

    Raises:
        PreflightFailedError: One of them is an error.
    """
    if full:
        findings = check(service, Product.CATALOGUE, measure, catalogue=geometry,
                         cancel=cancel, picks_only=resolved.picks_only, decode=decode)  # fmt: skip
    else:
        photo_ids = {placed.photo_id for page in geometry.pages for placed in page.photos}
        photos = [service.photos.get(photo_id) for photo_id in sorted(photo_ids)]
        findings = original_findings(service, photos, decode, cancel)
    if any(f.severity is Severity.ERROR for f in findings):
        raise PreflightFailedError(findings)
    return findings


def export_catalogue(
    service: ProjectService,
    output: Path,
    measure: TextMeasure,
    options: CatalogueOptions | None = None,
    on_progress: ProgressCallback = no_progress,
    cancel: threading.Event | None = None,
    *,
    preflight: bool = True,
    report: bool = True,
    today: date | None = None,
    profile: OutputProfile | None = None,
    decode: DecodeCheck | None = None,
    workers: int | None = None,
    ahead: int | None = None,
) -> ExportResult:
    """Check, lay out and write the catalogue PDF to ``output``.

    Args:
        service: The open project (read only is enough).
        output: The PDF to write; replaced only when the export succeeds.
        measure: The PDF's text measure.
        options: Languages, trim, bleed, marks; None takes the project's settings.
        on_progress: Called after each page.
        cancel: Set to stop; nothing is written then.
        preflight: False skips the check (the window's preview shows errors itself).
        report: Write ``NAME.report.txt`` beside the PDF.
        today: The date the colophon prints (default: today).
        profile: The print shop's CMYK output profile: photos are converted into it and
            the PDF is PDF/X-4. None leaves the photos' colours as they are.
        decode: Preflight's decode check of the originals (default: the export's own,
            remembered beside the project); it runs even without ``preflight``.
        workers: Photos prepared at once (default: every usable core); never more than the
            available memory holds (:func:`curator.export.workers.worker_count`).
        ahead: Photos prepared beyond the page being drawn (default: two per worker).

    Raises:
        PreflightFailedError: Preflight found errors.
        ExportCancelledError: ``cancel`` was set.
        CuratorError: The output or a photo could not be read or written.
    """
    guard = guard_output(service, output)
    workers = worker_count(workers)
    decode = decode or OriginalsDecoder.for_project(service.path, workers)
    if isinstance(decode, OriginalsDecoder):  # on the core the layout leaves idle
        decode.hash_ahead(photo.path for _n, _p, photo in printed_photos(service))
    geometry, resolved = project_catalogue(service, measure, options, today)
    photo_ids = {placed.photo_id for page in geometry.pages for placed in page.photos}
    photos = {photo_id: service.photos.get(photo_id) for photo_id in photo_ids}
    assets = AssetPainter(read_texts(service).assets(), profile)
    renderer = _Renderer(geometry, photos, resolved, profile, assets, workers, ahead)
    # Photos prepared during preflight (a first export's decode check) wait in this folder
    # for their pages; the pipeline stops, and the folder goes, whatever happens.
    sweep_leftovers(check_output(output).parent)  # before this export's own work folder
    with work_folder(check_output(output)) as folder, renderer.pipeline.running(folder):
        if isinstance(decode, OriginalsDecoder):
            decode = PreparingDecoder(decode, renderer.pipeline)
        checked = decode
        findings: list[Finding] = []

        def run_preflight() -> None:
            # On this thread while the pages are drawn into the work folder beside it; the
            # PDF is written only once it passed.
            findings.extend(_preflight(service, measure, geometry, resolved, checked, cancel,
                                       preflight))  # fmt: skip
            if unloadable is not None:
                raise unloadable  # after preflight's findings, as before the pages ran beside

        unloadable: CuratorError | None = None
        try:
            assets.load_all()
        except CuratorError as error:
            unloadable = error
        lead = resolved.languages[0]
        title = document_title(service, resolved.languages)
        document = Document(
            pages=geometry.pages,
            frame=lambda _page: renderer.frame,
            draw=renderer.draw,
            label=lambda page: _("Page %(page)d") % {"page": page.number},
            title=title,
            info=DocumentInfo(title, organisers(service, lead), word("catalogue", lead), lead),
            forms=assets.forms(),
        )
        output = write_document(
            document, output, on_progress, cancel, profile, CHUNK_PAGES, guard=guard,
            workdir=folder, check=run_preflight,
        )  # fmt: skip
    routes = renderer.routes
    result = ExportResult(output, None, len(geometry.pages), findings, routes)
    if report:
        result.report_path = write_report(result, resolved, service, profile, guard=guard)
    return result
