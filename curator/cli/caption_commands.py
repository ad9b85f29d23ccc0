"""The ``caption`` command: read, write, finish or move one caption field."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from curator.cli.output import print_json
from curator.core.errors import UsageError
from curator.core.languages import normalize_language
from curator.core.model import Caption, CaptionField, CaptionStatus
from curator.core.services import ProjectService
from curator.i18n import _

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
    cap.add_argument("project", metavar="PROJECT", type=Path, help=_("a project file"))
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


def _project_language(service: ProjectService, tag: str) -> str:
    """``tag`` in its canonical form, refused unless it is one of the project's languages."""
    canonical = normalize_language(tag)
    languages = service.project.languages()
    if canonical not in languages:
        raise UsageError(
            _("“%(tag)s” is not one of the project's languages (%(languages)s).")
            % {"tag": canonical, "languages": ", ".join(languages)}
        )
    return canonical


def run(args: argparse.Namespace) -> int | None:
    """Run the caption command; None when ``args`` names another command."""
    if args.command != "caption":
        return None
    field = CaptionField(args.field)
    changing = args.text is not None or args.status is not None or args.move_to is not None
    if args.move_to is not None and (args.text is not None or args.status is not None):
        raise UsageError(_("--move-to cannot be combined with --text or --status."))
    with ProjectService.open(args.project, read_only=not changing) as service:
        language = _project_language(service, args.lang)
        args.lang = language
        if args.move_to is not None:
            args.move_to = _project_language(service, args.move_to)
        if args.move_to is not None:
            _left, caption = service.move_caption_language(
                args.photo_id, field, args.lang, args.move_to
            )
        elif changing:
            current = service.captions.get(args.photo_id, args.lang, field)
            text = args.text if args.text is not None else (current.text if current else "")
            status = CaptionStatus(args.status) if args.status else None
            caption = service.set_caption(args.photo_id, args.lang, field, text, status)
        else:
            service.require_photo(args.photo_id)
            caption_or_none = service.captions.get(args.photo_id, args.lang, field)
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
