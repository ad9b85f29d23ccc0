"""``curator access grant|revoke|list``: who may do what in a project on a server (docs/cli.md).

The work is the server's (:mod:`curator.server.access_admin`): this module parses, connects
as the login libpq chooses, and prints. No password is read or printed: the address may not
carry one (libpq's ``~/.pgpass``, ``PGPASSWORD`` or a service file provide it).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from curator.cli.output import print_json
from curator.core.errors import UsageError
from curator.core.language.languages import parse_language_list
from curator.core.storage.address import ServerAddress, parse_address
from curator.i18n import N_, _

if TYPE_CHECKING:
    from curator.server.access_admin import Member

#: The roles ``--role`` takes (curator.server.access.ROLE_KINDS, which the tests compare):
#: spelled here so that ``curator --help`` does not load the database driver.
ROLE_KINDS = ("admin", "curator", "editor", "viewer")

AddCommon = Callable[[argparse.ArgumentParser], None]


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    """Declare ``access`` and its sub-commands."""
    group = commands.add_parser(
        "access",
        help=_("grant, revoke and list who may change a project on a server"),
        description=_(
            "Roles in a project on a PostgreSQL server, enforced by the server itself: a viewer"
            " reads; an editor also writes the texts of the languages granted; a curator writes"
            " everything (arranges, approves); an admin also manages access."
        ),
    )
    add_common(group)
    actions = group.add_subparsers(dest="access_command", metavar=_("ACTION"), required=True)

    grant = actions.add_parser(
        "grant",
        help=_("give a login a role in the project"),
        description=_(
            "Give LOGIN (a login on the server) a role in the project; it replaces the role it"
            " had. An editor is given exactly the languages of --languages."
        ),
    )
    _add_address(grant)
    grant.add_argument("login", metavar="LOGIN", help=_("a login (user name) on the server"))
    grant.add_argument(
        "--role",
        required=True,
        choices=ROLE_KINDS,
        help=_(
            "viewer: reads; editor: also writes the texts of its languages; curator: writes"
            " everything; admin: also manages access"
        ),
    )
    grant.add_argument(
        "--languages",
        metavar="TAGS",
        help=_("an editor's languages, comma-separated, e.g. ru or vi,en"),
    )
    add_common(grant)

    revoke = actions.add_parser(
        "revoke",
        help=_("take back a login's role, or some of an editor's languages"),
        description=_(
            "Take back LOGIN's role in the project; with --languages, only those languages of"
            " an editor."
        ),
    )
    _add_address(revoke)
    revoke.add_argument("login", metavar="LOGIN", help=_("a login (user name) on the server"))
    revoke.add_argument(
        "--languages", metavar="TAGS", help=_("only these languages, comma-separated")
    )
    add_common(revoke)

    listing = actions.add_parser(
        "list",
        help=_("list the logins with a part in the project"),
        description=_(
            "List the project's owner and every login with a role in it, with an editor's"
            " languages."
        ),
    )
    _add_address(listing)
    listing.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(listing)


def _add_address(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "project",
        metavar="PROJECT_URL",
        help=_("the project's address, e.g. postgresql://host/db?project=expo"),
    )


def _server_address(text: str) -> ServerAddress:
    address = parse_address(text)
    if not isinstance(address, ServerAddress):
        raise UsageError(
            _(
                "%(path)s is a project file: its roles are the file's permissions. Access"
                " applies to a project on a server (postgresql://…)."
            )
            % {"path": text}
        )
    return address


def _tags(text: str | None) -> list[str]:
    return parse_language_list(text) if text else []


def run(args: argparse.Namespace) -> int | None:
    """Run an access command; None when ``args`` names another command."""
    if args.command != "access":
        return None
    from curator.server import access_admin  # the driver, only when it is needed
    from curator.server.connection import connect

    address = _server_address(args.project)
    with connect(address) as conn:
        schema = address.schema
        if args.access_command == "grant":
            member = access_admin.grant(conn, schema, args.login, args.role, _tags(args.languages))
            sys.stdout.write(_describe(member, address) + "\n")
        elif args.access_command == "revoke":
            left = access_admin.revoke(conn, schema, args.login, _tags(args.languages))
            if left is None:
                sys.stdout.write(
                    _("%(login)s no longer has access to %(address)s.")
                    % {"login": args.login, "address": address.display()}
                    + "\n"
                )
            else:
                sys.stdout.write(_describe(left, address) + "\n")
        else:
            found = access_admin.members(conn, schema)
            if args.json:
                print_json([member.to_json() for member in found])
            else:
                _print_members(found)
    return 0


#: What a login may do, by role, as said after a grant or revoke.
_ROLE_SENTENCES = {
    "admin": N_("%(login)s is an admin of %(address)s: writes everything and manages access."),
    "curator": N_("%(login)s is a curator of %(address)s: writes everything but access."),
    "editor": N_("%(login)s is an editor of %(address)s: writes texts in %(languages)s."),
    "viewer": N_("%(login)s is a viewer of %(address)s: reads only."),
}


def _describe(member: Member, address: ServerAddress) -> str:
    return _(_ROLE_SENTENCES[member.role]) % {
        "login": member.login,
        "address": address.display(),
        "languages": ", ".join(member.languages),
    }


def _print_members(found: list[Member]) -> None:
    width = max((len(member.login) for member in found), default=0)
    for member in found:
        line = f"{member.login:<{width}}  {member.role}"
        if member.languages:
            line += "  " + ", ".join(member.languages)
        sys.stdout.write(line.rstrip() + "\n")
