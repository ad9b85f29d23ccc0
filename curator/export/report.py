"""The export report written beside a PDF: what was made, and what preflight warned about.

Plain UTF-8 text in the interface language, so it can be read by the curator and sent to
the print shop with the PDF: ``catalogue.pdf`` gets ``catalogue.report.txt``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from curator.core.checks.preflight import Finding, Severity
from curator.core.publishing.catalogue_service import ResolvedOptions
from curator.core.services import ProjectService
from curator.core.storage.atomic_write import write_atomically
from curator.core.storage.protected_files import ProtectedFiles
from curator.export.colour import OutputProfile
from curator.export.images import ImageRoute
from curator.i18n import _, ngettext, number_text

if TYPE_CHECKING:
    from curator.export.catalogue import ExportResult


def report_path(pdf: Path) -> Path:
    """``NAME.pdf`` → ``NAME.report.txt`` in the same folder."""
    return pdf.with_name(f"{pdf.stem}.report.txt")


def colour_line(profile: OutputProfile | None) -> str:
    """How colours were prepared: the output profile (PDF/X-4), or left as they are."""
    if profile is None:
        return _("Colours: as in the photos (no output profile; not PDF/X)")
    return _(
        "PDF/X-4 for the output profile %(profile)s (%(file)s); photos converted to its CMYK"
    ) % {
        "profile": profile.description,
        "file": profile.path.name,
    }


def warning_lines(findings: Sequence[Finding]) -> list[str]:
    """The count of warnings, then one line per warning with its place."""
    warnings = [f for f in findings if f.severity is Severity.WARNING]
    lines = [
        ngettext("%(count)d warning", "%(count)d warnings", len(warnings))
        % {"count": len(warnings)}
    ]
    for finding in warnings:
        where = []
        if finding.page is not None:
            where.append(_("page %(page)d") % {"page": finding.page})
        if finding.photo_id:
            where.append(finding.photo_id)
        if finding.language:
            where.append(finding.language)
        lines.append(f"- [{finding.code}] {', '.join(where)}: {finding.message}")
    return lines


def write_lines(pdf: Path, lines: Sequence[str], *, guard: ProtectedFiles) -> Path:
    """Write ``lines`` as the report beside ``pdf``; returns its path.

    Raises:
        ProtectedFileError: the report's name is a file the project protects.
        OutputError: the report could not be written.
    """
    path = report_path(pdf)
    # A name that is not UTF-8 (its bytes held as lone surrogates) is written escaped
    # (``\udcff``): the report stays a UTF-8 text file.
    text = "\n".join(lines) + "\n"
    write_atomically(path, text.encode("utf-8", "backslashreplace"), guard=guard)
    return path


def write_report(
    result: ExportResult,
    options: ResolvedOptions,
    service: ProjectService,
    profile: OutputProfile | None = None,
    *,
    guard: ProtectedFiles,
) -> Path:
    """Write the catalogue's report beside ``result.path``; returns its path."""
    spec = options.spec
    lines = [
        _("Catalogue: %(file)s") % {"file": result.path.name},
        _("Project: %(file)s") % {"file": service.path},
        _("Pages: %(count)d") % {"count": result.pages},
        _("Languages, in page order: %(languages)s") % {"languages": ", ".join(options.languages)},
        _("Trim: %(width)s × %(height)s mm; bleed %(bleed)s mm; crop marks: %(marks)s")
        % {
            "width": number_text(spec.trim_width_mm),
            "height": number_text(spec.trim_height_mm),
            "bleed": number_text(spec.bleed_mm),
            "marks": _("yes") if options.marks else _("no"),
        },
        images_line(result, options.target_ppi),
        colour_line(profile),
        "",
    ]
    return write_lines(result.path, lines + warning_lines(result.findings), guard=guard)


def images_line(result: ExportResult, target_ppi: int) -> str:
    """How many photos were passed through, downsampled or re-encoded."""
    return _(
        "Images prepared for %(ppi)d ppi: %(passed)d passed through as they are, "
        "%(down)d downsampled, %(other)d re-encoded (turned upright or converted)"
    ) % {
        "ppi": target_ppi,
        "passed": result.count(ImageRoute.PASSED_THROUGH),
        "down": result.count(ImageRoute.DOWNSAMPLED),
        "other": result.count(ImageRoute.REENCODED),
    }
