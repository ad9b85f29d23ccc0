"""Project settings: what shapes output, read and written through one checked API.

Every setting that changes what Curator produces - credit-line templates, preflight
thresholds, the catalogue's page, delivery options, backup budget - is declared once in
:mod:`curator.core.settings.setting_specs` and stored in the project file (the ``setting`` table),
so ``curator settings`` and the Project Settings dialog edit the same values, and the CLI
and the window print the same thing. A change is checked whole (the error threshold below
the warning one, margins that leave room on the page) and written as one transaction;
the operation ``service.operations.settings.change`` returns the change that undoes it.
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from curator.core.delivery_planning.settings import DELIVERY_SETTING
from curator.core.errors import UsageError
from curator.core.operations import RestoreSettings
from curator.core.services import ProjectService
from curator.core.settings.print_thresholds import FORMER_FLOOR_KEYS
from curator.core.settings.setting_specs import (
    CREDIT_TEMPLATES_ROW,
    check_together,
    declared_specs,
)
from curator.core.settings.setting_values import (
    SettingKind,
    SettingSpec,
    SettingValue,
    check_value,
    format_value,
    to_json,
)
from curator.i18n import _

#: A change: key -> new value, or None to go back to the default.
Changes = Mapping[str, SettingValue | None]

_ABSENT = object()
#: A stored choice this short that is not among the choices is outgrown, not foreign.
_CHOICE_CHARS = 35
_CHOICE_ITEMS = 100


@dataclass(frozen=True, slots=True)
class SettingState:
    """A setting's value in one project, and whether it is the default."""

    spec: SettingSpec
    value: SettingValue
    is_default: bool

    @property
    def key(self) -> str:
        """The setting's key, e.g. ``catalogue.bleed_mm``."""
        return self.spec.key

    def to_json(self) -> dict[str, Any]:
        """The JSON of ``curator settings --json`` (keys in English, values untranslated)."""
        spec = self.spec
        entry: dict[str, Any] = {
            "key": spec.key,
            "group": spec.group.value,
            "kind": spec.kind.value,
            "value": to_json(self.value),
            "default": to_json(spec.default),
            "is_default": self.is_default,
        }
        if spec.unit or spec.kind.value == "length":
            entry["unit"] = spec.unit or "mm"
        if spec.minimum is not None:
            entry["minimum"] = spec.minimum
        if spec.maximum is not None:
            entry["maximum"] = spec.maximum
        if spec.choices:
            entry["choices"] = list(spec.choices)
        return entry

    def shown(self) -> str:
        """The value as a person reads it."""
        return format_value(self.spec, self.value)


def setting_specs(service: ProjectService) -> list[SettingSpec]:
    """Every setting of this project, in the order the dialog and ``curator settings`` show."""
    project = service.project.get()
    rows = {}
    for row in (CREDIT_TEMPLATES_ROW, DELIVERY_SETTING):
        stored = service.project.setting(row, {})
        rows[row] = stored if isinstance(stored, dict) else {}
    return declared_specs(list(project.languages), rows)


def find_spec(service: ProjectService, key: str) -> SettingSpec:
    """The setting called ``key``.

    Raises:
        UsageError: there is none; the message names the closest keys.
    """
    specs = {spec.key: spec for spec in setting_specs(service)}
    wanted = FORMER_FLOOR_KEYS.get(key.strip(), key.strip())
    if wanted in specs:
        return specs[wanted]
    close = difflib.get_close_matches(wanted, list(specs), n=3, cutoff=0.6)
    if close:
        raise UsageError(
            _("There is no setting “%(key)s”. Did you mean: %(keys)s?")
            % {"key": wanted, "keys": ", ".join(close)}
        )
    raise UsageError(
        _("There is no setting “%(key)s”; `curator settings PROJECT` lists them all.")
        % {"key": wanted}
    )


def _stored(service: ProjectService, spec: SettingSpec) -> object:
    """The raw stored value at the spec's place, or ``_ABSENT``."""
    value: object = service.project.setting(spec.row, _ABSENT)
    for part in spec.path:
        if not isinstance(value, dict) or part not in value:
            return _ABSENT
        value = value[part]
    return value


def _decode(spec: SettingSpec, raw: object) -> SettingValue | None:
    """The stored value as the spec's type; None when absent or not a valid value."""
    if raw is _ABSENT:
        return None
    if raw is None and spec.zero_is_none:
        raw = 0
    if isinstance(raw, list):
        raw = tuple(raw)
    try:
        return check_value(spec, raw)
    except UsageError:
        return None  # damaged or from another version: the default applies, as it does in use


def read_setting(service: ProjectService, spec: SettingSpec) -> SettingState:
    """One setting's value (its default where none, or no valid one, is stored)."""
    value = _decode(spec, _stored(service, spec))
    if value is None:
        return SettingState(spec, spec.default, True)
    return SettingState(spec, value, False)


def refuse_invalid_settings(service: ProjectService) -> list[str]:
    """Check every stored setting; each one refused reads as its default from now on.

    A project made elsewhere (by another version, another tool, or by hand) may hold values
    this version would never store - a naming pattern that pads to a gigabyte, a page
    a kilometre wide. Each is named in the returned messages (translated) and hidden from
    every reader of the project (:meth:`ProjectRepository.refuse_setting`), so the rest of
    the project stays usable; writing a valid value replaces it.
    """
    messages = [
        _("The stored setting “%(key)s” is far too large and was ignored; its default applies.")
        % {"key": key}
        for key in service.project.oversized_settings()
    ]
    for spec in setting_specs(service):
        raw = _stored(service, spec)
        if raw is _ABSENT or (raw is None and spec.zero_is_none):
            continue
        try:
            check_value(spec, tuple(raw) if isinstance(raw, list) else raw)
        except UsageError as error:
            if _outgrown(spec, raw):
                continue  # a language the project dropped: its readers fall back themselves
            service.project.refuse_setting(spec.row, spec.path)
            messages.append(
                _("%(reason)s The project keeps it, but the default applies: %(default)s.")
                % {"reason": error.message, "default": format_value(spec, spec.default)}
            )
    return messages


def _outgrown(spec: SettingSpec, raw: object) -> bool:
    """A choice or language list that is well formed but names what the project has not."""
    if spec.kind not in (SettingKind.CHOICE, SettingKind.LANGUAGES):
        return False
    items = raw if isinstance(raw, list) else [raw]
    short = all(isinstance(item, str) and 0 < len(item) <= _CHOICE_CHARS for item in items)
    return short and 0 < len(items) <= _CHOICE_ITEMS


def read_settings(service: ProjectService) -> list[SettingState]:
    """Every setting of the project with its value."""
    return [read_setting(service, spec) for spec in setting_specs(service)]


def _put(rows: dict[str, Any], spec: SettingSpec, value: SettingValue | None) -> None:
    """Set (or, for None, remove) the spec's value inside the loaded ``rows``."""
    stored: Any = None
    if value is not None:
        stored = list(value) if isinstance(value, tuple) else value
        if spec.zero_is_none and value == 0:
            stored = None
    if not spec.path:
        rows[spec.row] = _ABSENT if value is None else stored
        return
    node = rows.get(spec.row)
    if not isinstance(node, dict):
        node = rows[spec.row] = {}
    for part in spec.path[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = node[part] = {}
        node = child
    if value is None:
        node.pop(spec.path[-1], None)
    else:
        node[spec.path[-1]] = stored


def _effective(
    service: ProjectService, specs: Mapping[str, SettingSpec], changes: Changes
) -> tuple[dict[str, SettingValue], set[str]]:
    """Every value as it would be after ``changes``, and the keys not left at a default."""
    states = {key: read_setting(service, spec) for key, spec in specs.items()}
    values = {key: state.value for key, state in states.items()}
    explicit = {key for key, state in states.items() if not state.is_default}
    for key, value in changes.items():
        values[key] = specs[key].default if value is None else value
        if value is None:
            explicit.discard(key)
        else:
            explicit.add(key)
    return values, explicit


def check_changes(service: ProjectService, changes: Changes) -> dict[str, SettingValue | None]:
    """The changes with every value checked and made canonical, and checked together.

    Raises:
        UsageError: an unknown key, a value out of bounds, or values that contradict each
            other (the first problem found, naming the setting).
    """
    specs = {spec.key: spec for spec in setting_specs(service)}
    checked: dict[str, SettingValue | None] = {}
    for key, value in changes.items():
        spec = specs.get(key) or find_spec(service, key)
        checked[spec.key] = None if value is None else check_value(spec, value)
    values, explicit = _effective(service, specs, checked)
    check_together(values, specs, list(checked), explicit)
    return checked


@dataclass(frozen=True, slots=True)
class SettingsPlan:
    """What writing some checked setting changes does to the stored rows.

    ``write`` are the rows to store, ``delete`` those to remove (every value back at its
    default), ``undo`` the change that undoes it and ``credits`` whether a credit template
    changed (the credit lines that follow their data are written again).
    """

    write: dict[str, Any]
    delete: tuple[str, ...]
    undo: dict[str, SettingValue | None]
    credits: bool


def plan_settings(service: ProjectService, changes: Changes) -> SettingsPlan:
    """Check ``changes`` and say what writing them does; nothing is written.

    Raises:
        UsageError: see :func:`check_changes`.
    """
    checked = check_changes(service, changes)
    specs = {spec.key: spec for spec in setting_specs(service)}
    undo: dict[str, SettingValue | None] = {}
    rows: dict[str, Any] = {}
    for key, value in checked.items():
        spec = specs[key]
        undo[key] = _decode(spec, _stored(service, spec))
        if spec.row not in rows:
            rows[spec.row] = copy.deepcopy(service.project.setting(spec.row, _ABSENT))
        _put(rows, spec, value)
    return SettingsPlan(
        write={row: value for row, value in rows.items() if value is not _ABSENT},
        delete=tuple(row for row, value in rows.items() if value is _ABSENT),
        undo=undo,
        credits=CREDIT_TEMPLATES_ROW in rows,
    )


def apply_settings(service: ProjectService, changes: Changes) -> dict[str, SettingValue | None]:
    """Check and write ``changes`` as one edit; returns the change that undoes it.

    The operation ``service.operations.settings.change``, for the callers that keep the
    undo as a mapping.

    Raises:
        UsageError: see :func:`check_changes`; nothing is written.
        ProjectOpenError: the project is read-only or cannot be written.
    """
    undo = service.operations.settings.change(changes).undo
    return dict(undo.values) if isinstance(undo, RestoreSettings) else {}
