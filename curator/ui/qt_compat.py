"""A workaround for a defect in the pinned PySide6 on Python 3.11.

PySide6 6.12's wheels return ``None``, ``True`` and ``False`` from many calls without owning
a reference to them (every ``setText()``, every ``signal.emit()``...). Since Python 3.12
those objects are immortal and the defect is harmless; on Python 3.11 each such call drops
a reference Python never had, and after some tens of thousands of calls - a few minutes of
scrolling a large library - the process dies with "Fatal Python error: none_dealloc" (or
``bool_dealloc``). Until PySide6 is fixed, Curator gives these singletons the immortality
3.12 gives them: their reference counts are raised far beyond what any session can drop.
They are never freed in any case, so nothing else changes.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 48  # a million calls a second for nine years


def make_singletons_immortal() -> None:
    """Raise the reference counts of None, True and False out of reach (Python < 3.12 only)."""
    if sys.version_info >= (3, 12):
        return
    for singleton in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        if refcount.value < _HEADROOM:
            refcount.value += _HEADROOM
