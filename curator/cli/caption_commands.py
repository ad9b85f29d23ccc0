"""The ``caption`` commands: one caption field; find and replace; caption templates.

``curator caption PROJECT PHOTO_ID …`` reads or writes one field. When the first word after
``caption`` is ``replace``, ``apply-template`` or ``templates``, that word names the command
(:func:`route` joins the two words before argparse reads them).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from curator.cli.locations import project_location
from curator.cli.output import print_json
from curator.core.editing import caption_batch
from curator.core.editing.caption_batch import CaptionRewrite, FindOptions
from curator.core.errors import UsageError
from curator.core.model import Caption, CaptionField, CaptionStatus
from curator.core.services import ProjectService
from curator.i18n import _, ngettext

AddCommon = Callable[[argparse.ArgumentParser], None]


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    """Declare the caption command."""
    cap = commands.add_parser(
        "caption",
        help=_("show or change one caption field of a photo"),
        description=_(
            "Show one caption field of a photo, or change its text, its status, or the "
            "language it is filed under (--move-to: the text was in another language)."
        ),
    )
    cap.add_argument("project", metavar="PROJECT", type=project_location, help=_("a project file"))
    cap.add_argument("photo_id", metavar="PHOTO_ID", help=_("the photo's id"))
    cap.add_argument("--lang", required=True, metavar="TAG", help=_("the caption's language"))
    cap.add_argument(
        "--field", required=True, choices=[f.value for f in CaptionField], help=_("which field")
    )
    cap.add_argument("--text", help=_("the new text"))
    cap.add_argument("--status", choices=[s.value for s in CaptionStatus], help=_("the new status"))
    cap.add_argument(
        "--move-to",
        metavar="TAG",
        help=_("file the text under this language instead (texts trade places if both exist)"),
    )
    cap.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(cap)
    _add_batch_parsers(commands, add_common)


#: The words after ``caption`` that name a command of their own.
SUBCOMMANDS = ("replace", "apply-template", "templates")


def route(argv: list[str]) -> list[str]:
    """``argv`` with ``caption WORD`` joined into the command name ``caption WORD``."""
    skip = False
    for index, arg in enumerate(argv):
        if skip or arg.startswith("-"):
            # the value of ``--ui-language TAG`` given before the command is not the command
            skip = arg == "--ui-language"
            continue
        if arg == "caption" and index + 1 < len(argv) and argv[index + 1] in SUBCOMMANDS:
            return [*argv[:index], f"caption {argv[index + 1]}", *argv[index + 2 :]]
        return argv
    return argv


def _add_batch_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    fields = [f.value for f in CaptionField]
    rep = commands.add_parser(
        "caption replace",
        help=_("find and replace text across the captions of one language"),
        description=_(
            "Replace every match of a text in the captions of one language (one field, or "
            "all), as one edit. Case and accents are ignored unless asked for; --dry-run "
            "shows every change without writing."
        ),
    )
    rep.add_argument("project", metavar="PROJECT", type=project_location, help=_("a project file"))
    rep.add_argument("--lang", required=True, metavar="TAG", help=_("the captions' language"))
    rep.add_argument("--find", required=True, metavar="TEXT", help=_("the text to find"))
    rep.add_argument(
        "--replace", required=True, metavar="TEXT", help=_("the text to put in its place")
    )
    rep.add_argument("--field", choices=fields, help=_("only this field (default: all)"))
    rep.add_argument("--whole-words", action="store_true", help=_("match whole words only"))
    rep.add_argument("--match-case", action="store_true", help=_("match upper and lower case"))
    rep.add_argument("--match-accents", action="store_true", help=_("match accents and tone marks"))
    rep.add_argument("--dry-run", action="store_true", help=_("show the changes, write nothing"))
    rep.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(rep)

    app = commands.add_parser(
        "caption apply-template",
        help=_("fill caption fields of photos from a caption template"),
        description=_(
            "Write the fields of a caption template into the photos, in every language the "
            "template has, with {date}, {place} and {photographer} filled per photo."
        ),
    )
    app.add_argument("project", metavar="PROJECT", type=project_location, help=_("a project file"))
    app.add_argument("name", metavar="NAME", help=_("the template's name"))
    app.add_argument("photo_ids", metavar="PHOTO_ID", nargs="+", help=_("the photos' ids"))
    app.add_argument("--dry-run", action="store_true", help=_("show the changes, write nothing"))
    app.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(app)

    tpl = commands.add_parser(
        "caption templates",
        help=_("list, make, change or delete caption templates"),
        description=_(
            "List the project's caption templates, set one field of one language of a "
            "template (--set; empty text removes the field), or delete a template."
        ),
    )
    tpl.add_argument("project", metavar="PROJECT", type=project_location, help=_("a project file"))
    tpl.add_argument(
        "--set",
        nargs=4,
        metavar=("NAME", "LANG", "FIELD", "TEXT"),
        help=_("set a field of a template (variables: {date}, {place}, {photographer})"),
    )
    tpl.add_argument("--delete", metavar="NAME", help=_("delete a template"))
    tpl.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(tpl)


def _change_json(change: CaptionRewrite) -> dict[str, object]:
    return {
        "photo_id": change.photo_id,
        "language": change.language,
        "field": change.field.value,
        "old": change.old,
        "new": change.new,
    }


def _report(changes: list[CaptionRewrite], written: bool, as_json: bool) -> None:
    if as_json:
        print_json({"changed": len(changes) if written else 0,
                    "changes": [_change_json(c) for c in changes]})  # fmt: skip
        return
    for change in changes:
        sys.stdout.write(
            f"{change.photo_id}\t{change.field.value}\t{change.language}\t"
            f"{change.old!r} → {change.new!r}\n"
        )
    count = len(changes)
    if written:
        line = ngettext("%(count)d field changed.", "%(count)d fields changed.", count)
    else:
        line = ngettext(
            "%(count)d field would change (nothing written).",
            "%(count)d fields would change (nothing written).",
            count,
        )
    sys.stdout.write(line % {"count": count} + "\n")


def _run_batch(args: argparse.Namespace) -> int:
    if args.command == "caption templates":
        changing = args.set is not None or args.delete is not None
        with ProjectService.open(args.project, read_only=not changing) as service:
            if args.set is not None:
                name, lang, field_name, text = args.set
                if field_name not in {f.value for f in CaptionField}:
                    raise UsageError(
                        _("“%(field)s” is not a caption field (%(fields)s).")
                        % {"field": field_name, "fields": ", ".join(f.value for f in CaptionField)}
                    )
                service.operations.templates.set_fields(
                    name, [(lang, CaptionField(field_name), text)]
                )
            if args.delete is not None:
                service.operations.templates.delete(args.delete)
            stored = caption_batch.templates(service)
        if args.json:
            print_json(
                [{"name": name, "fields": fields} for name, fields in sorted(stored.items())]
            )
        else:
            for name, languages in sorted(stored.items()):
                sys.stdout.write(name + "\n")
                for language, values in languages.items():
                    for field_name, text in values.items():
                        sys.stdout.write(f"  {language}\t{field_name}\t{text}\n")
        return 0
    write = not args.dry_run
    with ProjectService.open(args.project, read_only=not write) as service:
        if args.command == "caption replace":
            options = FindOptions(args.whole_words, args.match_case, args.match_accents)
            field = CaptionField(args.field) if args.field else None
            changes = caption_batch.preview_replace(
                service, args.lang, args.find, args.replace, field=field, options=options
            )
        else:
            changes = caption_batch.preview_template(service, args.name, args.photo_ids)
        if write and changes:
            service.operations.captions.rewrite(changes)
    _report(changes, write, args.json)
    return 0


def _as_json(
    caption: Caption | None, photo_id: str, language: str, field: str
) -> dict[str, object]:
    if caption is None:
        return {"photo_id": photo_id, "language": language, "field": field, "text": "",
                "status": CaptionStatus.EMPTY.value, "revision": 0}  # fmt: skip
    return {
        "photo_id": caption.photo_id,
        "language": caption.language,
        "field": caption.field.value,
        "text": caption.text,
        "status": caption.status.value,
        "revision": caption.revision,
    }


def run(args: argparse.Namespace) -> int | None:
    """Run the caption command; None when ``args`` names another command."""
    if args.command in {f"caption {word}" for word in SUBCOMMANDS}:
        return _run_batch(args)
    if args.command != "caption":
        return None
    field = CaptionField(args.field)
    changing = args.text is not None or args.status is not None or args.move_to is not None
    if args.move_to is not None and (args.text is not None or args.status is not None):
        raise UsageError(_("--move-to cannot be combined with --text or --status."))
    with ProjectService.open(args.project, read_only=not changing) as service:
        language = caption_batch.project_language(service, args.lang)
        args.lang = language
        if args.move_to is not None:
            args.move_to = caption_batch.project_language(service, args.move_to)
        if args.move_to is not None:
            _left, caption = service.move_caption_language(
                args.photo_id, field, args.lang, args.move_to
            )
        elif changing:
            current = service.queries.caption(args.photo_id, args.lang, field)
            text = args.text if args.text is not None else (current.text if current else "")
            status = CaptionStatus(args.status) if args.status else None
            caption = service.set_caption(args.photo_id, args.lang, field, text, status)
        else:
            service.require_photo(args.photo_id)
            caption_or_none = service.queries.caption(args.photo_id, args.lang, field)
            if args.json:
                print_json(_as_json(caption_or_none, args.photo_id, language, field.value))
            else:
                sys.stdout.write((caption_or_none.text if caption_or_none else "") + "\n")
            return 0
    if args.json:
        print_json(_as_json(caption, args.photo_id, caption.language, field.value))
    else:
        sys.stdout.write(caption.text + "\n")
    return 0
