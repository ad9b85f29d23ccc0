"""The case forms of one glossary entry, written in the window (before: only by CSV).

One column per project language, one row per oblique case (genitive to prepositional);
the first row is the rendering (the nominative), shown, not edited here. A form left empty
is none: a ``=code:case=`` marker asking for it then stays as typed, so a missing form is
seen rather than printed wrong. A language whose rendering is empty has no forms to write.
The dialog only reports what was typed; the glossary controller writes it through
``curator.core.operations``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from curator.core.language.glossary_cases import CASE_LABELS, OBLIQUE_CASES, GrammaticalCase
from curator.core.language.languages import display_name
from curator.core.model import GlossaryEntry
from curator.i18n import _, current_language


class CaseFormsDialog(QDialog):
    """Case forms of one entry in every project language (see the module docstring)."""

    def __init__(
        self, entry: GlossaryEntry, languages: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.entry = entry
        self.languages = list(languages)
        title = entry.code or next((t for t in entry.terms.values() if t), "")
        self.setWindowTitle(_("Case Forms of “%(entry)s”") % {"entry": title})
        note = QLabel(
            _(
                "The forms a marker such as =%(code)s:gen= writes in a caption. A language"
                " with no forms writes the rendering in every case; a form left empty while"
                " others are written leaves its marker as typed."
            )
            % {"code": entry.code or "code"}
        )
        note.setWordWrap(True)
        grid = QGridLayout()
        self._editors: dict[tuple[str, GrammaticalCase], QLineEdit] = {}
        interface = current_language()
        nominative = QLabel(_(CASE_LABELS[GrammaticalCase.NOMINATIVE]))
        grid.addWidget(nominative, 1, 0, Qt.AlignmentFlag.AlignRight)
        for row, case in enumerate(OBLIQUE_CASES, start=2):
            label = QLabel(_(CASE_LABELS[case]))
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignRight)
        for column, tag in enumerate(self.languages, start=1):
            name = display_name(tag, interface)
            grid.addWidget(QLabel(f"<b>{name[:1].upper()}{name[1:]} ({tag})</b>"), 0, column)
            rendering = entry.terms.get(tag, "")
            shown = QLabel(rendering or _("(no rendering)"))
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(shown, 1, column)
            forms = entry.cases.get(tag, {})
            for row, case in enumerate(OBLIQUE_CASES, start=2):
                editor = QLineEdit(forms.get(case.value, ""))
                editor.setEnabled(bool(rendering))
                editor.setAccessibleName(
                    _("%(case)s in %(language)s") % {"case": _(CASE_LABELS[case]), "language": tag}
                )
                self._editors[(tag, case)] = editor
                grid.addWidget(editor, row, column)
            grid.setColumnStretch(column, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(grid)
        layout.addWidget(buttons)
        first = next((e for e in self._editors.values() if e.isEnabled()), None)
        if first is not None:
            first.setFocus()

    def editor(self, language: str, case: GrammaticalCase) -> QLineEdit:
        """The field of one case in one language."""
        return self._editors[(language, case)]

    def cases(self) -> dict[str, dict[str, str]]:
        """The forms typed, by language and case code (empty ones left out).

        The forms of a language the project no longer has stay as they were.
        """
        typed = {
            tag: dict(forms) for tag, forms in self.entry.cases.items() if tag not in self.languages
        }
        for (tag, case), editor in self._editors.items():
            text = " ".join(editor.text().split())
            if text and editor.isEnabled():
                typed.setdefault(tag, {})[case.value] = text
        return typed
