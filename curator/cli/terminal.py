r"""Text as a terminal may safely show it: the one helper every printed line goes through.

A file name is whatever bytes its folder holds: an ESC can recolour or clear the terminal,
a carriage return or a right-to-left override can make one name look like another, and
bytes that are not UTF-8 arrive as lone surrogates that cannot be encoded at all. Those are
shown escaped (``\x1b``, ``\u202e``, and ``\xff`` for a byte that is not UTF-8), so what
a person reads is the name as it is.
"""

from __future__ import annotations

import re

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
