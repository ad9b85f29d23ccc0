"""Laying out the exhibition: auto-layout into panels, and the report of what is where.

:func:`auto_layout` replaces a section's panels and slots with a fresh plan (one
transaction for the whole run), leaving rejected photos out. Without a section it lays out
every section; only when the project has no section yet does it first gather the photos
(not rejected) into a new one titled after the project, in capture-time order (docs/cli.md), so
that a fresh import gets a slot for every photo. Once a section exists, photos in no
section stay unsorted and are not printed. :func:`layout_report` is the
JSON of ``curator layout show --json``; :func:`section_geometry` gives the canvas the same
geometry the report and the PDF use.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from curator.core.editing.sections import section_label
from curator.core.errors import UsageError
from curator.core.layout import (
    TEMPLATES,
    CaptionStyle,
    PanelGeometry,
    PanelPlan,
    PhotoInfo,
    Product,
    SlotGeometry,
    TextMeasure,
    panel_geometry,
    plan_section,
    title_band_mm,
)
from curator.core.model import PRINTED_FIELDS, CaptionField, Crop, Photo, PhotoFlag
from curator.core.operations import rules
from curator.core.progress import (
    Progress,
    ProgressCallback,
    no_progress,
    stop_if_cancelled,
)
from curator.core.services import ProjectService
from curator.core.settings.print_thresholds import ppi_thresholds
from curator.core.settings.wall_type import project_panel_style, wall_type
from curator.core.settings.web_address import photo_url, project_base_url
from curator.core.storage.backups import SnapshotReason, snapshot_before
from curator.i18n import _, number_text

DEFAULT_PANEL_SIZE_MM = (1000.0, 1500.0)
DEFAULT_PANEL_MARGIN_MM = 20.0


def min_effective_ppi(service: ProjectService, product: Product = Product.PANELS) -> float:
    """The lowest resolution auto-layout prints a photo at: preflight's warning threshold.

    One threshold (:mod:`curator.core.settings.print_thresholds`), so a photo auto-layout placed
    never gets a routine resolution warning.
    """
    return ppi_thresholds(service, product)[0]


def check_template(template: str | None) -> None:
    """Raise :class:`UsageError` naming the choices unless ``template`` is one (or None)."""
    if template is not None and template not in TEMPLATES:
        raise UsageError(
            _("There is no panel template “%(name)s”; choose one of: %(choices)s.")
            % {"name": template, "choices": ", ".join(TEMPLATES)}
        )


def require_section(service: ProjectService, section_id: str) -> None:
    """Raise :class:`NotFoundError` unless the project has this section."""
    rules.require_section(service, section_id)


def _capture_key(item: tuple[int, Photo]) -> tuple[bool, float, int]:
    index, photo = item
    captured: datetime | None = photo.captured_at
    # A time without an offset is read as local time; photos without one go last.
    return captured is None, captured.timestamp() if captured else 0.0, index


def gather_unplaced(service: ProjectService) -> str | None:
    """Put photos in no section (not rejected) into a new section titled after the project.

    Call inside a transaction. Returns the new section's id, or None when there is none
    to gather.
    """
    placed = service.exhibition.placed_photo_ids()
    unplaced = [
        photo
        for photo in service.photos.all()
        if photo.id not in placed and photo.flag is not PhotoFlag.REJECT
    ]
    if not unplaced:
        return None
    ordered = [photo.id for _i, photo in sorted(enumerate(unplaced), key=_capture_key)]
    project = service.project.get()
    section = service.exhibition.add_section(dict.fromkeys(project.languages, project.title))
    service.exhibition.assign(section.id, ordered)
    return section.id


def cropped_info(
    photo: Photo, crop: Crop, captions: Mapping[str, Mapping[CaptionField, str]]
) -> PhotoInfo:
    """What the planner needs of a photo: the pixels its crop keeps, and its captions.

    A focus point (a crop of no size) makes the photo fill its frame around that point.
    """
    if crop.w > 0 and crop.h > 0:
        width, height = round(photo.width * crop.w), round(photo.height * crop.h)
        return PhotoInfo(photo.id, max(width, 1), max(height, 1), captions)
    return PhotoInfo(photo.id, photo.width, photo.height, captions, fills=True)


def title_band(service: ProjectService, style: CaptionStyle | None = None) -> float:
    """The height the section's title takes on its first panel (in the project's style)."""
    return title_band_mm(len(service.project.languages()), style or project_panel_style(service))


def write_panel_slots(
    service: ProjectService, panel_id: str, plan: PanelPlan, crops: Mapping[str, Crop]
) -> None:
    """Give a stored panel the slots of a plan (its photos keep their crops)."""
    for slot in plan.slots:
        image = slot.image
        service.exhibition.add_slot(
            panel_id, slot.photo_id, image.x_mm, image.y_mm, image.width_mm, image.height_mm,
            crops.get(slot.photo_id),
        )  # fmt: skip


def section_crops(service: ProjectService, section_id: str) -> dict[str, Crop]:
    """The crops the section's photos have on its panels."""
    return {
        slot.photo_id: slot.crop
        for panel in service.exhibition.panels(section_id)
        for slot in service.exhibition.slots(panel.id)
        if slot.photo_id
    }


def lay_out_section(
    service: ProjectService,
    section_id: str,
    panel_size: tuple[float, float],
    template: str | None,
    measure: TextMeasure | None,
) -> list[str]:
    """Replace a section's panels with new ones for its photos (inside a transaction)."""
    photo_ids = [
        pid
        for pid in service.exhibition.photo_ids(section_id)
        if service.photos.get(pid).flag is not PhotoFlag.REJECT
    ]
    crops = section_crops(service, section_id)
    texts = caption_texts(service, photo_ids)
    infos = [
        cropped_info(service.photos.get(pid), crops.get(pid, Crop()), texts.get(pid, {}))
        for pid in photo_ids
    ]
    plans = plan_section(
        infos,
        panel_size_mm=panel_size,
        margin_mm=DEFAULT_PANEL_MARGIN_MM,
        languages=service.project.languages(),
        template=template,
        min_ppi=min_effective_ppi(service, Product.PANELS),
        style=project_panel_style(service),
        measure=measure,
        title_band_mm=title_band(service),
    )
    service.exhibition.delete_panels(section_id)
    panel_ids = []
    for plan in plans:
        panel = service.exhibition.add_panel(
            section_id, plan.width_mm, plan.height_mm, plan.margin_mm, plan.template
        )
        write_panel_slots(service, panel.id, plan, crops)
        panel_ids.append(panel.id)
    return panel_ids


def _snapshot_before_layout(service: ProjectService, section_id: str | None, backup: bool) -> None:
    if section_id is None:
        replacing = service.exhibition.counts()[1] > 0
        detail = ""
    else:
        require_section(service, section_id)
        replacing = bool(service.exhibition.panels(section_id))
        detail = section_label(service, service.exhibition.section(section_id))
    if replacing:
        snapshot_before(service.store, SnapshotReason.LAYOUT, detail, backup=backup)


def auto_layout(
    service: ProjectService,
    section_id: str | None = None,
    panel_size: tuple[float, float] = DEFAULT_PANEL_SIZE_MM,
    template: str | None = None,
    measure: TextMeasure | None = None,
    *,
    backup: bool = True,
    on_progress: ProgressCallback = no_progress,
    cancel: threading.Event | None = None,
) -> list[str]:
    """Lay out one section, or every section, into panels, as one edit.

    The operation ``service.operations.panels.auto_layout``; returns its panel ids.

    Args:
        service: The open project.
        section_id: The section to lay out; None lays out all of them (gathering the
            photos into a new section first when the project has none yet).
        panel_size: Width and height of the panels in millimetres.
        template: One template for every panel; None chooses per panel.
        measure: The PDF's text measure, for exact caption line heights (optional).
        backup: Snapshot the project before replacing panels.
        on_progress: Told after each section.
        cancel: Set to stop; the layout is then rolled back whole (CancelledError).

    Returns:
        The ids of the new panels, in visit order.

    Raises:
        UsageError: An unknown template, or a panel too small for its margins.
        NotFoundError: No section with ``section_id``.
        BackupError: The snapshot before could not be taken.
    """
    panel_ids, _changes = service.operations.panels.auto_layout(
        section_id,
        panel_size,
        template,
        measure,
        backup=backup,
        on_progress=on_progress,
        cancel=cancel,
    )
    return panel_ids


def prepare_layout(
    service: ProjectService,
    section_id: str | None,
    panel_size: tuple[float, float],
    template: str | None,
    *,
    backup: bool,
) -> None:
    """Check an auto-layout's template and panel size, then snapshot what it replaces.

    Raises:
        UsageError: An unknown template, or a panel too small for its margins.
        NotFoundError: No section with ``section_id``.
        BackupError: The snapshot before could not be taken.
    """
    check_template(template)
    width, height = panel_size
    if min(width, height) <= 2 * DEFAULT_PANEL_MARGIN_MM:
        raise UsageError(
            _("A panel of %(width)s × %(height)s mm leaves no room inside its margins.")
            % {"width": number_text(width), "height": number_text(height)}
        )
    _snapshot_before_layout(service, section_id, backup)


def write_auto_layout(
    service: ProjectService,
    section_id: str | None,
    panel_size: tuple[float, float],
    template: str | None,
    measure: TextMeasure | None,
    on_progress: ProgressCallback,
    cancel: threading.Event | None,
) -> list[str]:
    """Auto-layout's writes, inside the caller's transaction; the new panels' ids."""
    if section_id is not None:
        require_section(service, section_id)
        section_ids = [section_id]
    else:
        if not service.exhibition.sections():
            gather_unplaced(service)
        section_ids = [section.id for section in service.exhibition.sections()]
    panel_ids: list[str] = []
    for done, current in enumerate(section_ids):
        stop_if_cancelled(cancel)
        on_progress(Progress(done, len(section_ids)))
        panel_ids += lay_out_section(service, current, panel_size, template, measure)
    stop_if_cancelled(cancel)
    on_progress(Progress(len(section_ids), len(section_ids)))
    return panel_ids


def caption_texts(
    service: ProjectService, photo_ids: Sequence[str]
) -> dict[str, dict[str, dict[CaptionField, str]]]:
    """Caption texts by photo, language and field."""
    texts: dict[str, dict[str, dict[CaptionField, str]]] = {}
    for photo_id in photo_ids:
        for caption in service.captions.for_photo(photo_id):
            if caption.field not in PRINTED_FIELDS:
                continue  # never on a panel
            texts.setdefault(photo_id, {}).setdefault(caption.language, {})[caption.field] = (
                caption.text
            )
    return texts


def section_geometry(
    service: ProjectService,
    section_id: str,
    measure: TextMeasure,
    style: CaptionStyle | None = None,
) -> list[PanelGeometry]:
    """The geometry of a section's panels, as the canvas draws and the PDF prints them.

    ``style`` defaults to the project's wall type for panels
    (:mod:`curator.core.settings.wall_type`).
    """
    style = style or project_panel_style(service)
    languages = service.project.languages()
    title = service.exhibition.section(section_id).title
    base = project_base_url(service)
    distance = wall_type(service, Product.PANELS)[0]
    result = []
    for index, panel in enumerate(service.exhibition.panels(section_id)):
        slots = service.exhibition.slots(panel.id)
        photo_ids = [slot.photo_id for slot in slots if slot.photo_id]
        photos = {pid: service.photos.get(pid) for pid in photo_ids}
        captions = caption_texts(service, photo_ids)
        codes = {pid: photo_url(base, languages[0], pid) for pid in photo_ids} if base else {}
        result.append(
            panel_geometry(
                panel, slots, photos, captions, languages, style, measure,
                title if index == 0 else None, codes, distance,
            )
        )  # fmt: skip
    return result


def _slot_json(slot: SlotGeometry) -> dict[str, Any]:
    image, frame = slot.image, slot.frame
    return {
        "id": slot.slot_id,
        "photo_id": slot.photo_id,
        "x_mm": round(image.x_mm, 2),
        "y_mm": round(image.y_mm, 2),
        "width_mm": round(image.width_mm, 2),
        "height_mm": round(image.height_mm, 2),
        "effective_ppi": None if slot.effective_ppi is None else round(slot.effective_ppi, 1),
        "frame": {
            "x_mm": round(frame.x_mm, 2),
            "y_mm": round(frame.y_mm, 2),
            "width_mm": round(frame.width_mm, 2),
            "height_mm": round(frame.height_mm, 2),
        },
        # The part of the photo printed, in fractions of the upright photo (its crop).
        "source": {
            "x": round(slot.source.x_mm, 4),
            "y": round(slot.source.y_mm, 4),
            "width": round(slot.source.width_mm, 4),
            "height": round(slot.source.height_mm, 4),
        },
        "captions": {
            block.language: {
                "fits": block.fits,
                "budget_chars": block.budget_chars,
                "headline_budget_chars": block.headline_budget_chars,
                "lines": [line.text for line in block.lines],
                "overflow_lines": sum(1 for line in block.lines if line.overflows),
                "missing_characters": block.missing,
            }
            for block in slot.captions
        },
    }


def layout_report(
    service: ProjectService, measure: TextMeasure, style: CaptionStyle | None = None
) -> dict[str, Any]:
    """The JSON of ``curator layout show --json`` (docs/cli.md; extra keys are allowed there)."""
    sections = []
    for section in service.exhibition.sections():
        panels = service.exhibition.panels(section.id)
        geometries = section_geometry(service, section.id, measure, style)
        sections.append(
            {
                "id": section.id,
                "title": section.title,
                "panels": [
                    {
                        "id": geometry.panel_id,
                        "width_mm": geometry.width_mm,
                        "height_mm": geometry.height_mm,
                        "template": panel.template,
                        "slots": [_slot_json(slot) for slot in geometry.slots],
                        "titles": {
                            block.language: {
                                "fits": block.fits,
                                "budget_chars": block.budget_chars,
                                "lines": [line.text for line in block.lines],
                            }
                            for block in geometry.titles
                        },
                    }
                    for panel, geometry in zip(panels, geometries, strict=True)
                ],
            }
        )
    return {"sections": sections}
