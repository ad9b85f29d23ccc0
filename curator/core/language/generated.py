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
from curator.core.model import CaptionField, CaptionStatus, Credit, GlossaryEntry, Photo
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

    Run inside the caller's transaction (or its own). Returns how many fields changed.
    """
    project = service.project.get()
    glossary = service.glossary.all()
    stored = service.project.setting(CREDIT_TEMPLATES_SETTING, {})
    templates = stored if isinstance(stored, dict) else {}
    ids = list(photo_ids) if photo_ids is not None else [p.id for p in service.photos.all()]
    changed = 0
    with service.store.transaction():
        for photo_id in ids:
            photo = service.photos.get(photo_id)
            credits = service.photos.credits(photo_id)
            for language in project.languages:
                made = generate(
                    photo, credits, language, glossary, project.source_language, templates
                )
                for field in GENERATED_FIELDS:
                    current = service.captions.get(photo_id, language, field)
                    if current is not None and current.edited:
                        continue  # the curator's text stays as written
                    rendered = made.get(field, RenderedText("", False))
                    if current is None and not rendered.text:
                        continue
                    status = CaptionStatus.NEEDS_REVIEW if rendered.needs_review else None
                    after = service.captions.set(
                        photo_id, language, field, rendered.text, status, edited=False
                    )
                    if current is None or after.revision != current.revision:
                        changed += 1
    return changed
