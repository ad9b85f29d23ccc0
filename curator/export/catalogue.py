"""The printed catalogue: core's page geometry drawn with reportlab, checked, chunked, joined.

:func:`export_catalogue` runs preflight for the catalogue first (errors stop it with
:class:`PreflightFailedError`), then draws the pages in chunks of :data:`CHUNK_PAGES` into
separate PDFs and joins them with pikepdf. reportlab keeps every image of a document in
memory until it saves, so chunks bound the peak memory by the chunk, not the catalogue.
Everything is written under temporary names beside the output and renamed into place at
the end: an interrupted export (error, Cancel, Ctrl-C) leaves no half-written PDF.
Warnings go into a report beside the PDF (``NAME.report.txt``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pikepdf
from reportlab.pdfgen.canvas import Canvas

from curator.core.catalogue_service import (
    CatalogueOptions,
    ResolvedOptions,
    catalogue_texts,
    project_catalogue,
)
from curator.core.errors import CuratorError
from curator.core.layout import TextMeasure
from curator.core.layout.catalogue_model import Align, CatalogueGeometry, CataloguePage
from curator.core.layout.style import Product
from curator.core.model import Photo
from curator.core.preflight import Finding, Severity, check
from curator.core.progress import Progress, ProgressCallback, no_progress
from curator.core.services import ProjectService
from curator.export.images import ImageRoute, prepare_image
from curator.export.pdf import PageFrame, draw_crop_marks, new_canvas, pt, set_fill
from curator.export.report import write_report
from curator.i18n import _

CHUNK_PAGES = 12


class PreflightFailedError(CuratorError):
    """Preflight found errors: nothing was exported (exit 2)."""

    exit_code = 2

    def __init__(self, findings: Sequence[Finding]) -> None:
        errors = [f for f in findings if f.severity is Severity.ERROR]
        super().__init__(
            _("Preflight found %(count)d errors; the catalogue was not exported.")
            % {"count": len(errors)}
        )
        self.findings = list(findings)


class ExportCancelledError(CuratorError):
    """The user cancelled; nothing was written."""

    exit_code = 130


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
        workdir: Path,
    ) -> None:  # fmt: skip
        spec = geometry.spec
        self.geometry = geometry
        self.photos = photos
        self.frame = PageFrame(
            spec.trim_width_mm, spec.trim_height_mm, spec.bleed_mm, options.marks
        )
        self.target_ppi = options.target_ppi
        self.workdir = workdir
        self.routes: dict[str, ImageRoute] = {}

    def draw(self, canvas: Canvas, page: CataloguePage) -> None:
        frame = self.frame
        for fill in page.fills:
            set_fill(canvas, fill.tone)
            r = fill.rect
            canvas.rect(
                frame.x(r.x_mm),
                frame.y(r.bottom_mm),
                pt(r.width_mm),
                pt(r.height_mm),
                stroke=0,
                fill=1,
            )
        for placed in page.photos:
            photo = self.photos[placed.photo_id]
            r = placed.rect
            try:
                prepared = prepare_image(photo.path, r, self.target_ppi, self.workdir)
            except OSError as error:
                raise CuratorError(
                    _("Cannot read %(file)s: %(reason)s")
                    % {"file": photo.path, "reason": error.strerror or error},
                    path=photo.path,
                ) from error
            self.routes.setdefault(f"{placed.photo_id}@{page.number}", prepared.route)
            canvas.drawImage(
                str(prepared.path),
                frame.x(r.x_mm),
                frame.y(r.bottom_mm),
                pt(r.width_mm),
                pt(r.height_mm),
            )
        for text in page.texts:
            set_fill(canvas, text.tone)
            canvas.setFont(text.font, text.size_pt)
            x, y = frame.x(text.x_mm), frame.y(text.baseline_mm)
            if text.align is Align.RIGHT:
                canvas.drawRightString(x, y, text.text)
            elif text.align is Align.CENTRE:
                canvas.drawCentredString(x, y, text.text)
            else:
                canvas.drawString(x, y, text.text)
        if frame.marks:
            draw_crop_marks(canvas, frame)
        canvas.showPage()


def _chunks(pages: Sequence[CataloguePage], size: int) -> list[Sequence[CataloguePage]]:
    return [pages[i : i + size] for i in range(0, len(pages), size)]


def render_catalogue(
    geometry: CatalogueGeometry,
    photos: Mapping[str, Photo],
    options: ResolvedOptions,
    output: Path,
    on_progress: ProgressCallback = no_progress,
    cancel: threading.Event | None = None,
    title: str = "",
) -> dict[str, ImageRoute]:
    """Draw every page into ``output`` (written in place: callers pass a temporary name).

    Raises:
        ExportCancelledError: ``cancel`` was set; partial files are removed.
    """
    pages = geometry.pages
    total = len(pages)
    with tempfile.TemporaryDirectory(prefix=".curator-", dir=output.parent) as tmp:
        workdir = Path(tmp)
        renderer = _Renderer(geometry, photos, options, workdir)
        chunk_paths = []
        done = 0
        for index, chunk in enumerate(_chunks(pages, CHUNK_PAGES)):
            path = workdir / f"chunk-{index:04d}.pdf"
            canvas = new_canvas(path, renderer.frame, title)
            for page in chunk:
                if cancel is not None and cancel.is_set():
                    raise ExportCancelledError(_("The export was cancelled."))
                renderer.draw(canvas, page)
                done += 1
                on_progress(Progress(done, total, _("Page %(page)d") % {"page": page.number}))
            canvas.save()
            del canvas
            chunk_paths.append(path)
        _join(chunk_paths, output, title)
    return renderer.routes


def _join(paths: Sequence[Path], output: Path, title: str) -> None:
    if len(paths) == 1:
        shutil.move(str(paths[0]), output)
        return
    with pikepdf.Pdf.new() as joined, contextlib.ExitStack() as stack:
        for path in paths:
            source = stack.enter_context(pikepdf.Pdf.open(path))
            joined.pages.extend(source.pages)
        with joined.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = title
            meta["xmp:CreatorTool"] = "Curator"
        joined.docinfo["/Title"] = title
        joined.docinfo["/Creator"] = "Curator"
        joined.save(output, deterministic_id=True)


def _temporary_name(output: Path) -> Path:
    return output.with_name(f".{output.name}.{os.getpid()}.partial")


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

    Raises:
        PreflightFailedError: Preflight found errors.
        ExportCancelledError: ``cancel`` was set.
        CuratorError: The output or a photo could not be read or written.
    """
    geometry, resolved = project_catalogue(service, measure, options, today)
    findings: list[Finding] = []
    if preflight:
        findings = check(service, Product.CATALOGUE, measure, catalogue=geometry)
        if any(f.severity is Severity.ERROR for f in findings):
            raise PreflightFailedError(findings)
    photo_ids = {placed.photo_id for page in geometry.pages for placed in page.photos}
    photos = {photo_id: service.photos.get(photo_id) for photo_id in photo_ids}
    title = catalogue_texts(service)["title"].get(resolved.languages[0]) or (
        service.project.get().title
    )
    output = output.expanduser().absolute()
    if not output.parent.is_dir():
        raise CuratorError(
            _("The folder %(folder)s does not exist.") % {"folder": output.parent},
            path=output.parent,
        )
    temporary = _temporary_name(output)
    try:
        routes = render_catalogue(geometry, photos, resolved, temporary, on_progress, cancel, title)
        temporary.replace(output)
    except OSError as error:
        raise CuratorError(
            _("Cannot write %(file)s: %(reason)s")
            % {"file": output, "reason": error.strerror or error},
            path=output,
        ) from error
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()
    result = ExportResult(output, None, len(geometry.pages), findings, routes)
    if report:
        result.report_path = write_report(result, resolved, service)
    return result
