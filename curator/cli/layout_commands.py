"""``curator layout auto|show|template``: panels, what is where, a photo's catalogue page.

Lengths on the command line take a unit or default to millimetres (docs/cli.md): ``1000x1500``,
``100x150cm``, ``40x60in``, or an ISO paper size such as ``A1`` (portrait; write the two
lengths the other way round for landscape).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from typing import Any

from curator.cli.backup_commands import add_no_backup
from curator.cli.locations import project_location
from curator.cli.output import print_json
from curator.core.editing.layout_service import (
    auto_layout,
    check_template,
    layout_report,
    require_section,
)
from curator.core.layout import template_names
from curator.core.layout.catalogue_model import PAGE_CHOICE_HELP, PageChoice
from curator.core.publishing.page_choices import (
    page_choices,
    parse_choice,
    printed_as,
    set_page_choice,
)
from curator.core.services import ProjectService
from curator.i18n import _, ngettext, number_text

AddCommon = Callable[[argparse.ArgumentParser], None]

_UNITS_MM = {"": 1.0, "mm": 1.0, "cm": 10.0, "m": 1000.0, "in": 25.4}
_SIZE = re.compile(
    r"^\s*(?P<w>\d+(?:[.,]\d+)?)\s*(?P<wu>mm|cm|m|in)?\s*[x×*]\s*"
    r"(?P<h>\d+(?:[.,]\d+)?)\s*(?P<hu>mm|cm|m|in)?\s*$",
    re.IGNORECASE,
)


def _iso_size(name: str) -> tuple[float, float] | None:
    match = re.fullmatch(r"([AB])(\d{1,2})", name.strip().upper())
    if match is None or int(match.group(2)) > 10:
        return None
    # A0 is 1 m² and B0 1 m wide by √2 m; each next size halves the long side.
    width, height = (841.0, 1189.0) if match.group(1) == "A" else (1000.0, 1414.0)
    for _step in range(int(match.group(2))):
        width, height = float(int(height / 2)), width
    return width, height


def parse_size(text: str) -> tuple[float, float]:
    """``"1000x1500"``, ``"100x150cm"``, ``"40x60in"`` or ``"A1"`` → (width, height) in mm.

    Raises:
        argparse.ArgumentTypeError: The text is not a size (the message is translated).
    """
    iso = _iso_size(text)
    if iso is not None:
        return iso
    match = _SIZE.match(text)
    if match is not None:
        height_unit = (match.group("hu") or "").lower()
        width_unit = (match.group("wu") or height_unit).lower()
        width = float(match.group("w").replace(",", ".")) * _UNITS_MM[width_unit]
        height = float(match.group("h").replace(",", ".")) * _UNITS_MM[height_unit]
        if width > 0 and height > 0:
            return width, height
    raise argparse.ArgumentTypeError(
        _("“%(text)s” is not a size; write it like 1000x1500, 100x150cm or A1.") % {"text": text}
    )


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    """Declare the layout command and its sub-commands."""
    layout = commands.add_parser(
        "layout",
        help=_("lay out sections on panels, or show the layout"),
        description=_("Arrange the exhibition's photos on panels, or show what is where."),
    )
    actions = layout.add_subparsers(dest="layout_command", metavar=_("ACTION"), required=True)
    auto = actions.add_parser(
        "auto",
        help=_("fill panels with each section's photos in visit order"),
        description=_(
            "Replace the panels of one section, or of every section, with panels filled in "
            "visit order; rejected photos get no slot. Without --section, when the project has "
            "no section yet, its photos are first gathered into a new section titled after "
            "the project, in capture-time order; once a section exists, photos in no section "
            "stay unsorted and are not printed."
        ),
    )
    auto.add_argument("project", metavar="PROJECT", type=project_location, help=_("a project file"))
    auto.add_argument("--section", metavar="ID", help=_("only this section"))
    auto.add_argument(
        "--panel-size",
        metavar="WxH",
        type=parse_size,
        default=(1000.0, 1500.0),
        help=_("panel width and height, e.g. 1000x1500 (mm), 100x150cm or A1"),
    )
    auto.add_argument(
        "--template",
        metavar="NAME",
        help=_("use this template on every panel: %(choices)s")
        % {"choices": ", ".join(template_names())},
    )
    add_no_backup(auto)
    add_common(auto)
    show = actions.add_parser(
        "show",
        help=_("show sections, panels and slots"),
        description=_(
            "Show every section's panels and slots: where each photo sits, its effective "
            "resolution, and which caption languages overflow their room."
        ),
    )
    show.add_argument("project", metavar="PROJECT", type=project_location, help=_("a project file"))
    show.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(show)
    choices = "; ".join(f"{choice.value}: {_(PAGE_CHOICE_HELP[choice])}" for choice in PageChoice)
    template = actions.add_parser(
        "template",
        help=_("choose the catalogue page template of a photo"),
        description=_(
            "Choose how a photo is printed in the catalogue (%(choices)s), or show the "
            "choice; then say which pages it is printed on and as what. A choice that cannot "
            "be honoured (a photo too tall to cross a spread with room for its captions, or "
            "too soft at that size) falls back to a page of its own."
        )
        % {"choices": choices},
    )
    template.add_argument(
        "project", metavar="PROJECT", type=project_location, help=_("a project file")
    )
    template.add_argument("photo_id", metavar="PHOTO_ID", help=_("the photo's id"))
    template.add_argument(
        "template",
        metavar="TEMPLATE",
        nargs="?",
        help=_("the page template: %(choices)s; without it, show the choice")
        % {"choices": ", ".join(choice.value for choice in PageChoice)},
    )
    template.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(template)


def _auto(args: argparse.Namespace) -> int:
    check_template(args.template)
    from curator.export.text_measure import ReportlabMeasure

    with ProjectService.open(args.project) as service:
        if args.section is not None:
            require_section(service, args.section)
        panel_ids = auto_layout(
            service,
            args.section,
            args.panel_size,
            args.template,
            ReportlabMeasure(),
            backup=not args.no_backup,
        )
    count = len(panel_ids)
    sys.stdout.write(
        ngettext("Laid out %(count)d panel.", "Laid out %(count)d panels.", count)
        % {"count": count}
        + "\n"
    )
    return 0


def _print_slot(number: int, slot: dict[str, Any]) -> None:
    ppi = slot["effective_ppi"]
    marks = []
    for tag, block in slot["captions"].items():
        marks.append(f"{tag} {'✓' if block['fits'] else '✗'} {block['budget_chars']}")
    overflow = [tag for tag, block in slot["captions"].items() if not block["fits"]]
    line = _("%(number)d. %(photo)s  %(width)s × %(height)s mm at %(x)s, %(y)s  %(ppi)s ppi") % {
        "number": number,
        "photo": slot["photo_id"] or _("(empty)"),
        "width": number_text(slot["width_mm"], 0),
        "height": number_text(slot["height_mm"], 0),
        "x": number_text(slot["x_mm"], 0),
        "y": number_text(slot["y_mm"], 0),
        "ppi": "—" if ppi is None else f"{ppi:.0f}",
    }
    sys.stdout.write(f"    {line}  [{', '.join(marks)}]")
    if overflow:
        sys.stdout.write("  " + _("overflow: %(languages)s") % {"languages": ", ".join(overflow)})
    sys.stdout.write("\n")


def _print_report(report: dict[str, Any], languages: list[str]) -> None:
    for number, section in enumerate(report["sections"], start=1):
        title = next((section["title"][t] for t in languages if t in section["title"]), "")
        sys.stdout.write(f"{number}. {title or section['id']}  ({section['id']})\n")
        if not section["panels"]:
            sys.stdout.write("  " + _("no panels") + "\n")
        for index, panel in enumerate(section["panels"], start=1):
            heading = _("Panel %(number)d — %(width)s × %(height)s mm, %(template)s") % {
                "number": index,
                "width": number_text(panel["width_mm"]),
                "height": number_text(panel["height_mm"]),
                "template": panel["template"] or _("no template"),
            }
            sys.stdout.write(f"  {heading}  ({panel['id']})\n")
            for slot_number, slot in enumerate(panel["slots"], start=1):
                _print_slot(slot_number, slot)


def _show(args: argparse.Namespace) -> int:
    from curator.export.text_measure import ReportlabMeasure

    with ProjectService.open(args.project, read_only=True) as service:
        report = layout_report(service, ReportlabMeasure())
        languages = service.queries.languages()
    if args.json:
        print_json(report)
    else:
        _print_report(report, languages)
    return 0


def _template(args: argparse.Namespace) -> int:
    from curator.core.publishing.catalogue_service import project_catalogue
    from curator.export.text_measure import ReportlabMeasure

    chosen = parse_choice(args.template) if args.template is not None else None
    with ProjectService.open(args.project, read_only=chosen is None) as service:
        service.require_photo(args.photo_id)
        if chosen is None:
            chosen = page_choices(service).get(args.photo_id, PageChoice.AUTO)
            before = chosen
        else:
            before = set_page_choice(service, args.photo_id, chosen)
        geometry, _resolved = project_catalogue(service, ReportlabMeasure())
    pages = printed_as(geometry, args.photo_id)
    if args.json:
        print_json(
            {
                "photo_id": args.photo_id,
                "template": chosen.value,
                "before": before.value,
                "pages": [{"page": number, "template": name} for number, name in pages],
            }
        )
        return 0
    sys.stdout.write(
        _("%(photo)s: %(template)s (was %(before)s)")
        % {"photo": args.photo_id, "template": chosen.value, "before": before.value}
        + "\n"
    )
    if not pages:
        sys.stdout.write("  " + _("not printed in the catalogue") + "\n")
    for number, name in pages:
        sys.stdout.write(
            "  " + _("page %(page)d: %(template)s") % {"page": number, "template": name} + "\n"
        )
    return 0


def run(args: argparse.Namespace) -> int | None:
    """Run a layout command; None when ``args`` names another command."""
    if args.command != "layout":
        return None
    handlers = {"auto": _auto, "show": _show, "template": _template}
    return handlers[args.layout_command](args)
