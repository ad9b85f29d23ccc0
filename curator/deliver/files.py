"""The delivery's target folder: created if needed, cleared of Curator's own leftovers.

Every copy is written by the one atomic writer (:mod:`curator.core.storage.atomic_write`): a
temporary name in the folder, flushed to disk, checked against the files the project
protects, then renamed. Whatever stops the write - a full disk, a read-only folder,
Ctrl-C - removes the temporary file, so no half-written copy is ever left under a
delivered name; what a killed delivery left is removed by the next one.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from curator.core.storage.atomic_write import OutputError, output_error, sweep_leftovers
from curator.i18n import _

#: What deliveries before the one writer named their temporary files (``.NAME.partial-XXXX``).
PARTIAL_MARK = ".partial-"
#: Exactly those names (``tempfile`` added eight letters, digits or ``_``): a person's own
#: ``.notes.partial-draft`` in the folder is not Curator's and stays.
_OLD_PARTIAL = re.compile(r"^\..+" + re.escape(PARTIAL_MARK) + r"[a-z0-9_]{8}$", re.DOTALL)

#: The target folder cannot take the delivery (read-only, full, missing): stop (exit 3).
TargetError = OutputError


def prepare_folder(folder: Path) -> Path:
    """Create the target folder if needed, remove leftovers of an interrupted delivery.

    Raises:
        TargetError: the folder cannot be created, or is a file.
    """
    folder = folder.expanduser().absolute()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as error:
        raise TargetError(
            _("%(folder)s is a file, not a folder.") % {"folder": folder}, path=folder
        ) from error
    except OSError as error:
        raise output_error(folder / ".", error) from error
    sweep_leftovers(folder)
    for leftover in folder.glob(f".*{PARTIAL_MARK}*"):
        if _OLD_PARTIAL.match(leftover.name) and not leftover.is_dir():
            with contextlib.suppress(OSError):
                leftover.unlink()
    return folder
