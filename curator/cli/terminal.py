r"""Text as a terminal may safely show it: the one helper every printed line goes through.

A file name is whatever bytes its folder holds: an ESC can recolour or clear the terminal,
a carriage return or a right-to-left override can make one name look like another, and
bytes that are not UTF-8 arrive as lone surrogates that cannot be encoded at all. Those are
shown escaped (``\x1b``, ``\u202e``, and ``\xff`` for a byte that is not UTF-8), so what
a person reads is the name as it is.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO, cast

_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown(text: object) -> str:
    """``text`` with control characters, bidi controls and undecodable bytes escaped."""
    return _UNSAFE.sub(_escape, str(text))


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


#: What an escaped stream lets through as it is: the line breaks and tabs Curator writes.
_UNSAFE_IN_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
#: In JSON text (after ``json.dumps``) the same characters as JSON's own ``\uXXXX`` escapes.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_safe(text: str) -> str:
    r"""JSON text with C1 and bidi controls and undecodable bytes as ``\uXXXX`` escapes.

    The JSON value is unchanged (a reader decodes the escapes back); only the bytes that
    reach the terminal or a pipe differ.
    """
    return _UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


class EscapingStream:
    r"""A text stream whose every write is escaped as :func:`shown` does, bar ``\n`` and ``\t``.

    The command line puts one around stdout and stderr for a whole run: whatever a command
    prints - a file name inside a sentence, an error from the operating system, argparse's
    own messages - reaches the terminal with no raw control character, bidi control or
    undecodable byte. :meth:`write_control` is for the few escape sequences Curator itself
    draws (the progress line's ``\r`` and erase).
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        """Write ``text`` escaped."""
        return self.stream.write(_UNSAFE_IN_TEXT.sub(_escape, text))

    def write_control(self, text: str) -> int:
        """Write Curator's own terminal control sequence as it is."""
        return self.stream.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@contextmanager
def escaped_output() -> Iterator[None]:
    """The standard output and error escaped for the duration (see :class:`EscapingStream`)."""
    saved = sys.stdout, sys.stderr
    sys.stdout = cast("TextIO", EscapingStream(sys.stdout))
    sys.stderr = cast("TextIO", EscapingStream(sys.stderr))
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def write_control(stream: TextIO, text: str) -> None:
    """Curator's own control sequence on ``stream``, unescaped even on an escaping stream."""
    writer = getattr(stream, "write_control", stream.write)
    writer(text)
