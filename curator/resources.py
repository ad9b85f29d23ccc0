"""Where Curator's bundled files live: fonts, demo exhibition, interface catalogues.

In a checkout they sit at the top of the repository (``resources/``, ``translations/``);
in an installed wheel they are package data under ``curator/_data/``. Every other module
reaches them through this one, never through paths of its own.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def _data_root() -> Path:
    installed = _PACKAGE_DIR / "_data"
    if (installed / "resources").is_dir():
        return installed
    return _PACKAGE_DIR.parent


def is_installed() -> bool:
    """Whether the bundled files come from an installed wheel (not a checkout)."""
    return _data_root().name == "_data"


def resources_dir() -> Path:
    """The folder of bundled resources (fonts, demo, icons)."""
    return _data_root() / "resources"


def translations_dir() -> Path:
    """The folder of the interface's gettext catalogues (``curator.pot``, ``vi.po``...)."""
    return _data_root() / "translations"


def resource(*parts: str) -> Path:
    """Path of one bundled resource, e.g. ``resource("fonts", "NotoSans-Regular.ttf")``."""
    return resources_dir().joinpath(*parts)
