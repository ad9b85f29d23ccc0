"""Preflight of the wall: the panels' photos, captions and titles, and the wall labels.

A panel's caption that does not fit its space is an error with how many lines are over
at the size the project's wall type gives (never set smaller); a label whose text does not
fit even grown to the sheet's height is an error with how many millimetres it is over,
at the label's smallest type (:mod:`curator.core.settings.wall_type`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from curator.core.checks.findings import (
    Finding,
    Severity,
    file_name,
    glyph_finding,
    language_name,
    section_name,
    too_small,
)
from curator.core.checks.preflight_codes import code_checks
from curator.core.checks.print_scope import printed_ids
from curator.core.editing.layout_service import section_geometry
from curator.core.layout import PanelGeometry, TextMeasure
from curator.core.layout.labels import LABEL_MIN_PT, LabelsGeometry
from curator.core.layout.style import Product
from curator.core.layout.text import CaptionLine
from curator.core.model import CaptionField, PhotoFlag
from curator.core.services import ProjectService
from curator.core.settings.print_thresholds import ppi_thresholds
from curator.i18n import _, ngettext, number_text


def _wrong_section(
    service: ProjectService, section_id: str, photo_id: str | None, place: dict[str, Any]
) -> Iterator[Finding]:
    if photo_id is None:
        return
    holder = service.exhibition.section_of(photo_id)
    if holder == section_id:
        return
    values = {
        "file": file_name(service, photo_id),
        "section": section_name(service, section_id),
        "other": section_name(service, holder),
    }
    message = (
        _(
            "%(file)s is on a panel of “%(section)s” but now belongs to “%(other)s”: lay out "
            "the sections again, or drag it onto a panel of its section."
        )
        if holder is not None
        else _(
            "%(file)s is on a panel of “%(section)s” but is in no section now: lay out the "
            "section again, or put the photo back in a section."
        )
    )
    yield Finding(Severity.WARNING, "slot-wrong-section", message % values, **place)


def _title_checks(
    service: ProjectService, section_id: str, panel: PanelGeometry
) -> Iterator[Finding]:
    place = {"section_id": section_id, "panel_id": panel.panel_id}
    for block in panel.titles:
        if not block.fits:
            yield Finding(
                Severity.ERROR,
                "title-overflow",
                _("The title of “%(section)s” in %(language)s is longer than its line.")
                % {
                    "section": section_name(service, section_id),
                    "language": language_name(block.language),
                },
                language=block.language,
                section_id=section_id,
                panel_id=panel.panel_id,
            )
        if block.missing:
            yield glyph_finding(block.missing, block.language, place)


def panel_geometry_checks(
    service: ProjectService, measure: TextMeasure, picks_only: bool
) -> Iterator[Finding]:
    """Every panel: titles, photos (resolution, size, section) and captions."""
    warning_ppi, error_ppi = ppi_thresholds(service, Product.PANELS)
    printed = printed_ids(service, picks_only)
    for section in service.exhibition.sections():
        for panel in section_geometry(service, section.id, measure):
            yield from _title_checks(service, section.id, panel)
            for slot in panel.slots:
                place: dict[str, Any] = {"section_id": section.id, "panel_id": panel.panel_id,
                         "slot_id": slot.slot_id, "photo_id": slot.photo_id}  # fmt: skip
                if slot.photo_id is not None and slot.photo_id not in printed:
                    yield from _not_printed_slot(service, slot.photo_id, place)
                    continue
                # Whole ppi, as printed: a photo capped at exactly 100 ppi computes as 99.99.
                ppi = round(slot.effective_ppi) if slot.effective_ppi is not None else None
                name = file_name(service, slot.photo_id)
                yield from _wrong_section(service, section.id, slot.photo_id, place)
                if slot.photo_id is not None and slot.code is not None:
                    yield from code_checks(service, [(slot.photo_id, slot.code)])
                small = None
                if slot.photo_id is not None:
                    small = too_small(service, slot.photo_id, Product.PANELS, slot.source, place)
                if small is not None:
                    yield small
                elif ppi is not None and ppi < warning_ppi:
                    severity = Severity.ERROR if ppi < error_ppi else Severity.WARNING
                    yield Finding(
                        severity,
                        "low-resolution",
                        _("%(file)s prints at %(ppi)d ppi (at least %(minimum)d wanted).")
                        % {"file": name, "ppi": ppi, "minimum": round(warning_ppi)},
                        **place,
                    )
                for block in slot.captions:
                    if not block.fits:
                        yield _panel_overflow(name, block.language, block.lines, place)
                    if block.missing:
                        yield glyph_finding(block.missing, block.language, place)


def _panel_overflow(
    name: str, language: str, lines: Sequence[CaptionLine], place: dict[str, Any]
) -> Finding:
    """A caption that does not fit its panel: how many lines are over, never set smaller."""
    over = sum(1 for line in lines if line.overflows)
    body = [line.size_pt for line in lines if line.field is CaptionField.CAPTION]
    size = max(body or [line.size_pt for line in lines] or [0.0])
    return Finding(
        Severity.ERROR,
        "caption-overflow",
        ngettext(
            "%(file)s: the caption in %(language)s does not fit its space: %(count)d line is "
            "over (text at %(size)s pt; panel text is never set smaller). Shorten it, or lay "
            "the section out again so the photo gets more room (curator layout auto).",
            "%(file)s: the caption in %(language)s does not fit its space: %(count)d lines "
            "are over (text at %(size)s pt; panel text is never set smaller). Shorten it, or "
            "lay the section out again so the photo gets more room (curator layout auto).",
            over,
        )
        % {
            "file": name,
            "language": language_name(language),
            "count": over,
            "size": number_text(size),
        },
        language=language,
        **place,
    )


def _not_printed_slot(
    service: ProjectService, photo_id: str, place: dict[str, Any]
) -> Iterator[Finding]:
    """A slot whose photo is rejected (or not picked) prints empty; say so when rejected."""
    photo = service.photos.get(photo_id)
    if photo.flag is PhotoFlag.REJECT:
        yield Finding(
            Severity.WARNING,
            "slot-rejected",
            _(
                "%(file)s is rejected but still has a slot on this panel: the slot is "
                "printed empty; lay out the section again."
            )
            % {"file": photo.path.name},
            **place,
        )


def label_checks(service: ProjectService, geometry: LabelsGeometry) -> Iterator[Finding]:
    """Every label whose text does not fit even grown to the sheet: how much is over."""
    width = geometry.label_mm[0]
    for label in geometry.labels():
        if label.fits:
            continue
        yield Finding(
            Severity.ERROR,
            "label-overflow",
            _(
                "%(file)s: the captions do not fit a label %(width)s mm wide even grown to "
                "%(tallest)s mm, the sheet's height, with text at %(size)s pt (labels are "
                "never set smaller; at least %(minimum)s pt); they are %(over)s mm too long. "
                "Shorten them, choose a wider label, or set the labels' viewing distance "
                "nearer (wall.labels.viewing_distance_cm)."
            )
            % {
                "file": file_name(service, label.photo_id),
                "width": number_text(width),
                "tallest": number_text(round(label.rect.height_mm, 1)),
                "size": number_text(geometry.text_pt),
                "minimum": number_text(LABEL_MIN_PT),
                "over": number_text(label.over_mm),
            },
            section_id=service.exhibition.section_of(label.photo_id),
            photo_id=label.photo_id,
        )
