"""The user's data folder, as the XDG Base Directory specification names it."""

from __future__ import annotations

import os
from pathlib import Path


def data_home(environ: os._Environ[str] | dict[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME`` when it is an absolute path, else ``~/.local/share`` (the spec)."""
    value = (os.environ if environ is None else environ).get("XDG_DATA_HOME", "")
    return Path(value) if value and Path(value).is_absolute() else Path.home() / ".local/share"


def default_memory_path() -> Path:
    """The person's translation memory: ``$XDG_DATA_HOME/curator/memory.sqlite``."""
    return data_home() / "curator" / "memory.sqlite"
