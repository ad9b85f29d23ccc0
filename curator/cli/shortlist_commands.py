"""The shortlisting commands: ``rate`` (stars and flags) and ``search`` (words in captions)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from curator.cli.locations import project_location
from curator.cli.output import print_json
from curator.core.editing.shortlist import KEEP, LABELS, Keep, set_label, set_marks
from curator.core.errors import UsageError
from curator.core.model import MAX_RATING, PhotoFlag
from curator.core.services import ProjectService
from curator.i18n import _, ngettext

AddCommon = Callable[[argparse.ArgumentParser], None]

#: ``--flag none`` clears the flag.
_NO_FLAG = "none"


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    """Declare the rate and search commands."""
    rate = commands.add_parser(
        "rate",
        help=_("give photos a rating or a pick/reject flag"),
        description=_(
            "Give photos a star rating (0-5, 0 clears it) and/or a flag: pick, reject, or "
            "none to clear it. All the photos named change together, as one edit."
        ),
    )
    rate.add_argument("project", metavar="PROJECT", type=project_location, help=_("a project file"))
    rate.add_argument("photo_ids", metavar="PHOTO_ID", nargs="+", help=_("photo ids"))
    rate.add_argument(
        "--rating", metavar="N", type=int, choices=range(MAX_RATING + 1), help=_("stars, 0-5")
    )
    rate.add_argument(
        "--flag",
        choices=[PhotoFlag.PICK.value, PhotoFlag.REJECT.value, _NO_FLAG],
        help=_("pick, reject, or none"),
    )
    rate.add_argument(
        "--label",
        choices=[*LABELS, _NO_FLAG],
        help=_("a colour label, or none to clear it"),
    )
    add_common(rate)

    search = commands.add_parser(
        "search",
        help=_("find photos by the words of their captions"),
        description=_(
            "Find the photos with QUERY in a caption field, in any language. Case and accents "
            "are ignored: “da nang” finds “Đà Nẵng”, “елка” finds “Ёлка”. The words are found "
            "together and in order, the last one also as the start of a longer word; separate "
            "words with commas to find them anywhere in the same field (“talks, Moscow”)."
        ),
    )
    search.add_argument(
        "project", metavar="PROJECT", type=project_location, help=_("a project file")
    )
    search.add_argument("query", metavar="QUERY", help=_("the words to find"))
    search.add_argument(
        "--lang", metavar="TAG", action="append", help=_("only captions in this language")
    )
    search.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(search)


def run(args: argparse.Namespace) -> int | None:
    """Run a shortlisting command; None when ``args`` names another command."""
    if args.command == "rate":
        return _rate(args)
    if args.command == "search":
        return _search(args)
    return None


def describe_marks(rating: int | None, flag: str | None) -> str:
    """Stars and a flag word, for human output (empty when there is neither)."""
    words = {PhotoFlag.PICK.value: _("picked"), PhotoFlag.REJECT.value: _("rejected")}
    parts = ["★" * rating] if rating else []
    if flag:
        parts.append(words[flag])
    return " ".join(parts)


def _rate(args: argparse.Namespace) -> int:
    if args.rating is None and args.flag is None and args.label is None:
        raise UsageError(
            _("Say what to change: --rating N, --flag pick|reject|none, --label COLOUR.")
        )
    rating: int | Keep | None = KEEP if args.rating is None else args.rating
    flag: PhotoFlag | Keep | None = KEEP
    if args.flag is not None:
        flag = None if args.flag == _NO_FLAG else PhotoFlag(args.flag)
    with ProjectService.open(args.project) as service:
        changed: set[str] = set()
        if args.rating is not None or args.flag is not None:
            _before, after = set_marks(service, args.photo_ids, rating=rating, flag=flag)
            changed.update(item.photo_id for item in after)
        if args.label is not None:
            label = None if args.label == _NO_FLAG else args.label
            _old, labelled = set_label(service, args.photo_ids, label)
            changed.update(item.photo_id for item in labelled)
    count = len(changed)
    sys.stdout.write(
        ngettext("%(count)d photo changed.", "%(count)d photos changed.", count) % {"count": count}
        + "\n"
    )
    return 0


def _search(args: argparse.Namespace) -> int:
    from curator.core.language.languages import normalize_language

    languages = [normalize_language(tag) for tag in args.lang] if args.lang else None
    with ProjectService.open(args.project, read_only=True) as service:
        found = service.queries.search(args.query, languages)
        photos = [photo for photo in service.queries.all_photos() if photo.id in found]
        matches = service.queries.search_matches(args.query, [photo.id for photo in photos])
    by_photo: dict[str, list[dict[str, str]]] = {}
    for match in matches:
        if languages is None or match.language in languages:
            by_photo.setdefault(match.photo_id, []).append(
                {"language": match.language, "field": match.field.value, "text": match.text}
            )
    if args.json:
        print_json(
            [
                {"id": photo.id, "path": str(photo.path), "matches": by_photo.get(photo.id, [])}
                for photo in photos
            ]
        )
        return 0
    for photo in photos:
        first = next(iter(by_photo.get(photo.id, [])), None)
        where = f"{first['language']}/{first['field']}: {_one_line(first['text'])}" if first else ""
        sys.stdout.write(f"{photo.id}  {photo.path.name}  {where}\n")
    sys.stderr.write(
        ngettext("%(count)d photo found.", "%(count)d photos found.", len(photos))
        % {"count": len(photos)}
        + "\n"
    )
    return 0


def _one_line(text: str, limit: int = 80) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
