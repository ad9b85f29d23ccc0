"""``curator settings PROJECT [KEY [VALUE]]``: show and change what shapes a project's output.

Without KEY every setting is listed by group; with KEY one is shown; with VALUE it is set
(``--reset`` puts it back to its default). The same checks as the Project Settings dialog
apply: a refused value exits 2 and changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from curator.cli.locations import project_location
from curator.cli.output import print_json
from curator.core.errors import UsageError
from curator.core.services import ProjectService
from curator.core.settings.project_settings import (
    SettingState,
    find_spec,
    read_setting,
    read_settings,
)
from curator.core.settings.setting_values import SettingGroup, parse_text
from curator.i18n import N_, _

AddCommon = Callable[[argparse.ArgumentParser], None]

#: Group headings, in the order shown (the dialog's tabs).
GROUP_TITLES: dict[SettingGroup, str] = {
    SettingGroup.CREDITS: N_("Credits"),
    SettingGroup.PREFLIGHT: N_("Preflight"),
    SettingGroup.CATALOGUE: N_("Catalogue"),
    SettingGroup.WALL: N_("Wall type"),
    SettingGroup.DELIVERY: N_("Delivery"),
    SettingGroup.BACKUPS: N_("Backups"),
    SettingGroup.WEB: N_("Web edition"),
    SettingGroup.HALL: N_("Hall"),
}


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    """Declare the settings command."""
    parser = commands.add_parser(
        "settings",
        help=_("show or change a project's settings"),
        description=_(
            "Show or change the settings kept in a project: credit-line templates, preflight "
            "thresholds, the catalogue's page, delivery options, backups. Without KEY, list "
            "them all; with KEY, show one; with KEY and VALUE, set it. Lengths take a unit "
            "(3mm, 0.5in) or are millimetres."
        ),
    )
    parser.add_argument(
        "project", metavar="PROJECT", type=project_location, help=_("a project file")
    )
    parser.add_argument(
        "key", metavar="KEY", nargs="?", help=_("a setting, e.g. catalogue.bleed_mm")
    )
    parser.add_argument("value", metavar="VALUE", nargs="?", help=_("the new value"))
    parser.add_argument("--reset", action="store_true", help=_("put KEY back to its default value"))
    parser.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(parser)


def _line(state: SettingState) -> str:
    text = f"{state.key} = {state.shown()}"
    if state.is_default:
        text += "  " + _("(default)")
    return text + "\n"


def _print_all(states: list[SettingState]) -> None:
    for group, title in GROUP_TITLES.items():
        in_group = [state for state in states if state.spec.group is group]
        if not in_group:
            continue
        sys.stdout.write(f"{_(title)}\n")
        for state in in_group:
            sys.stdout.write("  " + _line(state))
            sys.stdout.write("      " + _(state.spec.label) + "\n")


def run(args: argparse.Namespace) -> int | None:
    """Run the settings command; None when ``args`` names another command."""
    if args.command != "settings":
        return None
    if args.reset and (args.key is None or args.value is not None):
        raise UsageError(_("--reset takes a KEY and no VALUE."))
    changing = args.value is not None or args.reset
    with ProjectService.open(args.project, read_only=not changing) as service:
        if args.key is None:
            states = read_settings(service)
            if args.json:
                print_json([state.to_json() for state in states])
            else:
                _print_all(states)
            return 0
        spec = find_spec(service, args.key)
        before = read_setting(service, spec)
        if changing:
            value = None if args.reset else parse_text(spec, args.value)
            service.operations.settings.change({spec.key: value})
        after = read_setting(service, spec)
    if args.json:
        print_json(after.to_json())
    elif changing:
        sys.stdout.write(
            _("%(key)s = %(value)s (was %(before)s)")
            % {"key": spec.key, "value": after.shown(), "before": before.shown()}
            + "\n"
        )
    else:
        sys.stdout.write(_line(after))
        sys.stdout.write(_(spec.label) + "\n")
        if spec.help:
            sys.stdout.write(_(spec.help) + "\n")
    return 0
