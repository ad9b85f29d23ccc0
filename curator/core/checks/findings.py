"""What preflight reports: a finding tied to its place, and the words findings share.

A :class:`Finding` names what would print wrong and where (section, panel, slot, photo,
language, page), so the window can jump there and ``curator check`` can list it. The
helpers name photos, sections and languages the same way in every product's checks
(:mod:`curator.core.checks.preflight`, :mod:`curator.core.checks.preflight_wall`,
:mod:`curator.core.checks.preflight_cover`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from curator.core.language.languages import display_name
from curator.core.layout import MM_PER_INCH, Rect
from curator.core.layout.style import Product
from curator.core.services import ProjectService
from curator.core.settings.print_thresholds import min_photo_mm, ppi_thresholds
from curator.i18n import PSEUDO_LANGUAGE, _, current_language, number_text


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


def language_name(tag: str) -> str:
    """The language's name in the interface language ("Vietnamese", "вьетнамский")."""
    interface = current_language()
    return display_name(tag, "en" if interface == PSEUDO_LANGUAGE else interface)


def file_name(service: ProjectService, photo_id: str | None) -> str:
    """The photo's file name ("?" for no photo)."""
    return service.photos.get(photo_id).path.name if photo_id else "?"


def section_name(service: ProjectService, section_id: str | None) -> str:
    """The section's title in the first project language that has one."""
    if section_id is None:
        return ""
    title = service.exhibition.section(section_id).title
    for language in service.project.languages():
        if title.get(language):
            return title[language]
    return next(iter(title.values()), section_id)


def glyph_finding(missing: str, language: str, place: dict[str, Any]) -> Finding:
    """An error naming the characters the fonts cannot print."""
    return Finding(
        Severity.ERROR,
        "missing-glyphs",
        _("The fonts cannot print these characters: %(chars)s")
        % {"chars": " ".join(sorted(set(missing)))},
        language=language,
        **place,
    )


def too_small(
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
            "%(size)s mm at most, less than the %(minimum)s mm a photo in %(product)s "
            "needs. Relink a larger original, or take the photo out of its section."
        )
        % {
            "file": photo.path.name,
            "width": width,
            "height": height,
            "ppi": round(error_ppi),
            "size": number_text(largest_mm, 1),
            "minimum": number_text(minimum),
            "product": products[product],
        },
        **place,
    )
