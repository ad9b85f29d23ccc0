"""Wall labels as a PDF: core's label sheets drawn with reportlab, with cut marks.

:func:`export_labels` runs preflight for the ``labels`` product first (errors, such as a
label whose text does not fit even grown to the sheet's height, stop it), then draws each
sheet: the labels' text and rules as :mod:`curator.core.layout.labels` placed them, and cut
marks outside the grid on every cut line. The sheet is the page (its TrimBox); there is no
bleed, since labels are cut out of the sheet's white.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from curator.core.checks.preflight import Finding, Severity, check
from curator.core.layout import TextMeasure
from curator.core.layout.labels import MARK_LENGTH_MM, MARK_OFFSET_MM, LabelSheet
from curator.core.layout.style import Product
from curator.core.progress import ProgressCallback, no_progress
from curator.core.publishing.catalogue_service import organisers
from curator.core.publishing.labels_service import LabelOptions, project_labels
from curator.core.services import ProjectService
from curator.export.colour import OutputProfile
from curator.export.doc_info import DocumentInfo
from curator.export.document import Document, PreflightFailedError, guard_output, write_document
from curator.export.pdf import (
    MARK_WIDTH_PT,
    REGISTRATION,
    PageFrame,
    draw_fills,
    draw_texts,
)
from curator.export.qr_codes import draw_codes
from curator.export.report import colour_line, warning_lines, write_lines
from curator.i18n import _, ngettext, number_text


@dataclass
class LabelsResult:
    """What the labels export wrote."""

    path: Path
    report_path: Path | None
    sheets: int
    labels: int
    findings: list[Finding] = field(default_factory=list)
    #: Labels set smaller to fit (none since labels grow instead; kept for the CLI's JSON).
    smaller: int = 0
    #: Labels made taller than the chosen size to fit their text.
    taller: int = 0


def _frame(sheet: LabelSheet) -> PageFrame:
    return PageFrame(sheet.width_mm, sheet.height_mm, 0.0, False)


def draw_cut_marks(canvas: Canvas, frame: PageFrame, sheet: LabelSheet) -> None:
    """A short mark outside the grid on each cut line, on all four sides."""
    grid = sheet.grid
    near, far = MARK_OFFSET_MM, MARK_OFFSET_MM + MARK_LENGTH_MM
    canvas.saveState()
    canvas.setStrokeColorCMYK(*REGISTRATION)
    canvas.setLineWidth(MARK_WIDTH_PT)
    for x in sheet.cuts_x:
        for y0, y1 in ((grid.y_mm - near, grid.y_mm - far),
                       (grid.bottom_mm + near, grid.bottom_mm + far)):  # fmt: skip
            canvas.line(frame.x(x), frame.y(y0), frame.x(x), frame.y(y1))
    for y in sheet.cuts_y:
        for x0, x1 in ((grid.x_mm - near, grid.x_mm - far),
                       (grid.right_mm + near, grid.right_mm + far)):  # fmt: skip
            canvas.line(frame.x(x0), frame.y(y), frame.x(x1), frame.y(y))
    canvas.restoreState()


def _draw(canvas: Canvas, sheet: LabelSheet, _workdir: Path) -> None:
    frame = _frame(sheet)
    draw_fills(canvas, frame, sheet.fills)
    draw_texts(canvas, frame, sheet.texts)
    draw_codes(canvas, frame, sheet.codes)
    draw_cut_marks(canvas, frame, sheet)


def export_labels(
    service: ProjectService,
    output: Path,
    measure: TextMeasure,
    options: LabelOptions | None = None,
    on_progress: ProgressCallback = no_progress,
    cancel: threading.Event | None = None,
    *,
    preflight: bool = True,
    report: bool = True,
    profile: OutputProfile | None = None,
) -> LabelsResult:
    """Check, set and write the wall labels to ``output``.

    Raises:
        PreflightFailedError: Preflight found errors (nothing written).
        ExportCancelledError: ``cancel`` was set.
        UsageError: An unknown language, or labels that do not fit the paper.
        CuratorError: The output could not be written.
    """
    guard = guard_output(service, output)
    geometry = project_labels(service, measure, options)
    findings: list[Finding] = []
    if preflight:
        picks_only = options.picks_only if options is not None else False
        findings = check(service, Product.LABELS, measure, labels=geometry, picks_only=picks_only)
        if any(f.severity is Severity.ERROR for f in findings):
            raise PreflightFailedError(
                findings, _("Preflight found %(count)d errors; the labels were not exported.")
            )
    title = _("Wall labels: %(title)s") % {"title": service.project.get().title}
    lead = geometry.languages[0] if geometry.languages else service.project.languages()[0]
    document = Document(
        pages=geometry.sheets,
        frame=_frame,
        draw=_draw,
        label=lambda sheet: _("Sheet %(sheet)d") % {"sheet": sheet.number},
        title=title,
        info=DocumentInfo(title, organisers(service, lead), _("Wall labels"), lead),
    )
    output = write_document(document, output, on_progress, cancel, profile, guard=guard)
    labels = geometry.labels()
    result = LabelsResult(
        output, None, len(geometry.sheets), len(labels), findings,
        sum(1 for label in labels if label.scale < 1.0),
        sum(1 for label in labels if label.grown_mm > 0.05),
    )  # fmt: skip
    if report:
        lines = [
            _("Wall labels: %(file)s") % {"file": output.name},
            _("Project: %(file)s") % {"file": service.path},
            _("Labels: %(count)d of %(width)s × %(height)s mm on %(sheets)d sheets of "
              "%(paper_w)s × %(paper_h)s mm")
            % {"count": len(labels), "width": number_text(geometry.label_mm[0]),
               "height": number_text(geometry.label_mm[1]), "sheets": len(geometry.sheets),
               "paper_w": number_text(geometry.paper_mm[0]),
               "paper_h": number_text(geometry.paper_mm[1])},
            _("Languages, in order: %(languages)s") % {"languages": ", ".join(geometry.languages)},
            ngettext("%(count)d label is made taller to fit its text",
                     "%(count)d labels are made taller to fit their text", result.taller)
            % {"count": result.taller},
            colour_line(profile),
            "",
        ]  # fmt: skip
        result.report_path = write_lines(output, lines + warning_lines(findings), guard=guard)
    return result
