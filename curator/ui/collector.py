"""Python's cycle collector kept off the window's thread's paths.

A full collection walks every object the process holds, on whichever thread happened to
allocate: with a 10,000-photo project open that is a few hundred thousand objects, 50–90 ms
on a quiet machine and several hundred under load; a worker's collection holds the
interpreter's lock all that while, so the window's thread waits as well. Measured on the
library's scroll benchmark, these were the longest stretches of opening a large project.

So objects that live as long as the window (modules, widgets) or as the open project (its
photos, library rows, headlines) are moved out of the collector's sight (``gc.freeze``):
once the window is built, and again when a large project has been shown. While a large
project is read on a worker (it allocates its rows by the hundred thousand), automatic
collection is held, and what was read is frozen at once when it is shown. Reference
counting still frees frozen objects that are let go; when a project closes its objects are
handed back to the collector (``gc.unfreeze``) so that any cycles among them are collected.
"""

from __future__ import annotations

import gc


class CollectorHold:
    """Holds automatic collection while a large project is read and shown (one at a time).

    :meth:`hold` is released by :meth:`release` (the project is shown: what was read is
    frozen) or :meth:`drop` (the reading was abandoned: nothing is frozen).
    """

    def __init__(self) -> None:
        self._held = False
        self._was_enabled = True

    @property
    def held(self) -> bool:
        """Whether automatic collection is held now."""
        return self._held

    def hold(self) -> None:
        """Hold automatic collection (no-op when already held)."""
        if self._held:
            return
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._held = True

    def release(self) -> None:
        """Freeze what exists now (the project just shown) and let collection run again."""
        if not self._held:
            return
        gc.freeze()
        self._end()

    def drop(self) -> None:
        """Let collection run again without freezing anything (the reading was abandoned)."""
        if self._held:
            self._end()

    def _end(self) -> None:
        self._held = False
        if self._was_enabled:
            gc.enable()


def settle() -> None:
    """Move every object alive now out of the collector's sight (the window is built)."""
    gc.freeze()


def hand_back() -> None:
    """Hand frozen objects back to the collector (a project closed: cycles among them go)."""
    gc.unfreeze()
