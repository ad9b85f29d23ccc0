"""Arranging panels by hand: photos dropped on a panel, slots swapped, panels reordered, crops.

Each user action is an operation of :class:`curator.core.operations.panels.PanelOperations`
(one transaction, a change set naming the panels, sections and photos touched, undone by
putting back an :class:`ExhibitionSnapshot`, same ids). The ``write_*`` functions here are
their bodies and run inside the operation's transaction; the other public functions keep the
older return value (the exhibition as it was) for code that still reads it. Laying out every
section is undone the same way, since it also creates a section for loose photos.

A panel that gains or loses photos is planned again for exactly the photos it now holds
(:func:`~curator.core.layout.plan_panel`: its template is kept when it holds that many,
else the best template for that many is chosen); the section's other panels are left as
the curator arranged them. A photo always joins the section of the panel it is put on, next
to the panel's other photos in the visit order, so the panels and the visit agree.
"""

from __future__ import annotations

from curator.core.editing.layout_service import (
    DEFAULT_PANEL_SIZE_MM,
    caption_texts,
    cropped_info,
    lay_out_section,
    min_effective_ppi,
    require_section,
    title_band,
    write_panel_slots,
)
from curator.core.errors import NotFoundError, UsageError
from curator.core.layout import TextMeasure, max_photos_per_panel, plan_panel
from curator.core.layout.style import Product
from curator.core.model import Crop, Panel, Slot
from curator.core.operations import ChangeSet, ExhibitionSnapshot, RestoreExhibition
from curator.core.services import ProjectService
from curator.core.settings.wall_type import project_panel_style
from curator.i18n import _

#: Rounding slack for crop fractions typed or dragged.
_CROP_SLACK = 1e-6


__all__ = [
    "ExhibitionSnapshot",
    "check_crop",
    "exhibition_snapshot",
    "move_panel",
    "place_in_section",
    "place_on_panel",
    "require_panel",
    "require_slot",
    "restore_exhibition",
    "set_crop",
    "swap_slots",
]


def exhibition_snapshot(service: ProjectService) -> ExhibitionSnapshot:
    """The whole exhibition as it is now."""
    return ExhibitionSnapshot(tuple(service.exhibition.exhibition_rows()))


def restore_exhibition(service: ProjectService, snapshot: ExhibitionSnapshot) -> None:
    """Make the exhibition exactly what the snapshot holds (same ids), as one edit."""
    service.operations.panels.restore(snapshot)


def _before(service: ProjectService, changes: ChangeSet) -> ExhibitionSnapshot:
    """The exhibition before an operation (unchanged: as it is)."""
    undo = changes.undo
    if isinstance(undo, RestoreExhibition):
        return undo.snapshot
    return exhibition_snapshot(service)


def place_on_panel(
    service: ProjectService,
    panel_id: str,
    photo_ids: list[str],
    measure: TextMeasure | None = None,
) -> ExhibitionSnapshot:
    """Put photos on a panel (see :func:`write_place_on_panel`); returns the exhibition before."""
    return _before(service, service.operations.panels.place_on_panel(panel_id, photo_ids, measure))


def place_in_section(
    service: ProjectService,
    section_id: str,
    photo_ids: list[str],
    measure: TextMeasure | None = None,
) -> ExhibitionSnapshot:
    """Put photos in a section and on its panels; returns the exhibition before."""
    changes = service.operations.panels.place_in_section(section_id, photo_ids, measure)
    return _before(service, changes)


def swap_slots(
    service: ProjectService, slot_id: str, other_slot_id: str, measure: TextMeasure | None = None
) -> ExhibitionSnapshot:
    """Swap the photos of two slots; returns the exhibition before."""
    changes = service.operations.panels.swap_slots(slot_id, other_slot_id, measure)
    return _before(service, changes)


def move_panel(
    service: ProjectService, panel_id: str, index: int, measure: TextMeasure | None = None
) -> ExhibitionSnapshot:
    """Move a panel to ``index`` of its section; returns the exhibition before."""
    return _before(service, service.operations.panels.move_panel(panel_id, index, measure))


def set_crop(
    service: ProjectService, slot_id: str, crop: Crop, measure: TextMeasure | None = None
) -> ExhibitionSnapshot:
    """Set the part of its photo a slot prints; returns the exhibition before."""
    return _before(service, service.operations.panels.set_crop(slot_id, crop, measure))


def require_panel(service: ProjectService, panel_id: str) -> Panel:
    """The panel, or :class:`NotFoundError` naming the id."""
    try:
        return service.exhibition.panel(panel_id)
    except KeyError:
        raise NotFoundError(
            _("The project has no panel with id “%(id)s”.") % {"id": panel_id}
        ) from None


def require_slot(service: ProjectService, slot_id: str) -> Slot:
    """The slot, or :class:`NotFoundError` naming the id."""
    try:
        return service.exhibition.slot(slot_id)
    except KeyError:
        raise NotFoundError(
            _("The project has no slot with id “%(id)s”.") % {"id": slot_id}
        ) from None


# -- planning one panel again ---------------------------------------------------------------


def _photos_on(service: ProjectService, panel_id: str) -> list[str]:
    return [s.photo_id for s in service.exhibition.slots(panel_id) if s.photo_id]


def _crops(service: ProjectService, panel_ids: list[str]) -> dict[str, Crop]:
    return {
        slot.photo_id: slot.crop
        for panel_id in panel_ids
        for slot in service.exhibition.slots(panel_id)
        if slot.photo_id
    }


def _replan(
    service: ProjectService,
    panel: Panel,
    photo_ids: list[str],
    crops: dict[str, Crop],
    measure: TextMeasure | None,
) -> None:
    """Give a panel exactly these photos (none: the panel goes)."""
    if not photo_ids:
        service.exhibition.delete_panel(panel.id)
        return
    first = service.exhibition.panels(panel.section_id)[0].id == panel.id
    texts = caption_texts(service, photo_ids)
    infos = [
        cropped_info(service.photos.get(pid), crops.get(pid, Crop()), texts.get(pid, {}))
        for pid in photo_ids
    ]
    plan = plan_panel(
        infos,
        (panel.width_mm, panel.height_mm),
        panel.margin_mm,
        service.project.languages(),
        template=panel.template,
        min_ppi=min_effective_ppi(service, Product.PANELS),
        style=project_panel_style(service),
        measure=measure,
        title_band_mm=title_band(service) if first else 0.0,
    )
    service.exhibition.clear_panel(panel.id, plan.template)
    write_panel_slots(service, panel.id, plan, crops)


def _first_panel(service: ProjectService, section_id: str) -> str | None:
    panels = service.exhibition.panels(section_id)
    return panels[0].id if panels else None


def _settle_titles(
    service: ProjectService, section_id: str, old_first: str | None, measure: TextMeasure | None
) -> None:
    """When another panel now opens the section, both make room for the title (or take it)."""
    new_first = _first_panel(service, section_id)
    if new_first == old_first:
        return
    for panel in service.exhibition.panels(section_id):
        if panel.id in (old_first, new_first):
            photos = _photos_on(service, panel.id)
            _replan(service, panel, photos, _crops(service, [panel.id]), measure)


def _visit_order(service: ProjectService, section_id: str) -> list[str]:
    """The section's photos as its panels show them; photos on no panel keep their order."""
    on_panels = [
        pid
        for panel in service.exhibition.panels(section_id)
        for pid in _photos_on(service, panel.id)
    ]
    members = service.exhibition.photo_ids(section_id)
    shown = [pid for pid in dict.fromkeys(on_panels) if pid in members]
    return shown + [pid for pid in members if pid not in shown]


# -- the edits --------------------------------------------------------------------------------


def write_place_on_panel(
    service: ProjectService,
    panel_id: str,
    photo_ids: list[str],
    measure: TextMeasure | None = None,
) -> None:
    """Put photos on a panel (from the library, or from another panel); in a transaction.

    They join the panel's section and leave the slots they had. The panel is planned again
    for its photos and these; what no template holds goes onto new panels right after it.

    Raises:
        NotFoundError: An unknown panel or photo.
        UsageError: No photo, or a photo named twice.
    """
    panel = require_panel(service, panel_id)
    for photo_id in photo_ids:
        service.require_photo(photo_id)
    if not photo_ids or len(set(photo_ids)) != len(photo_ids):
        raise UsageError(_("Name each photo to place once."))
    section_id = panel.section_id
    current = _photos_on(service, panel_id)
    moving = [pid for pid in photo_ids if pid not in current]
    if moving:
        old_first = {s.id: _first_panel(service, s.id) for s in service.exhibition.sections()}
        crops = _crops(service, [s.panel_id for pid in moving for s in _slots(service, pid)])
        crops.update(_crops(service, [panel_id]))
        _leave_panels(service, moving, panel_id, measure)
        photos = current + moving
        keep = max_photos_per_panel()
        _replan(service, service.exhibition.panel(panel_id), photos[:keep], crops, measure)
        _add_panels_after(service, panel_id, photos[keep:], crops, measure)
        _join_section(service, section_id, moving)
        for sid, first in old_first.items():
            if any(s.id == sid for s in service.exhibition.sections()):
                _settle_titles(service, sid, first, measure)


def write_place_in_section(
    service: ProjectService,
    section_id: str,
    photo_ids: list[str],
    measure: TextMeasure | None = None,
) -> None:
    """Put photos in a section and on its panels (dropped on the canvas outside a panel).

    A section with panels takes them on its last panel (what it cannot hold goes onto new
    panels after it). A section without panels is laid out for its photos and these, which
    replaces nothing. Photos leave the slots and the section they had. In a transaction.

    Raises:
        NotFoundError: An unknown section or photo.
        UsageError: No photo, or a photo named twice.
    """
    require_section(service, section_id)
    for photo_id in photo_ids:
        service.require_photo(photo_id)
    if not photo_ids or len(set(photo_ids)) != len(photo_ids):
        raise UsageError(_("Name each photo to place once."))
    panels = service.exhibition.panels(section_id)
    if panels:
        write_place_on_panel(service, panels[-1].id, photo_ids, measure)
        return
    old_first = {s.id: _first_panel(service, s.id) for s in service.exhibition.sections()}
    _leave_panels(service, photo_ids, "", measure)
    moving = set(photo_ids)
    members = [pid for pid in service.exhibition.photo_ids(section_id) if pid not in moving]
    service.exhibition.set_section_photos(section_id, members + photo_ids)
    lay_out_section(service, section_id, DEFAULT_PANEL_SIZE_MM, None, measure)
    for sid, first in old_first.items():
        if sid != section_id and any(s.id == sid for s in service.exhibition.sections()):
            _settle_titles(service, sid, first, measure)


def _slots(service: ProjectService, photo_id: str) -> list[Slot]:
    return service.exhibition.slots_of_photo(photo_id)


def _leave_panels(
    service: ProjectService, photo_ids: list[str], target: str, measure: TextMeasure | None
) -> None:
    """Take photos off every panel but ``target``; those panels close up."""
    losing = {s.panel_id for pid in photo_ids for s in _slots(service, pid) if s.panel_id != target}
    leaving = set(photo_ids)
    for panel_id in losing:
        panel = service.exhibition.panel(panel_id)
        staying = [pid for pid in _photos_on(service, panel_id) if pid not in leaving]
        _replan(service, panel, staying, _crops(service, [panel_id]), measure)


def _add_panels_after(
    service: ProjectService,
    panel_id: str,
    photo_ids: list[str],
    crops: dict[str, Crop],
    measure: TextMeasure | None,
) -> None:
    panel = service.exhibition.panel(panel_id)
    keep = max_photos_per_panel()
    index = [p.id for p in service.exhibition.panels(panel.section_id)].index(panel_id)
    for start in range(0, len(photo_ids), keep):
        index += 1
        new = service.exhibition.add_panel(
            panel.section_id, panel.width_mm, panel.height_mm, panel.margin_mm, None
        )
        service.exhibition.move_panel(new.id, index)
        _replan(
            service, service.exhibition.panel(new.id), photo_ids[start : start + keep], crops,
            measure,
        )  # fmt: skip


def _join_section(service: ProjectService, section_id: str, photo_ids: list[str]) -> None:
    """Photos join the section where its panels show them."""
    moving = set(photo_ids)
    members = [pid for pid in service.exhibition.photo_ids(section_id) if pid not in moving]
    service.exhibition.set_section_photos(section_id, members + photo_ids)
    service.exhibition.set_section_photos(section_id, _visit_order(service, section_id))


def write_swap_slots(
    service: ProjectService, slot_id: str, other_slot_id: str, measure: TextMeasure | None = None
) -> None:
    """Swap the photos of two slots (their crops go with them); in a transaction.

    The photos also swap places in the visit (and sections, when the panels' differ); the
    panels are planned again for their new photos with their templates kept.
    """
    first, second = require_slot(service, slot_id), require_slot(service, other_slot_id)
    if first.id == second.id or first.photo_id == second.photo_id:
        return
    swap = {first.photo_id: second.photo_id, second.photo_id: first.photo_id}
    panels = list(dict.fromkeys([first.panel_id, second.panel_id]))
    crops = _crops(service, panels)
    sections = {service.exhibition.panel(pid).section_id for pid in panels}
    orders = {sid: service.exhibition.photo_ids(sid) for sid in sections}
    for section_id, order in orders.items():
        swapped = [swap.get(pid, pid) or pid for pid in order]
        service.exhibition.set_section_photos(section_id, swapped)
    for panel_id in panels:
        photos = [swap.get(pid, pid) for pid in _slot_photos(service, panel_id)]
        panel = service.exhibition.panel(panel_id)
        _replan(service, panel, [pid for pid in photos if pid], crops, measure)
    for section_id in sections:
        service.exhibition.set_section_photos(section_id, _visit_order(service, section_id))


def _slot_photos(service: ProjectService, panel_id: str) -> list[str | None]:
    return [slot.photo_id for slot in service.exhibition.slots(panel_id)]


def write_move_panel(
    service: ProjectService, panel_id: str, index: int, measure: TextMeasure | None = None
) -> None:
    """Move a panel to ``index`` of its section (0 first); in a transaction.

    The section's photos follow their panels in the visit; the panel that now opens the
    section makes room for its title and the one that did gives that room back.
    """
    panel = require_panel(service, panel_id)
    old_first = _first_panel(service, panel.section_id)
    service.exhibition.move_panel(panel_id, index)
    _settle_titles(service, panel.section_id, old_first, measure)
    order = _visit_order(service, panel.section_id)
    service.exhibition.set_section_photos(panel.section_id, order)


def check_crop(crop: Crop) -> None:
    """Raise :class:`UsageError` unless ``crop`` is a rectangle or a point inside the photo."""
    point = crop.w == 0 and crop.h == 0
    inside = (
        -_CROP_SLACK <= crop.x <= 1 + _CROP_SLACK
        and -_CROP_SLACK <= crop.y <= 1 + _CROP_SLACK
        and crop.x + crop.w <= 1 + _CROP_SLACK
        and crop.y + crop.h <= 1 + _CROP_SLACK
    )
    if not inside or not (point or (crop.w > 0 and crop.h > 0)):
        raise UsageError(
            _("A crop is a rectangle or a point inside the photo, in fractions from 0 to 1.")
        )


def write_crop(
    service: ProjectService, slot_id: str, crop: Crop, measure: TextMeasure | None = None
) -> None:
    """Set the part of its photo a slot prints; in a transaction.

    A rectangle: the picture takes the rectangle's shape in its frame (a rectangle of the
    slot's own shape keeps the slot's size). A point (no size): the picture fills its frame's
    photo area, cut to that shape around the point. The panel is planned again with its
    template kept; the geometry cuts the photo (:func:`~curator.core.layout.visible_part`).
    """
    slot = require_slot(service, slot_id)
    check_crop(crop)
    service.exhibition.set_slot_crop(slot_id, crop)
    panel = service.exhibition.panel(slot.panel_id)
    photos = _photos_on(service, panel.id)
    if slot.photo_id:
        _replan(service, panel, photos, _crops(service, [panel.id]), measure)
