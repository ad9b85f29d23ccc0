"""The catalogue's own texts and images as operations that return change sets.

Each method is one user action and one transaction; its change set says the catalogue
changed and carries the texts and images as they were. What a value may be (keys, project
languages, lengths, ISBN check digits, image types) is checked by
:mod:`curator.core.publishing.catalogue_texts` before anything is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from curator.core.errors import UsageError
from curator.core.layout.catalogue_model import PageChoice
from curator.core.operations.changes import ChangeSet, RestoreCatalogue, RestorePageChoice
from curator.core.repositories.catalogue import StoredAsset
from curator.i18n import _

if TYPE_CHECKING:
    from curator.core.publishing.catalogue_texts import AssetRole, TextKey
    from curator.core.services import ProjectService

Value = tuple["str | TextKey", str, str]


class CatalogueOperations:
    """Writes to the catalogue's texts and images, each one edit."""

    def __init__(self, service: ProjectService) -> None:
        self._service = service

    def write_texts(self, values: Sequence[tuple[str, str, str]]) -> ChangeSet:
        """Write ``(key, language, text)`` values already checked, as one edit."""
        service = self._service
        if not values:
            return ChangeSet()  # nothing to write: a read-only project is not refused
        with service.store.transaction():
            stored = service.catalogue.texts()
            before = tuple(
                (key, language, stored.get(key, {}).get(language, ""))
                for key, language, _text in values
            )
            for key, language, text in values:
                service.catalogue.set_text(key, language, text)
        return ChangeSet(catalogue=True, undo=RestoreCatalogue(texts=tuple(reversed(before))))

    def set_texts(self, values: Sequence[Value]) -> ChangeSet:
        """Set ``(key, language, text)`` values as one edit (see ``catalogue_texts.set_texts``).

        Raises:
            UsageError: An unknown key or language, a text too long, a wrong ISBN. Nothing
                is changed then.
        """
        from curator.core.publishing import catalogue_texts  # it reads the project service

        edits = catalogue_texts.plan_texts(self._service, values)
        return self.write_texts([(e.key.value, e.language, e.text) for e in edits])

    def add_image(self, role: AssetRole, name: str, data: bytes) -> tuple[StoredAsset, ChangeSet]:
        """Keep an image (a logo after the others; a signature replaces one), as one edit.

        Raises:
            UsageError: Not an image the catalogue can carry, or too many logos.
        """
        from curator.core.publishing import catalogue_texts

        service = self._service
        media_type = catalogue_texts.check_asset(name, data)
        with service.store.transaction():
            existing = service.catalogue.assets(role.value)
            if (
                role is catalogue_texts.AssetRole.LOGO
                and len(existing) >= catalogue_texts.MAX_LOGOS
            ):
                raise UsageError(
                    _(
                        "The catalogue already has %(count)d logos; remove one before adding"
                        " %(file)s."
                    )
                    % {"count": catalogue_texts.MAX_LOGOS, "file": name}
                )
            replaced = existing if role is catalogue_texts.AssetRole.SIGNATURE else []
            for old in replaced:
                service.catalogue.remove_asset(old.id)
            asset_id = service.catalogue.add_asset(role.value, name, media_type, data)
            added = next(a for a in service.catalogue.assets(role.value) if a.id == asset_id)
        undo = RestoreCatalogue(gone=(added,), back=tuple(replaced))
        return added, ChangeSet(catalogue=True, undo=undo)

    def remove_image(self, asset_id: int) -> tuple[StoredAsset, ChangeSet]:
        """Forget an image, as one edit; returns it.

        Raises:
            UsageError: No image has that id.
        """
        service = self._service
        with service.store.transaction():
            found = next((a for a in service.catalogue.assets() if a.id == asset_id), None)
            if found is None:
                raise UsageError(
                    _("The catalogue has no logo or signature %(id)d.") % {"id": asset_id}
                )
            service.catalogue.remove_asset(asset_id)
        return found, ChangeSet(catalogue=True, undo=RestoreCatalogue(back=(found,)))

    def change(
        self,
        values: Sequence[Value],
        remove: Sequence[int] = (),
        add: Sequence[tuple[AssetRole, str, bytes]] = (),
    ) -> ChangeSet:
        """Set texts, remove images, then add images, all as one edit: whole or not at all."""
        texts: list[tuple[str, str, str]] = []
        gone: list[StoredAsset] = []
        back: list[StoredAsset] = []
        with self._service.store.transaction():
            steps = [self.set_texts(values)]
            steps += [self.remove_image(asset_id)[1] for asset_id in remove]
            steps += [self.add_image(role, name, data)[1] for role, name, data in add]
        for step in steps:
            if isinstance(step.undo, RestoreCatalogue):
                texts[:0] = step.undo.texts
                gone[:0] = step.undo.gone
                back[:0] = step.undo.back
        if not (texts or gone or back):
            return ChangeSet()
        undo = RestoreCatalogue(tuple(texts), tuple(gone), tuple(back))
        return ChangeSet(catalogue=True, undo=undo)

    def restore(self, undo: RestoreCatalogue) -> ChangeSet:
        """Apply undo data: texts written back, images removed and put back, as one edit."""
        service = self._service
        with service.store.transaction():
            written = self.write_texts(list(undo.texts))
            for asset in undo.gone:
                service.catalogue.remove_asset(asset.id)
            for asset in undo.back:
                service.catalogue.restore_asset(asset)
        texts = written.undo.texts if isinstance(written.undo, RestoreCatalogue) else ()
        return ChangeSet(catalogue=True, undo=RestoreCatalogue(texts, undo.back, undo.gone))

    def page_choice(self, photo_id: str) -> PageChoice:
        """A photo's chosen page template (``auto``: none, or one a newer Curator wrote)."""
        stored = self._service.catalogue.page_choices().get(photo_id)
        known = {choice.value for choice in PageChoice}
        return PageChoice(stored) if stored in known else PageChoice.AUTO

    def set_page_choice(self, photo_id: str, choice: PageChoice) -> ChangeSet:
        """Choose a photo's catalogue page template (``auto``: by the rules), as one edit.

        Nothing changes (the same choice): an empty change set.

        Raises:
            NotFoundError: The project has no such photo.
            ReadOnlyProjectError, ProjectOpenError: the project cannot be written.
        """
        service = self._service
        service.require_photo(photo_id)
        before = self.page_choice(photo_id)
        if before is choice:
            return ChangeSet()
        with service.store.transaction():
            service.catalogue.set_page_choice(photo_id, choice.value)
        return ChangeSet(
            catalogue=True,
            photos=frozenset({photo_id}),
            undo=RestorePageChoice(photo_id, before.value),
        )
