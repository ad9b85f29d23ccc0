"""``curator status``: the readiness matrix, for people or as JSON."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from curator.cli.locations import project_location
from curator.cli.output import print_json
from curator.core.checks.readiness import Readiness, ReadinessReport, readiness
from curator.core.model import FIELD_LABELS, CaptionField, CaptionStatus
from curator.core.operations import rules
from curator.core.services import ProjectService
from curator.i18n import _, ngettext

AddCommon = Callable[[argparse.ArgumentParser], None]

_COLUMNS = (
    CaptionStatus.FINAL,
    CaptionStatus.NEEDS_REVIEW,
    CaptionStatus.DRAFT,
    CaptionStatus.EMPTY,
)


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    """Declare the status command."""
    status = commands.add_parser(
        "status",
        help=_("show how far the captions are, per language and field"),
        description=_(
            "The readiness matrix: for each language and field, how many photos have a "
            "final, needs-review, draft or empty caption; rolled up per section."
        ),
    )
    status.add_argument(
        "project", metavar="PROJECT", type=project_location, help=_("a project file")
    )
    status.add_argument("--section", metavar="ID", help=_("only this section"))
    status.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(status)


def _readiness_json(item: Readiness) -> dict[str, Any]:
    return {
        "photos": item.photos,
        "final_share": round(item.final_share(), 4),
        "matrix": item.matrix,
    }


def report_json(report: ReadinessReport) -> dict[str, Any]:
    """The JSON of ``curator status --json``."""
    return {
        "languages": report.languages,
        "total": _readiness_json(report.total),
        "sections": [
            {"id": s.section_id, "title": s.title, **_readiness_json(s.readiness)}
            for s in report.sections
        ],
        "unplaced": _readiness_json(report.unplaced) if report.unplaced else None,
    }


def _print_matrix(title: str, item: Readiness, languages: list[str]) -> None:
    photos = ngettext("%(count)d photo", "%(count)d photos", item.photos) % {"count": item.photos}
    share = _("%(percent)d%% final") % {"percent": round(item.final_share() * 100)}
    sys.stdout.write(f"{title} — {photos}, {share}\n")
    headers = [_("final"), _("needs review"), _("draft"), _("empty")]
    label_width = max(len(_(FIELD_LABELS[f])) for f in CaptionField) + 6
    widths = [max(len(h), 5) for h in headers]
    sys.stdout.write(
        " " * label_width
        + "  ".join(h.rjust(w) for h, w in zip(headers, widths, strict=True))
        + "\n"
    )
    for tag in languages:
        for field in CaptionField:
            counts = item.matrix[tag][field.value]
            label = f"{tag:<5} {_(FIELD_LABELS[field])}"
            cells = [str(counts[s.value]).rjust(w) for s, w in zip(_COLUMNS, widths, strict=True)]
            sys.stdout.write(f"{label:<{label_width}}" + "  ".join(cells) + "\n")
    sys.stdout.write("\n")


def run(args: argparse.Namespace) -> int | None:
    """Run the status command; None when ``args`` names another command."""
    if args.command != "status":
        return None
    with ProjectService.open(args.project, read_only=True) as service:
        if args.section is not None:
            rules.require_section(service, args.section)
        report = readiness(service, args.section)
        title = service.queries.project().title
    if args.json:
        print_json(report_json(report))
        return 0
    languages = report.languages
    if args.section is None:
        _print_matrix(title, report.total, languages)
    for number, section in enumerate(report.sections, start=1):
        name = next(
            (t for t in (section.title.get(tag) for tag in languages) if t), section.section_id
        )
        _print_matrix(f"{number}. {name}", section.readiness, languages)
    if report.unplaced is not None:
        _print_matrix(_("Photos in no section"), report.unplaced, languages)
    return 0
