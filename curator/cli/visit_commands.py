"""``curator visit``: routes of the visit through the hall, their stops and talking points."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from curator.cli.locations import project_location
from curator.cli.output import print_json
from curator.core.hall.visit import (
    DEFAULT_ALLOTTED_MIN,
    DEFAULT_SPEED_M_S,
    DEFAULT_STOP_MIN,
    Route,
    VisitFinding,
    format_walk_time,
)
from curator.core.operations.visit import RoutePlan, VisitOperations
from curator.core.services import ProjectService
from curator.i18n import _, ngettext, number_text

AddCommon = Callable[[argparse.ArgumentParser], None]
#: ``visit check`` with findings, as ``hall check``.
EXIT_FOUND = 2


def _project(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "project",
        metavar="PROJECT",
        type=project_location,
        help=_("a project file or a server address postgresql://…"),
    )


def _route(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("route", metavar="ROUTE", help=_("the route's name"))


def _stop(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("stop", metavar="STOP", type=int, help=_("the stop's number, from 1"))


def _json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=_("print JSON for scripts"))


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    """Declare the visit command, its groups and their actions."""
    visit = commands.add_parser(
        "visit",
        help=_("routes of the visit: stops, times and talking points"),
        description=_(
            "Routes through the hall for a visit: stops at panels (or at one photo on a "
            "panel) in order, minutes at each, walking between them at the route's speed, "
            "and the talking points per language for the guide and the interpreter."
        ),
    )
    groups = visit.add_subparsers(dest="visit_group", metavar=_("ACTION"), required=True)
    route = groups.add_parser("route", help=_("add, change, remove and list routes"))
    routes = route.add_subparsers(dest="visit_command", metavar=_("ACTION"), required=True)
    add = routes.add_parser(
        "add", help=_("add a route"), description=_("Add a route without stops.")
    )
    _project(add)
    add.add_argument("name", metavar="NAME", help=_("the route's name, e.g. “State visit”"))
    add.add_argument("--speed", metavar="M_S", type=float, default=DEFAULT_SPEED_M_S,
                     help=_("walking speed in metres per second (default 0.8)"))  # fmt: skip
    add.add_argument("--allotted", metavar="MIN", type=float, default=DEFAULT_ALLOTTED_MIN,
                     help=_("minutes allotted to the visit (default 15)"))  # fmt: skip
    add_common(add)
    change = routes.add_parser("set", help=_("change a route's speed or allotted time"),
                               description=_("Change a route's walking speed or the minutes "
                                             "allotted to it."))  # fmt: skip
    _project(change)
    _route(change)
    change.add_argument("--speed", metavar="M_S", type=float,
                        help=_("walking speed in metres per second"))  # fmt: skip
    change.add_argument("--allotted", metavar="MIN", type=float,
                        help=_("minutes allotted to the visit"))  # fmt: skip
    add_common(change)
    remove = routes.add_parser("remove", help=_("remove a route"),
                               description=_("Remove a route with its stops and talking "
                                             "points."))  # fmt: skip
    _project(remove)
    _route(remove)
    add_common(remove)
    listing = routes.add_parser("list", help=_("list the routes with their durations"),
                                description=_("List the routes: stops, walking distance, total "
                                              "and allotted minutes."))  # fmt: skip
    _project(listing)
    _json_flag(listing)
    add_common(listing)

    stop = groups.add_parser("stop", help=_("add, remove and move a route's stops"))
    stops = stop.add_subparsers(dest="visit_command", metavar=_("ACTION"), required=True)
    stop_add = stops.add_parser(
        "add",
        help=_("add a stop at a panel or a photo"),
        description=_(
            "Add a stop at a panel (its id or its number, as 2.3) or, with --photo, at a "
            "photo on the panel holding it."
        ),
    )
    _project(stop_add)
    _route(stop_add)
    stop_add.add_argument("panel", metavar="PANEL_REF", nargs="?",
                          help=_("the panel: its id or its number, as 2.3"))  # fmt: skip
    stop_add.add_argument("--photo", metavar="ID", help=_("a photo on a panel instead"))
    stop_add.add_argument("--minutes", metavar="N", type=float, default=DEFAULT_STOP_MIN,
                          help=_("minutes at the stop (default 2)"))  # fmt: skip
    stop_add.add_argument("--at", metavar="N", type=int,
                          help=_("its number in the route (default: the last)"))  # fmt: skip
    add_common(stop_add)
    stop_remove = stops.add_parser("remove", help=_("remove a stop"),
                                   description=_("Remove a stop and its talking points; the "
                                                 "stops after it move up."))  # fmt: skip
    _project(stop_remove)
    _route(stop_remove)
    _stop(stop_remove)
    add_common(stop_remove)
    stop_move = stops.add_parser("move", help=_("move a stop to another place in the route"),
                                 description=_("Make a stop the route's stop --to N, the others "
                                               "keeping their order."))  # fmt: skip
    _project(stop_move)
    _route(stop_move)
    _stop(stop_move)
    stop_move.add_argument("--to", metavar="N", type=int, required=True,
                           help=_("its new number"))  # fmt: skip
    add_common(stop_move)
    stop_time = stops.add_parser("time", help=_("change the minutes at a stop"),
                                 description=_("Change the minutes spent at a stop."))  # fmt: skip
    _project(stop_time)
    _route(stop_time)
    _stop(stop_time)
    stop_time.add_argument("minutes", metavar="MINUTES", type=float, help=_("minutes at the stop"))
    add_common(stop_time)

    points = groups.add_parser("points", help=_("the talking points at a stop"))
    point_actions = points.add_subparsers(dest="visit_command", metavar=_("ACTION"), required=True)
    points_set = point_actions.add_parser(
        "set",
        help=_("write a stop's talking points in a language"),
        description=_(
            "Write the talking points at a stop in one of the project's languages (an empty "
            "TEXT removes them). Translators get them with the captions (exchange export)."
        ),
    )
    _project(points_set)
    _route(points_set)
    _stop(points_set)
    points_set.add_argument("language", metavar="LANG", help=_("a language of the project"))
    points_set.add_argument("text", metavar="TEXT", help=_("the talking points"))
    add_common(points_set)

    show = groups.add_parser(
        "show",
        help=_("a route's stops with their times"),
        description=_(
            "A route's stops in order: the panel, the walk to it, the minutes there and the "
            "time so far; the total against the time allotted, and the route's findings."
        ),
    )
    _project(show)
    _route(show)
    _json_flag(show)
    add_common(show)
    check = groups.add_parser(
        "check",
        help=_("check every route"),
        description=_(
            "Check every route: visit-over-time (longer than its allotted time), "
            "stop-not-placed (a stop at a panel the hall does not place). Exit 2 when "
            "something is found."
        ),
    )
    _project(check)
    _json_flag(check)
    add_common(check)


def run(args: argparse.Namespace) -> int | None:
    """Run the visit command; None when ``args`` names another command."""
    if args.command != "visit":
        return None
    group = args.visit_group
    action = getattr(args, "visit_command", None)
    reading = group in ("show", "check") or action == "list"
    with ProjectService.open(args.project, read_only=reading) as service:
        ops = service.operations.visit
        if group == "show":
            plan = ops.plan(args.route)
            if args.json:
                print_json(_plan_json(plan))
            else:
                _print_plan(plan)
            return 0
        if group == "check":
            return _check(args, ops.check() + _points_too_long(service, ops))
        if group == "route":
            _route_action(args, ops)
        elif group == "stop":
            _stop_action(args, ops)
        else:
            ops.set_points(args.route, args.stop, args.language, args.text)
    return 0


def _route_action(args: argparse.Namespace, ops: VisitOperations) -> None:
    action = args.visit_command
    if action == "add":
        ops.add_route(args.name, args.speed, args.allotted)
        _say(_("Added the route “%(route)s”.") % {"route": args.name})
    elif action == "set":
        ops.set_route(args.route, speed_m_s=args.speed, allotted_min=args.allotted)
    elif action == "remove":
        ops.remove_route(args.route)
    else:
        plans = [ops.plan(route.name) for route in ops.routes()]
        if args.json:
            print_json([_summary(plan) for plan in plans])
        else:
            for plan in plans:
                sys.stdout.write(_summary_line(plan) + "\n")


def _stop_action(args: argparse.Namespace, ops: VisitOperations) -> None:
    action = args.visit_command
    if action == "add":
        ops.add_stop(args.route, args.panel, args.photo, args.minutes, args.at)
        count = len(ops.route(args.route).stops)
        _say(
            ngettext("“%(route)s” has %(count)d stop.", "“%(route)s” has %(count)d stops.", count)
            % {"route": args.route, "count": count}
        )
    elif action == "remove":
        ops.remove_stop(args.route, args.stop)
    elif action == "move":
        ops.move_stop(args.route, args.stop, args.to)
    else:
        ops.set_minutes(args.route, args.stop, args.minutes)


def _say(text: str) -> None:
    sys.stderr.write(text + "\n")


def _points_too_long(service: ProjectService, ops: VisitOperations) -> list[VisitFinding]:
    """``points-too-long``: every route's talking points the walkthrough would cut."""
    from curator.export.walkthrough import points_too_long

    found: list[VisitFinding] = []
    for route in ops.routes():
        if route.stops:
            found += [
                VisitFinding(f.code, f.message, route.name, (f.page or 0,))
                for f in points_too_long(service, route.name)
            ]
    return found


def _check(args: argparse.Namespace, findings: list[VisitFinding]) -> int:
    if args.json:
        print_json([finding.to_json() for finding in findings])
    else:
        for finding in findings:
            sys.stdout.write(f"{finding.code}: {finding.message}\n")
        sys.stdout.write(
            ngettext("%(count)d problem", "%(count)d problems", len(findings))
            % {"count": len(findings)}
            + "\n"
        )
    return EXIT_FOUND if findings else 0


def _summary(plan: RoutePlan) -> dict[str, object]:
    times = plan.times
    route: Route = times.route
    return {
        "name": route.name,
        "speed_m_s": route.speed_m_s,
        "allotted_min": route.allotted_min,
        "stop_count": len(route.stops),
        "walk_m": round(times.walk_m, 1),
        "total_min": round(times.total_min, 2),
        "over_time": times.over_time,
    }


def _plan_json(plan: RoutePlan) -> dict[str, object]:
    stops = []
    for number, timed in enumerate(plan.times.stops, 1):
        stop = timed.stop
        panel = plan.panels.get(stop.panel_id)
        stops.append(
            {
                "number": number,
                "stop_id": stop.stop_id,
                "panel_id": stop.panel_id,
                "reference": panel.reference if panel else None,
                "photo_id": stop.photo_id,
                "minutes": stop.minutes,
                "walk_m": None if timed.walk_m is None else round(timed.walk_m, 1),
                "walk_min": None if timed.walk_min is None else round(timed.walk_min, 2),
                "cumulative_min": round(timed.cumulative_min, 2),
                "points": dict(stop.points),
            }
        )
    summary = _summary(plan)
    del summary["stop_count"]
    return {
        **summary,
        "stops": stops,
        "findings": [finding.to_json() for finding in plan.findings],
    }


def _summary_line(plan: RoutePlan) -> str:
    times = plan.times
    return ngettext(
        "%(route)s: %(stops)d stop, %(walk)s m on foot, %(total)s of %(allotted)s minutes",
        "%(route)s: %(stops)d stops, %(walk)s m on foot, %(total)s of %(allotted)s minutes",
        len(times.route.stops),
    ) % {
        "route": times.route.name,
        "stops": len(times.route.stops),
        "walk": number_text(times.walk_m, 0),
        "total": number_text(times.total_min, 1),
        "allotted": number_text(times.route.allotted_min),
    }


def _print_plan(plan: RoutePlan) -> None:
    write = sys.stdout.write
    write(_summary_line(plan) + "\n")
    for number, timed in enumerate(plan.times.stops, 1):
        stop = timed.stop
        panel = plan.panels.get(stop.panel_id)
        where = panel.reference if panel else stop.panel_id
        if stop.photo_id:
            where += " · " + stop.photo_id
        walk = (
            _("walk not measured")
            if timed.walk_m is None
            else _("%(metres)s m on foot, %(time)s")
            % {
                "metres": number_text(timed.walk_m, 0),
                "time": format_walk_time(timed.walk_min or 0.0),
            }
        )
        write(
            _("%(number)d. panel %(panel)s: %(minutes)s min (%(walk)s), %(so_far)s min so far")
            % {
                "number": number,
                "panel": where,
                "minutes": number_text(stop.minutes),
                "walk": walk,
                "so_far": number_text(timed.cumulative_min, 1),
            }
            + "\n"
        )
        for language, text in stop.points:
            write(f"   [{language}] {text}\n")
    for finding in plan.findings:
        write(f"{finding.code}: {finding.message}\n")
