"""``curator export catalogue|panels|labels|proof``: print-ready PDFs.

Preflight runs first for the catalogue, the panels and the labels: errors stop the export
(exit 2) and are listed with their places; warnings go to stderr and into the report beside
the PDF. The approval proof is never stopped: it prints the warnings beside each photo.
With ``--icc PROFILE.icc`` photos are converted into the print shop's CMYK and the PDF is
PDF/X-4. Progress goes to stderr; Ctrl-C stops the export (exit 130) and leaves no
half-written PDF.
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
from curator.cli.terminal import shown
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


def _worker_count(text: str) -> int:
    """``--workers``: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(
            _("“%(text)s” is not a number of workers; write a whole number from 1.")
            % {"text": text}
        )
    return value


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
    _add_icc(catalogue)
    _add_picks_only(catalogue)
    catalogue.add_argument(
        "--workers",
        type=_worker_count,
        metavar="N",
        help=_(
            "photos prepared at once (default: every core this process may use, as many as "
            "the available memory holds)"
        ),
    )
    catalogue.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(catalogue)
    _add_product_parsers(products, add_common)


def _add_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", metavar="PROJECT", type=Path, help=_("a project file"))
    parser.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE.pdf", help=_("the PDF to write")
    )


def _add_icc(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--icc",
        type=Path,
        metavar="PROFILE.icc",
        help=_(
            "the print shop's CMYK output profile: photos are converted into it and the PDF "
            "is PDF/X-4"
        ),
    )


def _add_picks_only(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--picks-only",
        action="store_true",
        help=_("print only the photos flagged as picks (of those placed in sections)"),
    )


def _add_languages(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--languages",
        metavar="TAGS",
        help=_("languages in order, e.g. ru,vi,en (default: the project's order)"),
    )


def _add_product_parsers(
    products: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    panels = products.add_parser(
        "panels",
        help=_("panel proofs, one page per panel"),
        description=_(
            "Export every panel as the canvas shows it: one page per panel at its real size, "
            "or scaled onto paper (--paper A3) with the scale printed. Preflight for the "
            "panels runs first; errors stop the export (exit 2)."
        ),
    )
    _add_output(panels)
    panels.add_argument(
        "--paper", type=parse_size, metavar="SIZE",
        help=_("scale each panel onto this paper, e.g. A3 (default: real size)"),
    )  # fmt: skip
    panels.add_argument(
        "--bleed", type=parse_length, metavar="LENGTH",
        help=_("bleed around each panel at real size (default: none)"),
    )  # fmt: skip
    panels.add_argument("--marks", action="store_true", help=_("draw crop marks at real size"))
    _add_icc(panels)
    _add_picks_only(panels)
    panels.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(panels)

    labels = products.add_parser(
        "labels",
        help=_("wall labels, imposed on sheets with cut marks"),
        description=_(
            "Export one wall label per photo with its captions in the project's languages "
            "(the first leads), imposed on sheets with cut marks. Preflight for the labels "
            "runs first; errors stop the export (exit 2)."
        ),
    )
    _add_output(labels)
    _add_languages(labels)
    labels.add_argument(
        "--label", type=parse_size, metavar="SIZE",
        help=_("the label's size, e.g. 130x150 (default) or A6"),
    )  # fmt: skip
    labels.add_argument(
        "--paper", type=parse_size, metavar="SIZE",
        help=_("the sheets the labels are printed on (default: A4)"),
    )  # fmt: skip
    _add_icc(labels)
    _add_picks_only(labels)
    labels.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(labels)

    cover = products.add_parser(
        "cover",
        help=_("the catalogue's cover: front, spine and back on one sheet"),
        description=_(
            "Export the catalogue's cover sheet: back, spine and front on one page with bleed, "
            "crop marks and fold marks. The spine is as wide as the book block is thick (its "
            "pages from the same options, times the project's paper caliper per leaf); the "
            "front shows the chosen photo across the panel (default: the first photo of the "
            "first section)."
        ),
    )
    _add_output(cover)
    _add_languages(cover)
    cover.add_argument(
        "--trim", type=parse_size, metavar="SIZE",
        help=_("the catalogue's trimmed page size (default: the project's)"),
    )  # fmt: skip
    cover.add_argument(
        "--bleed", type=parse_length, metavar="LENGTH", help=_("bleed, e.g. 3mm (default: 3mm)")
    )
    cover.add_argument(
        "--photo", metavar="PHOTO_ID",
        help=_("the front's photo (default: the first photo of the first section)"),
    )  # fmt: skip
    _add_icc(cover)
    _add_picks_only(cover)
    cover.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(cover)

    proof = products.add_parser(
        "proof",
        help=_("the approval proof for sign-off"),
        description=_(
            "Export the approval proof: every photo's thumbnail with all its captions side by "
            "side, their status and any glossary or preflight warning, section by section, "
            "with boxes for the approvers' initials on every page."
        ),
    )
    _add_output(proof)
    _add_languages(proof)
    proof.add_argument(
        "--paper", type=parse_size, metavar="SIZE",
        help=_("the paper, turned landscape (default: A4)"),
    )  # fmt: skip
    _add_icc(proof)
    _add_picks_only(proof)
    proof.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(proof)


def _where(finding: Finding) -> str:
    parts = []
    if finding.page is not None:
        parts.append(_("page %(page)d") % {"page": finding.page})
    parts += [p for p in (finding.section_id, finding.photo_id, finding.language) if p]
    return " ".join(parts)


def _print_findings(findings: list[Finding]) -> None:
    words = {Severity.ERROR: _("error"), Severity.WARNING: _("warning")}
    for finding in findings:
        line = f"{words[finding.severity]}: {_where(finding)}: {finding.message}"
        sys.stderr.write(shown(line) + "\n")


def run(args: argparse.Namespace) -> int | None:
    """Run the export command; None when ``args`` names another command."""
    if args.command != "export":
        return None
    from curator.export.colour import load_output_profile
    from curator.export.document import PreflightFailedError
    from curator.export.text_measure import ReportlabMeasure

    profile = load_output_profile(args.icc) if args.icc else None
    printer = ProgressPrinter(_("Exporting pages"))
    cancel = threading.Event()
    runners = {
        "catalogue": _catalogue,
        "panels": _panels,
        "labels": _labels,
        "proof": _proof,
        "cover": _cover,
    }
    with ProjectService.open(args.project, read_only=True) as service:
        try:
            payload, human = runners[args.export_command](
                args, service, ReportlabMeasure(), profile, printer, cancel
            )
        except PreflightFailedError as failed:
            _print_findings(failed.findings)
            if args.json:
                print_json({"exported": False, "findings": [f.to_json() for f in failed.findings]})
            raise
        finally:
            printer.finish()
    if args.json:
        payload = {"exported": True, **payload, "pdfx": profile is not None,
                   "output_profile": profile.description if profile else None}  # fmt: skip
        print_json(payload)
        return 0
    if "findings" in payload:
        warnings = len(payload["findings"])
        human += " " + ngettext("%(count)d warning", "%(count)d warnings", warnings) % {
            "count": warnings
        }
    if payload.get("report"):
        human += f" ({payload['report']})"
    sys.stdout.write(human + "\n")
    return 0


def _wrote(path: Path, pages: int) -> str:
    return ngettext(
        "Wrote %(file)s: %(count)d page.", "Wrote %(file)s: %(count)d pages.", pages
    ) % {"file": path, "count": pages}


def _catalogue(args: argparse.Namespace, service: ProjectService, measure: Any,
               profile: Any, printer: ProgressPrinter, cancel: threading.Event,
               ) -> tuple[dict[str, Any], str]:  # fmt: skip
    from curator.export.catalogue import export_catalogue
    from curator.export.images import ImageRoute

    options = CatalogueOptions(
        languages=tuple(parse_language_list(args.languages)) if args.languages else None,
        trim_mm=args.trim,
        bleed_mm=args.bleed,
        marks=args.marks,
        picks_only=args.picks_only,
    )
    result = export_catalogue(
        service, args.output, measure, options, printer, cancel, profile=profile,
        workers=args.workers,
    )  # fmt: skip
    _print_findings(result.findings)
    payload = {
        "path": str(result.path),
        "report": str(result.report_path) if result.report_path else None,
        "pages": result.pages,
        "images": {route.value: result.count(route) for route in ImageRoute},
        "findings": [f.to_json() for f in result.findings],
    }
    return payload, _wrote(result.path, result.pages)


def _panels(args: argparse.Namespace, service: ProjectService, measure: Any,
            profile: Any, printer: ProgressPrinter, cancel: threading.Event,
            ) -> tuple[dict[str, Any], str]:  # fmt: skip
    from curator.export.images import ImageRoute
    from curator.export.panels import PanelOptions, export_panels

    options = PanelOptions(args.paper, bool(args.marks), args.bleed or 0.0, args.picks_only)
    result = export_panels(service, args.output, measure, options, printer, cancel,
                           profile=profile)  # fmt: skip
    _print_findings(result.findings)
    payload = {
        "path": str(result.path),
        "report": str(result.report_path) if result.report_path else None,
        "pages": result.pages,
        "scales": [f"1:{n}" for n in result.scales],
        "images": {
            route.value: sum(1 for r in result.routes.values() if r is route)
            for route in ImageRoute
        },
        "findings": [f.to_json() for f in result.findings],
    }
    return payload, _wrote(result.path, result.pages)


def _labels(args: argparse.Namespace, service: ProjectService, measure: Any,
            profile: Any, printer: ProgressPrinter, cancel: threading.Event,
            ) -> tuple[dict[str, Any], str]:  # fmt: skip
    from curator.core.labels_service import LabelOptions
    from curator.export.labels import export_labels

    options = LabelOptions(
        tuple(parse_language_list(args.languages)) if args.languages else None,
        args.label,
        args.paper,
        args.picks_only,
    )
    result = export_labels(service, args.output, measure, options, printer, cancel,
                           profile=profile)  # fmt: skip
    _print_findings(result.findings)
    payload = {
        "path": str(result.path),
        "report": str(result.report_path) if result.report_path else None,
        "pages": result.sheets,
        "labels": result.labels,
        "smaller": result.smaller,
        "taller": result.taller,
        "findings": [f.to_json() for f in result.findings],
    }
    human = ngettext(
        "Wrote %(file)s: %(labels)d labels on %(count)d sheet.",
        "Wrote %(file)s: %(labels)d labels on %(count)d sheets.",
        result.sheets,
    ) % {"file": result.path, "labels": result.labels, "count": result.sheets}
    return payload, human


def _proof(args: argparse.Namespace, service: ProjectService, measure: Any,
           profile: Any, printer: ProgressPrinter, cancel: threading.Event,
           ) -> tuple[dict[str, Any], str]:  # fmt: skip
    from curator.export.proof import export_proof

    languages = tuple(parse_language_list(args.languages)) if args.languages else None
    result = export_proof(service, args.output, measure, languages, args.paper, printer,
                          cancel, profile=profile, picks_only=args.picks_only)  # fmt: skip
    payload = {
        "path": str(result.path),
        "report": str(result.report_path) if result.report_path else None,
        "pages": result.pages,
        "photos": result.photos,
        "notes": result.notes,
    }
    notes = ngettext(
        "%(count)d note beside the photos.", "%(count)d notes beside the photos.", result.notes
    ) % {"count": result.notes}
    return payload, _wrote(result.path, result.pages) + " " + notes


def _cover(args: argparse.Namespace, service: ProjectService, measure: Any,
           profile: Any, printer: ProgressPrinter, cancel: threading.Event,
           ) -> tuple[dict[str, Any], str]:  # fmt: skip
    from curator.export.cover import export_cover

    options = CatalogueOptions(
        languages=tuple(parse_language_list(args.languages)) if args.languages else None,
        trim_mm=args.trim,
        bleed_mm=args.bleed,
        picks_only=args.picks_only,
    )
    result = export_cover(service, args.output, measure, options, args.photo, printer, cancel,
                          profile=profile)  # fmt: skip
    _print_findings(result.findings)
    payload = {
        "path": str(result.path),
        "pages": 1,
        "book_pages": result.book_pages,
        "spine_mm": round(result.spine_mm, 3),
        "caliper_mm": result.caliper_mm,
        "width_mm": round(result.width_mm, 3),
        "height_mm": round(result.height_mm, 3),
        "photo": result.photo_id,
        "spine_languages": list(result.spine_languages),
        "findings": [f.to_json() for f in result.findings],
    }
    human = _("Wrote %(file)s: the cover for %(pages)d pages, spine %(spine)s mm.") % {
        "file": result.path,
        "pages": result.book_pages,
        "spine": f"{result.spine_mm:.1f}",
    }
    return payload, human
