"""Talking points of the visit in translators' files: what goes out, what a returned text does.

Each stop's talking points (issue #26) are a unit of their own in every caption file for the
whole exhibition, keyed ``visit:STOP_ID`` (the stop keeps its id through moves), after the
captions and the catalogue's texts: no round trip mixes them with a caption. The rules are
the catalogue texts': talking points have no revision, the export record holds the text each
unit sent (and what an import wrote), and one stored that is neither was changed here since.
A translation the curator's newer text would replace is a conflict: the curator's text stays,
the translator's stays in the file (talking points keep nothing beside them). A login that may
not arrange the project (an editor on a server) leaves them as they are, said in the plan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from curator.core.hall.visit import Route
from curator.core.language.text import clean_text
from curator.core.model import CaptionStatus
from curator.core.repositories.exports import SentUnit
from curator.core.services import ProjectService
from curator.core.translators.caption_exchange import (
    IncomingEntry,
    Note,
    PointsUnit,
    parse_visit_key,
    source_hash,
)
from curator.core.translators.exchange_plan import PlanAction, PlanEntry
from curator.i18n import N_, _, translations_for

#: The most characters a stop's talking points may have (the unit's length budget).
MAX_POINTS_CHARS = 4000

WHAT_LABEL = N_("Talking points")
WHERE_NOTE = N_("%(route)s, stop %(stop)d")


def points_units(
    service: ProjectService, source: str, target: str, *, only_unfinished: bool = False
) -> tuple[PointsUnit, ...]:
    """The units of every stop with talking points in ``source``, route by route."""
    gettext = translations_for(target)[1].gettext
    languages = service.project.languages()
    units: list[PointsUnit] = []
    for route in service.visit.routes():
        for number, stop in enumerate(route.stops, 1):
            source_text, target_text = stop.point(source), stop.point(target)
            if not source_text or (only_unfinished and target_text):
                continue
            where = gettext(WHERE_NOTE) % {"route": route.name, "stop": number}
            notes = [Note(gettext(WHAT_LABEL), where)]
            notes += [
                Note(tag, stop.point(tag))
                for tag in languages
                if tag not in (source, target) and stop.point(tag)
            ]
            units.append(
                PointsUnit(
                    name=stop.stop_id,
                    source=source_text,
                    target=target_text,
                    status=CaptionStatus.DRAFT if target_text else CaptionStatus.EMPTY,
                    source_hash=source_hash(source_text),
                    budget_chars=MAX_POINTS_CHARS,
                    notes=tuple(notes),
                )
            )
    return tuple(units)


def _refused(entry: IncomingEntry, action: PlanAction, message: str) -> PlanEntry:
    return PlanEntry(action, entry.key, entry.line, incoming_text=entry.target, message=message)


def plan_points_entry(
    service: ProjectService,
    target: str,
    source: str,
    sent: Mapping[str, SentUnit],
    entry: IncomingEntry,
    seen: dict[str, int],
) -> PlanEntry:
    """What importing one ``visit:STOP_ID`` entry would do; nothing is changed."""
    stop_id = parse_visit_key(entry.key) or ""
    stop = next(
        (s for route in service.visit.routes() for s in route.stops if s.stop_id == stop_id), None
    )
    if stop is None:
        message = _("No route of the visit has the stop “%(stop)s” any more.") % {"stop": stop_id}
        return _refused(entry, PlanAction.UNKNOWN_ID, message)
    if entry.key in seen:
        message = _("“%(key)s” appears twice; the first is on line %(line)d.") % {
            "key": entry.key,
            "line": seen[entry.key],
        }
        return _refused(entry, PlanAction.MALFORMED, message)
    seen[entry.key] = entry.line
    current = stop.point(target)
    unit = sent.get(entry.key)
    text = clean_text(entry.target)
    budget = unit.budget_chars if unit is not None else MAX_POINTS_CHARS
    base = PlanEntry(
        action=PlanAction.UNCHANGED,
        key=entry.key,
        line=entry.line,
        current_text=current,
        current_status=CaptionStatus.DRAFT if current else CaptionStatus.EMPTY,
        incoming_text=text,
        sent_text=unit.target if unit is not None else None,
        budget_chars=budget,
        over_budget=budget is not None and len(text) > budget,
        whitespace_trimmed=bool(text) and entry.target.strip() != entry.target,
        stop_id=stop_id,
    )
    if not text:
        return replace(base, action=PlanAction.UNTRANSLATED)
    if unit is not None:
        known = {clean_text(unit.target), unit.applied_text}
        curator_changed = current not in known
        translator_changed = text not in known
        hash_sent: str | None = unit.source_hash
    else:
        curator_changed, translator_changed, hash_sent = bool(current), True, entry.source_hash
    source_changed = hash_sent is not None and hash_sent != source_hash(stop.point(source))
    status = CaptionStatus.NEEDS_REVIEW if source_changed else CaptionStatus.DRAFT
    if text == current:
        return base
    if not service.may_arrange:  # an editor on a server: the routes are the curators'
        return replace(base, reason=_("only a curator may change talking points; left as they are"))
    if curator_changed:
        if not translator_changed:
            return replace(base, reason=_("unchanged by the translator; your newer text stays"))
        reason = _(
            "the talking points were changed here after the file was made; yours stay, the "
            "translator's are in the file"
        )
        return replace(base, action=PlanAction.CONFLICT, new_status=status, reason=reason)
    if source_changed:
        action = PlanAction.SOURCE_CHANGED
    else:
        action = PlanAction.NEW if not current else PlanAction.CHANGED
    return replace(base, action=action, new_status=status)


def with_points(
    routes: tuple[Route, ...], points: Mapping[tuple[str, str], str], languages: Sequence[str]
) -> tuple[Route, ...]:
    """``routes`` with talking points written by (stop id, language), in the project's order."""
    changed = []
    for route in routes:
        stops = []
        for stop in route.stops:
            texts = dict(stop.points)
            texts.update({tag: t for (sid, tag), t in points.items() if sid == stop.stop_id})
            kept = tuple((tag, texts[tag]) for tag in languages if texts.get(tag))
            stops.append(replace(stop, points=kept))
        changed.append(replace(route, stops=tuple(stops)))
    return tuple(changed)
