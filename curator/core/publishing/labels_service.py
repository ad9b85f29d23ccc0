"""Wall labels from a project: one per photo, in visit order, with every language's captions.

Photos come section by section in visit order, as the catalogue takes them
(:mod:`curator.core.checks.print_scope`: never a rejected photo nor one in no section; with
``picks_only`` only the picked ones). Each label carries a reference for the installer:
the section's number and the photo's place among its printed photos (``2.3``) and the file
name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from curator.core.checks.print_scope import printed_photos
from curator.core.errors import UsageError
from curator.core.language.languages import normalize_languages
from curator.core.layout.labels import (
    DEFAULT_LABEL_MM,
    DEFAULT_PAPER_MM,
    LabelContent,
    LabelsGeometry,
    labels_geometry,
    sheet_grid,
)
from curator.core.layout.style import Product, TextMeasure
from curator.core.model import PRINTED_FIELDS, CaptionField
from curator.core.services import ProjectService
from curator.core.settings.wall_type import project_label_styles, wall_type
from curator.core.settings.web_address import photo_url, project_base_url
from curator.i18n import _, number_text

#: Smaller than this and a label holds no readable text.
MIN_LABEL_MM = 40.0


@dataclass(frozen=True, slots=True)
class LabelOptions:
    """What the user chose; None takes the default (the project's languages, 130 × 150, A4)."""

    languages: tuple[str, ...] | None = None
    label_mm: tuple[float, float] | None = None
    paper_mm: tuple[float, float] | None = None
    picks_only: bool = False


def resolve_languages(service: ProjectService, languages: Sequence[str] | None) -> tuple[str, ...]:
    """The languages to print, in order: the project's, or those asked for.

    Raises:
        UsageError: A language the project does not have.
    """
    project_languages = service.project.languages()
    if not languages:
        return tuple(project_languages)
    chosen = tuple(normalize_languages(languages))
    unknown = [tag for tag in chosen if tag not in project_languages]
    if unknown:
        raise UsageError(
            _("The project has no captions in %(languages)s; its languages are %(known)s.")
            % {"languages": ", ".join(unknown), "known": ", ".join(project_languages)}
        )
    return chosen


def check_label_size(label_mm: tuple[float, float], paper_mm: tuple[float, float]) -> None:
    """Raise :class:`UsageError` unless labels this size fit on the paper with their marks."""
    width, height = label_mm
    if min(width, height) < MIN_LABEL_MM:
        raise UsageError(
            _("A label of %(width)s × %(height)s mm is too small; labels are at least %(min)s mm.")
            % {
                "width": number_text(width),
                "height": number_text(height),
                "min": number_text(MIN_LABEL_MM),
            }
        )
    _paper, columns, rows = sheet_grid(label_mm, paper_mm)
    if columns * rows == 0:
        raise UsageError(
            _(
                "A label of %(width)s × %(height)s mm does not fit on paper of %(paper_w)s × "
                "%(paper_h)s mm with room for cut marks; choose larger paper (--paper A3)."
            )
            % {
                "width": number_text(width),
                "height": number_text(height),
                "paper_w": number_text(paper_mm[0]),
                "paper_h": number_text(paper_mm[1]),
            }
        )


def label_contents(
    service: ProjectService, languages: Sequence[str], picks_only: bool = False
) -> list[LabelContent]:
    """One label's content per printed photo, in visit order.

    With the project's ``web.base_url`` set, each carries its photo's page in the web
    edition in the first language (its QR code).
    """
    base = project_base_url(service)
    contents = []
    for number, index, photo in printed_photos(service, picks_only):
        captions: dict[str, dict[CaptionField, str]] = {}
        for caption in service.captions.for_photo(photo.id):
            if (
                caption.field in PRINTED_FIELDS
                and caption.language in languages
                and caption.text.strip()
            ):
                captions.setdefault(caption.language, {})[caption.field] = caption.text
        reference = f"{number}.{index} · {photo.path.name}"
        url = photo_url(base, languages[0], photo.id) if base and languages else ""
        contents.append(LabelContent(photo.id, reference, captions, url))
    return contents


def project_labels(
    service: ProjectService, measure: TextMeasure, options: LabelOptions | None = None
) -> LabelsGeometry:
    """The project's labels set and imposed with these options, in its wall type for labels.

    Raises:
        UsageError: An unknown language, or a label that does not fit on the paper.
    """
    options = options or LabelOptions()
    languages = resolve_languages(service, options.languages)
    label_mm = options.label_mm or DEFAULT_LABEL_MM
    paper_mm = options.paper_mm or DEFAULT_PAPER_MM
    check_label_size(label_mm, paper_mm)
    contents = label_contents(service, languages, options.picks_only)
    styles = project_label_styles(service)
    distance = wall_type(service, Product.LABELS)[0]
    return labels_geometry(contents, languages, measure, label_mm, paper_mm, styles, distance)
