"""``curator install-desktop``: Curator in the desktop's menu, its icon, and ``.curator`` files.

Writes, for the current user (under ``$XDG_DATA_HOME``, by default ``~/.local/share``):

- ``applications/curator.desktop``: a freedesktop desktop entry whose ``Exec`` is the
  ``curator`` this command belongs to (so a virtual environment's Curator starts with its
  own libraries), opening a project file it is given;
- ``icons/hicolor/scalable/apps/curator.svg`` and the same icon for project files;
- ``mime/packages/curator.xml``: the ``application/x-curator-project`` type for
  ``*.curator`` files, so file managers open them with Curator.

Then it refreshes the desktop and MIME databases when their tools are installed.
The entry's localised keys (``GenericName[vi]``...) are written here, not taken from the
interface catalogues: the desktop reads them from the file, in its own language.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from curator.core.language.library_messages import reason as library_reason
from curator.core.storage.atomic_write import OutputError, write_atomically
from curator.core.storage.data_folder import data_home
from curator.core.storage.protected_files import ProtectedFiles
from curator.i18n import _
from curator.resources import resource

AddCommon = Callable[[argparse.ArgumentParser], None]

APP_ID = "curator"
MIME_TYPE = "application/x-curator-project"
_GENERIC_NAMES = {
    "": "Photo Exhibition Editor",
    "vi": "Biên tập triển lãm ảnh",
    "ru": "Редактор фотовыставок",
}
_COMMENTS = {
    "": "Caption, arrange and print multilingual photo exhibitions",
    "vi": "Chú thích, sắp xếp và in triển lãm ảnh đa ngôn ngữ",
    "ru": "Подписи, раскладка и печать многоязычных фотовыставок",
}
_KEYWORDS = {
    "": "photo;exhibition;caption;translation;catalogue;print;",
    "vi": "ảnh;triển lãm;chú thích;dịch;catalogue;in;",
    "ru": "фото;выставка;подпись;перевод;каталог;печать;",
}
_MIME_COMMENTS = {
    "": "Curator exhibition project",
    "vi": "Dự án triển lãm Curator",
    "ru": "Проект выставки Curator",
}
# The characters that make the desktop entry spec ask for a quoted Exec argument.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


@dataclass(frozen=True, slots=True)
class DesktopFiles:
    """What ``install-desktop`` wrote."""

    entry: Path
    icon: Path
    mime_icon: Path
    mime_package: Path


def curator_command() -> list[str]:
    """How to start this Curator: its ``curator`` script, or this Python running it."""
    beside = Path(sys.executable).parent / "curator"
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    found = shutil.which("curator")
    if found:
        return [str(Path(found).absolute())]
    return [sys.executable, "-m", "curator"]


def _exec_argument(argument: str) -> str:
    escaped = argument.replace("%", "%%")
    if not any(char in _RESERVED for char in escaped):
        return escaped
    for char in ("\\", '"', "`", "$"):
        escaped = escaped.replace(char, "\\" + char)
    return f'"{escaped}"'


def _localised(key: str, values: dict[str, str]) -> list[str]:
    return [f"{key}[{lang}]={text}" if lang else f"{key}={text}" for lang, text in values.items()]


def desktop_entry(command: Sequence[str]) -> str:
    """The desktop entry's text for a Curator started by ``command``."""
    exec_line = " ".join(_exec_argument(part) for part in [*command, "open"]) + " %f"
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",
        "Name=Curator",
        "Name[vi]=Curator",
        "Name[ru]=Curator",
        *_localised("GenericName", _GENERIC_NAMES),
        *_localised("Comment", _COMMENTS),
        *_localised("Keywords", _KEYWORDS),
        f"TryExec={command[0]}" if len(command) == 1 else "",
        f"Exec={exec_line}",
        f"Icon={APP_ID}",
        "Terminal=false",
        "Categories=Graphics;Photography;Publishing;Qt;",
        f"MimeType={MIME_TYPE};",
        "StartupNotify=true",
    ]
    return "\n".join(line for line in lines if line) + "\n"


def mime_package() -> str:
    """The shared-mime-info package declaring ``*.curator`` project files."""
    comments = "\n".join(
        f'    <comment xml:lang="{lang}">{text}</comment>'
        if lang
        else f"    <comment>{text}</comment>"
        for lang, text in _MIME_COMMENTS.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">\n'
        f'  <mime-type type="{MIME_TYPE}">\n'
        f"{comments}\n"
        '    <sub-class-of type="application/vnd.sqlite3"/>\n'
        f'    <icon name="{MIME_TYPE.replace("/", "-")}"/>\n'
        '    <glob pattern="*.curator" weight="60"/>\n'
        "  </mime-type>\n"
        "</mime-info>\n"
    )


def _write(path: Path, data: bytes) -> None:
    """Curator's own desktop files: no project is open, so nothing to protect."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # a file where a folder should be, say: cannot be made
        raise OutputError(
            _("Cannot write %(path)s: %(reason)s")
            % {"path": path, "reason": library_reason(error)},
            path=path,
        ) from error
    write_atomically(path, data, guard=ProtectedFiles.nothing())


def _refresh(tool: str, folder: Path) -> None:
    program = shutil.which(tool)
    if program is None:
        return
    result = subprocess.run(
        [program, str(folder)], capture_output=True, text=True, check=False, timeout=120
    )
    if result.returncode != 0:
        sys.stderr.write(
            _("curator: %(tool)s failed: %(output)s")
            % {"tool": tool, "output": (result.stderr or result.stdout).strip()}
            + "\n"
        )


def install_desktop(base: Path, command: Sequence[str] | None = None) -> DesktopFiles:
    """Write the desktop entry, icons and MIME package under ``base`` (a data home).

    Raises:
        OutputError: a file could not be written (the message names it).
    """
    icon_data = resource("icons", "curator.svg").read_bytes()
    icons = base / "icons" / "hicolor" / "scalable"
    files = DesktopFiles(
        entry=base / "applications" / f"{APP_ID}.desktop",
        icon=icons / "apps" / f"{APP_ID}.svg",
        mime_icon=icons / "mimetypes" / f"{MIME_TYPE.replace('/', '-')}.svg",
        mime_package=base / "mime" / "packages" / f"{APP_ID}.xml",
    )
    contents = {
        files.entry: desktop_entry(command or curator_command()).encode(),
        files.icon: icon_data,
        files.mime_icon: icon_data,
        files.mime_package: mime_package().encode(),
    }
    for path, data in contents.items():
        _write(path, data)
    _refresh("update-mime-database", base / "mime")
    _refresh("update-desktop-database", base / "applications")
    return files


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], add_common: AddCommon
) -> None:
    """Declare the install-desktop command."""
    parser = commands.add_parser(
        "install-desktop",
        help=_("add Curator to the desktop's menu for the current user"),
        description=_(
            "Write a desktop entry, Curator's icon and the type of .curator project files "
            "into the current user's data folder ($XDG_DATA_HOME, by default "
            "~/.local/share), so Curator appears among the applications and project files "
            "open with it."
        ),
    )
    add_common(parser)


def run(args: argparse.Namespace) -> int | None:
    """Run install-desktop; None when ``args`` names another command."""
    if args.command != "install-desktop":
        return None
    files = install_desktop(data_home())
    sys.stdout.write(_("Curator is now among your applications:") + "\n")
    for path in (files.entry, files.icon, files.mime_icon, files.mime_package):
        sys.stdout.write(f"  {path}\n")
    return 0
