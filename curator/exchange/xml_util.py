"""Safe XML reading for files from outside (TBX, XLIFF), with the line of every element.

Parsing goes through defusedxml: entity declarations and external references are refused
(a plain ``<!DOCTYPE ...>`` line without entities is accepted), so a billion-laughs file or an
XXE probe never expands. Each element remembers the line it starts on, for messages.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import defusedxml
import defusedxml.ElementTree as SafeET

from curator.core.errors import UsageError
from curator.core.library_messages import reason as library_reason
from curator.exchange import located
from curator.i18n import _


class LineBuilder(ET.TreeBuilder):
    """Remembers the line each element starts on, for messages."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[int, int] = {}
        self.position: Callable[[], int] = lambda: 0

    def start(self, tag: Any, attrs: Any) -> ET.Element:
        """Open an element and note its line."""
        element = super().start(tag, attrs)
        self.lines[id(element)] = self.position()
        return element

    def line(self, element: ET.Element) -> int:
        """The line ``element`` starts on (0 when unknown)."""
        return self.lines.get(id(element), 0)


def parse_xml(data: bytes, path: Path) -> tuple[ET.Element, LineBuilder]:
    """The root element and the lines of its elements; a clear error for bad or hostile XML."""
    builder = LineBuilder()
    parser = SafeET.DefusedXMLParser(
        target=builder, forbid_dtd=False, forbid_entities=True, forbid_external=True
    )
    builder.position = lambda: int(parser.parser.CurrentLineNumber)
    try:
        parser.feed(data)
        root: ET.Element = parser.close()
    except defusedxml.DefusedXmlException:
        problem = _("the file declares XML entities or external references; it was refused.")
        raise UsageError(located(path, 0, problem), path=path) from None
    except ET.ParseError as error:
        problem = _("the file is not well-formed XML (%(reason)s).") % {
            "reason": library_reason(error)
        }
        raise UsageError(located(path, error.position[0], problem), path=path) from None
    return root, builder


def local_name(tag: object) -> str:
    """An element's name without its namespace."""
    return str(tag).rsplit("}", 1)[-1]
