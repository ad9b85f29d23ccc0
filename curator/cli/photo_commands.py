"""Photo commands: import, relink, reread, photos, problems and photo relink."""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from curator.cli.backup_commands import add_no_backup
from curator.cli.locations import project_location
from curator.cli.output import photos_json, print_json
from curator.cli.progress import ProgressPrinter
from curator.cli.shortlist_commands import describe_marks
from curator.cli.terminal import shown
from curator.core.library.photo_filter import FlagFilter, PhotoFilter, matching_photo_ids
from curator.core.operations.rules import no_photo
from curator.core.services import ProjectService
from curator.i18n import _

EXIT_PARTIAL = 1

AddCommon = Callable[[argparse.ArgumentParser], None]


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    """Declare the photo commands."""
    imp = commands.add_parser(
        "import",
        help=_("import photos (files or folders)"),
        description=_(
            "Import JPEG, TIFF and PNG photos with their metadata into a project. Folders are "
            "searched recursively. A file already in the project (same content) is not added "
            "twice; a moved one is found again. Originals are never modified."
        ),
    )
    imp.add_argument("project", metavar="PROJECT", type=project_location, help=_("a project file"))
    imp.add_argument("paths", metavar="PATH", type=Path, nargs="+", help=_("files or folders"))
    imp.add_argument(
        "--caption-language",
        metavar="TAG",
        help=_(
            "language of captions whose file does not say (default: the project's source language)"
        ),
    )
    imp.add_argument("--no-recurse", action="store_true", help=_("do not look into sub-folders"))
    add_common(imp)

    rel = commands.add_parser(
        "relink",
        help=_("find moved originals again"),
        description=_("Look in folders for the originals of missing photos, by content."),
    )
    rel.add_argument("project", metavar="PROJECT", type=project_location, help=_("a project file"))
    rel.add_argument("folders", metavar="FOLDER", type=Path, nargs="+", help=_("folders to search"))
    add_no_backup(rel)
    add_common(rel)

    reread = commands.add_parser(
        "reread",
        help=_("read the originals' metadata again"),
        description=_(
            "Read again what the originals' metadata says (camera, lens, exposure, GPS, "
            "location, keywords, byline, copyright, job id), for photos imported before "
            "Curator kept it all. Ratings, labels and captions stay as they are; an original "
            "that is missing or no longer the imported file is left as it was."
        ),
    )
    reread.add_argument(
        "project", metavar="PROJECT", type=project_location, help=_("a project file")
    )
    reread.add_argument(
        "photo_ids", metavar="PHOTO_ID", nargs="*", help=_("only these photos (default: all)")
    )
    add_common(reread)

    photos = commands.add_parser(
        "photos",
        help=_("list a project's photos"),
        description=_("List the photos of a project with what is known of them."),
    )
    photos.add_argument(
        "project", metavar="PROJECT", type=project_location, help=_("a project file")
    )
    photos.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    photos.add_argument(
        "--section", metavar="ID", help=_("only the photos of this section, in visit order")
    )
    photos.add_argument(
        "--rating",
        metavar="N",
        type=int,
        choices=range(6),
        help=_("only the photos rated N stars or more (0-5)"),
    )
    photos.add_argument(
        "--flag",
        choices=[flag.value for flag in FlagFilter if flag != FlagFilter.ANY],
        help=_("only the picked, rejected, unflagged or not rejected photos"),
    )
    photos.add_argument(
        "--search",
        metavar="TEXT",
        help=_("only the photos with these words in a caption (case and accents ignored)"),
    )
    add_common(photos)

    problems = commands.add_parser(
        "problems",
        help=_("list files that could not be imported"),
        description=_("List the files that could not be imported, with the reason."),
    )
    problems.add_argument(
        "project", metavar="PROJECT", type=project_location, help=_("a project file")
    )
    problems.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(problems)

    photo = commands.add_parser(
        "photo",
        help=_("act on one photo"),
        description=_("Act on one photo of a project."),
    )
    photo_commands = photo.add_subparsers(dest="photo_command", metavar="COMMAND", required=True)
    one = photo_commands.add_parser(
        "relink",
        help=_("give one photo another file as its original"),
        description=_(
            "Point one photo at FILE as its original (a whole copy of an original that is "
            "missing, truncated or damaged). FILE must decode; a file whose content differs "
            "from the original is used only with --accept-different."
        ),
    )
    one.add_argument("project", metavar="PROJECT", type=project_location, help=_("a project file"))
    one.add_argument("photo_id", metavar="PHOTO_ID", help=_("the photo's id"))
    one.add_argument("file", metavar="FILE", type=Path, help=_("the file to use"))
    one.add_argument(
        "--accept-different",
        action="store_true",
        help=_("use FILE even when its content differs from the original's"),
    )
    add_no_backup(one)
    one.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(one)


def run(args: argparse.Namespace) -> int | None:
    """Run a photo command; None when ``args`` names another command."""
    handlers = {
        "import": _import,
        "relink": _relink,
        "reread": _reread,
        "photos": _photos,
        "problems": _problems,
        "photo": _photo,
    }
    handler = handlers.get(args.command)
    return None if handler is None else handler(args)


def _import(args: argparse.Namespace) -> int:
    from curator.ingest.importer import ImportOptions, import_paths

    options = ImportOptions(recursive=not args.no_recurse, caption_language=args.caption_language)
    printer = ProgressPrinter(_("Importing"))
    cancel = threading.Event()
    with ProjectService.open(args.project) as service:
        try:
            report = import_paths(service, args.paths, options, printer, cancel)
        finally:
            printer.finish()
    for path, problem in report.refused:
        sys.stderr.write(shown(f"{path}: {problem.message}") + "\n")
    for note in report.notes():
        sys.stdout.write(shown(note) + "\n")
    sys.stdout.write(report.summary() + "\n")
    return 0 if not report.refused else EXIT_PARTIAL


def _relink(args: argparse.Namespace) -> int:
    from curator.ingest.relink import relink

    printer = ProgressPrinter(_("Checking"))
    with ProjectService.open(args.project) as service:
        try:
            report = relink(service, args.folders, printer, backup=not args.no_backup)
        finally:
            printer.finish()
    for photo_id, path in report.relinked:
        sys.stdout.write(f"{photo_id}\t{shown(path)}\n")
    sys.stdout.write(
        _("%(found)d found again, %(missing)d still missing")
        % {"found": len(report.relinked), "missing": len(report.still_missing)}
        + "\n"
    )
    return 0


def _reread(args: argparse.Namespace) -> int:
    from curator.ingest.reread import reread_metadata

    printer = ProgressPrinter(_("Reading"))
    with ProjectService.open(args.project) as service:
        for photo_id in args.photo_ids:
            try:
                service.queries.photo(photo_id)
            except KeyError:
                raise no_photo(photo_id) from None
        try:
            report = reread_metadata(service, args.photo_ids or None, printer)
        finally:
            printer.finish()
    for photo_id in report.missing:
        sys.stderr.write(_("%(id)s: the original is missing") % {"id": photo_id} + "\n")
    for photo_id in report.changed_file:
        sys.stderr.write(
            _("%(id)s: the original is no longer the imported file") % {"id": photo_id} + "\n"
        )
    for photo_id, reason in report.unreadable:
        sys.stderr.write(shown(f"{photo_id}: {reason}") + "\n")
    for photo_id, names in report.unmatched_shown:
        note = _(
            "%(file)s: shown in the file but not in the glossary (kept in the original and "
            "in delivered copies, not recorded): %(names)s"
        ) % {"file": photo_id, "names": ", ".join(names)}
        sys.stdout.write(shown(note) + "\n")
    sys.stdout.write(report.summary() + "\n")
    skipped = report.missing or report.changed_file or report.unreadable
    return EXIT_PARTIAL if skipped else 0


def _photos(args: argparse.Namespace) -> int:
    photo_filter = PhotoFilter(
        min_rating=args.rating or 0,
        flag=FlagFilter(args.flag) if args.flag else FlagFilter.ANY,
        text=args.search or "",
    )
    with ProjectService.open(args.project, read_only=True) as service:
        only = None if photo_filter.is_empty() else matching_photo_ids(service, photo_filter)
        rows = photos_json(service, args.section, only)
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        marks = describe_marks(row["rating"], row["flag"])
        missing = "  " + _("(missing)") if row["missing"] else ""
        sys.stdout.write(
            f"{row['id']}  {row['width']}×{row['height']}  {shown(row['path'])}"
            f"{'  ' + marks if marks else ''}{missing}\n"
        )
    return 0


def _problems(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project, read_only=True) as service:
        # A refused file that is gone (moved, deleted) is no longer a problem to act on.
        problems = [item for item in service.queries.file_problems() if item.path.exists()]
    if args.json:
        print_json(
            [
                {
                    "path": str(item.path),
                    "code": item.problem.code,
                    "message": item.problem.message,
                    "seen_at": item.seen_at,
                }
                for item in problems
            ]
        )
        return 0
    for item in problems:
        sys.stdout.write(shown(f"{item.path}: {item.problem.message}") + "\n")
    return 0


def _photo(args: argparse.Namespace) -> int:
    from curator.export.originals import decode_error
    from curator.ingest.relink import examine_replacement, store_replacement

    replacement = examine_replacement(args.file, decode_error)
    with ProjectService.open(args.project) as service:
        done = store_replacement(
            service,
            args.photo_id,
            replacement,
            accept_different=args.accept_different,
            backup=not args.no_backup,
        )
    if args.json:
        print_json(
            {
                "photo_id": done.photo_id,
                "path": str(done.path),
                "previous": str(done.previous),
                "same_content": done.same_content,
            }
        )
        return 0
    message = (
        _("%(id)s now uses %(file)s (the same content as before).")
        if done.same_content
        else _("%(id)s now uses %(file)s instead of %(previous)s (other content).")
    )
    sys.stdout.write(
        shown(message % {"id": done.photo_id, "file": done.path, "previous": done.previous}) + "\n"
    )
    return 0
