"""``curator section add|list|assign``: the sections of the visit, headless (docs/cli.md)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from curator.cli.locations import project_location
from curator.cli.output import print_json
from curator.core.errors import UsageError
from curator.core.services import ProjectService
from curator.i18n import _, ngettext

AddCommon = Callable[[argparse.ArgumentParser], None]


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    """Declare ``section`` and its sub-commands."""
    section = commands.add_parser(
        "section",
        help=_("add, list and fill the sections of the visit"),
        description=_("Sections are the parts of the visit, in order, each with its photos."),
    )
    add_common(section)
    actions = section.add_subparsers(dest="section_command", metavar=_("ACTION"), required=True)

    add = actions.add_parser(
        "add",
        help=_("append a section and print its id"),
        description=_(
            "Append a section at the end of the visit and print its id. Give its title (and "
            "introduction) once per language as TAG=TEXT; --photos moves photos into it."
        ),
    )
    add.add_argument("project", metavar="PROJECT", type=project_location, help=_("a project file"))
    add.add_argument(
        "--title",
        action="append",
        required=True,
        metavar="TAG=TEXT",
        help=_("the title in one language, e.g. vi=Hà Nội (repeat for each language)"),
    )
    add.add_argument(
        "--intro", action="append", default=[], metavar="TAG=TEXT",
        help=_("the introduction in one language (repeat for each language)"),
    )  # fmt: skip
    add.add_argument("--photos", metavar="ID,ID,...", help=_("photo ids to put in the section"))
    add_common(add)

    listing = actions.add_parser(
        "list",
        help=_("list the sections in visit order"),
        description=_("List the sections in visit order with their titles and photos."),
    )
    listing.add_argument(
        "project", metavar="PROJECT", type=project_location, help=_("a project file")
    )
    listing.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(listing)

    assign = actions.add_parser(
        "assign",
        help=_("move photos into a section"),
        description=_(
            "Move photos into a section, at its end, in the order given (out of any other "
            "section they were in)."
        ),
    )
    assign.add_argument(
        "project", metavar="PROJECT", type=project_location, help=_("a project file")
    )
    assign.add_argument("section_id", metavar="SECTION_ID", help=_("the section's id"))
    assign.add_argument("photo_ids", metavar="PHOTO_ID", nargs="+", help=_("photo ids"))
    add_common(assign)


def parse_texts(values: list[str], option: str) -> dict[str, str]:
    """``TAG=TEXT`` values as ``{tag: text}``; a malformed or repeated one is a usage error."""
    texts: dict[str, str] = {}
    for value in values:
        tag, sep, text = value.partition("=")
        if not sep or not tag.strip() or not text.strip():
            raise UsageError(
                _("%(option)s expects TAG=TEXT, e.g. vi=Hà Nội; got “%(value)s”.")
                % {"option": option, "value": value}
            )
        if tag.strip() in texts:
            raise UsageError(
                _("%(option)s gives “%(tag)s” twice.") % {"option": option, "tag": tag.strip()}
            )
        texts[tag.strip()] = text
    return texts


def sections_json(service: ProjectService) -> list[dict[str, Any]]:
    """``curator section list --json``: positions count from 1 in visit order."""
    languages = list(service.queries.languages())

    def ordered(texts: dict[str, str]) -> dict[str, str]:
        return {tag: texts[tag] for tag in sorted(texts, key=_language_order(languages))}

    return [
        {
            "id": section.id,
            "position": number,
            "title": ordered(section.title),
            "intro": ordered(section.intro),
            "photo_ids": service.queries.section_photo_ids(section.id),
        }
        for number, section in enumerate(service.queries.sections(), start=1)
    ]


def _language_order(languages: list[str]) -> Callable[[str], tuple[int, str]]:
    return lambda tag: (languages.index(tag) if tag in languages else len(languages), tag)


def _print_list(rows: list[dict[str, Any]], languages: list[str]) -> None:
    for row in rows:
        title = next((row["title"][tag] for tag in languages if tag in row["title"]), "")
        count = len(row["photo_ids"])
        photos = ngettext("%(count)d photo", "%(count)d photos", count) % {"count": count}
        sys.stdout.write(f"{row['position']}. {row['id']}  {title}  ({photos})\n")


def run(args: argparse.Namespace) -> int | None:
    """Run a section command; None when ``args`` names another command."""
    if args.command != "section":
        return None
    if args.section_command == "list":
        with ProjectService.open(args.project, read_only=True) as service:
            rows = sections_json(service)
            languages = list(service.queries.languages())
        if args.json:
            print_json(rows)
        else:
            _print_list(rows, languages)
        return 0
    if args.section_command == "add":
        title = parse_texts(args.title, "--title")
        intro = parse_texts(args.intro, "--intro")
        photo_ids = [p.strip() for p in (args.photos or "").split(",") if p.strip()]
        with ProjectService.open(args.project) as service:
            section, _changes = service.operations.sections.add(title, intro, photo_ids)
        sys.stdout.write(section.id + "\n")
        return 0
    with ProjectService.open(args.project) as service:
        service.operations.sections.assign(args.section_id, list(args.photo_ids))
    return 0
