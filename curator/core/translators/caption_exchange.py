"""Caption files for translators, the domain side: what goes out and what a file brings back.

A caption file holds *units*: one caption field of one photo (key ``PHOTO_ID|field``), its
text in the source language, the target language's current text and status, notes for the
translator and the length budget. Each unit records what it was made from: the revision of
the target field and a hash of the source text. When the file comes back,
:func:`~curator.core.translators.exchange_plan.plan_import` compares those records with the project
to
tell, per unit, whether the translator or the curator (or both) changed something.

The catalogue's own texts (title, foreword, imprint...) travel in the same files as their own
units (:class:`CatalogueUnit`, key ``catalogue:title``), after the captions; see
:mod:`curator.core.translators.catalogue_exchange`. So do the talking points of the visit's
stops (:class:`PointsUnit`, key ``visit:STOP_ID``), last; see
:mod:`curator.core.translators.visit_exchange`.

The file formats (PO, XLIFF, CSV, XLSX) live in :mod:`curator.exchange.captions`; they turn
units into bytes and bytes into :class:`IncomingEntry` values, and know nothing of projects.
"""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from curator.core.errors import UsageError
from curator.core.language.text import nfc
from curator.core.layout.style import TextMeasure
from curator.core.model import (
    ALT_TEXT_GUIDE,
    EXTENDED_DESCRIPTION_GUIDE,
    FIELD_LABELS,
    CaptionField,
    CaptionStatus,
    Photo,
)
from curator.core.operations import rules
from curator.core.progress import stop_if_cancelled
from curator.core.repositories.exports import SentUnit
from curator.core.services import ProjectService
from curator.i18n import N_, _, translations_for

#: The fields translators translate. Date and credit are written by rules in every
#: language (see :mod:`curator.core.language.localized` and
#: :mod:`curator.core.language.credits`): they go in the notes instead.
EXCHANGED_FIELDS: tuple[CaptionField, ...] = (
    CaptionField.HEADLINE,
    CaptionField.CAPTION,
    CaptionField.PLACE,
    CaptionField.ALT,
    CaptionField.DESCRIPTION,
)

#: Characters a field not printed should keep within: its budget in a translator's file.
#: The alt text's is the IPTC guide; the extended description's is IIM's caption length,
#: which the newsroom systems that will show it all hold.
GUIDE_BUDGETS: dict[CaptionField, int] = {
    CaptionField.ALT: ALT_TEXT_GUIDE,
    CaptionField.DESCRIPTION: EXTENDED_DESCRIPTION_GUIDE,
}

#: Written into every file; a file with another major version is refused.
FORMAT_VERSION = "1"

KEY_SEPARATOR = "|"

#: The key of the entry that closes a PO file: a file cut at a line break is valid PO, so
#: only a missing end mark shows that its last text may be cut.
END_KEY = "curator|end"

LENGTH_LABEL = N_("Length")
LENGTH_NOTE = N_("at most %(count)d characters in the layout")
GUIDE_NOTE = N_("about %(count)d characters at most (not printed: read by screen readers)")


def source_hash(text: str) -> str:
    """A short, stable fingerprint of a source text (NFC, trimmed)."""
    return hashlib.sha256(nfc(text).strip().encode("utf-8")).hexdigest()[:16]


#: The key of a catalogue text's unit is this and the text's name: ``catalogue:title``.
CATALOGUE_PREFIX = "catalogue:"
#: What stands for the photo's file name beside a catalogue text (PO ``#:``, XLIFF context).
CATALOGUE_FILE = "catalogue"


def catalogue_key(name: str) -> str:
    """``catalogue:NAME``, the id of a catalogue text's unit in every format."""
    return f"{CATALOGUE_PREFIX}{name}"


def parse_catalogue_key(key: str) -> str | None:
    """The text's name of a ``catalogue:NAME`` key (not checked against the texts), or None."""
    prefix, separator, name = key.strip().partition(":")
    if not separator or f"{prefix}:" != CATALOGUE_PREFIX or not name.strip():
        return None
    return name.strip()


#: The key of a stop's talking points (issue #26) is this and the stop's id: ``visit:v7k2m9xq``.
VISIT_PREFIX = "visit:"


def parse_visit_key(key: str) -> str | None:
    """The stop's id of a ``visit:STOP_ID`` key (not checked against the routes), or None."""
    prefix, separator, stop_id = key.strip().partition(":")
    return (
        stop_id.strip() if separator and f"{prefix}:" == VISIT_PREFIX and stop_id.strip() else None
    )


def is_unit_key(key: str) -> bool:
    """Whether ``key`` is a caption unit's, a catalogue text's or talking points' key."""
    return any(
        parse(key) is not None for parse in (parse_key, parse_catalogue_key, parse_visit_key)
    )


def unit_key(photo_id: str, field_: CaptionField) -> str:
    """``PHOTO_ID|field``, the id of a unit in every format."""
    return f"{photo_id}{KEY_SEPARATOR}{field_.value}"


def parse_key(key: str) -> tuple[str, CaptionField] | None:
    """The photo id and field of a key, or ``None`` when it is not one."""
    photo_id, separator, name = key.strip().rpartition(KEY_SEPARATOR)
    if not separator or not photo_id:
        return None
    try:
        return photo_id, CaptionField(name.strip())
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Note:
    """A line of context for the translator: a label and a text."""

    label: str
    text: str


@dataclass(frozen=True, slots=True)
class ExchangeUnit:
    """One caption field as it leaves the project."""

    photo_id: str
    field: CaptionField
    source: str
    target: str
    status: CaptionStatus
    revision: int
    source_hash: str
    budget_chars: int | None
    file_name: str
    notes: tuple[Note, ...] = ()

    @property
    def key(self) -> str:
        """``PHOTO_ID|field``."""
        return unit_key(self.photo_id, self.field)


@dataclass(frozen=True, slots=True)
class CatalogueUnit:
    """One of the catalogue's own texts (``name`` a catalogue text key) as it leaves.

    Catalogue texts have no revision or status of their own: the revision is 0 and the
    status is a draft when a translation exists; the export record keeps the text sent,
    which is what tells a text changed here since.
    """

    name: str
    source: str
    target: str
    status: CaptionStatus
    source_hash: str
    budget_chars: int | None
    notes: tuple[Note, ...] = ()
    revision: int = 0
    file_name: str = CATALOGUE_FILE

    @property
    def key(self) -> str:
        """``catalogue:NAME``."""
        return catalogue_key(self.name)


@dataclass(frozen=True, slots=True)
class PointsUnit(CatalogueUnit):
    """A stop's talking points as they leave (``name`` is the stop's id), after the catalogue's."""

    file_name: str = "visit"

    @property
    def key(self) -> str:
        """``visit:STOP_ID``."""
        return f"{VISIT_PREFIX}{self.name}"


#: A unit of a caption file: a caption field, a catalogue text or a stop's talking points.
FileUnit = ExchangeUnit | CatalogueUnit


@dataclass(frozen=True, slots=True)
class ExchangeHeader:
    """What a whole file was made from."""

    project_uid: str
    project_title: str
    source_language: str
    target_language: str
    created_at: datetime
    #: Written into the file; the project records what this export sent under it.
    export_id: str
    format_version: str = FORMAT_VERSION


@dataclass(frozen=True, slots=True)
class ExchangeDocument:
    """A caption file's content, before it is written in a format."""

    header: ExchangeHeader
    units: tuple[ExchangeUnit, ...]
    #: The catalogue's own texts, written after the captions, then the talking points.
    catalogue: tuple[CatalogueUnit, ...] = ()
    visit: tuple[PointsUnit, ...] = ()

    def file_units(self) -> tuple[FileUnit, ...]:
        """Every unit the file holds: the captions, the catalogue's texts, talking points."""
        return (*self.units, *self.catalogue, *self.visit)


@dataclass(frozen=True, slots=True)
class IncomingEntry:
    """One entry read back from a translator's file.

    ``status`` is what the file says in Curator's terms: ``None`` means "translated" with
    nothing finer (a PO entry that is not fuzzy), which keeps a field's draft or final status
    when its text did not change. ``problem`` is set, and the rest may be empty, when the
    entry could not be read.
    """

    line: int
    key: str
    target: str
    source: str | None = None
    status: CaptionStatus | None = None
    revision: int | None = None
    source_hash: str | None = None
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class IncomingFile:
    """A translator's file, parsed. Header values are ``None`` when the file lost them."""

    format: str
    entries: tuple[IncomingEntry, ...]
    project_uid: str | None = None
    source_language: str | None = None
    target_language: str | None = None
    format_version: str | None = None
    #: The export the file came from, when its header still says.
    export_id: str | None = None
    #: Whether the file's end mark was read (``None``: the format has none). A file
    #: without it was cut short, and its last entry may be too.
    ended: bool | None = None


@dataclass(frozen=True, slots=True)
class ExportScope:
    """Which fields go into a file."""

    target_language: str
    source_language: str | None = None
    section_id: str | None = None
    only_unfinished: bool = False
    fields: tuple[CaptionField, ...] = EXCHANGED_FIELDS
    #: Whether the catalogue's own texts go too (a file for one section carries none).
    catalogue: bool = True


def check_file_header(service: ProjectService, incoming: IncomingFile, path: Path) -> None:
    """Refuse a file made for another project or by a newer Curator."""
    project = service.project.get()
    if incoming.project_uid and incoming.project_uid != project.uid:
        raise UsageError(
            _(
                "%(file)s was exported from another project, not from “%(title)s”; "
                "nothing was imported."
            )
            % {"file": path, "title": project.title},
            path=path,
        )
    version = incoming.format_version
    if version and version.split(".")[0] != FORMAT_VERSION:
        raise UsageError(
            _("%(file)s was written by a newer Curator (caption file format %(version)s).")
            % {"file": path, "version": version},
            path=path,
        )


def _photos_in_scope(service: ProjectService, section_id: str | None) -> list[Photo]:
    if section_id is None:
        placed = [
            photo_id
            for section in service.exhibition.sections()
            for photo_id in service.exhibition.photo_ids(section.id)
        ]
        order = {photo_id: index for index, photo_id in enumerate(placed)}
        photos = list(service.photos.all())
        return sorted(photos, key=lambda p: (order.get(p.id, len(order)), p.path.name, p.id))
    service.exhibition.section(section_id)  # raises KeyError for an unknown id
    return [service.photos.get(photo_id) for photo_id in service.exhibition.photo_ids(section_id)]


def _notes(
    languages: Sequence[str],
    source: str,
    target: str,
    texts: Mapping[str, Mapping[CaptionField, str]],
    field_: CaptionField,
    budget: int | None,
) -> tuple[Note, ...]:
    # The notes are read by the translator: in the target language when Curator speaks it.
    gettext = translations_for(target)[1].gettext
    notes: list[Note] = []
    for tag in languages:
        if tag in (source, target):
            continue
        text = texts.get(tag, {}).get(field_, "")
        if text:
            notes.append(Note(tag, text))
    for extra in (CaptionField.PLACE, CaptionField.DATE, CaptionField.CREDIT):
        if extra == field_:
            continue
        text = texts.get(target, {}).get(extra, "") or texts.get(source, {}).get(extra, "")
        if text:
            notes.append(Note(gettext(FIELD_LABELS[extra]), text))
    if budget is not None:
        note = GUIDE_NOTE if field_ in GUIDE_BUDGETS else LENGTH_NOTE
        notes.append(Note(gettext(LENGTH_LABEL), gettext(note) % {"count": budget}))
    return tuple(notes)


def build_export(
    service: ProjectService,
    scope: ExportScope,
    budgets: Mapping[tuple[str, CaptionField], int] | None = None,
    cancel: threading.Event | None = None,
) -> ExchangeDocument:
    """The units of a caption file for one target language.

    Args:
        service: The open project.
        scope: Target and source language, section, whether only unfinished fields go.
        budgets: Characters that fit, by photo and field, in the target language (from the
            layout); fields without one carry none.
        cancel: Set to stop (CancelledError); nothing is written anyway.

    Raises:
        UsageError: a language that is not the project's, target equal to source, or an
            unknown section.
    """
    project = service.project.get()
    languages = list(project.languages)
    target = rules.project_language(languages, scope.target_language)
    source = rules.project_language(languages, scope.source_language or project.source_language)
    if target == source:
        raise UsageError(
            _("The target language is the source language (“%(tag)s”); choose another.")
            % {"tag": target}
        )
    try:
        photos = _photos_in_scope(service, scope.section_id)
    except KeyError:
        raise rules.no_section(scope.section_id or "") from None
    units: list[ExchangeUnit] = []
    for photo in photos:
        stop_if_cancelled(cancel)
        stored = service.captions.for_photo(photo.id)
        texts: dict[str, dict[CaptionField, str]] = {}
        for caption in stored:
            texts.setdefault(caption.language, {})[caption.field] = caption.text
        by_key = {(c.language, c.field): c for c in stored}
        for field_ in scope.fields:
            source_text = texts.get(source, {}).get(field_, "")
            if not source_text:
                continue
            current = by_key.get((target, field_))
            status = current.status if current and current.text else CaptionStatus.EMPTY
            if scope.only_unfinished and status == CaptionStatus.FINAL:
                continue
            budget = (budgets or {}).get((photo.id, field_), GUIDE_BUDGETS.get(field_))
            units.append(
                ExchangeUnit(
                    photo_id=photo.id,
                    field=field_,
                    source=source_text,
                    target=current.text if current else "",
                    status=status,
                    revision=current.revision if current else 0,
                    source_hash=source_hash(source_text),
                    budget_chars=budget,
                    file_name=photo.path.name,
                    notes=_notes(languages, source, target, texts, field_, budget),
                )
            )
    catalogue: tuple[CatalogueUnit, ...] = ()
    if scope.catalogue and scope.section_id is None:
        from curator.core.translators.catalogue_exchange import catalogue_units

        catalogue = catalogue_units(service, source, target, only_unfinished=scope.only_unfinished)
    visit: tuple[PointsUnit, ...] = ()
    if scope.section_id is None:
        from curator.core.translators.visit_exchange import points_units

        visit = points_units(service, source, target, only_unfinished=scope.only_unfinished)
    header = ExchangeHeader(
        project_uid=project.uid,
        project_title=project.title,
        source_language=source,
        target_language=target,
        created_at=datetime.now(UTC).replace(microsecond=0),
        export_id=new_export_id(),
    )
    return ExchangeDocument(header, tuple(units), catalogue, visit)


def new_export_id() -> str:
    """A fresh id for an export: 32 lowercase hex digits."""
    return uuid.uuid4().hex


def record_export(service: ProjectService, document: ExchangeDocument, fmt: str) -> bool:
    """Record what a file sends (under its export id): the operation ``exchange.record_sent``.

    Import matches the file against this record, not against comments a tool may rewrite.
    Returns False, recording nothing, when the project is open read-only.
    """
    if service.read_only:
        return False
    header = document.header
    sent = tuple(
        SentUnit(
            key=unit.key,
            position=position,
            revision=unit.revision,
            source_hash=unit.source_hash,
            target=unit.target,
            status=unit.status,
            budget_chars=unit.budget_chars,
        )
        for position, unit in enumerate(document.file_units())
    )
    service.operations.exchange.record_sent(
        header.export_id, header.target_language, header.source_language, fmt, sent
    )
    return True


def layout_budgets(
    service: ProjectService, measure: TextMeasure, language: str
) -> dict[tuple[str, CaptionField], int]:
    """Characters each placed photo's caption and headline may hold in ``language``.

    A photo on several panels gets the smallest budget; unplaced photos get none.
    """
    from curator.core.editing.layout_service import section_geometry

    budgets: dict[tuple[str, CaptionField], int] = {}
    for section in service.exhibition.sections():
        for panel in section_geometry(service, section.id, measure):
            for slot in panel.slots:
                if slot.photo_id is None:
                    continue
                for block in slot.captions:
                    if block.language != language:
                        continue
                    rooms = (
                        (CaptionField.CAPTION, block.budget_chars),
                        (CaptionField.HEADLINE, block.headline_budget_chars),
                    )
                    for field_, room in rooms:
                        if room is None or room <= 0:
                            continue
                        key = (slot.photo_id, field_)
                        budgets[key] = min(budgets.get(key, room), room)
    return budgets
