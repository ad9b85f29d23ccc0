"""What the guide's walkthrough booklet shows at each stop, read from the project.

One :class:`StopPage` per stop of the route, in order: the route's times to the stop, the
photo shown there (the stop's photo, else the first photo on the stop's panel) with its
headline and caption per language, the people it shows as the glossary renders their names
in every language (the transcription the credits use when the glossary lacks one), and the
curator's talking points per language; :class:`Walkthrough` adds the hall's plan and every
stop's place on it, for the plan drawn on each page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from curator.core.errors import UsageError
from curator.core.hall.model import Hall, PanelSize, Point
from curator.core.hall.visit import RouteTimes, StopTime
from curator.core.language.localized import render_name
from curator.core.model import CaptionField, GlossaryKind, PhotoFlag
from curator.core.publishing.labels_service import resolve_languages
from curator.core.services import ProjectService
from curator.i18n import _


@dataclass(frozen=True, slots=True)
class StopPage:
    """One page of the booklet: a stop with what is said and shown there."""

    number: int
    timed: StopTime
    reference: str
    photo_id: str | None
    thumbnail: bytes | None
    #: (language, headline, caption) in the chosen order.
    captions: tuple[tuple[str, str, str], ...]
    #: Each person shown: (language, name) in every chosen language.
    names: tuple[tuple[tuple[str, str], ...], ...]
    #: (language, talking points) in the chosen order ("" where none were written).
    points: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Walkthrough:
    """The whole booklet: the route's times, the plan, the pages, the languages."""

    title: str
    times: RouteTimes
    hall: Hall
    panels: dict[str, PanelSize]
    centres: dict[str, Point]
    languages: tuple[str, ...]
    pages: tuple[StopPage, ...]


def _photo_at(
    service: ProjectService, panel_id: str, photo_id: str | None, picks_only: bool
) -> str | None:
    """The stop's photo, else the panel's first (its first pick, with ``picks_only``)."""
    if photo_id is not None:
        return photo_id
    for slot in service.exhibition.slots(panel_id):
        if slot.photo_id is None:
            continue
        if not picks_only or service.photos.get(slot.photo_id).flag is PhotoFlag.PICK:
            return slot.photo_id
    return None


def _captions(
    service: ProjectService, photo_id: str | None, languages: Sequence[str]
) -> tuple[tuple[str, str, str], ...]:
    if photo_id is None:
        return ()
    rows = []
    for tag in languages:
        headline = service.queries.caption(photo_id, tag, CaptionField.HEADLINE)
        caption = service.queries.caption(photo_id, tag, CaptionField.CAPTION)
        rows.append((tag, headline.text if headline else "", caption.text if caption else ""))
    return tuple(rows)


def _names(
    service: ProjectService, photo_id: str | None, languages: Sequence[str]
) -> tuple[tuple[tuple[str, str], ...], ...]:
    if photo_id is None:
        return ()
    shown = service.shown.get(photo_id)
    if not shown.persons:
        return ()
    glossary = service.glossary.all()
    by_id = {entry.id: entry for entry in glossary}
    names = []
    for person in shown.persons:
        entry = by_id.get(person.entry_id)
        if entry is None:
            continue
        rendered = []
        for tag in languages:
            name = render_name(entry.terms, tag, glossary, (GlossaryKind.PERSON,))
            rendered.append((tag, name.text if name else ""))
        names.append(tuple(rendered))
    return tuple(names)


def walkthrough(
    service: ProjectService,
    route_name: str | None,
    languages: Sequence[str] | None,
    picks_only: bool = False,
) -> Walkthrough:
    """The booklet of route ``route_name`` in ``languages`` (default: the project's).

    A stop at a panel shows the panel's first photo (with ``picks_only``, its first pick);
    a stop at a photo shows that photo.

    Raises:
        UsageError: no route named (in a project of several), none by that name, a route
            without stops, or a language
            the project does not have.
    """
    if not route_name:  # a project with one route needs no name
        routes = service.operations.visit.routes()
        if len(routes) != 1:
            raise UsageError(_("Name the route the walkthrough is for: --route NAME."))
        route_name = routes[0].name
    chosen = resolve_languages(service, languages)
    plan = service.operations.visit.plan(route_name)
    if not plan.times.stops:
        raise UsageError(
            _("The route “%(route)s” has no stops yet.") % {"route": plan.times.route.name}
        )
    pages = []
    for number, timed in enumerate(plan.times.stops, 1):
        stop = timed.stop
        photo_id = _photo_at(service, stop.panel_id, stop.photo_id, picks_only)
        stored = service.media.thumbnail(photo_id) if photo_id else None
        panel = plan.panels.get(stop.panel_id)
        pages.append(
            StopPage(
                number=number,
                timed=timed,
                reference=panel.reference if panel else stop.panel_id,
                photo_id=photo_id,
                thumbnail=stored.jpeg if stored else None,
                captions=_captions(service, photo_id, chosen),
                names=_names(service, photo_id, chosen),
                points=tuple((tag, stop.point(tag)) for tag in chosen),
            )
        )
    title = _("Walkthrough: %(route)s") % {"route": plan.times.route.name}
    return Walkthrough(
        title,
        plan.times,
        service.operations.hall.get(),
        plan.panels,
        plan.centres,
        chosen,
        tuple(pages),
    )
