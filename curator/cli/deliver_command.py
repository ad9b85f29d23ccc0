"""``curator deliver``: captioned copies of the photos in a folder, each one read back.

Exit codes (docs/cli.md): 0 every copy written and verified; 1 some photos not delivered or a
copy that reads back differently (each reported); 2 a bad flag, language, pattern or
section, nothing written; 3 the target folder cannot be written (read-only, full): what
was delivered before stays, whole; 130 Ctrl-C: the copy in progress is finished or removed,
never left half-written.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from curator.cli.locations import project_location
from curator.cli.output import print_json
from curator.cli.progress import ProgressPrinter
from curator.cli.terminal import shown
from curator.core.delivery_planning.iim import IimPolicy
from curator.core.delivery_planning.naming import DEFAULT_PATTERN, NameFields
from curator.core.delivery_planning.settings import resolve_options
from curator.core.editing.sections import require_section
from curator.core.language.languages import parse_language_list
from curator.core.services import ProjectService
from curator.i18n import _, ngettext

if TYPE_CHECKING:
    from curator.deliver.service import DeliveryReport

AddCommon = Callable[[argparse.ArgumentParser], None]
EXIT_PARTIAL = 1
EXIT_TARGET = 3
EXIT_CANCELLED = 130


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    """Declare the deliver command."""
    parser = commands.add_parser(
        "deliver",
        help=_("write captioned copies of the photos into a folder"),
        description=_(
            "Write copies of the project's photos into FOLDER with their captions, titles, "
            "credits, dates and places in XMP (every language) and IPTC IIM, then read each "
            "copy back to check it. Originals are never touched. Photos in no section are "
            "delivered as section 0, in capture-time order. Options not given come from the "
            "project (the window's Deliver dialog saves them)."
        ),
    )
    parser.add_argument(
        "project", metavar="PROJECT", type=project_location, help=_("a project file")
    )
    parser.add_argument(
        "--to", required=True, metavar="FOLDER", type=Path, help=_("the folder to write into")
    )
    parser.add_argument("--section", metavar="ID", help=_("deliver only this section"))
    parser.add_argument(
        "--languages",
        metavar="TAGS",
        help=_("caption languages to write, comma-separated (default: every project language)"),
    )
    parser.add_argument(
        "--main-language",
        metavar="TAG",
        help=_("the language of x-default and of IIM (default: the first of --languages)"),
    )
    parser.add_argument(
        "--long-edge",
        metavar="PX",
        type=int,
        help=_("resize copies larger than this to this long edge, in sRGB (0: do not resize)"),
    )
    parser.add_argument(
        "--iim",
        choices=[policy.value for policy in IimPolicy],
        help=_(
            "write IPTC IIM always, only where the original has IIM, or never (then the "
            "original's IIM fields that Curator writes in XMP are removed)"
        ),
    )
    parser.add_argument(
        "--naming",
        metavar="PATTERN",
        help=_("file names, e.g. %(default)s; fields: %(fields)s")
        % {"default": DEFAULT_PATTERN.replace("%", "%%"), "fields": ", ".join(NameFields.names())},
    )
    parser.add_argument(
        "--unicode-names",
        action="store_true",
        help=_("keep accented and non-Latin letters in file names (default: ASCII)"),
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help=_(
            "replace copies delivered into the folder before (default: a name already there "
            "is kept and the copy is named NAME-2, NAME-3…); an original or a file of the "
            "project is never replaced"
        ),
    )
    parser.add_argument(
        "--sidecar",
        action="store_true",
        help=_(
            "deliver photos that carry Content Credentials (C2PA) untouched, their metadata "
            "in an XMP sidecar beside them (used when no signing certificate is set)"
        ),
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(parser)


def run(args: argparse.Namespace) -> int | None:
    """Run the deliver command; None when ``args`` names another command."""
    if args.command != "deliver":
        return None
    from curator.deliver.service import deliver

    with ProjectService.open(args.project, read_only=True) as service:
        if args.section:
            require_section(service, args.section)
        options = resolve_options(
            service,
            languages=parse_language_list(args.languages) if args.languages else None,
            main_language=args.main_language,
            iim=args.iim,
            naming=args.naming,
            long_edge=args.long_edge,
            ascii_names=False if args.unicode_names else None,
        )
        printer = ProgressPrinter(_("Delivering"))
        with _cancel_on_interrupt() as cancel:
            report = deliver(
                service,
                args.to,
                options,
                args.section,
                printer,
                cancel,
                replace=args.replace,
                sidecar=args.sidecar,
            )
        printer.finish()
    if args.json:
        print_json(report.to_json())
    else:
        _print_report(report)
    if report.cancelled:
        return EXIT_CANCELLED
    if report.stopped:
        return EXIT_TARGET
    return EXIT_PARTIAL if report.count("written") < report.total else 0


@contextmanager
def _cancel_on_interrupt() -> Iterator[threading.Event]:
    """Ctrl-C sets the cancel token: the copy in progress is finished, then the job stops."""
    cancel = threading.Event()

    def handler(_signum: int, _frame: FrameType | None) -> None:
        cancel.set()

    if threading.current_thread() is not threading.main_thread():
        yield cancel
        return
    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield cancel
    finally:
        signal.signal(signal.SIGINT, previous)


def _print_report(report: DeliveryReport) -> None:
    from curator.deliver.service import FAILED, MISMATCH, WRITTEN

    for delivered in report.files:
        item = delivered.item
        if delivered.status == WRITTEN:
            line = f"{item.photo.path.name} → {delivered.path.name}"
            if delivered.iim and item.metadata.iim_cut:
                line += "  " + _("(IIM cut to fit: %(fields)s)") % {
                    "fields": ", ".join(item.metadata.iim_cut)
                }
            sys.stdout.write(shown(line) + "\n")
        for note in item.metadata.notes:
            note_line = _("note: %(name)s: %(message)s") % {"name": item.name, "message": note}
            sys.stderr.write(shown(note_line) + "\n")
        for problem in delivered.problems:
            label = _("warning: %(name)s: %(message)s") if delivered.status == WRITTEN else None
            error_line = (label or _("error: %(name)s: %(message)s")) % {
                "name": item.name,
                "message": problem.message,
            }
            sys.stderr.write(shown(error_line) + "\n")
    written = report.count(WRITTEN)
    summary = ngettext(
        "%(count)d of %(total)d photos delivered to %(folder)s",
        "%(count)d of %(total)d photos delivered to %(folder)s",
        report.total,
    ) % {"count": written, "total": report.total, "folder": report.folder}
    sys.stdout.write(shown(summary) + "\n")
    failed = report.count(FAILED) + report.count(MISMATCH)
    if failed:
        sys.stderr.write(
            ngettext("%(count)d photo with errors", "%(count)d photos with errors", failed)
            % {"count": failed}
            + "\n"
        )
    if report.stopped:
        sys.stderr.write(_("curator: %(message)s") % {"message": report.stopped} + "\n")
    if report.cancelled:
        sys.stderr.write(_("curator: cancelled") + "\n")
