"""A person's preferences, typed, over ``QSettings``.

Interface language, recent projects, window layout. Nothing that shapes output lives here;
that is project data.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10


class Preferences:
    """Every preference declared once, with its type and default."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or QSettings("Curator", "Curator")

    @property
    def interface_language(self) -> str | None:
        """The chosen interface language, or None to follow the system."""
        value = self._settings.value("ui/language", "")
        return str(value) or None

    @interface_language.setter
    def interface_language(self, tag: str | None) -> None:
        self._settings.setValue("ui/language", tag or "")

    def recent_projects(self) -> list[Path]:
        """Recently opened projects, most recent first."""
        value = self._settings.value("projects/recent", [])
        if isinstance(value, str):
            value = [value]
        return [Path(str(item)) for item in (value or []) if item]

    def add_recent_project(self, path: Path) -> None:
        """Put ``path`` at the top of the recent list."""
        paths = [p for p in self.recent_projects() if p != path]
        paths.insert(0, path)
        self._settings.setValue("projects/recent", [str(p) for p in paths[:MAX_RECENT]])

    def remove_recent_project(self, path: Path) -> None:
        """Forget a project (e.g. one that is gone)."""
        paths = [str(p) for p in self.recent_projects() if p != path]
        self._settings.setValue("projects/recent", paths)

    @property
    def window_geometry(self) -> QByteArray | None:
        """Saved main-window geometry."""
        value = self._settings.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._settings.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        """Saved dock and toolbar layout."""
        value = self._settings.value("window/state")
        return value if isinstance(value, QByteArray) else None

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._settings.setValue("window/state", value)

    def sync(self) -> None:
        """Write to disk now."""
        self._settings.sync()
