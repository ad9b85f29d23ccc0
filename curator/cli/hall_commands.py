"""``curator hall``: the hall's walls, doors and stands, where panels hang, and its checks."""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable
from pathlib import Path

from curator.cli.locations import project_location
from curator.cli.output import print_json
from curator.cli.progress import ProgressPrinter
from curator.core.errors import UsageError
from curator.core.hall.checks import HallFinding
from curator.core.hall.dxf import UNITS_MM, read_dxf_walls
from curator.core.hall.model import Door, Hall, PanelSize, Point, Support
from curator.core.operations.hall import HallOperations
from curator.core.services import ProjectService
from curator.i18n import _, ngettext, number_text

AddCommon = Callable[[argparse.ArgumentParser], None]
#: ``hall check`` with findings, as ``curator check`` with errors.
EXIT_FOUND = 2
#: ``hall place --auto`` when some panels found no room.
EXIT_LEFT_OVER = 1
_FACES = ("A", "B")
#: ``import-dxf``'s walls when no --height is given.
DEFAULT_WALL_HEIGHT_MM = 3000.0


def _numbers(text: str, count: int, form: str) -> tuple[float, ...]:
    parts = text.replace(" ", "").split(",")
    try:
        values = tuple(float(part) for part in parts)
    except ValueError:
        values = ()
    if len(values) != count or not all(math.isfinite(v) for v in values):
        raise argparse.ArgumentTypeError(
            _("“%(text)s” is not %(form)s (numbers in mm).") % {"text": text, "form": form}
        )
    return values


def _point(text: str) -> Point:
    x, y = _numbers(text, 2, "X,Y")
    return (x, y)


def _door(text: str) -> Door:
    return Door(*_numbers(text, 3, "OFFSET,WIDTH,HEIGHT"))


def _project(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "project",
        metavar="PROJECT",
        type=project_location,
        help=_("a project file or a server address postgresql://…"),
    )


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    """Declare the hall command and its actions."""
    hall = commands.add_parser(
        "hall",
        help=_("the hall's walls and stands, and where panels hang"),
        description=_(
            "The plan of the exhibition hall in millimetres: walls (straight, with door "
            "openings) and free-standing stands with two faces; panels hang on them in visit "
            "order, placed automatically or one by one, and the plan is checked."
        ),
    )
    actions = hall.add_subparsers(dest="hall_command", metavar=_("ACTION"), required=True)
    wall = actions.add_parser(
        "add-wall",
        help=_("add a wall after the others"),
        description=_("Add a straight wall from one point of the plan to another."),
    )
    _project(wall)
    wall.add_argument("--from", dest="start", metavar="X,Y", type=_point, required=True,
                      help=_("where the wall starts (mm)"))  # fmt: skip
    wall.add_argument("--to", dest="end", metavar="X,Y", type=_point, required=True,
                      help=_("where the wall ends (mm)"))  # fmt: skip
    wall.add_argument("--height", metavar="MM", type=float, required=True,
                      help=_("the wall's height"))  # fmt: skip
    wall.add_argument("--door", metavar="OFFSET,WIDTH,HEIGHT", type=_door, action="append",
                      default=[], help=_("a door opening, OFFSET from the wall's start; "
                                         "may be repeated"))  # fmt: skip
    add_common(wall)
    stand = actions.add_parser(
        "add-stand",
        help=_("add a free-standing stand after the others"),
        description=_("Add a free-standing stand with two faces (A and B)."),
    )
    _project(stand)
    stand.add_argument("--at", metavar="X,Y", type=_point, required=True,
                       help=_("the stand's centre (mm)"))  # fmt: skip
    stand.add_argument("--angle", metavar="DEGREES", type=float, default=0.0,
                       help=_("its direction, 0 along X (default 0)"))  # fmt: skip
    stand.add_argument("--length", metavar="MM", type=float, required=True,
                       help=_("the stand's length"))  # fmt: skip
    stand.add_argument("--height", metavar="MM", type=float, required=True,
                       help=_("the stand's height"))  # fmt: skip
    add_common(stand)
    _add_dxf_parser(actions, add_common)
    remove = actions.add_parser(
        "remove",
        help=_("remove a wall or a stand"),
        description=_(
            "Remove a wall or a stand and take its panels off; those after it are numbered "
            "one less."
        ),
    )
    _project(remove)
    remove.add_argument("kind", metavar="KIND", choices=["wall", "stand"],
                        help=_("wall or stand"))  # fmt: skip
    remove.add_argument("number", metavar="N", type=int, help=_("its number, as list shows"))
    add_common(remove)
    listing = actions.add_parser(
        "list",
        help=_("list the walls, stands and panels placed"),
        description=_("List the walls, the stands and the panels on each, in hanging order."),
    )
    _project(listing)
    listing.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(listing)
    place = actions.add_parser(
        "place",
        help=_("hang panels on walls and stands"),
        description=_(
            "With --auto, panels in visit order fill the walls in the hall's order, each wall "
            "from its start, keeping hall.gap_mm between panels, from the ends and from doors; "
            "panels on stands stay. Otherwise hang one panel on a wall or a stand's face."
        ),
    )
    _project(place)
    place.add_argument(
        "panel_id",
        metavar="PANEL_ID",
        nargs="?",
        help=_("the panel: its id or its number, as 2.3 (without --auto)"),
    )
    place.add_argument("--auto", action="store_true",
                       help=_("place every panel not on a stand automatically"))  # fmt: skip
    place.add_argument("--wall", metavar="N", type=int, help=_("the wall to hang it on"))
    place.add_argument("--stand", metavar="N", type=int, help=_("the stand to hang it on"))
    place.add_argument("--face", choices=_FACES, default="A",
                       help=_("the stand's face (default A)"))  # fmt: skip
    place.add_argument("--offset", metavar="MM", type=float,
                       help=_("from the wall's start (a stand's first end)"))  # fmt: skip
    place.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(place)
    unplace = actions.add_parser(
        "unplace",
        help=_("take a panel off its wall or stand"),
        description=_("Take a panel off the plan."),
    )
    _project(unplace)
    unplace.add_argument(
        "panel_id", metavar="PANEL_ID", help=_("the panel: its id or its number, as 2.3")
    )
    add_common(unplace)
    check = actions.add_parser(
        "check",
        help=_("check the hall's plan"),
        description=_(
            "Check the plan: panel-too-long, panel-overlap, panel-too-tall, panel-blocks-door, "
            "aisle-too-narrow (below hall.aisle_mm), placement-unknown. Exit 2 when something "
            "is found."
        ),
    )
    _project(check)
    check.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(check)


def _add_dxf_parser(
    actions: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    dxf = actions.add_parser(
        "import-dxf",
        help=_("add the walls of a DXF floor plan's layer"),
        description=_(
            "Add a wall for every line and polyline segment on one layer of a DXF floor plan "
            "(a text DXF, as CAD programs save it), in the file's order, as one edit. Without "
            "--layer, or with a layer the file lacks, the file's layers are listed."
        ),
    )
    _project(dxf)
    dxf.add_argument("file", metavar="FILE", type=Path, help=_("the DXF floor plan"))
    dxf.add_argument("--layer", metavar="NAME", help=_("the layer the walls are drawn on"))
    dxf.add_argument("--unit", choices=sorted(UNITS_MM),
                     help=_("the drawing's unit (default: the file's own, else mm)"))  # fmt: skip
    dxf.add_argument("--height", metavar="MM", type=float, default=DEFAULT_WALL_HEIGHT_MM,
                     help=_("the walls' height (default 3000)"))  # fmt: skip
    dxf.add_argument("--replace", action="store_true",
                     help=_("replace the hall's walls (stands stay)"))  # fmt: skip
    add_common(dxf)


def _import_dxf(args: argparse.Namespace, service: ProjectService) -> None:
    printer = ProgressPrinter(_("Reading the floor plan (KB)"))
    try:
        plan = read_dxf_walls(args.file, args.layer, args.unit, printer)
    finally:
        printer.finish()
    ops = service.operations.hall
    ops.add_walls(plan.segments, args.height, replace_walls=args.replace)
    _say(
        ngettext(
            "Added %(count)d wall from layer %(layer)s of %(file)s.",
            "Added %(count)d walls from layer %(layer)s of %(file)s.",
            len(plan.segments),
        )
        % {"count": len(plan.segments), "layer": plan.layer, "file": args.file}
    )


def run(args: argparse.Namespace) -> int | None:
    """Run the hall command; None when ``args`` names another command."""
    if args.command != "hall":
        return None
    action = args.hall_command
    reading = action in ("list", "check")
    with ProjectService.open(args.project, read_only=reading) as service:
        ops = service.operations.hall
        if action == "add-wall":
            ops.add_wall(args.start, args.end, args.height, tuple(args.door))
            _say(_("Added wall %(number)d.") % {"number": len(ops.get().walls)})
        elif action == "add-stand":
            ops.add_stand(args.at, args.angle, args.length, args.height)
            _say(_("Added stand %(number)d.") % {"number": len(ops.get().stands)})
        elif action == "import-dxf":
            _import_dxf(args, service)
        elif action == "remove":
            ops.remove(args.kind, args.number)
        elif action == "unplace":
            ops.unplace(_panel_id(ops, args.panel_id))
        elif action == "place":
            return _place(args, service)
        elif action == "list":
            _list(args, ops.get(), ops.panels())
        else:
            return _check(args, ops.check())
    return 0


def _panel_id(ops: HallOperations, given: str) -> str:
    """A panel's id from its id or its number as its label gives it (``2.3``, as ``hall list``)."""
    for panel in ops.panels():
        if given == panel.reference:
            return panel.panel_id
    return given


def _say(text: str) -> None:
    sys.stderr.write(text + "\n")


def _place(args: argparse.Namespace, service: ProjectService) -> int:
    ops = service.operations.hall
    if args.auto:
        if args.panel_id or args.wall is not None or args.stand is not None:
            raise UsageError(_("--auto places every panel; give no PANEL_ID, --wall or --stand."))
        _change, left = ops.place_auto()
        hall, panels = ops.get(), ops.panels()
        if args.json:
            print_json(_to_json(hall, panels, left))
        else:
            _print(hall, panels)
            _print_left(left)
        return EXIT_LEFT_OVER if left else 0
    if not args.panel_id or (args.wall is None) == (args.stand is None) or args.offset is None:
        raise UsageError(
            _("Give PANEL_ID, one of --wall N or --stand N, and --offset MM (or --auto).")
        )
    if args.wall is not None:
        support = Support("wall", args.wall)
    else:
        support = Support("stand", args.stand, _FACES.index(args.face))
    ops.place(_panel_id(ops, args.panel_id), support, args.offset)
    if args.json:
        print_json(_to_json(ops.get(), ops.panels(), ()))
    return 0


def _check(args: argparse.Namespace, findings: list[HallFinding]) -> int:
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


def _list(args: argparse.Namespace, hall: Hall, panels: list[PanelSize]) -> None:
    if args.json:
        print_json(_to_json(hall, panels, ()))
    else:
        _print(hall, panels)


def _to_json(hall: Hall, panels: list[PanelSize], left: tuple[PanelSize, ...]) -> dict[str, object]:
    order = {panel.panel_id: index for index, panel in enumerate(panels)}
    sizes = {panel.panel_id: panel for panel in panels}
    placements = sorted(
        (p for p in hall.placements if p.panel_id in sizes), key=lambda p: order[p.panel_id]
    )
    placed = {p.panel_id for p in placements}
    return {
        "walls": [
            {
                "number": wall.number,
                "from": list(wall.start),
                "to": list(wall.end),
                "length_mm": round(wall.length_mm, 1),
                "height_mm": wall.height_mm,
                "doors": [
                    {"offset_mm": d.offset_mm, "width_mm": d.width_mm, "height_mm": d.height_mm}
                    for d in wall.doors
                ],
            }
            for wall in hall.walls
        ],
        "stands": [
            {
                "number": stand.number,
                "at": list(stand.centre),
                "angle_deg": stand.angle_deg,
                "length_mm": stand.length_mm,
                "height_mm": stand.height_mm,
            }
            for stand in hall.stands
        ],
        "placements": [
            {
                "panel_id": p.panel_id,
                "reference": sizes[p.panel_id].reference,
                "on": p.support.kind,
                "number": p.support.number,
                "face": _FACES[p.support.face] if p.support.kind == "stand" else None,
                "offset_mm": p.offset_mm,
                "width_mm": sizes[p.panel_id].width_mm,
                "height_mm": sizes[p.panel_id].height_mm,
            }
            for p in placements
        ],
        "unplaced": [
            {"panel_id": panel.panel_id, "reference": panel.reference}
            for panel in (left or [panel for panel in panels if panel.panel_id not in placed])
        ],
    }


def _xy(point: Point) -> str:
    return f"{point[0]:g},{point[1]:g}"


def _print(hall: Hall, panels: list[PanelSize]) -> None:
    sizes = {panel.panel_id: panel for panel in panels}
    write = sys.stdout.write
    for wall in hall.walls:
        doors = ", ".join(
            _("door at %(offset)s mm, %(width)s × %(height)s mm")
            % {
                "offset": number_text(d.offset_mm),
                "width": number_text(d.width_mm),
                "height": number_text(d.height_mm),
            }
            for d in wall.doors
        )
        write(
            _("wall %(number)d: %(length)s mm from %(start)s to %(end)s, %(height)s mm high")
            % {
                "number": wall.number,
                "length": number_text(wall.length_mm, 0),
                "start": _xy(wall.start),
                "end": _xy(wall.end),
                "height": number_text(wall.height_mm),
            }
            + (f"; {doors}" if doors else "")
            + "\n"
        )
        _print_panels(hall, sizes, Support("wall", wall.number))
    for stand in hall.stands:
        write(
            _("stand %(number)d: %(length)s mm at %(at)s, %(angle)s°, %(height)s mm high")
            % {
                "number": stand.number,
                "length": number_text(stand.length_mm),
                "at": _xy(stand.centre),
                "angle": number_text(stand.angle_deg),
                "height": number_text(stand.height_mm),
            }
            + "\n"
        )
        for face in (0, 1):
            _print_panels(hall, sizes, Support("stand", stand.number, face))


def _print_panels(hall: Hall, sizes: dict[str, PanelSize], support: Support) -> None:
    on = sorted((p for p in hall.placements if p.support == support), key=lambda p: p.offset_mm)
    for placement in on:
        panel = sizes.get(placement.panel_id)
        if panel is None:
            continue
        face = f" {_FACES[support.face]}" if support.kind == "stand" else ""
        sys.stdout.write(
            _("  %(face)s%(offset)s mm: panel %(reference)s (%(id)s), %(width)s × %(height)s mm")
            % {
                "face": face.strip() + " " if face else "",
                "offset": number_text(placement.offset_mm),
                "reference": panel.reference,
                "id": panel.panel_id,
                "width": number_text(panel.width_mm),
                "height": number_text(panel.height_mm),
            }
            + "\n"
        )


def _print_left(left: tuple[PanelSize, ...]) -> None:
    if left:
        _say(
            ngettext(
                "%(count)d panel did not fit on the walls: %(panels)s",
                "%(count)d panels did not fit on the walls: %(panels)s",
                len(left),
            )
            % {"count": len(left), "panels": ", ".join(p.reference for p in left)}
        )
