"""Preflight: what would go wrong in print, found before anything is printed.

Each check returns :class:`Finding` values tied to the place they concern (section, panel,
slot, photo, language), so the window can jump there and ``curator check`` can list them.
Thresholds live in the project (setting ``preflight``), so the CLI and the window agree:

- effective resolution: catalogue warning below 250 ppi, error below 150; panels (seen
  from a distance) warning below 100, error below 60; labels 150 / 100. The warning
  threshold is auto-layout's floor too (:mod:`curator.core.settings.print_thresholds`), so a photo
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
panels, the catalogue's pages (:mod:`curator.core.publishing.catalogue_service`; its findings carry
the page number) and the wall labels (:mod:`curator.core.publishing.labels_service`: a label whose
text does not fit even grown to the sheet's height is an error, with how much it is over;
label text is never set below 12 pt; the panels' and labels' checks are in
:mod:`curator.core.checks.preflight_wall`). Labels print no photo, so a missing original does not
stop them. The catalogue's cover sheet has its own checks
(:mod:`curator.core.checks.preflight_cover`:
its photo's resolution, the spine, the titles, reversed type) and its photo's original.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from curator.core.checks.findings import (
    Finding,
    Severity,
    file_name,
    glyph_finding,
    language_name,
    too_small,
)
from curator.core.checks.preflight_codes import base_url_checks, code_checks
from curator.core.checks.preflight_cover import cover_checks
from curator.core.checks.preflight_wall import label_checks, panel_geometry_checks
from curator.core.checks.print_scope import is_printable, printed_photos, unplaced_photos
from curator.core.layout import TextMeasure
from curator.core.layout.catalogue_model import CatalogueGeometry, CataloguePage
from curator.core.layout.labels import LabelsGeometry
from curator.core.layout.style import Product
from curator.core.model import FIELD_LABELS, PRINTED_FIELDS, CaptionField, Photo
from curator.core.progress import stop_if_cancelled
from curator.core.publishing.catalogue_service import CatalogueOptions, project_catalogue
from curator.core.publishing.catalogue_texts import missing_titles
from curator.core.publishing.cover_service import ProjectCover, project_cover
from curator.core.publishing.labels_service import LabelOptions, project_labels
from curator.core.services import ProjectService
from curator.core.settings.print_thresholds import (
    DEFAULT_PPI_THRESHOLDS,
    PREFLIGHT_SETTING,
    ppi_thresholds,
)
from curator.i18n import _, ngettext

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
    cover: ProjectCover | None = None,
) -> list[Finding]:
    """Every finding for one product, errors first, then in visit order.

    The cover (:mod:`curator.core.checks.preflight_cover`) is checked as ``cover`` was made, or,
    without it, with the project's own settings and cover photo.

    ``catalogue`` is the catalogue's geometry as it will be exported (its languages, trim);
    without it the catalogue is checked with the project's own settings. ``labels`` is the
    same for the wall labels (default: 130 × 150 mm on A4, the project's languages).
    ``picks_only`` checks the product as ``--picks-only`` narrows it; ``decode`` decodes the
    originals the product prints (labels print none).
    """
    if product is Product.COVER:
        if cover is None:
            cover = project_cover(service, measure, CatalogueOptions(picks_only=picks_only))
        findings = [*cover.findings, *cover_checks(service, cover)]
        front = [service.photos.get(placed.photo_id) for placed in cover.sheet.page.photos]
        findings += original_findings(service, front, decode, cancel)
        return sorted(findings, key=lambda f: f.severity != Severity.ERROR)
    printed = [photo for _n, _p, photo in printed_photos(service, picks_only)]
    findings = list(_scope_checks(service, product, printed))
    if product is not Product.LABELS:
        findings += original_findings(service, printed, decode, cancel)
    stop_if_cancelled(cancel)
    findings += list(_missing_captions(service, picks_only))
    stop_if_cancelled(cancel)
    if product is Product.PANELS:
        findings += list(panel_geometry_checks(service, measure, picks_only))
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
        findings += list(label_checks(service, labels))
        codes = [(label.photo_id, label.code) for label in labels.labels() if label.code]
        findings += list(code_checks(service, codes))
    findings += list(base_url_checks(service))
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
                            "language": language_name(language),
                        },
                        section_id=section_id,
                        photo_id=photo.id,
                        language=language,
                    )


def _missing_glyphs_in_text(
    service: ProjectService, measure: TextMeasure, picks_only: bool
) -> Iterator[Finding]:
    for section_id, photo in _placed(service, picks_only):
        for caption in service.captions.for_photo(photo.id):
            if caption.field not in PRINTED_FIELDS:
                continue  # not printed: no font needs it
            missing = measure.missing_characters(caption.text, "NotoSans-Regular")
            if missing:
                place: dict[str, Any] = {"section_id": section_id, "photo_id": photo.id}
                yield glyph_finding(missing, caption.language, place)


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
            small = too_small(service, placed.photo_id, Product.CATALOGUE, None, where)
            if small is not None:
                if placed.photo_id not in reported:
                    reported.add(placed.photo_id)
                    yield small
                continue
            if ppi < warning_ppi:
                name = file_name(service, placed.photo_id)
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
               "language": language_name(geometry.languages[0])},
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
            % {"language": language_name(language), "tag": language},
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
            what = (file_name(service, text.photo_id) if text.photo_id
                    else _("The text of page %(page)d") % {"page": page.number})  # fmt: skip
            yield Finding(
                Severity.ERROR,
                "caption-overflow" if text.photo_id else "text-overflow",
                _("%(file)s: the text in %(language)s does not fit page %(page)d.")
                % {"file": what, "language": language_name(text.language or "und"),
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
            yield glyph_finding(missing, text.language or "und", place)
