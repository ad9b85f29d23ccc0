"""Filling a tree's rows in slices of a few milliseconds, so the window never waits for it.

A 10,000-photo exhibition has thousands of photo rows under its sections; making them all in
one go held the window's thread for a few hundred milliseconds on opening. The exhibition
panel shows its sections at once and hands their photos to a :class:`TreeFiller`, which makes
the rows of one slice (``budget`` ms of work), adds them to their section in one call, and
yields to the event loop before the next: the window paints, scrolls and answers clicks in
between. :meth:`TreeFiller.finish` makes what is left at once (for a caller that must find
a photo's row now); :meth:`TreeFiller.cancel` drops it (the tree is being made anew).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QTreeWidgetItem

#: How long one slice may run on the window's thread (ms).
SLICE_BUDGET_MS = 4.0
#: Rows made between two looks at the clock.
_ROWS_BETWEEN_CHECKS = 32

#: Makes one row from what the caller gave for it.
RowMaker = Callable[[object], QTreeWidgetItem]


class TreeFiller(QObject):
    """Adds children to tree items a slice at a time (see the module docstring)."""

    #: Every row has been added.
    finished = Signal()

    def __init__(self, budget_ms: float = SLICE_BUDGET_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.budget = budget_ms / 1000.0
        #: Open each parent as its first rows arrive.
        self.expand = True
        self._jobs: list[tuple[QTreeWidgetItem, Sequence[object], int]] = []
        self._make: RowMaker | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._on_timer_timeout)
        #: How many slices the last fill took (for tests and benchmarks).
        self.slices = 0

    def start(
        self, jobs: Sequence[tuple[QTreeWidgetItem, Sequence[object]]], make: RowMaker
    ) -> None:
        """Add ``make(row)`` under each parent for each of its rows, in order, in slices.

        A fill under way is dropped first.
        """
        self.cancel()
        self._jobs = [(parent, rows, 0) for parent, rows in jobs if rows]
        self._make = make
        self.slices = 0
        if self._jobs:
            self._timer.start()
        else:
            self.finished.emit()

    @property
    def busy(self) -> bool:
        """Whether rows are still to be added."""
        return bool(self._jobs)

    def waiting(self) -> int:
        """How many rows are still to be added."""
        return sum(len(rows) - done for _parent, rows, done in self._jobs)

    def cancel(self) -> None:
        """Drop the rows not yet added (the tree is about to be made anew)."""
        self._timer.stop()
        self._jobs = []
        self._make = None

    def finish(self) -> None:
        """Add every row left now (a caller needs them all at once)."""
        if not self._jobs:
            return
        self._timer.stop()
        self._run(None)

    def _on_timer_timeout(self) -> None:
        self._run(time.perf_counter() + self.budget)
        if self._jobs:
            self._timer.start()

    def _run(self, deadline: float | None) -> None:
        make = self._make
        assert make is not None
        self.slices += 1
        while self._jobs:
            parent, rows, done = self._jobs[0]
            end, first = len(rows), done == 0
            batch: list[QTreeWidgetItem] = []
            while done < end:
                stop = min(end, done + _ROWS_BETWEEN_CHECKS)
                batch.extend(make(row) for row in rows[done:stop])
                done = stop
                if deadline is not None and time.perf_counter() >= deadline:
                    break
            parent.addChildren(batch)
            if first and self.expand:
                parent.setExpanded(True)  # (an item without children does not stay open)
            if done < end:
                self._jobs[0] = (parent, rows, done)
                return
            self._jobs.pop(0)
        self._make = None
        self.finished.emit()
