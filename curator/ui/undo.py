"""The undo steps the window pushes: a change already written.

Every edit is written through ``curator.core`` first (one transaction), then pushed with the
two ways back: ``undo`` writes what was there before, ``redo`` what the edit made. The first
``redo`` that QUndoStack calls on push does nothing, since the change is already written.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from curator.core.errors import CaptionConflictError
from curator.core.operations import ChangeSet, Undo


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


class ChangeCommand(QUndoCommand):
    """A change already written, kept as the undo data of its change set.

    Undo runs that data and keeps the undo data of what it wrote as the way to redo, so
    either step writes exactly the fields, marks or places the change touched. With
    ``refused``, a step refused because someone else changed a caption field since (a
    server project) leaves the stack - undoing it would throw their text away - and the
    refusal goes to ``refused`` (an exception must not cross Qt's stack while it deletes
    the step).
    """

    def __init__(
        self,
        text: str,
        run: Callable[[Undo], ChangeSet | None],
        undo: Undo,
        refused: Callable[[CaptionConflictError], None] | None = None,
    ):
        super().__init__(text)
        self._run = run
        self._refused = refused
        self._back: Undo | None = undo
        self._forth: Undo | None = None
        self._done = True

    def redo(self) -> None:
        if self._done:  # pushed right after it was written
            self._done = False
            return
        if self._forth is not None:
            self._back = self._step(self._forth)

    def undo(self) -> None:
        if self._back is not None:
            self._forth = self._step(self._back)

    def _step(self, undo: Undo) -> Undo | None:
        try:
            changes = self._run(undo)
        except CaptionConflictError as conflict:
            if self._refused is None:
                raise
            self.setObsolete(True)
            self._refused(conflict)
            return None
        return None if changes is None else changes.undo
