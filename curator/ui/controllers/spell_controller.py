"""Spell checking as one types in the caption panel, each field in its own language.

The dictionaries load off the GUI thread (through ``TaskRunner``) when the panel shows
languages whose dictionary is not loaded yet; they are kept for the rest of the session.
Until then, and for a language without a dictionary, a field is simply not checked (its
tooltip says why). Each language has one :class:`SpellChecker`, shared by its fields, that
knows the glossary's forms in that language (computed off the GUI thread whenever the
glossary is reloaded) and the words ignored this session.

A flagged word's context menu offers the dictionary's corrections, "Add to Glossary" (as a
person, place, organisation or term of that language) and "Ignore".

Thread contract: checkers, dictionaries and highlighters are used on the GUI thread only;
workers load dictionaries and compute glossary words, and hand them back.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QAction, QContextMenuEvent, QTextCursor
from PySide6.QtWidgets import QMenu

from curator.core.errors import CuratorError
from curator.core.language.languages import display_name
from curator.core.language.library_messages import reason as library_reason
from curator.core.language.spelling import (
    DictionarySource,
    LoadedDictionaries,
    SpellChecker,
    SpellingDictionary,
    glossary_words,
    known_words,
    load_dictionaries,
)
from curator.core.model import GlossaryKind
from curator.core.progress import Progress
from curator.core.services import ProjectService
from curator.i18n import N_, PSEUDO_LANGUAGE, _, current_language
from curator.proofing import EnchantSource, enchant_problem
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.main_window import MainWindow
from curator.ui.tasks import TaskRunner
from curator.ui.views.caption_cell import Editor
from curator.ui.views.dialogs import Dialogs
from curator.ui.views.spell_highlighter import SpellHighlighter, utf16_offsets

#: What a word added from the spelling menu can be, in the order offered.
_GLOSSARY_KINDS = (
    (GlossaryKind.PERSON, N_("Person")),
    (GlossaryKind.PLACE, N_("Place")),
    (GlossaryKind.ORGANISATION, N_("Organisation")),
    (GlossaryKind.TERM, N_("Term")),
)


class SpellField(Protocol):
    """A text checked for spelling: a caption cell, or a field of another dialog."""

    @property
    def language(self) -> str: ...

    @property
    def editor(self) -> Editor: ...


@dataclass(frozen=True, slots=True)
class FlaggedWord:
    """A flagged word in a document: its positions (Qt's) and the word."""

    start: int
    end: int
    word: str


def _language_name(tag: str) -> str:
    ui_language = current_language()
    name = display_name(tag, "en" if ui_language == PSEUDO_LANGUAGE else ui_language)
    return f"{name[:1].upper()}{name[1:]}"


def _read_known_words(service: ProjectService) -> dict[str, frozenset[str]]:
    """The words never flagged, per project language (runs on a worker's connection)."""
    entries = service.queries.glossary()
    generated = service.queries.generated_texts()
    # The credit records' names too: a credit line the curator edited (or the demo wrote)
    # still names the photographer and agency the project knows.
    for photo in service.queries.all_photos():
        for credit in service.queries.credits(photo.id):
            for names in (credit.photographer, credit.agency):
                for language, name in names.items():
                    generated.setdefault(language, []).append(name)
    return {
        language: known_words(entries, generated.get(language, ()), language)
        for language in service.queries.languages()
    }


class _ContextMenuFilter(QObject):
    """Hands the caption editors' context-menu events to the controller."""

    def __init__(
        self, handler: Callable[[QObject, QContextMenuEvent], bool], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._handler = handler

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QContextMenuEvent):
            return self._handler(watched, event)
        return super().eventFilter(watched, event)


class SpellController:
    """Dictionaries, checkers and highlighters for the caption panel's fields."""

    def __init__(
        self,
        window: MainWindow,
        projects: ProjectController,
        dialogs: Dialogs,
        tasks: TaskRunner,
        *,
        source: DictionarySource | None = None,
        on_glossary_changed: Callable[[], None] | None = None,
    ) -> None:
        self._window = window
        self._projects = projects
        self._dialogs = dialogs
        self._tasks = tasks
        self._source: DictionarySource = source or EnchantSource()
        self._problem = enchant_problem() if source is None else ""
        self._on_glossary_changed = on_glossary_changed
        self._by_tag: dict[str, SpellingDictionary] = {}
        self._dictionaries: dict[str, SpellingDictionary] = {}
        self._unavailable: dict[str, str] = {}
        self._loading: set[str] = set()
        self._checkers: dict[str, SpellChecker] = {}
        self._glossary: dict[str, frozenset[str]] = {}
        self._ignored: dict[str, set[str]] = {}
        self._highlighters: list[tuple[SpellField, SpellHighlighter]] = []
        #: Fields outside the caption panel (the Catalogue Texts dialog's), checked alike.
        self._extra: list[tuple[SpellField, SpellHighlighter]] = []
        self._menu_filter = _ContextMenuFilter(self._on_context_menu_event, window)
        #: The spelling menu on screen, if any (popped up, not run modally).
        self.open_menu: QMenu | None = None
        self._refreshing = self._refresh_again = False
        window.captions.fields_rebuilt.connect(self._on_captions_fields_rebuilt)
        # Imported photos bring generated credit lines with new names.
        window.library.model.rowsInserted.connect(lambda *_args: self.refresh_known_words())
        projects.project_closed.connect(self._on_projects_project_closed)

    # -- what others call ------------------------------------------------------------------

    def checked_languages(self) -> set[str]:
        """The languages whose fields are being checked now."""
        return set(self._checkers)

    def unavailable_languages(self) -> dict[str, str]:
        """Languages left unchecked: "" for no dictionary, else why it did not load."""
        return dict(self._unavailable)

    def is_loading(self) -> bool:
        """Whether dictionaries are still loading."""
        return bool(self._loading)

    def highlighter(self, cell: SpellField) -> SpellHighlighter:
        """The highlighter of one field (for tests)."""
        return next(h for c, h in self._all() if c is cell)

    def check_fields(self, fields: Sequence[SpellField]) -> None:
        """Check further fields (anything with ``editor`` and ``language``) until forgotten.

        A dialog's texts are checked as the caption panel's are: the same dictionaries,
        glossary words, ignored words and context menu.
        """
        self._extra = []
        for field in fields:
            if not field.language:
                continue  # a language-neutral text (the ISBN)
            self._extra.append((field, SpellHighlighter(field.editor.document())))
            field.editor.installEventFilter(self._menu_filter)
            field.editor.viewport().installEventFilter(self._menu_filter)
        self._load(sorted({field.language for field, _h in self._extra}))
        self._attach()

    def forget_fields(self) -> None:
        """Stop checking the fields given to :meth:`check_fields`."""
        self._extra = []

    def _all(self) -> list[tuple[SpellField, SpellHighlighter]]:
        return [*self._highlighters, *self._extra]

    def refresh_known_words(self) -> None:
        """Read the glossary and the generated fields again, so their words are never flagged.

        Called after the glossary changes and when photos come in; the reading is done on a
        worker, one at a time (a request while one runs makes it run once more after).
        """
        service = self._projects.service
        if service is None:
            return
        if self._refreshing:
            self._refresh_again = True
            return
        self._refreshing, self._refresh_again = True, False

        def apply(words: dict[str, frozenset[str]]) -> None:
            self._refreshing = False
            if service is self._projects.service:
                self._set_glossary(words)
            if self._refresh_again:
                self.refresh_known_words()

        if not self._projects.read_in_background(
            _read_known_words, apply, _("Cannot read the glossary")
        ):
            self._refreshing = False

    def retranslate_ui(self) -> None:
        """Set every visible text (the unchecked fields' tooltips) in the interface language."""
        for cell, _highlighter in self._all():
            cell.editor.setToolTip(self._tooltip(cell.language))

    # -- dictionaries and checkers -----------------------------------------------------------

    def _on_captions_fields_rebuilt(self) -> None:
        panel = self._window.captions
        self._highlighters = []
        for cell in panel.cells():
            highlighter = SpellHighlighter(cell.editor.document())
            self._highlighters.append((cell, highlighter))
            # A right-click arrives at the viewport, the Menu key at the editor.
            cell.editor.installEventFilter(self._menu_filter)
            cell.editor.viewport().installEventFilter(self._menu_filter)
        self._load(panel.languages)
        self._attach()

    def _load(self, languages: list[str]) -> None:
        wanted = [
            language
            for language in languages
            if language not in self._dictionaries
            and language not in self._unavailable
            and language not in self._loading
        ]
        if not wanted:
            return
        self._loading.update(wanted)
        source, loaded = self._source, dict(self._by_tag)

        def job(_report: Callable[[Progress], None], _cancel: object) -> LoadedDictionaries:
            return load_dictionaries(source, wanted, loaded)

        def failed(error: Exception) -> None:  # not a CuratorError: a bug or a broken library
            self._loading.difference_update(wanted)
            self._unavailable.update({language: library_reason(error) for language in wanted})
            self._attach()

        self._tasks.start_job(
            job, on_progress=lambda _progress: None, on_result=self._on_loaded, on_error=failed
        )

    def _on_loaded(self, result: LoadedDictionaries) -> None:
        self._loading.difference_update(result.dictionaries, result.unavailable)
        for language, dictionary in result.dictionaries.items():
            self._by_tag[dictionary.tag] = dictionary
            self._dictionaries[language] = dictionary
        self._unavailable.update(result.unavailable)
        self._attach()

    def checker(self, language: str) -> SpellChecker | None:
        """The checker of ``language`` (None while its dictionary loads, or without one)."""
        checker = self._checkers.get(language)
        dictionary = self._dictionaries.get(language)
        if checker is None and dictionary is not None:
            checker = SpellChecker(
                language,
                dictionary,
                self._glossary.get(language, frozenset()),
                self._ignored.get(language, ()),
            )
            self._checkers[language] = checker
        return checker

    def _attach(self) -> None:
        shown = set(self._window.captions.languages) | {c.language for c, _h in self._extra}
        self._checkers = {tag: c for tag, c in self._checkers.items() if tag in shown}
        for cell, highlighter in self._all():
            highlighter.set_checker(self.checker(cell.language))
            cell.editor.setToolTip(self._tooltip(cell.language))

    def _tooltip(self, language: str) -> str:
        if language not in self._unavailable:
            return ""
        reason = self._unavailable[language]
        if self._problem:
            return self._problem
        if reason:
            return _("Spelling is not checked in this field: %(reason)s") % {"reason": reason}
        return _(
            "No spelling dictionary for %(language)s is installed, so this field is not checked."
        ) % {"language": _language_name(language)}

    def _set_glossary(self, words: dict[str, frozenset[str]]) -> None:
        self._glossary = dict(words)
        for language, checker in self._checkers.items():
            if checker.set_glossary(self._glossary.get(language, frozenset())):
                self._rehighlight(language)

    def _rehighlight(self, language: str) -> None:
        for cell, highlighter in self._all():
            if cell.language == language:
                highlighter.rehighlight()

    def _on_projects_project_closed(self) -> None:
        self._refreshing = self._refresh_again = False  # a result in flight is dropped
        self._glossary = {}
        for checker in self._checkers.values():
            checker.set_glossary(frozenset())

    # -- the flagged word's menu ---------------------------------------------------------------

    def word_at(self, cell: SpellField, position: int) -> FlaggedWord | None:
        """The flagged word at a document position of ``cell``'s editor, if there is one."""
        highlighter = self.highlighter(cell)
        block = cell.editor.document().findBlock(position)
        if not block.isValid():
            return None
        text = block.text()
        offsets = utf16_offsets(text)
        in_block = position - block.position()
        index = in_block if offsets is None else bisect.bisect_right(offsets, in_block) - 1
        for word in highlighter.misspellings(text):
            if word.start <= index <= word.end:
                start, end = (
                    (word.start, word.end)
                    if offsets is None
                    else (offsets[word.start], offsets[word.end])
                )
                return FlaggedWord(block.position() + start, block.position() + end, word.word)
        return None

    def context_menu(self, cell: SpellField, pos: QPoint) -> QMenu:
        """The editor's menu at ``pos`` (viewport coordinates), led by spelling actions."""
        editor = cell.editor
        menu = editor.createStandardContextMenu(pos)
        flagged = self.word_at(cell, editor.cursorForPosition(pos).position())
        checker = self._checkers.get(cell.language)
        if flagged is None or checker is None:
            return menu
        writable = not editor.isReadOnly()
        actions: list[QAction] = []
        for suggestion in checker.suggestions(flagged.word):
            action = QAction(suggestion, menu)
            font = action.font()
            font.setBold(True)
            action.setFont(font)
            action.setEnabled(writable)
            action.triggered.connect(
                lambda _checked=False, s=suggestion: self._replace(cell, flagged, s)
            )
            actions.append(action)
        if not actions:
            none = QAction(_("(no suggestions)"), menu)
            none.setEnabled(False)
            actions.append(none)
        add_menu = QMenu(_("Add “%(word)s” to the Glossary") % {"word": flagged.word}, menu)
        service = self._projects.service
        add_menu.setEnabled(service is not None and not service.read_only)
        for kind, label in _GLOSSARY_KINDS:
            add = add_menu.addAction(_(label))
            add.triggered.connect(
                lambda _checked=False, k=kind: self.add_to_glossary(cell.language, flagged.word, k)
            )
        ignore = QAction(_("Ignore “%(word)s”") % {"word": flagged.word}, menu)
        ignore.triggered.connect(lambda _checked=False: self.ignore(cell.language, flagged.word))
        first = menu.actions()[0] if menu.actions() else None
        separator = QAction(menu)
        separator.setSeparator(True)
        ours = [*actions, separator, add_menu.menuAction(), ignore]
        if first is None:
            menu.addActions(ours)
        else:
            menu.insertActions(first, ours)
            menu.insertSeparator(first)
        return menu

    def _on_context_menu_event(self, watched: QObject, event: QContextMenuEvent) -> bool:
        cell = next(
            (c for c, _h in self._all() if watched in (c.editor, c.editor.viewport())),
            None,
        )
        if cell is None:
            return False
        viewport = cell.editor.viewport()
        pos = event.pos() if watched is viewport else viewport.mapFrom(cell.editor, event.pos())
        if self.open_menu is not None:
            self.open_menu.close()
        menu = self.context_menu(cell, pos)
        menu.aboutToHide.connect(menu.deleteLater)  # deleted once back in the event loop
        menu.destroyed.connect(lambda: self._forget_menu(menu))
        self.open_menu = menu
        menu.popup(viewport.mapToGlobal(pos))
        return True

    def _forget_menu(self, menu: QMenu) -> None:
        if self.open_menu is menu:
            self.open_menu = None

    def _replace(self, cell: SpellField, flagged: FlaggedWord, suggestion: str) -> None:
        cursor = QTextCursor(cell.editor.document())
        cursor.setPosition(flagged.start)
        cursor.setPosition(flagged.end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(suggestion)
        cell.editor.setTextCursor(cursor)

    def ignore(self, language: str, word: str) -> None:
        """Never flag ``word`` in ``language`` again this session."""
        self._ignored.setdefault(language, set()).add(word.casefold())
        checker = self._checkers.get(language)
        if checker is not None:
            checker.ignore(word)
            self._rehighlight(language)

    def add_to_glossary(self, language: str, word: str, kind: GlossaryKind) -> bool:
        """Add ``word`` to the project's glossary as ``language``'s form; False if refused."""
        service = self._projects.service
        if service is None or service.read_only:
            return False
        try:
            entry = service.operations.records.add_glossary_term(kind, language, word)
        except CuratorError as error:
            self._dialogs.error(self._window, _("Cannot add to the glossary"), error.message)
            return False
        # Unflag it at once; the whole glossary is read again (off the GUI thread) below.
        words = dict(self._glossary)
        words[language] = words.get(language, frozenset()) | glossary_words([entry], language)
        self._set_glossary(words)
        if self._on_glossary_changed is not None:
            self._on_glossary_changed()
        return True
