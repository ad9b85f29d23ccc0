"""Preflight of the catalogue's cover sheet (``curator check --product cover``).

- the front's photo across the front panel and its bleed: a warning below the catalogue's
  warning resolution (the cover is printed with the book), saying when it is below the
  error resolution too. Only a warning: the cover works with nothing chosen, and the
  default photo (the first of the first section) must not stop it; a warning too when there
  is no photo to show at all;
- the spine: a warning when it is too thin for any text, and one naming the languages whose
  title does not fit its length (the spine carries the others, never a smaller size);
- the titles: a warning for each language the catalogue has no title in (its cover leaves
  that language out);
- reversed type (white out of the cover's ground): an error for text smaller than
  :data:`~curator.core.layout.cover.MIN_REVERSED_PT` or not bold below
  :data:`~curator.core.language.typography.REVERSED_BOLD_BELOW_PT`, which misregistration fills in.

The chosen photo that is not in the project any more is
:mod:`curator.core.publishing.cover_service`'s
warning; its original missing or damaged is preflight's, as for every product.
"""

from __future__ import annotations

from collections.abc import Iterator

from curator.core.checks.findings import Finding, Severity, file_name, language_name
from curator.core.language.typography import REVERSED_BOLD_BELOW_PT
from curator.core.layout.catalogue_model import Tone
from curator.core.layout.catalogue_text import REVERSED_TONES
from curator.core.layout.cover import MIN_REVERSED_PT, SPINE_MIN_PT, spine_pt
from curator.core.layout.style import Product
from curator.core.publishing.catalogue_texts import missing_titles
from curator.core.publishing.cover_service import ProjectCover
from curator.core.services import ProjectService
from curator.core.settings.print_thresholds import ppi_thresholds
from curator.i18n import _, number_text

#: The cover is printed with the catalogue, at its resolution thresholds.
THRESHOLDS_OF = Product.CATALOGUE


def cover_checks(service: ProjectService, cover: ProjectCover) -> list[Finding]:
    """Every finding on the cover sheet (besides its photo's original, checked by preflight)."""
    return [
        *_photo(service, cover),
        *_spine(service, cover),
        *_titles(service, cover),
        *_reversed(cover),
    ]


def _photo(service: ProjectService, cover: ProjectCover) -> Iterator[Finding]:
    sheet = cover.sheet
    if not sheet.page.photos:
        yield Finding(
            Severity.WARNING,
            "cover-photo-none",
            _("No section has a photo: the cover's front is printed without one."),
            page=1,
        )
        return
    warning_ppi, error_ppi = ppi_thresholds(service, THRESHOLDS_OF)
    for placed in sheet.page.photos:
        ppi = round(placed.effective_ppi)
        if ppi >= warning_ppi:
            continue
        front = sheet.front
        coarse = (
            _(" (below %(error)d ppi, which the catalogue counts as an error)")
            % {"error": round(error_ppi)}
            if ppi < error_ppi
            else ""
        )
        yield Finding(
            Severity.WARNING,
            "cover-photo-resolution",
            _(
                "%(file)s prints at %(ppi)d ppi%(coarse)s across the cover's front and its "
                "bleed (%(width)s × %(height)s mm); at least %(minimum)d wanted. Choose a "
                "larger photo for the cover."
            )
            % {
                "file": file_name(service, placed.photo_id),
                "ppi": ppi,
                "coarse": coarse,
                "width": number_text(round(front.width_mm + sheet.panel.bleed_mm, 1)),
                "height": number_text(round(front.height_mm + 2 * sheet.panel.bleed_mm, 1)),
                "minimum": round(warning_ppi),
            },
            photo_id=placed.photo_id,
            page=1,
        )


def _spine(service: ProjectService, cover: ProjectCover) -> Iterator[Finding]:
    sheet = cover.sheet
    titled = [tag for tag in cover.options.languages if cover.content.title.get(tag, "").strip()]
    if not titled:
        return  # no title at all: the titles' warning says so
    if spine_pt(sheet.spine_mm) < SPINE_MIN_PT:
        yield Finding(
            Severity.WARNING,
            "spine-too-thin",
            _(
                "The spine is %(spine)s mm wide (%(pages)d pages at %(caliper)s mm a leaf): "
                "too thin for its title at %(size)s pt, so it carries none."
            )
            % {
                "spine": number_text(sheet.spine_mm, 1),
                "pages": sheet.book_pages,
                "caliper": number_text(sheet.caliper_mm),
                "size": number_text(SPINE_MIN_PT),
            },
            page=1,
        )
        return
    printed = sheet.spine.languages if sheet.spine else ()
    left_out = [tag for tag in titled if tag not in printed]
    if left_out:
        yield Finding(
            Severity.WARNING,
            "spine-title-left-out",
            _(
                "The spine's length holds the title in %(printed)s only; %(left)s is left out "
                "(spine text is never set smaller than %(size)s pt). A shorter title would fit."
            )
            % {
                "printed": ", ".join(language_name(tag) for tag in printed) or "-",
                "left": ", ".join(language_name(tag) for tag in left_out),
                "size": number_text(sheet.spine.size_pt if sheet.spine else SPINE_MIN_PT),
            },
            language=left_out[0],
            page=1,
        )


def _titles(service: ProjectService, cover: ProjectCover) -> Iterator[Finding]:
    for language in missing_titles(service, cover.options.languages):
        yield Finding(
            Severity.WARNING,
            "cover-title-missing",
            _(
                "The catalogue has no title in %(language)s: the cover leaves the %(language)s "
                "title out. Set it in Catalogue Texts (curator catalogue texts PROJECT --set "
                "title %(tag)s TEXT)."
            )
            % {"language": language_name(language), "tag": language},
            language=language,
            page=1,
        )


def _reversed(cover: ProjectCover) -> Iterator[Finding]:
    sheet = cover.sheet
    texts = [(t.text, t.font, t.size_pt, t.language) for t in sheet.page.texts
             if t.tone in REVERSED_TONES]  # fmt: skip
    if sheet.spine is not None and sheet.spine.tone in (Tone.INVERSE, Tone.INVERSE_MUTED):
        spine = sheet.spine
        texts.append((spine.text, spine.font, spine.size_pt, None))
    for text, font, size, language in texts:
        too_small = size < MIN_REVERSED_PT - 1e-6
        too_thin = size < REVERSED_BOLD_BELOW_PT and "Bold" not in font
        if not (too_small or too_thin):
            continue
        yield Finding(
            Severity.ERROR,
            "cover-reversed-type",
            _(
                "“%(text)s” is reversed out of the cover's ground at %(size)s pt%(face)s: "
                "reversed text must be at least %(minimum)s pt, and bold below %(bold)s pt, "
                "or misregistration fills it in."
            )
            % {
                "text": text if len(text) <= 40 else text[:39] + "…",
                "size": number_text(round(size, 1)),
                "face": "" if "Bold" in font else _(", not bold"),
                "minimum": number_text(MIN_REVERSED_PT),
                "bold": number_text(REVERSED_BOLD_BELOW_PT),
            },
            language=language,
            page=1,
        )
