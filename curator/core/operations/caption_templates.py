"""Caption templates as operations: set a template's fields, delete one, and undo either.

A caption template is a named set of field values per language, kept in the project
setting ``caption_templates`` (``{name: {language: {field: text}}}``); its texts may use
``{date}``, ``{place}`` and ``{photographer}`` (filled per photo by
:mod:`curator.core.editing.caption_batch`). Each write checks every text first, writes in
one transaction and returns a change set naming the setting, whose undo
(:class:`~.changes.RestoreCaptionTemplate`) puts that one template back as it was, so
undoing one template never touches another someone changed meanwhile.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from curator.core.errors import UsageError
from curator.core.language.text import clean_line, clean_text
from curator.core.model import CaptionField
from curator.core.operations.changes import ChangeSet, FrozenTemplate, RestoreCaptionTemplate
from curator.core.operations.rules import require_language
from curator.i18n import _

if TYPE_CHECKING:
    from curator.core.services import ProjectService

#: Project setting: ``{name: {language: {field: text}}}``.
TEMPLATES_SETTING = "caption_templates"

#: The variables a template may use.
TEMPLATE_VARIABLES = ("date", "place", "photographer")

VARIABLE = re.compile(r"\{([^{}]*)\}")

Template = dict[str, dict[str, str]]  # {language: {field: text}}


def read_templates(service: ProjectService) -> dict[str, Template]:
    """The project's caption templates by name (anything malformed in storage left out)."""
    stored = service.project.setting(TEMPLATES_SETTING, {})
    result: dict[str, Template] = {}
    if not isinstance(stored, dict):
        return result
    fields = {c.value for c in CaptionField}
    for name, languages in stored.items():
        if not isinstance(name, str) or not isinstance(languages, dict):
            continue
        template: Template = {}
        for language, values in languages.items():
            if not isinstance(language, str) or not isinstance(values, dict):
                continue
            kept = {f: t for f, t in values.items() if f in fields and isinstance(t, str)}
            if kept:
                template[language] = kept
        result[name] = template
    return result


def check_template_text(text: str) -> None:
    """Refuse a template text with an unknown variable or an unmatched brace."""
    unknown = [v for v in VARIABLE.findall(text) if v not in TEMPLATE_VARIABLES]
    if unknown:
        raise UsageError(
            _("Unknown variable {%(name)s} in a template; use %(known)s.")
            % {"name": unknown[0], "known": ", ".join("{" + v + "}" for v in TEMPLATE_VARIABLES)}
        )
    if "{" in VARIABLE.sub("", text) or "}" in VARIABLE.sub("", text):
        raise UsageError(_("A brace in a template is not closed: %(text)s") % {"text": text})


def no_template(name: str) -> UsageError:
    """The error for a template name the project does not have."""
    return UsageError(_("There is no caption template named “%(name)s”.") % {"name": name})


def _frozen(template: Template | None) -> FrozenTemplate | None:
    if template is None:
        return None
    return tuple((language, tuple(values.items())) for language, values in template.items())


class CaptionTemplateOperations:
    """Writes to the project's caption templates, each one edit."""

    def __init__(self, service: ProjectService) -> None:
        self._service = service

    def set_fields(
        self, name: str, fields: Iterable[tuple[str, CaptionField, str]]
    ) -> tuple[dict[str, Template], ChangeSet]:
        """Set ``(language, field, text)`` fields of a template (made when new) as one edit.

        An empty text removes its field. Every text is checked first: nothing is written
        when one is refused. Returns every template as stored now, and the change set.

        Raises:
            UsageError: no name, an unknown variable or unclosed brace, a language the
                project does not have.
            ReadOnlyProjectError, ProjectOpenError: the project cannot be written.
        """
        service = self._service
        name = clean_line(name)
        if not name:
            raise UsageError(_("A template needs a name."))
        checked: list[tuple[str, CaptionField, str]] = []
        for language, field, text in fields:
            tag = require_language(service, language)
            cleaned = clean_text(text)
            check_template_text(cleaned)
            checked.append((tag, field, cleaned))
        with service.store.transaction():
            stored = read_templates(service)
            before = _frozen(stored.get(name))
            template = stored.setdefault(name, {})
            for language, field, text in checked:
                if text:
                    template.setdefault(language, {})[field.value] = text
                else:
                    template.get(language, {}).pop(field.value, None)
                    if language in template and not template[language]:
                        del template[language]
            if _frozen(template) == before:
                return stored, ChangeSet()
            service.project.set_setting(TEMPLATES_SETTING, stored)
        return stored, self._changed(name, before)

    def delete(self, name: str) -> tuple[dict[str, Template], ChangeSet]:
        """Forget a template, as one edit; returns the templates left and the change set.

        Raises:
            UsageError: there is no template of that name.
            ReadOnlyProjectError, ProjectOpenError: the project cannot be written.
        """
        service = self._service
        with service.store.transaction():
            stored = read_templates(service)
            if name not in stored:
                raise no_template(name)
            before = _frozen(stored.pop(name))
            service.project.set_setting(TEMPLATES_SETTING, stored)
        return stored, self._changed(name, before)

    def restore(self, undo: RestoreCaptionTemplate) -> ChangeSet:
        """Put one template back as ``undo`` says (None: none of that name), as one edit."""
        service = self._service
        with service.store.transaction():
            stored = read_templates(service)
            before = _frozen(stored.get(undo.name))
            if undo.template is None:
                stored.pop(undo.name, None)
            else:
                stored[undo.name] = {language: dict(values) for language, values in undo.template}
            service.project.set_setting(TEMPLATES_SETTING, stored)
        return self._changed(undo.name, before)

    @staticmethod
    def _changed(name: str, before: FrozenTemplate | None) -> ChangeSet:
        return ChangeSet(
            settings=frozenset({TEMPLATES_SETTING}), undo=RestoreCaptionTemplate(name, before)
        )
