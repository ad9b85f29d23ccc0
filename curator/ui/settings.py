"""A person's preferences, typed, over ``QSettings``: every option declared once.

Interface language, window layout, recent projects, where new projects go and which
languages they start with. Nothing that shapes output lives here; that is project data
(:mod:`curator.core.settings.project_settings`), so the CLI, which never reads these, prints the
same.

Each option is a descriptor on :class:`Preferences` with its key, type and default; a value
of the wrong type in the file (edited by hand, or written by another version) reads as the
default rather than failing.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10
T = TypeVar("T")


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _text_list(value: object) -> list[str] | None:
    if isinstance(value, str):  # QSettings gives a one-item list back as a string
        return [value] if value else []
    if isinstance(value, list | tuple):
        return [str(item) for item in value if item]
    return None


def _text_map(value: object) -> dict[str, str] | None:
    if isinstance(value, dict):
        return {str(key): str(item) for key, item in value.items() if isinstance(item, str)}
    return None


def _bytes(value: object) -> QByteArray | None:
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def _path(value: object) -> Path | None:
    return Path(value) if isinstance(value, str) and value else None


class Option(Generic[T]):
    """One preference: its ``QSettings`` key, its default and how a stored value is read."""

    def __init__(
        self,
        key: str,
        default: T,
        decode: Callable[[object], T | None],
        encode: Callable[[T], object] = lambda value: value,
    ) -> None:
        self.key = key
        self.default = default
        self._decode = decode
        self._encode = encode
        self.name = key

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type) -> Option[T]: ...
    @overload
    def __get__(self, instance: Preferences, owner: type) -> T: ...
    def __get__(self, instance: Preferences | None, owner: type) -> Option[T] | T:
        if instance is None:
            return self
        value = None
        if instance.settings.contains(self.key):
            value = self._decode(instance.settings.value(self.key))
        return copy.copy(self.default) if value is None else value

    def __set__(self, instance: Preferences, value: T) -> None:
        if value is None or value == self.default:
            instance.settings.remove(self.key)
        else:
            instance.settings.setValue(self.key, self._encode(value))


class Preferences:
    """Every preference of one person, declared once with its type and default."""

    #: The chosen interface language ("" follows the system).
    language = Option[str]("ui/language", "", _text)
    #: Recently opened projects, most recent first.
    recent = Option[list[str]]("projects/recent", [], _text_list)
    #: Recently opened server addresses, most recent first (an address never holds a
    #: password: Curator refuses one that does).
    recent_servers = Option[list[str]]("servers/recent", [], _text_list)
    #: Where the last project was created; new ones go there too (None: the home folder).
    project_folder = Option[Path | None]("projects/folder", None, _path, str)
    #: The languages, in page order, the last new project had; the next one starts with them.
    new_project_languages = Option[list[str]]("projects/languages", ["vi", "ru", "en"], _text_list)
    #: Where each export product (``catalogue``, ``panels``…) was last exported to.
    export_folders = Option[dict[str, str]]("export/folders", {}, _text_map)
    #: The main window's size and place, as ``QMainWindow.saveGeometry`` gives it.
    window_geometry = Option[QByteArray | None]("window/geometry", None, _bytes)
    #: Where the docks and toolbars are, as ``QMainWindow.saveState`` gives it.
    window_state = Option[QByteArray | None]("window/state", None, _bytes)

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings or QSettings("Curator", "Curator")

    @classmethod
    def options(cls) -> dict[str, Option[Any]]:
        """Every declared option by attribute name."""
        return {name: value for name, value in vars(cls).items() if isinstance(value, Option)}

    @property
    def interface_language(self) -> str | None:
        """The chosen interface language, or None to follow the system."""
        return self.language or None

    @interface_language.setter
    def interface_language(self, tag: str | None) -> None:
        self.language = tag or ""

    def recent_projects(self) -> list[Path]:
        """Recently opened projects, most recent first."""
        return [Path(item) for item in self.recent]

    def add_recent_project(self, path: Path) -> None:
        """Put ``path`` at the top of the recent list."""
        paths = [p for p in self.recent_projects() if p != path]
        paths.insert(0, path)
        self.recent = [str(p) for p in paths[:MAX_RECENT]]

    def remove_recent_project(self, path: Path) -> None:
        """Forget a project (e.g. one that is gone)."""
        self.recent = [str(p) for p in self.recent_projects() if p != path]

    def add_recent_server(self, address: str) -> None:
        """Put a server address at the top of the recent servers."""
        addresses = [a for a in self.recent_servers if a != address]
        self.recent_servers = [address, *addresses][:MAX_RECENT]

    def clear_recent_projects(self) -> None:
        """Forget every recent project."""
        self.recent = []

    def sync(self) -> None:
        """Write to disk now."""
        self.settings.sync()
