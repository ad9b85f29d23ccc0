"""Translation-memory suggestions under the caption field being written (issue 22, point 2).

When a field of a target language takes the focus while its translation is empty or a draft
(one photo selected), the best matches for the photo's source text are looked up on a worker
(:meth:`ProjectController.read_in_background`: the person's memory and the project's own
units) and shown in a compact list under the field: the match percentage, the translation,
the stored source with the words that differ from this photo's source highlighted, and where
it came from (exhibition, year). Ctrl+M inserts the best match; a click inserts any.
"""

from __future__ import annotations

import difflib
import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from curator.core.model import CaptionField, CaptionStatus
from curator.core.services import ProjectService
from curator.i18n import _
from curator.memory import Suggestion, default_memory_path
from curator.memory.projects import OwnUnits, source_text, suggestions_for
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.main_window import MainWindow

#: How many matches the list shows.
SHOWN = 3
_MARK = "background-color: #ffe08a;"


def highlighted_source(stored: str, current: str) -> str:
    """``stored`` as HTML, its words that are not in ``current`` (in order) marked."""
    a, b = stored.split(), current.split()
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(a=[w.casefold() for w in a], b=[w.casefold() for w in b])
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        words = html.escape(" ".join(a[i1:i2]))
        if not words:
            continue
        parts.append(words if tag == "equal" else f'<span style="{_MARK}">{words}</span>')
    return " ".join(parts)


class SuggestionsBox(QFrame):
    """The compact list: one row per match; a click on a row asks for it to be inserted."""

    chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("memorySuggestions")
        self.rows: list[QLabel] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(4, 2, 4, 2)
        self._layout.setSpacing(2)
        self.hide()

    def show_suggestions(self, suggestions: list[Suggestion], current_source: str) -> None:
        """Show up to :data:`SHOWN` matches (hide when there are none)."""
        for row in self.rows:
            row.deleteLater()
        self.rows = []
        for index, suggestion in enumerate(suggestions[:SHOWN]):
            origin = suggestion.origin + (f" {suggestion.year}" if suggestion.year else "")
            key = _("Ctrl+M inserts") if index == 0 else _("click to insert")
            row = QLabel(
                f"<b>{suggestion.score}%</b> {html.escape(suggestion.text)}<br>"
                f'<small style="color:#555555;">'
                f"{highlighted_source(suggestion.source, current_source)}"
                f" — {html.escape(origin)} · {html.escape(key)}</small>"
            )
            row.setTextFormat(Qt.TextFormat.RichText)
            row.setWordWrap(True)
            row.setCursor(Qt.CursorShape.PointingHandCursor)
            row.mousePressEvent = lambda _event, i=index: self.chosen.emit(i)  # type: ignore[method-assign,misc]
            self._layout.addWidget(row)
            self.rows.append(row)
        self.setVisible(bool(self.rows))


class MemoryController:
    """Looks matches up for the focused field and inserts the one chosen."""

    def __init__(
        self,
        window: MainWindow,
        projects: ProjectController,
        memory: Callable[[], Path] = default_memory_path,
    ) -> None:
        self._window = window
        self._projects = projects
        self._memory = memory
        self._photo_ids: list[str] = []
        self._field: tuple[str, CaptionField] | None = None
        self._suggestions: list[Suggestion] = []
        #: The project's own units, indexed once on a worker and kept while they last.
        self._own: OwnUnits | None = None
        self.box = SuggestionsBox()
        self.box.chosen.connect(self.insert)
        self.insert_action = QAction(window)
        self.insert_action.setShortcut(QKeySequence("Ctrl+M"))
        self.insert_action.triggered.connect(lambda: self.insert(0))
        window.addAction(self.insert_action)
        window.captions.field_focused.connect(self._on_captions_field_focused)
        window.captions.fields_rebuilt.connect(self._on_captions_fields_rebuilt)
        window.library.selection_changed.connect(self._on_library_selection_changed)
        projects.project_closing.connect(self._forget_project)

    def suggestions(self) -> list[Suggestion]:
        """The matches shown now (for tests)."""
        return list(self._suggestions)

    def insert(self, index: int) -> None:
        """Put the ``index``-th match into its field (saved as a draft, as typed)."""
        if self._field is None or index >= len(self._suggestions):
            return
        language, field = self._field
        self._window.captions.insert_text(language, field, self._suggestions[index].text)
        self._clear()

    def _forget_project(self) -> None:
        self._own = None
        self._clear()

    def _clear(self) -> None:
        self._suggestions = []
        self._field = None
        self.box.show_suggestions([], "")

    def _on_captions_fields_rebuilt(self) -> None:
        # The old cells (and the box inside one of them) are going: keep the box.
        self.box.setParent(None)
        self._clear()

    def _on_library_selection_changed(self, photo_ids: list[str]) -> None:
        self._photo_ids = list(photo_ids)
        self._clear()

    def _on_captions_field_focused(self, language: str, field_name: str) -> None:
        field = CaptionField(field_name)
        service = self._projects.service
        panel = self._window.captions
        state = panel.field_state(language, field)
        wanted = (
            service is not None
            and len(self._photo_ids) == 1
            and language != service.queries.project().source_language
            and state.status in (CaptionStatus.EMPTY, CaptionStatus.DRAFT)
        )
        if not wanted:
            self._clear()
            return
        if self._field == (language, field):
            return
        self._clear()
        self._field = (language, field)
        photo_id, memory, own = self._photo_ids[0], self._memory(), self._own

        def read(reader: ProjectService) -> tuple[list[Suggestion], str, OwnUnits]:
            index = own if own is not None and own.is_current(reader) else OwnUnits.build(reader)
            _source, text = source_text(reader, photo_id, field)
            with index.lock:
                found = suggestions_for(
                    reader, memory, photo_id, language, field, limit=SHOWN, own=index
                )
            return found, text, index

        def show(result: tuple[list[Suggestion], str, OwnUnits]) -> None:
            found, text, index = result
            if self._projects.service is not service:
                return  # the project was closed meanwhile
            self._own = index
            # Another field (or photo) may have taken the focus meanwhile.
            if self._field != (language, field) or self._photo_ids[:1] != [photo_id]:
                return
            self._suggestions = found
            cell = panel.cell(language, field)
            layout = cell.layout()
            if layout is not None and self.box.parent() is not cell:
                layout.addWidget(self.box)
            self.box.show_suggestions(self._suggestions, text)

        self._projects.read_in_background(read, show, _("Cannot read the translation memory"))
