"""``curator check``: preflight for a product, exit 2 when something would print wrong."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from curator.cli.locations import project_location
from curator.cli.output import print_json
from curator.core.checks.preflight import Severity, check
from curator.core.errors import UsageError
from curator.core.layout.style import Product
from curator.core.services import ProjectService
from curator.i18n import _, ngettext

AddCommon = Callable[[argparse.ArgumentParser], None]
EXIT_ERRORS = 2
#: The cross-language caption checks: warnings, never part of a printed product's preflight.
CAPTIONS = "captions"


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    """Declare the check command."""
    parser = commands.add_parser(
        "check",
        help=_("preflight: what would print wrong"),
        description=_(
            "Check the project before printing: resolution, captions that overflow or are "
            "missing, characters the fonts lack, missing photo files. Exit 2 when there are "
            "errors."
        ),
    )
    parser.add_argument(
        "project", metavar="PROJECT", type=project_location, help=_("a project file")
    )
    parser.add_argument(
        "--product",
        choices=[*(p.value for p in Product), CAPTIONS],
        default=Product.PANELS.value,
        help=_(
            "what is to be printed (default: panels); captions: compare each caption's "
            "languages with each other (numbers, dates, names, quotes, spaces)"
        ),
    )
    parser.add_argument(
        "--accept",
        action="append",
        default=[],
        metavar="FINDING_ID",
        help=_(
            "with --product captions: keep this finding (its id from --json) as accepted, so "
            "it is not raised again; may be repeated"
        ),
    )
    parser.add_argument(
        "--picks-only",
        action="store_true",
        help=_("check the product as export --picks-only prints it"),
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(parser)


def run(args: argparse.Namespace) -> int | None:
    """Run the check command; None when ``args`` names another command."""
    if args.command != "check":
        return None
    from curator.export.originals import OriginalsDecoder
    from curator.export.text_measure import ReportlabMeasure

    if args.product == CAPTIONS:
        return _captions(args)
    if args.accept:
        raise UsageError(_("--accept goes with --product captions."))
    with ProjectService.open(args.project, read_only=True) as service:
        findings = check(
            service,
            Product(args.product),
            ReportlabMeasure(),
            picks_only=args.picks_only,
            decode=OriginalsDecoder.for_project(service.path),
        )
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    if args.json:
        print_json([finding.to_json() for finding in findings])
    else:
        words = {Severity.ERROR: _("error"), Severity.WARNING: _("warning")}
        for finding in findings:
            where = " ".join(
                part for part in (finding.section_id, finding.panel_id, finding.photo_id) if part
            )
            sys.stdout.write(f"{words[finding.severity]}: {where}: {finding.message}\n")
        warnings = len(findings) - errors
        sys.stdout.write(
            ngettext("%(count)d error", "%(count)d errors", errors) % {"count": errors}
            + ", "
            + ngettext("%(count)d warning", "%(count)d warnings", warnings) % {"count": warnings}
            + "\n"
        )
    return EXIT_ERRORS if errors else 0


def _captions(args: argparse.Namespace) -> int:
    from curator.core.checks.caption_checks import caption_findings
    from curator.export.text_measure import ReportlabMeasure

    with ProjectService.open(args.project, read_only=not args.accept) as service:
        findings = caption_findings(service, ReportlabMeasure())
        if args.accept:
            by_id = {finding.id: finding for finding in findings}
            unknown = [item for item in args.accept if item not in by_id]
            if unknown:
                raise UsageError(
                    _("No such finding: %(ids)s (see the ids of --json).")
                    % {"ids": ", ".join(unknown)}
                )
            service.operations.records.accept_findings(by_id[item].key for item in args.accept)
            findings = [f for f in findings if f.id not in set(args.accept)]
    if args.json:
        print_json([finding.to_json() for finding in findings])
        return 0
    for finding in findings:
        where = f"{finding.photo_id} {finding.language} {finding.field}"
        sys.stdout.write(f"{_('warning')}: {where}: {finding.code}: {finding.message}\n")
    sys.stdout.write(
        ngettext("%(count)d warning", "%(count)d warnings", len(findings))
        % {"count": len(findings)}
        + "\n"
    )
    return 0
