"""The one kind of undo step the window pushes: a change already written.

Every edit is written through ``curator.core`` first (one transaction), then pushed with the
two ways back: ``undo`` writes what was there before, ``redo`` what the edit made. The first
``redo`` that QUndoStack calls on push does nothing, since the change is already written.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand


class WrittenCommand(QUndoCommand):
    """An edit already written; undo and redo run the steps that write either side."""

    def __init__(self, text: str, undo: Callable[[], object], redo: Callable[[], object]):
        super().__init__(text)
        self._undo = undo
        self._redo = redo
        self._done = True

    def redo(self) -> None:
        if self._done:  # pushed right after it was written
            self._done = False
            return
        self._redo()

    def undo(self) -> None:
        self._undo()
