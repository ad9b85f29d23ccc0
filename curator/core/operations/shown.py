"""Who and what a photo shows, as operations: checked, one transaction, undoable.

Persons, organisations and places are picked from the glossary by any of their renderings,
variants or shortcut code (:func:`find_entry`); the event is text per project language, or
an event entry of the glossary, which gives it in every language at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from curator.core.errors import UsageError
from curator.core.language.folding import fold
from curator.core.model import GLOSSARY_KIND_LABELS, GlossaryEntry, GlossaryKind
from curator.core.operations.changes import ChangeSet, RestoreShown
from curator.core.operations.rules import project_language, require_photo
from curator.core.shown import Shown
from curator.i18n import _

if TYPE_CHECKING:
    from curator.core.services import ProjectService


def entry_names(entry: GlossaryEntry) -> Iterable[str]:
    """Every rendering and variant of ``entry``."""
    yield from entry.terms.values()
    for forms in entry.variants.values():
        yield from forms


def find_entry(
    entries: Sequence[GlossaryEntry], name: str, kinds: tuple[GlossaryKind, ...]
) -> GlossaryEntry:
    """The entry of one of ``kinds`` that ``name`` names (a rendering, a variant or its code).

    An exact match (ignoring case) wins; otherwise one that matches without diacritics.

    Raises:
        UsageError: no such entry, or more than one, named in the message.
    """
    wanted = name.strip()
    candidates = [entry for entry in entries if entry.kind in kinds]
    for match in (
        lambda text: text.casefold() == wanted.casefold(),
        lambda text: fold(text) == fold(wanted),
    ):
        found = [
            entry
            for entry in candidates
            if any(match(text) for text in entry_names(entry))
            or (entry.code and entry.code == wanted)
        ]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise UsageError(
                _("“%(name)s” names more than one glossary entry: %(entries)s.")
                % {
                    "name": wanted,
                    "entries": ", ".join(" / ".join(e.terms.values()) for e in found),
                }
            )
    raise UsageError(
        _("The glossary has no %(kind)s named “%(name)s”; add it to the glossary first.")
        % {"kind": _(GLOSSARY_KIND_LABELS[kinds[0]]), "name": wanted}
    )


def rendering(entry: GlossaryEntry, language: str, languages: Sequence[str] = ()) -> str:
    """The entry's rendering in ``language``, else in the first of ``languages`` it has."""
    for tag in (language, *languages):
        if entry.terms.get(tag):
            return entry.terms[tag]
    return next(iter(entry.terms.values()), "")


class GlossaryNames:
    """The glossary's entries by name, so that matching a file's names stays fast.

    Each lookup narrows the entries to those one of whose renderings, variants or code
    folds like the name, then applies :func:`find_entry`'s own rules to them.
    """

    def __init__(self, entries: Iterable[GlossaryEntry]) -> None:
        self._by_key: dict[str, list[GlossaryEntry]] = {}
        for entry in entries:
            names = list(entry_names(entry))
            keys = {fold(text) for text in names} | {text.casefold() for text in names}
            if entry.code:
                keys.add(f"\0{entry.code}")
            for key in keys:
                self._by_key.setdefault(key, []).append(entry)

    def find(self, names: Iterable[str], kind: GlossaryKind) -> GlossaryEntry | None:
        """The entry of ``kind`` the first of ``names`` that names one (and only one) names."""
        for name in names:
            wanted = name.strip()
            if not wanted:
                continue
            found = {
                entry.id: entry
                for key in (fold(wanted), wanted.casefold(), f"\0{wanted}")
                for entry in self._by_key.get(key, ())
            }
            try:
                return find_entry(list(found.values()), wanted, (kind,))
            except UsageError:
                continue
        return None


class ShownOperations:
    """Writes to what a photo shows, each one edit."""

    def __init__(self, service: ProjectService) -> None:
        self._service = service

    def get(self, photo_id: str) -> Shown:
        """What the photo shows.

        Raises:
            NotFoundError: no photo with this id.
        """
        require_photo(self._service, photo_id)
        return self._service.shown.get(photo_id)

    def find(self, name: str, kind: GlossaryKind) -> GlossaryEntry:
        """The glossary entry of ``kind`` that ``name`` names (see :func:`find_entry`)."""
        return find_entry(self._service.glossary.all(), name, (kind,))

    def edited(self, photo_id: str) -> bool:
        """Whether the curator edited what the photo shows (a re-read then leaves it alone).

        Raises:
            NotFoundError: no photo with this id.
        """
        require_photo(self._service, photo_id)
        return self._service.shown.edited(photo_id)

    def set(self, photo_id: str, shown: Shown, *, edited: bool = True) -> ChangeSet:
        """Make the photo show ``shown``, as one edit whose undo restores what it showed.

        The photo is marked as edited by the curator (``edited``; an undo gives back the
        mark it had), so that a re-read of its file keeps ``shown`` and delivery drops the
        original's entries the glossary knows but ``shown`` leaves out.

        Raises:
            NotFoundError: no photo with this id.
            UsageError: an entry that is missing or of the wrong kind, a person twice, a
                region outside the photo, an event in a language not the project's.
            ReadOnlyProjectError, ProjectOpenError: the project cannot be written.
        """
        service = self._service
        with service.store.transaction():
            require_photo(service, photo_id)
            self._check(shown)
            before = service.shown.get(photo_id)
            was_edited = service.shown.edited(photo_id)
            if before == shown:  # nothing to change: the mark stays as it is too
                return ChangeSet()
            service.shown.put(photo_id, shown, edited=edited)
        return ChangeSet(
            photos=frozenset({photo_id}), undo=RestoreShown(photo_id, before, was_edited)
        )

    def _check(self, shown: Shown) -> None:
        service = self._service
        wanted: list[tuple[int, GlossaryKind]] = [
            (person.entry_id, GlossaryKind.PERSON) for person in shown.persons
        ]
        wanted += [(entry_id, GlossaryKind.ORGANISATION) for entry_id in shown.organisations]
        for location in shown.locations:
            if not location.parts:
                raise UsageError(_("A location shown needs at least one place."))
            wanted += [(entry_id, GlossaryKind.PLACE) for _part, entry_id in location.parts]
        for entry_id, kind in wanted:
            try:
                entry = service.glossary.get(entry_id)
            except KeyError:
                raise UsageError(
                    _("The glossary has no entry %(id)d.") % {"id": entry_id}
                ) from None
            if entry.kind is not kind:
                raise UsageError(
                    _("“%(name)s” is not a %(kind)s in the glossary.")
                    % {"name": rendering(entry, ""), "kind": _(GLOSSARY_KIND_LABELS[kind])}
                )
        ids = [person.entry_id for person in shown.persons]
        if len(set(ids)) != len(ids) or len(set(shown.organisations)) != len(shown.organisations):
            raise UsageError(_("A person or organisation is shown only once per photo."))
        for person in shown.persons:
            if person.region is not None and not person.region.valid:
                raise UsageError(
                    _(
                        "A region is x,y,w,h as fractions of the photo (0 to 1), with a width "
                        "and height above 0, inside the photo."
                    )
                )
        languages = service.project.languages()
        for tag, _text in shown.events:
            project_language(languages, tag)
