"""The export report written beside a PDF: what was made, and what preflight warned about.

Plain UTF-8 text in the interface language, so it can be read by the curator and sent to
the print shop with the PDF: ``catalogue.pdf`` gets ``catalogue.report.txt``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from curator.core.catalogue_service import ResolvedOptions
from curator.core.preflight import Severity
from curator.core.services import ProjectService
from curator.export.images import ImageRoute
from curator.i18n import _, ngettext

if TYPE_CHECKING:
    from curator.export.catalogue import ExportResult


def report_path(pdf: Path) -> Path:
    """``NAME.pdf`` → ``NAME.report.txt`` in the same folder."""
    return pdf.with_name(f"{pdf.stem}.report.txt")


def write_report(result: ExportResult, options: ResolvedOptions, service: ProjectService) -> Path:
    """Write the report beside ``result.path``; returns its path."""
    spec = options.spec
    lines = [
        _("Catalogue: %(file)s") % {"file": result.path.name},
        _("Project: %(file)s") % {"file": service.path},
        _("Pages: %(count)d") % {"count": result.pages},
        _("Languages, in page order: %(languages)s") % {"languages": ", ".join(options.languages)},
        _("Trim: %(width)g × %(height)g mm; bleed %(bleed)g mm; crop marks: %(marks)s")
        % {
            "width": spec.trim_width_mm,
            "height": spec.trim_height_mm,
            "bleed": spec.bleed_mm,
            "marks": _("yes") if options.marks else _("no"),
        },
        _(
            "Images prepared for %(ppi)d ppi: %(passed)d passed through as they are, "
            "%(down)d downsampled, %(other)d re-encoded (turned upright or converted)"
        )
        % {
            "ppi": options.target_ppi,
            "passed": result.count(ImageRoute.PASSED_THROUGH),
            "down": result.count(ImageRoute.DOWNSAMPLED),
            "other": result.count(ImageRoute.REENCODED),
        },
        "",
    ]
    warnings = [f for f in result.findings if f.severity is Severity.WARNING]
    lines.append(
        ngettext("%(count)d warning", "%(count)d warnings", len(warnings))
        % {"count": len(warnings)}
    )
    for finding in warnings:
        where = []
        if finding.page is not None:
            where.append(_("page %(page)d") % {"page": finding.page})
        if finding.photo_id:
            where.append(finding.photo_id)
        if finding.language:
            where.append(finding.language)
        lines.append(f"- [{finding.code}] {', '.join(where)}: {finding.message}")
    path = report_path(result.path)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text("\n".join(lines) + "\n", encoding="utf-8")
    partial.replace(path)
    return path
