"""``curator shown``: the people, organisations, places and event a photo shows."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from curator.cli.output import print_json
from curator.core.errors import UsageError
from curator.core.language.languages import normalize_language
from curator.core.model import GlossaryEntry, GlossaryKind
from curator.core.operations.rules import project_language
from curator.core.operations.shown import find_entry
from curator.core.services import ProjectService
from curator.core.shown import LOCATION_PARTS, Region, Shown, ShownLocation
from curator.i18n import _, ngettext
from curator.ingest.metadata.containers import read_blocks
from curator.ingest.metadata.shown_xmp import ShownInFile, read_shown

AddCommon = Callable[[argparse.ArgumentParser], None]


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    """Declare the shown command."""
    shown = commands.add_parser(
        "shown",
        help=_("the people, organisations, places and event a photo shows"),
        description=_(
            "Show or change who and what a photo shows. Persons, organisations and places are "
            "picked from the glossary by any of their renderings, so a name given once is "
            "delivered in every language. All the changes given are one edit. Without one, "
            "the photo's shown data is printed."
        ),
    )
    shown.add_argument("project", metavar="PROJECT", type=Path, help=_("a project file"))
    shown.add_argument("photo_id", metavar="PHOTO_ID", help=_("a photo id"))
    for flag, metavar, text in (
        ("--person", "NAME", _("add a person from the glossary")),
        ("--organisation", "NAME", _("add an organisation from the glossary")),
        (
            "--location",
            "SPEC",
            _("add a location: a glossary place, or parts such as “city=Hà Nội;country=Việt Nam”"),
        ),
        ("--remove-person", "NAME", _("remove a person (and their region)")),
        ("--remove-organisation", "NAME", _("remove an organisation")),
        ("--remove-location", "NAME", _("remove the locations that have this place")),
        ("--remove-region", "PERSON", _("remove a person's region, keeping the person")),
    ):
        shown.add_argument(flag, metavar=metavar, action="append", default=[], help=text)
    shown.add_argument(
        "--region",
        nargs=2,
        metavar=("PERSON", "X,Y,W,H"),
        action="append",
        default=[],
        help=_("a person's rectangle on the photo, as fractions of its width and height"),
    )
    shown.add_argument(
        "--event",
        metavar="TEXT",
        help=_("the event, in --lang; without --lang, a glossary event in every language"),
    )
    shown.add_argument("--lang", metavar="TAG", help=_("the language of --event"))
    shown.add_argument(
        "--remove-event", action="store_true", help=_("remove the event (in --lang only, if given)")
    )
    shown.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(shown)


def run(args: argparse.Namespace) -> int | None:
    """Run the shown command; None when ``args`` names another command."""
    if args.command != "shown":
        return None
    changing = any(
        (
            args.person,
            args.organisation,
            args.location,
            args.region,
            args.remove_person,
            args.remove_organisation,
            args.remove_location,
            args.remove_region,
            args.event is not None,
            args.remove_event,
        )
    )
    if args.lang is not None and args.event is None and not args.remove_event:
        raise UsageError(_("--lang says the language of --event or --remove-event."))
    with ProjectService.open(args.project, read_only=not changing) as service:
        ops = service.operations.shown
        before = ops.get(args.photo_id)
        entries = service.queries.glossary()
        languages = service.queries.languages()
        after = _changed(args, before, entries, languages) if changing else before
        changed = not ops.set(args.photo_id, after).empty if changing else False
        edited = ops.edited(args.photo_id)
        original = _original(service.queries.photo(args.photo_id).path)
    by_id = {entry.id: entry for entry in entries}
    if args.json:
        print_json(
            {
                **_to_json(args.photo_id, after, by_id, languages, changed),
                "edited": edited,
                "original": original,
            }
        )
        return 0
    _print(after, by_id, languages)
    if edited:
        sys.stdout.write(
            _(
                "Edited by the curator: a re-read of the original leaves this as it is, and "
                "delivered copies leave out what the glossary knows but the photo no longer shows."
            )
            + "\n"
        )
    _print_original(original)
    if changing and not changed:
        sys.stderr.write(_("Nothing changed.") + "\n")
    return 0


def _changed(
    args: argparse.Namespace, shown: Shown, entries: list[GlossaryEntry], languages: list[str]
) -> Shown:
    def find(name: str, kind: GlossaryKind) -> int:
        return find_entry(entries, name, (kind,)).id

    for name in args.remove_person:
        shown = shown.without_person(find(name, GlossaryKind.PERSON))
    for name in args.remove_region:
        shown = shown.without_region(find(name, GlossaryKind.PERSON))
    for name in args.remove_organisation:
        shown = shown.without_organisation(find(name, GlossaryKind.ORGANISATION))
    for name in args.remove_location:
        shown = shown.without_location(find(name, GlossaryKind.PLACE))
    if args.remove_event:
        if args.lang is None:
            shown = shown.without_events()
        else:
            shown = shown.with_event(project_language(languages, args.lang), "")
    for name in args.person:
        shown = shown.with_person(find(name, GlossaryKind.PERSON))
    for name, box in args.region:
        shown = shown.with_person(find(name, GlossaryKind.PERSON), _region(box))
    for name in args.organisation:
        shown = shown.with_organisation(find(name, GlossaryKind.ORGANISATION))
    for spec in args.location:
        shown = shown.with_location(_location(spec, entries))
    if args.event is not None:
        shown = _event(shown, args.event, args.lang, entries, languages)
    return shown


def _region(box: str) -> Region:
    try:
        x, y, w, h = (float(part) for part in box.split(","))
    except ValueError:
        raise UsageError(
            _("“%(box)s” is not a region: give x,y,w,h, e.g. 0.25,0.1,0.3,0.5.") % {"box": box}
        ) from None
    return Region(x, y, w, h)


def _location(spec: str, entries: list[GlossaryEntry]) -> ShownLocation:
    parts: dict[str, int] = {}
    for item in spec.split(";"):
        part, equals, name = item.partition("=")
        if not equals:
            part, name = "name", item
        part = part.strip().lower()
        if part not in LOCATION_PARTS:
            raise UsageError(
                _("“%(part)s” is not a part of a location; the parts are %(parts)s.")
                % {"part": part, "parts": ", ".join(LOCATION_PARTS)}
            )
        parts[part] = find_entry(entries, name, (GlossaryKind.PLACE,)).id
    return ShownLocation(tuple((part, parts[part]) for part in LOCATION_PARTS if part in parts))


def _event(
    shown: Shown, text: str, lang: str | None, entries: list[GlossaryEntry], languages: list[str]
) -> Shown:
    if lang is not None:
        return shown.with_event(project_language(languages, normalize_language(lang)), text)
    try:
        entry = find_entry(entries, text, (GlossaryKind.EVENT,))
    except UsageError:
        raise UsageError(
            _("“%(text)s” is no event of the glossary: give its language with --lang TAG.")
            % {"text": text}
        ) from None
    for tag in languages:
        if entry.terms.get(tag):
            shown = shown.with_event(tag, entry.terms[tag])
    return shown


def _names(entry: GlossaryEntry | None, languages: list[str]) -> dict[str, str]:
    if entry is None:
        return {}
    return {tag: entry.terms[tag] for tag in languages if entry.terms.get(tag)}


def _to_json(
    photo_id: str,
    shown: Shown,
    by_id: dict[int, GlossaryEntry],
    languages: list[str],
    changed: bool,
) -> dict[str, Any]:
    def item(entry_id: int) -> dict[str, Any]:
        return {"id": entry_id, "names": _names(by_id.get(entry_id), languages)}

    return {
        "photo_id": photo_id,
        "changed": changed,
        "persons": [
            {
                **item(person.entry_id),
                "region": None
                if person.region is None
                else {
                    "x": person.region.x,
                    "y": person.region.y,
                    "w": person.region.w,
                    "h": person.region.h,
                },
            }
            for person in shown.persons
        ],
        "organisations": [item(entry_id) for entry_id in shown.organisations],
        "locations": [
            {part: item(entry_id) for part, entry_id in location.parts}
            for location in shown.locations
        ],
        "event": dict(shown.events),
    }


def _print(shown: Shown, by_id: dict[int, GlossaryEntry], languages: list[str]) -> None:
    def name(entry_id: int) -> str:
        return " / ".join(_names(by_id.get(entry_id), languages).values())

    lines: list[str] = []
    for person in shown.persons:
        line = _("person: %(name)s") % {"name": name(person.entry_id)}
        if person.region is not None:
            box = person.region
            line += f"  [{box.x:.3f},{box.y:.3f},{box.w:.3f},{box.h:.3f}]"
        lines.append(line)
    lines += [
        _("organisation: %(name)s") % {"name": name(entry_id)} for entry_id in shown.organisations
    ]
    for location in shown.locations:
        parts = "; ".join(f"{part}={name(entry_id)}" for part, entry_id in location.parts)
        lines.append(_("location: %(parts)s") % {"parts": parts})
    lines += [
        _("event (%(tag)s): %(text)s") % {"tag": tag, "text": text} for tag, text in shown.events
    ]
    if not lines:
        lines.append(_("The photo shows no one and nothing recorded yet."))
    sys.stdout.write("".join(line + "\n" for line in lines))


def _original(path: Path) -> dict[str, Any] | None:
    """What the original file itself says it shows (Photini, the agency), or None unreadable."""
    try:
        blocks = read_blocks(path)
    except OSError:
        return None
    if blocks.kind == "unknown":
        return None
    return _summary(read_shown(blocks.xmp[0]) if blocks.xmp else ShownInFile())


def _summary(found: ShownInFile) -> dict[str, Any]:
    def first(names: dict[str, str]) -> str:
        return names.get("x-default") or next(iter(names.values()), "")

    return {
        "persons": list(found.persons),
        "organisations": list(found.organisations),
        "locations": [
            first(location.names) or location.fields.get("City", "") for location in found.locations
        ],
        "event": found.event,
        "regions": len(found.regions),
    }


def _print_original(original: dict[str, Any] | None) -> None:
    if not original or not any(original.values()):
        return
    parts = [
        *original["persons"],
        *original["organisations"],
        *(place for place in original["locations"] if place),
    ]
    regions = ngettext("%(count)d region", "%(count)d regions", int(original["regions"])) % {
        "count": original["regions"]
    }
    sys.stdout.write(
        _(
            "The original file says: %(names)s (%(regions)s); delivered copies keep what of it "
            "the project does not record."
        )
        % {"names": "; ".join(parts) or "-", "regions": regions}
        + "\n"
    )
