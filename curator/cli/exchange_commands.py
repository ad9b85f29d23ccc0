"""``curator exchange``: caption files for translators, out and back in two steps.

``export`` writes one target language's captions as PO, XLIFF 1.2/2.0, XLSX or CSV.
``import`` prints the plan (what each entry would do) and changes nothing; with ``--apply``
it writes the new and changed translations in one transaction and keeps each conflict's
translation beside the curator's text. ``conflicts`` lists those kept texts and ``resolve``
takes one in or drops it; the catalogue's own texts travel in every file as ``catalogue:NAME``
units, and their kept translations are listed too (resolved with ``resolve --catalogue``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from curator.cli.backup_commands import add_no_backup
from curator.cli.exchange_plan_output import plan_json, print_plan
from curator.cli.locations import project_location
from curator.cli.output import print_json
from curator.core.errors import (
    BackupError,
    HardLinkedProjectError,
    ProjectLockedError,
    ReadOnlyProjectError,
    UsageError,
)
from curator.core.language.languages import normalize_language
from curator.core.model import FIELD_LABELS
from curator.core.publishing.catalogue_texts import KEY_LABELS, parse_key
from curator.core.services import ProjectService
from curator.core.storage.atomic_write import write_atomically
from curator.core.storage.data_folder import default_memory_path
from curator.core.storage.protected_files import protected_files
from curator.core.translators.caption_exchange import (
    ExchangeDocument,
    ExportScope,
    build_export,
    layout_budgets,
    record_export,
)
from curator.core.translators.exchange_apply import apply_plan
from curator.core.translators.exchange_plan import (
    REFUSED,
    PlanAction,
    plan_import,
)
from curator.exchange.captions import FORMATS, read_caption_file, write_caption_file
from curator.exchange.pretranslate import Pretranslated
from curator.exchange.translator_package import translator_package
from curator.i18n import _, ngettext

AddCommon = Callable[[argparse.ArgumentParser], None]
EXIT_PARTLY = 1


def _add_export(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    parser = commands.add_parser(
        "export",
        help=_("write a caption file for a translator"),
        description=_(
            "Write the captions of one target language as a file for a translator's tool "
            "(Poedit, OmegaT, Trados, a spreadsheet), with the source text, notes and the "
            "length budget of each caption."
        ),
    )
    parser.add_argument(
        "project", metavar="PROJECT", type=project_location, help=_("a project file")
    )
    parser.add_argument("--lang", required=True, metavar="TAG", help=_("the target language"))
    parser.add_argument("--format", required=True, choices=FORMATS, help=_("the file format"))
    parser.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE", help=_("the file to write")
    )
    _add_scope(parser)
    add_common(parser)


def _add_package(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    parser = commands.add_parser(
        "package",
        help=_("write a translator's package: caption file, contact sheet, glossary, note"),
        description=_(
            "Write one zip for a translator: the caption file in the chosen format, a "
            "contact sheet PDF of the photos with their ids and captions, the glossary as "
            "TBX, and a note for the translator in the target language."
        ),
    )
    parser.add_argument(
        "project", metavar="PROJECT", type=project_location, help=_("a project file")
    )
    parser.add_argument("--lang", required=True, metavar="TAG", help=_("the target language"))
    parser.add_argument(
        "--format", default="po", choices=FORMATS, help=_("the caption file's format (default: po)")
    )
    parser.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE.zip", help=_("the zip to write")
    )
    _add_scope(parser)
    add_common(parser)


def _add_scope(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--source-lang",
        metavar="TAG",
        help=_("the language to translate from (default: the project's source language)"),
    )
    parser.add_argument("--section", metavar="ID", help=_("only the photos of this section"))
    parser.add_argument(
        "--only-unfinished",
        action="store_true",
        help=_("only the captions not yet final in the target language"),
    )
    parser.add_argument(
        "--csv-separator",
        choices=[",", ";"],
        default=",",
        help=_("the CSV separator (“;” for Excel in a Russian or German locale)"),
    )
    parser.add_argument(
        "--pretranslate",
        action="store_true",
        help=_(
            "fill empty translations from your translation memory, marked as needing review, "
            "each with a note of the match's origin and percentage"
        ),
    )
    parser.add_argument(
        "--min-match",
        type=int,
        default=75,
        metavar="PERCENT",
        help=_("with --pretranslate: only matches of PERCENT or more (default: 75)"),
    )
    parser.add_argument(
        "--memory",
        type=Path,
        metavar="FILE",
        help=_("the memory file (default: memory.sqlite in Curator's folder of the user's data)"),
    )


def _add_import(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    parser = commands.add_parser(
        "import",
        help=_("read a translator's file back: the plan, then --apply"),
        description=_(
            "Compare a translator's caption file with the project and print what each entry "
            "would do; nothing changes. With --apply, write the new and changed translations "
            "in one step; a caption the curator changed since the export keeps the curator's "
            "text and the translation is kept beside it."
        ),
    )
    parser.add_argument(
        "project", metavar="PROJECT", type=project_location, help=_("a project file")
    )
    parser.add_argument("file", metavar="FILE", type=Path, help=_("the translator's file"))
    parser.add_argument("--apply", action="store_true", help=_("write the plan"))
    add_no_backup(parser)
    parser.add_argument(
        "--lang",
        metavar="TAG",
        help=_("the file's language, when the file does not say (a CSV without its columns)"),
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(parser)


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    """Declare ``exchange export|import|conflicts|resolve``."""
    exchange = commands.add_parser(
        "exchange",
        help=_("caption files for translators"),
        description=_("Caption files for translators: export, import, conflicts."),
    )
    sub = exchange.add_subparsers(dest="exchange_command", metavar="COMMAND", required=True)
    _add_export(sub, add_common)
    _add_import(sub, add_common)
    _add_package(sub, add_common)
    conflicts = sub.add_parser(
        "conflicts",
        help=_("list translations kept beside a curator's text"),
        description=_("List the translations kept beside captions the curator changed."),
    )
    conflicts.add_argument(
        "project", metavar="PROJECT", type=project_location, help=_("a project file")
    )
    conflicts.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(conflicts)
    resolve = sub.add_parser(
        "resolve",
        help=_("take a kept translation, or keep the curator's text"),
        description=_(
            "Resolve a conflict: --take writes the kept translation into the caption, "
            "--keep leaves the caption as it is; either way the kept texts of that caption go."
        ),
    )
    resolve.add_argument(
        "project", metavar="PROJECT", type=project_location, help=_("a project file")
    )
    resolve.add_argument("id", metavar="ID", type=int, help=_("the kept translation's id"))
    choice = resolve.add_mutually_exclusive_group(required=True)
    choice.add_argument("--take", action="store_true", help=_("use the translation"))
    choice.add_argument("--keep", action="store_true", help=_("keep the curator's text"))
    resolve.add_argument(
        "--catalogue",
        action="store_true",
        help=_("ID is a catalogue text's kept translation (“exchange conflicts” lists them)"),
    )
    add_common(resolve)


def _document(service: ProjectService, args: argparse.Namespace) -> ExchangeDocument:
    from curator.export.text_measure import ReportlabMeasure

    target = normalize_language(args.lang)
    budgets = layout_budgets(service, ReportlabMeasure(), target)
    scope = ExportScope(
        target_language=target,
        source_language=args.source_lang,
        section_id=args.section,
        only_unfinished=args.only_unfinished,
    )
    return build_export(service, scope, budgets)


def _pretranslated(
    service: ProjectService, document: ExchangeDocument, args: argparse.Namespace
) -> Pretranslated:
    """The document as the file carries it: pre-translated when asked (counted on stderr)."""
    if not args.pretranslate:
        return Pretranslated(document, 0, ())
    if not 0 <= args.min_match <= 100:
        raise UsageError(_("--min-match is a percentage from 0 to 100."))
    from curator.exchange.pretranslate import pretranslate

    result = pretranslate(service, document, args.memory or default_memory_path(), args.min_match)
    sys.stderr.write(
        ngettext(
            "%(count)d empty translation filled from the memory (needs review).",
            "%(count)d empty translations filled from the memory (need review).",
            result.filled,
        )
        % {"count": result.filled}
        + "\n"
    )
    return result


def _open_for_export(args: argparse.Namespace) -> ProjectService:
    """The project, writable so the export can be recorded; read-only if it must be."""
    try:
        return ProjectService.open(args.project)
    except (ReadOnlyProjectError, ProjectLockedError, HardLinkedProjectError, BackupError) as error:
        service = ProjectService.open(args.project, read_only=True)
        sys.stderr.write(
            _(
                "The export cannot be recorded in the project (%(reason)s); the file's own "
                "records will be used when it comes back."
            )
            % {"reason": str(error).rstrip(".")}
            + "\n"
        )
        return service


def _write_recorded(
    service: ProjectService, document: ExchangeDocument, fmt: str, write: Callable[[], None]
) -> None:
    """Record the export, then write its file; a file that could not be written is forgotten."""
    recorded = record_export(service, document, fmt)
    try:
        write()
    except BaseException:
        if recorded:
            service.operations.records.forget_export(document.header.export_id)
        raise


def _export(args: argparse.Namespace) -> int:
    if args.output.is_dir():
        raise UsageError(_("%(path)s is a folder; name a file.") % {"path": args.output})
    with _open_for_export(args) as service:
        guard = protected_files(service).with_memory(args.memory or default_memory_path())
        guard.check(args.output)
        document = _document(service, args)
        sent = _pretranslated(service, document, args)
        _write_recorded(
            service,
            document,
            args.format,
            lambda: write_caption_file(
                args.output,
                sent.document,
                args.format,
                csv_separator=args.csv_separator,
                guard=guard,
            ),
        )
    count = len(document.units)
    sys.stderr.write(
        ngettext(
            "Wrote %(count)d caption to %(file)s.",
            "Wrote %(count)d captions to %(file)s.",
            count,
        )
        % {"count": count, "file": args.output}
        + "\n"
    )
    _catalogue_note(document)
    return 0


def _catalogue_note(document: ExchangeDocument) -> None:
    """Say on stderr how many of the catalogue's own texts the file carries too."""
    if document.catalogue:
        count = len(document.catalogue)
        sys.stderr.write(
            ngettext(
                "The file also carries %(count)d of the catalogue's own texts.",
                "The file also carries %(count)d of the catalogue's own texts.",
                count,
            )
            % {"count": count}
            + "\n"
        )


def _import(args: argparse.Namespace) -> int:
    incoming = read_caption_file(args.file)
    with ProjectService.open(args.project, read_only=not args.apply) as service:
        plan = plan_import(service, incoming, args.file, target_language=args.lang)
        applied = apply_plan(service, plan, backup=not args.no_backup) if args.apply else None
    if args.json:
        data = plan_json(plan)
        data["applied"] = applied is not None
        print_json(data)
    else:
        print_plan(plan, applied is not None)
        if applied is not None:
            written = ngettext(
                "Applied: %(count)d caption written.",
                "Applied: %(count)d captions written.",
                applied.written,
            ) % {"count": applied.written}
            sys.stdout.write(written + "\n")
            if applied.kept_beside:
                kept = ngettext(
                    "%(count)d translation was kept beside the curator's text "
                    "(see “curator exchange conflicts”).",
                    "%(count)d translations were kept beside the curator's text "
                    "(see “curator exchange conflicts”).",
                    applied.kept_beside,
                ) % {"count": applied.kept_beside}
                sys.stdout.write(kept + "\n")
    if not args.apply:
        return 0
    refused = any(entry.action in REFUSED for entry in plan.entries)
    conflicts = plan.count(PlanAction.CONFLICT)
    return EXIT_PARTLY if refused or conflicts else 0


def _conflicts(args: argparse.Namespace) -> int:
    with ProjectService.open(args.project, read_only=True) as service:
        stored = service.queries.catalogue_texts()
        kept = [
            (text, stored.get(text.key, {}).get(text.language, ""))
            for text in service.queries.kept_catalogue_texts()
        ]
        rows = []
        for alternative in service.queries.alternatives():
            caption = service.queries.caption(
                alternative.photo_id, alternative.language, alternative.field
            )
            rows.append((alternative, caption.text if caption else ""))
    if args.json:
        print_json(
            [
                {
                    "id": alt.id,
                    "photo_id": alt.photo_id,
                    "language": alt.language,
                    "field": alt.field.value,
                    "current": current,
                    "kept": alt.text,
                    "status": alt.status.value,
                    "origin": alt.origin,
                }
                for alt, current in rows
            ]
        )
        return 0
    for alt, current in rows:
        sys.stdout.write(
            _("%(id)d: %(photo)s %(language)s %(field)s (from %(origin)s)")
            % {
                "id": alt.id,
                "photo": alt.photo_id,
                "language": alt.language,
                "field": _(FIELD_LABELS[alt.field]),
                "origin": alt.origin,
            }
            + "\n"
        )
        sys.stdout.write(_("  curator:    %(text)s") % {"text": current} + "\n")
        sys.stdout.write(_("  translator: %(text)s") % {"text": alt.text} + "\n")
    for text, current in kept:
        sys.stdout.write(
            _("catalogue %(id)d: %(text)s %(language)s (from %(origin)s)")
            % {
                "id": text.id,
                "text": _(KEY_LABELS[parse_key(text.key)]),
                "language": text.language,
                "origin": text.origin,
            }
            + "\n"
        )
        sys.stdout.write(_("  curator:    %(text)s") % {"text": current} + "\n")
        sys.stdout.write(_("  translator: %(text)s") % {"text": text.text} + "\n")
    if kept:
        sys.stdout.write(
            _("Resolve a catalogue text with “curator exchange resolve PROJECT ID --catalogue”.")
            + "\n"
        )
    if not rows and not kept:
        sys.stdout.write(_("No conflicts wait for a choice.") + "\n")
    return 0


def _package(args: argparse.Namespace) -> int:
    if args.output.is_dir():
        raise UsageError(_("%(path)s is a folder; name a file.") % {"path": args.output})
    with _open_for_export(args) as service:
        guard = protected_files(service).with_memory(args.memory or default_memory_path())
        guard.check(args.output)
        document = _document(service, args)
        sent = _pretranslated(service, document, args)
        memory_tmx = None
        if args.pretranslate:
            from curator.exchange.tmx import tmx_bytes

            source = document.header.source_language
            memory_tmx = tmx_bytes(sent.memory, source_language=source)
        data = translator_package(
            service, sent.document, args.format, args.csv_separator, memory_tmx=memory_tmx
        )
        _write_recorded(
            service, document, args.format, lambda: write_atomically(args.output, data, guard=guard)
        )
    sys.stderr.write(
        ngettext(
            "Wrote a package of %(count)d caption to %(file)s.",
            "Wrote a package of %(count)d captions to %(file)s.",
            len(document.units),
        )
        % {"count": len(document.units), "file": args.output}
        + "\n"
    )
    _catalogue_note(document)
    return 0


def run(args: argparse.Namespace) -> int | None:
    """Run an exchange command; None when ``args`` names another command."""
    if args.command != "exchange":
        return None
    if args.exchange_command == "export":
        return _export(args)
    if args.exchange_command == "import":
        return _import(args)
    if args.exchange_command == "package":
        return _package(args)
    if args.exchange_command == "conflicts":
        return _conflicts(args)
    with ProjectService.open(args.project) as service:
        if args.catalogue:
            service.operations.exchange.resolve_kept(args.id, take=args.take)
        else:
            service.operations.exchange.resolve(args.id, take=args.take)
    return 0
