"""``curator backup list|restore|take``: the snapshots kept beside a project.

``list`` reads only the backup folder, so it works while the window has the project open
(and when the project file itself is gone). ``restore`` needs the project's write lock and
refuses while another Curator holds it; it snapshots the current state first. ``take``
snapshots by hand. The commands that replace or delete something take ``--no-backup``
(see :func:`add_no_backup`) to go on when no snapshot can be written.

A server project (``postgresql://…``) has no folder beside it: ``take`` and ``list`` use
``--backups DIR`` or Curator's folder for that address under the person's data directory
(:mod:`curator.server.copy_backup`); its snapshots are project files, put back with
``curator copy``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from curator.cli.output import print_json
from curator.core.errors import ProjectMissingError, UsageError
from curator.core.services import ProjectService
from curator.core.storage.address import ServerAddress, is_server_address, parse_address
from curator.core.storage.backups import (
    Snapshot,
    SnapshotReason,
    backup_folder,
    list_snapshots,
    reason_label,
    snapshots_in,
    take_snapshot,
)
from curator.core.storage.restore import restore_snapshot
from curator.i18n import _, ngettext, number_text

AddCommon = Callable[[argparse.ArgumentParser], None]


def add_no_backup(parser: argparse.ArgumentParser) -> None:
    """The flag of a command that takes a snapshot before it replaces or deletes."""
    parser.add_argument(
        "--no-backup",
        action="store_true",
        help=_("go on without first saving a backup of the project (when one cannot be written)"),
    )


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    """Declare the backup command and its sub-commands."""
    backup = commands.add_parser(
        "backup",
        help=_("list, restore or take snapshots of a project"),
        description=_(
            "Curator keeps snapshots of a project in a folder beside it (NAME.curator-backups): "
            "before every change that replaces or deletes work, and every few minutes while "
            "the window is open, within a size budget (oldest removed first)."
        ),
    )
    actions = backup.add_subparsers(dest="backup_command", metavar=_("ACTION"), required=True)
    listing = actions.add_parser(
        "list",
        help=_("list the snapshots of a project, oldest first"),
        description=_("List a project's snapshots with when and why each was taken."),
    )
    listing.add_argument(
        "project", metavar="PROJECT", help=_("a project file or a server address postgresql://…")
    )
    _add_backups_flag(listing)
    listing.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(listing)
    restore = actions.add_parser(
        "restore",
        help=_("put a snapshot back in place of the project"),
        description=_(
            "Replace the project with one of its snapshots. The project must not be open in "
            "Curator; its current state is saved as a snapshot first, so a restore can be "
            "undone by restoring that one."
        ),
    )
    restore.add_argument("project", metavar="PROJECT", help=_("a project file"))
    restore.add_argument(
        "snapshot", metavar="SNAPSHOT", help=_("the snapshot's name, as backup list shows it")
    )
    add_no_backup(restore)
    add_common(restore)
    take = actions.add_parser(
        "take",
        help=_("take a snapshot of a project now"),
        description=_("Save a snapshot of the project now, beside the automatic ones."),
    )
    take.add_argument(
        "project", metavar="PROJECT", help=_("a project file or a server address postgresql://…")
    )
    _add_backups_flag(take)
    add_common(take)


def _add_backups_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--backups",
        metavar="DIR",
        type=Path,
        help=_(
            "for a server project: the folder of its snapshots (default: Curator's folder for"
            " that address under your data directory)"
        ),
    )


def _folder(args: argparse.Namespace) -> tuple[Path, ServerAddress | None]:
    """The snapshots folder, and the server address when the project is on a server."""
    if is_server_address(args.project):
        from curator.server.copy_backup import server_backup_folder  # psycopg: only when needed

        address = parse_address(args.project)
        assert isinstance(address, ServerAddress)
        return args.backups or server_backup_folder(address), address
    project = Path(args.project).expanduser().absolute()
    if args.backups is not None:
        raise UsageError(
            _(
                "A project file keeps its backups beside it (%(folder)s); --backups is for a"
                " project on a server."
            )
            % {"folder": backup_folder(project)}
        )
    return backup_folder(project), None


def run(args: argparse.Namespace) -> int | None:
    """Run a backup command; None when ``args`` names another command."""
    if args.command != "backup":
        return None
    handlers = {"list": _list, "restore": _restore, "take": _take}
    return handlers[args.backup_command](args)


def _size(size: int) -> str:
    return _("%(size)s MB") % {"size": number_text(size / 1024 / 1024, 1)}


def _when(snapshot: Snapshot) -> str:
    return snapshot.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _list(args: argparse.Namespace) -> int:
    folder, server = _folder(args)
    if server is not None:
        snapshots = snapshots_in(folder)
    else:
        project = Path(args.project).expanduser().absolute()
        if not project.exists() and not folder.is_dir():
            raise ProjectMissingError(
                _("There is no project at %(path)s.") % {"path": project}, path=project
            )
        snapshots = list_snapshots(project)
    if args.json:
        print_json([snapshot.to_json() for snapshot in snapshots])
        return 0
    for snapshot in snapshots:
        reason = reason_label(snapshot.reason)
        if snapshot.detail:
            reason += f" ({snapshot.detail})"
        sys.stdout.write(
            f"{_when(snapshot)}  {_size(snapshot.size):>9}  {snapshot.name}  {reason}\n"
        )
    total = sum(snapshot.size for snapshot in snapshots)
    sys.stdout.write(
        ngettext(
            "%(count)d snapshot in %(folder)s, %(size)s.",
            "%(count)d snapshots in %(folder)s, %(size)s.",
            len(snapshots),
        )
        % {"count": len(snapshots), "folder": folder, "size": _size(total)}
        + "\n"
    )
    return 0


def _restore(args: argparse.Namespace) -> int:
    if is_server_address(args.project):
        raise UsageError(
            _(
                "A server project's snapshot is a project file: open it, or put it into a new"
                " project with curator copy SNAPSHOT_FILE NEW_PROJECT (a file or a server"
                " address)."
            )
        )
    report = restore_snapshot(Path(args.project), args.snapshot, backup=not args.no_backup)
    sys.stdout.write(
        _("Restored %(project)s from the snapshot of %(when)s.")
        % {"project": args.project, "when": _when(report.restored)}
        + "\n"
    )
    if report.before is not None:
        sys.stdout.write(
            _("The state before was saved as %(name)s.") % {"name": report.before.name} + "\n"
        )
    return 0


def _take(args: argparse.Namespace) -> int:
    folder, server = _folder(args)
    if server is not None:
        from curator.server.copy_backup import take_server_snapshot

        snapshot = take_server_snapshot(server, folder)
    else:
        with ProjectService.open(Path(args.project)) as service:
            snapshot = take_snapshot(service.store, SnapshotReason.MANUAL)
    sys.stdout.write(
        _("Saved %(name)s (%(size)s).") % {"name": snapshot.path, "size": _size(snapshot.size)}
        + "\n"
    )
    return 0
