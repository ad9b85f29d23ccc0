"""A translator's file coming back: a plan of what each entry would do; nothing changes.

:func:`plan_import` compares every entry of a parsed file with the project (and with the record
of what the export sent); :mod:`curator.core.translators.exchange_apply` writes what the plan
allows. A
conflict never overwrites the curator's text: the translator's is kept beside it.
"""

from __future__ import annotations

import difflib
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from curator.core.errors import UsageError
from curator.core.language.languages import normalize_language
from curator.core.language.text import clean_text
from curator.core.model import Caption, CaptionField, CaptionStatus
from curator.core.operations import rules
from curator.core.progress import stop_if_cancelled
from curator.core.repositories.exports import ExportRecord, SentUnit
from curator.core.services import ProjectService
from curator.core.translators.caption_exchange import (
    EXCHANGED_FIELDS,
    IncomingEntry,
    IncomingFile,
    check_file_header,
    parse_catalogue_key,
    parse_key,
    parse_visit_key,
    source_hash,
)
from curator.i18n import N_, _


class PlanAction(StrEnum):
    """What importing one entry would do."""

    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"
    SOURCE_CHANGED = "source-changed"
    UNTRANSLATED = "untranslated"
    UNKNOWN_ID = "unknown-id"
    MALFORMED = "malformed"
    MISSING = "missing"


ACTION_LABELS: dict[PlanAction, str] = {
    PlanAction.NEW: N_("New translation"),
    PlanAction.CHANGED: N_("Changed"),
    PlanAction.UNCHANGED: N_("Unchanged"),
    PlanAction.CONFLICT: N_("Conflict"),
    PlanAction.SOURCE_CHANGED: N_("Source changed since export"),
    PlanAction.UNTRANSLATED: N_("Not translated"),
    PlanAction.UNKNOWN_ID: N_("Unknown id"),
    PlanAction.MALFORMED: N_("Malformed"),
    PlanAction.MISSING: N_("Not in the file"),
}

#: Entries that write the translator's text into the caption.
WRITING = frozenset({PlanAction.NEW, PlanAction.CHANGED, PlanAction.SOURCE_CHANGED})
#: Entries that are refused, each reported.
REFUSED = frozenset({PlanAction.UNKNOWN_ID, PlanAction.MALFORMED, PlanAction.MISSING})

#: Texts longer than this are shown as a word diff in the plan.
DIFF_FROM_CHARS = 80


@dataclass(frozen=True, slots=True)
class PlanEntry:
    """One entry of the file and what importing it would do."""

    action: PlanAction
    key: str
    line: int
    photo_id: str | None = None
    field: CaptionField | None = None
    current_text: str = ""
    current_status: CaptionStatus | None = None
    incoming_text: str = ""
    new_status: CaptionStatus | None = None
    base_revision: int | None = None
    message: str = ""
    #: The photo's file name, beside its id.
    file_name: str = ""
    #: The translation the export sent (``None`` when the project has no record of it).
    sent_text: str | None = None
    #: The length budget the export gave, and whether the new text is longer.
    budget_chars: int | None = None
    over_budget: bool = False
    #: The file's text had leading or trailing whitespace (or a final newline) that a
    #: caption cannot keep; the plan shows it rather than calling the entry unchanged.
    whitespace_trimmed: bool = False
    #: Why a conflict is one, or why an entry is left as it is.
    reason: str = ""
    #: The catalogue text (``title``...) of a ``catalogue:NAME`` entry; None for a caption.
    text_key: str | None = None
    #: The stop of a ``visit:STOP_ID`` entry (its talking points); None otherwise.
    stop_id: str | None = None

    @property
    def diff(self) -> str:
        """A word diff of the current and incoming texts when either is long, else ``""``."""
        return text_diff(self.current_text, self.incoming_text)


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """The whole file's plan; nothing has been changed yet."""

    path: Path
    format: str
    target_language: str
    source_language: str
    entries: tuple[PlanEntry, ...]
    #: The export the file was matched against (``None``: the file's own records).
    export_id: str | None = None

    def count(self, action: PlanAction) -> int:
        """How many entries would do ``action``."""
        return sum(1 for entry in self.entries if entry.action == action)

    def counts(self) -> dict[str, int]:
        """``{action: count}`` for every action, in a fixed order."""
        return {action.value: self.count(action) for action in PlanAction}


def _incoming_status(
    entry: IncomingEntry, text: str, current: Caption | None, source_changed: bool
) -> CaptionStatus:
    if source_changed:
        return CaptionStatus.NEEDS_REVIEW
    changed = current is None or current.text != text
    if entry.status == CaptionStatus.FINAL and changed:
        # "Final" (approved, reviewed) is the curator's sign-off: a new text from outside is
        # never final by itself; the most it gets is "needs review".
        return CaptionStatus.NEEDS_REVIEW
    if entry.status is not None and entry.status != CaptionStatus.EMPTY:
        return entry.status
    if (
        current is not None
        and current.text == text
        and current.status in (CaptionStatus.DRAFT, CaptionStatus.FINAL)
    ):
        return current.status
    return CaptionStatus.DRAFT


def text_diff(old: str, new: str) -> str:
    """``[-removed-]{+added+}`` word by word, when either text is long; else ``""``."""
    if not old or not new or max(len(old), len(new)) < DIFF_FROM_CHARS:
        return ""
    before, after = old.split(" "), new.split(" ")
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(" ".join(before[i1:i2]))
            continue
        if i2 > i1:
            parts.append("[-" + " ".join(before[i1:i2]) + "-]")
        if j2 > j1:
            parts.append("{+" + " ".join(after[j1:j2]) + "+}")
    return " ".join(parts)


def _refused(entry: IncomingEntry, action: PlanAction, message: str) -> PlanEntry:
    return PlanEntry(
        action=action,
        key=entry.key,
        line=entry.line,
        incoming_text=entry.target,
        message=message,
    )


def _trimmed(raw: str, text: str) -> bool:
    """Whether cleaning ``raw`` into ``text`` removed whitespace at either end."""
    lines = raw.replace("\r\n", "\n").replace("\r", "\n")
    return bool(text) and lines != lines.strip()


@dataclass(frozen=True, slots=True)
class _ExchangeContext:
    service: ProjectService
    target: str
    source: str
    sent: Mapping[str, SentUnit]
    names: Mapping[str, str]


def _plan_entry(context: _ExchangeContext, entry: IncomingEntry, seen: dict[str, int]) -> PlanEntry:
    service = context.service
    if entry.problem:
        return _refused(entry, PlanAction.MALFORMED, entry.problem)
    if parse_visit_key(entry.key) is not None:
        from curator.core.translators.visit_exchange import plan_points_entry

        return plan_points_entry(service, context.target, context.source, context.sent, entry, seen)
    if parse_catalogue_key(entry.key) is not None:
        from curator.core.translators.catalogue_exchange import plan_catalogue_entry

        return plan_catalogue_entry(
            service, context.target, context.source, context.sent, entry, seen
        )
    parsed = parse_key(entry.key)
    if parsed is None or parsed[1] not in EXCHANGED_FIELDS:
        message = _("“%(key)s” is not a Curator caption key (PHOTO_ID|field).") % {"key": entry.key}
        return _refused(entry, PlanAction.MALFORMED, message)
    if entry.key in seen:
        message = _("“%(key)s” appears twice; the first is on line %(line)d.") % {
            "key": entry.key,
            "line": seen[entry.key],
        }
        return _refused(entry, PlanAction.MALFORMED, message)
    seen[entry.key] = entry.line
    photo_id, field_ = parsed
    if photo_id not in context.names:
        return _refused(entry, PlanAction.UNKNOWN_ID, rules.no_photo(photo_id).message)
    sent = context.sent.get(entry.key)
    current = service.captions.get(photo_id, context.target, field_)
    current_text = current.text if current else ""
    current_status = current.status if current else CaptionStatus.EMPTY
    text = clean_text(entry.target)
    budget = sent.budget_chars if sent is not None else None
    base = PlanEntry(
        action=PlanAction.UNCHANGED,
        key=entry.key,
        line=entry.line,
        photo_id=photo_id,
        field=field_,
        current_text=current_text,
        current_status=current_status,
        incoming_text=text,
        base_revision=sent.revision if sent is not None else entry.revision,
        file_name=context.names[photo_id],
        sent_text=sent.target if sent is not None else None,
        budget_chars=budget,
        over_budget=budget is not None and len(text) > budget,
        whitespace_trimmed=_trimmed(entry.target, text),
    )
    if not text:
        return replace(base, action=PlanAction.UNTRANSLATED)
    current_revision = current.revision if current else 0
    translator_changed = True
    if sent is not None:
        known = {sent.revision, sent.applied_revision}
        curator_changed = current_revision not in known
        translator_changed = text not in {clean_text(sent.target), sent.applied_text}
        hash_sent: str | None = sent.source_hash
    elif entry.revision is None:
        curator_changed = bool(current_text)
        hash_sent = entry.source_hash
    else:
        curator_changed = current_revision != entry.revision
        hash_sent = entry.source_hash
    source_now = service.captions.get(photo_id, context.source, field_)
    source_changed = hash_sent is not None and hash_sent != source_hash(
        source_now.text if source_now else ""
    )
    if curator_changed:
        if text == current_text:
            return base
        if not translator_changed:
            return replace(base, reason=_("unchanged by the translator; your newer text stays"))
        status = _incoming_status(entry, text, None, source_changed)
        if sent is not None:
            reason = _(
                "the caption was changed here after the export (revision %(sent)d, now "
                "%(now)d) and the translator's text differs from it"
            ) % {"sent": sent.revision, "now": current_revision}
        else:
            reason = _(
                "the caption was changed here after the file was made, and the translator's "
                "text differs from it"
            )
        return replace(base, action=PlanAction.CONFLICT, new_status=status, reason=reason)
    status = _incoming_status(entry, text, current, source_changed)
    if text == current_text and status == current_status:
        return base
    if source_changed and text != current_text:
        action = PlanAction.SOURCE_CHANGED
    elif not current_text:
        action = PlanAction.NEW
    else:
        action = PlanAction.CHANGED
    return replace(base, action=action, new_status=status)


def _record_for(
    service: ProjectService, incoming: IncomingFile, target: str
) -> ExportRecord | None:
    """The export a file came from, by the id in its header.

    A file that lost every record of its own (no id, no revisions) is matched with the
    newest export into its language that sent its keys.
    """
    if incoming.export_id:
        record = service.exports.get(incoming.export_id)
        if record is not None:
            return record
    if any(entry.revision is not None for entry in incoming.entries):
        return None
    keys = [entry.key for entry in incoming.entries if not entry.problem]
    found = service.exports.latest_with(target, keys)
    return None if found is None else service.exports.get(found)


def _keyed(entries: Sequence[IncomingEntry], record: ExportRecord | None) -> list[IncomingEntry]:
    """The entries, with lost keys found again and untranslated duplicates dropped.

    A tool that drops the key but keeps Curator's record of origin (translate-toolkit's
    ``po2xliff`` keeps a PO's comments, not its ``msgctxt``) leaves the source hash: with
    the export record it names the entry again (the first entry sent with that source
    and revision that the file does not name otherwise, in file order). A file that
    holds an entry twice, once untranslated (``po2xliff -t`` adds its translated copy of
    the template's entries in a second ``<file>``), is read as the translated one.
    """
    result = list(entries)
    if record is not None:
        named = {entry.key for entry in result if entry.key and entry.target.strip()}
        by_hash: dict[str, list[SentUnit]] = {}
        for unit in record.units:
            if unit.key not in named:
                by_hash.setdefault(unit.source_hash, []).append(unit)
        for index, entry in enumerate(result):
            if entry.key or entry.problem or not entry.source_hash:
                continue
            candidates = by_hash.get(entry.source_hash, [])
            for position, unit in enumerate(candidates):
                if entry.revision in (None, unit.revision):
                    result[index] = replace(entry, key=unit.key)
                    del candidates[position]
                    break
    translated = {entry.key for entry in result if entry.key and entry.target.strip()}
    counts: dict[str, int] = {}
    for entry in result:
        counts[entry.key] = counts.get(entry.key, 0) + 1
    return [
        entry
        for entry in result
        if not (counts[entry.key] > 1 and not entry.target.strip() and entry.key in translated)
    ]


def _mark_cut(planned: list[PlanEntry]) -> None:
    """A file without its end mark: its last entry may be cut, so it is not applied."""
    readable = [index for index, entry in enumerate(planned) if entry.action not in REFUSED]
    if not readable:
        return
    last = max(readable, key=lambda index: planned[index].line)
    planned[last] = replace(
        planned[last],
        action=PlanAction.MALFORMED,
        new_status=None,
        message=_(
            "the file ends without the end mark Curator wrote after the last entry: it was "
            "probably cut short, so this text may be incomplete."
        ),
    )


def _missing(
    record: ExportRecord, planned: list[PlanEntry], names: Mapping[str, str]
) -> list[PlanEntry]:
    """Entries the export sent that the file lacks, planned as missing.

    When everything after the last entry read is missing, the file was cut short and
    that last entry may be cut too: it is planned as malformed.
    """
    present = {entry.key for entry in planned}
    absent = [unit for unit in record.units if unit.key not in present]
    if not absent:
        return []
    read = [unit.position for unit in record.units if unit.key in present]
    cut_after = max(read) if read else -1
    if all(unit.position > cut_after for unit in absent) and read:
        last_key = record.units[cut_after].key
        message = _(
            "the file ends after this entry and the %(count)d entries sent after it are "
            "missing: it was probably cut short, so this text may be incomplete."
        ) % {"count": len(absent)}
        for index, entry in enumerate(planned):
            if entry.key == last_key and entry.action not in REFUSED:
                planned[index] = replace(
                    entry, action=PlanAction.MALFORMED, new_status=None, message=message
                )
    missing: list[PlanEntry] = []
    for unit in absent:
        parsed = parse_key(unit.key)
        photo_id, field_ = parsed if parsed else (None, None)
        missing.append(
            PlanEntry(
                action=PlanAction.MISSING,
                key=unit.key,
                line=0,
                photo_id=photo_id,
                field=field_,
                file_name=names.get(photo_id or "", ""),
                sent_text=unit.target,
                message=_("sent in the export but not in the file."),
                text_key=parse_catalogue_key(unit.key),
            )
        )
    return missing


def plan_import(
    service: ProjectService,
    incoming: IncomingFile,
    path: Path,
    *,
    target_language: str | None = None,
    cancel: threading.Event | None = None,
) -> ImportPlan:
    """Compare a parsed file with the project, entry by entry; nothing is changed.

    Args:
        service: The open project.
        incoming: The parsed file.
        path: Its path, for messages.
        target_language: The language the file is in, when the file does not say (a CSV
            whose extra columns were removed). A file that says another language is
            refused: this never moves a file into another language.
        cancel: Set to stop (CancelledError); planning changes nothing anyway.

    The file is matched against the project's record of the export it came from (the id
    in its header), so what tools do to its comments does not matter; entries the export
    sent that the file lacks are planned as missing.

    Raises:
        UsageError: a file of another project, without a known target language, in a
            language the project does not have, or in another language than ``target_language``.
    """
    check_file_header(service, incoming, path)
    project = service.project.get()
    said = incoming.target_language
    if target_language and said and normalize_language(target_language) != normalize_language(said):
        raise UsageError(
            _(
                "%(file)s says it is in “%(said)s”, not “%(given)s”; nothing was "
                "imported. --lang is only for files that do not say."
            )
            % {"file": path, "said": said, "given": target_language},
            path=path,
        )
    given = said or target_language
    if not given:
        raise UsageError(
            _(
                "%(file)s does not say which language it is in; name it "
                "(--lang on the command line)."
            )
            % {"file": path},
            path=path,
        )
    target = normalize_language(given)
    source = normalize_language(incoming.source_language or project.source_language)
    for tag in (target, source):
        if tag not in project.languages:
            raise UsageError(
                _("%(file)s is in “%(tag)s”, which is not one of the project's languages.")
                % {"file": path, "tag": tag},
                path=path,
            )
    record = _record_for(service, incoming, target)
    if record is not None and record.language != target:
        raise UsageError(
            _(
                "%(file)s was exported for “%(sent)s” but says it is in “%(said)s”; nothing "
                "was imported."
            )
            % {"file": path, "sent": record.language, "said": target},
            path=path,
        )
    names = {photo.id: photo.path.name for photo in service.photos.all()}
    sent = {unit.key: unit for unit in record.units} if record else {}
    context = _ExchangeContext(service, target, source, sent, names)
    seen: dict[str, int] = {}
    planned: list[PlanEntry] = []
    entries = _keyed(incoming.entries, record)
    for index, entry in enumerate(entries):
        if index % 200 == 0:
            stop_if_cancelled(cancel)
        planned.append(_plan_entry(context, entry, seen))
    if incoming.ended is False:
        _mark_cut(planned)
    if record is not None:
        planned += _missing(record, planned, names)
    export_id = record.export_id if record else None
    return ImportPlan(path, incoming.format, target, source, tuple(planned), export_id)
