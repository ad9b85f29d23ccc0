"""Hatch build hook: compile the interface catalogues (``translations/*.po``) into the wheel.

The wheel carries ``curator/_data/translations/LANG.mo`` beside the ``.po`` files, so an
installed Curator loads its translations without compiling them first. ``.mo`` files are
built here, never committed (``curator.i18n`` compiles a ``.po`` in memory when no ``.mo``
as new as it is exists, as in a checkout).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogues(BuildHookInterface):  # type: ignore[misc]
    """Compiles every ``translations/*.po`` to ``.mo`` for the wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile the catalogues into a temporary folder and add them to the wheel."""
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install reads the .po files of the checkout
        source = Path(self.root) / "translations"
        self._temporary = tempfile.TemporaryDirectory(prefix="curator-mo-")
        output = Path(self._temporary.name)
        for po in sorted(source.glob("*.po")):
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=po.stem.replace("-", "_"), domain="curator")
            mo = output / f"{po.stem}.mo"
            with mo.open("wb") as handle:
                write_mo(handle, catalog, use_fuzzy=False)
            build_data["force_include"][str(mo)] = f"curator/_data/translations/{mo.name}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        """Remove the temporary folder once the wheel is written."""
        temporary = getattr(self, "_temporary", None)
        if temporary is not None:
            temporary.cleanup()
