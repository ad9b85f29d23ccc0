"""Rights templates and photos' provenance as operations: checked, one transaction, undoable."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from curator.core.errors import NotFoundError
from curator.core.operations.changes import ChangeSet, RestoreRights
from curator.core.operations.rules import require_photos
from curator.core.rights import Provenance, RightsTemplate, agency_key, source_type_code
from curator.i18n import _

if TYPE_CHECKING:
    from curator.core.services import ProjectService

_Change = Callable[[Provenance], Provenance]

#: What a change set names in ``settings`` when a rights template changed.
RIGHTS_SETTING = "rights.templates"


class RightsOperations:
    """Writes to the rights templates and to photos' source type and template."""

    def __init__(self, service: ProjectService) -> None:
        self._service = service

    def put_template(self, template: RightsTemplate) -> ChangeSet:
        """Create or replace the template of ``template.agency`` (built by ``checked_template``).

        Raises:
            ReadOnlyProjectError, ProjectOpenError: the project cannot be written.
        """
        with self._service.store.transaction():
            before = self._service.rights.templates().get(template.key)
            if before == template:
                return ChangeSet()
            self._service.rights.put_template(template)
        return ChangeSet(
            settings=frozenset({RIGHTS_SETTING}),
            undo=RestoreRights(templates=((template.key, before),)),
        )

    def remove_template(self, agency: str) -> ChangeSet:
        """Delete an agency's template.

        Raises:
            NotFoundError: the project has no template for ``agency``.
        """
        key = agency_key(agency)
        with self._service.store.transaction():
            before = self._service.rights.templates().get(key)
            if before is None:
                raise no_template(agency)
            self._service.rights.remove_template(key)
        return ChangeSet(
            settings=frozenset({RIGHTS_SETTING}),
            undo=RestoreRights(templates=((key, before),)),
        )

    def assign(self, photo_ids: list[str], agency: str) -> ChangeSet:
        """Give these photos an agency's template by hand ('' : by their credits again).

        Raises:
            NotFoundError: an unknown photo, or no template for ``agency``.
        """
        key = agency_key(agency)
        if key and key not in self._service.rights.templates():
            raise no_template(agency)
        return self._change(photo_ids, lambda record: replace(record, rights_agency=key))

    def set_source_type(self, photo_ids: list[str], value: str) -> ChangeSet:
        """Set these photos' digital source type (a code or a NewsCodes URI; '' : not stated).

        Raises:
            UsageError: not a digital source type.
            NotFoundError: an unknown photo.
        """
        code = source_type_code(value)
        return self._change(
            photo_ids,
            lambda record: replace(record, source_type=code, source_type_edited=True),
        )

    def restore(self, undo: RestoreRights) -> ChangeSet:
        """Put templates and provenance records back as ``undo`` says (an undo or a redo)."""
        rights = self._service.rights
        with self._service.store.transaction():
            templates = rights.templates()
            before_templates = tuple((key, templates.get(key)) for key, _t in undo.templates)
            for key, template in undo.templates:
                if template is None:
                    rights.remove_template(key)
                else:
                    rights.put_template(template)
            before_records = tuple(rights.provenance(r.photo_id) for r in undo.provenance)
            for record in undo.provenance:
                rights.put_provenance(record)
        return ChangeSet(
            photos=frozenset(record.photo_id for record in undo.provenance),
            settings=frozenset({RIGHTS_SETTING}) if undo.templates else frozenset(),
            undo=RestoreRights(before_templates, before_records),
        )

    def _change(self, photo_ids: list[str], change: _Change) -> ChangeSet:
        unique = list(dict.fromkeys(photo_ids))
        rights = self._service.rights
        with self._service.store.transaction():
            require_photos(self._service, unique)
            before = [rights.provenance(pid) for pid in unique]
            changed = [(old, new) for old in before if (new := change(old)) != old]
            for _old, new in changed:
                rights.put_provenance(new)
        if not changed:
            return ChangeSet()
        return ChangeSet(
            photos=frozenset(old.photo_id for old, _new in changed),
            undo=RestoreRights(provenance=tuple(old for old, _new in changed)),
        )


def no_template(agency: str) -> NotFoundError:
    """The error for an agency without a rights template."""
    return NotFoundError(
        _("The project has no rights template for the agency “%(agency)s”.") % {"agency": agency}
    )
