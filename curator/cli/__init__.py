"""The ``curator`` command line: the project services, headless.

Names, flags, JSON fields and exit codes follow ``docs/cli.md``. Human output is in the language
the environment asks for (``--ui-language`` overrides); ``--json`` prints only JSON. This
package never imports Qt: ``open`` and the bare ``curator`` hand over to the window through
the callback the composition root (``curator.__main__``) passes in.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from curator import __version__
from curator.cli import (
    access_commands,
    argparse_i18n,
    backup_commands,
    caption_commands,
    catalogue_command,
    check_command,
    copy_commands,
    deliver_command,
    desktop_command,
    exchange_commands,
    export_commands,
    glossary_commands,
    hall_commands,
    keyword_commands,
    layout_commands,
    memory_commands,
    photo_commands,
    rights_commands,
    section_commands,
    settings_command,
    shortlist_commands,
    shown_commands,
    status_command,
    visit_commands,
)
from curator.cli.locations import project_location
from curator.cli.output import info_json, print_info, print_json
from curator.cli.terminal import escaped_output
from curator.core.errors import BackupError, CuratorError
from curator.core.services import ProjectService
from curator.i18n import _, language_from_environment, set_language

OpenWindow = Callable[[Path | None], int]

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_CANCELLED = 130

log = logging.getLogger("curator")


def _ui_language_from_argv(argv: Sequence[str]) -> str | None:
    for index, arg in enumerate(argv):
        if arg == "--ui-language" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--ui-language="):
            return arg.split("=", 1)[1]
    return None


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--ui-language",
        metavar="TAG",
        help=_("language of messages and help (en, vi, ru); default: from the environment"),
    )
    parser.add_argument(
        "--debug", action="store_true", help=_("show a traceback when something fails")
    )


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, its help in the current interface language."""
    parser = argparse.ArgumentParser(
        prog="curator",
        description=_(
            "Curator prepares multilingual photo exhibitions: import photos, caption them in "
            "several languages, arrange sections and panels, and export print-ready PDF. "
            "Without a command it opens the window."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"Curator {__version__}",
        help=_("show program's version number and exit"),
    )
    _add_common(parser)
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))

    new = commands.add_parser(
        "new",
        help=_("create a new project file"),
        description=_(
            "Create a new project: one file holding photos, captions and the exhibition. The "
            "first of --languages is the source language unless --source-language says "
            "otherwise; their order is the order of languages on every page."
        ),
    )
    new.add_argument(
        "project", metavar="PROJECT", type=project_location, help=_("the project file to create")
    )
    new.add_argument("--title", default="", help=_("the exhibition's title"))
    new.add_argument(
        "--languages",
        required=True,
        metavar="TAGS",
        help=_("content languages, comma-separated BCP 47 tags, e.g. vi,ru,en or pt-BR"),
    )
    new.add_argument(
        "--source-language",
        metavar="TAG",
        help=_("the language translators translate from (default: the first of --languages)"),
    )
    _add_common(new)

    info = commands.add_parser(
        "info",
        help=_("show a project's title, languages and counts"),
        description=_("Show a project's title, languages, counts and format version."),
    )
    info.add_argument("project", metavar="PROJECT", type=project_location, help=_("a project file"))
    info.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    _add_common(info)

    photo_commands.add_parsers(commands, _add_common)
    caption_commands.add_parsers(commands, _add_common)
    status_command.add_parsers(commands, _add_common)
    glossary_commands.add_parsers(commands, _add_common)
    layout_commands.add_parsers(commands, _add_common)
    check_command.add_parsers(commands, _add_common)
    section_commands.add_parsers(commands, _add_common)
    exchange_commands.add_parsers(commands, _add_common)
    deliver_command.add_parsers(commands, _add_common)
    backup_commands.add_parsers(commands, _add_common)
    export_commands.add_parsers(commands, _add_common)
    settings_command.add_parsers(commands, _add_common)
    desktop_command.add_parsers(commands, _add_common)
    shortlist_commands.add_parsers(commands, _add_common)
    catalogue_command.add_parsers(commands, _add_common)
    memory_commands.add_parsers(commands, _add_common)
    copy_commands.add_parsers(commands, _add_common)
    access_commands.add_parsers(commands, _add_common)
    rights_commands.add_parsers(commands, _add_common)
    shown_commands.add_parsers(commands, _add_common)
    keyword_commands.add_parsers(commands, _add_common)
    hall_commands.add_parsers(commands, _add_common)
    visit_commands.add_parsers(commands, _add_common)

    demo = commands.add_parser(
        "demo",
        help=_("write the bundled demo exhibition into a folder"),
        description=_(
            "Write the bundled demo exhibition (a project file and its photos) into DIR and "
            "print the project's path. If DIR already holds it, it is left as it is."
        ),
    )
    demo.add_argument("directory", metavar="DIR", type=Path, help=_("the folder to write into"))
    _add_common(demo)

    open_ = commands.add_parser(
        "open",
        help=_("open the window on a project"),
        description=_(
            "Open the Curator window on a project file (without one, on the last project)."
        ),
    )
    open_.add_argument(
        "project", metavar="PROJECT", type=project_location, nargs="?", help=_("a project file")
    )
    _add_common(open_)
    return parser


def _run(args: argparse.Namespace, open_window: OpenWindow | None) -> int:
    if args.command is None or args.command == "open":
        if open_window is None:
            raise CuratorError(_("The window is not available in this build."))
        return open_window(getattr(args, "project", None))
    if args.command == "new":
        from curator.core.language.languages import parse_language_list

        languages = parse_language_list(args.languages)
        with ProjectService.create(
            args.project,
            title=args.title,
            languages=languages,
            source_language=args.source_language,
        ) as service:
            project = service.queries.project()
            sys.stdout.write(
                _("Created %(path)s (%(languages)s).")
                % {"path": service.location, "languages": ", ".join(project.languages)}
                + "\n"
            )
        return EXIT_OK
    if args.command == "info":
        with ProjectService.open(args.project, read_only=True) as service:
            project_info = service.info()
        if args.json:
            print_json(info_json(project_info))
        else:
            print_info(project_info)
        return EXIT_OK
    for run_commands in (
        photo_commands.run,
        caption_commands.run,
        status_command.run,
        glossary_commands.run,
        layout_commands.run,
        check_command.run,
        section_commands.run,
        exchange_commands.run,
        deliver_command.run,
        backup_commands.run,
        export_commands.run,
        settings_command.run,
        desktop_command.run,
        shortlist_commands.run,
        catalogue_command.run,
        memory_commands.run,
        copy_commands.run,
        access_commands.run,
        rights_commands.run,
        shown_commands.run,
        keyword_commands.run,
        hall_commands.run,
        visit_commands.run,
    ):
        handled = run_commands(args)
        if handled is not None:
            return handled
    if args.command == "demo":
        from curator.demo import write_demo

        path, created = write_demo(args.directory, hall=True)
        if not created:
            sys.stderr.write(
                _("The demo is already in %(folder)s; it was left as it is.")
                % {"folder": args.directory}
                + "\n"
            )
        sys.stdout.write(f"{path}\n")
        return EXIT_OK
    raise AssertionError(args.command)


class _WarningToStderr(logging.Handler):
    """Warnings raised while a project opens (a stored setting refused), on stderr.

    ``sys.stderr`` is looked up at each message, not kept, so redirected output gets them.
    """

    def emit(self, record: logging.LogRecord) -> None:
        sys.stderr.write(_("curator: warning: %(message)s") % {"message": record.getMessage()})
        sys.stderr.write("\n")


def _report_project_warnings() -> None:
    opening = logging.getLogger("curator.core.services")
    if not any(isinstance(h, _WarningToStderr) for h in opening.handlers):
        opening.addHandler(_WarningToStderr(logging.WARNING))
        opening.propagate = False


def main(argv: Sequence[str] | None = None, open_window: OpenWindow | None = None) -> int:
    """Run the command line; returns the exit code of docs/cli.md.

    Everything it prints goes through :func:`~curator.cli.terminal.escaped_output`: a file
    name's control characters, bidi controls and undecodable bytes arrive escaped, whichever
    message carries it.
    """
    with escaped_output():
        return _main(argv, open_window)


def _main(argv: Sequence[str] | None, open_window: OpenWindow | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(_ui_language_from_argv(argv) or language_from_environment())
    argparse_i18n.install()
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    _report_project_warnings()
    parser = build_parser()
    args = parser.parse_args(caption_commands.route(argv))
    if getattr(args, "debug", False):  # a library's own words, kept out of the messages
        logging.getLogger("curator").setLevel(logging.DEBUG)
    try:
        return _run(args, open_window)
    except CuratorError as error:
        if args.debug:
            traceback.print_exc()
        message = error.message
        if isinstance(error, BackupError) and error.can_go_on and hasattr(args, "no_backup"):
            message += " " + _("Free some space, or run again with --no-backup.")
        sys.stderr.write(_("curator: %(message)s") % {"message": message} + "\n")
        return error.exit_code
    except KeyboardInterrupt:
        # Exiting now: a second interrupt while threads and temporary files are cleaned up
        # must not turn the clean exit 130 into a death by signal.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        sys.stderr.write(_("curator: cancelled") + "\n")
        return EXIT_CANCELLED
    except BrokenPipeError:
        # The reader went away (``curator status ... | head``): not an error worth a word.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
