"""Bounds on ``str.format`` patterns a person can store: what they expand to stays small.

Delivery's naming pattern and the credit templates are ``str.format`` text kept in the
project. Python pads a field to any width it is told (``{section:0999999999}`` is a
gigabyte of zeros) and hands a date's format to ``strftime``, which pads too (``%999Y``).
:func:`check_bounded_format` refuses such a pattern before it is stored, and again before it
is expanded, so a project from elsewhere cannot make Curator allocate without limit: the
pattern is short, has no nested fields, every width and precision is small, and a date's
directives carry no padding.
"""

from __future__ import annotations

import re
import string
from collections.abc import Collection

from curator.i18n import _

#: Longest pattern accepted, in characters.
MAX_PATTERN_CHARS = 200
#: Widest padding or precision a field may ask for.
MAX_FIELD_WIDTH = 64
#: Longest text a pattern may make from sample values (a file name, a credit line).
MAX_RENDERED_CHARS = 500
#: How much of a refused pattern a message quotes.
QUOTED_CHARS = 60

# Python's format-spec mini-language (fill, align, sign, z, #, 0, width, grouping,
# precision, type); what does not match is left for ``format()`` to refuse.
_SPEC = re.compile(
    r"^(?:.?[<>=^])?[-+ ]?z?#?0?(?P<width>\d+)?[,_]?(?:\.(?P<precision>\d+))?[a-zA-Z%]?$",
    re.DOTALL,
)
_DIGITS = re.compile(r"\d+")
#: A strftime directive with a flag or a width (glibc pads ``%_10Y``, ``%0999Y``).
_PADDED_DIRECTIVE = re.compile(r"%[-_0^#]*\d|%[-_^#]")


class PatternTooLargeError(ValueError):
    """A pattern that could expand without bound; the message says why."""


def quoted(pattern: str) -> str:
    """The pattern as a message shows it: cut after :data:`QUOTED_CHARS` characters."""
    return pattern if len(pattern) <= QUOTED_CHARS else pattern[:QUOTED_CHARS] + "…"


def check_rendered_length(rendered: str) -> None:
    """Refuse what a pattern made from sample values when it is longer than a name can be.

    Raises:
        PatternTooLargeError: the text is longer than :data:`MAX_RENDERED_CHARS`.
    """
    if len(rendered) > MAX_RENDERED_CHARS:
        raise PatternTooLargeError(
            _("it makes text of %(length)d characters; at most %(max)d are allowed.")
            % {"length": len(rendered), "max": MAX_RENDERED_CHARS}
        )


def check_bounded_format(pattern: str, date_fields: Collection[str] = ()) -> None:
    """Refuse a pattern whose expansion is not small (see the module's rules).

    ``date_fields`` name the fields whose value is a date (their spec is a strftime format).
    Syntax errors are left to the caller's own expansion.

    Raises:
        PatternTooLargeError: the pattern is too long, nests fields or pads without bound.
    """
    if len(pattern) > MAX_PATTERN_CHARS:
        raise PatternTooLargeError(
            _("it is %(length)d characters long; at most %(max)d are allowed.")
            % {"length": len(pattern), "max": MAX_PATTERN_CHARS}
        )
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError:
        return  # not format text at all: the caller's expansion says so
    for _literal, name, spec, _conversion in parsed:
        if name is None or not spec:
            continue
        if "{" in spec or "}" in spec:
            raise PatternTooLargeError(
                _("the field “%(field)s” has a field inside its format.") % {"field": name}
            )
        if name in date_fields:
            if _PADDED_DIRECTIVE.search(spec):
                raise PatternTooLargeError(
                    _("the date format of “%(field)s” pads its values; write %%Y, %%m, %%d.")
                    % {"field": name}
                )
            continue
        match = _SPEC.match(spec)
        numbers = (
            [match.group("width"), match.group("precision")]
            if match is not None
            else _DIGITS.findall(spec)
        )
        widest = max((int(n) for n in numbers if n), default=0)
        if widest > MAX_FIELD_WIDTH:
            raise PatternTooLargeError(
                _(
                    "the field “%(field)s” asks for %(width)d characters; at most %(max)d "
                    "are allowed."
                )
                % {"field": name, "width": widest, "max": MAX_FIELD_WIDTH}
            )
