"""Progress of long jobs on stderr: count, rate and time left.

On a terminal one line is rewritten in place; otherwise (a log, CI) a line is printed at
most every few seconds. Nothing goes to stdout, which belongs to results and JSON.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from curator.cli.terminal import write_control
from curator.core.progress import Progress
from curator.i18n import _, number_text


class ProgressPrinter:
    """A ``on_progress`` callback that prints to stderr."""

    def __init__(self, label: str, stream: TextIO | None = None, min_seconds: float = 1.0):
        self._label = label
        self._stream = stream or sys.stderr
        self._tty = self._stream.isatty()
        self._started = time.monotonic()
        self._last = 0.0
        self._min_gap = 0.2 if self._tty else max(min_seconds, 2.0)
        self._printed = False

    def __call__(self, progress: Progress) -> None:
        """Print ``progress`` if it is time to."""
        now = time.monotonic()
        elapsed = now - self._started
        final = progress.total and progress.done >= progress.total
        if elapsed < 1.0 and not self._printed:
            return  # jobs under a second print nothing
        if now - self._last < self._min_gap and not final:
            return
        self._last = now
        rate = progress.done / elapsed if elapsed > 0 else 0.0
        left = (progress.total - progress.done) / rate if rate > 0 else 0.0
        text = _("%(label)s %(done)d/%(total)d (%(rate)s/s, %(left)d s left)") % {
            "label": self._label,
            "done": progress.done,
            "total": progress.total,
            "rate": number_text(rate, 1),
            "left": round(left),
        }
        if self._tty:
            write_control(self._stream, "\r\033[K")
            self._stream.write(text)
        else:
            self._stream.write(text + "\n")
        self._stream.flush()
        self._printed = True

    def finish(self) -> None:
        """End the in-place line, if one was drawn."""
        if self._printed and self._tty:
            self._stream.write("\n")
            self._stream.flush()
