"""The catalogue's own texts in translators' files: what goes out, what a returned text does.

Every catalogue text that is text in each language (title, subtitle, foreword, signatory,
organisers, imprint; not the ISBN) is a unit of its own in every caption file, keyed
``catalogue:NAME``, after the captions. The rules are the captions': a text the curator
changed since the export is kept and the translator's is kept beside it (a conflict, see
the operation ``service.operations.exchange.resolve_kept``); a text whose source changed
since is written and says so; the limit of each text travels as its length budget, and a
longer text is refused.

Catalogue texts have no revision: the export record holds the text each unit sent (and
what an import wrote), and a stored text that is neither was changed here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from curator.core.errors import UsageError
from curator.core.language.text import clean_text
from curator.core.model import CaptionStatus
from curator.core.publishing.catalogue_texts import (
    KEY_LABELS,
    MAX_FOREWORD_CHARS,
    MAX_LINE_CHARS,
    MULTILINE_KEYS,
    NEUTRAL_KEYS,
    TextKey,
    clean_value,
)
from curator.core.repositories.exports import SentUnit
from curator.core.services import ProjectService
from curator.core.translators.caption_exchange import (
    CatalogueUnit,
    IncomingEntry,
    Note,
    parse_catalogue_key,
    source_hash,
)
from curator.core.translators.exchange_plan import PlanAction, PlanEntry
from curator.i18n import N_, _, translations_for

#: The catalogue texts that travel to translators, in the editor's order.
EXCHANGED_KEYS: tuple[TextKey, ...] = tuple(key for key in TextKey if key not in NEUTRAL_KEYS)

LIMIT_LABEL = N_("Length")
LIMIT_NOTE = N_("at most %(count)d characters")
WHAT_LABEL = N_("Catalogue")


def limit(key: TextKey) -> int:
    """The most characters the text may have (the unit's length budget)."""
    return MAX_FOREWORD_CHARS if key in MULTILINE_KEYS else MAX_LINE_CHARS


def catalogue_units(
    service: ProjectService, source: str, target: str, *, only_unfinished: bool = False
) -> tuple[CatalogueUnit, ...]:
    """The units of the catalogue texts that have a text in ``source``.

    ``only_unfinished``: only those without a translation into ``target`` yet.
    """
    texts = service.catalogue.texts()
    languages = service.project.languages()
    gettext = translations_for(target)[1].gettext
    units: list[CatalogueUnit] = []
    for key in EXCHANGED_KEYS:
        values = texts.get(key.value, {})
        source_text = values.get(source, "")
        if not source_text:
            continue
        target_text = values.get(target, "")
        if only_unfinished and target_text:
            continue
        notes = [Note(gettext(WHAT_LABEL), gettext(KEY_LABELS[key]))]
        # Other languages' texts help the translator; a foreword is left out (it may be as
        # long as the file's longest text, and a spreadsheet cell could not hold both).
        notes += [
            Note(tag, values[tag])
            for tag in languages
            if tag not in (source, target) and 0 < len(values.get(tag, "")) <= MAX_LINE_CHARS
        ]
        budget = limit(key)
        notes.append(Note(gettext(LIMIT_LABEL), gettext(LIMIT_NOTE) % {"count": budget}))
        units.append(
            CatalogueUnit(
                name=key.value,
                source=source_text,
                target=target_text,
                status=CaptionStatus.DRAFT if target_text else CaptionStatus.EMPTY,
                source_hash=source_hash(source_text),
                budget_chars=budget,
                notes=tuple(notes),
            )
        )
    return tuple(units)


def _refused(entry: IncomingEntry, message: str, name: str | None = None) -> PlanEntry:
    return PlanEntry(
        action=PlanAction.MALFORMED,
        key=entry.key,
        line=entry.line,
        incoming_text=entry.target,
        message=message,
        text_key=name,
    )


def plan_catalogue_entry(
    service: ProjectService,
    target: str,
    source: str,
    sent: Mapping[str, SentUnit],
    entry: IncomingEntry,
    seen: dict[str, int],
) -> PlanEntry:
    """What importing one ``catalogue:NAME`` entry would do; nothing is changed."""
    name = parse_catalogue_key(entry.key) or ""
    try:
        key = TextKey(name)
    except ValueError:
        key = None
    if key is None or key not in EXCHANGED_KEYS:
        message = _("“%(key)s” is not a catalogue text translators receive (%(keys)s).") % {
            "key": entry.key,
            "keys": ", ".join(k.value for k in EXCHANGED_KEYS),
        }
        return _refused(entry, message)
    if entry.key in seen:
        message = _("“%(key)s” appears twice; the first is on line %(line)d.") % {
            "key": entry.key,
            "line": seen[entry.key],
        }
        return _refused(entry, message, key.value)
    seen[entry.key] = entry.line
    stored = service.catalogue.texts().get(key.value, {})
    current = stored.get(target, "")
    unit = sent.get(entry.key)
    budget = unit.budget_chars if unit is not None else limit(key)
    raw = clean_text(entry.target)
    base = PlanEntry(
        action=PlanAction.UNCHANGED,
        key=entry.key,
        line=entry.line,
        current_text=current,
        current_status=CaptionStatus.DRAFT if current else CaptionStatus.EMPTY,
        incoming_text=raw,
        file_name="",
        sent_text=unit.target if unit is not None else None,
        budget_chars=budget,
        over_budget=budget is not None and len(raw) > budget,
        whitespace_trimmed=bool(raw) and entry.target.strip() != entry.target,
        text_key=key.value,
    )
    if not raw:
        return replace(base, action=PlanAction.UNTRANSLATED)
    try:
        text = clean_value(key, raw)
    except UsageError as error:
        return _refused(entry, str(error), key.value)
    base = replace(base, incoming_text=text)
    if unit is not None:
        known = {clean_text(unit.target)}
        if unit.applied_text is not None:
            known.add(unit.applied_text)
        curator_changed = current not in known
        translator_changed = text not in {clean_text(unit.target), unit.applied_text}
        hash_sent: str | None = unit.source_hash
    else:
        # No record of what was sent: any text here may be the curator's newer one.
        curator_changed = bool(current)
        translator_changed = True
        hash_sent = entry.source_hash
    source_now = stored.get(source, "")
    source_changed = hash_sent is not None and hash_sent != source_hash(source_now)
    status = CaptionStatus.NEEDS_REVIEW if source_changed else CaptionStatus.DRAFT
    if text == current:
        return base
    if curator_changed:
        if not translator_changed:
            return replace(base, reason=_("unchanged by the translator; your newer text stays"))
        reason = _(
            "the catalogue text was changed here after the file was made, and the "
            "translator's text differs from it"
        )
        return replace(base, action=PlanAction.CONFLICT, new_status=status, reason=reason)
    if source_changed:
        action = PlanAction.SOURCE_CHANGED
    elif not current:
        action = PlanAction.NEW
    else:
        action = PlanAction.CHANGED
    return replace(base, action=action, new_status=status)
