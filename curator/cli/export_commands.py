"""``curator export PRODUCT``: print-ready PDFs, one subcommand per declared product.

Preflight runs first for the catalogue, the panels and the labels: errors stop the export
(exit 2) and are listed with their places; warnings go to stderr and into the report beside
the PDF. The approval proof is never stopped: it prints the warnings beside each photo.
With ``--icc PROFILE.icc`` photos are converted into the print shop's CMYK and the PDF is
PDF/X-4. Progress goes to stderr; Ctrl-C stops the export (exit 130) and leaves no
half-written PDF. The subcommands, their flags and what each prints come from the products'
declarations (:mod:`curator.export.products`).
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
from curator.cli.locations import project_location
from curator.cli.output import print_json
from curator.cli.progress import ProgressPrinter
from curator.cli.terminal import shown
from curator.core.checks.preflight import Finding, Severity
from curator.core.language.languages import parse_language_list
from curator.core.services import ProjectService
from curator.core.storage.address import ServerAddress
from curator.export import products
from curator.export.product_spec import (
    PICKS_ONLY,
    ExportJob,
    OptionKind,
    ProductOption,
    ProductSpec,
)
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
    """Declare the export command and a subcommand per product, from its declaration."""
    export = commands.add_parser(
        "export",
        help=_("export print-ready PDF"),
        description=_("Export a print-ready PDF of the exhibition."),
    )
    commands_of = export.add_subparsers(dest="export_command", metavar=_("PRODUCT"), required=True)
    for spec in products.PRODUCTS:
        parser = commands_of.add_parser(
            spec.name, help=_(spec.help), description=_(spec.description)
        )
        parser.add_argument(
            "project", metavar="PROJECT", type=project_location, help=_("a project file")
        )
        parser.add_argument(
            "-o", "--output", required=True, type=Path,
            metavar="FOLDER" if spec.folder else "FILE.pdf",
            help=_("the folder to write into") if spec.folder else _("the PDF to write"),
        )  # fmt: skip
        for option in spec.options:
            _add_option(parser, option)
        if not spec.folder:
            parser.add_argument(
                "--icc",
                type=Path,
                metavar="PROFILE.icc",
                help=_(
                    "the print shop's CMYK output profile: photos are converted into it and "
                    "the PDF is PDF/X-4"
                ),
            )
        _add_option(parser, PICKS_ONLY)
        parser.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
        add_common(parser)


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


#: How the command line reads each kind of option: its argparse type and metavar.
_READERS: dict[OptionKind, tuple[Callable[[str], Any] | None, str | None]] = {
    OptionKind.LANGUAGES: (None, "TAGS"),
    OptionKind.SIZE: (parse_size, "SIZE"),
    OptionKind.LENGTH: (parse_length, "LENGTH"),
    OptionKind.PHOTO: (None, "PHOTO_ID"),
    OptionKind.COUNT: (_worker_count, "N"),
    OptionKind.TEXT: (None, "TEXT"),
}


def _add_option(parser: argparse.ArgumentParser, option: ProductOption) -> None:
    if option.kind is OptionKind.FLAG:
        parser.add_argument(
            option.flag, action="store_true", default=option.cli_default, help=_(option.help)
        )
        return
    kind, metavar = _READERS[option.kind]
    metavar = option.metavar or metavar
    if kind is None:
        parser.add_argument(option.flag, metavar=metavar, help=_(option.help))
    else:
        parser.add_argument(option.flag, type=kind, metavar=metavar, help=_(option.help))


def _values(spec: ProductSpec, args: argparse.Namespace) -> dict[str, Any]:
    """The options as the command line gave them, each read as its kind says."""
    values = {}
    for option in spec.all_options:
        value = getattr(args, option.key)
        if option.kind is OptionKind.LANGUAGES and value is not None:
            value = tuple(parse_language_list(value)) or None
        values[option.key] = value
    return values


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

    spec = products.product(args.export_command)
    icc = getattr(args, "icc", None)
    profile = load_output_profile(icc) if icc else None
    printer = ProgressPrinter(
        _("Exporting the web edition") if spec.folder else _("Exporting pages")
    )
    cancel = threading.Event()
    values = _values(spec, args)
    options = spec.build(values)  # every value checked before one is kept (a bad address)
    _remember(spec, args.project, values)
    with ProjectService.open(args.project, read_only=True) as service:
        try:
            job = ExportJob(service, args.output, ReportlabMeasure(), options, printer, cancel,
                            profile, workers=getattr(args, "workers", None))  # fmt: skip
            rendered = spec.run(job)
            _print_findings(rendered.findings)
        except PreflightFailedError as failed:
            _print_findings(failed.findings)
            if args.json:
                print_json({"exported": False, "findings": [f.to_json() for f in failed.findings]})
            raise
        finally:
            printer.finish()
    payload, human = rendered.payload, rendered.sentence
    if args.json:
        payload = {"exported": True, **payload}
        if not spec.folder:
            payload |= {"pdfx": profile is not None,
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


def _remember(spec: ProductSpec, project: Path | ServerAddress, values: dict[str, Any]) -> None:
    """Keep the values the product declares kept (``--photo``, ``--base-url``) in the project.

    A project that cannot keep one (read-only, open elsewhere) keeps its choice: a warning
    says why, and the export goes on.
    """
    from curator.core.errors import CuratorError

    for option in spec.all_options:
        value = values.get(option.key)
        if option.remember is None or not value:
            continue
        try:
            with ProjectService.open(project) as service:
                option.remember(service, value)
        except CuratorError as error:
            reason = _(option.not_kept) % {"reason": error.message}
            sys.stderr.write(shown(f"{_('warning')}: {reason}") + "\n")
