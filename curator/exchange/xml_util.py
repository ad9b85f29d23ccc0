"""Safe XML reading for files from outside (TBX, XLIFF), with the line of every element.

Parsing goes through defusedxml: entity declarations and external references are refused
(a plain ``<!DOCTYPE ...>`` line without entities is accepted), so a billion-laughs file or an
XXE probe never expands. Each element remembers the line it starts on, for messages.

Memory stays bounded whatever the file's shape, because the limits are checked while the
file streams through expat, before anything is built from it: elements nested deeper than
:data:`MAX_DEPTH` (a file of 300,000 nested tags is refused at the 65th), a run of text
longer than :data:`MAX_TEXT_CHARS`, a tag, comment or declaration longer than
:data:`MAX_TOKEN_BYTES` (expat would hold it whole), and a tree that would take more than
:data:`MAX_TREE_BYTES` of memory (millions of tiny elements). Encodings are expat's: UTF-8,
UTF-16 in either byte order (with a byte-order mark or an XML declaration) and the
declared 8-bit ones.
"""

from __future__ import annotations

import io
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import IO, Any

import defusedxml
import defusedxml.ElementTree as SafeET

from curator.core.errors import UsageError
from curator.core.language.library_messages import reason as library_reason
from curator.exchange import located
from curator.i18n import _

#: Deeper nesting is refused: TBX needs 7 levels, XLIFF with inline markup a dozen or so.
MAX_DEPTH = 64
#: A longer run of text between two tags is refused: no caption, term or note is this long.
MAX_TEXT_CHARS = 200_000
#: A tag, comment or declaration longer than this (bytes) is refused before expat holds it.
MAX_TOKEN_BYTES = 2 * 1024 * 1024
#: The estimated memory of the parsed tree may not exceed this.
MAX_TREE_BYTES = 160 * 1024 * 1024

#: What an element costs beside its texts and attribute values: the element, its attribute
#: dictionary, its tail and the entry that remembers its line (measured, CPython 3.11).
_ELEMENT_COST = 200
_ATTRIBUTES_COST = 160  # the dictionary, when there are attributes
_ATTRIBUTE_COST = 40
_TEXT_COST = 75
_NAME_COST = 300
_UNIT_READ_COST = 400  # what a unit read on the way leaves behind (its entry)
_FEED_BYTES = 256 * 1024
_INTERNED = 40  # shorter attribute values and whitespace are shared, not copied


class _RefusedError(Exception):
    """A limit was reached while the file streamed through the parser."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def _width(text: str) -> int:
    """Bytes per character of a Python string holding ``text``."""
    if not text or text.isascii():
        return 1
    highest = ord(max(text))
    return 1 if highest < 0x100 else 2 if highest < 0x10000 else 4


#: Called at the end of each unit element with the unit, its ancestors (the root first) and
#: the builder (for lines); the unit then leaves the tree.
OnUnit = Callable[[ET.Element, Sequence[ET.Element], "LineBuilder"], None]


class LineBuilder(ET.TreeBuilder):
    """Builds the tree within the limits and remembers the line each element starts on.

    Elements whose local name is in ``skip`` are left out with everything inside them (a
    reader that never looks at them need not hold them). Elements whose local name is in
    ``units`` are handed to ``on_unit`` as each ends and then dropped from the tree, so a
    file of many units is read a unit at a time (its memory is one unit's, not the file's).
    """

    def __init__(
        self,
        skip: Collection[str] = (),
        *,
        keep: bool = True,
        budget: int = MAX_TREE_BYTES,
        units: Collection[str] = (),
        on_unit: OnUnit | None = None,
    ) -> None:
        super().__init__()
        self._units = frozenset(units)
        self._on_unit = on_unit
        self._stack: list[ET.Element] = []
        self._unit_costs: list[int] = []
        self._keep = keep
        self._budget = budget
        self.lines: dict[int, int] = {}
        self.position: Callable[[], int] = lambda: 0
        self.events = 0
        self._skip = frozenset(skip)
        self._skipping = 0
        self._depth = 0
        self._cost = 0
        self._run_chars = 0
        self._run_width = 1
        self._names: set[str] = set()

    def _spend(self, cost: int) -> None:
        self._cost += cost
        if self._cost > self._budget:
            raise _RefusedError(
                _("the file is too large to read: it would take more than %(limit)d MB.")
                % {"limit": self._budget // 2**20}
            )

    def _end_run(self) -> None:
        if self._run_chars:
            self._spend(self._run_chars * self._run_width + _TEXT_COST)
        self._run_chars = 0
        self._run_width = 1

    def start(self, tag: Any, attrs: Any) -> ET.Element | None:  # type: ignore[override]
        """Open an element (or skip it) and note its line."""
        self.events += 1
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _RefusedError(
                _("elements are nested more than %(limit)d deep.") % {"limit": MAX_DEPTH}
            )
        if self._skipping or local_name(tag) in self._skip:
            self._skipping += 1
            return None
        self._end_run()
        cost = _ELEMENT_COST + (_ATTRIBUTES_COST if attrs else 0) + self._name_cost(tag)
        for name, value in attrs.items():
            cost += self._name_cost(name)
            if len(value) <= _INTERNED:
                attrs[name] = sys.intern(value)
                cost += _ATTRIBUTE_COST
            else:
                cost += _ATTRIBUTE_COST + len(value) * _width(value)
        self._spend(cost)
        if not self._keep:
            return None
        element = super().start(tag, attrs)
        self.lines[id(element)] = self.position()
        self._stack.append(element)
        if local_name(tag) in self._units:
            self._unit_costs.append(self._cost - cost)
        return element

    def _name_cost(self, name: str) -> int:
        # The parser keeps every distinct name once: a file of a million names costs that.
        if name in self._names:
            return 0
        self._names.add(name)
        return _NAME_COST + 2 * len(name)

    def end(self, tag: Any) -> ET.Element | None:  # type: ignore[override]
        """Close an element (or the skipped one)."""
        self.events += 1
        self._depth -= 1
        if self._skipping:
            self._skipping -= 1
            return None
        self._end_run()
        if not self._keep:
            return None
        element = super().end(tag)
        self._stack.pop()
        if self._on_unit is not None and local_name(tag) in self._units:
            self._on_unit(element, self._stack, self)
            # Read: the unit leaves the tree, and its memory the budget.
            if self._stack:
                self._stack[-1].remove(element)
            for item in element.iter():
                self.lines.pop(id(item), None)
            self._cost = self._unit_costs.pop() + _UNIT_READ_COST
        return element

    def data(self, data: Any) -> None:
        """Text, counted against the limits."""
        self.events += 1
        if self._skipping:
            return
        self._run_chars += len(data)
        if self._run_chars > MAX_TEXT_CHARS:
            raise _RefusedError(
                _("a text is longer than %(limit)d characters.") % {"limit": MAX_TEXT_CHARS}
            )
        if len(data) <= _INTERNED and data.isspace():
            data = sys.intern(data)  # indentation: shared, costs nothing
        else:
            self._run_width = max(self._run_width, _width(data))
        if self._keep:
            super().data(data)

    def comment(self, text: Any) -> None:  # type: ignore[override]
        """A comment: counted as progress, not kept."""
        self.events += 1

    def pi(self, target: Any, text: Any = None) -> None:  # type: ignore[override]
        """A processing instruction: counted as progress, not kept."""
        self.events += 1

    def line(self, element: ET.Element) -> int:
        """The line ``element`` starts on (0 when unknown)."""
        return self.lines.get(id(element), 0)


#: Expat's errors for a document that stops early: no element found (the root not closed),
#: unclosed token, partial character, unclosed CDATA section.
_ENDS_EARLY = frozenset({3, 5, 6, 20})


def _parse(read: Callable[[int], bytes], path: Path, builder: LineBuilder) -> ET.Element | None:
    """Feed the parser piece by piece, checking that every piece moves it on."""
    parser = SafeET.DefusedXMLParser(
        target=builder, forbid_dtd=False, forbid_entities=True, forbid_external=True
    )
    builder.position = lambda: int(parser.parser.CurrentLineNumber)
    closing = False
    try:
        progress = fed = events = 0
        while piece := read(_FEED_BYTES):
            parser.feed(piece)
            fed += len(piece)
            if builder.events != events:
                events, progress = builder.events, fed
            elif fed - progress > MAX_TOKEN_BYTES:
                raise _RefusedError(
                    _("a tag, comment or declaration is longer than %(limit)d MB.")
                    % {"limit": MAX_TOKEN_BYTES // 2**20}
                )
        closing = True
        root: ET.Element | None = parser.close()
    except _RefusedError as refused:
        line = int(parser.parser.CurrentLineNumber)
        raise UsageError(located(path, line, refused.problem), path=path) from None
    except defusedxml.DefusedXmlException:
        problem = _("the file declares XML entities or external references.")
        raise UsageError(located(path, 0, problem), path=path) from None
    except ET.ParseError as error:
        if closing and builder.events and error.code in _ENDS_EARLY:
            # Every byte read well, but the document is not finished: the file ends early.
            problem = _(
                "the file ends before its XML does: it was cut short (a copy or download "
                "that did not finish?); ask for the whole file again."
            )
        else:
            problem = _("the file is not well-formed XML (%(reason)s).") % {
                "reason": library_reason(error)
            }
        raise UsageError(located(path, error.position[0], problem), path=path) from None
    return root


def parse_xml(
    data: bytes,
    path: Path,
    *,
    skip: Collection[str] = (),
    units: Collection[str] = (),
    on_unit: OnUnit | None = None,
) -> tuple[ET.Element, LineBuilder]:
    """The root element and the lines of its elements; a clear error for bad or hostile XML.

    Args:
        data: The file's bytes.
        path: The file, for messages.
        skip: Local names of elements to leave out of the tree, with their content.
        units: Local names of elements read one at a time by ``on_unit`` (see
            :class:`LineBuilder`); the tree returned holds everything else.
        on_unit: What reads a unit.
    """
    builder = LineBuilder(skip, units=units, on_unit=on_unit)
    root = _parse(io.BytesIO(data).read, path, builder)
    assert root is not None
    return root, builder


def check_xml(stream: IO[bytes], path: Path, *, held: bool = True) -> None:
    """Read XML from a stream within the same limits, building nothing.

    For XML another library reads afterwards (a workbook's parts through openpyxl): a file
    that passes holds no entities, no deep nesting and no giant token; and, when that
    library will hold all of it (``held``), no more texts and elements than the tree budget.
    """
    budget = MAX_TREE_BYTES if held else sys.maxsize
    _parse(stream.read, path, LineBuilder(keep=False, budget=budget))


def local_name(tag: object) -> str:
    """An element's name without its namespace."""
    return str(tag).rsplit("}", 1)[-1]
