"""``curator rights list|set|apply|source-type``: agencies' rights templates (docs/cli.md).

A template is set once per agency and applies to every photo whose credit names that agency
(or that was given it by hand with ``apply``); delivery writes it into each copy.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from curator.cli.output import print_json
from curator.cli.section_commands import parse_texts
from curator.core.errors import UsageError
from curator.core.language.languages import normalize_language
from curator.core.rights import (
    DATA_MINING,
    SOURCE_TYPES,
    PhotoRights,
    RightsTemplate,
    agency_key,
    checked_template,
)
from curator.core.services import ProjectService
from curator.i18n import _, ngettext

AddCommon = Callable[[argparse.ArgumentParser], None]

#: ``set``'s options and the template field each one sets.
_FIELDS = {
    "copyright": "--copyright",
    "credit_line": "--credit-line",
    "source": "--source",
    "licensor_name": "--licensor-name",
    "licensor_url": "--licensor-url",
    "data_mining": "--data-mining",
}


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    """Declare ``rights`` and its sub-commands."""
    rights = commands.add_parser(
        "rights",
        help=_("agencies' rights templates and photos' digital source type"),
        description=_(
            "A rights template (copyright notice, usage terms, credit line, source, licensor, "
            "data mining) is set once per agency and written into the delivered copies of "
            "the photos whose credit names that agency."
        ),
    )
    add_common(rights)
    actions = rights.add_subparsers(dest="rights_command", metavar=_("ACTION"), required=True)

    listing = actions.add_parser(
        "list",
        help=_("list the templates and each photo's template and source type"),
        description=_("List the rights templates and, for each photo, the template it takes."),
    )
    listing.add_argument("project", metavar="PROJECT", type=Path, help=_("a project file"))
    listing.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(listing)

    set_ = actions.add_parser(
        "set",
        help=_("create or change an agency's template"),
        description=_(
            "Create or change the rights template of an agency. Options not given keep the "
            "template's current value; an empty value clears it."
        ),
    )
    set_.add_argument("project", metavar="PROJECT", type=Path, help=_("a project file"))
    set_.add_argument("agency", metavar="AGENCY", help=_("the agency as credits name it"))
    set_.add_argument("--copyright", metavar="TEXT", help=_("the copyright notice"))
    set_.add_argument(
        "--usage-terms", action="append", default=[], metavar="TAG=TEXT",
        help=_("the usage terms in one language (repeat for each language)"),
    )  # fmt: skip
    set_.add_argument("--credit-line", metavar="TEXT", help=_("the credit line"))
    set_.add_argument("--source", metavar="TEXT", help=_("the source (who holds the original)"))
    set_.add_argument("--licensor-name", metavar="TEXT", help=_("the licensor's name"))
    set_.add_argument("--licensor-url", metavar="URL", help=_("the licensor's web address"))
    set_.add_argument(
        "--data-mining", metavar="VALUE",
        help=_("whether data mining is allowed: %(values)s") % {"values": ", ".join(DATA_MINING)},
    )  # fmt: skip
    set_.add_argument("--remove", action="store_true", help=_("delete the agency's template"))
    set_.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(set_)

    apply = actions.add_parser(
        "apply",
        help=_("give photos an agency's template by hand"),
        description=_(
            "Give photos the template of an agency their credits do not name; --by-credit "
            "lets them take their credits' agency's template again."
        ),
    )
    apply.add_argument("project", metavar="PROJECT", type=Path, help=_("a project file"))
    apply.add_argument("photo_ids", metavar="PHOTO_ID", nargs="+", help=_("photo ids"))
    which = apply.add_mutually_exclusive_group()
    which.add_argument("--agency", metavar="AGENCY", help=_("the agency whose template applies"))
    which.add_argument(
        "--by-credit", action="store_true", help=_("the template of the agency in the credit")
    )
    add_common(apply)

    kind = actions.add_parser(
        "source-type",
        help=_("set photos' digital source type"),
        description=_(
            "Set the IPTC digital source type of photos (how the image was made): "
            "%(values)s, or none."
        )
        % {"values": ", ".join(SOURCE_TYPES)},
    )
    kind.add_argument("project", metavar="PROJECT", type=Path, help=_("a project file"))
    kind.add_argument("source_type", metavar="TYPE", help=_("a digital source type, or none"))
    kind.add_argument("photo_ids", metavar="PHOTO_ID", nargs="+", help=_("photo ids"))
    add_common(kind)


def rights_json(templates: dict[str, RightsTemplate], photos: list[PhotoRights]) -> dict[str, Any]:
    """``curator rights list --json``."""
    return {
        "templates": [
            {
                **template.to_json(),
                "photo_ids": [p.photo_id for p in photos if p.template == template],
            }
            for template in templates.values()
        ],
        "photos": [
            {
                "photo_id": p.photo_id,
                "agency": p.template.agency if p.template else None,
                "by_hand": bool(p.provenance.rights_agency),
                "source_type": p.provenance.source_type or None,
                "c2pa": p.provenance.c2pa_state or None,
                "c2pa_signer": p.provenance.c2pa_signer or None,
                "c2pa_trusted": p.provenance.c2pa_trusted,
            }
            for p in photos
        ],
    }


def _print_list(data: dict[str, Any]) -> None:
    for template in data["templates"]:
        count = len(template["photo_ids"])
        photos = ngettext("%(count)d photo", "%(count)d photos", count) % {"count": count}
        sys.stdout.write(f"{template['agency']}  ({photos})\n")
        for name, option in _FIELDS.items():
            if template[name]:
                sys.stdout.write(f"  {option.removeprefix('--')}: {template[name]}\n")
        for tag, text in template["usage_terms"].items():
            sys.stdout.write(f"  usage-terms [{tag}]: {text}\n")
    if not data["templates"]:
        sys.stdout.write(_("No rights template yet.") + "\n")
    states = {"valid": _("valid"), "invalid": _("INVALID"), "unreadable": _("unreadable")}
    for photo in data["photos"]:
        agency = photo["agency"] or "-"
        kind = photo["source_type"] or "-"
        line = f"{photo['photo_id']}  {agency}  {kind}"
        if photo["c2pa"]:
            trust = (
                _("trusted signer") if photo["c2pa_trusted"] else _("signer not on the trust list")
            )
            line += "  " + _("Content Credentials: %(state)s, %(trust)s, signed by %(signer)s") % {
                "state": states.get(photo["c2pa"], photo["c2pa"]),
                "trust": trust,
                "signer": photo["c2pa_signer"] or "?",
            }
        sys.stdout.write(line + "\n")


def _usage_terms(values: list[str]) -> dict[str, str]:
    return {
        normalize_language(tag): text for tag, text in parse_texts(values, "--usage-terms").items()
    }


def _set(service: ProjectService, args: argparse.Namespace) -> RightsTemplate | None:
    current = service.queries.rights_templates().get(agency_key(args.agency))
    if args.remove:
        service.operations.rights.remove_template(args.agency)
        return None
    base = current or RightsTemplate(args.agency)
    given = {name: value for name in _FIELDS if (value := getattr(args, name)) is not None}
    terms = dict(base.usage_terms)
    terms.update(_usage_terms(args.usage_terms))
    fields = {name: getattr(base, name) for name in _FIELDS}
    template = checked_template(args.agency, usage_terms=terms, **{**fields, **given})
    service.operations.rights.put_template(template)
    return template


def run(args: argparse.Namespace) -> int | None:
    """Run a rights command; None when ``args`` names another command."""
    if args.command != "rights":
        return None
    action = args.rights_command
    if action == "list":
        with ProjectService.open(args.project, read_only=True) as service:
            data = rights_json(service.queries.rights_templates(), service.queries.photo_rights())
        if args.json:
            print_json(data)
        else:
            _print_list(data)
        return 0
    with ProjectService.open(args.project) as service:
        if action == "set":
            if args.remove and (
                args.usage_terms or any(getattr(args, n) is not None for n in _FIELDS)
            ):
                raise UsageError(_("--remove takes no other option."))
            template = _set(service, args)
            if args.json:
                print_json(template.to_json() if template else None)
            return 0
        if action == "apply":
            if not args.by_credit and args.agency is None:
                raise UsageError(_("Give --agency AGENCY or --by-credit."))
            agency = "" if args.by_credit else args.agency
            service.operations.rights.assign(list(args.photo_ids), agency)
            return 0
        service.operations.rights.set_source_type(list(args.photo_ids), args.source_type)
    return 0
