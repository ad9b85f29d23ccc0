"""Offering a glossary term's case forms while a ``=code:`` marker is typed in a caption.

Typing ``=hn:`` in a Russian field lists "Ханой — nominative", "Ханоя — genitive",
"Ханое — prepositional"...: the forms the glossary holds for that field's language, each
labelled by its case. Typing on (``=hn:ро``, ``=hn:gen``) narrows the list; Return or a click
puts the chosen form in place of the marker. A marker finished by hand (``=hn:gen=``) is
expanded when the field is saved, as every ``=code=`` is (core/language/glossary_rules.py).

The completer only reads the glossary (one look-up by code when a marker is typed) and
edits the editor's text; saving stays the captions panel's.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel, QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QCompleter

from curator.core.language.glossary_cases import CASE_LABELS, case_forms, case_names_starting
from curator.core.model import GlossaryEntry
from curator.i18n import _
from curator.ui.views.caption_cell import Editor
from curator.ui.views.captions_panel import CaptionsPanel

#: A marker being typed just before the cursor: ``=code:`` and the start of a case name.
_OPEN_MARKER = re.compile(r"(?<![\w=])=(?P<code>[\w-]+):(?P<case>\w*)$")
_FORM_ROLE = Qt.ItemDataRole.UserRole + 1

#: Finds the glossary entry of a typed code (None: no such entry or no project).
EntryFinder = Callable[[str], GlossaryEntry | None]


class CaseFormCompleter(QObject):
    """The case-form list of one caption editor in one content language."""

    def __init__(self, editor: Editor, language: str, find_entry: EntryFinder) -> None:
        super().__init__(editor)
        self.editor = editor
        self.language = language
        self._find_entry = find_entry
        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setWidget(editor)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.activated[QModelIndex].connect(  # type: ignore[index]
            self._on_completer_activated
        )  # PySide6 picks the QModelIndex overload; its stub has no overloads
        editor.textChanged.connect(self._on_editor_text_changed)
        # While the list is open, Return chooses in it: the field must not take it as
        # "editing finished", nor Tab as "next field" (see caption_editors.py).
        editor.completion_open = self.is_open

    def _popup(self) -> QAbstractItemView:
        popup = self.completer.popup()
        assert popup is not None  # a QCompleter always has its popup
        return popup

    def offered(self) -> list[str]:
        """The entries of the list now offered, as shown ("Ханоя — genitive")."""
        return [self.model.item(row).text() for row in range(self.model.rowCount())]

    def is_open(self) -> bool:
        """Whether the list is on screen."""
        return self._popup().isVisible()

    def _marker(self) -> re.Match[str] | None:
        cursor = self.editor.textCursor()
        if cursor.hasSelection():
            return None
        before = cursor.block().text()[: cursor.positionInBlock()]
        return _OPEN_MARKER.search(before)

    def _on_editor_text_changed(self) -> None:
        marker = self._marker()
        entry = self._find_entry(marker["code"]) if marker else None
        forms = case_forms(entry, self.language) if entry else []
        if marker is None or len(forms) < 2:  # nothing to choose between: no list
            self._popup().hide()
            return
        wanted = set(case_names_starting(marker["case"]))
        self.model.clear()
        for case, form in forms:
            if case in wanted:
                item = QStandardItem(
                    _("%(form)s — %(case)s") % {"form": form, "case": _(CASE_LABELS[case])}
                )
                item.setData(form, _FORM_ROLE)
                item.setToolTip(f"={marker['code']}:{case.value}=")
                self.model.appendRow(item)
        if self.model.rowCount() == 0:
            self._popup().hide()
            return
        rect = self.editor.cursorRect()
        rect.setWidth(
            self._popup().sizeHintForColumn(0)
            + self._popup().verticalScrollBar().sizeHint().width()
        )
        self.completer.complete(rect)
        self._popup().setCurrentIndex(self.model.index(0, 0))

    def _on_completer_activated(self, index: QModelIndex) -> None:
        form = index.data(_FORM_ROLE)
        marker = self._marker()
        if not isinstance(form, str) or marker is None:
            return
        cursor = self.editor.textCursor()
        cursor.movePosition(
            QTextCursor.MoveOperation.Left,
            QTextCursor.MoveMode.KeepAnchor,
            len(marker.group(0)),
        )
        cursor.insertText(form)
        self.editor.setTextCursor(cursor)
        self._popup().hide()


class CaseFormCompletion:
    """Gives every caption editor of the panel its :class:`CaseFormCompleter`."""

    def __init__(self, panel: CaptionsPanel, find_entry: EntryFinder) -> None:
        self._panel = panel
        self._find_entry = find_entry
        self.completers: dict[tuple[str, str], CaseFormCompleter] = {}
        panel.fields_rebuilt.connect(self._on_panel_fields_rebuilt)
        self._on_panel_fields_rebuilt()

    def _on_panel_fields_rebuilt(self) -> None:
        self.completers = {
            (cell.language, cell.field.value): CaseFormCompleter(
                cell.editor, cell.language, self._find_entry
            )
            for cell in self._panel.cells()
        }
