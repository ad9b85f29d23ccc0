"""Red wavy underlines under the words the spell checker flags.

The checker is :class:`~curator.core.language.spelling.SpellChecker`.

Qt re-highlights only the paragraph being typed in, and the checker remembers every word it
has looked up, so a keystroke costs well under a millisecond (benchmarks/spelling_bench.py).
Qt counts text positions in UTF-16 units and Python in code points; they differ only after
a character outside the Basic Multilingual Plane (an emoji), which is converted for.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from curator.core.language.spelling import Misspelling, SpellChecker

#: The underline colour of a misspelt word.
MISSPELT_COLOUR = QColor("#d32f2f")


def utf16_offsets(text: str) -> list[int] | None:
    """Qt's position of each Python index of ``text`` (and of its end); None when equal."""
    if all(ord(char) <= 0xFFFF for char in text):
        return None
    offsets = [0]
    for char in text:
        offsets.append(offsets[-1] + (2 if ord(char) > 0xFFFF else 1))
    return offsets


def misspelt_format() -> QTextCharFormat:
    """How a misspelt word is marked: a red wavy underline."""
    char_format = QTextCharFormat()
    char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    char_format.setUnderlineColor(MISSPELT_COLOUR)
    return char_format


class SpellHighlighter(QSyntaxHighlighter):
    """Marks misspelt words in one document; checks nothing until given a checker."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._checker: SpellChecker | None = None
        self._format = misspelt_format()

    @property
    def checker(self) -> SpellChecker | None:
        """The checker in use (None: this field is not checked)."""
        return self._checker

    def set_checker(self, checker: SpellChecker | None) -> None:
        """Check with ``checker`` from now on (None: stop checking) and mark the text again."""
        if checker is self._checker:
            return
        self._checker = checker
        self.rehighlight()

    def misspellings(self, text: str) -> list[Misspelling]:
        """The flagged words of one paragraph (none without a checker)."""
        return self._checker.misspellings(text) if self._checker is not None and text else []

    def highlightBlock(self, text: str) -> None:
        found = self.misspellings(text)
        if not found:
            return
        offsets = utf16_offsets(text)
        for word in found:
            start, end = (
                (word.start, word.end)
                if offsets is None
                else (
                    offsets[word.start],
                    offsets[word.end],
                )
            )
            self.setFormat(start, end - start, self._format)
