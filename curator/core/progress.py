"""The one shape of progress every long job reports, and the cancel token it obeys.

A job takes ``on_progress: ProgressCallback`` and ``cancel: threading.Event``; it calls
``on_progress`` from whatever thread it runs on, so a GUI adapter must hop threads itself.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Progress:
    """``done`` of ``total`` units; ``items`` names what was finished since the last report."""

    done: int
    total: int
    message: str = ""
    items: tuple[str, ...] = field(default_factory=tuple)


ProgressCallback = Callable[[Progress], None]


def no_progress(_progress: Progress) -> None:
    """A callback that ignores progress."""


def never_cancelled() -> threading.Event:
    """A cancel token nobody sets."""
    return threading.Event()


def stop_if_cancelled(cancel: threading.Event | None) -> None:
    """Raise :class:`~curator.core.errors.CancelledError` when ``cancel`` is set.

    Jobs call it between steps; inside a transaction the raise rolls the job's writes back.
    """
    if cancel is not None and cancel.is_set():
        from curator.core.errors import CancelledError
        from curator.i18n import _

        raise CancelledError(_("Stopped; nothing was changed."))
