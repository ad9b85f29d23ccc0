"""Working on many captions at once: find and replace, and caption templates.

Find and replace looks through one language's captions (one field or all), matches the way the
caption search does - case and accents folded by :func:`curator.core.language.folding.fold` unless
the
curator asks to match them - and returns a preview of every change before anything is written.
Applying a preview is one transaction (one edit, one undo step in the window); a caption that
changed since the preview was made refuses the whole edit.

A caption template is a named set of field values per language; ``{date}``, ``{place}`` and
``{photographer}`` are filled per photo and language the way the generated fields are written
(CLDR dates, glossary places and names). Templates are kept in the project settings, written
by :mod:`curator.core.operations.caption_templates`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from curator.core.errors import UsageError
from curator.core.language.folding import fold
from curator.core.language.localized import format_capture_date, render_name, render_place
from curator.core.language.text import clean_text
from curator.core.model import CaptionField, GlossaryKind
from curator.core.operations import ChangeSet, rules
from curator.core.operations.caption_templates import (
    VARIABLE,
    Template,
    no_template,
    read_templates,
)
from curator.core.operations.captions import CaptionRewrite as CaptionRewrite
from curator.core.services import ProjectService
from curator.i18n import _


@dataclass(frozen=True, slots=True)
class FindOptions:
    """How a search matches: whole words only, case and accents as typed or folded."""

    whole_words: bool = False
    match_case: bool = False
    match_accents: bool = False


def _key(char: str, options: FindOptions) -> str:
    """What one character is compared as."""
    if options.match_accents:
        return char if options.match_case else char.casefold()
    if options.match_case:
        folded = fold(char.lower())
        return folded.upper() if char != char.lower() else folded
    return fold(char)


def _keyed(text: str, options: FindOptions) -> tuple[str, list[int], list[bool]]:
    """``text`` as compared, with each compared character's source index and first-ness.

    A character may compare as several (``ß`` as ``ss``); only the first of them may start a
    match, so a match never splits one letter.
    """
    parts: list[str] = []
    origin: list[int] = []
    starts: list[bool] = []
    for index, char in enumerate(text):
        key = _key(char, options)
        parts.append(key)
        origin.extend([index] * len(key))
        starts.extend([True] + [False] * (len(key) - 1))
    return "".join(parts), origin, starts


def _is_word_char(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char)[0] == "M"


def find_spans(text: str, find: str, options: FindOptions) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of ``text`` matching ``find``, left to right, disjoint."""
    text = unicodedata.normalize("NFC", text)
    needle, _origin, _starts = _keyed(unicodedata.normalize("NFC", find), options)
    if not needle:
        return []
    haystack, origin, starts = _keyed(text, options)
    spans: list[tuple[int, int]] = []
    position = 0
    while True:
        at = haystack.find(needle, position)
        if at < 0:
            return spans
        end = at + len(needle)  # exclusive, in compared characters
        whole = end == len(haystack) or starts[end]
        if starts[at] and whole:
            start, stop = origin[at], origin[end - 1] + 1
            if not options.whole_words or (
                (start == 0 or not _is_word_char(text[start - 1]))
                and (stop == len(text) or not _is_word_char(text[stop]))
            ):
                spans.append((start, stop))
                position = end
                continue
        position = at + 1


def replace_in(text: str, find: str, replacement: str, options: FindOptions) -> tuple[str, int]:
    """``text`` with every match of ``find`` replaced, and how many there were."""
    text = unicodedata.normalize("NFC", text)
    spans = find_spans(text, find, options)
    if not spans:
        return text, 0
    out: list[str] = []
    last = 0
    for start, stop in spans:
        out.append(text[last:start])
        out.append(replacement)
        last = stop
    out.append(text[last:])
    return unicodedata.normalize("NFC", "".join(out)), len(spans)


def project_language(service: ProjectService, tag: str) -> str:
    """``tag`` in its canonical form, refused unless it is one of the project's languages."""
    return rules.require_language(service, tag)


def _stored_captions(
    service: ProjectService, language: str, fields: list[CaptionField]
) -> Iterator[tuple[str, CaptionField, str]]:
    """``(photo_id, field, text)`` of the language's non-empty fields, photo by photo."""
    return service.captions.written(language, fields)


def preview_replace(
    service: ProjectService,
    language: str,
    find: str,
    replacement: str,
    *,
    field: CaptionField | None = None,
    options: FindOptions = FindOptions(),
) -> list[CaptionRewrite]:
    """Every change replacing ``find`` by ``replacement`` would make (nothing is written)."""
    language = project_language(service, language)
    find = unicodedata.normalize("NFC", find)
    if not find.strip():
        raise UsageError(_("Type the text to find."))
    replacement = unicodedata.normalize("NFC", replacement)
    fields = [field] if field is not None else list(CaptionField)
    changes: list[CaptionRewrite] = []
    for photo_id, caption_field, text in _stored_captions(service, language, fields):
        new, count = replace_in(text, find, replacement, options)
        new = clean_text(new)
        if count and new != text:
            changes.append(CaptionRewrite(photo_id, language, caption_field, text, new, count))
    return changes


def apply_changes(service: ProjectService, changes: Iterable[CaptionRewrite]) -> int:
    """Write a preview's changes as one edit; returns how many fields changed.

    Refused (nothing written) when a read-only project is open or a field no longer holds
    the text the preview showed.
    """
    changes = list(changes)
    write_changes(service, changes)
    return len(changes)


def write_changes(service: ProjectService, changes: Iterable[CaptionRewrite]) -> ChangeSet:
    """:func:`apply_changes`, returning the change set (:meth:`CaptionOperations.rewrite`).

    Its undo names the text each field was left with, so undoing the batch refuses
    (:class:`~curator.core.errors.CaptionConflictError`) once someone changed a field since.
    """
    return service.operations.captions.rewrite(list(changes))


# ---------------------------------------------------------------------------------------------
# Templates (stored and checked by the operations: curator.core.operations.caption_templates)


def templates(service: ProjectService) -> dict[str, Template]:
    """The project's caption templates by name (anything malformed in storage left out)."""
    return read_templates(service)


def set_template_field(
    service: ProjectService, name: str, language: str, field: CaptionField, text: str
) -> dict[str, Template]:
    """Set one field of one language of a template (made when new); empty text removes it."""
    return set_template_fields(service, name, [(language, field, text)])


def set_template_fields(
    service: ProjectService, name: str, fields: Iterable[tuple[str, CaptionField, str]]
) -> dict[str, Template]:
    """Set ``(language, field, text)`` fields of a template (made when new) as one edit.

    An empty text removes its field. Every text is checked first: nothing is written when
    one is refused (an unknown variable, a language the project does not have). The
    operation, with its undo, is ``service.operations.templates.set_fields``.
    """
    return service.operations.templates.set_fields(name, fields)[0]


def delete_template(service: ProjectService, name: str) -> dict[str, Template]:
    """Forget a template; refused when there is none of that name (see the operation)."""
    return service.operations.templates.delete(name)[0]


def _variables(service: ProjectService, photo_id: str, language: str) -> dict[str, str]:
    photo = service.photos.get(photo_id)
    project = service.project.get()
    glossary = service.glossary.all()
    values = {"date": "", "place": "", "photographer": ""}
    if photo.captured_at is not None:
        values["date"] = format_capture_date(photo.captured_at, language)
    parts = [p for p in (photo.sublocation, photo.city, photo.country) if p]
    if parts:
        values["place"] = render_place(parts, language, glossary, project.source_language).text
    for credit in service.photos.credits(photo_id):
        name = render_name(credit.photographer, language, glossary, (GlossaryKind.PERSON,))
        if name is not None and name.text:
            values["photographer"] = name.text
            break
    return values


_GAP = re.compile(r"[ \t]{2,}")


def render_template_text(text: str, variables: dict[str, str]) -> str:
    """``text`` with its variables filled (a variable with no value leaves no double space)."""
    filled = VARIABLE.sub(lambda m: variables.get(m.group(1), ""), text)
    return clean_text(_GAP.sub(" ", filled))


def preview_template(
    service: ProjectService, name: str, photo_ids: list[str]
) -> list[CaptionRewrite]:
    """The changes applying template ``name`` to the photos would make, in project languages."""
    template = templates(service).get(name)
    if template is None:
        raise no_template(name)
    languages = service.project.languages()
    changes: list[CaptionRewrite] = []
    for photo_id in dict.fromkeys(photo_ids):
        service.require_photo(photo_id)
        for language in languages:
            fields = template.get(language)
            if not fields:
                continue
            variables = _variables(service, photo_id, language)
            for field_name, text in fields.items():
                field = CaptionField(field_name)
                new = render_template_text(text, variables)
                current = service.captions.get(photo_id, language, field)
                old = current.text if current else ""
                if new != old:
                    changes.append(CaptionRewrite(photo_id, language, field, old, new))
    return changes
