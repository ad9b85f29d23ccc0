"""The glossary commands: ``glossary import``, ``glossary export`` and ``glossary check``.

Import reads and checks the whole file before anything changes, then writes every entry
in one transaction. Check exits 1 when it finds problems (docs/cli.md).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from curator.cli.backup_commands import add_no_backup
from curator.cli.locations import project_location
from curator.cli.output import print_json
from curator.core.language.glossary_import import plan_import
from curator.core.services import ProjectService
from curator.i18n import _, ngettext

EXIT_FOUND = 1

AddCommon = Callable[[argparse.ArgumentParser], None]


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    """Declare the glossary command and its sub-commands."""
    glossary = commands.add_parser(
        "glossary",
        help=_("import, export or check the glossary"),
        description=_(
            "Exchange the glossary of names and terms as CSV or TBX, or check every caption "
            "against it."
        ),
    )
    actions = glossary.add_subparsers(dest="glossary_command", metavar=_("ACTION"), required=True)
    imp = actions.add_parser(
        "import",
        help=_("add or replace glossary entries from a CSV or TBX file"),
        description=_(
            "Read a glossary file (.csv or .tbx). An entry whose code is in the glossary "
            "replaces that entry; one without a code replaces the entry with the same "
            "rendering in any language; others are added. A file with an error changes "
            "nothing."
        ),
    )
    exp = actions.add_parser(
        "export",
        help=_("write the glossary to a CSV or TBX file"),
        description=_("Write the whole glossary to a .csv or .tbx file."),
    )
    for parser in (imp, exp):
        parser.add_argument(
            "project", metavar="PROJECT", type=project_location, help=_("a project file")
        )
        parser.add_argument("file", metavar="FILE", type=Path, help=_("a .csv or .tbx file"))
        add_common(parser)
    add_no_backup(imp)
    check = actions.add_parser(
        "check",
        help=_("find forbidden forms and names written two ways"),
        description=_(
            "Check every caption in every language against the glossary: forbidden forms, "
            "names rendered one way here and another way elsewhere, and names left in "
            "another language's script. Exits 1 when it finds problems."
        ),
    )
    check.add_argument(
        "project", metavar="PROJECT", type=project_location, help=_("a project file")
    )
    check.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(check)


def run(args: argparse.Namespace) -> int | None:
    """Run a glossary command; None when ``args`` names another command."""
    if args.command != "glossary":
        return None
    handlers = {"import": _import, "export": _export, "check": _check}
    return handlers[args.glossary_command](args)


def _import(args: argparse.Namespace) -> int:
    from curator.exchange import read_glossary

    drafts = read_glossary(args.file)
    with ProjectService.open(args.project) as service:
        languages = set(service.queries.languages())
        plan = plan_import(service.queries.glossary(), drafts, source=str(args.file))
        service.operations.records.import_glossary(
            plan, source=args.file.name, backup=not args.no_backup
        )
    others = sorted({tag for draft in drafts for tag in draft.terms} - languages)
    if others:
        sys.stderr.write(
            _("%(file)s has renderings in %(languages)s, which the project does not use.")
            % {"file": args.file, "languages": ", ".join(others)}
            + "\n"
        )
    lines = [
        ngettext("%(count)d entry added.", "%(count)d entries added.", len(plan.added)),
        ngettext("%(count)d entry replaced.", "%(count)d entries replaced.", len(plan.replaced)),
        ngettext(
            "%(count)d entry already as in the file.",
            "%(count)d entries already as in the file.",
            len(plan.unchanged),
        ),
    ]
    counts = [len(plan.added), len(plan.replaced), len(plan.unchanged)]
    for line, count in zip(lines, counts, strict=True):
        sys.stdout.write(line % {"count": count} + "\n")
    return 0


def _export(args: argparse.Namespace) -> int:
    from curator.core.storage.protected_files import protected_files
    from curator.exchange import glossary_format, write_glossary

    with ProjectService.open(args.project, read_only=True) as service:
        guard = protected_files(service)
        guard.check(args.file)
        glossary_format(args.file)
        project = service.queries.project()
        entries = service.queries.glossary()
    write_glossary(args.file, entries, project.languages, title=project.title, guard=guard)
    sys.stdout.write(
        ngettext(
            "%(count)d entry written to %(file)s.",
            "%(count)d entries written to %(file)s.",
            len(entries),
        )
        % {"count": len(entries), "file": args.file}
        + "\n"
    )
    return 0


def _check(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project, read_only=True) as service:
        findings = service.glossary_findings()
    if args.json:
        print_json([finding.to_json() for finding in findings])
    else:
        for finding in findings:
            sys.stdout.write(
                f"{finding.photo_id}  {finding.language}  {finding.field}  {finding.message}\n"
            )
        if findings:
            sys.stdout.write(
                ngettext(
                    "%(count)d glossary problem found.",
                    "%(count)d glossary problems found.",
                    len(findings),
                )
                % {"count": len(findings)}
                + "\n"
            )
        else:
            sys.stdout.write(_("No glossary problems found.") + "\n")
    return EXIT_FOUND if findings else 0
