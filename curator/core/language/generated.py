"""Place, date and credit captions generated from structured data, in every language.

These three fields start as text made from the photo's data - the capture date as CLDR
writes it in each language, the place through the glossary, the structured credits through
the project's credit templates - and follow that data (a corrected glossary, a changed
template) until the curator edits the field; an edited field is kept as written. A field
made by a rule rather than from the glossary or the data's own language is marked
"needs review".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from curator.core.language.credits import render_credit
from curator.core.language.localized import RenderedText, format_capture_date, render_place
from curator.core.model import CaptionField, Credit, GlossaryEntry, Photo
from curator.core.services import ProjectService

#: Project setting: ``{template key: str.format pattern}`` over credits.DEFAULT_CREDIT_TEMPLATES.
CREDIT_TEMPLATES_SETTING = "credit_templates"

GENERATED_FIELDS = (CaptionField.PLACE, CaptionField.DATE, CaptionField.CREDIT)


def generate(
    photo: Photo,
    credits: Sequence[Credit],
    language: str,
    glossary: Sequence[GlossaryEntry],
    source_language: str,
    templates: Mapping[str, str] | None = None,
) -> dict[CaptionField, RenderedText]:
    """The generated fields of one photo in one language (fields with no data are left out)."""
    result: dict[CaptionField, RenderedText] = {}
    if photo.captured_at is not None:
        result[CaptionField.DATE] = RenderedText(
            format_capture_date(photo.captured_at, language), False
        )
    parts = [p for p in (photo.sublocation, photo.city, photo.country) if p]
    if parts:
        place = render_place(parts, language, glossary, source_language)
        if place.text:
            result[CaptionField.PLACE] = place
    lines = [render_credit(credit, language, glossary, templates) for credit in credits]
    lines = [line for line in lines if line.text]
    if lines:
        result[CaptionField.CREDIT] = RenderedText(
            "; ".join(line.text for line in lines), any(line.needs_review for line in lines)
        )
    return result


def refresh_generated(service: ProjectService, photo_ids: Iterable[str] | None = None) -> int:
    """Regenerate the place, date and credit fields the curator has not edited.

    The operation ``service.operations.captions.regenerate``: runs inside the caller's
    transaction (or its own). Returns how many fields changed.
    """
    return len(service.operations.captions.regenerate(photo_ids).captions)
