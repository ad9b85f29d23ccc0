"""The ``keywords`` commands: list, add, remove and rename the project's keywords."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from curator.cli.output import print_json
from curator.core.operations import ChangeSet
from curator.core.services import ProjectService
from curator.i18n import _, ngettext

AddCommon = Callable[[argparse.ArgumentParser], None]


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    """Declare the keywords command and its actions."""
    keywords = commands.add_parser(
        "keywords",
        help=_("list, add, remove or rename the photos' keywords"),
        description=_(
            "The photos' keywords, edited across the project. Each keyword is delivered as "
            "it is written and in every language the glossary renders it in."
        ),
    )
    actions = keywords.add_subparsers(dest="keywords_command", metavar=_("ACTION"), required=True)
    listing = actions.add_parser(
        "list", help=_("every keyword, how many photos have it, its renderings")
    )
    listing.add_argument("project", metavar="PROJECT", type=Path, help=_("a project file"))
    add = actions.add_parser("add", help=_("give photos a keyword"))
    add.add_argument("project", metavar="PROJECT", type=Path, help=_("a project file"))
    add.add_argument("keyword", metavar="KEYWORD", help=_("the keyword"))
    add.add_argument("photo_ids", metavar="PHOTO_ID", nargs="+", help=_("photo ids"))
    remove = actions.add_parser(
        "remove", help=_("take a keyword off the photos named, or off every photo")
    )
    remove.add_argument("project", metavar="PROJECT", type=Path, help=_("a project file"))
    remove.add_argument("keyword", metavar="KEYWORD", help=_("the keyword"))
    remove.add_argument(
        "photo_ids", metavar="PHOTO_ID", nargs="*", help=_("photo ids (none: every photo)")
    )
    rename = actions.add_parser("rename", help=_("rename a keyword on every photo that has it"))
    rename.add_argument("project", metavar="PROJECT", type=Path, help=_("a project file"))
    rename.add_argument("old", metavar="OLD", help=_("the keyword as it is"))
    rename.add_argument("new", metavar="NEW", help=_("its new spelling"))
    for parser in (listing, add, remove, rename):
        parser.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
        add_common(parser)


def run(args: argparse.Namespace) -> int | None:
    """Run a keywords command; None when ``args`` names another command."""
    if args.command != "keywords":
        return None
    action = args.keywords_command
    if action == "list":
        with ProjectService.open(args.project, read_only=True) as service:
            uses = service.operations.keywords.uses()
        if args.json:
            print_json([use.to_json() for use in uses])
            return 0
        for use in uses:
            renderings = ", ".join(f"{tag}: {text}" for tag, text in use.renderings.items())
            count = len(use.photo_ids)
            photos = ngettext("%(count)d photo", "%(count)d photos", count) % {"count": count}
            line = f"{use.keyword} — {photos}"
            sys.stdout.write(f"{line} ({renderings})\n" if renderings else f"{line}\n")
        return 0
    with ProjectService.open(args.project) as service:
        ops = service.operations.keywords
        if action == "add":
            changes = ops.add(args.keyword, args.photo_ids)
        elif action == "remove":
            changes = ops.remove(args.keyword, args.photo_ids or None)
        else:
            changes = ops.rename(args.old, args.new)
    _report(changes, args.json)
    return 0


def _report(changes: ChangeSet, as_json: bool) -> None:
    photo_ids = sorted(changes.photos)
    if as_json:
        print_json({"changed": len(photo_ids), "photo_ids": photo_ids})
        return
    count = len(photo_ids)
    sys.stdout.write(
        ngettext("%(count)d photo changed.", "%(count)d photos changed.", count) % {"count": count}
        + "\n"
    )
