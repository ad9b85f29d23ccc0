"""What a project setting is: its declaration, and how its values are read, checked and shown.

A :class:`SettingSpec` declares one setting once: its key, kind, default, bounds and where it
is stored. The functions here turn text (a command-line argument, a field in the dialog)
into a checked value and back, with messages that name the setting. They know nothing of
the project; :mod:`curator.core.settings.project_settings` reads and writes them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from curator.core.errors import UsageError
from curator.core.language.languages import normalize_language, not_a_project_language
from curator.i18n import _

#: A setting's value: never None (None, where an API takes it, means "back to the default").
SettingValue = float | int | bool | str | tuple[str, ...]


class SettingGroup(StrEnum):
    """The tab a setting is edited on, and the first part of its key."""

    CREDITS = "credits"
    PREFLIGHT = "preflight"
    CATALOGUE = "catalogue"
    WALL = "wall"
    DELIVERY = "delivery"
    BACKUPS = "backups"
    WEB = "web"
    HALL = "hall"


class SettingKind(StrEnum):
    """What values a setting takes."""

    LENGTH = "length"  # millimetres; text may carry a unit
    INTEGER = "integer"
    BOOLEAN = "boolean"
    CHOICE = "choice"
    TEXT = "text"
    LANGUAGES = "languages"  # an ordered list of language tags


@dataclass(frozen=True, slots=True)
class SettingSpec:
    """One setting, declared once.

    ``label``, ``section`` (a heading over related settings) and ``help`` are English,
    marked with ``N_`` and translated where shown.
    ``row`` is the key of the project's ``setting`` table that holds the value and ``path``
    the keys inside that row's JSON object (empty: the row is the value itself).
    ``check`` refuses a value no bound can describe (a template naming an unknown field),
    raising :class:`UsageError`. ``zero_is_none`` stores 0 as JSON null (the delivery's
    long edge, where null means "keep the size").
    """

    key: str
    group: SettingGroup
    kind: SettingKind
    default: SettingValue
    label: str
    row: str
    path: tuple[str, ...] = ()
    help: str = ""
    section: str = ""
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    check: Callable[[SettingValue], None] | None = field(default=None, compare=False)
    zero_is_none: bool = False
    #: A text setting that may be empty (``web.base_url``: empty means none).
    optional: bool = False


_UNITS_MM = {"": 1.0, "mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72}
_LENGTH = re.compile(r"^\s*(?P<number>-?\d+(?:[.,]\d+)?|-?[.,]\d+)\s*(?P<unit>mm|cm|in|pt)?\s*$")
#: Longest text a setting takes (a template or pattern is far shorter; see format_bounds).
MAX_TEXT_CHARS = 1000
_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


def parse_length(text: str) -> float:
    """``"3"``, ``"3mm"``, ``"0.5 in"``, ``"1,5cm"`` or ``"12pt"`` in millimetres.

    Raises:
        UsageError: the text is not a length.
    """
    match = _LENGTH.match(text.lower())
    if match is None:
        raise UsageError(
            _("“%(text)s” is not a length; write it like 3, 3mm, 0.5in or 1cm.") % {"text": text}
        )
    number = float(match.group("number").replace(",", "."))
    return round(number * _UNITS_MM[match.group("unit") or ""], 3)


def _refuse(spec: SettingSpec, reason: str) -> UsageError:
    return UsageError(
        _("%(setting)s: %(reason)s") % {"setting": setting_title(spec), "reason": reason}
    )


def setting_title(spec: SettingSpec) -> str:
    """The setting's label in the interface language, with its key for the command line."""
    return _("%(label)s (%(key)s)") % {"label": _(spec.label), "key": spec.key}


def _parse_boolean(spec: SettingSpec, text: str) -> bool:
    word = text.strip().casefold()
    if word in _TRUE or word == _("yes").casefold():
        return True
    if word in _FALSE or word == _("no").casefold():
        return False
    raise _refuse(spec, _("“%(text)s” is neither yes nor no.") % {"text": text})


def _parse_integer(spec: SettingSpec, text: str) -> int:
    cleaned = text.strip()
    for unit in (spec.unit, _(spec.unit)) if spec.unit else ():
        cleaned = cleaned.removesuffix(unit).strip()
    try:
        return int(cleaned)
    except ValueError:
        pass
    try:
        number = float(cleaned.replace(",", "."))
    except ValueError:
        raise _refuse(spec, _("“%(text)s” is not a whole number.") % {"text": text}) from None
    if not number.is_integer():
        raise _refuse(spec, _("“%(text)s” is not a whole number.") % {"text": text})
    return int(number)


def parse_text(spec: SettingSpec, text: str) -> SettingValue:
    """A value for ``spec`` from what a person typed, checked (see :func:`check_value`).

    Raises:
        UsageError: naming the setting and what is wrong with the text.
    """
    value: SettingValue
    if spec.kind is SettingKind.LENGTH:
        try:
            value = parse_length(text)
        except UsageError as error:
            raise _refuse(spec, error.message) from None
    elif spec.kind is SettingKind.INTEGER:
        value = _parse_integer(spec, text)
    elif spec.kind is SettingKind.BOOLEAN:
        value = _parse_boolean(spec, text)
    elif spec.kind is SettingKind.LANGUAGES:
        value = tuple(part for part in re.split(r"[,\s]+", text) if part)
    else:
        value = text
    return check_value(spec, value)


def _check_number(spec: SettingSpec, number: float) -> None:
    shown = format_value(spec, number)
    if spec.minimum is not None and number < spec.minimum:
        raise _refuse(
            spec,
            _("%(value)s is less than the smallest allowed, %(minimum)s.")
            % {"value": shown, "minimum": format_value(spec, spec.minimum)},
        )
    if spec.maximum is not None and number > spec.maximum:
        raise _refuse(
            spec,
            _("%(value)s is more than the largest allowed, %(maximum)s.")
            % {"value": shown, "maximum": format_value(spec, spec.maximum)},
        )


def _check_languages(spec: SettingSpec, value: Sequence[str]) -> tuple[str, ...]:
    tags: list[str] = []
    for raw in value:
        try:
            tag = normalize_language(raw)
        except UsageError as error:
            raise _refuse(spec, error.message) from None
        if spec.choices and tag not in spec.choices:
            raise _refuse(spec, not_a_project_language(tag, spec.choices).message)
        if tag not in tags:
            tags.append(tag)
    if not tags:
        raise _refuse(spec, _("Name at least one language."))
    return tuple(tags)


def check_value(spec: SettingSpec, value: object) -> SettingValue:
    """``value`` made canonical for ``spec`` (lengths rounded, text NFC), or refused.

    Raises:
        UsageError: the value has the wrong type, is out of bounds or not among the choices.
    """
    result: SettingValue
    if spec.kind is SettingKind.BOOLEAN:
        if not isinstance(value, bool):
            raise _refuse(spec, _("The value must be yes or no."))
        result = value
    elif spec.kind in (SettingKind.LENGTH, SettingKind.INTEGER):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _refuse(spec, _("The value must be a number."))
        if spec.kind is SettingKind.INTEGER and not float(value).is_integer():
            raise _refuse(spec, _("The value must be a whole number."))
        result = int(value) if spec.kind is SettingKind.INTEGER else round(float(value), 3)
        _check_number(spec, result)
    elif spec.kind is SettingKind.LANGUAGES:
        if isinstance(value, str) or not isinstance(value, Sequence):
            raise _refuse(spec, _("The value must be a list of languages."))
        result = _check_languages(spec, [str(item) for item in value])
    else:
        if not isinstance(value, str):
            raise _refuse(spec, _("The value must be text."))
        if len(value) > MAX_TEXT_CHARS:
            raise _refuse(
                spec,
                _("The text is %(length)d characters long; at most %(max)d are allowed.")
                % {"length": len(value), "max": MAX_TEXT_CHARS},
            )
        result = unicodedata.normalize("NFC", value.strip())
        if spec.kind is SettingKind.CHOICE and result not in spec.choices:
            raise _refuse(
                spec,
                _("“%(value)s” is not one of: %(choices)s.")
                % {"value": result, "choices": ", ".join(spec.choices)},
            )
        if spec.kind is SettingKind.TEXT and not result and not spec.optional:
            raise _refuse(spec, _("The value cannot be empty."))
    if spec.check is not None:
        try:
            spec.check(result)
        except UsageError as error:
            raise _refuse(spec, error.message) from None
    return result


def format_value(spec: SettingSpec, value: SettingValue) -> str:
    """The value as a person reads it (and could type it back): ``3 mm``, ``yes``, ``vi, ru``."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, tuple):
        return ", ".join(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int | float):
        unit = "mm" if spec.kind is SettingKind.LENGTH else (_(spec.unit) if spec.unit else "")
        return (
            f"{value:g} {unit}".strip() if isinstance(value, float) else f"{value} {unit}".strip()
        )
    return value


def to_json(value: SettingValue) -> object:
    """The value as JSON (a list for languages)."""
    return list(value) if isinstance(value, tuple) else value
