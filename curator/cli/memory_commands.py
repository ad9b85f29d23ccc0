"""``curator memory add|export|suggest|stats``: the person's translation memory."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from curator.cli.locations import project_location
from curator.cli.output import print_json
from curator.core.errors import UsageError
from curator.core.language.languages import normalize_language, parse_language_list
from curator.core.model import CaptionField
from curator.core.services import ProjectService
from curator.core.storage.address import ServerAddress
from curator.core.storage.protected_files import ProtectedFiles, identity
from curator.decode.files import open_regular
from curator.i18n import _, ngettext
from curator.memory import MemoryStore, Suggestion, default_memory_path

AddCommon = Callable[[argparse.ArgumentParser], None]
_SQLITE_MAGIC = b"SQLite format 3\x00"


def _add_memory_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--memory",
        metavar="FILE",
        type=Path,
        help=_("the memory file (default: memory.sqlite in Curator's folder of the user's data)"),
    )


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    """Declare ``memory`` and its subcommands."""
    memory = commands.add_parser(
        "memory",
        help=_("the translation memory shared between your projects"),
        description=_(
            "Your translation memory: caption texts final in two languages, from your earlier "
            "exhibitions and from translators' TMX files, offered again where a text is alike."
        ),
    )
    actions = memory.add_subparsers(dest="memory_command", metavar=_("ACTION"), required=True)
    add = actions.add_parser(
        "add",
        help=_("add projects' final captions or TMX files to the memory"),
        description=_(
            "Add to the memory every caption field that is final in two languages of each "
            "project, and every unit of each TMX file. Units already there are left as they are."
        ),
    )
    add.add_argument(
        "files",
        metavar="PROJECT_OR_TMX",
        type=project_location,
        nargs="+",
        help=_("projects or TMX files"),
    )
    add.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    _add_memory_flag(add)
    add_common(add)
    export = actions.add_parser(
        "export",
        help=_("write the memory as a TMX file"),
        description=_("Write the memory (or the units between some languages) as TMX 1.4b."),
    )
    export.add_argument("file", metavar="FILE", type=Path, help=_("the TMX file to write"))
    export.add_argument(
        "--languages",
        metavar="TAGS",
        help=_("only units between these languages, comma-separated, e.g. vi,ru"),
    )
    _add_memory_flag(export)
    add_common(export)
    suggest = actions.add_parser(
        "suggest",
        help=_("the memory's best matches for a photo's caption field"),
        description=_(
            "The memory's best matches for the photo's text of FIELD in the project's source "
            "language, translated into --lang, whatever that field's status; best first."
        ),
    )
    suggest.add_argument(
        "project", metavar="PROJECT", type=project_location, help=_("a project file")
    )
    suggest.add_argument("photo", metavar="PHOTO_ID", help=_("a photo id"))
    suggest.add_argument("--lang", required=True, metavar="TAG", help=_("the target language"))
    suggest.add_argument(
        "--field",
        required=True,
        choices=[f.value for f in CaptionField],
        help=_("the caption field"),
    )
    suggest.add_argument(
        "--limit", type=int, default=5, metavar="N", help=_("at most N matches (default: 5)")
    )
    suggest.add_argument(
        "--min-match",
        type=int,
        default=50,
        metavar="PERCENT",
        help=_("leave out matches scoring below PERCENT (default: 50)"),
    )
    suggest.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    _add_memory_flag(suggest)
    add_common(suggest)
    stats = actions.add_parser(
        "stats",
        help=_("what the memory holds"),
        description=_("How many units the memory holds, per language pair and per origin."),
    )
    stats.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    _add_memory_flag(stats)
    add_common(stats)
    add_common(memory)


def run(args: argparse.Namespace) -> int | None:
    """Run a memory command; None when ``args`` names another command."""
    if args.command != "memory":
        return None
    memory: Path = args.memory or default_memory_path()
    handlers = {"add": _add, "export": _export, "suggest": _suggest, "stats": _stats}
    return handlers[args.memory_command](args, memory)


def _is_sqlite(path: Path) -> bool:
    try:  # never blocks: a FIFO or a device is no database (the guard refuses it)
        with open_regular(path) as handle:
            return handle.read(16) == _SQLITE_MAGIC
    except OSError:
        return False


def _add(args: argparse.Namespace, memory: Path) -> int:
    from curator.exchange.tmx import read_tmx
    from curator.memory.projects import project_drafts

    results: list[dict[str, Any]] = []
    with MemoryStore(memory) as store:
        for path in args.files:
            skipped = 0
            # By content, not by name: a project is an SQLite file (or a server address),
            # anything else is TMX.
            if isinstance(path, ServerAddress) or _is_sqlite(path):
                with ProjectService.open(path, read_only=True) as service:
                    added, known = store.add(project_drafts(service))
                kind = "project"
            else:
                read = read_tmx(path)
                added, known = store.add(read.units)
                skipped = read.skipped
                kind = "tmx"
            results.append(
                {
                    "file": path.display() if isinstance(path, ServerAddress) else str(path),
                    "kind": kind,
                    "added": added,
                    "known": known,
                    "skipped": skipped,
                }
            )
    if args.json:
        print_json({"memory": str(memory), "files": results})
        return 0
    for result in results:
        line = ngettext(
            "%(file)s: %(count)d unit added",
            "%(file)s: %(count)d units added",
            result["added"],
        ) % {"file": result["file"], "count": result["added"]}
        line += ", " + ngettext(
            "%(count)d already in the memory",
            "%(count)d already in the memory",
            result["known"],
        ) % {"count": result["known"]}
        if result["skipped"]:
            line += ", " + ngettext(
                "%(count)d segment left out (no language or too long)",
                "%(count)d segments left out (no language or too long)",
                result["skipped"],
            ) % {"count": result["skipped"]}
        sys.stdout.write(line + ".\n")
    return 0


def memory_guard(memory: Path) -> ProtectedFiles:
    """The memory file and its SQLite logs, which no output may replace."""
    files = {}
    for suffix in ("", "-wal", "-shm", "-journal"):
        found = identity(Path(f"{memory}{suffix}"))
        if found is not None:
            files[found] = _("the translation memory")
    return ProtectedFiles(files)


def _export(args: argparse.Namespace, memory: Path) -> int:
    from curator.exchange.tmx import write_tmx

    if args.file.suffix.lower() != ".tmx":
        raise UsageError(
            _("%(file)s: the memory is written as TMX; name the file .tmx.") % {"file": args.file},
            path=args.file,
        )
    guard = memory_guard(memory)
    guard.check(args.file)
    if _is_sqlite(args.file):
        raise UsageError(
            _("%(file)s is a database (a project or a memory); Curator never writes over it.")
            % {"file": args.file},
            path=args.file,
        )
    languages = parse_language_list(args.languages) if args.languages else None
    with MemoryStore(memory, read_only=True) as store:
        source = languages[0] if languages and len(languages) == 2 else "*all*"
        count = write_tmx(args.file, store.units(languages), guard=guard, source_language=source)
    sys.stdout.write(
        ngettext(
            "%(count)d unit written to %(file)s.",
            "%(count)d units written to %(file)s.",
            count,
        )
        % {"count": count, "file": args.file}
        + "\n"
    )
    return 0


def suggestion_json(suggestion: Suggestion) -> dict[str, Any]:
    """One match of ``curator memory suggest --json``."""
    return {
        "score": suggestion.score,
        "source": suggestion.source,
        "text": suggestion.text,
        "origin": suggestion.origin,
        "year": suggestion.year,
        "source_language": suggestion.source_language,
        "target_language": suggestion.target_language,
        "photo_id": suggestion.photo_id or None,
        "field": suggestion.field or None,
        "created_at": suggestion.created_at or None,
        "author": suggestion.author or None,
        "adapted": suggestion.adapted,
    }


def _suggest(args: argparse.Namespace, memory: Path) -> int:
    from curator.memory.projects import suggestions_for

    if not 0 <= args.min_match <= 100:
        raise UsageError(_("--min-match is a percentage from 0 to 100."))
    language = normalize_language(args.lang)
    with ProjectService.open(args.project, read_only=True) as service:
        service.require_photo(args.photo)  # an unknown id is exit 2, named, not a traceback
        found = suggestions_for(
            service,
            memory,
            args.photo,
            language,
            CaptionField(args.field),
            limit=max(1, args.limit),
            min_score=args.min_match,
        )
    if args.json:
        print_json([suggestion_json(s) for s in found])
        return 0
    if not found:
        sys.stdout.write(_("No matches in the memory.") + "\n")
    for suggestion in found:
        origin = suggestion.origin + (f" {suggestion.year}" if suggestion.year else "")
        sys.stdout.write(f"{suggestion.score:3d}%  {suggestion.text}\n      ({origin})\n")
    return 0


def _stats(args: argparse.Namespace, memory: Path) -> int:
    with MemoryStore(memory, read_only=True) as store:
        stats = store.stats()
    if args.json:
        print_json(
            {
                "memory": str(memory),
                "exists": memory.exists(),
                "units": stats.units,
                "pairs": [
                    {"languages": pair.split(" ", 1), "units": count}
                    for pair, count in stats.pairs.items()
                ],
                "origins": [
                    {"origin": origin, "units": count} for origin, count in stats.origins.items()
                ],
            }
        )
        return 0
    sys.stdout.write(
        ngettext("%(memory)s: %(count)d unit.", "%(memory)s: %(count)d units.", stats.units)
        % {"memory": memory, "count": stats.units}
        + "\n"
    )
    for pair, count in stats.pairs.items():
        sys.stdout.write(f"  {pair.replace(' ', ' → ')}: {count}\n")
    for origin, count in stats.origins.items():
        sys.stdout.write(f"  {origin}: {count}\n")
    return 0
