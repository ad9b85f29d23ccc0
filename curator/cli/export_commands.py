"""``curator export catalogue``: the printed catalogue as a print-ready PDF.

Preflight runs first: errors stop the export (exit 2) and are listed with their places;
warnings go to stderr and into the report beside the PDF. Progress goes to stderr; Ctrl-C
stops the export (exit 130) and leaves no half-written PDF.
"""

from __future__ import annotations

import argparse
import re
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from curator.cli.layout_commands import parse_size
from curator.cli.output import print_json
from curator.cli.progress import ProgressPrinter
from curator.core.catalogue_service import CatalogueOptions
from curator.core.languages import parse_language_list
from curator.core.preflight import Finding, Severity
from curator.core.services import ProjectService
from curator.i18n import _, ngettext

AddCommon = Callable[[argparse.ArgumentParser], None]
EXIT_CANCELLED = 130
_LENGTH = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(mm|cm|in)?\s*$", re.IGNORECASE)
_UNITS_MM = {"": 1.0, "mm": 1.0, "cm": 10.0, "in": 25.4}


def parse_length(text: str) -> float:
    """``"3mm"``, ``"0.5cm"``, ``"0.125in"`` or ``"3"`` (millimetres) → millimetres."""
    match = _LENGTH.match(text)
    if match is None:
        raise argparse.ArgumentTypeError(
            _("“%(text)s” is not a length; write it like 3mm, 0.3cm or 0.125in.") % {"text": text}
        )
    return float(match.group(1).replace(",", ".")) * _UNITS_MM[(match.group(2) or "").lower()]


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    """Declare the export command and its products."""
    export = commands.add_parser(
        "export",
        help=_("export print-ready PDF"),
        description=_("Export a print-ready PDF of the exhibition."),
    )
    products = export.add_subparsers(dest="export_command", metavar=_("PRODUCT"), required=True)
    catalogue = products.add_parser(
        "catalogue",
        help=_("the printed catalogue"),
        description=_(
            "Export the catalogue: cover, foreword per language, section openers, photo pages "
            "with captions in every language, an index of photographers and a colophon. "
            "Preflight runs first; errors stop the export (exit 2)."
        ),
    )
    catalogue.add_argument("project", metavar="PROJECT", type=Path, help=_("a project file"))
    catalogue.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE.pdf", help=_("the PDF to write")
    )
    catalogue.add_argument(
        "--languages",
        metavar="TAGS",
        help=_("languages in page order, e.g. ru,vi,en (default: the project's order)"),
    )
    catalogue.add_argument(
        "--trim",
        type=parse_size,
        metavar="SIZE",
        help=_("trimmed page size: A4, A5, 210x297 or 8.5x11in (default: the project's)"),
    )
    catalogue.add_argument(
        "--bleed", type=parse_length, metavar="LENGTH", help=_("bleed, e.g. 3mm (default: 3mm)")
    )
    catalogue.add_argument(
        "--marks", action="store_true", default=None, help=_("draw crop marks outside the bleed")
    )
    catalogue.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(catalogue)


def _where(finding: Finding) -> str:
    parts = []
    if finding.page is not None:
        parts.append(_("page %(page)d") % {"page": finding.page})
    parts += [p for p in (finding.section_id, finding.photo_id, finding.language) if p]
    return " ".join(parts)


def _print_findings(findings: list[Finding]) -> None:
    words = {Severity.ERROR: _("error"), Severity.WARNING: _("warning")}
    for finding in findings:
        sys.stderr.write(f"{words[finding.severity]}: {_where(finding)}: {finding.message}\n")


def run(args: argparse.Namespace) -> int | None:
    """Run the export command; None when ``args`` names another command."""
    if args.command != "export":
        return None
    from curator.export.catalogue import PreflightFailedError, export_catalogue
    from curator.export.text_measure import ReportlabMeasure

    options = CatalogueOptions(
        languages=tuple(parse_language_list(args.languages)) if args.languages else None,
        trim_mm=args.trim,
        bleed_mm=args.bleed,
        marks=args.marks,
    )
    printer = ProgressPrinter(_("Exporting pages"))
    cancel = threading.Event()
    with ProjectService.open(args.project, read_only=True) as service:
        try:
            result = export_catalogue(
                service, args.output, ReportlabMeasure(), options, printer, cancel
            )
        except PreflightFailedError as failed:
            _print_findings(failed.findings)
            if args.json:
                print_json({"exported": False, "findings": [f.to_json() for f in failed.findings]})
            raise
        finally:
            printer.finish()
    _print_findings(result.findings)
    if args.json:
        payload: dict[str, Any] = {
            "exported": True,
            "path": str(result.path),
            "report": str(result.report_path) if result.report_path else None,
            "pages": result.pages,
            "images": {route.value: result.count(route) for route in _routes()},
            "findings": [f.to_json() for f in result.findings],
        }
        print_json(payload)
    else:
        warnings = len(result.findings)
        sys.stdout.write(
            ngettext(
                "Wrote %(file)s: %(count)d page.", "Wrote %(file)s: %(count)d pages.", result.pages
            )
            % {"file": result.path, "count": result.pages}
            + " "
            + ngettext("%(count)d warning", "%(count)d warnings", warnings) % {"count": warnings}
            + (f" ({result.report_path})" if result.report_path else "")
            + "\n"
        )
    return 0


def _routes() -> list[Any]:
    from curator.export.images import ImageRoute

    return list(ImageRoute)
