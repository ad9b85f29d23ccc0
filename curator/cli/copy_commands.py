"""``curator copy SOURCE DEST``: a whole project between a file and a PostgreSQL server.

Either side is a project file or a server address (``postgresql://…``); a file to a file is a
plain copy through the same path. See :mod:`curator.server.copy` for what is guaranteed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from curator.cli.output import print_json
from curator.cli.progress import ProgressPrinter
from curator.core.storage.address import parse_address
from curator.i18n import _, ngettext

AddCommon = Callable[[argparse.ArgumentParser], None]


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    """Declare ``copy``."""
    copy = commands.add_parser(
        "copy",
        help=_("copy a whole project between a file and a PostgreSQL server"),
        description=_(
            "Copy a whole project into a new one: from a project file to a PostgreSQL server, "
            "back to a file (for an offline trip, an archive or a hand-over), or between two "
            "servers or two files. The source is read in one consistent snapshot; the "
            "destination must not hold a project yet, and is made whole or not at all."
        ),
    )
    copy.add_argument(
        "source", metavar="SOURCE", help=_("a project file or a server address postgresql://…")
    )
    copy.add_argument(
        "destination",
        metavar="DEST",
        help=_("a new project file, or a server address naming no project yet"),
    )
    copy.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(copy)


def run(args: argparse.Namespace) -> int | None:
    """Run ``copy``; None when ``args`` names another command."""
    if args.command != "copy":
        return None
    from curator.server.copy import copy_project  # psycopg is imported only when copying

    source, destination = parse_address(args.source), parse_address(args.destination)
    printer = ProgressPrinter(_("Copying rows"))
    try:
        report = copy_project(source, destination, on_progress=printer)
    finally:
        printer.finish()
    if args.json:
        print_json(report.to_json())
        return 0
    total = sum(report.rows.values())
    sys.stdout.write(
        ngettext(
            "Copied %(source)s to %(destination)s: %(rows)d row in %(tables)d tables.",
            "Copied %(source)s to %(destination)s: %(rows)d rows in %(tables)d tables.",
            total,
        )
        % {
            "source": report.source,
            "destination": report.destination,
            "rows": total,
            "tables": len(report.rows),
        }
        + "\n"
    )
    return 0
