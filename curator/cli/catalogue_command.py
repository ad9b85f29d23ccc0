"""``curator catalogue texts``: the catalogue's own texts and images, headless (CLI.md)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from curator.cli.locations import project_location
from curator.cli.output import print_json
from curator.core.errors import UsageError
from curator.core.language.library_messages import reason as library_reason
from curator.core.publishing.catalogue_texts import (
    KEY_LABELS,
    MAX_FOREWORD_CHARS,
    NEUTRAL_KEYS,
    AssetRole,
    TextKey,
    read_texts,
    texts_json,
)
from curator.core.services import ProjectService
from curator.core.storage.regular_files import open_regular
from curator.i18n import _

AddCommon = Callable[[argparse.ArgumentParser], None]


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    """Declare ``catalogue`` and its sub-command ``texts``."""
    catalogue = commands.add_parser(
        "catalogue",
        help=_("the catalogue's own texts: title, foreword, organisers, imprint"),
        description=_("The texts and images the printed catalogue carries of its own."),
    )
    add_common(catalogue)
    actions = catalogue.add_subparsers(dest="catalogue_command", metavar=_("ACTION"), required=True)
    texts = actions.add_parser(
        "texts",
        help=_("show or set the catalogue's texts"),
        description=_(
            "Show the catalogue's texts in every language, or set them: --set KEY LANG TEXT "
            "(KEY one of %(keys)s; an empty TEXT removes it; the ISBN is one for every "
            "language, its check digit is checked). Organisers are one per line. Logos and "
            "the signature are SVG, PDF or PNG files kept in the project."
        )
        % {"keys": ", ".join(key.value for key in TextKey)},
    )
    texts.add_argument(
        "project", metavar="PROJECT", type=project_location, help=_("a project file")
    )
    texts.add_argument(
        "--set", nargs=3, action="append", default=[], metavar=("KEY", "LANG", "TEXT"),
        help=_("set one text in one language (repeat; all are one edit)"),
    )  # fmt: skip
    texts.add_argument(
        "--set-file", nargs=3, action="append", default=[], metavar=("KEY", "LANG", "FILE"),
        help=_("set one text from a UTF-8 text file (a foreword, say)"),
    )  # fmt: skip
    texts.add_argument(
        "--add-logo", action="append", default=[], metavar="FILE", type=Path,
        help=_("add an organiser's logo (SVG, PDF or PNG), after the others"),
    )  # fmt: skip
    texts.add_argument(
        "--signature", metavar="FILE", type=Path,
        help=_("the signatory's signature (SVG, PDF or PNG), printed under the foreword"),
    )  # fmt: skip
    texts.add_argument(
        "--remove-image", action="append", default=[], metavar="ID", type=int,
        help=_("remove a logo or the signature by its id (see --json)"),
    )  # fmt: skip
    texts.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_common(texts)


def _read_file(path: Path, limit: int) -> bytes:
    try:
        with open_regular(path.expanduser()) as handle:  # a FIFO never blocks
            data = handle.read(limit + 1)
    except OSError as error:
        raise UsageError(
            _("Cannot read %(file)s: %(reason)s") % {"file": path, "reason": library_reason(error)},
            path=path,
        ) from error
    if len(data) > limit:
        raise UsageError(
            _("%(file)s is larger than %(size)d kB.") % {"file": path, "size": limit // 1024},
            path=path,
        )
    return data


def _text_file(path: Path) -> str:
    data = _read_file(path, MAX_FOREWORD_CHARS * 4)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UsageError(
            _("%(file)s is not UTF-8 text (byte %(offset)d).")
            % {"file": path, "offset": error.start},
            path=path,
        ) from error


def _image(path: Path) -> tuple[str, bytes]:
    from curator.core.publishing.catalogue_texts import MAX_ASSET_BYTES
    from curator.export.assets import verify_image

    data = _read_file(path, MAX_ASSET_BYTES)
    verify_image(path.name, data)
    return path.name, data


def _print(service: ProjectService) -> None:
    texts = read_texts(service)
    languages = service.queries.languages()
    for key in TextKey:
        label = _(KEY_LABELS[key])
        tags = [""] if key in NEUTRAL_KEYS else languages
        for tag in tags:
            value = texts.get(key, tag)
            shown = value.replace("\n", " / ") if value else _("(not set)")
            prefix = f"{key.value} {tag}" if tag else key.value
            sys.stdout.write(f"{prefix:<20} {shown}    [{label}]\n")
    for asset in texts.assets():
        role = _("logo") if asset.role == AssetRole.LOGO.value else _("signature")
        sys.stdout.write(f"{asset.id:>4} {role}: {asset.name} ({asset.media_type})\n")


def run(args: argparse.Namespace) -> int | None:
    """Run a catalogue command; None when ``args`` names another command."""
    if args.command != "catalogue":
        return None
    values = [(key, lang, text) for key, lang, text in args.set]
    values += [(key, lang, _text_file(Path(file))) for key, lang, file in args.set_file]
    logos = [_image(path) for path in args.add_logo]
    signature = _image(args.signature) if args.signature else None
    changes = bool(values or logos or signature or args.remove_image)
    with ProjectService.open(args.project, read_only=not changes) as service:
        if changes:
            images = [(AssetRole.LOGO, name, data) for name, data in logos]
            if signature is not None:
                images.append((AssetRole.SIGNATURE, *signature))
            service.operations.catalogue.change(values, args.remove_image, images)
        if args.json:
            print_json(texts_json(read_texts(service), service.queries.languages()))
        elif not changes:
            _print(service)
    return 0
