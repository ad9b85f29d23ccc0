"""Caption operations: writing fields, moving a field's text to another language.

Each call is one transaction that checks the rules first (the language is one of the
project's, every photo exists) and returns a :class:`ChangeSet` naming each field whose
text, status or authorship changed, before and after, with the undo that writes the old
values back. Photos and the fields' current values are read together in one query per
(language, field), so a commit from the caption panel costs a handful of statements at
any project size.

Optimistic concurrency (issue 23): an edit that names the revision its writer read
(:attr:`CaptionEdit.revision`; the window passes what it showed) is checked against the field
inside the transaction; a field changed meanwhile refuses the whole operation with a
:class:`~curator.core.errors.CaptionConflictError` carrying the other side's text. The
revision is per field, so edits of different fields (or languages) never refuse each other.
Undo data names the revision the edit left, so an undo refuses once someone changed the field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeVar

from curator.core.errors import CaptionConflictError, UsageError
from curator.core.language.text import clean_text
from curator.core.model import FIELD_LABELS, Caption, CaptionField, CaptionStatus
from curator.core.operations.changes import (
    CaptionChange,
    CaptionEdit,
    CaptionValue,
    ChangeSet,
    RestoreCaptions,
)
from curator.core.operations.rules import no_photo, project_language
from curator.i18n import _

if TYPE_CHECKING:
    from curator.core.services import ProjectService

Key = tuple[str, str, CaptionField]
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class CaptionRewrite:
    """One field that a replace or template would change: old text, new text."""

    photo_id: str
    language: str
    field: CaptionField
    old: str
    new: str
    matches: int = 0


def _value(caption: Caption | None) -> CaptionValue:
    if caption is None:
        return CaptionValue()
    return CaptionValue(caption.text, caption.status, caption.edited, caption.revision)


def _conflict(edit: CaptionEdit, current: Caption | None) -> CaptionConflictError:
    theirs = _value(current)
    return CaptionConflictError(
        _(
            "Someone else changed %(field)s (%(language)s) of this photo since you read it;"
            " your text was not saved."
        )
        % {"field": _(FIELD_LABELS[edit.field]), "language": edit.language},
        photo_id=edit.photo_id,
        language=edit.language,
        field=edit.field.value,
        theirs=theirs.text,
        theirs_status=theirs.status.value,
        theirs_revision=theirs.revision,
        mine=edit.text,
    )


class CaptionOperations:
    """Writes to caption fields, each one edit."""

    def __init__(self, service: ProjectService) -> None:
        self._service = service

    def _run(self, work: Callable[[], R]) -> R:
        """``work`` in one transaction, run again if the server ended it half-way."""
        store = self._service.store

        def once() -> R:
            with store.transaction():
                return work()

        return store.retrying(once)

    def set(self, edits: Sequence[CaptionEdit]) -> ChangeSet:
        """Write these fields (several photos, languages, fields) as one edit."""
        return self.write(edits)[1]

    def write(self, edits: Sequence[CaptionEdit]) -> tuple[list[Caption], ChangeSet]:
        """:meth:`set`, also returning each field as stored (in the order of ``edits``).

        Raises:
            UsageError: a language that is not one of the project's (nothing is written).
            NotFoundError: an id that names no photo (nothing is written).
            ReadOnlyProjectError, ProjectOpenError: the project cannot be written.
        """
        return self._run(lambda: self._write(edits))

    def rewrite(self, rewrites: Sequence[CaptionRewrite]) -> ChangeSet:
        """Write a preview's changes (find and replace, a template applied) as one edit.

        Each field must still hold the text the preview showed: checked in the same
        transaction as the write, so nothing is written when one changed since. The undo
        names the text each field was left with, so it refuses once someone changed one.

        Raises:
            UsageError: a field changed since the preview (nothing written); a language
                that is not one of the project's.
            NotFoundError: an id that names no photo (nothing is written).
            ReadOnlyProjectError, ProjectOpenError: the project cannot be written.
        """

        def work() -> ChangeSet:
            captions = self._service.captions
            for change in rewrites:
                current = captions.get(change.photo_id, change.language, change.field)
                if (current.text if current else "") != change.old:
                    raise UsageError(
                        _(
                            "The %(field)s of photo %(photo)s in %(language)s changed since the "
                            "preview; nothing was replaced. Preview again."
                        )
                        % {
                            "field": _(FIELD_LABELS[change.field]),
                            "photo": change.photo_id,
                            "language": change.language,
                        }
                    )
            edits = [CaptionEdit(c.photo_id, c.language, c.field, c.new) for c in rewrites]
            return self._write(edits)[1]

        return self._run(work)

    def set_text(
        self,
        photo_ids: list[str],
        language: str,
        field: CaptionField,
        text: str,
        revisions: Mapping[str, int] | None = None,
    ) -> ChangeSet:
        """Give one field of these photos this text, as one edit (typed in the window).

        Photos whose field already reads so keep it and its status; the others' status
        follows the text (draft, or empty when there is none). ``revisions`` gives, by
        photo, the field's revision the text was typed over (0: empty); a photo whose field
        moved on since refuses the edit with :class:`CaptionConflictError`.
        """
        wanted = clean_text(text)

        def work() -> ChangeSet:
            tag = project_language(self._service.project.languages(), language)
            current = self._current(list(dict.fromkeys(photo_ids)), tag, field)
            edits = [
                CaptionEdit(pid, tag, field, wanted, revision=_read(revisions, pid))
                for pid, caption in current.items()
                if (caption.text if caption else "") != wanted
            ]
            return self._write_known(edits, {(pid, tag, field): c for pid, c in current.items()})[1]

        return self._run(work)

    def set_status(
        self,
        photo_ids: list[str],
        language: str,
        field: CaptionField,
        status: CaptionStatus,
        revisions: Mapping[str, int] | None = None,
    ) -> ChangeSet:
        """Give one field of these photos this status (text kept), as one edit.

        ``revisions`` as for :meth:`set_text`: the status was chosen over those texts.
        """

        def work() -> ChangeSet:
            tag = project_language(self._service.project.languages(), language)
            current = self._current(list(dict.fromkeys(photo_ids)), tag, field)
            edits = [
                CaptionEdit(
                    pid,
                    tag,
                    field,
                    caption.text if caption else "",
                    status,
                    caption.edited if caption else True,
                    _read(revisions, pid),
                )
                for pid, caption in current.items()
                if (caption.status if caption else CaptionStatus.EMPTY) != status
            ]
            return self._write_known(edits, {(pid, tag, field): c for pid, c in current.items()})[1]

        return self._run(work)

    def move_language(
        self, photo_id: str, field: CaptionField, from_language: str, to_language: str
    ) -> tuple[Caption, Caption, ChangeSet]:
        """Say that a field's text is in another language, as one edit.

        If the other language already has text for the field, the two trade places.
        Returns both fields as they are now (``from_language`` first) and the change set.
        """
        service = self._service
        with service.store.transaction():
            languages = service.project.languages()
            source = project_language(languages, from_language)
            target = project_language(languages, to_language)
            if source == target:
                raise UsageError(_("The caption is already in “%(tag)s”.") % {"tag": source})
            moving = self._current([photo_id], source, field)[photo_id]
            staying = self._current([photo_id], target, field)[photo_id]
            if moving is None or not moving.text:
                raise UsageError(
                    _("There is no “%(field)s” text in “%(tag)s” to move.")
                    % {"field": _(FIELD_LABELS[field]), "tag": source}
                )
            back_text = staying.text if staying else ""
            back_status = staying.status if staying and staying.text else None
            (moved, left), changes = self._write(
                [
                    CaptionEdit(photo_id, target, field, moving.text, moving.status),
                    CaptionEdit(photo_id, source, field, back_text, back_status),
                ]
            )
        return left, moved, changes

    # -- inside the transaction ----------------------------------------------------------

    def regenerate(self, photo_ids: Iterable[str] | None = None) -> ChangeSet:
        """Write the place, date and credit fields again from the photos' data (None: all).

        Fields the curator edited stay as written. Runs inside the caller's transaction (an
        import, a settings change) or its own. The change set names the fields that changed;
        it has no undo of its own: these fields follow their data, so undoing the change of
        the data (a credit template, a glossary entry) writes them back.
        """
        from curator.core.language.generated import (  # it reads the project service
            CREDIT_TEMPLATES_SETTING,
            GENERATED_FIELDS,
            generate,
        )
        from curator.core.language.localized import RenderedText

        service = self._service
        project = service.project.get()
        glossary = service.glossary.all()
        stored = service.project.setting(CREDIT_TEMPLATES_SETTING, {})
        templates = stored if isinstance(stored, dict) else {}
        ids = list(photo_ids) if photo_ids is not None else [p.id for p in service.photos.all()]
        changes: list[CaptionChange] = []
        with service.store.transaction():
            for photo_id in ids:
                photo = service.photos.get(photo_id)
                credits = service.photos.credits(photo_id)
                for language in project.languages:
                    made = generate(
                        photo, credits, language, glossary, project.source_language, templates
                    )
                    for field in GENERATED_FIELDS:
                        current = service.captions.get(photo_id, language, field)
                        if current is not None and current.edited:
                            continue  # the curator's text stays as written
                        rendered = made.get(field, RenderedText("", False))
                        if current is None and not rendered.text:
                            continue
                        status = CaptionStatus.NEEDS_REVIEW if rendered.needs_review else None
                        after = service.captions.set(
                            photo_id, language, field, rendered.text, status, edited=False
                        )
                        if current is None or after.revision != current.revision:
                            changes.append(
                                CaptionChange(
                                    photo_id, language, field, _value(current), _value(after)
                                )
                            )
        return ChangeSet(
            captions=tuple(changes),
            photos=frozenset(change.photo_id for change in changes),
            regenerated=bool(changes),
        )

    def _current(
        self, photo_ids: list[str], language: str, field: CaptionField
    ) -> dict[str, Caption | None]:
        current = self._service.captions.of_photos(photo_ids, language, field)
        for photo_id in photo_ids:
            if photo_id not in current:
                raise no_photo(photo_id)
        return {photo_id: current[photo_id] for photo_id in photo_ids}

    def _write(self, edits: Sequence[CaptionEdit]) -> tuple[list[Caption], ChangeSet]:
        languages = self._service.project.languages()
        canonical: dict[str, str] = {}
        for edit in edits:
            if edit.language not in canonical:
                canonical[edit.language] = project_language(languages, edit.language)
        edits = [replace(edit, language=canonical[edit.language]) for edit in edits]
        groups: dict[tuple[str, CaptionField], list[str]] = {}
        for edit in edits:
            groups.setdefault((edit.language, edit.field), []).append(edit.photo_id)
        stored: dict[Key, Caption | None] = {}
        for (language, field), photo_ids in groups.items():
            current = self._current(list(dict.fromkeys(photo_ids)), language, field)
            for photo_id, caption in current.items():
                stored[photo_id, language, field] = caption
        return self._write_known(edits, stored)

    def _write_known(
        self, edits: Sequence[CaptionEdit], stored: dict[Key, Caption | None]
    ) -> tuple[list[Caption], ChangeSet]:
        """Write edits (canonical languages) over the fields just read into ``stored``."""
        before = dict(stored)
        for edit in edits:
            current = before[edit.photo_id, edit.language, edit.field]
            if edit.revision is not None and (current.revision if current else 0) != edit.revision:
                raise _conflict(edit, current)
            if edit.expected is not None and _value(current) != edit.expected:
                raise _conflict(edit, current)
        written = []
        for edit in edits:
            key = (edit.photo_id, edit.language, edit.field)
            caption = self._service.captions.write(
                *key, edit.text, edit.status, edit.edited, stored[key]
            )
            stored[key] = caption
            written.append(caption)
        keys = dict.fromkeys((edit.photo_id, edit.language, edit.field) for edit in edits)
        changes = tuple(
            CaptionChange(*key, _value(before[key]), _value(stored[key]))
            for key in keys
            if _value(before[key]) != _value(stored[key])
        )
        undo = RestoreCaptions(tuple(change.restoring() for change in changes))
        return written, ChangeSet(captions=changes, undo=undo if changes else None)


def _read(revisions: Mapping[str, int] | None, photo_id: str) -> int | None:
    """The revision the writer read for a photo's field (None: not checked)."""
    return None if revisions is None else revisions.get(photo_id)
