"""Preflight: what would go wrong in print, found before anything is printed.

Each check returns :class:`Finding` values tied to the place they concern (section, panel,
slot, photo, language), so the window can jump there and ``curator check`` can list them.
Thresholds live in the project (setting ``preflight``), so the CLI and the window agree:

- effective resolution: catalogue warning below 250 ppi, error below 150; panels (seen
  from a distance) warning below 100, error below 60; labels 150 / 100. The warning
  threshold is auto-layout's floor too (:mod:`curator.core.print_thresholds`), so a photo
  auto-layout placed gets no routine warning;
- caption overflow per language (the text does not fit its block);
- a caption missing in a project language (headline or caption of a placed photo);
- a photo too small for the product at all: its pixels cannot make its longer side
  ``min_photo_mm`` long at the error resolution (an error with its real pixel size);
- characters the bundled fonts lack (the PDF would print nothing for them);
- the original photo file missing on disk (for the photos the product prints), or one that
  cannot be decoded: damaged at import (its stored problem codes) or, when a ``decode``
  check is given (:class:`curator.export.originals.OriginalsDecoder`), truncated or
  damaged now - an error naming the file and the photo, with what to do;
- photos in no section (a warning each, with how many: they are not printed), a rejected
  photo still on a panel, and a product that would print no photo at all (an error);
- a photo whose slot lies on a panel of a section it no longer belongs to (moved in the
  tree after the layout: it would print in the wrong place, or twice);
- a section title longer than its line on the first panel.

Geometry checks (resolution, overflow) apply where the product's geometry exists: the
panels, the catalogue's pages (:mod:`curator.core.catalogue_service`; its findings carry
the page number) and the wall labels (:mod:`curator.core.labels_service`: a label whose
text does not fit even grown to the sheet's height is an error, with how much it is over;
label text is never set below 12 pt). Labels print no
photo, so a missing original does not stop them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from curator.core.catalogue_service import CatalogueOptions, project_catalogue
from curator.core.catalogue_texts import missing_titles
from curator.core.labels_service import LabelOptions, project_labels
from curator.core.languages import display_name
from curator.core.layout import MM_PER_INCH, PanelGeometry, Rect, TextMeasure
from curator.core.layout.catalogue_model import CatalogueGeometry, CataloguePage
from curator.core.layout.labels import LABEL_MIN_PT, LabelsGeometry
from curator.core.layout.style import Product
from curator.core.layout_service import section_geometry
from curator.core.model import FIELD_LABELS, CaptionField, Photo, PhotoFlag
from curator.core.print_scope import is_printable, printed_ids, printed_photos, unplaced_photos
from curator.core.print_thresholds import (
    DEFAULT_PPI_THRESHOLDS,
    PREFLIGHT_SETTING,
    min_photo_mm,
    ppi_thresholds,
)
from curator.core.progress import stop_if_cancelled
from curator.core.services import ProjectService
from curator.i18n import PSEUDO_LANGUAGE, _, current_language, ngettext

#: Decodes originals and names those that fail: ``{photo_id: reason}``. Core imports no
#: imaging library, so the export package provides it (:mod:`curator.export.originals`).
DecodeCheck = Callable[[Sequence[Photo], threading.Event | None], dict[str, str]]
#: Stored problem codes of a photo damaged at import (its pixels cannot all be decoded).
DAMAGED_PROBLEMS = frozenset({"truncated-file", "corrupt-image", "unreadable-file"})

__all__ = [
    "DEFAULT_PPI_THRESHOLDS",
    "PREFLIGHT_SETTING",
    "DecodeCheck",
    "Finding",
    "Severity",
    "check",
    "original_findings",
    "ppi_thresholds",
]


class Severity(StrEnum):
    """How bad a finding is: errors stop a print, warnings ask for a look."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing to fix, and where."""

    severity: Severity
    code: str
    message: str
    section_id: str | None = None
    panel_id: str | None = None
    slot_id: str | None = None
    photo_id: str | None = None
    language: str | None = None
    page: int | None = None

    def to_json(self) -> dict[str, Any]:
        """The JSON of ``curator check --json`` (keys whose value is None are left out)."""
        return {
            k: (str(v) if k == "severity" else v) for k, v in asdict(self).items() if v is not None
        }


def check(
    service: ProjectService,
    product: Product,
    measure: TextMeasure,
    catalogue: CatalogueGeometry | None = None,
    labels: LabelsGeometry | None = None,
    cancel: threading.Event | None = None,
    *,
    picks_only: bool = False,
    decode: DecodeCheck | None = None,
) -> list[Finding]:
    """Every finding for one product, errors first, then in visit order.

    ``catalogue`` is the catalogue's geometry as it will be exported (its languages, trim);
    without it the catalogue is checked with the project's own settings. ``labels`` is the
    same for the wall labels (default: 130 × 150 mm on A4, the project's languages).
    ``picks_only`` checks the product as ``--picks-only`` narrows it; ``decode`` decodes the
    originals the product prints (labels print none).
    """
    printed = [photo for _n, _p, photo in printed_photos(service, picks_only)]
    findings = list(_scope_checks(service, product, printed))
    if product is not Product.LABELS:
        findings += original_findings(service, printed, decode, cancel)
    stop_if_cancelled(cancel)
    findings += list(_missing_captions(service, picks_only))
    stop_if_cancelled(cancel)
    if product is Product.PANELS:
        findings += list(_panel_geometry_checks(service, measure, picks_only))
    elif product is Product.CATALOGUE:
        if catalogue is None:
            catalogue = project_catalogue(
                service, measure, CatalogueOptions(picks_only=picks_only)
            )[0]
        findings += list(_catalogue_checks(service, catalogue, measure))
    else:
        findings += list(_missing_glyphs_in_text(service, measure, picks_only))
        if labels is None:
            labels = project_labels(service, measure, LabelOptions(picks_only=picks_only))
        findings += list(_label_checks(service, labels))
    stop_if_cancelled(cancel)
    return sorted(findings, key=lambda f: f.severity != Severity.ERROR)


def _scope_checks(
    service: ProjectService, product: Product, printed: list[Photo]
) -> Iterator[Finding]:
    """Photos that will not be printed because they are in no section, and an empty product."""
    if not printed and product is not Product.PANELS:
        yield Finding(
            Severity.ERROR,
            "nothing-printed",
            _(
                "No photo would be printed: only photos placed in a section (and not "
                "rejected) are printed. Put photos in a section, or run curator layout auto."
            ),
        )
    unplaced = unplaced_photos(service)
    for photo in unplaced:
        yield Finding(
            Severity.WARNING,
            "photo-unplaced",
            ngettext(
                "%(file)s is in no section and will not be printed (%(count)d photo is in no "
                "section).",
                "%(file)s is in no section and will not be printed (%(count)d photos are in "
                "no section).",
                len(unplaced),
            )
            % {"file": photo.path.name, "count": len(unplaced)},
            photo_id=photo.id,
        )


def original_findings(
    service: ProjectService,
    photos: Sequence[Photo],
    decode: DecodeCheck | None = None,
    cancel: threading.Event | None = None,
) -> list[Finding]:
    """Errors for originals the product cannot print: missing, damaged or undecodable.

    Exports run this before drawing anything (even when the rest of preflight is skipped),
    so they never stop midway on an original.
    """
    findings = list(_missing_files(service, photos))
    missing = {finding.photo_id for finding in findings}
    present = [photo for photo in photos if photo.id not in missing]
    reasons = decode(present, cancel) if decode is not None else {}
    for photo in present:
        reason = reasons.get(photo.id)
        if reason is None:
            damaged = [
                problem
                for problem in service.media.photo_problems(photo.id)
                if problem.code in DAMAGED_PROBLEMS
            ]
            if not damaged:
                continue
            reason = damaged[0].message
        findings.append(
            Finding(
                Severity.ERROR,
                "photo-unreadable",
                _(
                    "%(file)s (photo %(id)s) cannot be decoded: %(reason)s Relink a whole copy "
                    "of the original (Relink… on this finding, or curator photo relink), or "
                    "remove the photo from its section."
                )
                % {"file": photo.path.name, "id": photo.id, "reason": _sentence(reason)},
                section_id=service.exhibition.section_of(photo.id),
                photo_id=photo.id,
            )
        )
    return findings


def _sentence(reason: str) -> str:
    reason = reason.strip()
    return reason if reason.endswith((".", "!", "?")) else reason + "."


def _missing_files(service: ProjectService, printed: Sequence[Photo]) -> Iterator[Finding]:
    for photo in printed:
        if not photo.path.is_file():
            yield Finding(
                Severity.ERROR,
                "photo-missing",
                _("The original of %(file)s is not at %(path)s.")
                % {"file": photo.path.name, "path": photo.path.parent},
                section_id=service.exhibition.section_of(photo.id),
                photo_id=photo.id,
            )


def _placed(service: ProjectService, picks_only: bool) -> Iterator[tuple[str, Photo]]:
    """The printed photos with their section's id."""
    for section in service.exhibition.sections():
        for photo_id in service.exhibition.photo_ids(section.id):
            photo = service.photos.get(photo_id)
            if is_printable(photo, picks_only):
                yield section.id, photo


def _missing_captions(service: ProjectService, picks_only: bool) -> Iterator[Finding]:
    languages = service.project.languages()
    for section_id, photo in _placed(service, picks_only):
        for language in languages:
            for field in (CaptionField.HEADLINE, CaptionField.CAPTION):
                caption = service.captions.get(photo.id, language, field)
                if caption is None or not caption.text:
                    yield Finding(
                        Severity.WARNING,
                        "caption-missing",
                        _("%(file)s has no %(field)s in %(language)s.")
                        % {
                            "file": photo.path.name,
                            "field": _(FIELD_LABELS[field]).lower(),
                            "language": _language_name(language),
                        },
                        section_id=section_id,
                        photo_id=photo.id,
                        language=language,
                    )


def _language_name(tag: str) -> str:
    """The language's name in the interface language ("Vietnamese", "вьетнамский")."""
    interface = current_language()
    return display_name(tag, "en" if interface == PSEUDO_LANGUAGE else interface)


def _file_name(service: ProjectService, photo_id: str | None) -> str:
    return service.photos.get(photo_id).path.name if photo_id else "?"


def _section_name(service: ProjectService, section_id: str | None) -> str:
    if section_id is None:
        return ""
    title = service.exhibition.section(section_id).title
    for language in service.project.languages():
        if title.get(language):
            return title[language]
    return next(iter(title.values()), section_id)


def _wrong_section(
    service: ProjectService, section_id: str, photo_id: str | None, place: dict[str, Any]
) -> Iterator[Finding]:
    if photo_id is None:
        return
    holder = service.exhibition.section_of(photo_id)
    if holder == section_id:
        return
    values = {
        "file": _file_name(service, photo_id),
        "section": _section_name(service, section_id),
        "other": _section_name(service, holder),
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
                    "section": _section_name(service, section_id),
                    "language": _language_name(block.language),
                },
                language=block.language,
                section_id=section_id,
                panel_id=panel.panel_id,
            )
        if block.missing:
            yield _glyph_finding(block.missing, block.language, place)


def _panel_geometry_checks(
    service: ProjectService, measure: TextMeasure, picks_only: bool
) -> Iterator[Finding]:
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
                name = _file_name(service, slot.photo_id)
                yield from _wrong_section(service, section.id, slot.photo_id, place)
                small = None
                if slot.photo_id is not None:
                    small = _too_small(service, slot.photo_id, Product.PANELS, slot.source, place)
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
                        yield Finding(
                            Severity.ERROR,
                            "caption-overflow",
                            _("%(file)s: the caption in %(language)s does not fit its space.")
                            % {"file": name, "language": _language_name(block.language)},
                            language=block.language,
                            **place,
                        )
                    if block.missing:
                        yield _glyph_finding(block.missing, block.language, place)


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


def _missing_glyphs_in_text(
    service: ProjectService, measure: TextMeasure, picks_only: bool
) -> Iterator[Finding]:
    for section_id, photo in _placed(service, picks_only):
        for caption in service.captions.for_photo(photo.id):
            missing = measure.missing_characters(caption.text, "NotoSans-Regular")
            if missing:
                place: dict[str, Any] = {"section_id": section_id, "photo_id": photo.id}
                yield _glyph_finding(missing, caption.language, place)


def _glyph_finding(missing: str, language: str, place: dict[str, Any]) -> Finding:
    return Finding(
        Severity.ERROR,
        "missing-glyphs",
        _("The fonts cannot print these characters: %(chars)s")
        % {"chars": " ".join(sorted(set(missing)))},
        language=language,
        **place,
    )


def _catalogue_checks(
    service: ProjectService, geometry: CatalogueGeometry, measure: TextMeasure
) -> Iterator[Finding]:
    yield from _catalogue_title_checks(service, geometry)
    warning_ppi, error_ppi = ppi_thresholds(service, Product.CATALOGUE)
    sections = {pid: service.exhibition.section_of(pid) for pid in geometry.photo_pages()}
    reported: set[str] = set()
    for page in geometry.pages:
        for placed in page.photos:
            ppi = round(placed.effective_ppi)
            where: dict[str, Any] = {
                "section_id": sections.get(placed.photo_id) or page.section_id or None,
                "photo_id": placed.photo_id,
                "page": page.number,
            }
            small = _too_small(service, placed.photo_id, Product.CATALOGUE, None, where)
            if small is not None:
                if placed.photo_id not in reported:
                    reported.add(placed.photo_id)
                    yield small
                continue
            if ppi < warning_ppi:
                name = _file_name(service, placed.photo_id)
                yield Finding(
                    Severity.ERROR if ppi < error_ppi else Severity.WARNING,
                    "low-resolution",
                    _("%(file)s prints at %(ppi)d ppi on page %(page)d (at least %(minimum)d "
                      "wanted).")
                    % {"file": name, "ppi": ppi, "page": page.number,
                       "minimum": round(warning_ppi)},
                    **where,
                )  # fmt: skip
        yield from _catalogue_text_checks(service, page, measure)


def _too_small(
    service: ProjectService,
    photo_id: str,
    product: Product,
    source: Rect | None,
    place: dict[str, Any],
) -> Finding | None:
    """An error when the photo's pixels (its crop's) cannot fill the product's smallest size.

    The longer side printed at the error threshold is the largest the photo may honestly
    be; below ``min_photo_mm`` no placement makes it printable.
    """
    minimum = min_photo_mm(service, product)
    if minimum is None:
        return None
    photo = service.photos.get(photo_id)
    width, height = photo.width, photo.height
    if source is not None:
        width = max(1, round(width * source.width_mm))
        height = max(1, round(height * source.height_mm))
    error_ppi = ppi_thresholds(service, product)[1]
    largest_mm = max(width, height) / error_ppi * MM_PER_INCH
    if largest_mm >= minimum:
        return None
    products = {Product.CATALOGUE: _("the catalogue"), Product.PANELS: _("a panel")}
    return Finding(
        Severity.ERROR,
        "photo-too-small",
        _(
            "%(file)s is only %(width)d × %(height)d pixels: even at %(ppi)d ppi it prints "
            "%(size).1f mm at most, less than the %(minimum)g mm a photo in %(product)s "
            "needs. Relink a larger original, or take the photo out of its section."
        )
        % {
            "file": photo.path.name,
            "width": width,
            "height": height,
            "ppi": round(error_ppi),
            "size": largest_mm,
            "minimum": minimum,
            "product": products[product],
        },
        **place,
    )


def _catalogue_title_checks(
    service: ProjectService, geometry: CatalogueGeometry
) -> Iterator[Finding]:
    """A language without the catalogue's title prints none (never another's): say so."""
    missing = missing_titles(service, geometry.languages)
    if len(missing) == len(geometry.languages):
        yield Finding(
            Severity.WARNING,
            "catalogue-title-missing",
            _("The catalogue has no title of its own; the cover prints the project's title "
              "“%(title)s” in %(language)s only. Set one per language in Catalogue Texts "
              "(curator catalogue texts PROJECT --set title LANG TEXT).")
            % {"title": service.project.get().title,
               "language": _language_name(geometry.languages[0])},
            page=1,
        )  # fmt: skip
        return
    for language in missing:
        yield Finding(
            Severity.WARNING,
            "catalogue-title-missing",
            _("The catalogue has no title in %(language)s: its cover and colophon leave the "
              "%(language)s title out. Set it in Catalogue Texts (curator catalogue texts "
              "PROJECT --set title %(tag)s TEXT).")
            % {"language": _language_name(language), "tag": language},
            language=language,
            page=1,
        )  # fmt: skip


def _catalogue_text_checks(
    service: ProjectService, page: CataloguePage, measure: TextMeasure
) -> Iterator[Finding]:
    reported: set[tuple[str | None, str | None]] = set()
    for text in page.texts:
        key = (text.photo_id, text.language)
        if text.overflows and key not in reported:
            reported.add(key)
            what = (_file_name(service, text.photo_id) if text.photo_id
                    else _("The text of page %(page)d") % {"page": page.number})  # fmt: skip
            yield Finding(
                Severity.ERROR,
                "caption-overflow" if text.photo_id else "text-overflow",
                _("%(file)s: the text in %(language)s does not fit page %(page)d.")
                % {"file": what, "language": _language_name(text.language or "und"),
                   "page": page.number},
                section_id=page.section_id or None,
                photo_id=text.photo_id,
                language=text.language,
                page=page.number,
            )  # fmt: skip
        missing = measure.missing_characters(text.text, text.font)
        if missing:
            place = {"section_id": page.section_id or None, "photo_id": text.photo_id,
                     "page": page.number}  # fmt: skip
            yield _glyph_finding(missing, text.language or "und", place)


def _label_checks(service: ProjectService, geometry: LabelsGeometry) -> Iterator[Finding]:
    width = geometry.label_mm[0]
    for label in geometry.labels():
        if label.fits:
            continue
        yield Finding(
            Severity.ERROR,
            "label-overflow",
            _(
                "%(file)s: the captions do not fit a label %(width)g mm wide even grown to "
                "%(tallest)g mm, the sheet's height, at the smallest type a label allows "
                "(%(minimum)g pt); they are %(over)g mm too long. Shorten them or choose a "
                "wider label."
            )
            % {
                "file": _file_name(service, label.photo_id),
                "width": width,
                "tallest": round(label.rect.height_mm, 1),
                "minimum": LABEL_MIN_PT,
                "over": label.over_mm,
            },
            section_id=service.exhibition.section_of(label.photo_id),
            photo_id=label.photo_id,
        )
